"""From the cells printed after a row label to the possible readings of that row.

A row normally prints exactly one value per column. When it prints fewer (a missing
cell) every placement of the gaps is a possible reading; when its digits are run together
("7130000074") every split into the right number of counts is. The tables' arithmetic then
chooses among them (:mod:`gongkai.core.parsing.resolve`); nothing is guessed here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from gongkai.core.parsing.digit_runs import RowShape, split_run

MAX_PLACEMENTS = 5000


@dataclass(slots=True)
class Token:
    text: str
    line: int
    row: int  # tokens of one physical table row share it
    number: str | None  # the value, when the text is a number
    # Read from running text, not from a cell: where one cell ends is not known, so a
    # digit run may be several cells glued together.
    free: bool = False
    # The spaces running text put before this figure (after the label or at the line's
    # start, or after the figure before): each may stand for an empty cell.
    spaces_before: int = 0
    spaces_after: int = 0  # after a line's last figure: likewise

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def unreadable(self) -> bool:
        """Short non-numeric marks that stand where a number should ("—", "/", "无")."""
        return bool(self.text) and self.number is None


@dataclass
class RowReading:
    """The possible readings of one row: each a tuple of cell values (None = unknown)."""

    options: list[tuple[int | str | None, ...]]
    blank: set[int] = field(default_factory=set)  # column indexes printed empty
    unreadable: dict[int, str] = field(default_factory=dict)
    missing: int = 0  # how many cells the row lacks
    gaps: list[frozenset[int]] = field(default_factory=list)  # per option: unplaced columns
    line: int | None = None
    run_together: bool = False
    too_many: bool = False


# Counts recur (small numbers in every row): each printed number is converted once.
@functools.lru_cache(maxsize=4096)
def _count(number: str | None) -> int | None:
    if number is None:
        return None
    # A negative count is kept (the checks report it); a decimal is not a count.
    return int(number) if number.lstrip("-").isdigit() else None


def read_row(
    tokens: list[Token],
    width: int,
    *,
    as_int: bool = True,
    keep_blanks: bool = False,
    sums: tuple[tuple[int, tuple[int, ...]], ...] = (),
) -> RowReading:
    """All readings of a row of ``width`` cells printed as ``tokens`` (label excluded).

    ``keep_blanks`` says the tokens are exactly the row's cells (no label columns before
    them), so blanks at either end are empty cells rather than layout. ``sums`` are the
    row's totals (index of the total, indexes of its parts), used to split glued digits.
    """
    if not (keep_blanks and len(tokens) == width):
        tokens = _strip_blanks(tokens)
    if as_int and len(tokens) == width:
        # The common row: a count in every cell. It reads one way, as printed.
        counts = tuple([_count(t.number) for t in tokens])
        if None not in counts:
            return RowReading([counts], gaps=[frozenset()], line=tokens[0].line)
    line = next((t.line for t in tokens if t.number is not None), None)
    if width > 1 and as_int and _glued(tokens, width):
        return _split_glued(tokens, RowShape(width, sums), line)
    if len(tokens) > width:
        tokens = [t for t in tokens if not t.blank] or tokens
    if len(tokens) > width:
        return RowReading([(None,) * width], too_many=True, line=line)
    values: list[int | str | None]
    values = [_count(t.number) for t in tokens] if as_int else [t.number for t in tokens]
    blank: set[int] = set()
    unreadable: dict[int, str] = {}
    for i, t in enumerate(tokens):
        if not t.text:
            blank.add(i)
        elif t.number is None:
            unreadable[i] = t.text  # a mark ("—", "/", "无") where a number belongs
    if as_int:
        # A decimal where a count belongs cannot be read as a count.
        unreadable.update(
            {i: t.text for i, t in enumerate(tokens) if t.number and values[i] is None}
        )
    if len(tokens) == width:
        return RowReading([tuple(values)], blank, unreadable, gaps=[frozenset()], line=line)
    return _placements(values, width, line)


def _strip_blanks(tokens: list[Token]) -> list[Token]:
    """Blanks before the first and after the last printed value are layout, not cells."""
    start, end = 0, len(tokens)
    while start < end and tokens[start].blank:
        start += 1
    while end > start and tokens[end - 1].blank:
        end -= 1
    return tokens[start:end]


def _placements(values: list[int | str | None], width: int, line: int | None) -> RowReading:
    missing = width - len(values)
    options: list[tuple[int | str | None, ...]] = []
    gaps: list[frozenset[int]] = []
    for gap in combinations(range(width), missing):
        if len(options) >= MAX_PLACEMENTS:
            break
        it = iter(values)
        options.append(tuple(None if col in gap else next(it) for col in range(width)))
        gaps.append(frozenset(gap))
    # Which column a blank or unreadable mark belongs to is unknown here, so such marks
    # count as unknown values; the row is reported as missing cells as a whole.
    return RowReading(options, missing=missing, gaps=gaps, line=line)


def _glued(tokens: list[Token], width: int) -> bool:
    """Whether the row's digits may be several cells run together.

    A single multi-digit run always may ("7130000074" for seven cells); several runs only
    when they come from running text and are too few for the row.
    """
    if not tokens or not all(t.number and t.number.lstrip("-").isdigit() for t in tokens):
        return False
    if len(tokens) == 1:
        return len(tokens[0].text.lstrip("-")) > 1
    return len(tokens) < width and all(t.free for t in tokens)


def _split_glued(tokens: list[Token], shape: RowShape, line: int | None) -> RowReading:
    pieces = [t.number or "" for t in tokens]
    spaces = [t.spaces_before for t in tokens]
    splits = split_run(pieces, shape, spaces=spaces, trailing=tokens[-1].spaces_after)
    if not splits.complete:
        return RowReading([(None,) * shape.width], too_many=True, line=line, run_together=True)
    if not splits.options:
        if sum(len(t.number or "") for t in tokens) < shape.width:
            # too few digits even one a cell: cells are missing, as in a short row
            digits = [int(d) for t in tokens for d in (t.number or "").lstrip("-")]
            return _placements(list(digits), shape.width, line)
        return RowReading([(None,) * shape.width], too_many=True, line=line, run_together=True)
    options: list[tuple[int | str | None, ...]] = list(splits.options)
    gaps = [frozenset(i for i, v in enumerate(o) if v is None) for o in splits.options]
    return RowReading(options, gaps=gaps, line=line, run_together=True)


RowCheck = Callable[[tuple[int | str | None, ...]], bool]


def filter_options(reading: RowReading, fits: RowCheck) -> RowReading:
    """Keep the readings that satisfy the row's own arithmetic (if any does)."""
    if len(reading.options) < 2:
        return reading  # nothing to choose from
    kept = [(o, g) for o, g in zip(reading.options, reading.gaps, strict=False) if fits(o)]
    if kept and len(kept) < len(reading.options):
        reading.options = [o for o, _ in kept]
        reading.gaps = [g for _, g in kept]
    return reading
