"""The timeline of policy measures: how many were issued each year, and under which themes."""

import math

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sonla_kb.figures import format_number
from sonla_kb.i18n import theme_name as theme_label

from . import svg
from .data import PolicyCounts

LABEL_WIDTH = 250
COLUMN = 52
BAR_WIDTH = 34
TOP = 26
BAR_HEIGHT = 110
ROW = 30
FIRST_YEAR = 2017


def _count_text(count: int) -> str:
    return ngettext("%(count)s policy measure", "%(count)s policy measures", count) % {
        "count": format_number(count)
    }


def year_url(year: int, theme=None) -> str:
    """The policy list filtered to one year (and one theme)."""
    params = {"year": year}
    if theme is not None:
        params["theme"] = theme.slug
    return f"{reverse('policy-list')}?{urlencode(params)}"


def timeline_chart(counts: PolicyCounts) -> svg.Chart:
    """Bars of policy measures per year, over a grid of themes by year, each linked to the list."""
    years = counts.years
    width = LABEL_WIDTH + len(years) * COLUMN + 10
    most = max(counts.per_year.values(), default=0) or 1
    parts: list[str] = []

    def column_x(index: int) -> float:
        return LABEL_WIDTH + index * COLUMN + COLUMN / 2

    baseline = TOP + BAR_HEIGHT
    parts.append(
        svg.text(
            LABEL_WIDTH - 10,
            TOP + 14,
            _("All themes"),
            font_size=14,
            font_weight="700",
            fill=svg.INK,
            text_anchor="end",
            aria_hidden="true",
        )
    )
    parts.append(
        svg.element(
            "line",
            x1=LABEL_WIDTH,
            x2=width - 10,
            y1=baseline,
            y2=baseline,
            stroke=svg.INK_SOFT,
            stroke_width=1,
        )
    )
    for index, year in enumerate(years):
        count = counts.per_year.get(year, 0)
        x = column_x(index)
        if count:
            height = max(BAR_HEIGHT * count / most, 4)
            bar = svg.rect(
                x - BAR_WIDTH / 2, baseline - height, BAR_WIDTH, height, fill=svg.BRAND, rx=2
            )
            label = svg.text(
                x,
                baseline - height - 6,
                format_number(count),
                font_size=13,
                font_weight="700",
                fill=svg.INK,
                text_anchor="middle",
            )
            parts.append(
                svg.element(
                    "a",
                    bar,
                    label,
                    href=year_url(year),
                    class_="chart__link",
                    aria_label=f"{year}: {_count_text(count)}",
                )
            )
        parts.append(
            svg.text(
                x,
                baseline + 18,
                str(year),
                font_size=13,
                fill=svg.INK,
                text_anchor="middle",
                aria_hidden="true",
            )
        )

    themes = sorted(counts.themes, key=lambda t: (-counts.theme_total(t), theme_label(t)))
    most_cell = max(counts.per_theme_year.values(), default=1)
    top = baseline + 36
    for row, theme in enumerate(themes):
        y = top + row * ROW
        if row % 2 == 0:
            parts.append(svg.rect(0, y, width - 10, ROW, fill="#f4f6f7"))
        name = theme_label(theme)
        if len(name) > 34:
            name = name[:33] + "…"
        parts.append(
            svg.text(
                LABEL_WIDTH - 10,
                y + 20,
                name,
                font_size=13,
                fill=svg.INK,
                text_anchor="end",
                aria_hidden="true",
            )
        )
        for index, year in enumerate(years):
            count = counts.per_theme_year.get((theme.pk, year), 0)
            if not count:
                continue
            x = column_x(index)
            radius = 8 + 5 * math.sqrt(count / most_cell)
            dot = svg.element(
                "circle", cx=round(x, 1), cy=y + ROW / 2, r=round(radius, 1), fill=svg.BRAND
            )
            figure = svg.text(
                x,
                y + ROW / 2 + 4,
                format_number(count),
                font_size=12,
                font_weight="700",
                fill=svg.WHITE,
                text_anchor="middle",
            )
            parts.append(
                svg.element(
                    "a",
                    dot,
                    figure,
                    href=year_url(year, theme),
                    class_="chart__link",
                    aria_label=f"{theme_label(theme)}, {year}: {_count_text(count)}",
                )
            )
    height = top + len(themes) * ROW + 10

    first, last = years[0], years[-1]
    total = sum(counts.per_year.get(year, 0) for year in years)
    title = _("Policy measures by year and theme, %(first)s–%(last)s") % {
        "first": first,
        "last": last,
    }
    sentences = [
        ngettext(
            "%(count)s policy measure was issued from %(first)s to %(last)s.",
            "%(count)s policy measures were issued from %(first)s to %(last)s.",
            total,
        )
        % {"count": format_number(total), "first": first, "last": last}
    ]
    if total:
        busiest = max(years, key=lambda year: (counts.per_year.get(year, 0), -year))
        sentences.append(
            _("The most were issued in %(year)s: %(count)s.")
            % {"year": busiest, "count": format_number(counts.per_year[busiest])}
        )
    if themes:
        sentences.append(
            _("The theme with the most measures is %(theme)s (%(count)s).")
            % {
                "theme": theme_label(themes[0]),
                "count": format_number(counts.theme_total(themes[0])),
            }
        )
    description = " ".join(sentences)

    rows, links = [], []
    for year in years:
        count = counts.per_year.get(year, 0)
        by_theme = ", ".join(
            f"{theme_label(theme)} ({format_number(n)})"
            for theme in themes
            if (n := counts.per_theme_year.get((theme.pk, year), 0))
        )
        rows.append([str(year), format_number(count), by_theme or "—"])
        links.append(year_url(year) if count else None)

    return svg.Chart(
        chart_id="chart-timeline",
        title=title,
        description=description,
        svg=svg.svg_document(
            *parts,
            width=width,
            height=int(height),
            chart_id="chart-timeline",
            title=title,
            desc=description,
            role="group",
        ),
        table=svg.DataTable(
            caption=title,
            headers=[_("Year"), _("Policy measures"), _("Themes")],
            rows=rows,
            links=links,
        ),
    )
