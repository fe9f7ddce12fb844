"""The combinations of row readings under which a table adds up, found by search.

When the rows in doubt have too many readings to try every combination, a depth-first
search assigns one row at a time and abandons a partial assignment as soon as some
equation can no longer hold: every count is non-negative, so once one side of an
equation is fully known, the known part of the other side may not exceed it.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.core.parsing.readings import RowReading
from gongkai.core.report.arithmetic import Equation, solve

# Beyond these the search gives up, and the rows in doubt are reported, not guessed.
MAX_NODES = 200_000
MAX_FOUND = 2_000

Values = dict[str, int | str | None]


def consistent_combinations(
    readings: dict[str, RowReading],
    columns: dict[str, tuple[str, ...]],
    equations: list[Equation],
    fixed: Values,
    choices: list[str],
) -> list[tuple[Values, set[str]]]:
    """Every combination that breaks no equation, with its unplaced cells; [] when there is
    none or the search had to stop before it was sure to have found them all."""
    order = sorted(choices, key=lambda row: len(readings[row].options))
    search = _Search(readings, columns, equations, order)
    found: list[tuple[Values, set[str]]] = []
    for values, gaps in search.run(dict(fixed)):
        counts = {p: v for p, v in values.items() if not isinstance(v, str)}
        solved, violated = solve(counts, equations)
        if not violated:
            found.append(({**values, **solved}, gaps))
        if len(found) > MAX_FOUND:
            return []
    return [] if search.stopped else found


class _Search:
    def __init__(
        self,
        readings: dict[str, RowReading],
        columns: dict[str, tuple[str, ...]],
        equations: list[Equation],
        order: list[str],
    ) -> None:
        self.readings, self.columns, self.order = readings, columns, order
        self.equations = equations
        self.nodes = 0
        self.stopped = False

    def run(
        self, values: Values, depth: int = 0, gaps: frozenset[str] = frozenset()
    ) -> Iterator[tuple[Values, set[str]]]:
        if self.nodes > MAX_NODES:
            self.stopped = True
            return
        if depth == len(self.order):
            yield values, set(gaps)
            return
        row = self.order[depth]
        reading = self.readings[row]
        for option, gap in zip(reading.options, reading.gaps, strict=False):
            self.nodes += 1
            trial = dict(values)
            trial.update(zip(self.columns[row], option, strict=True))
            if self._possible(trial):
                more = gaps | {self.columns[row][c] for c in gap}
                yield from self.run(trial, depth + 1, more)

    def _possible(self, values: Values) -> bool:
        for eq in self.equations:
            left = _side(eq.left, values)
            right = _side(eq.right, values)
            if left[1] and right[1]:
                continue
            if not left[1] and right[0] > left[0]:
                return False
            if not right[1] and left[0] > right[0]:
                return False
        return True


def _side(paths: tuple[str, ...], values: Values) -> tuple[int, bool]:
    """(sum of the known counts, whether some count is still unknown)."""
    total, unknown = 0, False
    for path in paths:
        v = values.get(path)
        if isinstance(v, int):
            total += v
        else:
            unknown = True
    return total, unknown
