"""Reading 表二, 表三 and 表四 out of a region's tokens into row readings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.core.parsing.readings import RowReading, Token, filter_options, read_row
from gongkai.core.parsing.row_labels import (
    assume_t2,
    assume_t3,
    is_single_other_row,
    is_t4_header,
    t2_row_key,
    t3_row_key,
)
from gongkai.core.parsing.tokens import is_mark, is_value
from gongkai.core.report import labels as L


@dataclass
class TableReading:
    rows: dict[str, RowReading] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # row key → source line
    # rows whose printed label was not recognised by its words: row key → printed text
    assumed: dict[str, str] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return bool(self.rows)


# (printed label, previous row, next recognised row, rows already read, whether a figure
# follows it) → the row assumed
Assume = Callable[[str, str | None, str | None, set[str], bool], str | None]


def _collect(
    tokens: list[Token], key_of: object, assume: Assume | None = None
) -> list[tuple[str, Token, list[Token], bool]]:
    """(row key, label token, value tokens, assumed) for each labelled row, in order.

    A label may be broken over lines with the row's values in between ("5.要求行政机关确认或
    重新出" / "1 0 0 0 0 0 1" / "具已获取信息", as PDF text gives it): values that follow an
    unrecognised fragment are held back until the next text shows whether the fragment
    begins a new row's label. If it does not, ``assume`` may still take the fragment for a
    misprinted label of a row expected there (``assumed`` is then True); otherwise the
    values stay with the current row.
    """
    out: list[tuple[str, Token, list[Token], bool]] = []
    seen: set[str] = set()
    current: tuple[str, Token, list[Token], bool] | None = None
    previous: str | None = None
    fragment: Token | None = None
    held: list[Token] = []

    def start(key: str, label: Token, values: list[Token], assumed: bool = False) -> None:
        nonlocal current, previous
        seen.add(key)
        previous = key
        current = (key, label, values, assumed)
        out.append(current)

    def settle(following: str | None) -> None:
        """The held values go to the fragment's assumed row, or to the current row."""
        nonlocal held
        if fragment is not None and assume and held:
            figures = any(t.number is not None for t in held)
            row = assume(fragment.text, previous, following, seen, figures)
            if row is not None and row not in seen:
                start(row, fragment, held, True)
                held = []
                return
        if current is not None and held:
            current[2].extend(held)
        held = []

    for tok in tokens:
        if tok.text and tok.number is None and not is_mark(tok):
            key = key_of(tok.text, previous)  # type: ignore[operator]
            joined = key_of(fragment.text + tok.text, previous) if fragment else None  # type: ignore[operator]
            if joined and joined not in seen and key != joined:
                assert fragment is not None
                start(joined, fragment, held)
                fragment, held = None, []
                continue
            if held:
                settle(key if key not in seen else None)
                key = key_of(tok.text, previous)  # type: ignore[operator]
            if key and key not in seen:
                start(key, tok, [])
                fragment = None
            else:
                fragment = tok
        # Not text, so a value: blank, a number or a mark (what is_value accepts).
        elif fragment is not None:
            held.append(tok)
        elif current is not None:
            current[2].append(tok)
    settle(None)
    return out


def _row_cells(label: Token, values: list[Token], width: int, grid: bool) -> bool:
    """True when the values are exactly the cells of the label's own grid row.

    Only for real grids (HTML, DOCX), where merged label cells are marked and every value
    cell is printed: there an empty cell is a blank cell, not layout.
    """
    return grid and len(values) == width and all(t.row == label.row for t in values)


def read_table3(tokens: list[Token], fmt: str, *, grid: bool = False) -> TableReading:
    reading = TableReading()
    width = len(L.T3_COLUMNS)

    def key_of(text: str, previous: str | None) -> str | None:
        return t3_row_key(text, previous, fmt)

    def assume(
        text: str, previous: str | None, following: str | None, seen: set[str], figures: bool
    ) -> str | None:
        return assume_t3(text, previous, following, seen, fmt, figures=figures)

    for key, label, values, assumed in _collect(tokens, key_of, assume):
        if assumed and not (key == "other_processing" and is_single_other_row(label.text)):
            reading.assumed[key] = label.text  # (the 2019 row's exact label is no assumption)
        keep = _row_cells(label, values, width, grid)
        row = read_row(values, width, keep_blanks=keep, sums=_T3_SUMS)
        reading.rows[key] = filter_options(row, _row_total_fits)
        reading.lines[key] = label.line
    return reading


