"""The arithmetic a report's tables must satisfy, declared once as linear equations.

The checks report an equation that does not hold; the readers use the same equations to
fill a blank or missing cell when, and only when, they determine it uniquely.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from gongkai.core.report import labels as L


@dataclass(frozen=True)
class Equation:
    """``sum(left) + offset == sum(right)``; ``rule`` names the check that enforces it.

    The tables' equations have no offset; a reader weighing many readings of a few rows
    folds the cells that stay the same into it once (:func:`partially_evaluated`).
    """

    rule: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    subject: str  # the row or column it is about, for messages
    offset: int = 0

    @cached_property
    def paths(self) -> tuple[str, ...]:
        # Computed once: the readers solve the same equations for every combination of
        # readings (cached_property writes the instance dict, which a frozen class allows).
        return self.left + self.right


@cache
def _table3_equations(fmt: str) -> tuple[Equation, ...]:
    rows = L.t3_rows(fmt)
    outcomes = L.t3_outcome_rows(fmt)
    eqs = [
        Equation(
            "T3-ROW-TOTAL",
            (f"table3.{row}.total",),
            tuple(f"table3.{row}.{col}" for col in L.T3_APPLICANT_COLUMNS),
            row,
        )
        for row in rows
    ]
    for col in L.T3_COLUMNS:
        eqs.append(
            Equation(
                "T3-COL-RESULTS",
                (f"table3.results_total.{col}",),
                tuple(f"table3.{row}.{col}" for row in outcomes),
                col,
            )
        )
        eqs.append(
            Equation(
                "T3-COL-BALANCE",
                (f"table3.new_received.{col}", f"table3.carried_over.{col}"),
                (f"table3.results_total.{col}", f"table3.carried_forward.{col}"),
                col,
            )
        )
    return tuple(eqs)


def table3_equations(fmt: str = L.FORMAT_2021) -> list[Equation]:
    return list(_table3_equations(fmt))


def table4_equations() -> list[Equation]:
    return list(_table4_equations())


@cache
def _table4_equations() -> tuple[Equation, ...]:
    return tuple(
        Equation(
            "T4-BLOCK-TOTAL",
            (f"table4.{block}_total",),
            tuple(f"table4.{block}_{leaf}" for leaf in L.T4_LEAVES),
            block,
        )
        for block in L.T4_BLOCKS
    )


def all_equations(fmt: str = L.FORMAT_2021) -> list[Equation]:
    return table3_equations(fmt) + table4_equations()


Lookup = Callable[[str], int | None]


def residual(eq: Equation, value: Lookup) -> int | None:
    """``sum(left) + offset - sum(right)``, or None when a cell is unknown."""
    total = eq.offset
    for path in eq.left:
        v = value(path)
        if v is None:
            return None
        total += v
    for path in eq.right:
        v = value(path)
        if v is None:
            return None
        total -= v
    return total


def solve(
    values: Mapping[str, int | None], equations: list[Equation]
) -> tuple[dict[str, int], list[Equation]]:
    """Fill unknown cells that some equation determines uniquely.

    Repeatedly takes an equation with exactly one unknown cell and solves it. Returns the
    cells so determined, and the equations found violated once all their cells are known
    (including a solution that would need a negative count).
    """
    known: dict[str, int | None] = dict(values)
    get: Callable[[str], Any] = known.get  # an int, or None where unknown
    solved: dict[str, int] = {}
    violated: list[Equation] = []
    pending = equations
    progress = True
    while progress:
        progress = False
        still: list[Equation] = []
        for eq in pending:
            # Hot: every combination of readings of every table is solved, so the cells
            # are looked up and summed by built-ins rather than a loop of Python steps.
            # Most equations have every cell known: summing fails (None) only otherwise.
            try:
                if sum(map(get, eq.left)) + eq.offset != sum(map(get, eq.right)):
                    violated.append(eq)
                continue
            except TypeError:
                pass
            vals: list[Any] = list(map(get, eq.paths))  # ints, None where unknown
            if vals.count(None) > 1:
                still.append(eq)
                continue
            n_left = len(eq.left)
            i = vals.index(None)
            vals[i] = 0
            total: int = sum(vals[:n_left]) + eq.offset - sum(vals[n_left:])
            candidate = -total if i < n_left else total
            if candidate < 0:
                violated.append(eq)
                continue
            target = eq.paths[i]
            known[target] = candidate
            solved[target] = candidate
            progress = True
        pending = still
    return solved, violated


def partially_evaluated(eq: Equation, known: Mapping[str, int | None]) -> Equation:
    """``eq`` with its ``known`` counts summed into the offset: it holds, breaks and solves
    over the other cells exactly as ``eq`` does over all of them, with fewer look-ups."""
    offset = eq.offset
    left: list[str] = []
    right: list[str] = []
    for paths, sign, rest in ((eq.left, 1, left), (eq.right, -1, right)):
        for path in paths:
            value = known.get(path)
            if value is None:
                rest.append(path)
            else:
                offset += sign * value
    return Equation(eq.rule, tuple(left), tuple(right), eq.subject, offset)


def cells(equations: list[Equation]) -> Iterator[str]:
    seen: set[str] = set()
    for eq in equations:
        for p in eq.paths:
            if p not in seen:
                seen.add(p)
                yield p
