"""PDF tables from their ruling lines → grids, joined across page breaks.

pdfplumber's geometry finds a table's cells from the drawn lines (``pdf_page``); a merged
cell is one cell box that covers several column or row boundaries. Here every box is
placed on the table's boundaries, so merged cells become ``span`` copies. A table cut by
a page break arrives as two parts; the second is appended to the first, on the union of
their column boundaries, and a cell cut in two by the break ("（四）无" at the foot of one
page, "法提供" at the head of the next) is made one again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from gongkai.core.parsing.document import Cell
from gongkai.core.parsing.grid import Placement, build_grid, cell_text
from gongkai.core.parsing.normalize import parse_number
from gongkai.core.parsing.pdf_geometry import Box as PdfBox
from gongkai.core.parsing.pdf_geometry import table_cells
from gongkai.core.parsing.pdf_page import Char, PageContent, text_of

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
    _inner_xs: list[float] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.x0 = min(b.x0 for b in self.boxes)
        self.x1 = max(b.x1 for b in self.boxes)
        self.top = min(b.top for b in self.boxes)
        self.bottom = max(b.bottom for b in self.boxes)
        # asked for three times a part (is it a table, does it go on, is it gone on)
        edges = {round(b.x0, 1) for b in self.boxes} | {round(b.x1, 1) for b in self.boxes}
        self._inner_xs = [x for x in edges if self.x0 + _X_TOLERANCE < x < self.x1 - _X_TOLERANCE]

    def inner_xs(self) -> list[float]:
        return self._inner_xs


def table_parts(page: PageContent, number: int) -> list[Part]:
    """The page's tables with at least two columns; a one-column "table" is a framed
    paragraph (a boxed preamble, a note) and is left to the text lines."""
    parts: list[Part] = []
    for cells in table_cells(page.edges):
        texts = _cell_chars(cells, page.chars)
        boxes = [Box(*cell, cell_text(text_of(texts[i]))) for i, cell in enumerate(cells)]
        if boxes:
            part = Part(number, boxes)
            if part.inner_xs():
                parts.append(part)
    return parts


def _cell_chars(cells: list[PdfBox], chars: list[Char]) -> list[list[Char]]:
    """The characters whose centre lies in each cell.

    Every side of a cell lies on one of the table's rulings, so the rulings cut the table
    into slots and a cell covers whole slots: a character's slot is found by bisecting the
    rulings' xs and ys, and the slot names its cell. Where cells overlap (a stray drawing),
    a slot keeps the cell with the greatest left side, and of those the last: the cell a
    search from the nearest left side found.
    """
    xs = sorted({x for cell in cells for x in (cell[0], cell[2])})
    ys = sorted({y for cell in cells for y in (cell[1], cell[3])})
    column = {x: k for k, x in enumerate(xs)}
    row = {y: k for k, y in enumerate(ys)}
    width = len(xs) - 1
    owner = [-1] * (width * (len(ys) - 1))  # slot (row * width + column) → cell
    for i, (x0, top, x1, bottom) in enumerate(cells):
        c0, c1 = column[x0], column[x1]
        for base in range(row[top] * width, row[bottom] * width, width):
            for k in range(base + c0, base + c1):
                j = owner[k]
                if j < 0 or cells[j][0] <= x0:
                    owner[k] = i
    found: list[list[Char]] = [[] for _ in cells]
    right = bisect.bisect_right
    left_side, right_side, top_side, bottom_side = xs[0], xs[-1], ys[0], ys[-1]
    for ch in chars:
        v_mid = (ch[2] + ch[4]) / 2
        if top_side <= v_mid < bottom_side:
            h_mid = (ch[1] + ch[3]) / 2
            if left_side <= h_mid < right_side:
                i = owner[(right(ys, v_mid) - 1) * width + right(xs, h_mid) - 1]
                if i >= 0:
                    found[i].append(ch)
    return found


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
    at = bisect.bisect_left(bounds, value)
    if at == len(bounds) or (at and value - bounds[at - 1] <= bounds[at] - value):
        return at - 1
    return at


def table_rows(parts: list[Part]) -> list[tuple[int, list[Cell]]]:
    """(page, cells) for each row of one logical table made of one or more parts."""
    all_xs = [x for p in parts for b in p.boxes for x in (b.x0, b.x1)]
    xs = _clusters(all_xs, _X_TOLERANCE)
    # a table's cells share a few sides: each side's boundary is looked up once
    column = {x: _index(x, xs) for x in set(all_xs)}
    placements: list[Placement] = []
    pages: list[int] = []
    for part in parts:
        all_ys = [y for b in part.boxes for y in (b.top, b.bottom)]
        ys = _clusters(all_ys, _Y_TOLERANCE)
        row = {y: _index(y, ys) for y in set(all_ys)}
        offset = len(pages)
        mine: list[Placement] = []
        for b in sorted(part.boxes, key=lambda b: (b.top, b.x0)):
            r0, r1 = row[b.top], row[b.bottom]
            c0, c1 = column[b.x0], column[b.x1]
            if r1 > r0 and c1 > c0:
                mine.append(Placement(offset + r0, c0, b.text, r1 - r0, c1 - c0))
        rows_here = len(ys) - 1
        if offset:
            mine, rows_here = _drop_repeated_header(placements, mine, offset, rows_here)
            mine, rows_here = _join_cut_row(placements, mine, offset, rows_here)
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


def _join_cut_row(
    before: list[Placement], mine: list[Placement], offset: int, rows_here: int
) -> tuple[list[Placement], int]:
    """A row cut in two by the page break: the rest of its labels heads the next page, in
    a row with no figures of its own ("2.申请人逾期未按收" | "费通知要求缴纳费用…")."""
    last = offset - 1
    above = {p.col: p for p in before if p.row <= last < p.row + p.rowspan}
    figures = {col for col, p in above.items() if p.text and parse_number(p.text) is not None}
    texts = [p for p in mine if p.row == offset and p.text]
    empty = {p.col for p in mine if p.row == offset and not p.text}
    if not texts or not figures or not figures <= empty:
        return mine, rows_here
    for p in texts:
        target = above.get(p.col)
        if (
            target is None
            or p.colspan != target.colspan
            or p.rowspan > 1
            or target.rowspan > 1
            or not (_label(p.text) and _label(target.text))
            or _ENUMERATED.match(p.text)
        ):
            return mine, rows_here
    for p in texts:
        above[p.col].text = cell_text(above[p.col].text + " " + p.text)
    kept: list[Placement] = []
    for p in mine:
        if p.row == offset and p.rowspan == 1:
            continue  # the row's own cells: its labels joined above, its figures empty
        if p.row == offset:
            p.rowspan -= 1  # a merged cell the row began keeps its other rows
        elif p.row > offset:
            p.row -= 1
        kept.append(p)
    return kept, rows_here - 1


def _join_cut_cells(
    before: list[Placement], mine: list[Placement], offset: int, width: int
) -> list[Placement]:
    """Cells of the new part's first row that continue a merged label cut by the break."""
    last = offset - 1
    bottom = {(p.col, p.colspan): p for p in before if p.row <= last < p.row + p.rowspan}
    if not any(parse_number(p.text) is not None for p in bottom.values() if p.text):
        # The break comes after a header (no figure in its last row): the labels above are
        # column headings, and an empty cell below one is a blank value, not its remainder.
        return mine
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