# 表三: the last column is the sum of the six applicant columns.
_T3_SUMS = ((len(L.T3_COLUMNS) - 1, tuple(range(len(L.T3_COLUMNS) - 1))),)
# 表四: each block's 总计 is the sum of its four results.
_T4_SUMS = tuple((b + 4, (b, b + 1, b + 2, b + 3)) for b in (0, 5, 10))


def _row_total_fits(option: tuple[int | str | None, ...]) -> bool:
    if any(v is None or isinstance(v, str) for v in option):
        return True
    return sum(int(v or 0) for v in option[:-1]) == int(option[-1] or 0)


def read_table4(tokens: list[Token], *, grid: bool = False) -> TableReading:
    reading = TableReading()
    last_header = max(
        (i for i, t in enumerate(tokens) if t.text and is_t4_header(t.text)), default=-1
    )
    header_row = tokens[last_header].row if last_header >= 0 else None
    values = [t for t in tokens[last_header + 1 :] if t.row != header_row and is_value(t)]
    width = len(L.T4_COLUMNS)
    if not any(t.number is not None for t in values):
        # A grid's data row may be printed with every cell empty (a blank template).
        blank_rows = [
            r
            for r in dict.fromkeys(t.row for t in values)
            if sum(t.row == r for t in values) == width
        ]
        if grid and blank_rows:
            row_tokens = [t for t in values if t.row == blank_rows[0]]
            reading.rows["table4"] = read_row(row_tokens, width, keep_blanks=True)
            reading.lines["table4"] = row_tokens[0].line
        return reading
    data_rows = {t.row for t in values if t.number is not None}
    on_data_rows = [t for t in values if t.row in data_rows]
    if len(on_data_rows) == width:
        row = read_row(on_data_rows, width, keep_blanks=True, sums=_T4_SUMS)
    else:
        row = read_row(values, width, sums=_T4_SUMS)
    reading.rows["table4"] = filter_options(row, _t4_fits)
    reading.lines["table4"] = next(t.line for t in values if t.number is not None)
    return reading


def _t4_fits(option: tuple[int | str | None, ...]) -> bool:
    if any(v is None or isinstance(v, str) for v in option):
        return True
    nums = [int(v or 0) for v in option]
    return all(sum(nums[b : b + 4]) == nums[b + 4] for b in (0, 5, 10))


def read_table2(tokens: list[Token], fmt: str, *, grid: bool = False) -> TableReading:
    reading = TableReading()

    def key_of(text: str, previous: str | None) -> str | None:
        found = t2_row_key(text)
        return found[0] if found else None

    def assume(
        text: str, previous: str | None, following: str | None, seen: set[str], figures: bool
    ) -> str | None:
        return assume_t2(text, previous, following, seen, fmt) if figures else None

    for key, label, values, assumed in _collect(tokens, key_of, assume):
        if assumed:
            reading.assumed[key] = label.text
        width = _t2_width(key, fmt)
        if width is None:
            continue
        as_int = key not in ("administrative_fees", "government_procurement") or (
            fmt == L.FORMAT_2019 and key == "administrative_fees"
        )
        keep = _row_cells(label, values, width, grid)
        reading.rows[key] = read_row(values, width, as_int=as_int, keep_blanks=keep)
        reading.lines[key] = label.line
    return reading


def _t2_width(key: str, fmt: str) -> int | None:
    if fmt == L.FORMAT_2019:
        cols = L.T2_2019_ROWS.get(key)
        return len(cols) if cols else None
    row = L.T2_ROW_BY_KEY.get(key)
    if row is None:
        return None
    return len(row.columns) or 1
