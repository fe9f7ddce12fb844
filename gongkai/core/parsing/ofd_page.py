"""One OFD page's text objects and path objects → characters and ruling lines.

OFD (GB/T 33190) places everything in millimetres from the top-left corner of the page,
y growing downwards, which is the frame the PDF reader already works in (pdfplumber's);
only the unit differs, so positions are turned into points here and the PDF reader's
table geometry and its 3 pt tolerances apply unchanged.

An object's own coordinates go through its ``CTM`` (if any) and are then offset by the
origin of its ``Boundary``. A ``TextCode`` gives the baseline origin of its first
character (``X``, ``Y``) and the advances to the following ones (``DeltaX``/``DeltaY``,
where "g n v" stands for n advances of v). A ``PathObject``'s ``AbbreviatedData``
("M x y L x y … C") gives its outline; every straight, axis-aligned segment is a ruling,
as with a PDF path.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

from gongkai.core.parsing.pdf_geometry import Edge, edge
from gongkai.core.parsing.pdf_page import Char

POINTS_PER_MM = 72 / 25.4
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# A character's box around its baseline, as a share of the font size (ascent, descent):
# pdfium's loose boxes are font-height boxes of about this shape.
_ASCENT, _DESCENT = 0.88, 0.12
# Operands each path command takes (GB/T 33190 §9.3.2: S/M move, L line, Q quadratic,
# B cubic Bézier, A arc, C close).
_OPERANDS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def numbers(text: str | None) -> list[float] | None:
    """Space-separated finite numbers, or None when any is not one (a hostile "nan")."""
    if not text:
        return None
    try:
        values = [float(v) for v in text.replace(",", " ").split()]
    except ValueError:
        return None
    return values if math.isfinite(sum(values)) else None  # nan and inf carry through a sum


def local(element: Any) -> str:
    """An element's tag without its namespace (producers differ in prefixes and URIs)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class PageObjects:
    """Collects the characters and rulings of a page and of the templates drawn under it.

    Only what lies within a page's size of the page (``width`` × ``height`` points) is
    kept: coordinates are the file's to choose, and a ruling a million points long (or not
    a number, after a hostile matrix) would make the table geometry, which indexes cells by
    10 pt bands, loop for ever or fail.
    """

    def __init__(self, width: float, height: float) -> None:
        self.x_range = (-width, 2 * width)
        self.y_range = (-height, 2 * height)
        self.chars: list[Char] = []
        self.edges: list[Edge] = []
        self.images = 0
        self.paths = 0

    def add_content(self, root: Any) -> None:
        """Every object of a page or template content, in layers and page blocks at any depth."""
        for element in root.iter():
            name = local(element)
            if name == "TextObject":
                self._text(element)
            elif name == "PathObject":
                self.paths += 1
                self._path(element)
            elif name == "ImageObject":
                self.images += 1

    def _text(self, obj: Any) -> None:
        place = _placement(obj)
        sizes = numbers(obj.get("Size"))
        if place is None or not sizes or sizes[0] <= 0:
            return
        (a, b, c, d, e, f), scale = place
        size = sizes[0]
        height = size * scale * POINTS_PER_MM
        if not 0 < height <= self.y_range[1]:
            return  # a glyph taller than the page, or of no size at all, is no text
        above, below = height * _ASCENT, height * _DESCENT
        wide, narrow, spaced = size, size / 2, 1.5 * size
        chars, new = self.chars, tuple.__new__  # a page has thousands: no frame a character
        (low_x, high_x), (low_y, high_y) = self.x_range, self.y_range
        x = y = 0.0
        for code in obj:
            if local(code) != "TextCode" or not code.text:
                continue
            text = code.text
            given_x, given_y = numbers(code.get("X")), numbers(code.get("Y"))
            x = given_x[0] if given_x else x  # a code without X/Y goes on from the last one
            y = given_y[0] if given_y else y
            dx = list(_advances(code.get("DeltaX"), len(text) - 1))
            dy = list(_advances(code.get("DeltaY"), len(text) - 1))
            for i, ch in enumerate(text):
                natural = wide if ch > "\u2e7f" else narrow
                step = dx[i] if i < len(dx) else natural
                if ch.isspace():
                    ch = "" if ch in "\r\n\t" else " "  # a printed space separates words
                elif not ch.isprintable():
                    ch = ""
                left, base = a * x + c * y + e, b * x + d * y + f
                if ch and low_x <= left <= high_x and low_y <= base <= high_y:
                    # the advance is the glyph's box unless it also holds letter spacing
                    width = step if 0 < step <= spaced else natural
                    right = min(left + width * abs(a), high_x)  # the matrix gives points
                    chars.append(
                        new(Char, (ch, left, base - above, max(left, right), base + below))
                    )
                x += step
                y += dy[i] if i < len(dy) else 0.0

    def _path(self, obj: Any) -> None:
        place = _placement(obj)
        data = next((c for c in obj if local(c) == "AbbreviatedData"), None)
        if place is None or data is None or not data.text:
            return
        matrix = place[0]
        (low_x, high_x), (low_y, high_y) = self.x_range, self.y_range
        for run in _runs(data.text.split()):
            points = [_apply(matrix, px, py) for px, py in run]
            if not all(low_x <= x <= high_x and low_y <= y <= high_y for x, y in points):
                continue  # off the page (or not a number): no ruling of this page
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                ruling = edge(x0, y0, x1, y1)
                if ruling is not None:
                    self.edges.append(ruling)


