"""PDF tables from their ruling lines → grids, joined across page breaks.

pdfplumber finds a table's cells from the drawn lines; a merged cell is one cell box that
covers several column or row boundaries (``extract()`` gives ``None`` for the positions it
covers). Here every box is placed on the table's boundaries, so merged cells become
``span`` copies. A table cut by a page break arrives as two parts; the second is appended
to the first, on the union of their column boundaries, and a cell cut in two by the break
("（四）无" at the foot of one page, "法提供" at the head of the next) is made one again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.parsing.document import Cell
from gongkai.core.parsing.grid import Placement, build_grid, cell_text
from gongkai.core.parsing.normalize import parse_number

_X_TOLERANCE = 4.0  # ruling lines of one column drift by a few points between pages
_Y_TOLERANCE = 2.0
# A cell that begins a row label of its own ("（五）", "2.", "三、"), not the rest of one.
_ENUMERATED = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[)）、.．]")


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass
class Part:
    """One table as drawn on one page."""

    page: int
    boxes: list[Box]
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        self.x0 = min(b.x0 for b in self.boxes)
        self.x1 = max(b.x1 for b in self.boxes)
        self.top = min(b.top for b in self.boxes)
        self.bottom = max(b.bottom for b in self.boxes)

    def inner_xs(self) -> list[float]:
        edges = {round(b.x0, 1) for b in self.boxes} | {round(b.x1, 1) for b in self.boxes}
        return [x for x in edges if self.x0 + _X_TOLERANCE < x < self.x1 - _X_TOLERANCE]


def table_parts(page: Any, number: int) -> list[Part]:
    """The page's tables with at least two columns; a one-column "table" is a framed
    paragraph (a boxed preamble, a note) and is left to the text lines."""
    parts: list[Part] = []
    for table in page.find_tables():
        boxes: list[Box] = []
        for row, texts in zip(table.rows, table.extract(), strict=False):
            for bbox, text in zip(row.cells, texts, strict=False):
                if bbox is not None:
                    boxes.append(Box(bbox[0], bbox[1], bbox[2], bbox[3], cell_text(text or "")))
        if boxes:
            part = Part(number, boxes)
            if part.inner_xs():
                parts.append(part)
    return parts


def continues(previous: Part, part: Part) -> bool:
    """Whether ``part``, first on its page, goes on with ``previous``, last on the page before."""
    if part.page != previous.page + 1:
        return False
    if abs(part.x0 - previous.x0) > _X_TOLERANCE or abs(part.x1 - previous.x1) > _X_TOLERANCE:
        return False
    mine, theirs = part.inner_xs(), previous.inner_xs()
    shared = sum(any(abs(x - y) <= _X_TOLERANCE for y in theirs) for x in mine)
    return shared * 2 >= len(mine)


def _clusters(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(value: float, bounds: list[float]) -> int:
    """The boundary nearest a cell edge (every edge is itself one of the clustered values)."""
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def table_rows(parts: list[Part]) -> list[tuple[int, list[Cell]]]:
    """(page, cells) for each row of one logical table made of one or more parts."""
    xs = _clusters([x for p in parts for b in p.boxes for x in (b.x0, b.x1)], _X_TOLERANCE)
    placements: list[Placement] = []
    pages: list[int] = []
    for part in parts:
        ys = _clusters([y for b in part.boxes for y in (b.top, b.bottom)], _Y_TOLERANCE)
        offset = len(pages)
        mine: list[Placement] = []
        for b in sorted(part.boxes, key=lambda b: (b.top, b.x0)):
            r0, r1 = _index(b.top, ys), _index(b.bottom, ys)
            c0, c1 = _index(b.x0, xs), _index(b.x1, xs)
            if r1 > r0 and c1 > c0:
                mine.append(Placement(offset + r0, c0, b.text, r1 - r0, c1 - c0))
        rows_here = len(ys) - 1
        if offset:
            mine, rows_here = _drop_repeated_header(placements, mine, offset, rows_here)
            mine = _join_cut_cells(placements, mine, offset, len(xs) - 1)
        placements.extend(mine)
        pages.extend([part.page] * rows_here)
    grid = build_grid(placements, len(pages))
    return [(page, row) for page, row in zip(pages, grid, strict=True) if row]


def _rows_of(placements: list[Placement], row: int) -> list[tuple[int, int, str]]:
    return sorted((p.col, p.colspan, p.text) for p in placements if p.row == row)


def _drop_repeated_header(
    before: list[Placement], mine: list[Placement], offset: int, rows_here: int
) -> tuple[list[Placement], int]:
    """A header row printed again at the head of the next page is not data."""
    first = min((p.row for p in before), default=0)
    repeated = 0
    while repeated < rows_here and _rows_of(mine, offset + repeated) == _rows_of(
        before, first + repeated
    ):
        repeated += 1
    if not repeated or repeated == rows_here:
        return mine, rows_here
    kept = [p for p in mine if p.row >= offset + repeated]
    for p in kept:
        p.row -= repeated
    return kept, rows_here - repeated


def _join_cut_cells(
    before: list[Placement], mine: list[Placement], offset: int, width: int
) -> list[Placement]:
    """Cells of the new part's first row that continue a merged label cut by the break."""
    last = offset - 1
    bottom = {(p.col, p.colspan): p for p in before if p.row <= last < p.row + p.rowspan}
    kept: list[Placement] = []
    for p in mine:
        above = bottom.get((p.col, p.colspan)) if p.row == offset else None
        # Only a label merged over rows on either side can have been cut; a full-width
        # cell is a caption row, and single-row cells are separate rows.
        cut = above is not None and _label(above.text) and p.colspan != width
        if above is None or not cut or not (above.rowspan > 1 or p.rowspan > 1):
            kept.append(p)
        elif not p.text:
            above.rowspan += p.rowspan
        elif _label(p.text) and not _ENUMERATED.match(p.text):
            above.text = cell_text(above.text + " " + p.text)
            above.rowspan += p.rowspan
        else:
            kept.append(p)
    return kept


def _label(text: str) -> bool:
    return bool(text) and parse_number(text) is None and not text.isdigit()
