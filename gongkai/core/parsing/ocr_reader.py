"""Scans → lines and table cells, by OCR that runs offline.

``read_image`` reads a PNG or JPEG page; ``read_scanned_pdf_pages`` renders the pages of a
PDF that have no text layer and reads them the same way (the PDF reader calls it). Each
page is straightened on its ruling lines, recognised by rapidocr (its models ship inside
the wheel and are loaded from there by path, so nothing is ever downloaded), and rebuilt
into rows and cells by :mod:`gongkai.core.parsing.ocr_layout`. Every cell keeps the
recognition confidence; after interpretation ``mark_low_confidence`` lists the report's
cells read with less than ``LOW_CONFIDENCE`` in ``report.source["low_confidence"]``,
which the OCR checks report. A value is never altered to make the tables add up.
"""

from __future__ import annotations

import io
import math
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from gongkai.core.errors import InputError
from gongkai.core.parsing.document import Cell, Line, SourceDocument
from gongkai.core.parsing.limits import MAX_IMAGE_PIXELS, MAX_OCR_PAGES, OCR_SECONDS_PER_PAGE
from gongkai.core.parsing.normalize import normalize_text, parse_number
from gongkai.core.parsing.ocr_layout import (
    LOW_CONFIDENCE,
    Rulings,
    Segment,
    TextBox,
    build_lines,
    clean_text,
)
from gongkai.core.report.model import AnnualReport, cell_paths

# Recognitions below this are kept (rapidocr's default drops them at 0.5): a doubtful
# digit must reach the checks as a low-confidence cell rather than vanish into a blank one.
KEEP_SCORE = 0.3
DETECT_BOX_SCORE = 0.3
PDF_DPI = 170
_MAX_SKEW_DEGREES = 5.0
_RULING_GAP = 6  # pixels of a ruling lost to noise that it is followed across
Gray = npt.NDArray[np.uint8]

_engine: Any = None
_engine_lock = threading.Lock()


