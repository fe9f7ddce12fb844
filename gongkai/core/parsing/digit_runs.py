"""Splitting glued digit runs into a row's cells by the row's own identities.

Crawler text prints a row's cells with nothing between them: ``12030011125`` for seven
cells of 表三. Every split into seven counts (no count starts with 0 unless it is 0) is a
possible reading; a row's sum cells cut them down to the readings where each total is the
sum of its parts. The sums are used *while* splitting: when the search reaches a total,
its digits are determined by the parts before it, so a 15-cell 表四 run of 25 digits is
split in a few thousand steps instead of millions.

Stray spaces (``20 0 0 0 02``) are cell boundaries a cell never crosses, and a space may
also stand where an empty cell was printed; such a cell is unknown in that reading. A run of
spaces may stand for as many empty cells as it has spaces (``0  0007…``: two empty cells),
and the spaces before the first piece only for empty cells at the row's start.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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


def split_run(
    pieces: list[str],
    shape: RowShape,
    *,
    limit: int = MAX_SPLITS,
    spaces: Sequence[int] | None = None,
    trailing: int = 0,
) -> Splits:
    """The readings of digit ``pieces`` (separated by spaces in the source) as one row.

    First the readings whose sums hold; if there are none (a row that breaks its own
    total), every split, so that the reader reports the row instead of dropping it.
    ``spaces[i]``: how many spaces the source put before piece ``i`` (before the first:
    after the label, or at the line's start), ``trailing`` after the last; each may stand
    for an empty cell. Between pieces there is at least one. A reading with an empty cell
    at a space counts when no total it is part of would have to be negative; the table's
    arithmetic decides between it and the others.
    """
    signed = [(p[1:], True) if p.startswith("-") else (p, False) for p in pieces]
    digits = "".join(p for p, _ in signed)
    starts = _starts([p for p, _ in signed])
    negative = frozenset(at for at, (_, minus) in zip(starts, signed, strict=True) if minus)
    room: dict[int, int] = {}  # where a piece starts → how many empty cells may stand there
    for i, at in enumerate(starts):
        count = spaces[i] if spaces is not None else 0
        count = count if i == 0 else max(1, count)
        if count:
            room[at] = max(room.get(at, 0), count)
    if trailing:
        room[len(digits)] = room.get(len(digits), 0) + trailing
    for sums in (dict(shape.sums), {}):
        full = _Search(digits, room, negative, shape.width, sums, limit, blanks=False)
        options = list(full.run())
        complete = not full.truncated
        if room:
            # Few readings put an empty cell at a space and keep every total; when a row
            # has more than a few hundred, which one is right is anyone's guess.
            spaced = _Search(digits, room, negative, shape.width, sums, 300, blanks=True)
            options += [o for o in spaced.run() if None in o and _blanks_fit(o, sums)]
            complete = complete and not spaced.truncated
        if options or not sums:
            return Splits(options, complete, bool(sums) and bool(options))
    return Splits([], True, False)


def _blanks_fit(option: Cells, sums: dict[int, tuple[int, ...]]) -> bool:
    for total, parts in sums.items():
        group = [option[total], *(option[p] for p in parts)]
        if group.count(None) != 1:
            continue
        value = option[total]
        if value is not None and value < sum(v or 0 for v in group[1:]):
            return False  # the empty part would be negative
    return True


def _starts(pieces: list[str]) -> list[int]:
    """Where each piece begins in the joined digits."""
    out, at = [], 0
    for piece in pieces:
        out.append(at)
        at += len(piece)
    return out


def _parts(
    digits: str, start: int, end: int, count: int, total: int, size: int
) -> Iterator[tuple[int, ...]]:
    """Splits of ``digits[start:end]`` into ``count`` counts that add up to ``total``;
    ``size`` is the length of ``total``, which no part can exceed."""
    if count == 1:
        text = digits[start:end]
        if text and (text == "0" or text[0] != "0") and len(text) <= size and int(text) == total:
            yield (total,)
        return
    longest = 1 if digits[start] == "0" else min(size, end - start - count + 1)
    for length in range(1, longest + 1):
        value = int(digits[start : start + length])
        if value > total:
            break
        rest = total - value
        rest_size = len(str(rest))
        if end - start - length > (count - 1) * rest_size:
            continue  # the rest too long for parts no longer than what is left of the total
        yield from (
            (value, *more)
            for more in _parts(digits, start + length, end, count - 1, rest, rest_size)
        )


def _groups(width: int, sums: dict[int, tuple[int, ...]]) -> list[tuple[int, int]]:
    """The row cut into independent stretches: a total with its parts, or a lone cell."""
    groups: list[tuple[int, int]] = []
    cell = 0
    spans = sorted((min((*parts, total)), total) for total, parts in sums.items())
    for first, last in spans:
        groups.extend((c, c) for c in range(cell, first))
        groups.append((first, last))
        cell = last + 1
    groups.extend((c, c) for c in range(cell, width))
    return groups


class _Search:
    """Depth-first over the row's stretches; a stretch's readings from a given position
    are found once (memoised), since they do not depend on the stretches before it."""

    def __init__(
        self,
        digits: str,
        room: dict[int, int],
        negative: frozenset[int],
        width: int,
        sums: dict[int, tuple[int, ...]],
        limit: int,
        *,
        blanks: bool,
    ) -> None:
        self.blanks = blanks  # whether a space may stand for an empty cell
        self.digits, self.room, self.negative = digits, room, negative
        self.width, self.sums, self.limit = width, sums, limit
        self.groups = _groups(width, sums)
        self.truncated = False
        n = len(digits)
        # The furthest a cell starting at i may reach: the next space, or the end.
        self.reach = [min([b for b in room if b > i] + [n]) for i in range(n + 1)]
        # Spaces at or after i, each of which may stand for one empty cell.
        self.spaces_from = [sum(c for b, c in room.items() if b >= i) for i in range(n + 1)]
        self.memo: dict[tuple[int, int, int], list[tuple[int, int, Cells]]] = {}
        self.digit_sums = [0]
        for d in digits:
            self.digit_sums.append(self.digit_sums[-1] + int(d))

    def run(self) -> Iterator[Cells]:
        for found, cells in enumerate(self._rest(0, 0, 0), start=1):
            if found > self.limit:
                self.truncated = True
                return
            yield cells

    # ``used``: how many empty cells the reading has put at ``pos`` already.
    def _rest(self, group: int, pos: int, used: int) -> Iterator[Cells]:
        if group == len(self.groups):
            if pos == len(self.digits):
                yield ()
            return
        for end, used_end, cells in self._group(group, pos, used):
            for rest in self._rest(group + 1, end, used_end):
                yield cells + rest

    def _group(self, group: int, pos: int, used: int) -> list[tuple[int, int, Cells]]:
        key = (group, pos, used)
        if key not in self.memo:
            first, last = self.groups[group]
            if self._total_first(first, last, pos):
                readings = self._by_total(first, last, pos)
            else:
                readings = self._cells(first, first, last, pos, used, [])
            found = []
            for reading in readings:
                found.append(reading)
                if len(found) > self.limit:
                    self.truncated = True
                    break
            self.memo[key] = found
        return self.memo[key]

    def _cells(
        self, first: int, cell: int, last: int, pos: int, used: int, acc: list[int | None]
    ) -> Iterator[tuple[int, int, Cells]]:
        """Readings of cells ``cell``…``last`` of the stretch starting at ``first``."""
        if cell > last:
            yield pos, used, tuple(acc)
            return
        n = len(self.digits)
        spare = self.spaces_from[pos] - used if self.blanks else 0
        if n - pos + spare < self._need(cell, last, acc):
            return
        if self.blanks and used < self.room.get(pos, 0):
            # a space where an empty cell was printed
            yield from self._cells(first, cell + 1, last, pos, used + 1, [*acc, None])
        if pos == n:
            return
        parts = self.sums.get(cell)
        if parts is not None and all(acc[p - first] is not None for p in parts):
            total = sum(acc[p - first] or 0 for p in parts)
            end = pos + len(str(total))
            if end <= self.reach[pos] and self.digits.startswith(str(total), pos):
                yield from self._cells(first, cell + 1, last, end, 0, [*acc, total])
            return
        if self.digits[pos] == "0":
            yield from self._cells(first, cell + 1, last, pos + 1, 0, [*acc, 0])
            return
        sign = -1 if pos in self.negative else 1
        for end in range(pos + 1, self.reach[pos] + 1):
            value = sign * int(self.digits[pos:end])
            if n - end + spare < self._need(cell + 1, last, [*acc, value]):
                break  # a longer part leaves too few digits (or makes its total longer)
            yield from self._cells(first, cell + 1, last, end, 0, [*acc, value])

    def _total_first(self, first: int, last: int, pos: int) -> bool:
        """A stretch ending in its total, over digits with no space left in them."""
        parts = self.sums.get(last)
        return (
            parts is not None
            and parts == tuple(range(first, last))
            and self.reach[pos] == len(self.digits)
            and not (self.blanks and self.spaces_from[pos])
            and not self.negative
        )

    def _by_total(self, first: int, last: int, pos: int) -> Iterator[tuple[int, int, Cells]]:
        """Readings of a stretch found from its end: every place the total may stand, then
        the parts before it, each no longer than the total and adding up to it."""
        n, k = len(self.digits), last - first
        later = self.width - last - 1
        for end in range(pos + k + 1, n - later + 1):
            for size in range(1, end - pos - k + 1):
                text = self.digits[end - size : end]
                if size > 1 and text[0] == "0":
                    continue
                total = int(text)
                middle = end - size - pos
                if middle > k * size:
                    continue  # the parts cannot all fit under the total
                if (self.digit_sums[end - size] - self.digit_sums[pos] - total) % 9:
                    # however the parts are cut, they add up to their digits' sum mod 9
                    continue
                for parts in _parts(self.digits, pos, end - size, k, total, size):
                    yield end, 0, (*parts, total)

    def _need(self, cell: int, last: int, acc: list[int | None]) -> int:
        """The fewest digits cells ``cell``… can take: one each, and the stretch's total
        (when still to come) as many as the sum of its parts read so far has."""
        need = self.width - cell
        if last in self.sums and cell <= last:
            need += len(str(sum(v for v in acc if v))) - 1
        return need
