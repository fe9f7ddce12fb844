"""Table cells from ruling lines: pdfplumber's table geometry, on plain tuples.

The same steps as pdfplumber's ``merge_edges`` (snap edges within 3 pt to their mean,
join collinear pieces within 3 pt), ``filter_edges``, ``intersections_to_cells`` and
``cells_to_tables``, with the same arithmetic in the same order, so the cells are the
same to the last bit. Done here rather than by pdfplumber because its edges are dicts
rebuilt at every step and importing it loads pdfminer (≈0.1 s a process) for nothing.
"""

from __future__ import annotations

import bisect
from operator import itemgetter
from typing import NamedTuple

TOLERANCE = 3.0  # pdfplumber's snap/join/intersection tolerance
MIN_EDGE = 3.0  # edges shorter than this are not rulings (pdfplumber's edge_min_length)

Box = tuple[float, float, float, float]


class Edge(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float
    width: float
    height: float
    orientation: str  # "h" or "v"


def edge(x0: float, y0: float, x1: float, y1: float) -> Edge | None:
    """The ruling a straight segment draws, or None (a diagonal, a dot, a short side)."""
    left, right = min(x0, x1), max(x0, x1)
    top, bottom = min(y0, y1), max(y0, y1)
    # tuple.__new__: a namedtuple's constructor without its Python frame (a page of a
    # product's PDF has hundreds of rulings)
    if bottom - top < 0.5 and right - left >= MIN_EDGE:
        return _new(Edge, (left, top, right, bottom, right - left, bottom - top, "h"))
    if right - left < 0.5 and bottom - top >= MIN_EDGE:
        return _new(Edge, (left, top, right, bottom, right - left, bottom - top, "v"))
    return None


_new = tuple.__new__


def table_cells(edges: list[Edge]) -> list[list[Box]]:
    """Cell boxes (x0, top, x1, bottom) of each table the edges draw."""
    if not edges:
        return []
    merged = [
        e for e in _merge(edges) if (e.height if e.orientation == "v" else e.width) >= MIN_EDGE
    ]
    return _cells_to_tables(_smallest_cells(merged + _cut_sides(merged)))


_MAX_CUT = 120.0  # the widest cut cell bridged (a first column's width)


def _cut_sides(edges: list[Edge]) -> list[Edge]:
    """The lines a page break leaves out under a merged cell.

    A cell merged over rows that runs onto the next page is printed without its side at the
    break (weasyprint leaves it out; the other cells of that row have theirs), so its
    borders end in the air and the cell and its label are not found. Where a vertical ends
    at the level of a horizontal that stops short of it, the gap between them is drawn.
    """
    horizontal = [e for e in edges if e.orientation == "h"]
    by_top = sorted(range(len(horizontal)), key=lambda i: horizontal[i].top)
    tops = [horizontal[i].top for i in by_top]
    added: list[Edge] = []
    for v in edges:
        if v.orientation != "v":
            continue
        for end in (v.top, v.bottom):
            # the horizontals at this level, in their own order; the window a little wider
            # than the tolerance, the exact test as before
            near = by_top[
                bisect.bisect_left(tops, end - TOLERANCE - 0.01) : bisect.bisect_right(
                    tops, end + TOLERANCE + 0.01
                )
            ]
            level = [
                h
                for h in map(horizontal.__getitem__, sorted(near))
                if abs(h.top - end) <= TOLERANCE
            ]
            if any(h.x0 - TOLERANCE <= v.x0 <= h.x1 + TOLERANCE for h in level):
                continue
            gaps = [(h.x0 - v.x0, h) for h in level if h.x0 > v.x0] + [
                (v.x0 - h.x1, h) for h in level if h.x1 < v.x0
            ]
            if not gaps:
                continue
            gap, h = min(gaps, key=lambda g: g[0])
            if gap <= _MAX_CUT:
                x0, x1 = (v.x0, h.x0) if h.x0 > v.x0 else (h.x1, v.x0)
                added.append(Edge(x0, h.top, x1, h.bottom, x1 - x0, h.bottom - h.top, "h"))
    return added


def _snap(edges: list[Edge], vertical: bool) -> list[Edge]:
    """pdfplumber's ``snap_objects``: clusters of positions within 3 pt move to their mean."""
    key = _X0 if vertical else _TOP
    values = sorted(set(map(key, edges)))
    cluster_of: dict[float, int] = {}
    index = 0
    last: float | None = None
    for v in values:
        if last is not None and v > last + TOLERANCE:
            index += 1
        cluster_of[v] = index
        last = v
    clusters: list[list[Edge]] = [[] for _ in range(index + 1)] if values else []
    for e in edges:
        clusters[cluster_of[key(e)]].append(e)
    out: list[Edge] = []
    new = tuple.__new__
    for cluster in clusters:
        avg = sum(map(key, cluster)) / len(cluster)
        for e in cluster:
            x0, top, x1, bottom, width, height, _ = e
            shift = avg - (x0 if vertical else top)
            if shift == 0.0:  # most rulings: drawn where the others of their line are
                out.append(e)
            elif vertical:  # tuple.__new__: a namedtuple's constructor without its frame
                out.append(new(Edge, (x0 + shift, top, x1 + shift, bottom, width, height, "v")))
            else:
                out.append(new(Edge, (x0, top + shift, x1, bottom + shift, width, height, "h")))
    return out


_X0, _TOP = itemgetter(0), itemgetter(1)


def _merge(edges: list[Edge]) -> list[Edge]:
    """pdfplumber's ``merge_edges``: snapped, then joined along each line (horizontal lines
    top to bottom, then vertical ones left to right)."""
    horizontal = _snap([e for e in edges if e.orientation == "h"], False)
    vertical = _snap([e for e in edges if e.orientation == "v"], True)
    return _join(horizontal, True) + _join(vertical, False)


def _join(snapped: list[Edge], horizontal: bool) -> list[Edge]:
    """The collinear pieces of each line joined where they meet or nearly (3 pt)."""
    # Rulings drawn twice (a side two cells share) join to nothing: dropped before sorting.
    lines: dict[float, list[Edge]] = {}
    at, along = (_TOP, _X0) if horizontal else (_X0, _TOP)
    for e in dict.fromkeys(snapped):
        lines.setdefault(at(e), []).append(e)
    out: list[Edge] = []
    for position in sorted(lines):
        ordered = sorted(lines[position], key=along)
        joined = [ordered[0]]
        for e in ordered[1:]:
            last = joined[-1]
            if horizontal:
                if e.x0 <= last.x1 + TOLERANCE:
                    if e.x1 > last.x1:
                        joined[-1] = Edge(
                            last.x0, last.top, e.x1, last.bottom, e.x1 - last.x0, last.height, "h"
                        )
                else:
                    joined.append(e)
            elif e.top <= last.bottom + TOLERANCE:
                if e.bottom > last.bottom:
                    grown = last.height + (e.bottom - last.bottom)
                    joined[-1] = Edge(last.x0, last.top, last.x1, e.bottom, last.width, grown, "v")
            else:
                joined.append(e)
        out.extend(joined)
    return out


def _smallest_cells(edges: list[Edge]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: for each crossing, the smallest rectangle
    whose sides are drawn, found with sets of edge numbers instead of edge boxes."""
    vertical = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    horizontal = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    tops = [h.top for h in horizontal]
    crossings: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for i, v in enumerate(vertical):
        v_x, v_top, v_bottom = v.x0, v.top, v.bottom
        # a window a little wider than the tolerance; the exact test is pdfplumber's
        first = bisect.bisect_left(tops, v_top - TOLERANCE - 0.01)
        last = bisect.bisect_right(tops, v_bottom + TOLERANCE + 0.01)
        for j in range(first, last):
            h = horizontal[j]
            h_top = h.top
            if (
                v_top <= h_top + TOLERANCE
                and v_bottom >= h_top - TOLERANCE
                and h.x0 - TOLERANCE <= v_x <= h.x1 + TOLERANCE
            ):
                at = crossings.setdefault((v_x, h_top), (set(), set()))
                at[0].add(i)
                at[1].add(j)
    columns: dict[float, list[float]] = {}  # x → the crossings' ys, in order
    rows: dict[float, list[float]] = {}  # y → the crossings' xs, in order
    for x, y in sorted(crossings):
        columns.setdefault(x, []).append(y)
        rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()

    # For each crossing, the first crossing below it on a shared vertical and the first to
    # its right on a shared horizontal whose far corner closes the rectangle (pdfplumber's
    # order: the nearest below first, then the nearest to the right).
    cells: list[Box] = []
    right = bisect.bisect_right
    for x, column in columns.items():
        for k, y in enumerate(column):
            row = rows[y]
            start = right(row, x)
            if start < len(row):
                cell = _first_cell(crossings, x, y, column, k + 1, row, start)
                if cell is not None:
                    cells.append(cell)
    return cells


def _first_cell(
    crossings: dict[tuple[float, float], tuple[set[int], set[int]]],
    x: float,
    y: float,
    column: list[float],
    below: int,
    row: list[float],
    start: int,
) -> Box | None:
    """The smallest cell whose top-left corner is the crossing (x, y), if any.

    The crossings to its right on a shared horizontal are looked up only as far as needed
    (the first usually closes the cell) and kept for the next crossing below.
    """
    down_here, across_here = crossings[(x, y)]
    across: list[tuple[float, set[int]]] = []
    later = iter(row[start:])
    for y2 in column[below:]:
        down, sideways = crossings[(x, y2)]
        if down_here.isdisjoint(down):
            continue
        n = 0
        while True:
            if n == len(across):
                for x2 in later:
                    crossing = crossings[(x2, y)]
                    if not across_here.isdisjoint(crossing[1]):
                        across.append((x2, crossing[0]))
                        break
                else:
                    break
            x2, down_right = across[n]
            n += 1
            corner = crossings.get((x2, y2))
            if (
                corner is not None
                and not corner[0].isdisjoint(down_right)
                and not corner[1].isdisjoint(sideways)
            ):
                return (x, y, x2, y2)
    return None


def _cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber's ``cells_to_tables``: cells grouped by shared corners (its repeated passes
    are the connected components, found here in one with a union-find), tables of two cells
    or more, top to bottom then left to right; a table's cells in the order they came."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        mine = i  # the root of this cell's group, kept as the unions go
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = first_with.setdefault(corner, i)
            if j != i:
                theirs = root(j)
                if theirs != mine:
                    parent[mine] = theirs
                    mine = theirs
    groups: dict[int, list[Box]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
