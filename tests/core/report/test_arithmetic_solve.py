"""Solving the tables' equations, and solving them with the fixed cells folded in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.report import labels as L
from gongkai.core.report.arithmetic import (
    Equation,
    all_equations,
    cells,
    partially_evaluated,
    residual,
    solve,
)

EQUATIONS = all_equations(L.FORMAT_2021)
PATHS = list(cells(EQUATIONS))


def test_one_unknown_cell_is_solved_and_a_wrong_total_is_reported() -> None:
    eq = Equation("T", ("a",), ("b", "c"), "row")
    assert solve({"a": 5, "b": 2, "c": None}, [eq]) == ({"c": 3}, [])
    assert solve({"a": 5, "b": 2, "c": 4}, [eq]) == ({}, [eq])
    # a solution that needs a negative count breaks the equation instead
    assert solve({"a": 1, "b": 2, "c": None}, [eq]) == ({}, [eq])


def test_the_offset_stands_for_cells_summed_beforehand() -> None:
    eq = partially_evaluated(Equation("T", ("a", "x"), ("b", "c"), "row"), {"x": 4, "b": 1})
    assert (eq.left, eq.right, eq.offset) == (("a",), ("c",), 3)
    assert solve({"a": 2, "c": None}, [eq]) == ({"c": 5}, [])
    assert residual(eq, {"a": 2, "c": 5}.get) == 0


values = st.one_of(st.none(), st.integers(min_value=0, max_value=6))


@settings(max_examples=120, deadline=None)
@given(
    st.fixed_dictionaries({p: values for p in PATHS}),
    st.sets(st.sampled_from(PATHS)),
)
def test_folding_fixed_cells_changes_nothing_solved_or_broken(
    counts: dict[str, int | None], varying: set[str]
) -> None:
    # The resolver folds every cell that is the same in all its combinations; whatever is
    # folded, the equations must solve the other cells and break exactly as before.
    fixed = {p: v for p, v in counts.items() if p not in varying}
    rest = {p: v for p, v in counts.items() if p in varying}
    folded = [partially_evaluated(eq, fixed) for eq in EQUATIONS]
    solved, broken = solve(counts, EQUATIONS)
    solved_folded, broken_folded = solve(rest, folded)
    assert solved_folded == solved
    assert [(e.rule, e.subject) for e in broken_folded] == [(e.rule, e.subject) for e in broken]
