"""`python -m bench.ocr`: how much of a scanned page Tesseract (vie+eng) reads back.

A page of Vietnamese and a page of English are drawn with DejaVu Sans (12 pt) into A4
page images at 300 and 150 dpi and saved as PDFs without a text layer, as a scanner
makes them, once clean and once worn (tilted 1.5°, blurred and speckled, like a
photocopy); each page then goes through the site's own OCR (Ghostscript draws it,
Tesseract reads it). The share is of the page's words found again, counted with their
accents, case aside. Writes bench/out/ocr.md.
"""

import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from sonla_kb.attachments import ocr
from tests.attachments.builders import scanned_pdf

OUT = Path(__file__).resolve().parent / "out" / "ocr.md"

VIETNAMESE = [
    "Hội thảo về chính sách phát triển cà phê tỉnh Sơn La",
    "Diện tích cà phê của tỉnh đạt 23.312 ha, sản lượng gần 30.000 tấn",
    "Tỉnh chiếm 47,9% diện tích cà phê Arabica của cả nước.",
    "Các đại biểu đề nghị hỗ trợ trồng tái canh, chế biến sâu",
    "và xây dựng thương hiệu cà phê Sơn La gắn với chỉ dẫn địa lý.",
    "Nghị quyết của Hội đồng nhân dân tỉnh quy định chính sách",
    "hỗ trợ liên kết sản xuất theo chuỗi giá trị và mã số vùng trồng.",
    "Ủy ban nhân dân tỉnh giao Sở Nông nghiệp hướng dẫn thực hiện.",
    "Doanh nghiệp xuất khẩu 31.700 tấn, trị giá 88,77 triệu đô la Mỹ mỗi năm.",
    "Người trồng cà phê cần áp dụng thực hành nông nghiệp tốt (VietGAP).",
]
ENGLISH = [
    "Workshop on policies for coffee development in Son La province",
    "The coffee area of the province reached 23,312 ha, with nearly",
    "30,000 tonnes of green beans, and 47.9% of the Arabica area of Vietnam.",
    "Delegates asked for support for replanting and deep processing,",
    "and for building the Son La coffee brand with a geographical indication.",
    "A resolution of the provincial People's Council sets the policy",
    "supporting production linkages along the value chain and area codes.",
    "The provincial People's Committee asks the Department of Agriculture",
    "to guide the implementation; exporters shipped 31,700 tonnes a year,",
    "worth 88.77 million US dollars, and growers should apply good practices.",
]
WORD = re.compile(r"\w+")


def words(text: str) -> Counter:
    """The words of a text, NFC and lower case, with how often each comes."""
    return Counter(WORD.findall(unicodedata.normalize("NFC", text).lower()))


def share_found(truth: list[str], recognised: str) -> float:
    """The share of the page's words that recognition gave back."""
    expected = words("\n".join(truth))
    found = expected & words(recognised)
    return sum(found.values()) / sum(expected.values())


def measure(lines: list[str], dpi: int, *, worn: bool) -> tuple[float, float, float]:
    """(share of words found, Tesseract's mean confidence, seconds) for one page."""
    data = scanned_pdf(lines, dpi=dpi, worn=worn)
    started = time.monotonic()
    result = ocr.pdf_page_in_process(
        data=data, number=1, dpi=dpi, seconds=120, max_pixels=50_000_000
    )
    seconds = time.monotonic() - started
    if result.failure:
        raise SystemExit(result.failure)
    return share_found(lines, result.pages[0]), result.ocr[1], seconds


def main() -> int:
    """Measure both pages at both resolutions; print and write the table."""
    missing = ocr.missing()
    if missing:
        print(f"No OCR here: {missing}.")
        return 1
    rows = [
        "| page | dpi | clean or worn | words found again | mean confidence | seconds |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for name, lines in (("Vietnamese", VIETNAMESE), ("English", ENGLISH)):
        for dpi in (300, 150):
            for worn in (False, True):
                share, confidence, seconds = measure(lines, dpi, worn=worn)
                state = "worn" if worn else "clean"
                rows.append(
                    f"| {name} | {dpi} | {state} | {share:.1%} | {confidence:.0f} | {seconds:.1f} |"
                )
    table = "\n".join(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
