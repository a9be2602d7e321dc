"""The sector's key figures as charts: the coffee area and its shares, production and exports."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sonla_kb.figures import format_indicator
from sonla_kb.i18n import interface_language
from sonla_kb.provenance.sources import indicator_sources

from . import svg

AREA = "coffee-area-2024"
PRODUCTION = "green-coffee-production-2024"
EXPORT_VOLUME = "coffee-export-volume"
EXPORT_VALUE = "coffee-export-value"
NATIONAL_SHARE = "arabica-share-of-national-area-2024"
NORTHERN_SHARE = "share-of-northern-coffee-area-2024"
KEYS = (AREA, PRODUCTION, EXPORT_VOLUME, EXPORT_VALUE, NATIONAL_SHARE, NORTHERN_SHARE)

WIDTH = 360
LABEL_SIZE = 14
VALUE_SIZE = 14


@dataclass(frozen=True)
class Bar:
    """One labelled bar: its share of the chart's scale, and the value written beside it."""

    label: str
    fraction: float
    shown: str


def _with_year(label: str, indicator) -> str:
    if indicator.year:
        return _("%(label)s (%(year)s)") % {"label": label, "year": indicator.year}
    return label


def _bars_svg(bars: list[Bar], *, top: float) -> tuple[list[str], float]:
    """Horizontal bars, each under its label, on a full-width track; returns parts and bottom."""
    parts, y = [], top
    for bar in bars:
        lines = svg.wrap(bar.label, WIDTH, LABEL_SIZE)
        parts.append(svg.text_lines(0, y + LABEL_SIZE, lines, size=LABEL_SIZE, fill=svg.INK))
        y += LABEL_SIZE * 1.25 * (len(lines) - 1) + LABEL_SIZE + 8
        parts.append(svg.rect(0, y, WIDTH, 26, fill=svg.BRAND_TINT, rx=3))
        filled = WIDTH * max(0.0, min(bar.fraction, 1.0))
        parts.append(svg.rect(0, y, filled, 26, fill=svg.BRAND, rx=3))
        if bar.fraction >= 0.6:
            parts.append(
                svg.text(
                    filled - 8,
                    y + 19,
                    bar.shown,
                    font_size=VALUE_SIZE,
                    font_weight="700",
                    fill=svg.WHITE,
                    text_anchor="end",
                )
            )
        else:
            parts.append(
                svg.text(
                    filled + 8,
                    y + 19,
                    bar.shown,
                    font_size=VALUE_SIZE,
                    font_weight="700",
                    fill=svg.INK,
                )
            )
        y += 26 + 16
    return parts, y


def area_chart(figures: Mapping) -> svg.Chart | None:
    """Son La's coffee area, and its shares of Vietnam's Arabica and the north's coffee area."""
    area = figures.get(AREA)
    shares = [
        (figures.get(NATIONAL_SHARE), _("Share of Vietnam's Arabica coffee area")),
        (figures.get(NORTHERN_SHARE), _("Share of the northern region's coffee area")),
    ]
    shares = [(indicator, label) for indicator, label in shares if indicator is not None]
    if not shares:
        return None
    bars = [
        Bar(
            label=_with_year(label, indicator),
            fraction=float(indicator.value) / 100,
            shown=format_indicator(indicator.value, indicator.unit),
        )
        for indicator, label in shares
    ]
    parts, top = [], 0.0
    if area is not None:
        area_text = format_indicator(area.value, area.unit)
        parts.append(svg.text(0, 30, area_text, font_size=30, font_weight="700", fill=svg.BRAND))
        parts.append(
            svg.text(
                0,
                52,
                _with_year(_("of coffee in Son La"), area),
                font_size=LABEL_SIZE,
                fill=svg.INK_SOFT,
            )
        )
        top = 68
    bar_parts, bottom = _bars_svg(bars, top=top)
    parts += bar_parts
    title = _("Coffee area and Son La's share of it")
    sentences = []
    if area is not None:
        sentences.append(
            _("Son La grows %(area)s of coffee.")
            % {"area": _with_year(format_indicator(area.value, area.unit), area)}
        )
    sentences += [
        _("%(label)s: %(value)s.") % {"label": bar.label, "value": bar.shown} for bar in bars
    ]
    rows = []
    if area is not None:
        rows.append([_with_year(_("Coffee area in Son La"), area), area_text])
    rows += [[bar.label, bar.shown] for bar in bars]
    used = [area] + [indicator for indicator, _label in shares]
    return svg.Chart(
        sources=_sources_of(used),
        chart_id="chart-area",
        title=title,
        description=" ".join(sentences),
        svg=svg.svg_document(
            *parts,
            width=WIDTH,
            height=int(bottom),
            chart_id="chart-area",
            title=title,
            desc=" ".join(sentences),
        ),
        table=svg.DataTable(caption=title, headers=[_("Figure"), _("Value")], rows=rows),
    )


