"""Rebuilding lines and table cells from the positions of recognised text.

OCR returns boxes of text with a confidence each; a table's structure exists only in their
positions and in the ruling lines printed around them. Where ruling lines are found, each
band between two horizontal rulings that vertical rulings cross is one table row, cut into
cells at the vertical rulings, so an empty cell stays an empty cell and a merged cell
(no ruling between two bands) is delivered like the HTML reader delivers it: its text in
its first row, marked copies (``span``) below. Elsewhere boxes are clustered into lines by
their vertical centre and ordered by x. This module is pure geometry (no image, no OCR),
so it is tested on hand-made boxes as well as on real scans.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from gongkai.core.parsing.document import Cell, Line

# Characters OCR confuses with digits; in a cell that is otherwise a number they are read as
# the digit, and the cell's confidence is capped so the reading is reported, not trusted.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1"})
_NUMBERISH = re.compile(r"^[\d,.\sOoDlI|]+$")
LOOKALIKE_CONFIDENCE = 0.5
# Dust and JPEG noise next to a figure come back as these; at the ends of a number they
# are noise (a point between digits is not touched: 万元 figures have decimals).
_SPECKS = ".,:;·'`。，、"
# Below this a cell's reading is reported (OCR-LOW-CONFIDENCE). Clean 150 dpi scans give
# digits 0.99+; the doubtful ones seen on degraded pages score 0.4–0.85.
LOW_CONFIDENCE = 0.90
_LABEL_THEN_NUMBERS = re.compile(r"^(?P<label>.*?[^\d\s.,])\s*(?P<numbers>\d[\d\s,.]*)$")


@dataclass(frozen=True)
class TextBox:
    """A recognised text in page coordinates (pixels, y downwards), axis-aligned."""

    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float
    slope: float = 0.0  # radians; the text line's tilt, for pages without rulings

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Segment:
    """A ruling line: ``at`` is its y (horizontal) or x (vertical); it runs start..end."""

    at: float
    start: float
    end: float


@dataclass
class Rulings:
    horizontal: list[Segment] = field(default_factory=list)
    vertical: list[Segment] = field(default_factory=list)


def clean_text(text: str, score: float) -> tuple[str, float]:
    """NFKC (OCR returns full-width digits and brackets at random), specks read as
    punctuation at either end of a number ("50.", ".6", ":9"), and digit look-alikes."""
    text = _without_specks(unicodedata.normalize("NFKC", text).strip())
    if (_NUMBERISH.match(text) and any(ch.isdigit() for ch in text)) or text in ("O", "o"):
        fixed = text.translate(_DIGIT_LOOKALIKES)
        if fixed != text:
            return fixed, min(score, LOOKALIKE_CONFIDENCE)
    return text, score


def _without_specks(text: str) -> str:
    """ "" for a box of specks alone; a number without specks at its ends."""
    bare = text.strip(_SPECKS).strip()
    if not bare:
        return ""
    if bare != text and _NUMBERISH.match(bare) and any(ch.isdigit() for ch in bare):
        return bare  # a number never begins or ends with a point or a comma
    return text


def build_lines(
    boxes: list[TextBox], rulings: Rulings | None = None, *, page: int | None = None
) -> list[Line]:
    """The page as lines in reading order, numbered from 1 (callers renumber)."""
    if not boxes:
        return []
    height = statistics.median(b.height for b in boxes)
    placed: list[tuple[float, Line]] = []
    free = list(boxes)
    if rulings is not None and rulings.horizontal and rulings.vertical:
        grid_lines, free = _grid_lines(boxes, rulings, height, page)
        placed.extend(grid_lines)
    placed.extend(_clustered_lines(free, height, page))
    placed.sort(key=lambda item: item[0])
    lines = [item[1] for item in placed]
    for number, line in enumerate(lines, start=1):
        line.number = number
    return lines


def _merge_positions(values: list[float], tolerance: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [statistics.fmean(group) for group in out]


@dataclass
class _Band:
    top: float
    bottom: float
    xs: list[float]  # cell boundaries


def _bands(rulings: Rulings, tolerance: float) -> list[_Band]:
    ys = _merge_positions([s.at for s in rulings.horizontal], tolerance)
    bands: list[_Band] = []
    for top, bottom in itertools.pairwise(ys):
        mid = (top + bottom) / 2
        crossing = [
            s.at for s in rulings.vertical if s.start - tolerance <= mid <= s.end + tolerance
        ]
        xs = _merge_positions(crossing, tolerance)
        if len(xs) >= 2:
            bands.append(_Band(top, bottom, xs))
    return bands


def _covered(rulings: Rulings, y: float, x0: float, x1: float, tolerance: float) -> bool:
    """Whether a horizontal ruling at ``y`` closes the cell spanning x0..x1 (half of it)."""
    covered = 0.0
    for s in rulings.horizontal:
        if abs(s.at - y) <= tolerance:
            covered += max(0.0, min(s.end, x1) - max(s.start, x0))
    return covered >= 0.5 * (x1 - x0)


def _grid_lines(
    boxes: list[TextBox], rulings: Rulings, height: float, page: int | None
) -> tuple[list[tuple[float, Line]], list[TextBox]]:
    tolerance = max(3.0, height * 0.25)
    bands = _bands(rulings, tolerance)
    # cell id (band index, interval index) → the id of the merged cell it belongs to
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for i, band in enumerate(bands):
        for j, (x0, x1) in enumerate(itertools.pairwise(band.xs)):
            owner[(i, j)] = (i, j)
            if i == 0 or abs(bands[i - 1].bottom - band.top) > tolerance:
                continue
            if _covered(rulings, band.top, x0, x1, tolerance):
                continue
            above = bands[i - 1]
            mid = (x0 + x1) / 2
            k = next(
                (k for k, (a, b) in enumerate(itertools.pairwise(above.xs)) if a <= mid <= b),
                None,
            )
            if k is not None:
                owner[(i, j)] = owner[(i - 1, k)]
    texts: dict[tuple[int, int], list[TextBox]] = {}
    free: list[TextBox] = []
    for box in boxes:
        at = next((i for i, b in enumerate(bands) if b.top <= box.cy <= b.bottom), None)
        if at is None or not bands[at].xs[0] <= box.cx <= bands[at].xs[-1]:
            free.append(box)
            continue
        for j, piece in _pieces(box, bands[at].xs, height):
            texts.setdefault(owner[(at, j)], []).append(piece)
    out: list[tuple[float, Line]] = []
    for i, band in enumerate(bands):
        cells: list[Cell] = []
        for j in range(len(band.xs) - 1):
            root = owner[(i, j)]
            text, score = _joined(texts.get(root, []))
            cells.append(Cell(text, span=root != (i, j), confidence=score))
        if not any(c.text for c in cells):
            continue
        own = [c for c in cells if c.text and not c.span]
        if len(own) == 1 and not any(c.text for c in cells if c.span) and not _is_number(own[0]):
            out.append((band.top, Line(0, own[0].text, None, page)))
            continue
        out.append((band.top, Line(0, "\t".join(c.text for c in cells), cells, page)))
    return out, free


def _is_number(cell: Cell) -> bool:
    return bool(_NUMBERISH.match(cell.text)) and any(ch.isdigit() for ch in cell.text)


def _pieces(box: TextBox, xs: list[float], height: float) -> list[tuple[int, TextBox]]:
    """The box in the cell(s) it lies in; one OCR merged across a ruling is cut at it.

    Only a label followed by numbers, or numbers separated by spaces, is cut: the position
    of each part is estimated from its characters' share of the box's width.
    """
    margin = height * 0.3
    inside = [x for x in xs[1:-1] if box.x0 + margin < x < box.x1 - margin]

    def interval(x: float) -> int:
        return next((j for j in range(len(xs) - 1) if x <= xs[j + 1]), len(xs) - 2)

    if not inside:
        return [(interval(box.cx), box)]
    m = _LABEL_THEN_NUMBERS.match(box.text)
    parts = ([m.group("label")] if m else []) + (m.group("numbers") if m else box.text).split()
    if len(parts) < 2:
        return [(interval(box.cx), box)]
    width = (box.x1 - box.x0) / max(1, len(box.text))
    out: list[tuple[int, TextBox]] = []
    start = 0
    for part in parts:
        at = box.text.index(part, start)
        start = at + len(part)
        x0 = box.x0 + at * width
        x1 = box.x0 + start * width
        out.append((interval((x0 + x1) / 2), TextBox(part, box.score, x0, box.y0, x1, box.y1)))
    return out


def _joined(boxes: list[TextBox]) -> tuple[str, float | None]:
    if not boxes:
        return "", None
    height = statistics.median(b.height for b in boxes)
    rows = _cluster(boxes, height)
    text = ""
    for row in rows:
        for box in row:
            text = _concat(text, box.text)
    return _without_specks(text), min(b.score for b in boxes)


def _concat(left: str, right: str) -> str:
    # Wrapped Chinese joins without a space; Latin words and numbers keep one between them.
    if not left:
        return right
    if left[-1].isascii() and right[:1].isascii() and left[-1].isalnum() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


def _cluster(boxes: list[TextBox], height: float) -> list[list[TextBox]]:
    """Boxes grouped into rows by vertical centre, each row ordered by x."""
    rows: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: b.cy):
        if rows and abs(box.cy - statistics.fmean(b.cy for b in rows[-1])) <= height * 0.5:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b.x0) for row in rows]


def _clustered_lines(
    boxes: list[TextBox], height: float, page: int | None
) -> list[tuple[float, Line]]:
    out: list[tuple[float, Line]] = []
    for row in _cluster(boxes, height):
        top = min(b.y0 for b in row)
        if len(row) == 1:
            out.append((top, Line(0, row[0].text, None, page)))
        else:
            cells = [Cell(b.text, confidence=b.score) for b in row]
            out.append((top, Line(0, "\t".join(c.text for c in cells), cells, page)))
    return out
