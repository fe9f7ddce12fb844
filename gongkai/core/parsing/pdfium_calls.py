"""pdfium's hot functions, called through cffi on plain pointers.

pypdfium2 declares pdfium's functions with ctypes and typed pointers, so each call checks
its arguments' types and wraps a returned pointer in a new Python object. A page costs
thousands of calls (one a character, one or two an object), and that bookkeeping was a
third of their time; declared over ``c_void_p``, a character's box still cost about 5,800
instructions (callgrind). The same C functions are called here through cffi (ABI mode, no
compiler): about 4,000, and the pointers pdfium returns are passed back as they came.

The functions are the ones pypdfium2 loaded (their addresses are taken from its function
objects), so the library, its version and its lifetime are pypdfium2's.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c
from cffi import FFI

ffi = FFI()
NULL = ffi.NULL


def _plain(function: Any, signature: str) -> Any:
    return ffi.cast(signature, address(function))


def address(pointer: Any) -> int:
    """A pypdfium2 handle (``page.raw``, ``textpage.raw``) or function as an integer."""
    value = ctypes.cast(pointer, ctypes.c_void_p).value
    if not value:
        raise ValueError("null pdfium handle")
    return value


def handle(pointer: Any) -> Any:
    """A pypdfium2 handle as a pointer for the functions below."""
    return ffi.cast("void *", address(pointer))


def floats(count: int) -> tuple[Any, Any]:
    """A buffer of C floats for the functions to fill, and its bytes for ``struct``."""
    block = ffi.new(f"float[{count}]")
    return block, ffi.buffer(block)


char_loose_box = _plain(pdfium_c.FPDFText_GetLooseCharBox, "int (*)(void *, int, float *)")
char_unicode = _plain(pdfium_c.FPDFText_GetUnicode, "unsigned int (*)(void *, int)")
char_is_generated = _plain(pdfium_c.FPDFText_IsGenerated, "int (*)(void *, int)")
page_object_count = _plain(pdfium_c.FPDFPage_CountObjects, "int (*)(void *)")
page_object = _plain(pdfium_c.FPDFPage_GetObject, "void *(*)(void *, int)")
form_object_count = _plain(pdfium_c.FPDFFormObj_CountObjects, "int (*)(void *)")
form_object = _plain(pdfium_c.FPDFFormObj_GetObject, "void *(*)(void *, unsigned long)")
object_type = _plain(pdfium_c.FPDFPageObj_GetType, "int (*)(void *)")
object_matrix = _plain(pdfium_c.FPDFPageObj_GetMatrix, "int (*)(void *, float *)")
object_bounds = _plain(
    pdfium_c.FPDFPageObj_GetBounds, "int (*)(void *, float *, float *, float *, float *)"
)
path_segment_count = _plain(pdfium_c.FPDFPath_CountSegments, "int (*)(void *)")
path_segment = _plain(pdfium_c.FPDFPath_GetPathSegment, "void *(*)(void *, int)")
segment_point = _plain(pdfium_c.FPDFPathSegment_GetPoint, "int (*)(void *, float *, float *)")
segment_type = _plain(pdfium_c.FPDFPathSegment_GetType, "int (*)(void *)")
segment_closes = _plain(pdfium_c.FPDFPathSegment_GetClose, "int (*)(void *)")

OBJECT_IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
OBJECT_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
OBJECT_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
SEGMENT_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
SEGMENT_LINETO = pdfium_c.FPDF_SEGMENT_LINETO
