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

import ctypes
import itertools
import struct
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from gongkai.core.parsing.pdf_geometry import Edge, edge

_TOLERANCE = 3.0  # pdfplumber's x/y tolerance for words and lines


class Char(NamedTuple):  # a tuple: a page has thousands, made in a tight loop
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


_X0, _TOP, _X1, _BOTTOM = itemgetter(1), itemgetter(2), itemgetter(3), itemgetter(4)


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
        return sum(1 for ch in self.chars if ch.text != " ")


def read_page(page: Any) -> PageContent:
    """Characters (whitespace left out), edges, and counts of images and paths."""
    width, height = page.get_size()
    content = PageContent(float(width), float(height), _chars(page, float(height)), [], 0, 0)
    _walk(page.raw, None, content, _Paths(content.height), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
    return content


Matrix = tuple[float, float, float, float, float, float]
_MATRIX = struct.Struct("6f")  # FS_MATRIX: a, b, c, d, e, f


def _walk(
    page: Any, form: Any, content: PageContent, paths: _Paths, outer: Matrix, depth: int
) -> None:
    """Paths and images of the page, and of the form XObjects it draws (up to 4 deep).

    pdfium's own calls, not pypdfium2's object wrappers: a page holds hundreds of text
    objects that are only counted past here.
    """
    import pypdfium2.raw as pdfium_c

    if form is None:
        count = pdfium_c.FPDFPage_CountObjects(page)
    else:
        count = pdfium_c.FPDFFormObj_CountObjects(form)
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    get_object = pdfium_c.FPDFPage_GetObject if form is None else pdfium_c.FPDFFormObj_GetObject
    owner = page if form is None else form
    get_type, get_matrix = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetMatrix
    image, path = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH
    unpack = _MATRIX.unpack_from
    for i in range(count):
        obj = get_object(owner, i)
        kind = get_type(obj)
        if kind == image:
            content.images += 1
        elif kind == path:
            content.paths += 1
            get_matrix(obj, matrix_ref)
            content.edges.extend(paths.edges(obj, _compose(unpack(matrix), outer)))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
            get_matrix(obj, matrix_ref)
            _walk(page, obj, content, paths, _compose(unpack(matrix), outer), depth + 1)


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
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        raw = textpage.raw
        # one call a character is the cost here: the functions and the box's pointer are
        # looked up once, and a character becomes a plain tuple
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        is_generated = pdfium_c.FPDFText_IsGenerated
        get_unicode = pdfium_c.FPDFText_GetUnicode
        rect = pdfium_c.FS_RECTF()
        box = ctypes.byref(rect)
        make = Char._make
        unpack = struct.Struct("4f").unpack_from  # FS_RECTF: left, top, right, bottom
        out: list[Char] = []
        aligned = len(text) == count  # one UTF-16 unit per character (no astral planes)
        for i in range(count):
            ch = text[i] if aligned else chr(get_unicode(raw, i))
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
            out.append(make((ch, left, height - top, right, height - bottom)))
        return out
    finally:
        textpage.close()


class _Paths:
    """Reads path objects' straight sides. pdfium's functions and the point's pointers are
    looked up once a page: a page has hundreds of paths of two or five segments each."""

    def __init__(self, height: float) -> None:
        import pypdfium2.raw as pdfium_c

        self.height = height
        self.x = ctypes.c_float()
        self.y = ctypes.c_float()
        self.x_ref, self.y_ref = ctypes.byref(self.x), ctypes.byref(self.y)
        self.count = pdfium_c.FPDFPath_CountSegments
        self.segment = pdfium_c.FPDFPath_GetPathSegment
        self.point = pdfium_c.FPDFPathSegment_GetPoint
        self.kind = pdfium_c.FPDFPathSegment_GetType
        self.closes = pdfium_c.FPDFPathSegment_GetClose
        self.moveto = pdfium_c.FPDF_SEGMENT_MOVETO
        self.lineto = pdfium_c.FPDF_SEGMENT_LINETO

    def edges(self, obj: Any, matrix: Matrix) -> list[Edge]:
        """The straight axis-aligned sides of a path object, as rulings."""
        a, b, c, d, e, f = matrix
        height, x, y, x_ref, y_ref = self.height, self.x, self.y, self.x_ref, self.y_ref
        get_segment, get_point, get_kind = self.segment, self.point, self.kind
        points: list[list[tuple[float, float]]] = []
        for i in range(self.count(obj)):
            segment = get_segment(obj, i)
            if not get_point(segment, x_ref, y_ref):
                continue
            kind = get_kind(segment)
            px, py = x.value, y.value
            point = (a * px + c * py + e, height - (b * px + d * py + f))
            if kind == self.moveto or not points:
                points.append([point])
            elif kind == self.lineto:
                points[-1].append(point)
                if self.closes(segment):
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


def text_lines(chars: list[Char]) -> list[TextLine]:
    """Characters grouped into lines (tops within 3 pt, chained), words by 3 pt gaps."""
    lines: list[list[Char]] = []
    last_top = 0.0
    for ch in sorted(chars, key=_TOP):
        top = ch[2]
        if not lines or top - last_top > _TOLERANCE:
            lines.append([ch])
        else:
            lines[-1].append(ch)
        last_top = top
    out: list[TextLine] = []
    for members in lines:
        members.sort(key=_X0)
        parts: list[str] = []
        previous_x1: float | None = None
        for text, x0, _, x1, _ in members:
            gap = previous_x1 is not None and x0 - previous_x1 > _TOLERANCE
            if (gap or text == " ") and parts and parts[-1] != " ":
                parts.append(" ")
            if text != " ":
                parts.append(text)
                previous_x1 = x1
        out.append(
            TextLine(
                "".join(parts).strip(),
                members[0][1],  # sorted by x0
                min(map(_TOP, members)),
                max(map(_X1, members)),
                max(map(_BOTTOM, members)),
            )
        )
    return out


def text_of(chars: list[Char]) -> str:
    """A cell's text: its lines joined by line breaks (``cell_text`` then joins them)."""
    return "\n".join(line.text for line in text_lines(chars))