def _placement(obj: Any) -> tuple[Matrix, float] | None:
    """The matrix from an object's own millimetres to page points, and its scale."""
    boundary = numbers(obj.get("Boundary"))
    if boundary is None or len(boundary) < 2:
        return None
    ctm = numbers(obj.get("CTM"))
    a, b, c, d, e, f = ctm if ctm is not None and len(ctm) == 6 else _IDENTITY
    k, (ox, oy) = POINTS_PER_MM, boundary[:2]
    matrix = (a * k, b * k, c * k, d * k, (e + ox) * k, (f + oy) * k)
    return matrix, math.sqrt(abs(a * d - b * c)) or 1.0


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _advances(text: str | None, wanted: int) -> Iterator[float]:
    """At most ``wanted`` advances of a DeltaX/DeltaY list; "g n v" is n copies of v.

    Expanded lazily and capped at the character count: "g 1000000000 1" costs nothing.
    """
    tokens = (text or "").replace(",", " ").split()
    given = 0
    i = 0
    while i < len(tokens) and given < wanted:
        try:
            if tokens[i] == "g" and i + 2 < len(tokens):
                count, value = int(tokens[i + 1]), float(tokens[i + 2])
                i += 3
            else:
                count, value = 1, float(tokens[i])
                i += 1
        except ValueError:
            return  # a malformed list: the rest take their natural advance
        if not math.isfinite(value):
            return
        for _ in range(max(0, min(count, wanted - given))):
            yield value
            given += 1


def _runs(tokens: list[str]) -> list[list[tuple[float, float]]]:
    """The straight runs of an outline: points joined by lines; a curve or arc ends one
    (it is no ruling) and the next run starts at its end point."""
    runs: list[list[tuple[float, float]]] = []
    i = 0
    while i < len(tokens):
        command = tokens[i]
        wanted = _OPERANDS.get(command)
        if wanted is None:
            i += 1  # an unknown command: skipped
            continue
        try:
            values = [float(v) for v in tokens[i + 1 : i + 1 + wanted]]
        except ValueError:
            values = []
        if len(values) != wanted or not math.isfinite(sum(values)):
            i += 1  # a malformed operand list: the command is skipped
            continue
        i += 1 + wanted
        if command == "C":
            if runs and len(runs[-1]) > 1:
                runs[-1].append(runs[-1][0])
            continue
        point = (values[-2], values[-1])  # where every command but C ends
        if command == "L" and runs:
            runs[-1].append(point)
        else:  # S, M, a curve or an arc: a new run from here
            runs.append([point])
    return runs
