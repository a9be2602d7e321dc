"""The Vietnamese catalogue: complete, not fuzzy, compiled, and in step with the code."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.i18n import pofile

LOCALE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]")


def entries() -> list[pofile.Entry]:
    return [e for e in pofile.parse(PO.read_text(encoding="utf-8")) if not e.obsolete]


def messages() -> list[pofile.Entry]:
    return [e for e in entries() if e.msgid]


def test_catalogue_header_is_vietnamese_utf8_with_one_plural_form():
    (header,) = [e for e in entries() if e.msgid == ""]
    text = header.msgstr[None]
    assert "Language: vi" in text
    assert "charset=UTF-8" in text
    assert "nplurals=1" in text
    assert "fuzzy" not in header.flags


def test_every_message_is_translated_and_none_is_fuzzy():
    found = messages()
    assert len(found) > 200
    untranslated = [e.msgid for e in found if not e.translated]
    fuzzy = [e.msgid for e in found if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_every_placeholder():
    for entry in messages():
        allowed = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        needed = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for translation in entry.msgstr.values():
            used = set(PLACEHOLDER.findall(translation))
            assert needed <= used <= allowed, entry.msgid


def test_translations_are_vietnamese_not_copies():
    # Names, codes and formats may stay as they are; prose must be translated.
    copied = [
        e.msgid
        for e in messages()
        if sum(w[:1].islower() for w in e.msgid.split()) >= 2
        and e.msgstr.get(None, e.msgstr.get(0)) == e.msgid
    ]
    assert copied == []


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo is what the .po compiles to: the site needs no gettext tools to run."""
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for entry in messages():
        context = f"{entry.msgctxt}\x04" if entry.msgctxt is not None else ""
        if entry.msgid_plural is None:
            assert catalogue._catalog.get(context + entry.msgid) == entry.msgstr[None], entry.msgid
        else:
            assert catalogue._catalog.get((context + entry.msgid, 0)) == entry.msgstr[0], (
                entry.msgid
            )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) is not installed")
def test_po_file_compiles_with_format_checks(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext (gettext) is not installed")
def test_catalogue_holds_every_string_the_code_marks_for_translation(tmp_path):
    """makemessages on a copy of the code finds no message that the catalogue lacks."""
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    copy.mkdir()
    for name in ("sonla_kb", "policies", "presentations", "templates", "static", "locale"):
        if (base / name).exists():
            shutil.copytree(base / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(base / "manage.py", copy / "manage.py")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-obsolete"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "sonla_kb.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    fresh = pofile.parse(
        (copy / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    )
    have = {(e.msgctxt, e.msgid) for e in messages()}
    missing = sorted(
        (e.msgctxt or "", e.msgid) for e in fresh if e.msgid and (e.msgctxt, e.msgid) not in have
    )
    assert missing == [], (
        "Run `python manage.py makemessages -l vi --ignore=.venv/* --ignore=bench/*`, translate, "
        "and `compilemessages`"
    )
