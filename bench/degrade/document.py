"""A report as a publisher's page holds it: title, paragraphs and tables in reading order.

Built from the product's own layout (``gongkai.core.rendering.layout``), so both the 2021
and the 2019 format come out as the renderers draw them. A table row lists the cells that
*start* in it (a merged cell once), as an HTML page has them before a crawler strips its
tags; ``grid`` expands the merges for converters that print every grid position.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.rendering.layout import (
    LABEL,
    VALUE,
    Spot,
    TableLayout,
    preamble,
    section_paragraphs,
    signature_lines,
    table_layouts,
    title_lines,
)
from gongkai.core.report.model import AnnualReport


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: str = "p"  # "title", "heading", "p", "signature"


@dataclass(frozen=True)
class Table:
    layout: TableLayout

    @property
    def key(self) -> str:
        return self.layout.key

    @property
    def rows(self) -> tuple[tuple[Spot, ...], ...]:
        return self.layout.rows

    def header_rows(self) -> int:
        """Rows before the first row that holds a value (表二: per block, so 0 here)."""
        for i, row in enumerate(self.rows):
            if any(s.role in (VALUE, LABEL) for s in row):
                return i
        return len(self.rows)

    def grid(self) -> list[list[Spot | None]]:
        """Every grid position: the merged cell's spot where it starts, None elsewhere."""
        width = self.layout.columns
        out: list[list[Spot | None]] = []
        taken: dict[tuple[int, int], bool] = {}
        for r, row in enumerate(self.rows):
            line: list[Spot | None] = [None] * width
            col = 0
            for spot in row:
                while taken.get((r, col)):
                    col += 1
                if col >= width:
                    break
                line[col] = spot
                for dr in range(spot.rowspan):
                    for dc in range(spot.colspan):
                        taken[(r + dr, col + dc)] = True
                col += spot.colspan
            out.append(line)
        return out


Block = Paragraph | Table


def blocks(report: AnnualReport) -> list[Block]:
    """The page's content in reading order, as ``render_html`` prints it."""
    out: list[Block] = [Paragraph(t, "title") for t in title_lines(report)]
    out += [Paragraph(line) for line in preamble(report)]
    tables = table_layouts(report)
    for key, heading, paragraphs in section_paragraphs(report):
        out.append(Paragraph(heading, "heading"))
        out += [Paragraph(p) for p in paragraphs]
        if key in tables:
            out.append(Table(tables[key]))
    out += [Paragraph(line, "signature") for line in signature_lines(report)]
    return out


def plain_text(report: AnnualReport, sep: str = "\t") -> str:
    """The report as plain text, one paragraph or table row a line, cells joined by ``sep``
    (what a Writer user pastes or saves as .txt)."""
    lines: list[str] = []
    for block in blocks(report):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines += [sep.join(s.text for s in row) for row in block.rows]
    return "\n".join(lines) + "\n"