def trade_chart(figures: Mapping) -> svg.Chart | None:
    """Green coffee produced and exported (tonnes), with what the exports are worth."""
    volumes = [
        (figures.get(PRODUCTION), _("Green coffee production")),
        (figures.get(EXPORT_VOLUME), _("Green coffee exports")),
    ]
    volumes = [(indicator, label) for indicator, label in volumes if indicator is not None]
    value = figures.get(EXPORT_VALUE)
    if not volumes:
        return None
    largest = max(float(indicator.value) for indicator, _label in volumes) or 1.0
    bars = [
        Bar(
            label=_with_year(label, indicator),
            fraction=float(indicator.value) / largest,
            shown=format_indicator(indicator.value, indicator.unit),
        )
        for indicator, label in volumes
    ]
    parts, bottom = _bars_svg(bars, top=0)
    sentences = [
        _("%(label)s: %(value)s.") % {"label": bar.label, "value": bar.shown} for bar in bars
    ]
    rows = [[bar.label, bar.shown] for bar in bars]
    if value is not None:
        value_text = format_indicator(value.value, value.unit)
        line = _with_year(_("Export value: %(value)s a year") % {"value": value_text}, value)
        lines = svg.wrap(line, WIDTH - 14, LABEL_SIZE, bold=True)
        extra = LABEL_SIZE * 1.25 * (len(lines) - 1)
        parts.append(svg.rect(0, bottom - 4, 5, 24 + extra, fill=svg.ACCENT))
        parts.append(
            svg.text_lines(
                14, bottom + 13, lines, size=LABEL_SIZE, font_weight="700", fill=svg.ACCENT
            )
        )
        bottom += 30 + extra
        sentences.append(line + ".")
        rows.append([_with_year(_("Export value, per year"), value), value_text])
    title = _("Green coffee: production and exports")
    used = [indicator for indicator, _label in volumes] + [value]
    return svg.Chart(
        sources=_sources_of(used),
        notes=_exports_above_production(figures),
        chart_id="chart-trade",
        title=title,
        description=" ".join(sentences),
        svg=svg.svg_document(
            *parts,
            width=WIDTH,
            height=int(bottom),
            chart_id="chart-trade",
            title=title,
            desc=" ".join(sentences),
        ),
        table=svg.DataTable(caption=title, headers=[_("Figure"), _("Value")], rows=rows),
    )


def _sources_of(indicators) -> tuple:
    return tuple(
        indicator_sources([i for i in indicators if i is not None], language=interface_language())
    )


def _exports_above_production(figures: Mapping) -> tuple[str, ...]:
    """A note when more green coffee is reported exported than produced: what the figures say."""
    production, exports = figures.get(PRODUCTION), figures.get(EXPORT_VOLUME)
    if production is None or exports is None or exports.value <= production.value:
        return ()
    return (
        _(
            "The figures as the source gives them: %(exports)s exported and %(production)s "
            "produced. The export figure is the larger; the source does not explain why, nor "
            "say which year the export figure refers to."
        )
        % {
            "exports": format_indicator(exports.value, exports.unit),
            "production": _with_year(
                format_indicator(production.value, production.unit), production
            ),
        },
    )


def key_figure_charts(indicators) -> list[svg.Chart]:
    """The home page's key-figure charts; a chart whose indicators are all missing is left out."""
    figures = {indicator.key: indicator for indicator in indicators}
    return [chart for chart in (area_chart(figures), trade_chart(figures)) if chart is not None]
