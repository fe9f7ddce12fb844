"""Scoring the combinations of row readings row by row gives what solving each whole does.

``resolve`` keeps the combinations that break the fewest equations. ``presolved`` scores
them without solving every combination against every equation; these properties compare
its best combinations — score, order and the cells each solves — with those of
``solved_whole`` over random 表三 and 表四 tables, readings with gaps and marks, and the
equations in any order.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.parsing.presolved import scored_combinations
from gongkai.core.parsing.readings import RowReading
from gongkai.core.parsing.resolve import prepared, solved_whole
from gongkai.core.report import labels as L
from gongkai.core.report.arithmetic import table3_equations, table4_equations
from tests.builders import consistent_reports

T3_ROWS = L.t3_rows(L.FORMAT_2021)
COLUMNS = {row: tuple(f"table3.{row}.{c}" for c in L.T3_COLUMNS) for row in T3_ROWS}
COLUMNS["table4"] = tuple(f"table4.{c}" for c in L.T4_COLUMNS)
EQUATIONS = table3_equations(L.FORMAT_2021) + table4_equations()


def _truth(report: object, row: str) -> tuple[int, ...]:
    if row == "table4":
        return tuple(report.table4[c] for c in L.T4_COLUMNS)  # type: ignore[attr-defined]
    return tuple(report.table3[row][c] for c in L.T3_COLUMNS)  # type: ignore[attr-defined]


def _reading(draw: st.DrawFn, truth: tuple[int, ...]) -> tuple[int | str | None, ...]:
    """The row as read: right, or with a cell left as a gap, a mark, or another count."""
    cells: list[int | str | None] = list(truth)
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        i = draw(st.integers(min_value=0, max_value=len(cells) - 1))
        cells[i] = draw(st.one_of(st.none(), st.just("—"), st.integers(0, 30)))
    return tuple(cells)


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[str, RowReading], list, dict, list[str]]:
    """A table that adds up, as read: a few rows in doubt with several readings each, the
    other rows read once (mostly right), the equations in their order or shuffled."""
    report = draw(consistent_reports())
    rows = [*T3_ROWS, "table4"]
    choices = draw(st.lists(st.sampled_from(rows), min_size=2, max_size=3, unique=True))
    fixed_misread = draw(st.booleans())
    readings: dict[str, RowReading] = {}
    for row in rows:
        truth = _truth(report, row)
        if row in choices:
            n = draw(st.integers(min_value=2, max_value=5))
            readings[row] = RowReading([_reading(draw, truth) for _ in range(n)])
        else:
            read = _reading(draw, truth) if fixed_misread and draw(st.booleans()) else truth
            readings[row] = RowReading([read])
    fixed = {
        p: v
        for row in rows
        if row not in choices
        for p, v in zip(COLUMNS[row], readings[row].options[0], strict=True)
    }
    equations = draw(st.permutations(EQUATIONS)) if draw(st.booleans()) else list(EQUATIONS)
    return readings, equations, fixed, choices


def _best(outcomes: list) -> list:
    best = min(score for score, _, _ in outcomes)
    return [o for o in outcomes if o[0] == best]


@settings(max_examples=400, deadline=None)
@given(tables())
def test_the_best_combinations_are_those_of_solving_each_whole(table: tuple) -> None:
    readings, equations, fixed, choices = table
    row_counts, varying, broken_always = prepared(readings, COLUMNS, equations, fixed, choices)
    whole = list(solved_whole(row_counts, varying, broken_always))
    row_paths = [COLUMNS[row] for row in choices]
    scored = scored_combinations(row_counts, row_paths, varying, broken_always)
    if scored is None:
        return  # these rows are solved whole: nothing to compare
    assert _best(list(scored)) == _best(whole)


def test_rows_apart_are_scored_ahead_where_a_gap_fills_from_the_row_total() -> None:
    # 总计 read, one applicant column unknown: each row's own total fills it ahead.
    doubt = ["granted", "partially_granted"]
    readings = {row: RowReading([tuple([0] * 7)]) for row in T3_ROWS}
    readings["granted"] = RowReading([(None, 1, 0, 0, 0, 0, 3), (3, None, 0, 0, 0, 0, 3)])
    readings["partially_granted"] = RowReading([(0,) * 7, (None, 0, 0, 0, 0, 0, 0)])
    fixed = {p: 0 for row in T3_ROWS if row not in doubt for p in COLUMNS[row]}
    for row in ("new_received", "results_total"):
        fixed |= {f"table3.{row}.natural_person": 2, f"table3.{row}.total": 3}
        fixed |= {f"table3.{row}.commercial_enterprise": 1}
    columns = {row: COLUMNS[row] for row in T3_ROWS}
    row_counts, varying, broken = prepared(
        readings, columns, table3_equations(L.FORMAT_2021), fixed, doubt
    )
    scored = scored_combinations(row_counts, [COLUMNS[r] for r in doubt], varying, broken)
    assert scored is not None
    outcomes = list(scored)
    assert outcomes == list(solved_whole(row_counts, varying, broken))
    granted, partly = "table3.granted", "table3.partially_granted"
    assert _best(outcomes) == [
        (0, (0, 0), {f"{granted}.natural_person": 2}),
        (0, (0, 1), {f"{granted}.natural_person": 2, f"{partly}.natural_person": 0}),
    ]


def test_one_row_in_doubt_is_solved_whole() -> None:
    # Scored apart, a single row would be solved once per reading all the same.
    readings = {"granted": RowReading([(None, 1, 0, 0, 0, 0, 3), (3, None, 0, 0, 0, 0, 3)])}
    args = prepared(readings, COLUMNS, table3_equations(L.FORMAT_2021), {}, ["granted"])
    assert scored_combinations(args[0], [COLUMNS["granted"]], args[1], args[2]) is None
