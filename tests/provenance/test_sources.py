"""A figure's or record's source: its link, its label in the reader's language, its date."""

import datetime as dt

import pytest

from sonla_kb.provenance.sources import (
    Source,
    host,
    indicator_source,
    indicator_sources,
    policy_source,
)
from tests.factories import IndicatorFactory, PolicyFactory

ARTICLE = "https://en.baosonla.org.vn/kinh-te/workshop-VSyK06gvR.html"


def test_host_drops_www_and_keeps_the_subdomain():
    assert host("https://www.vietnam.vn/fr/x") == "vietnam.vn"
    assert host(ARTICLE) == "en.baosonla.org.vn"
    assert host("") == ""


def test_the_publisher_is_the_label_before_the_quoted_title():
    source = Source(
        label="Báo Sơn La: “Workshop seeks solutions”", lang="en", url=ARTICLE, date=None
    )
    assert source.publisher == "Báo Sơn La"
    assert Source(label="", lang="", url=ARTICLE, date=None).publisher == "en.baosonla.org.vn"


@pytest.mark.django_db
def test_an_indicator_source_is_in_the_reader_language_with_its_link_and_date():
    indicator = IndicatorFactory(
        source="Viet Nam News",
        source_vi="Báo Việt Nam News",
        source_url=ARTICLE,
        source_date=dt.date(2018, 8, 24),
    )
    english = indicator_source(indicator, language="en")
    vietnamese = indicator_source(indicator, language="vi")
    assert (english.label, english.lang, english.url) == ("Viet Nam News", "en", ARTICLE)
    assert (vietnamese.label, vietnamese.lang) == ("Báo Việt Nam News", "vi")
    assert english.date == dt.date(2018, 8, 24)


@pytest.mark.django_db
def test_an_indicator_without_a_source_has_none():
    assert indicator_source(IndicatorFactory(source=""), language="en") is None


@pytest.mark.django_db
def test_sources_shared_by_several_figures_are_listed_once():
    IndicatorFactory(key="a", source="The article", source_url=ARTICLE)
    IndicatorFactory(key="b", source="The article", source_url=ARTICLE)
    IndicatorFactory(key="c", source="The portal", source_url="https://en.sonla.gov.vn/x")
    from policies.selectors import indicator_list

    sources = indicator_sources(indicator_list(), language="en")
    assert [s.label for s in sources] == ["The article", "The portal"]


@pytest.mark.django_db
def test_a_policy_source_is_its_link_named_by_host():
    policy = PolicyFactory(source_url="https://thuviennhadat.vn/vbpl/ke-hoach-231.html")
    source = policy_source(policy)
    assert (source.label, source.date) == ("thuviennhadat.vn", None)
    assert policy_source(PolicyFactory(source_url="")) is None
