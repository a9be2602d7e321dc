"""The glossary: kept by staff in the admin, with history; read by the search as plain data."""

import pytest
from django.urls import reverse

from sonla_kb.glossary.forms import split_forms, tidy_forms
from sonla_kb.glossary.models import Term
from sonla_kb.glossary.selectors import TermForms, all_terms, glossary_version
from tests.factories import TermFactory, ThemeFactory


def test_forms_are_one_per_line_tidied_and_given_once():
    assert split_forms("  planting  area code\n\nPlanting area code\ngrowing area code ") == [
        "planting area code",
        "growing area code",
    ]
    assert tidy_forms(["", "  "]) == []


@pytest.mark.django_db
def test_all_terms_gives_terms_then_theme_names_as_plain_data():
    TermFactory(
        key="gi", english="geographical indication", vietnamese="chỉ dẫn địa lý", synonyms="GI"
    )
    ThemeFactory(name="OCOP", slug="ocop", name_vi="Mỗi xã một sản phẩm (OCOP)")
    ThemeFactory(name="Linkage chains", slug="linkage-chains", name_vi="Chuỗi liên kết")
    ThemeFactory(name="Untranslated", slug="untranslated", name_vi="")

    assert all_terms() == [
        TermForms(
            key="gi",
            english=("geographical indication",),
            vietnamese=("chỉ dẫn địa lý",),
            synonyms=("GI",),
        ),
        TermForms(
            key="theme:linkage-chains",
            english=("Linkage chains",),
            vietnamese=("Chuỗi liên kết",),
            source="theme",
        ),
        TermForms(
            key="theme:ocop",
            english=("OCOP",),
            vietnamese=("Mỗi xã một sản phẩm (OCOP)", "Mỗi xã một sản phẩm"),
            source="theme",
        ),
    ]


@pytest.mark.django_db
def test_the_version_changes_with_every_edit_of_a_term_or_a_theme_name():
    seen = {glossary_version()}
    term = TermFactory(key="gi", english="geographical indication", vietnamese="chỉ dẫn địa lý")
    seen.add(glossary_version())
    term.vietnamese = "chỉ dẫn địa lý\nCDĐL"
    term.save()
    seen.add(glossary_version())
    theme = ThemeFactory(name="Branding", slug="branding", name_vi="")
    seen.add(glossary_version())
    theme.name_vi = "Thương hiệu"
    theme.save()
    seen.add(glossary_version())
    other = TermFactory(key="coop", english="cooperative", vietnamese="hợp tác xã")
    seen.add(glossary_version())
    term.delete()
    seen.add(glossary_version())
    assert len(seen) == 7
    # Reading it changes nothing.
    assert glossary_version() == glossary_version()
    assert other.pk


@pytest.mark.django_db
def test_staff_add_and_edit_terms_in_the_admin_and_every_change_is_kept(admin_client):
    add = reverse("admin:sonla_kb_term_add")
    assert admin_client.get(add).status_code == 200
    response = admin_client.post(
        add,
        {
            "key": "replanting",
            "english": "replanting\r\n\r\n  coffee   replanting ",
            "vietnamese": "tái canh",
            "synonyms": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    term = Term.objects.get(key="replanting")
    assert term.english == "replanting\ncoffee replanting"

    change = reverse("admin:sonla_kb_term_change", args=[term.pk])
    response = admin_client.post(
        change,
        {"key": "replanting", "english": "replanting", "vietnamese": "tái canh\ntrồng lại"},
    )
    assert response.status_code == 302
    assert ("replanting", ("tái canh", "trồng lại")) in [(t.key, t.vietnamese) for t in all_terms()]
    assert term.history.count() == 2
    changelist = admin_client.get(reverse("admin:sonla_kb_term_changelist")).content.decode()
    assert "tái canh; trồng lại" in changelist
    history = admin_client.get(reverse("admin:sonla_kb_term_history", args=[term.pk]))
    assert history.status_code == 200


@pytest.mark.django_db
def test_a_term_needs_a_form_in_each_language(admin_client):
    response = admin_client.post(
        reverse("admin:sonla_kb_term_add"),
        {"key": "empty", "english": "  \r\n ", "vietnamese": "tái canh"},
    )
    assert response.status_code == 200
    assert "Give at least one form." in response.content.decode()
    assert not Term.objects.exists()


@pytest.mark.django_db
def test_the_glossary_admin_is_staff_only(client):
    response = client.get(reverse("admin:sonla_kb_term_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
