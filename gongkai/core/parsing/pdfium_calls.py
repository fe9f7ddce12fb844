"""pdfium's hot functions, called through cffi on plain pointers.

pypdfium2 declares pdfium's functions with ctypes and typed pointers, so each call checks
its arguments' types and wraps a returned pointer in a new Python object. A page costs
thousands of calls (one a character, one or two an object), and that bookkeeping was a
third of their time; declared over ``c_void_p``, a character's box still cost about 5,800
instructions (callgrind). The same C functions are called here through cffi (ABI mode, no
compiler): about 4,000, and the pointers pdfium returns are passed back as they came. The
types are made with cffi's backend (``_cffi_backend``, the C half of cffi) rather than
``cffi.FFI``, whose C declarations are parsed by pycparser: an import of tens of
milliseconds that every reading process would pay.

The functions are the ones pypdfium2 loaded (their addresses are taken from its function
objects), so the library, its version and its lifetime are pypdfium2's.
"""

from __future__ import annotations

import ctypes
from typing import Any

import _cffi_backend as cffi  # cffi's C backend: ``cffi.FFI`` would import its C parser
import pypdfium2.raw as pdfium_c

_VOID_P = cffi.new_pointer_type(cffi.new_void_type())
_FLOAT_P = cffi.new_pointer_type(cffi.new_primitive_type("float"))
_TYPES = {
    "int": cffi.new_primitive_type("int"),
    "uint": cffi.new_primitive_type("unsigned int"),
    "ulong": cffi.new_primitive_type("unsigned long"),
    "ptr": _VOID_P,
    "floats": _FLOAT_P,
}


def _plain(function: Any, result: str, *arguments: str) -> Any:
    signature = cffi.new_function_type(tuple(_TYPES[a] for a in arguments), _TYPES[result], False)
    return cffi.cast(signature, address(function))


def address(pointer: Any) -> int:
    """A pypdfium2 handle (``page.raw``, ``textpage.raw``) or function as an integer."""
    value = ctypes.cast(pointer, ctypes.c_void_p).value
    if not value:
        raise ValueError("null pdfium handle")
    return value


def handle(pointer: Any) -> Any:
    """A pypdfium2 handle as a pointer for the functions below."""
    return cffi.cast(_VOID_P, address(pointer))


def floats(count: int) -> tuple[Any, Any]:
    """A buffer of C floats for the functions to fill, and its bytes for ``struct``."""
    block = cffi.newp(cffi.new_array_type(_FLOAT_P, count), None)
    return block, cffi.buffer(block)


char_loose_box = _plain(pdfium_c.FPDFText_GetLooseCharBox, "int", "ptr", "int", "floats")
char_unicode = _plain(pdfium_c.FPDFText_GetUnicode, "uint", "ptr", "int")
char_is_generated = _plain(pdfium_c.FPDFText_IsGenerated, "int", "ptr", "int")
page_object_count = _plain(pdfium_c.FPDFPage_CountObjects, "int", "ptr")
page_object = _plain(pdfium_c.FPDFPage_GetObject, "ptr", "ptr", "int")
form_object_count = _plain(pdfium_c.FPDFFormObj_CountObjects, "int", "ptr")
form_object = _plain(pdfium_c.FPDFFormObj_GetObject, "ptr", "ptr", "ulong")
object_type = _plain(pdfium_c.FPDFPageObj_GetType, "int", "ptr")
object_matrix = _plain(pdfium_c.FPDFPageObj_GetMatrix, "int", "ptr", "floats")
object_bounds = _plain(
    pdfium_c.FPDFPageObj_GetBounds, "int", "ptr", "floats", "floats", "floats", "floats"
)
path_segment_count = _plain(pdfium_c.FPDFPath_CountSegments, "int", "ptr")
path_segment = _plain(pdfium_c.FPDFPath_GetPathSegment, "ptr", "ptr", "int")
segment_point = _plain(pdfium_c.FPDFPathSegment_GetPoint, "int", "ptr", "floats", "floats")
segment_type = _plain(pdfium_c.FPDFPathSegment_GetType, "int", "ptr")
segment_closes = _plain(pdfium_c.FPDFPathSegment_GetClose, "int", "ptr")

OBJECT_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
OBJECT_IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
OBJECT_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
OBJECT_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
SEGMENT_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
SEGMENT_LINETO = pdfium_c.FPDF_SEGMENT_LINETO
