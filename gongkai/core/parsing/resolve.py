"""Choosing among the readings of a table's rows with the table's own arithmetic.

Each row may have several readings (gaps placed differently, digits split differently).
Every combination is tried against the equations of :mod:`gongkai.core.report.arithmetic`,
with unknown cells solved where an equation determines them. The combinations that break
the fewest equations are kept; a cell gets a value only if all of them agree on it, so an
ambiguity is reported, never guessed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product

from gongkai.core.parsing.combinations import consistent_combinations
from gongkai.core.parsing.presolved import Pairs, scored_combinations
from gongkai.core.parsing.readings import RowReading
from gongkai.core.report.arithmetic import Equation, partially_evaluated, solve

MAX_COMBINATIONS = 20000


@dataclass
class Resolution:
    values: dict[str, int | str | None]
    inferred: set[str] = field(default_factory=set)  # filled by arithmetic, not read
    ambiguous: set[str] = field(default_factory=set)  # readings disagree: left unknown
    # row → its readings that fit equally well, when they disagree (shown in the finding)
    candidates: dict[str, list[tuple[int | str | None, ...]]] = field(default_factory=dict)


def resolve(
    readings: dict[str, RowReading],
    columns: dict[str, tuple[str, ...]],
    equations: list[Equation],
) -> Resolution:
    """``readings[row]`` gives each row's options; ``columns[row]`` its cell paths."""
    fixed: dict[str, int | str | None] = {}
    choices: list[str] = []
    for row, reading in readings.items():
        if len(reading.options) == 1:
            fixed.update(zip(columns[row], reading.options[0], strict=True))
        else:
            choices.append(row)
    if not choices and not equations:
        return Resolution(fixed)  # one reading of each row, nothing to solve
    if not choices:
        counts = {p: v for p, v in fixed.items() if not isinstance(v, str)}
        solved, _ = solve(counts, equations)
        return Resolution({**fixed, **solved}, inferred=set(solved))
    if math.prod(len(readings[row].options) for row in choices) <= MAX_COMBINATIONS:
        outcomes = list(_outcomes(readings, columns, equations, fixed, choices))
        best = min(score for score, _, _ in outcomes)
        kept = [
            _combination(readings, columns, fixed, choices, combo, solved)
            for score, combo, solved in outcomes
            if score == best
        ]
    else:
        kept = consistent_combinations(readings, columns, equations, fixed, choices)
        if not kept:
            return _unresolved(fixed, columns, choices, equations)
    return _agree(kept, fixed, columns, choices, readings)


def _outcomes(
    readings: dict[str, RowReading],
    columns: dict[str, tuple[str, ...]],
    equations: list[Equation],
    fixed: dict[str, int | str | None],
    choices: list[str],
) -> Iterator[tuple[int, tuple[int, ...], dict[str, int]]]:
    """(equations broken, the combination, the cells it solves) of every combination that
    may be among the best (those breaking fewest equations)."""
    row_counts, varying, broken_always = prepared(readings, columns, equations, fixed, choices)
    row_paths = [columns[row] for row in choices]
    scored = scored_combinations(row_counts, row_paths, varying, broken_always)
    return scored if scored is not None else solved_whole(row_counts, varying, broken_always)


def prepared(
    readings: dict[str, RowReading],
    columns: dict[str, tuple[str, ...]],
    equations: list[Equation],
    fixed: dict[str, int | str | None],
    choices: list[str],
) -> tuple[list[list[Pairs]], list[Equation], int]:
    """Each row in doubt's readings as (path, count) pairs, the equations that vary with
    them (the fixed counts folded in), and how many equations break in every combination."""
    base = {p: v for p, v in fixed.items() if not isinstance(v, str)}
    # An equation over known fixed cells only holds or breaks alike in every combination
    # and solves nothing: weigh it once, not once per combination.
    static: list[Equation] = []
    varying: list[Equation] = []
    for eq in equations:
        if None not in map(base.get, eq.paths):  # every cell a fixed count
            static.append(eq)
        else:
            # The fixed counts are the same in every combination: summed once, so that a
            # combination looks up only its own rows' cells and the fixed unknowns.
            varying.append(partially_evaluated(eq, base))
    broken_always = len(solve(base, static)[1])
    # Each row's options as ready (path, count) pairs: a combination is their union.
    row_counts: list[list[Pairs]] = [
        [
            [(p, v) for p, v in zip(columns[row], option, strict=True) if not isinstance(v, str)]
            for option in readings[row].options
        ]
        for row in choices
    ]
    return row_counts, varying, broken_always


def solved_whole(
    row_counts: list[list[Pairs]], equations: list[Equation], broken_always: int
) -> Iterator[tuple[int, tuple[int, ...], dict[str, int]]]:
    """Every combination solved against every equation, as ``scored_combinations`` would
    score it where the rows can be scored apart."""
    for combo in product(*(range(len(options)) for options in row_counts)):
        counts: dict[str, int | None] = {}
        for options, i in zip(row_counts, combo, strict=True):
            counts.update(options[i])
        solved, violated = solve(counts, equations)
        yield broken_always + len(violated), combo, solved


def _combination(
    readings: dict[str, RowReading],
    columns: dict[str, tuple[str, ...]],
    fixed: dict[str, int | str | None],
    choices: list[str],
    combo: tuple[int, ...],
    solved: dict[str, int],
) -> tuple[dict[str, int | str | None], set[str]]:
    """The cells of one combination and the cells it reads as gaps."""
    values = dict(fixed)
    gaps: set[str] = set()
    for row, i in zip(choices, combo, strict=True):
        reading = readings[row]
        values.update(zip(columns[row], reading.options[i], strict=True))
        gaps.update(columns[row][c] for c in reading.gaps[i])
    values.update(solved)
    return values, gaps


def _agree(
    kept: list[tuple[dict[str, int | str | None], set[str]]],
    fixed: dict[str, int | str | None],
    columns: dict[str, tuple[str, ...]],
    choices: list[str],
    readings: dict[str, RowReading],
) -> Resolution:
    first = kept[0][0]
    result = Resolution(values={})
    # A count read in a row without choices is the same in every combination (the solver
    # fills only unknown cells) and is no gap of any: it is taken as read, not compared.
    in_doubt = {p for row in choices for p in columns[row]}
    for path in first:
        if path not in in_doubt and type(fixed.get(path)) is int:
            result.values[path] = first[path]
            continue
        seen = {values.get(path) for values, _ in kept}
        value = first[path] if len(seen) == 1 else None
        result.values[path] = value
        if len(seen) > 1:
            result.ambiguous.add(path)
        elif value is not None and (fixed.get(path, 0) is None or any(path in g for _, g in kept)):
            result.inferred.add(path)
    for row in choices:
        if any(p in result.ambiguous for p in columns[row]):
            options = {tuple(values.get(p) for p in columns[row]): None for values, _ in kept}
            result.candidates[row] = list(options)
    # A run-together row that several splits fit stays unknown as a whole.
    for row in choices:
        if readings[row].run_together and any(p in result.ambiguous for p in columns[row]):
            for p in columns[row]:
                result.values[p] = None
                result.ambiguous.add(p)
                result.inferred.discard(p)
    return result


def _unresolved(
    fixed: dict[str, int | str | None],
    columns: dict[str, tuple[str, ...]],
    choices: list[str],
    equations: list[Equation],
) -> Resolution:
    """Too many readings to weigh, none of them consistent: the rows in doubt stay unknown."""
    result = Resolution(values=dict(fixed))
    for row in choices:
        for path in columns[row]:
            result.values[path] = None
            result.ambiguous.add(path)
    return result
