"""/data/: the public knowledge base downloads, their licence and date, and the re-import."""

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from presentations.models import Feedback
from sonla_kb.attachments.models import Attachment
from sonla_kb.attachments.services import attach_file
from sonla_kb.interchange.importer import import_data, import_file
from sonla_kb.opendata.dataset import TABLES
from tests.attachments.builders import make_pdf
from tests.factories import (
    FeedbackFactory,
    IndicatorFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    TermFactory,
    ThemeFactory,
    WorkshopFactory,
)
from tests.interchange.helpers import wipe_kb

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge_base():
    """A small knowledge base with one unpublished feedback and a theme only it carries."""
    ThemeFactory(name="GAP", slug="gap", name_vi="VietGAP")
    ThemeFactory(name="Secret theme", slug="secret-theme")
    WorkshopFactory(title="Hội thảo chính sách cà phê Sơn La", date=None)
    study = StudyFactory(key="study", year=2025, tags=["GAP"])
    talk = PresentationFactory(key="p01", order=1, title="Cà phê & GI", language="vi")
    attach_file(record=talk, name="slides.pdf", data=make_pdf(["Chỉ dẫn địa lý Sơn La"]))
    policy = PolicyFactory(
        key="pol-2017-gi", issued_on=dt.date(2017, 7, 5), tags=["GAP"], sample=False
    )
    FeedbackFactory(key="fb-001", policy=policy, text="Public words", tags=["GAP"])
    FeedbackFactory(
        key="fb-002", study=study, text="Hidden words", published=False, tags=["Secret theme"]
    )
    IndicatorFactory(key="coffee-area", value=Decimal("23312"), year=2024)
    TermFactory(key="gi")


def _public_sections(document: dict) -> dict:
    """A kb-format document without its `dataset` description (which carries the date)."""
    return {name: value for name, value in document.items() if name != "dataset"}


def test_the_json_download_holds_public_content_with_licence_and_date(client, knowledge_base):
    response = client.get(reverse("data-json"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="sonla-kb-')
    assert 'rel="license"' in response["Link"]
    document = json.loads(b"".join(response.streaming_content))
    assert document["format"] == "sonla-kb/1"
    assert document["dataset"]["licence"] == "CC BY 4.0"
    assert document["dataset"]["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    updated = dt.datetime.fromisoformat(document["dataset"]["updated"])
    assert abs(timezone.now() - updated) < dt.timedelta(minutes=10)
    assert [f["key"] for f in document["feedback"]] == ["fb-001"]
    assert "Hidden words" not in json.dumps(document, ensure_ascii=False)
    assert [t["name"] for t in document["themes"]] == ["GAP"]
    assert all("files" not in p for p in document["presentations"])


def test_the_licence_is_a_setting(client, knowledge_base, settings):
    settings.DATA_LICENCE, settings.DATA_LICENCE_URL = "ODbL 1.0", "https://example.org/odbl"

    document = json.loads(b"".join(client.get(reverse("data-json")).streaming_content))
    rows = list(csv.DictReader(io.StringIO(_csv_text(client, "policies"))))

    assert document["dataset"]["licence"] == "ODbL 1.0"
    assert {row["licence"] for row in rows} == {"ODbL 1.0"}
    assert "ODbL 1.0" in client.get(reverse("about")).content.decode()


def test_a_downloaded_json_reimports_into_an_empty_database_as_the_same_content(
    client, knowledge_base
):
    first = json.loads(b"".join(client.get(reverse("data-json")).streaming_content))

    wipe_kb()
    import_data(data=first)
    second = json.loads(b"".join(client.get(reverse("data-json")).streaming_content))

    assert _public_sections(second) == _public_sections(first)
    assert not Feedback.objects.filter(published=False).exists()


def test_the_zip_carries_the_files_and_reimports_with_them(client, knowledge_base, tmp_path):
    response = client.get(reverse("data-zip"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert "LICENCE.txt" in names and "kb.json" in names
    assert "files/presentations/p01/slides.pdf" in names
    assert "CC BY 4.0" in archive.read("LICENCE.txt").decode()
    first = json.loads(archive.read("kb.json"))
    archive.extractall(tmp_path / "unzipped")

    wipe_kb()
    Attachment.objects.all().delete()
    import_file(path=tmp_path / "unzipped" / "kb.json")
    again = zipfile.ZipFile(io.BytesIO(b"".join(client.get(reverse("data-zip")).streaming_content)))

    assert _public_sections(json.loads(again.read("kb.json"))) == _public_sections(first)
    assert again.read("files/presentations/p01/slides.pdf") == archive.read(
        "files/presentations/p01/slides.pdf"
    )


def _csv_text(client, table: str) -> str:
    response = client.get(reverse("data-csv", kwargs={"table": table}))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_each_kind_of_record_downloads_as_csv_with_licence_and_date(client, knowledge_base):
    for table in TABLES:
        rows = list(csv.DictReader(io.StringIO(_csv_text(client, table))))
        assert rows, table
        assert {row["licence"] for row in rows} == {"CC BY 4.0"}, table
        assert all(row["dataset_updated"] for row in rows), table

    feedback = list(csv.DictReader(io.StringIO(_csv_text(client, "feedback"))))
    assert [(row["key"], row["about"], row["tags"]) for row in feedback] == [
        ("fb-001", "policy:pol-2017-gi", "GAP")
    ]


def test_an_unknown_table_is_a_404(client):
    assert client.get("/data/users.csv").status_code == 404


def test_the_data_page_links_every_download_in_both_languages(client, knowledge_base):
    for language, heading in (("en", "Open data"), ("vi", "Dữ liệu mở")):
        page = client.get(reverse("data"), headers={"accept-language": language})
        html = page.content.decode()
        assert page.status_code == 200 and f"<h1>{heading}</h1>" in html
        for url in (reverse("data-json"), reverse("data-zip")):
            assert f'href="{url}"' in html
        for table in TABLES:
            assert f'href="{reverse("data-csv", kwargs={"table": table})}"' in html
