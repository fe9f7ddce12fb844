"""Scoring every combination of row readings without solving each one whole.

A combination of readings is scored by the equations it breaks (``resolve._outcomes``).
Most of those equations touch one row in doubt only (a 表三 row's 总计 = the sum of its
applicant columns): how such an equation fills that row's gap, or breaks, depends on that
row's reading alone, so it is solved once per reading, not once per combination. What is
left couples the rows (a column's total over the outcome rows). Where a reading leaves no
cell of those equations unknown, it adds a fixed amount to each of them, and a
combination of such readings is scored by adding the amounts up. The other combinations
are solved over the coupling equations only — and not at all where the equations their
readings break on their own already exceed the best score found: only the best
combinations are kept, so a worse one need not be known exactly.

The scores and cells are exactly what ``arithmetic.solve`` gives for the whole
combination: an equation is solved ahead only where ``solve`` meets it, in its first
pass, before any equation that could change its cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from gongkai.core.report.arithmetic import Equation, solve

Pairs = list[tuple[str, int | None]]
Outcome = tuple[int, tuple[int, ...], dict[str, int]]


@dataclass(frozen=True, eq=False)  # compared by identity: "None in scores" stays in C
class ReadingScore:
    """One reading of one row after its own equations: its cells, the cells they filled,
    how many they break, and what it adds to each coupling equation (None where it leaves
    a cell of one unknown)."""

    values: dict[str, int | None]
    solved: dict[str, int]
    broken: int
    amounts: tuple[int, ...] | None


def scored_combinations(
    row_counts: list[list[Pairs]],
    row_paths: list[tuple[str, ...]],
    equations: list[Equation],
    broken_always: int,
) -> Iterator[Outcome] | None:
    """(equations broken, combination, cells solved) of every combination that may be
    among the best, in the order of ``itertools.product``; None where scoring the rows
    apart gains nothing (one row in doubt, no equation) or cannot be done (then each
    combination is solved whole).

    ``row_counts[k][i]``: the (path, count) pairs of reading ``i`` of row ``k`` in doubt,
    ``row_paths[k]`` all of that row's cells; ``equations``: partially evaluated over the
    fixed cells."""
    if len(row_counts) < 2 or not equations:
        return None
    row_of = {path: k for k, paths in enumerate(row_paths) for path in paths}
    split = _split(equations, row_of, len(row_counts))
    if split is None:
        return None
    own, coupling = split
    rows = [
        [_reading_score(option, own[k], coupling, row_of, k) for option in options]
        for k, options in enumerate(row_counts)
    ]
    return _combinations(rows, row_counts, equations, coupling, broken_always)


def _split(
    equations: list[Equation], row_of: dict[str, int], n_rows: int
) -> tuple[list[list[Equation]], list[Equation]] | None:
    """Each row's own equations (those ``solve`` meets before any other that touches the
    row) and the coupling rest; None where an equation reads a cell of no row in doubt."""
    own: list[list[Equation]] = [[] for _ in range(n_rows)]
    coupling: list[Equation] = []
    touched: set[int] = set()
    for eq in equations:
        rows = {row_of.get(p, -1) for p in eq.paths}
        if -1 in rows:
            return None  # a fixed cell left unknown: it may be solved from any row
        if len(rows) == 1 and not rows & touched:
            own[rows.pop()].append(eq)
            continue
        coupling.append(eq)
        touched |= rows
    return own, coupling


def _reading_score(
    option: Pairs, own: list[Equation], coupling: list[Equation], row_of: dict[str, int], row: int
) -> ReadingScore | None:
    values: dict[str, int | None] = dict(option)
    solved: dict[str, int] = {}
    broken = 0
    for eq in own:  # solve()'s first pass over them
        vals = [values.get(p) for p in eq.paths]
        unknown = vals.count(None)
        if unknown > 1:
            return None  # solve() would come back to it after the coupling equations
        n_left = len(eq.left)
        if unknown == 0:
            broken += sum(vals[:n_left]) + eq.offset != sum(vals[n_left:])  # type: ignore[arg-type]
            continue
        i = vals.index(None)
        vals[i] = 0
        total = sum(vals[:n_left]) + eq.offset - sum(vals[n_left:])  # type: ignore[arg-type]
        candidate = -total if i < n_left else total
        if candidate < 0:
            broken += 1
            continue
        values[eq.paths[i]] = solved[eq.paths[i]] = candidate
    return ReadingScore(values, solved, broken, _amounts(values, coupling, row_of, row))


def _amounts(
    values: dict[str, int | None], coupling: list[Equation], row_of: dict[str, int], row: int
) -> tuple[int, ...] | None:
    amounts: list[int] = []
    for eq in coupling:
        amount = 0
        for paths, sign in ((eq.left, 1), (eq.right, -1)):
            for path in paths:
                if row_of[path] != row:
                    continue  # another row's cell
                value = values.get(path)  # absent: printed as a mark, not a count
                if value is None:
                    return None
                amount += sign * value
        amounts.append(amount)
    return tuple(amounts)


def _combinations(
    rows: list[list[ReadingScore | None]],
    row_counts: list[list[Pairs]],
    equations: list[Equation],
    coupling: list[Equation],
    broken_always: int,
) -> Iterator[Outcome]:
    """Each combination scored from its readings' scores where they have them; one with a
    reading that has none (its own equations need the others' cells) is solved whole."""
    offsets = tuple(eq.offset for eq in coupling)
    combos = [(combo, _picked(rows, combo)) for combo in product(*map(range, map(len, rows)))]
    exact: dict[tuple[int, ...], int] = {}
    for combo, picked in combos:
        if picked is None:
            continue
        amounts = [p.amounts for p in picked]
        if None not in amounts:
            totals = map(sum, zip(offsets, *amounts, strict=True))
            exact[combo] = sum(p.broken for p in picked) + sum(1 for t in totals if t)
    best = min(exact.values(), default=None)
    for combo, picked in combos:
        if picked is None:
            counts: dict[str, int | None] = {}
            for options, i in zip(row_counts, combo, strict=True):
                counts.update(options[i])
            whole, violated = solve(counts, equations)
            yield broken_always + len(violated), combo, whole
            continue
        solved: dict[str, int] = {}
        for p in picked:
            solved.update(p.solved)
        broken = exact.get(combo)
        if broken is None:
            broken = sum(p.broken for p in picked)
            if best is not None and broken > best:
                continue  # worse than the best already: the coupling cannot make it better
            values: dict[str, int | None] = {}
            for p in picked:
                values.update(p.values)
            more, violated = solve(values, coupling)
            solved.update(more)
            broken += len(violated)
        yield broken_always + broken, combo, solved


def _picked(
    rows: list[list[ReadingScore | None]], combo: tuple[int, ...]
) -> list[ReadingScore] | None:
    """The combination's readings' scores; None where one of them has none."""
    picked = [rows[k][i] for k, i in enumerate(combo)]
    return None if None in picked else picked  # type: ignore[return-value]
