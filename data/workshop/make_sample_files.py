"""Make the sample files attached to the workshop dataset (kb.json), so that search inside
files can be tried at once. Every run writes the same bytes: fixed dates, fixed metadata,
fixed ZIP timestamps.

    .venv/bin/python data/workshop/make_sample_files.py

The files are demonstration material, not the workshop's own documents: each says so on
its first page or slide. The deck of presentation 1 carries a coined word, "cherryfloat",
in the speaker notes of slide 7 and nowhere else, to show a search finding it there.
Presentation 6 has a scanned page: an image of Vietnamese lines with no text in the file,
which the worker reads with OCR (drawn with DejaVu Sans: `apt-get install fonts-dejavu-core`).
"""

import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the repository, for sonla_kb.attachments.minipdf

from docx import Document  # noqa: E402
from docx.shared import Pt  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Inches  # noqa: E402

from sonla_kb.attachments.minipdf import build_pdf  # noqa: E402

OUT = HERE / "files"
FIXED_TIME = dt.datetime(2025, 6, 1, 8, 0, 0)
ZIP_TIME = (2025, 6, 1, 8, 0, 0)
AUTHOR = "Son La coffee policy knowledge base (sample)"
SAMPLE_EN = "Sample file made for demonstration: not a document of the workshop."
SAMPLE_VI = "Tệp mẫu tạo ra để minh họa, không phải tài liệu của hội thảo."
COINED_WORD = "cherryfloat"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SCAN_DPI = 200
# The scanned page's lines; "quét" (scanned) is in no other record or file of the dataset.
SCAN_LINES = [
    "TRANG QUÉT MẪU (SAMPLE)",
    "Tệp mẫu tạo ra để minh họa,",
    "không phải tài liệu của hội thảo.",
    "",
    "Phát triển sản phẩm OCOP từ cà phê Sơn La",
    "Hợp tác xã đề nghị hỗ trợ rang xay,",
    "đóng gói và in tem nhãn cho sản phẩm.",
]


def normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and attributes, so that runs give equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            target.writestr(fixed, source.read(info.filename), compresslevel=9)
    return out.getvalue()


def _fix_core_properties(props, *, title: str) -> None:
    props.title = title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = SAMPLE_EN
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME


def _deck(title: str, subtitle: str, slides: list[tuple[str, list[str], str]], notes: str) -> bytes:
    """A deck: a title slide, then (title, bullet lines, speaker notes) per slide."""
    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = title
    first.placeholders[1].text = subtitle
    first.notes_slide.notes_text_frame.text = notes
    for heading, bullets, slide_notes in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        body = slide.placeholders[1].text_frame
        body.text = bullets[0]
        for line in bullets[1:]:
            body.add_paragraph().text = line
        if slide_notes:
            slide.notes_slide.notes_text_frame.text = slide_notes
    _fix_core_properties(deck.core_properties, title=title)
    out = io.BytesIO()
    deck.save(out)
    return normalise_zip(out.getvalue())


def policy_review_deck() -> bytes:
    """Presentation 1: eight slides with a table, a group of boxes and speaker notes."""
    data = _deck(
        "Coffee policies in Son La since 2017: a review",
        f"{SAMPLE_EN}\nSpeaker 1 (sample) · Son La coffee policy workshop",
        [
            (
                "What this review covers",
                ["Support measures introduced since 2017", "What they reached", "What to change"],
                "Open by saying that this deck is a sample written for the knowledge base.",
            ),
            (
                "The sector in figures (end of 2024)",
                ["Figures as reported at the workshop"],
                "The figures come from the workshop article.",
            ),
            (
                "Where support went",
                ["Good agricultural practices (GAP)", "High-tech production zones"],
                "Two areas took most of the support.",
            ),
            (
                "What worked",
                ["Five production–processing–consumption linkage chains", "Five OCOP products"],
                "Mention the one OCOP product certified 5-star nationally.",
            ),
            (
                "Weaknesses",
                ["Support spread over many documents", "Procedures hard for small cooperatives"],
                "Keep this short: the study covers it in depth.",
            ),
            (
                "Proposals for the next period",
                ["One targeted framework with agreed indicators", "Simpler applications"],
                f"Ask the room whether a {COINED_WORD} check at collection points, sorting "
                "cherries before they reach the mill, should count towards support. "
                f"({COINED_WORD} is a coined word used to show search inside speaker notes.)",
            ),
            (
                "Questions for discussion",
                ["Which indicators should the framework track?"],
                "Leave ten minutes for questions.",
            ),
        ],
        "Sample speaker notes, written for demonstration.",
    )
    return _add_table_and_group(data)


def _add_table_and_group(data: bytes) -> bytes:
    """Put the figures table on slide 3 and a group of two boxes on slide 4."""
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    rows = [
        ("Indicator", "Value"),
        ("Coffee area", "23,312 ha"),
        ("Green coffee beans produced", "nearly 30,000 tonnes"),
        ("Share of Vietnam's Arabica area", "47.9 %"),
        ("Green coffee exported per year", "31,700 tonnes, USD 88.77 million"),
    ]
    table = (
        slides[2].shapes.add_table(len(rows), 2, Inches(1), Inches(3.2), Inches(8), Inches(2)).table
    )
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    group = slides[3].shapes.add_group_shape()
    for i, text in enumerate(("Enterprises and cooperatives", "Provincial departments")):
        box = group.shapes.add_textbox(Inches(1 + 4 * i), Inches(5), Inches(3.5), Inches(0.6))
        box.text = text
    _fix_core_properties(deck.core_properties, title="Coffee policies in Son La since 2017")
    out = io.BytesIO()
    deck.save(out)
    return normalise_zip(out.getvalue())


