"""Search inside files: the snippet comes from the page or slide that holds the words, and
the result says where."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from sonla_kb.attachments import services
from sonla_kb.search.backends.whoosh import searcher, writer
from sonla_kb.search.backends.whoosh.schema import build_schema
from sonla_kb.search.locate import pages_matching, query_terms, snippet_and_location
from sonla_kb.search.snippets import Terms
from tests.factories import PolicyFactory, PresentationFactory, StudyFactory
from tests.search.conftest import find, keys

from .conftest import NOTES_WORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_deck(live, deck):
    """Presentation p07 with the eight-slide deck attached."""
    presentation = live(PresentationFactory, key="p07", title="Quality of processing")
    live(services.attach_file, record=presentation, name="slides.pptx", data=deck)
    return presentation


def test_a_word_only_in_speaker_notes_finds_the_presentation_at_its_slide(with_deck):
    answer = find(NOTES_WORD)
    assert answer["total"] == 1
    [result] = answer["results"]
    assert result["key"] == "p07"
    assert result["location"] == "slides.pptx, slide 7"
    assert f"<mark>{NOTES_WORD}</mark>" in result["snippet"]
    assert "Proposals" in result["snippet"]


def test_words_in_the_records_own_text_keep_its_snippet(with_deck):
    [result] = find("processing")["results"]
    assert result["location"] is None
    assert "<mark>processing</mark>" not in result["snippet"]  # the title is not the snippet
    assert find("", type="presentation")["results"][0]["location"] is None


def test_every_result_has_a_location_key(live):
    live(PolicyFactory, key="pol", title="Shade trees")
    assert find("shade")["results"][0]["location"] is None


def test_the_results_page_says_where(client, with_deck):
    html = client.get(reverse("search"), {"q": NOTES_WORD}).content.decode()
    assert "Found in slides.pptx, slide 7" in html
    assert f"/presentations/p07/?hl={NOTES_WORD}" in html


def test_the_database_fallback_searches_file_text_too(with_deck, index):
    import shutil

    shutil.rmtree(index)
    searcher.forget()
    answer = find(NOTES_WORD)
    assert "database" in answer["notice"]
    assert keys(answer) == ["p07"]
    assert answer["results"][0]["location"] == "slides.pptx, slide 7"


def test_study_files_are_found_on_their_page(live, report_pdf):
    study = live(StudyFactory, key="study")
    live(services.attach_file, record=study, name="report.pdf", data=report_pdf)
    [result] = find("drying yards")["results"]
    assert (result["key"], result["location"]) == ("study", "report.pdf, page 2")


def test_the_best_page_is_the_one_with_most_matches():
    pages = [
        ["a.pdf", "page", 1, "coffee once"],
        ["a.pdf", "page", 2, "coffee and coffee and coffee"],
        ["b.pptx", "slide", 3, "coffee twice coffee"],
    ]
    snippet, location = snippet_and_location("Own text.", pages, Terms.of(words={"coffee"}))
    assert location == "a.pdf, page 2"
    assert snippet.count("<mark>") == 3


def test_no_terms_or_no_page_match_keep_the_record_snippet():
    pages = [["a.pdf", "page", 1, "coffee"]]
    assert snippet_and_location("Own text.", pages, Terms.of()) == ("Own text.", None)
    assert snippet_and_location("Own text.", pages, Terms.of(words={"tea"})) == ("Own text.", None)


def test_pages_matching_prefers_pages_with_every_word():
    pages = ["Coffee policies", "Policy on coffee exports", "Exports only", "Nothing"]
    assert pages_matching("coffee exports", pages) == [2]
    assert pages_matching("coffee OR tea", pages) == [1, 2]
    assert pages_matching("policies", pages) == [1, 2]  # by stem
    assert pages_matching("cà phê", ["Cà phê Sơn La", "Ca phe"]) == [1, 2]
    assert pages_matching("", pages) == []
    assert pages_matching("the", ["the end"]) == [1]  # only stop words: they count


def test_query_terms_drop_operators_and_stop_words():
    terms = query_terms("the coffee AND NOT policies")
    assert terms.words == {"coffee", "policies"}


def test_an_index_from_before_files_is_rebuilt_by_check_index(live, deck, monkeypatch, settings):
    def old_schema():
        schema = build_schema()
        schema.remove("pages")
        return schema

    monkeypatch.setattr(writer, "build_schema", old_schema)
    writer.rebuild()
    monkeypatch.undo()
    searcher.forget()
    presentation = live(PresentationFactory, key="p07")
    # The old index cannot take the new document; the change waits in the log.
    live(services.attach_file, record=presentation, name="slides.pptx", data=deck)
    assert find(NOTES_WORD)["total"] == 0

    with pytest.raises(CommandError, match="must be rebuilt"):
        call_command("check_index", stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_index", "--repair", stdout=out)

    assert "predates the fields pages" in out.getvalue()
    searcher.forget()
    assert keys(find(NOTES_WORD)) == ["p07"]
