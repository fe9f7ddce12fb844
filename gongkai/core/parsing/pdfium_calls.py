"""pdfium's hot functions, declared over plain addresses.

pypdfium2 declares pdfium's functions with typed pointers, so each call checks its
arguments' types and wraps a returned pointer in a new Python object. A page costs
thousands of calls (one a character, one or two an object), and that bookkeeping is a third
of their time. The same C functions are declared here over ``c_void_p`` and called with
integer addresses: measured on the bench corpus, characters 2.9 → 2.1 ms a report, the walk
over 淮安's page objects 2.1 → 1.4 ms.

The functions are the ones pypdfium2 loaded (their addresses are taken from its function
objects), so the library, its version and its lifetime are pypdfium2's.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

_ADDRESS = ctypes.c_void_p
_INT = ctypes.c_int


def _plain(function: Any, restype: Any, *argtypes: Any) -> Any:
    return ctypes.CFUNCTYPE(restype, *argtypes)(address(function))


def address(pointer: Any) -> int:
    """A pypdfium2 handle (``page.raw``, ``textpage.raw``) or function as an integer."""
    value = ctypes.cast(pointer, ctypes.c_void_p).value
    if not value:
        raise ValueError("null pdfium handle")
    return value


char_loose_box = _plain(pdfium_c.FPDFText_GetLooseCharBox, _INT, _ADDRESS, _INT, _ADDRESS)
char_unicode = _plain(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _ADDRESS, _INT)
char_is_generated = _plain(pdfium_c.FPDFText_IsGenerated, _INT, _ADDRESS, _INT)
page_object_count = _plain(pdfium_c.FPDFPage_CountObjects, _INT, _ADDRESS)
page_object = _plain(pdfium_c.FPDFPage_GetObject, _ADDRESS, _ADDRESS, _INT)
form_object_count = _plain(pdfium_c.FPDFFormObj_CountObjects, _INT, _ADDRESS)
form_object = _plain(pdfium_c.FPDFFormObj_GetObject, _ADDRESS, _ADDRESS, _INT)
object_type = _plain(pdfium_c.FPDFPageObj_GetType, _INT, _ADDRESS)
object_matrix = _plain(pdfium_c.FPDFPageObj_GetMatrix, _INT, _ADDRESS, _ADDRESS)
object_bounds = _plain(
    pdfium_c.FPDFPageObj_GetBounds, _INT, _ADDRESS, _ADDRESS, _ADDRESS, _ADDRESS, _ADDRESS
)
path_segment_count = _plain(pdfium_c.FPDFPath_CountSegments, _INT, _ADDRESS)
path_segment = _plain(pdfium_c.FPDFPath_GetPathSegment, _ADDRESS, _ADDRESS, _INT)
segment_point = _plain(pdfium_c.FPDFPathSegment_GetPoint, _INT, _ADDRESS, _ADDRESS, _ADDRESS)
segment_type = _plain(pdfium_c.FPDFPathSegment_GetType, _INT, _ADDRESS)
segment_closes = _plain(pdfium_c.FPDFPathSegment_GetClose, _INT, _ADDRESS)

OBJECT_IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
OBJECT_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
OBJECT_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
SEGMENT_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
SEGMENT_LINETO = pdfium_c.FPDF_SEGMENT_LINETO
