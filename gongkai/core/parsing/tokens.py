"""A table region of a document as a flat sequence of cell tokens.

Table rows give one token per cell (copies of merged cells dropped); a paragraph gives one
token, split into label and numbers when a crawler ran them together
("行政规范性文件8855698", "行政许可 11497").
"""

from __future__ import annotations

import functools
import re

from gongkai.core.parsing.document import Line
from gongkai.core.parsing.normalize import parse_number
from gongkai.core.parsing.readings import Token

# A number, signed where it follows another ("134-235": 134, then -235 of 本年增/减).
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_NUMBERS = rf"{_NUMBER}(?:(?:\s+|\s*(?<=\d)[-+]|\s+[-+]){_NUMBER})*"
_LABEL_THEN_NUMBERS = re.compile(rf"^(?P<label>.*?[^\d\s.,+-])\s*(?P<numbers>{_NUMBERS})$")
_NUMBERS_ONLY = re.compile(rf"^(?=.*\d[\s+-]+\d){_NUMBERS}$")
_ONE_NUMBER = re.compile(rf"[-+]?{_NUMBER}")
_DATE = re.compile(r"^(?:19|20)\d{2}-\d{1,2}-\d{1,2}$")
_MARK = re.compile(r"^[\-—–―/\\×xX*＊无空]{1,3}$")


def region_tokens(lines: list[Line], start: int, end: int) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    for index in range(start, end):
        line = lines[index]
        number = line.number
        if line.cells is not None:
            for cell in line.cells:
                if not cell.span:
                    # cells give most tokens: their parts are looked up by the text as is
                    text = cell.text
                    parts = (
                        _cell_parts(text) if len(text) <= _CACHED_TEXT else _parts_of(text, False)
                    )
                    for t, value, free, spaces in parts:
                        append(Token(t, number, index, value, free, spaces))
        else:
            parts = _parts_of(line.text, True)
            if line.indent and parts and parts[0][1] is not None:
                first_text, first_value, first_free, _ = parts[0]  # figures first: Line.indent
                parts = ((first_text, first_value, first_free, line.indent), *parts[1:])
            for t, value, free, spaces in parts:
                append(Token(t, number, index, value, free, spaces))
            if line.trailing and parts and parts[-1][1] is not None:
                tokens[-1].spaces_after = line.trailing
    return tokens


def _parts_of(text: str, free: bool) -> tuple[Part, ...]:
    """``free``: the text is running text, where a digit run may hold several cells."""
    text = text.strip()
    return _parts(text, free) if len(text) <= _CACHED_TEXT else _parts.__wrapped__(text, free)


# Cells and labels are short and recur in every report (the same labels, small counts):
# their split is remembered; long running text is split afresh.
_CACHED_TEXT = 80
Part = tuple[str, str | None, bool, int]  # text, number, free, spaces before


@functools.lru_cache(maxsize=16384)
def _cell_parts(raw: str) -> tuple[Part, ...]:
    # One argument, a str: the cache looks it up by the text itself, no key tuple built.
    return _parts.__wrapped__(raw.strip(), False)


@functools.lru_cache(maxsize=16384)
def _parts(text: str, free: bool) -> tuple[Part, ...]:
    if _NUMBERS_ONLY.match(text) and not _DATE.match(text):
        return _figures(text, 0, free)
    if not text or not text[-1].isdigit() or len(text) > 80 or parse_number(text):
        return (_part(text, free=free),)
    m = _LABEL_THEN_NUMBERS.match(text)
    if m and not _is_numbered_label(m.group("label")):
        lead = m.start("numbers") - m.end("label")
        return (_part(m.group("label")), *_figures(m.group("numbers"), lead, free))
    return (_part(text),)


def _figures(text: str, lead: int, free: bool) -> tuple[Part, ...]:
    """The numbers of ``text``; in running text, with the spaces before each (``lead``
    before the first), which may stand for empty cells."""
    if not free:
        return tuple(_part(n) for n in _ONE_NUMBER.findall(text))
    parts: list[Part] = []
    end = -1
    for m in _ONE_NUMBER.finditer(text):
        spaces = lead if end < 0 else m.start() - end
        parts.append(_part(m.group(), free=True, spaces=spaces))
        end = m.end()
    return tuple(parts)


def _part(text: str, *, free: bool = False, spaces: int = 0) -> Part:
    return text, parse_number(text) if text else None, free, spaces


def _is_numbered_label(label: str) -> bool:
    # "第二十条第(一)项" and dates end in characters, so only guard against list numbering
    # at the very end of a label, which does not occur in the formats.
    return label.endswith(("第", "年", "月"))


def is_mark(token: Token) -> bool:
    """A short non-numeric mark standing where a number belongs ("—", "/", "无")."""
    return bool(_MARK.match(token.text))


def is_value(token: Token) -> bool:
    return token.blank or token.number is not None or is_mark(token)
