"""From the cells printed after a row label to the possible readings of that row.

A row normally prints exactly one value per column. When it prints fewer (a missing
cell) every placement of the gaps is a possible reading; when its digits are run together
("7130000074") every split into the right number of counts is. The tables' arithmetic then
chooses among them (:mod:`gongkai.core.parsing.resolve`); nothing is guessed here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import combinations

from gongkai.core.parsing.normalize import parse_number

MAX_PLACEMENTS = 5000


@dataclass(slots=True)
class Token:
    text: str
    line: int
    row: int  # tokens of one physical table row share it
    number: str | None  # the value, when the text is a number

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def unreadable(self) -> bool:
        """Short non-numeric marks that stand where a number should ("—", "/", "无")."""
        return bool(self.text) and self.number is None


def make_token(text: str, line: int, row: int) -> Token:
    return Token(text, line, row, parse_number(text) if text else None)


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


def _value(token: Token, as_int: bool) -> int | str | None:
    if token.number is None:
        return None
    if as_int:
        # A negative count is kept (the checks report it); a decimal is not a count.
        return int(token.number) if token.number.lstrip("-").isdigit() else None
    return token.number


def read_row(
    tokens: list[Token], width: int, *, as_int: bool = True, keep_blanks: bool = False
) -> RowReading:
    """All readings of a row of ``width`` cells printed as ``tokens`` (label excluded).

    ``keep_blanks`` says the tokens are exactly the row's cells (no label columns before
    them), so blanks at either end are empty cells rather than layout.
    """
    line = next((t.line for t in tokens if t.number is not None), None)
    if not (keep_blanks and len(tokens) == width):
        tokens = _strip_blanks(tokens)
    run = tokens[0].number if len(tokens) == 1 else None
    if width > 1 and run and run.isdigit() and len(run) > 1:
        return _split_digits(tokens[0], width, line)
    if len(tokens) > width:
        tokens = [t for t in tokens if not t.blank] or tokens
    if len(tokens) > width:
        return RowReading([(None,) * width], too_many=True, line=line)
    values = [_value(t, as_int) for t in tokens]
    blank = {i for i, t in enumerate(tokens) if t.blank}
    unreadable = {i: t.text for i, t in enumerate(tokens) if t.unreadable}
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


def _split_digits(token: Token, width: int, line: int | None) -> RowReading:
    digits = token.number or ""
    options: list[tuple[int | str | None, ...]] = [
        tuple(parts) for parts in digit_splits(digits, width)
    ]
    return RowReading(
        options or [(None,) * width],
        gaps=[frozenset()] * max(len(options), 1),
        line=line,
        run_together=True,
    )


def digit_splits(digits: str, parts: int, limit: int = MAX_PLACEMENTS) -> Iterator[list[int]]:
    """Every way to cut ``digits`` into ``parts`` counts, none with a leading zero."""
    count = 0

    def rec(start: int, left: int, acc: list[int]) -> Iterator[list[int]]:
        nonlocal count
        if count >= limit:
            return
        rest = len(digits) - start
        if left == 1:
            piece = digits[start:]
            if piece and (piece == "0" or piece[0] != "0"):
                count += 1
                yield [*acc, int(piece)]
            return
        for size in range(1, rest - left + 2):
            piece = digits[start : start + size]
            if piece[0] == "0" and size > 1:
                break
            yield from rec(start + size, left - 1, [*acc, int(piece)])

    yield from rec(0, parts, [])


RowCheck = Callable[[tuple[int | str | None, ...]], bool]


def filter_options(reading: RowReading, fits: RowCheck) -> RowReading:
    """Keep the readings that satisfy the row's own arithmetic (if any does)."""
    kept = [(o, g) for o, g in zip(reading.options, reading.gaps, strict=False) if fits(o)]
    if kept and len(kept) < len(reading.options):
        reading.options = [o for o, _ in kept]
        reading.gaps = [g for _, g in kept]
    return reading
