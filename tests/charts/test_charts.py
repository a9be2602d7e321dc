"""Charts drawn on the server: SVG that reads without CSS or JS, with text alternatives."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from sonla_kb import charts
from sonla_kb.charts import svg
from tests.factories import IndicatorFactory, PolicyFactory, ThemeFactory

pytestmark = pytest.mark.django_db
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def key_figures():
    for key, name, value, unit, year in [
        ("coffee-area-2024", "Coffee area", "23312", "ha", 2024),
        ("green-coffee-production-2024", "Green coffee bean production", "30000", "tonnes", 2024),
        ("coffee-export-volume", "Green coffee bean exports", "31700", "tonnes per year", None),
        ("coffee-export-value", "Coffee export value", "88.77", "million USD", None),
        ("arabica-share-of-national-area-2024", "Share of Arabica", "47.9", "%", 2024),
        ("share-of-northern-coffee-area-2024", "Share of north", "73", "%", 2024),
    ]:
        IndicatorFactory(key=key, name=name, value=Decimal(value), unit=unit, year=year)


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # noqa: S314 - our own output


def test_key_figure_charts_show_every_key_figure_with_a_text_alternative(key_figures):
    from policies.selectors import indicator_list

    area, trade = charts.key_figure_charts(indicator_list())
    for chart in (area, trade):
        root = parse(chart)  # well-formed XML
        assert root.get("role") == "img"
        title = root.find(f"{SVG_NS}title")
        desc = root.find(f"{SVG_NS}desc")
        assert root.get("aria-labelledby") == title.get("id")
        assert root.get("aria-describedby") == desc.get("id")
        assert title.text == chart.title and desc.text == chart.description
        assert "style" not in str(chart.svg)
    assert "23,312 ha" in area.description and "47.9 %" in area.description
    assert "73 %" in area.description
    assert "30,000 tonnes" in trade.description and "31,700 tonnes per year" in trade.description
    assert "USD 88.77 million" in trade.description
    assert ["Coffee area in Son La (2024)", "23,312 ha"] in area.table.rows


def test_key_figure_charts_in_vietnamese(key_figures):
    from policies.selectors import indicator_list

    with override("vi"):
        area, trade = charts.key_figure_charts(indicator_list())
    assert "23.312 ha" in area.description and "47,9 %" in area.description
    assert "88,77 triệu USD" in trade.description


def test_missing_indicators_leave_their_chart_out():
    assert charts.key_figure_charts([]) == []
    only_area = IndicatorFactory(key="coffee-area-2024", value=Decimal("1"), unit="ha")
    assert charts.key_figure_charts([only_area]) == []  # nothing to draw it against
    share = IndicatorFactory(
        key="arabica-share-of-national-area-2024", value=Decimal("47.9"), unit="%"
    )
    (chart,) = charts.key_figure_charts([share])
    assert chart.chart_id == "chart-area"


def test_timeline_counts_policies_by_year_and_theme_and_links_to_the_list():
    ThemeFactory(name="GAP", slug="gap", name_vi="Thực hành nông nghiệp tốt")
    PolicyFactory(issued_on=dt.date(2017, 3, 1), tags=["GAP"])
    PolicyFactory(issued_on=dt.date(2019, 3, 1), tags=["GAP"])
    PolicyFactory(issued_on=dt.date(2019, 5, 1))
    PolicyFactory(issued_on=dt.date(2016, 5, 1))  # before the timeline starts
    chart = charts.policy_timeline(last_year=2021)
    root = parse(chart)
    links = {a.get("href"): a.get("aria-label") for a in root.iter(f"{SVG_NS}a")}
    assert links == {
        "/policies/?year=2017": "2017: 1 policy measure",
        "/policies/?year=2019": "2019: 2 policy measures",
        "/policies/?year=2017&theme=gap": "GAP, 2017: 1 policy measure",
        "/policies/?year=2019&theme=gap": "GAP, 2019: 1 policy measure",
    }
    assert [row[:2] for row in chart.table.rows] == [
        ["2017", "1"],
        ["2018", "0"],
        ["2019", "2"],
        ["2020", "0"],
        ["2021", "0"],
    ]
    assert chart.table.rows[2][2] == "GAP (1)"
    assert chart.title == "Policy measures by year and theme, 2017–2021"
    assert "3 policy measures were issued from 2017 to 2021" in chart.description
    with override("vi"):
        vi = charts.policy_timeline(last_year=2021)
    assert "Thực hành nông nghiệp tốt, 2017: 1 chính sách" in str(vi.svg)


def test_chart_text_is_escaped():
    ThemeFactory(name='<script>alert("x")</script>', slug="bad")
    PolicyFactory(issued_on=dt.date(2018, 1, 1), tags=['<script>alert("x")</script>'])
    chart = charts.policy_timeline(last_year=2018)
    assert "<script>" not in str(chart.svg)
    assert "&lt;script&gt;" in str(chart.svg)
    parse(chart)


def test_attributes_escape_and_skip_none():
    assert svg.attributes({"aria_label": 'a "b" <c>', "class_": "x", "fill": None}) == (
        ' aria-label="a &quot;b&quot; &lt;c&gt;" class="x"'
    )


def test_home_page_shows_the_charts_without_inline_styles_or_remote_files(client, key_figures):
    PolicyFactory(issued_on=dt.date(2020, 1, 1))
    html = client.get(reverse("home")).content.decode()
    assert html.count("<svg ") == 3
    assert 'id="chart-area-title"' in html and 'id="chart-timeline-title"' in html
    assert "Show the figures as a table" in html
    assert 'href="/policies/?year=2020"' in html
    assert 'style="' not in html and "<style" not in html
    # Nothing from another site: every script, stylesheet and image is the site's own.
    # (Links a reader follows, such as the data licence's, are not fetched by the page.)
    resources = re.findall(r'src="([^"]+)"', html) + re.findall(r'<link [^>]*href="([^"]+)"', html)
    assert resources
    for url in resources:
        assert not url.startswith(("http://", "https://", "//")) or "testserver" in url, url


def test_the_trade_chart_says_what_the_source_gives_when_exports_exceed_production(key_figures):
    from policies.selectors import indicator_list

    Indicator = type(indicator_list()[0])
    Indicator.objects.update(source="The article", source_url="https://en.baosonla.org.vn/a")
    area, trade = charts.key_figure_charts(indicator_list())

    (note,) = trade.notes
    assert "31,700 tonnes per year exported and 30,000 tonnes (2024) produced" in note
    assert "does not explain why" in note
    assert area.notes == ()
    for chart in (area, trade):
        assert [s.url for s in chart.sources] == ["https://en.baosonla.org.vn/a"]


def test_no_note_when_production_covers_exports(key_figures):
    from policies.models import Indicator
    from policies.selectors import indicator_list

    Indicator.objects.filter(key="coffee-export-volume").update(value=Decimal("20000"))
    _area, trade = charts.key_figure_charts(indicator_list())
    assert trade.notes == ()


def test_the_timeline_says_how_many_of_its_records_are_real():
    PolicyFactory(issued_on=dt.date(2020, 2, 28), sample=False)
    PolicyFactory(issued_on=dt.date(2021, 1, 21), sample=True)
    chart = charts.policy_timeline(last_year=2025)
    assert chart.notes == (
        "Counted from this knowledge base's policy records: 1 real, from named public sources, "
        "and 1 sample, written for demonstration.",
    )