def geographical_indication_deck() -> bytes:
    """Presentation 7, in Vietnamese: four slides with speaker notes."""
    return _deck(
        "Chỉ dẫn địa lý cà phê Sơn La: hiện trạng và giải pháp quản lý",
        f"{SAMPLE_VI}\n({SAMPLE_EN})",
        [
            (
                "Lợi thế của vùng trồng",
                ["Đồi núi cao, chênh lệch nhiệt độ ngày đêm lớn", "Mùa khô rõ rệt"],
                "Nhấn mạnh hương vị riêng của cà phê Arabica Sơn La.",
            ),
            (
                "Quản lý chỉ dẫn địa lý",
                ["Xác định khu vực địa lý và tiêu chí chất lượng", "Cơ chế kiểm tra"],
                "Nêu ví dụ về cà phê ngoài vùng bị gắn tên Sơn La.",
            ),
            (
                "Đề xuất",
                ["Một cơ quan đầu mối", "Liên kết với mã số vùng trồng và truy xuất nguồn gốc"],
                "Kết thúc bằng câu hỏi về vai trò của hiệp hội.",
            ),
        ],
        "Ghi chú mẫu của diễn giả, viết để minh họa.",
    )


def brand_handout() -> bytes:
    """Presentation 9: a two-page PDF handout."""
    return build_pdf(
        [
            [
                "SAMPLE - " + SAMPLE_EN,
                "",
                "Building and protecting the Son La coffee brand",
                "Handout for presentation 9 (sample)",
                "",
                "Son La grows the largest Arabica area in Vietnam, yet buyers abroad often",
                "know its coffee only as Vietnamese Arabica. A recognisable provincial brand",
                "could keep more of the value that now goes to blenders and roasters elsewhere.",
                "",
                "A brand is more than a logo: common quality standards, rules on who may use",
                "it, control of misuse, and one consistent story about origin and growers.",
            ],
            [
                "Proposals (sample)",
                "",
                "1. A brand management board of enterprises, cooperatives and the province.",
                "2. Link the brand to the geographical indication and planting area codes.",
                "3. A joint promotion budget for trade fairs and specialty competitions.",
                "",
                "Export destinations named at the workshop: the European Union, North America,",
                "the Middle East and ASEAN countries.",
            ],
        ],
        title="Building and protecting the Son La coffee brand (sample handout)",
    )


def scanned_page() -> bytes:
    """Presentation 6: a page scanned to PNG (black and white, 200 dpi), with no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(DEJAVU, round(12 * SCAN_DPI / 72))
    line_height = round(20 * SCAN_DPI / 72)
    margin = SCAN_DPI // 2
    image = Image.new("L", (round(6 * SCAN_DPI), 2 * margin + line_height * len(SCAN_LINES)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(SCAN_LINES):
        draw.text((margin, margin + number * line_height), line, font=font, fill=0)
    out = io.BytesIO()
    image.convert("1").save(out, "PNG", dpi=(SCAN_DPI, SCAN_DPI), optimize=True)
    return out.getvalue()


def study_summary() -> bytes:
    """The study: a Word summary with a table of figures and a second page of proposals."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(
        "Policies for Coffee Development in Son La: Current Situation and Solutions", level=1
    )
    document.add_paragraph(f"Summary of the report. {SAMPLE_EN}")
    document.add_paragraph(
        "Current situation. As of the end of 2024 Son La had 23,312 hectares of coffee and "
        "produced nearly 30,000 tonnes of green coffee beans, the largest Arabica area in "
        "Vietnam."
    )
    figures = [
        ("Indicator", "Value", "Source"),
        ("Coffee area (2024)", "23,312 ha", "Workshop article"),
        ("Share of the northern region's coffee area", "over 73 %", "Workshop article"),
        ("Linkage chains", "5", "Workshop article"),
        ("High-tech production zones", "2", "Workshop article"),
    ]
    table = document.add_table(rows=len(figures), cols=3)
    for r, row in enumerate(figures):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_page_break()
    document.add_heading("Proposed solutions (sample)", level=2)
    for text in (
        "Bring coffee support together in one framework with indicators agreed in advance.",
        "Tie the geographical indication, planting area codes and traceability together.",
        "Support enterprise–cooperative linkages that reach smallholder growers.",
    ):
        document.add_paragraph(text, style="List Number")
    _fix_core_properties(document.core_properties, title="Summary of the study (sample)")
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())


# Path under files/ (as kb.json names it) -> how the file is made.
SAMPLES: dict[str, Callable[[], bytes]] = {
    "presentations/p01/policy-review-slides.pptx": policy_review_deck,
    "presentations/p07/chi-dan-dia-ly-slides.pptx": geographical_indication_deck,
    "presentations/p06/ocop-trang-quet.png": scanned_page,
    "presentations/p09/brand-handout.pdf": brand_handout,
    "study/study/study-summary.docx": study_summary,
}


def build_all() -> dict[str, bytes]:
    """Every sample file's bytes, by its path under files/."""
    return {path: make() for path, make in SAMPLES.items()}


def main() -> None:
    """Write the sample files under data/workshop/files/."""
    for path, data in build_all().items():
        target = OUT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"{target.relative_to(HERE)}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
