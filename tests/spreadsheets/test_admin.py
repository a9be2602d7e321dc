"""Spreadsheets in the admin: a preview, then all or nothing, with history; export to XLSX."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from policies.models import Indicator, PolicyMeasure
from presentations.models import Feedback
from sonla_kb.glossary.models import Term
from tests.factories import FeedbackFactory, IndicatorFactory, PolicyFactory, TermFactory

from .helpers import CSV, confirm, read_xlsx, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

POLICY_COLUMNS = ("key", "number", "title", "kind", "issuer", "issued_on", "status", "tags")


def policy_sheet() -> bytes:
    return xlsx_bytes(
        [
            POLICY_COLUMNS,
            (
                "decision-2026-1",
                "12/QĐ-UBND",
                "Quyết định về mã số vùng trồng",
                "decision",
                "UBND tỉnh Sơn La",
                dt.datetime(2026, 12, 1),
                "in_force",
                "Planting area codes; GAP",
            ),
            ("kept", "", "Kept as it is", "plan", "DARD", "2020-05-01", "in_force", ""),
            ("changed", "", "A new title", "plan", "DARD", "2020-05-01", "expired", ""),
        ]
    )


@pytest.fixture
def existing_policies():
    kept = PolicyFactory(
        key="kept", title="Kept as it is", kind="plan", issuer="DARD", body="Long text kept."
    )
    changed = PolicyFactory(key="changed", title="An old title", kind="plan", issuer="DARD")
    return kept, changed


def test_preview_shows_created_changed_and_left_alone_and_writes_nothing(
    admin_client, existing_policies
):
    response = upload(admin_client, "policymeasure", policy_sheet())
    assert response.status_code == 200
    report = response.context["result"].report
    assert report.problems == []
    assert [(r.line, r.key, r.outcome) for r in report.rows] == [
        (2, "decision-2026-1", "created"),
        (3, "kept", "unchanged"),
        (4, "changed", "updated"),
    ]
    html = response.content.decode()
    assert "1 record will be created" in html and "1 record will be changed" in html
    assert "An old title" in html and "A new title" in html and "expired" in html
    assert 'name="confirm"' in html
    # Nothing written yet: no record, no theme, no version.
    assert not PolicyMeasure.objects.filter(key="decision-2026-1").exists()
    assert PolicyMeasure.objects.get(key="changed").title == "An old title"
    assert PolicyMeasure.history.count() == 2


def test_confirm_writes_it_all_with_history_and_keeps_left_out_columns(
    admin_client, admin_user, existing_policies
):
    preview = upload(admin_client, "policymeasure", policy_sheet())
    response = confirm(admin_client, "policymeasure", preview)
    assert response.status_code == 302
    created = PolicyMeasure.objects.get(key="decision-2026-1")
    assert created.issued_on == dt.date(2026, 12, 1)
    assert created.number == "12/QĐ-UBND"
    assert sorted(created.tags.names()) == ["GAP", "Planting area codes"]
    changed = PolicyMeasure.objects.get(key="changed")
    assert (changed.title, changed.status) == ("A new title", "expired")
    kept = PolicyMeasure.objects.get(key="kept")
    assert kept.body == "Long text kept."  # no body column: the text stays
    versions = PolicyMeasure.history.filter(key__in=["decision-2026-1", "changed"])
    latest = versions.order_by("-history_date", "-history_id").first()
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "Spreadsheet import: sheet.xlsx"
    assert not PolicyMeasure.history.filter(key="kept", history_change_reason__isnull=False)
    assert LogEntry.objects.filter(object_repr="Quyết định về mã số vùng trồng").exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Imported: 1 created, 1 changed, 1 left as they were."]


def test_a_bad_sheet_changes_nothing_and_lists_each_problem_on_its_line(
    admin_client, existing_policies
):
    before = list(PolicyMeasure.objects.order_by("key").values())
    sheet = xlsx_bytes(
        [
            (*POLICY_COLUMNS, "colour"),
            ("ok-1", "", "Fine", "decision", "UBND", "2026-12-01", "in_force", "", ""),
            ("Bad Key", "", "T", "decision", "UBND", "2026-12-01", "in_force", "", ""),
            ("ok-2", "", "T", "law", "UBND", "01/12/2026", "in_force", "", ""),
            ("changed", "", "", "plan", "DARD", "2020-05-01", "in_force", "", ""),
            ("ok-1", "", "Again", "decision", "UBND", "2026-12-01", "in_force", "", ""),
        ]
    )
    response = upload(admin_client, "policymeasure", sheet)
    problems = response.context["result"].report.problems
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert problems[0].startswith("Column 9 (“colour”): not a column of this sheet")
    joined = "\n".join(problems)
    assert "Line 3, key: not a key" in joined
    assert "Line 4, kind: not one of" in joined
    assert "Line 4, issued_on: not a date in YYYY-MM-DD: '01/12/2026'" in joined
    assert "Line 5, title: must not be empty" in joined
    assert "given already on line 2" in joined
    html = response.content.decode()
    assert f"the sheet has {len(problems)} problems" in html
    assert html.count("<li>Line ") >= 5
    assert list(PolicyMeasure.objects.order_by("key").values()) == before
    assert PolicyMeasure.history.count() == 2


def test_a_confirm_of_a_sheet_that_no_longer_fits_writes_nothing(admin_client):
    PolicyFactory(key="resolution-1")
    sheet = xlsx_bytes(
        [
            ("key", "author", "about", "text", "submitted_on"),
            ("fb-300", "Hoa", "policy:resolution-1", "About it", "2026-12-01"),
            ("fb-301", "Lan", "", "In general", "2026-12-01"),
        ]
    )
    preview = upload(admin_client, "feedback", sheet)
    assert preview.context["result"].report.problems == []
    PolicyMeasure.objects.filter(key="resolution-1").delete()  # meanwhile, in another tab
    response = confirm(admin_client, "feedback", preview, follow=True)
    html = response.content.decode()
    assert "Nothing was imported: the sheet has one problem now." in html
    assert "Line 2, about: no policy with the key &#x27;resolution-1&#x27;" in html
    assert not Feedback.objects.exists()


def test_csv_with_an_ambiguous_date_is_refused(admin_client):
    csv = b"key,author,text,submitted_on\nfb-100,Hoa,Good,01/12/2026\n"
    response = upload(admin_client, "feedback", csv, name="feedback.csv", fmt=CSV)
    problems = response.context["result"].report.problems
    assert problems == ["Line 2, submitted_on: not a date in YYYY-MM-DD: '01/12/2026'"]
    assert not Feedback.objects.exists()


def test_feedback_sheet_with_about_and_defaults(admin_client):
    policy = PolicyFactory(key="resolution-1")
    sheet = xlsx_bytes(
        [
            ("key", "author", "about", "text", "submitted_on", "published", "language"),
            (
                "fb-200",
                "Hoa",
                "policy:resolution-1",
                "Cần thêm hỗ trợ",
                "2026-12-01",
                "không",
                "vi",
            ),
            ("fb-201", "Lan", "", "Good workshop", dt.date(2026, 11, 30), None, None),
            ("fb-202", "Minh", "policy:missing", "?", "2026-12-01", True, "en"),
        ]
    )
    response = upload(admin_client, "feedback", sheet)
    assert response.context["result"].report.problems == [
        "Line 4, about: no policy with the key 'missing' in the file or the database"
    ]
    sheet = xlsx_bytes(
        [
            ("key", "author", "about", "text", "submitted_on", "published", "language"),
            (
                "fb-200",
                "Hoa",
                "policy:resolution-1",
                "Cần thêm hỗ trợ",
                "2026-12-01",
                "không",
                "vi",
            ),
            ("fb-201", "Lan", "", "Good workshop", dt.date(2026, 11, 30), None, None),
        ]
    )
    confirm(admin_client, "feedback", upload(admin_client, "feedback", sheet))
    first, second = Feedback.objects.order_by("key")
    assert (first.policy, first.published, first.language) == (policy, False, "vi")
    assert (second.about, second.published, second.language, second.sample) == (
        None,
        True,
        "en",
        False,
    )


def test_export_to_xlsx_and_import_back_changes_nothing(admin_client):
    PolicyFactory(key="p-1", title='=HYPERLINK("http://x")', tags=["GAP", "OCOP"])
    IndicatorFactory(key="coffee-area", value=Decimal("23312"), unit="ha")
    IndicatorFactory(key="arabica-share", value=Decimal("47.9"), unit="%")
    FeedbackFactory(key="fb-001", policy=PolicyMeasure.objects.get(), published=False)
    TermFactory(key="gap", english="good agricultural practice\nGAP", vietnamese="VietGAP")
    for model, app in (
        ("policymeasure", "policies"),
        ("indicator", "policies"),
        ("feedback", "presentations"),
        ("term", "sonla_kb"),
    ):
        url = reverse(f"admin:{app}_{model}_export")
        response = admin_client.post(url, {"format": "0", "resource": "0"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        rows = read_xlsx(response.content)
        if model == "policymeasure":
            assert rows[0][:3] == ("key", "number", "title")
            assert "body" not in rows[0]
            assert rows[1][2] == '=HYPERLINK("http://x")'  # text, not a formula
            assert rows[1][rows[0].index("tags")] == "GAP; OCOP"
        if model == "indicator":
            values = {row[0]: row[rows[0].index("value")] for row in rows[1:]}
            assert values == {"arabica-share": 47.9, "coffee-area": 23312}
        if model == "feedback":
            assert rows[1][rows[0].index("about")] == "policy:p-1"
        if model == "term":
            assert rows[1][rows[0].index("english")] == "good agricultural practice; GAP"
        report = upload(admin_client, model, response.content).context["result"].report
        assert report.problems == []
        assert {row.outcome for row in report.rows} == {"unchanged"}


def test_filtered_export_has_only_the_filtered_records(admin_client):
    PolicyFactory(key="in-force", status="in_force")
    PolicyFactory(key="expired", status="expired")
    url = reverse("admin:policies_policymeasure_export") + "?status__exact=expired"
    rows = read_xlsx(admin_client.post(url, {"format": "0", "resource": "0"}).content)
    assert [row[0] for row in rows[1:]] == ["expired"]


def test_import_needs_add_and_change_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_indicator"))
    client.force_login(clerk)
    assert client.get(reverse("admin:policies_indicator_import")).status_code == 403
    assert client.get(reverse("admin:policies_indicator_export")).status_code == 200


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(admin_client):
    response = upload(admin_client, "indicator", b"not a zip at all")
    assert "This file cannot be read in the format chosen" in response.content.decode()
    assert not Indicator.objects.exists()


def test_an_oversized_file_is_refused_unread(admin_client, monkeypatch):
    monkeypatch.setattr("sonla_kb.spreadsheets.admin.MAX_UPLOAD_BYTES", 100)
    response = upload(admin_client, "indicator", xlsx_bytes([("key",)] + [("k",)] * 50))
    assert "a spreadsheet may be at most" in response.content.decode()


def test_import_page_in_vietnamese(admin_client):
    html = admin_client.get(
        reverse("admin:policies_indicator_import"), HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    assert "Nhập" in html and "Kiểm tra tệp" in html


def test_glossary_terms_import_with_a_preview_and_history(admin_client, admin_user):
    TermFactory(key="cherry", english="coffee cherry", vietnamese="quả cà phê")
    sheet = xlsx_bytes(
        [
            ("key", "english", "vietnamese", "synonyms", "note"),
            ("area-code", "planting area code; area code", "mã số vùng trồng", "PUC", ""),
            ("cherry", "coffee cherry\nripe cherry", "quả cà phê\ncà phê chín", "", "Picked red"),
        ]
    )
    list_html = admin_client.get(reverse("admin:sonla_kb_term_changelist")).content.decode()
    assert reverse("admin:sonla_kb_term_import") in list_html
    preview = upload(admin_client, "term", sheet, name="glossary.xlsx")
    report = preview.context["result"].report
    assert report.problems == []
    assert [(r.key, r.outcome) for r in report.rows] == [
        ("area-code", "created"),
        ("cherry", "updated"),
    ]
    assert not Term.objects.filter(key="area-code").exists()  # the preview writes nothing
    assert confirm(admin_client, "term", preview).status_code == 302
    created = Term.objects.get(key="area-code")
    assert (created.english, created.vietnamese, created.synonyms) == (
        "planting area code\narea code",
        "mã số vùng trồng",
        "PUC",
    )
    changed = Term.objects.get(key="cherry")
    assert changed.vietnamese == "quả cà phê\ncà phê chín" and changed.note == "Picked red"
    latest = Term.history.filter(key="cherry").order_by("-history_id").first()
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "Spreadsheet import: glossary.xlsx"


def test_a_bad_glossary_sheet_changes_nothing(admin_client):
    TermFactory(key="cherry", english="coffee cherry", vietnamese="quả cà phê")
    before = list(Term.objects.values())
    sheet = xlsx_bytes(
        [
            ("key", "english", "vietnamese"),
            ("ok", "washed coffee", "cà phê chế biến ướt"),
            ("no-vietnamese", "dry processing", ""),
            ("cherry", "x" * 201, "quả cà phê"),
        ]
    )
    response = upload(admin_client, "term", sheet)
    problems = response.context["result"].report.problems
    joined = "\n".join(problems)
    assert "Line 3, vietnamese" in joined and "Line 4, english" in joined
    assert len(problems) == 2
    assert f"the sheet has {len(problems)} problems" in response.content.decode()
    assert list(Term.objects.values()) == before
    assert not Term.objects.filter(key="ok").exists()
