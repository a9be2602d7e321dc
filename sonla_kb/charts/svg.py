"""Writing SVG by hand, safely: every attribute value and every text is escaped here."""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

# The site's palette (static/css/site.css), as presentation attributes: the page's
# Content-Security-Policy forbids style attributes, and a chart must read without CSS.
BRAND = "#174f3c"
BRAND_TINT = "#e6f0ec"
ACCENT = "#6b3e1f"
INK = "#1d2327"
INK_SOFT = "#4a5560"
LINE = "#d5dbe0"
WHITE = "#ffffff"


def attributes(values: dict) -> str:
    """Attributes as SVG writes them: trailing "_" dropped, "_" read as "-", None left out."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(f'{name}="{escape(str(value), quote=True)}"')
    return (" " + " ".join(parts)) if parts else ""


def element(tag: str, *children: str, **attrs) -> str:
    """One element with its (already written) children."""
    inner = "".join(children)
    if not inner:
        return f"<{tag}{attributes(attrs)}/>"
    return f"<{tag}{attributes(attrs)}>{inner}</{tag}>"


def text(x: float, y: float, content: str, **attrs) -> str:
    """A text element; the content is escaped."""
    return f"<text{attributes({'x': _n(x), 'y': _n(y), **attrs})}>{escape(str(content))}</text>"


def wrap(content: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Break text into lines that fit `width` at font `size` (by an average glyph width)."""
    limit = max(int(width / (size * (0.64 if bold else 0.56))), 8)
    lines: list[str] = []
    for word in str(content).split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def text_lines(x: float, y: float, lines: list[str], *, size: float, **attrs) -> str:
    """Several lines of text, the first with its baseline at y."""
    spans = "".join(
        f'<tspan x="{_n(x)}" dy="{_n(0 if i == 0 else size * 1.25)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text{attributes({'x': _n(x), 'y': _n(y), 'font_size': size, **attrs})}>{spans}</text>"


def rect(x: float, y: float, width: float, height: float, **attrs) -> str:
    """A rectangle, with coordinates rounded for a shorter page."""
    return element(
        "rect", x=_n(x), y=_n(y), width=_n(max(width, 0)), height=_n(max(height, 0)), **attrs
    )


def _n(value: float) -> str:
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def svg_document(
    *children: str, width: int, height: int, chart_id: str, title: str, desc: str, role="img"
) -> SafeString:
    """The <svg> element, named by its <title> and described by its <desc>."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    head = element("title", escape(title), id=title_id) + element("desc", escape(desc), id=desc_id)
    return mark_safe(  # noqa: S308 -- every value inside went through escape()
        element(
            "svg",
            head,
            *children,
            xmlns="http://www.w3.org/2000/svg",
            viewBox=f"0 0 {width} {height}",
            width=width,
            height=height,
            role=role,
            aria_labelledby=title_id,
            aria_describedby=desc_id,
            class_="chart__svg",
            focusable="false" if role == "img" else None,
        )
    )


@dataclass(frozen=True)
class DataTable:
    """The chart's figures as a table: its text alternative."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    # Optional link per row (for the row's first cell).
    links: list[str | None] = field(default_factory=list)

    @property
    def lines(self) -> list[dict]:
        """Each row with its link (None when the row has none), for the template."""
        links = list(self.links) + [None] * (len(self.rows) - len(self.links))
        return [
            {"first": row[0], "rest": row[1:], "link": link}
            for row, link in zip(self.rows, links, strict=True)
        ]


@dataclass(frozen=True)
class Chart:
    """A chart ready for the page: the SVG, its title and description, and its data table."""

    chart_id: str
    title: str
    description: str
    svg: SafeString
    table: DataTable
    # Where the figures come from (sonla_kb.provenance.sources.Source), and what a reader
    # should know about them, shown under the chart.
    sources: tuple = ()
    notes: tuple[str, ...] = ()
