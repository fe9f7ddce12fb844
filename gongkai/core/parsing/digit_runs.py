"""Splitting glued digit runs into a row's cells by the row's own identities.

Crawler text prints a row's cells with nothing between them: ``12030011125`` for seven
cells of 表三. Every split into seven counts (no count starts with 0 unless it is 0) is a
possible reading; a row's sum cells cut them down to the readings where each total is the
sum of its parts. The sums are used *while* splitting: when the search reaches a total,
its digits are determined by the parts before it, so a 15-cell 表四 run of 25 digits is
split in a few thousand steps instead of millions.

Stray spaces (``20 0 0 0 02``) are cell boundaries a cell never crosses, and a space may
also stand where an empty cell was printed; such a cell is unknown in that reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# Readings beyond this are not enumerated; the row is then reported as ambiguous.
MAX_SPLITS = 5000

Cells = tuple[int | None, ...]


@dataclass(frozen=True)
class RowShape:
    """A row of ``width`` count cells; ``sums`` maps a total's index to its parts'."""

    width: int
    sums: tuple[tuple[int, tuple[int, ...]], ...] = ()


@dataclass
class Splits:
    options: list[Cells]
    complete: bool  # False when MAX_SPLITS was reached before every reading was found
    by_identity: bool  # the readings satisfy the shape's sums


def split_run(pieces: list[str], shape: RowShape, *, limit: int = MAX_SPLITS) -> Splits:
    """The readings of digit ``pieces`` (separated by spaces in the source) as one row.

    First the readings whose sums hold; if there are none (a row that breaks its own
    total), every split, so that the reader reports the row instead of dropping it.
    Readings with an empty cell at a space count only when no reading fills every cell.
    """
    digits = "".join(pieces)
    bounds = _boundaries(pieces)
    for sums in (dict(shape.sums), {}):
        search = _Search(digits, bounds, shape.width, sums, limit)
        options = list(search.run())
        full = [o for o in options if None not in o]
        # An empty cell behind a space is a reading only when the digits fill no row.
        options = full or options
        if options or not sums:
            return Splits(options, not search.truncated, bool(sums) and bool(options))
    return Splits([], True, False)


def _boundaries(pieces: list[str]) -> frozenset[int]:
    positions = []
    at = 0
    for piece in pieces[:-1]:
        at += len(piece)
        positions.append(at)
    return frozenset(positions)


class _Search:
    def __init__(
        self,
        digits: str,
        bounds: frozenset[int],
        width: int,
        sums: dict[int, tuple[int, ...]],
        limit: int,
    ) -> None:
        self.digits = digits
        self.bounds = bounds
        self.width = width
        self.sums = sums
        self.limit = limit
        self.found = 0
        self.truncated = False
        # The furthest a cell starting at i may reach: the next space, or the end.
        self.reach = [min([b for b in bounds if b > i] + [len(digits)]) for i in range(len(digits))]

    def run(self) -> Iterator[Cells]:
        yield from self._cells(0, [], frozenset())

    def _cells(self, pos: int, acc: list[int | None], blanks: frozenset[int]) -> Iterator[Cells]:
        if self.found >= self.limit:
            self.truncated = True
            return
        cell = len(acc)
        n = len(self.digits)
        if cell == self.width:
            if pos == n:
                self.found += 1
                yield tuple(acc)
            return
        left = self.width - cell
        spare_blanks = sum(1 for b in self.bounds if b >= pos and b not in blanks)
        if n - pos + spare_blanks < self._need(acc) or (pos == n and pos not in self.bounds):
            return
        if pos in self.bounds and pos not in blanks:
            # a space where an empty cell was printed
            yield from self._cells(pos, [*acc, None], blanks | {pos})
        if pos == n:
            return
        parts = self.sums.get(cell)
        if parts is not None and all(acc[p] is not None for p in parts):
            total = str(sum(acc[p] or 0 for p in parts))
            end = pos + len(total)
            if end <= self.reach[pos] and self.digits.startswith(total, pos):
                yield from self._cells(end, [*acc, int(total)], blanks)
            return
        if self.digits[pos] == "0":
            yield from self._cells(pos + 1, [*acc, 0], blanks)
            return
        # leave at least one digit for each later cell that is not a blank
        last = min(self.reach[pos], n - (left - 1) + spare_blanks)
        for end in range(pos + 1, last + 1):
            value = int(self.digits[pos:end])
            if n - end + spare_blanks < self._need([*acc, value]):
                break  # a longer part only makes its total longer
            yield from self._cells(end, [*acc, value], blanks)

    def _need(self, acc: list[int | None]) -> int:
        """The fewest digits the cells after ``acc`` can take: one each, and a total at
        least as many as the sum of its parts read so far."""
        need = self.width - len(acc)
        for total, parts in self.sums.items():
            if total >= len(acc):
                partial = sum(acc[p] or 0 for p in parts if p < len(acc))
                need += len(str(partial)) - 1
        return need
