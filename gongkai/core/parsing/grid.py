"""Shared by the HTML, DOCX and PDF readers: cell text, and merged cells → a grid.

A merged cell is placed once with its extent; the grid holds the text in its first
position and a ``span`` copy everywhere else it covers, so the interpreter sees a
rectangle and never reads a copy as a value of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gongkai.core.parsing.document import Cell
from gongkai.core.parsing.normalize import normalize_text

# Printed Chinese has no spaces between characters: a space there is layout (a line
# wrapped inside a cell, letter-spaced headers such as "结 果"), not a word break.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# After NFKC, Chinese punctuation is ASCII; a line broken after "之和，" is still one line.
_PUNCT = ",.;:!?()\u3001\u3002\u201c\u201d\u2018\u2019\u300a\u300b\u3010\u3011"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}{_PUNCT}])|(?<=[{_CJK}{_PUNCT}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")


def is_cjk(ch: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", ch))


def cell_text(raw: str) -> str:
    """One cell's text on one line: normalised, whitespace collapsed, CJK rejoined."""
    return _cell_text(raw) if len(raw) <= _CACHED_LENGTH else _uncached_cell_text(raw)


_CACHED_LENGTH = 64  # labels and figures repeat from table to table; paragraphs do not


@lru_cache(maxsize=16384)
def _cell_text(raw: str) -> str:
    return _uncached_cell_text(raw)


def _uncached_cell_text(raw: str) -> str:
    text = _SPACES.sub(" ", normalize_text(raw)).strip()
    return _CJK_GAP.sub("", text)


def join_parts(parts: list[str]) -> str:
    """Pieces of one cell (paragraphs, a nested table's cells) as one text."""
    return cell_text(" ".join(p for p in parts if p))


@dataclass
class Placement:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def build_grid(placements: list[Placement], n_rows: int) -> list[list[Cell]]:
    """Rows of cells, merged cells expanded into marked copies.

    A position no cell covers inside a row is an empty cell; positions after a row's last
    cell are left out, because a row printed with fewer cells is missing cells, which the
    interpreter reports differently from cells printed empty.
    """
    grid: dict[tuple[int, int], Cell] = {}
    for p in placements:
        for r in range(p.row, min(p.row + p.rowspan, n_rows)):
            for c in range(p.col, p.col + p.colspan):
                if (r, c) not in grid:
                    grid[(r, c)] = Cell(p.text, span=(r, c) != (p.row, p.col))
    widths = [0] * n_rows
    for r, c in grid:
        widths[r] = max(widths[r], c + 1)
    return [[grid.get((r, c), Cell("")) for c in range(widths[r])] for r in range(n_rows)]
