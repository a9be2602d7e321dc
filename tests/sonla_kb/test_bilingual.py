"""Which version of bilingual content a page shows first, and in which language (pure)."""

from types import SimpleNamespace

from sonla_kb.bilingual import Text, localized, record_text


def _record(**fields):
    defaults = {"language": "en", "title": "", "title_translated": ""}
    return SimpleNamespace(**(defaults | fields))


def test_the_reader_of_the_records_language_sees_the_original_and_the_translation_apart():
    record = _record(title="Plan for replanting", title_translated="Kế hoạch tái canh")
    shown = record_text(record, "title", language="en")
    assert shown.main == Text("Plan for replanting", "en")
    assert shown.other == Text("Kế hoạch tái canh", "vi", translated=True)


def test_the_reader_of_the_other_language_sees_the_translation_first():
    record = _record(language="vi", title="Chỉ thị", title_translated="Directive")
    shown = record_text(record, "title", language="en")
    assert shown.main == Text("Directive", "en", translated=True)
    assert shown.other == Text("Chỉ thị", "vi")


def test_without_a_translation_the_original_is_all_there_is():
    shown = record_text(_record(title="Plan"), "title", language="vi")
    assert (shown.main, shown.other) == (Text("Plan", "en"), None)


def test_an_english_field_shows_its_vietnamese_twin_to_vietnamese_readers_only():
    indicator = SimpleNamespace(note="As of 2024.", note_vi="Tính đến năm 2024.", scope="Son La")
    assert localized(indicator, "note", language="vi") == Text("Tính đến năm 2024.", "vi")
    assert localized(indicator, "note", language="en") == Text("As of 2024.", "en")
    # No twin: the English text, said to be English.
    assert localized(indicator, "scope", language="vi") == Text("Son La", "en")
