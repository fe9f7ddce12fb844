"""Table cells from ruling lines: the same as pdfplumber's geometry, plus cut cells."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils.geometry import filter_edges

from gongkai.core.parsing.pdf_geometry import (
    Edge,
    _cells_to_tables,
    _merge,
    _smallest_cells,
    edge,
    table_cells,
)


def _as_dict(e: Edge) -> dict[str, Any]:
    return {
        "object_type": "line",
        "x0": e.x0,
        "x1": e.x1,
        "top": e.top,
        "bottom": e.bottom,
        "doctop": e.top,
        "width": e.width,
        "height": e.height,
        "orientation": e.orientation,
    }


def _pdfplumber_tables(edges: list[Edge]) -> list[list[tuple[float, ...]]]:
    merged = filter_edges(merge_edges([_as_dict(e) for e in edges], 3, 3, 3, 3), min_length=3)
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    return [sorted(t) for t in cells_to_tables(cells)]


# Lines on a coarse lattice with a little jitter: crossings, near misses, pieces to join.
_position = st.builds(lambda i, d: i * 20.0 + d, st.integers(0, 6), st.sampled_from([0, 0.4, 1.3]))


@st.composite
def _edges(draw: st.DrawFn) -> list[Edge]:
    out: list[Edge] = []
    for _ in range(draw(st.integers(0, 14))):
        a, b, c = draw(_position), draw(_position), draw(_position)
        found = edge(a, c, b, c) if draw(st.booleans()) else edge(c, a, c, b)
        if found is not None:
            out.append(found)
    return out


@settings(max_examples=300, deadline=None)
@given(_edges())
def test_cells_are_pdfplumbers(edges: list[Edge]) -> None:
    merged = [e for e in _merge(edges) if (e.height if e.orientation == "v" else e.width) >= 3]
    ours = [sorted(t) for t in _cells_to_tables(_smallest_cells(merged))]
    assert ours == _pdfplumber_tables(edges)


def _box(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    sides = [edge(x0, top, x1, top), edge(x0, bottom, x1, bottom)]
    sides += [edge(x0, top, x0, bottom), edge(x1, top, x1, bottom)]
    return [s for s in sides if s is not None]


def test_a_merged_cell_cut_by_the_page_break_is_closed() -> None:
    # Two rows of label | figure at the foot of a page, the label column merged over both
    # and running onto the next page: its bottom side is not drawn, the figures' are.
    edges = _box(100, 0, 300, 20)
    edges += [e for e in _box(100, 20, 130, 60) if not (e.orientation == "h" and e.top == 60)]
    edges += _box(130, 20, 300, 40) + _box(130, 40, 300, 60)
    cells = [c for table in table_cells(edges) for c in table]
    assert (100, 20, 130, 60) in cells
    assert (130, 40, 300, 60) in cells


def test_an_open_line_far_from_any_table_is_left_alone() -> None:
    # A vertical rule ending level with a table's bottom, far to its left, draws no cell.
    edges = _box(300, 0, 400, 20) + _box(400, 0, 500, 20) + [Edge(10, 0, 10, 20, 0, 20, "v")]
    cells = [c for table in table_cells(edges) for c in table]
    assert sorted(cells) == [(300, 0, 400, 20), (400, 0, 500, 20)]