def engine() -> Any:
    """The OCR engine, built once per process (loading the models takes a while)."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _build_engine()
    return _engine


def _build_engine() -> Any:
    import rapidocr
    from rapidocr import RapidOCR

    models = Path(rapidocr.__file__).parent / "models"
    paths = {
        "Det.model_path": models / "PP-OCRv6_det_small.onnx",
        "Rec.model_path": models / "PP-OCRv6_rec_small.onnx",
        "Cls.model_path": models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    }
    missing = [str(p) for p in paths.values() if not p.exists()]
    if missing:
        # rapidocr would fetch them from the network; this product never does.
        raise InputError(f"文字识别模型缺失（{', '.join(missing)}），请重新安装 rapidocr。")
    params: dict[str, Any] = {k: str(v) for k, v in paths.items()}
    params.update(
        {
            "Global.log_level": "error",
            "Global.text_score": KEEP_SCORE,
            # Pages are straightened before recognition, so no box is upside down: the
            # orientation classifier would only cost time (and it misreads some digits).
            "Global.use_cls": False,
            # rapidocr's 0.5 drops the faint box of a lone "0" or "1" in a noisy scan,
            # which then reads as an empty cell.
            "Det.box_thresh": DETECT_BOX_SCORE,
        }
    )
    return RapidOCR(params=params)


def read_image(data: bytes) -> SourceDocument:
    """A PNG or JPEG scan of report pages → its lines (format "image")."""
    started = time.monotonic()
    gray = _decode(data)
    lines, info = ocr_page(gray, page=1)
    info["seconds"] = round(time.monotonic() - started, 2)
    if not lines:
        raise InputError("图片中未识别出文字，无法读取年度报告。")
    return SourceDocument(lines, "image", {"ocr": [info], "pages": 1})


def read_scanned_pdf_pages(
    data: bytes,
    pages: list[int],
    *,
    dpi: int = PDF_DPI,
    info: list[dict[str, Any]] | None = None,
) -> list[Line]:
    """OCR of the given 1-based pages of a PDF, for pages without a text layer.

    Each page is rendered with pypdfium2 at ``dpi`` (less for a page so large that it would
    pass ``MAX_IMAGE_PIXELS``) and read like an image. The lines come back in page order with
    ``Line.page`` set and numbered from 1 across all the pages; a caller that mixes them
    with text-layer lines renumbers them (``SourceDocument.from_rows`` with
    ``line.cells if line.is_row else line.text`` keeps each cell's confidence). What was
    done on each page is appended to ``info``. Raises InputError on an unreadable PDF, too
    many pages, or past the time budget.
    """
    import pypdfium2 as pdfium

    if len(pages) > MAX_OCR_PAGES:
        raise InputError(
            f"PDF 中没有文字层的扫描页共{len(pages)}页，"
            f"超过文字识别{MAX_OCR_PAGES}页的上限，未读取。"
        )
    started = time.monotonic()
    budget = OCR_SECONDS_PER_PAGE * len(pages)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"PDF 文件无法打开：{exc}") from exc
    out: list[Line] = []
    try:
        for number in pages:
            if not 1 <= number <= len(pdf):
                raise InputError(f"PDF 没有第{number}页。")
            if time.monotonic() - started > budget:
                raise InputError(
                    f"扫描页的文字识别超过{budget:.0f}秒（每页{OCR_SECONDS_PER_PAGE:.0f}秒）"
                    f"仍未完成（识别到第{number}页），已停止。"
                )
            page_started = time.monotonic()
            pdf_page = pdf[number - 1]
            bitmap = pdf_page.render(scale=_scale(pdf_page.get_size(), dpi), grayscale=True)
            image = bitmap.to_pil().convert("L")
            lines, page_info = ocr_page(np.asarray(image, dtype=np.uint8), page=number)
            page_info["seconds"] = round(time.monotonic() - page_started, 2)
            if info is not None:
                info.append(page_info)
            out.extend(lines)
    finally:
        pdf.close()
    for index, line in enumerate(out, start=1):
        line.number = index
    return out


def _scale(size: tuple[float, float], dpi: int) -> float:
    """Points → pixels at ``dpi``, lowered so that a huge page stays within MAX_IMAGE_PIXELS."""
    width, height = (max(1.0, float(v)) for v in size)
    scale = dpi / 72
    if width * height * scale * scale > MAX_IMAGE_PIXELS:
        scale = math.sqrt(MAX_IMAGE_PIXELS / (width * height))
    return scale


def _decode(data: bytes) -> Gray:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_IMAGE_PIXELS:
                limit = MAX_IMAGE_PIXELS // 1_000_000
                raise InputError(
                    f"图片过大（{img.width}×{img.height}像素），超过{limit}百万像素的上限。"
                )
            img.seek(0)  # the first frame of a multi-frame file is the page
            gray = img.convert("L")
    except InputError:
        raise
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError(f"图片文件已损坏，无法读取：{type(exc).__name__}") from exc
    return np.asarray(gray, dtype=np.uint8)


def ocr_page(gray: Gray, page: int | None = None) -> tuple[list[Line], dict[str, Any]]:
    """One grayscale page → its lines, and what was done (skew, boxes, rulings)."""
    angle = _skew_from_rulings(gray)
    if angle:
        gray = _rotate(gray, angle)
    boxes = _recognise(gray)
    info: dict[str, Any] = {"page": page, "deskew_degrees": round(angle, 2), "boxes": len(boxes)}
    if not boxes:
        return [], info
    height = statistics.median(b.height for b in boxes)
    rulings = _rulings(gray, height)
    info["rulings"] = [len(rulings.horizontal), len(rulings.vertical)]
    if not (rulings.horizontal and rulings.vertical):
        boxes = _straightened(boxes)
    return build_lines(boxes, rulings, page=page), info


def _recognise(gray: Gray) -> list[TextBox]:
    import cv2

    result = engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
    if getattr(result, "txts", None) is None or result.boxes is None:
        return []
    boxes: list[TextBox] = []
    for quad, raw, score in zip(result.boxes, result.txts, result.scores, strict=False):
        text, confidence = clean_text(str(raw), float(score))
        if not text:
            continue
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        boxes.append(TextBox(text, confidence, min(xs), min(ys), max(xs), max(ys), _angle(quad)))
    return boxes


def _angle(quad: Any) -> float:
    (x0, y0), (x1, y1) = quad[0], quad[1]
    return math.atan2(float(y1) - float(y0), float(x1) - float(x0))


def _straightened(boxes: list[TextBox]) -> list[TextBox]:
    """Boxes in a frame turned by the text's median slope, so rows cluster on a tilted page."""
    slopes = [b.slope for b in boxes if b.x1 - b.x0 > 3 * max(b.height, 1.0)]
    if not slopes:
        return boxes
    theta = statistics.median(slopes)
    if abs(theta) < math.radians(0.05):
        return boxes
    cos, sin = math.cos(theta), math.sin(theta)
    out: list[TextBox] = []
    for b in boxes:
        cx = b.cx * cos + b.cy * sin
        cy = -b.cx * sin + b.cy * cos
        w, h = (b.x1 - b.x0) / 2, b.height / 2
        out.append(TextBox(b.text, b.score, cx - w, cy - h, cx + w, cy + h))
    return out


def _binary(gray: Gray) -> Gray:
    import cv2

    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return np.asarray(binary, dtype=np.uint8)


def _skew_from_rulings(gray: Gray) -> float:
    """The page's rotation in degrees, from its long near-horizontal lines (0 if none)."""
    import cv2

    width = gray.shape[1]
    found = cv2.HoughLinesP(
        _binary(gray), 1, np.pi / 1800, threshold=200, minLineLength=width // 3, maxLineGap=8
    )
    if found is None:
        return 0.0
    angles = []
    # OpenCV 4 returns shape (n, 1, 4), OpenCV 5 (n, 4)
    for x0, y0, x1, y1 in np.asarray(found).reshape(-1, 4).tolist():
        degrees = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if abs(degrees) <= _MAX_SKEW_DEGREES:
            angles.append(degrees)
    return float(statistics.median(angles)) if angles else 0.0


def _rotate(gray: Gray, degrees: float) -> Gray:
    import cv2

    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    rotated = cv2.warpAffine(
        gray,
        matrix,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )
    return np.asarray(rotated, dtype=np.uint8)


def _rulings(gray: Gray, text_height: float) -> Rulings:
    """Ruling line segments; kernels longer than any stroke of a character keep text out."""
    import cv2

    binary = _binary(gray)
    out = Rulings()
    for horizontal in (True, False):
        length = max(40, int(text_height * (4.0 if horizontal else 1.4)))
        shape = (length, 1) if horizontal else (1, length)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        mask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            if horizontal:
                row = binary[y : y + h].max(axis=0)
                start, end = _extended(row, int(x), int(x + w))
                out.horizontal.append(Segment(y + h / 2, float(start), float(end)))
            else:
                column = binary[:, x : x + w].max(axis=1)
                start, end = _extended(column, int(y), int(y + h))
                out.vertical.append(Segment(x + w / 2, float(start), float(end)))
    return out


def _extended(ink: Gray, start: int, end: int) -> tuple[int, int]:
    """A ruling followed on along its own line across gaps of a few pixels.

    A drop-out or a JPEG block cuts a ruling into pieces, and a piece shorter than the
    opening kernel is lost, so a narrow cell would lose its border. Only a ruling already
    found is followed, so text is never taken for one.
    """
    dark = np.flatnonzero(ink)
    if not len(dark):
        return start, end
    gaps = np.flatnonzero(np.diff(dark) > _RULING_GAP)
    # runs of dark pixels no more than _RULING_GAP apart: [dark[a], dark[b]]
    firsts = np.concatenate(([dark[0]], dark[gaps + 1]))
    lasts = np.concatenate((dark[gaps], [dark[-1]]))
    at = int(np.searchsorted(lasts, start))
    if at < len(firsts) and firsts[at] <= start:
        return min(start, int(firsts[at])), max(end, int(lasts[at]) + 1)
    return start, end


def low_confidence_cells(report: AnnualReport, doc: SourceDocument) -> dict[str, float]:
    """Report cells whose source cell was recognised with less than ``LOW_CONFIDENCE``.

    The interpreter records the source line of each cell (``report.locations``); a row's
    numbers are matched to the line's numeric cells in order when their counts agree, and
    by value otherwise (a cell the arithmetic filled in is matched to nothing).
    """
    by_number = {ln.number: ln for ln in doc.lines}
    rows: dict[int, list[str]] = {}
    for path in cell_paths(report):
        number = report.locations.get(path)
        if number is not None:
            rows.setdefault(number, []).append(path)
    found: dict[str, float] = {}
    for at, paths in rows.items():
        line = by_number.get(at)
        if line is None or line.cells is None:
            continue
        numeric = [c for c in line.cells if not c.span and _numeric(c)]
        if len(numeric) == len(paths):
            pairs = list(zip(paths, numeric, strict=True))
        else:
            pairs = _match_by_value(report, paths, numeric)
        for path, cell in pairs:
            if cell.confidence is not None and cell.confidence < LOW_CONFIDENCE:
                found[path] = round(cell.confidence, 3)
    return found


def _numeric(cell: Cell) -> bool:
    return parse_number(normalize_text(cell.text).strip()) is not None


def _match_by_value(
    report: AnnualReport, paths: list[str], numeric: list[Cell]
) -> list[tuple[str, Cell]]:
    pairs: list[tuple[str, Cell]] = []
    used: set[int] = set()
    for path in paths:
        value = report.get(path)
        if value is None:
            continue
        for i, cell in enumerate(numeric):
            if i not in used and parse_number(normalize_text(cell.text).strip()) == str(value):
                used.add(i)
                pairs.append((path, cell))
                break
    return pairs


def mark_low_confidence(report: AnnualReport, doc: SourceDocument) -> AnnualReport:
    """Record the low-confidence cells in ``report.source`` (nothing when none was OCR'd)."""
    if not any(c.confidence is not None for ln in doc.lines for c in ln.cells or ()):
        return report
    report.source["low_confidence"] = low_confidence_cells(report, doc)
    report.source["ocr"] = doc.meta.get("ocr")
    return report
