"""The admin in Vietnamese: every name, label, help text, filter and column staff see."""

import re
from html import unescape

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    FeedbackFactory,
    IndicatorFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    ThemeFactory,
    WorkshopFactory,
)

OUR_APPS = ("sonla_kb", "policies", "presentations")
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
# Words that are the same in both languages.
SAME = {"", "PDF", "URL", "ID", "Email", "slug", "XLSX", "Sơn La"}


def in_both(text) -> tuple[str, str]:
    with translation.override("en"):
        en = str(text)
    with translation.override("vi"):
        vi = str(text)
    return en, vi


def untranslated(texts) -> list[str]:
    return sorted({en for en, vi in map(in_both, texts) if en == vi and en not in SAME})


def our_models():
    """The models staff see in the admin: registered ones, and those edited inline."""
    registered = [m for m in admin.site._registry if m._meta.app_label in OUR_APPS]
    inline = [inline.model for m in registered for inline in admin.site._registry[m].inlines]
    return list(dict.fromkeys(registered + inline))


def test_app_names_are_translated():
    assert untranslated(apps.get_app_config(label).verbose_name for label in OUR_APPS) == []


def test_model_names_are_translated():
    names = [n for m in our_models() for n in (m._meta.verbose_name, m._meta.verbose_name_plural)]
    assert untranslated(names) == []


def test_field_labels_and_help_texts_are_translated():
    texts = []
    for model in our_models():
        for field in model._meta.get_fields():
            # Reverse relations, and taggit's internal link to the theme links, are never shown.
            if (field.is_relation and field.auto_created) or field.name == "tagged_items":
                continue
            texts += [getattr(field, "verbose_name", ""), getattr(field, "help_text", "")]
    assert untranslated(texts) == []


def test_admin_columns_and_filter_titles_are_translated(rf, admin_user):
    texts = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        for name in model_admin.list_display:
            attr = getattr(model_admin, name, None)
            description = getattr(attr, "short_description", None)
            if description is None and name != "__str__":
                description = model._meta.get_field(name).verbose_name
            texts.append(description or "")
        for entry in model_admin.list_filter:
            if isinstance(entry, type):
                texts.append(entry.title)
            elif isinstance(entry, tuple):
                request = rf.get("/")
                request.user = admin_user
                field = model._meta.get_field(entry[0])
                spec = entry[1](field, request, {}, model, model_admin, entry[0])
                texts.append(spec.title)
            else:
                texts.append(model._meta.get_field(entry.split("__")[0]).verbose_name)
    assert untranslated(texts) == []


@pytest.fixture
def everything(db):
    ThemeFactory(name="GAP")
    WorkshopFactory()
    study = StudyFactory()
    presentation = PresentationFactory()
    policy = PolicyFactory()
    IndicatorFactory()
    feedback = FeedbackFactory(policy=policy, published=False)
    return {"study": study, "presentation": presentation, "policy": policy, "fb": feedback}


def page_texts(html: str) -> list[str]:
    """What a member of staff reads as names: labels, column heads, filter titles, headings."""
    found = []
    for pattern in (
        r"<label[^>]*>(.*?)</label>",
        r'<th scope="col"[^>]*>.*?<a [^>]*>(.*?)</a>',
        r"<summary>(.*?)</summary>",
        r"<h[123][^>]*>(.*?)</h[123]>",
        r'<div class="help"[^>]*>(.*?)</div>',
    ):
        for match in re.findall(pattern, html, flags=re.S):
            text = unescape(re.sub(r"<[^>]+>", " ", match))
            text = " ".join(text.split()).rstrip(":")
            if text and not re.fullmatch(r"[\d\W]+", text):
                found.append(text)
    return found


ADMIN_PAGES = [
    "admin:index",
    "admin:policies_policymeasure_changelist",
    "admin:policies_policymeasure_add",
    "admin:policies_indicator_changelist",
    "admin:policies_indicator_import",
    "admin:policies_indicator_export",
    "admin:policies_study_add",
    "admin:presentations_feedback_changelist",
    "admin:presentations_feedback_add",
    "admin:presentations_feedback_moderation",
    "admin:presentations_feedback_import",
    "admin:presentations_presentation_add",
    "admin:presentations_workshop_add",
    "admin:sonla_kb_theme_changelist",
    "admin:sonla_kb_theme_add",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_show_no_english_names_in_vietnamese(admin_client, everything, name):
    url = reverse(name)
    english = page_texts(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    html = admin_client.get(url, **VI).content.decode()
    vietnamese = page_texts(html)
    assert vietnamese, url
    # A name shown in Vietnamese is never the English one (record titles are data: skipped).
    data = {str(v) for obj in everything.values() for v in vars(obj).values()}
    left = sorted(set(vietnamese) & set(english) - SAME - data - {"GAP", "A delegate"})
    assert left == [], url
    assert "Bởi " not in html and "Django" not in html


def test_filter_title_reads_theo_trang_thai_cong_bo(admin_client, everything):
    html = admin_client.get(reverse("admin:presentations_feedback_changelist"), **VI)
    assert "Theo trạng thái công bố" in html.content.decode()


def test_form_errors_are_announced_in_vietnamese(admin_client, db):
    html = admin_client.post(reverse("admin:policies_indicator_add"), {}, **VI).content.decode()
    assert "Vui lòng sửa các lỗi dưới đây." in html
    assert "Please correct" not in html


def test_site_name_is_in_the_header(admin_client, db):
    html = admin_client.get(reverse("admin:index"), **VI).content.decode()
    assert "Cơ sở tri thức về chính sách cà phê Sơn La" in html
    english = admin_client.get(reverse("admin:index")).content.decode()
    assert "Son La coffee policy knowledge base" in english
