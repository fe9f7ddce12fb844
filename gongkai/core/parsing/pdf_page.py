"""A PDF page's characters, ruling lines and table cells, read with pdfium (C).

The text layer is read through pypdfium2 rather than pdfminer: pdfminer interprets each
page's content stream in Python (≈0.15 s a page), pdfium in C (a few ms), which is the
difference between one report a second and dozens. What pdfplumber did on top of pdfminer
is done here on pdfium's output, the same way: characters with their (loose, font-height)
boxes; ruling lines from the page's path objects (a line, the four sides of a rectangle, the
straight segments of a polyline) as edges for pdfplumber's table geometry, redone on tuples
in ``pdf_geometry``; words and lines from character gaps with pdfplumber's 3 pt tolerances.

Coordinates are pdfplumber's: points from the top-left corner of the page, y downwards.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from gongkai.core.parsing import pdfium_calls as pc
from gongkai.core.parsing.pdf_geometry import Edge, edge

_TOLERANCE = 3.0  # pdfplumber's x/y tolerance for words and lines


class Char(NamedTuple):  # a tuple: a page has thousands, made in a tight loop
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


_TEXT, _X0, _TOP = itemgetter(0), itemgetter(1), itemgetter(2)
_X1, _BOTTOM = itemgetter(3), itemgetter(4)


class TextLine(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageContent:
    width: float
    height: float
    chars: list[Char]
    edges: list[Edge]
    images: int
    paths: int

    def visible_chars(self) -> int:
        return len(self.chars) - list(map(_TEXT, self.chars)).count(" ")


def read_page(page: Any) -> PageContent:
    """Characters (whitespace left out), edges, and counts of images and paths."""
    width, height = page.get_size()
    content = PageContent(float(width), float(height), _chars(page, float(height)), [], 0, 0)
    raw = pc.handle(page.raw)
    _walk(raw, None, content, _Paths(content.height), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
    return content


Matrix = tuple[float, float, float, float, float, float]
_MATRIX = struct.Struct("6f")  # FS_MATRIX: a, b, c, d, e, f


def _walk(
    page: Any, form: Any, content: PageContent, paths: _Paths, outer: Matrix, depth: int
) -> None:
    """Paths and images of the page, and of the form XObjects it draws (up to 4 deep).

    pdfium's own calls on plain pointers (``pdfium_calls``), not pypdfium2's object
    wrappers: a page holds hundreds of text objects that are only counted past here.
    """
    if form is None:
        owner, count, get_object = page, pc.page_object_count(page), pc.page_object
    else:
        owner, count, get_object = form, pc.form_object_count(form), pc.form_object
    matrix, matrix_bytes = pc.floats(6)
    get_type, get_matrix, unpack = pc.object_type, pc.object_matrix, _MATRIX.unpack_from
    image, path, segment_count = pc.OBJECT_IMAGE, pc.OBJECT_PATH, pc.path_segment_count
    text = pc.OBJECT_TEXT
    for i in range(count):
        obj = get_object(owner, i)
        kind = get_type(obj)
        if kind == text:  # most objects (WPS writes one a character): passed over first
            continue
        if kind == image:
            content.images += 1
        elif kind == path:
            content.paths += 1
            if form is None and segment_count(obj) == 2:
                ruling = paths.line(obj)
                if ruling is not None:
                    content.edges.append(ruling)
                continue
            get_matrix(obj, matrix)
            content.edges.extend(paths.edges(obj, _compose(unpack(matrix_bytes), outer)))
        elif kind == pc.OBJECT_FORM and depth < 4:
            get_matrix(obj, matrix)
            _walk(page, obj, content, paths, _compose(unpack(matrix_bytes), outer), depth + 1)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention: inner × outer)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _chars(page: Any, height: float) -> list[Char]:
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        raw = pc.handle(textpage.raw)
        # one call a character is the cost here: the functions and the box are looked up
        # once, and a character becomes a plain tuple
        get_box, is_generated = pc.char_loose_box, pc.char_is_generated
        box, rect = pc.floats(4)  # FS_RECTF: left, top, right, bottom
        unpack = struct.Struct("4f").unpack_from
        new = tuple.__new__  # namedtuple's _make without its Python frame
        out: list[Char] = []
        if len(text) != count:  # not one UTF-16 unit per character (astral planes)
            text = "".join(chr(pc.char_unicode(raw, i)) for i in range(count))
        for i, ch in enumerate(text):
            if ch.isspace():
                # a space printed in the text layer separates words; pdfium's own
                # (generated) spaces and line breaks are guesses, left out
                if ch in "\r\n" or is_generated(raw, i):
                    continue
                ch = " "
            elif ch in "\x00\ufffe":
                continue
            if not get_box(raw, i, box):
                continue
            left, top, right, bottom = unpack(rect)
            out.append(new(Char, (ch, left, height - top, right, height - bottom)))
        return out
    finally:
        textpage.close()


class _Paths:
    """Reads path objects' straight sides (pdfium's calls on addresses: a page has hundreds
    of paths of two or five segments each)."""

    def __init__(self, height: float) -> None:
        self.height = height
        at, self.floats = pc.floats(4)  # a point's x, y; a box's four sides
        self.x_at, self.y_at = at, at + 1
        self.box_at = (at, at + 1, at + 2, at + 3)

    def line(self, obj: Any) -> Edge | None:
        """The ruling a path of one straight segment draws (a moveto and a lineto: how most
        renderers draw one), from its bounds: one call instead of one per segment and point.
        pdfium's bounds of a stroked segment reach half the line width past it on every
        side, which is taken off again."""
        if not pc.object_bounds(obj, *self.box_at):
            return None
        left, bottom, right, top = _BOX.unpack_from(self.floats)
        half = min(right - left, top - bottom) / 2
        if right - left > top - bottom:
            y = self.height - (top + bottom) / 2
            return edge(left + half, y, right - half, y)
        x = (left + right) / 2
        return edge(x, self.height - top + half, x, self.height - bottom - half)

    def edges(self, obj: Any, matrix: Matrix) -> list[Edge]:
        """The straight axis-aligned sides of a path object, as rulings."""
        a, b, c, d, e, f = matrix
        height, floats, x_at, y_at = self.height, self.floats, self.x_at, self.y_at
        get_segment, get_point, get_kind = pc.path_segment, pc.segment_point, pc.segment_type
        points: list[list[tuple[float, float]]] = []
        for i in range(pc.path_segment_count(obj)):
            segment = get_segment(obj, i)
            if not get_point(segment, x_at, y_at):
                continue
            kind = get_kind(segment)
            px, py = _POINT.unpack_from(floats)
            point = (a * px + c * py + e, height - (b * px + d * py + f))
            if kind == pc.SEGMENT_MOVETO or not points:
                points.append([point])
            elif kind == pc.SEGMENT_LINETO:
                points[-1].append(point)
                if pc.segment_closes(segment):
                    points[-1].append(points[-1][0])
            else:  # a Bézier curve (rounded corners): not a ruling; start afresh after it
                points.append([point])
        found: list[Edge] = []
        for run in points:
            for (x0, y0), (x1, y1) in itertools.pairwise(run):
                ruling = edge(x0, y0, x1, y1)
                if ruling is not None:
                    found.append(ruling)
        return found


_POINT = struct.Struct("2f")
_BOX = struct.Struct("4f")


def text_lines(chars: list[Char]) -> list[TextLine]:
    """Characters grouped into lines (tops within 3 pt, chained), words by 3 pt gaps."""
    return [
        TextLine(
            _line_text(members),
            members[0][1],  # sorted by x0
            min(map(_TOP, members)),
            max(map(_X1, members)),
            max(map(_BOTTOM, members)),
        )
        for members in _lines(chars)
    ]


def text_of(chars: list[Char]) -> str:
    """A cell's text: its lines joined by line breaks (``cell_text`` then joins them)."""
    if len(chars) < 2:  # most cells: empty, or one digit
        return chars[0][0].strip() if chars else ""
    return "\n".join(_line_text(members) for members in _lines(chars))


def _lines(chars: list[Char]) -> list[list[Char]]:
    """The characters of each line, left to right; lines top to bottom."""
    lines: list[list[Char]] = []
    last_top = -1e9
    for ch in sorted(chars, key=_TOP):
        top = ch[2]
        if top - last_top > _TOLERANCE:
            lines.append([ch])
        else:
            lines[-1].append(ch)
        last_top = top
    for members in lines:
        members.sort(key=_X0)
    return lines


def _line_text(members: list[Char]) -> str:
    """One line's characters as text, a space where pdfplumber would split words."""
    if len(members) == 1:  # a figure's single digit, a "0": a third of all cells
        return members[0][0].strip()
    parts: list[str] = []
    previous_x1 = 0.0
    spaced = True  # nothing yet, or a space last: no space to add
    for text, x0, _, x1, _ in members:
        if text == " ":
            if not spaced:
                parts.append(" ")
                spaced = True
            continue
        if not spaced and x0 - previous_x1 > _TOLERANCE:
            parts.append(" ")
        parts.append(text)
        previous_x1 = x1
        spaced = False
    return "".join(parts).strip()
