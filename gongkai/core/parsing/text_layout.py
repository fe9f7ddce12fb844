"""DOCX and PDF that hold a plain-text report, read as the text they were made from.

Offices open a report's plain text in a word processor and save it as DOCX or export it
to PDF: every text line becomes a paragraph, a tab a tab (``w:tab``, or a gap to the next
tab stop on the page), a pipe a printed ``|``. Such a file has no table of its own; its
rows are the text's rows. The readers rebuild the text (``docx_reader``: paragraphs with
their tabs; ``pdf_text_layout``: printed lines with their tab gaps, wrapped lines joined)
and it is read by ``text_reader``, so that the interpreter sees exactly the rows it sees
for the ``.txt``: a row's trailing empty cells are layout there, not blank values, which
they would be in a drawn grid.
"""

from __future__ import annotations

import re
from typing import Any

from gongkai.core.parsing.document import SourceDocument
from gongkai.core.parsing.text_reader import read_text

# A line that splits into cells in ``text_reader``: a tab, or a pipe.
_SEPARATOR = re.compile(r"[\t|]")


def carries_text_layout(lines: list[str]) -> bool:
    """Whether any line holds a text-layout row separator (a tab or a pipe)."""
    return any(_SEPARATOR.search(line) for line in lines)


def read_as_text(lines: list[str], fmt: str, meta: dict[str, Any]) -> SourceDocument:
    """The document the text reader makes of these lines, as a document of ``fmt``.

    ``meta["text_layout"]`` tells the interpreter to read it as text (``interpret``); a
    line's number is its position in ``lines``, blank ones counted, as in the ``.txt``.
    """
    doc = read_text("\n".join(lines))
    return SourceDocument(doc.lines, fmt, {**meta, "text_layout": True})
