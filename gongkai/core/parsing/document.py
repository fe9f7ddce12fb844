"""The intermediate form every reader produces: the document as numbered lines.

A line is either a paragraph of text or one row of a table, given as its cells. Readers
of real grids (HTML, DOCX, PDF) expand merged cells and mark the copies with ``span`` so
that a copy is never mistaken for a cell of its own; the plain-text reader splits rows on
the separators it finds. One interpreter (``interpret.py``) then reads every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Cell:
    text: str
    span: bool = False  # a copy of a merged (rowspan/colspan) cell
    confidence: float | None = None  # OCR confidence in [0, 1]; None when read from text


@dataclass(slots=True)
class Line:
    number: int  # 1-based position in the source: text line, or paragraph/row index
    text: str  # the whole line; for a table row, its cells joined by tabs
    cells: list[Cell] | None = None  # None for a paragraph
    page: int | None = None
    # The spaces a paragraph began with: before figures, each may stand for an empty
    # cell (crawler text prints an empty <td> as a space, and a figures line of 表四 has
    # no label before it to carry the space).
    indent: int = 0
    trailing: int = 0  # the spaces after a paragraph's last figure, likewise

    @property
    def is_row(self) -> bool:
        return self.cells is not None


@dataclass
class SourceDocument:
    lines: list[Line]
    format: str  # "text" | "html" | "docx" | "pdf" | "ofd" | "image"
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. document title, pages, OCR

    @classmethod
    def from_rows(
        cls, rows: list[list[Cell] | str], fmt: str, meta: dict[str, Any] | None = None
    ) -> SourceDocument:
        """Build a document from paragraphs (str) and table rows (lists of cells)."""
        lines: list[Line] = []
        for number, item in enumerate(rows, start=1):
            if isinstance(item, str):
                lines.append(Line(number, item))
            else:
                lines.append(Line(number, "\t".join(c.text for c in item), list(item)))
        return cls(lines, fmt, meta or {})
