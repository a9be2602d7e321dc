"""Recognising the text of a scanned PDF page: Ghostscript draws it, Tesseract reads it.

Tesseract reads Vietnamese and English together (`vie+eng`) through pytesseract, one
page at a time, so that each page has its own time limit and only pages without a text
layer are recognised. Like `extraction`, this module does not import Django: the page
job runs in the extraction child process, within its limits.
"""

import functools
import io
import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections import defaultdict

from .extraction import Extraction

LANGUAGES = "vie+eng"
# One thread per Tesseract: the machine's cores serve the site first.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@functools.cache
def missing() -> str:
    """What keeps OCR from running here ('' when nothing does), for staff to read."""
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed on the server"
    if shutil.which("gs") is None:
        return "Ghostscript is not installed on the server"
    try:
        import pytesseract

        languages = set(pytesseract.get_languages(config=""))
    except Exception as error:  # a broken installation says so in many ways
        return f"Tesseract does not run ({type(error).__name__})"
    absent = [code for code in LANGUAGES.split("+") if code not in languages]
    if absent:
        return f"Tesseract's language data is missing: {', '.join(absent)}"
    return ""


def page_pixels(*, data: bytes, number: int, dpi: int) -> int:
    """How many pixels page `number` (from 1) becomes when drawn at `dpi`."""
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(data)).pages[number - 1].mediabox
    width, height = abs(float(box.width)), abs(float(box.height))
    return int(width / 72 * dpi) * int(height / 72 * dpi)


def render_page(*, data: bytes, number: int, dpi: int, seconds: float) -> bytes:
    """Page `number` of a PDF as a greyscale PNG (Ghostscript, in its safe mode)."""
    with tempfile.TemporaryDirectory(prefix="sonla-ocr-") as folder:
        source = os.path.join(folder, "in.pdf")
        target = os.path.join(folder, "page.png")
        with open(source, "wb") as handle:
            handle.write(data)
        subprocess.run(  # noqa: S603 - a fixed command on our own temporary file
            [
                shutil.which("gs") or "gs",
                "-q",
                "-dSAFER",
                "-dBATCH",
                "-dNOPAUSE",
                "-sDEVICE=pnggray",
                f"-r{dpi}",
                f"-dFirstPage={number}",
                f"-dLastPage={number}",
                f"-sOutputFile={target}",
                source,
            ],
            check=True,
            capture_output=True,
            timeout=seconds,
        )
        with open(target, "rb") as handle:
            return handle.read()


def recognise(*, image: bytes, dpi: int, seconds: float, max_pixels: int) -> tuple[str, float]:
    """The text of an image (PNG, JPEG), line by line, and Tesseract's mean word confidence."""
    import pytesseract
    from PIL import Image

    picture = Image.open(io.BytesIO(image))  # reads the header only
    if picture.width * picture.height > max_pixels:
        raise ValueError(f"the image is {picture.width}×{picture.height} pixels, too large to read")
    if picture.mode not in ("1", "L", "RGB"):
        picture = picture.convert("RGB")  # palette, alpha, CMYK: what Tesseract reads
    data = pytesseract.image_to_data(
        picture,
        lang=LANGUAGES,
        config=f"--dpi {dpi}",
        timeout=seconds,
        output_type=pytesseract.Output.DICT,
    )
    lines: dict[tuple, list[str]] = defaultdict(list)
    confidences = []
    for i, word in enumerate(data["text"]):
        word = word.strip()
        confidence = float(data["conf"][i])
        if not word or confidence < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines[key].append(word)
        confidences.append(confidence)
    text = "\n".join(" ".join(words) for words in lines.values())
    # Tesseract's models give NFC text, but not always with the composed forms: normalise,
    # as every other text that reaches the index is.
    text = unicodedata.normalize("NFC", text)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return text, round(mean, 1)


def pdf_page_in_process(
    *, data: bytes, number: int, dpi: int, seconds: float, max_pixels: int
) -> Extraction:
    """Recognise one page of a PDF (the extraction child calls this); failure says why not."""
    pixels = page_pixels(data=data, number=number, dpi=dpi)
    if pixels > max_pixels:
        return Extraction(
            failure=f"page {number} is too large to recognise "
            f"({pixels / 1e6:.0f} megapixels at {dpi} dpi; at most {max_pixels / 1e6:.0f})"
        )
    try:
        png = render_page(data=data, number=number, dpi=dpi, seconds=seconds)
        text, confidence = recognise(image=png, dpi=dpi, seconds=seconds, max_pixels=max_pixels)
    except (subprocess.TimeoutExpired, RuntimeError) as error:
        # pytesseract raises RuntimeError when its timeout ends Tesseract.
        if isinstance(error, RuntimeError) and "timeout" not in str(error).lower():
            raise
        return Extraction(failure=f"page {number} took longer than {seconds:g} seconds to read")
    except subprocess.CalledProcessError:
        return Extraction(failure=f"page {number} could not be drawn for recognition")
    except ValueError as error:
        return Extraction(failure=f"page {number}: {error}")
    return Extraction(pages=[text], ocr={number: confidence})


def image_in_process(
    *, data: bytes, number: int, dpi: int, seconds: float, max_pixels: int
) -> Extraction:
    """Recognise an uploaded image (the extraction child calls this); its own dpi if it has one."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        declared = image.info.get("dpi")
    if declared and 70 <= float(declared[0]) <= 1200:
        dpi = round(float(declared[0]))
    try:
        text, confidence = recognise(image=data, dpi=dpi, seconds=seconds, max_pixels=max_pixels)
    except RuntimeError as error:
        if "timeout" not in str(error).lower():
            raise
        return Extraction(failure=f"the image took longer than {seconds:g} seconds to read")
    except ValueError as error:
        return Extraction(failure=str(error))
    return Extraction(pages=[text], ocr={number: confidence})
