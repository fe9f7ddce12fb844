"""Hostile files built in the test, small on disk and in memory: a PDF compression bomb, a
ZIP-bomb DOCX, a billion-laughs DOCX, a PNG over the pixel limit, renamed executables.

Each is built by streaming, so the test process never holds what the file inflates to.
"""

from __future__ import annotations

import io
import resource
import struct
import zipfile
import zlib
from pathlib import Path

DOCX_TEMPLATE = Path(__file__).parent / "fixtures/documents/official-format-blank-template.docx"
MB = 1024 * 1024


def maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory (Linux reports kilobytes)."""
    return resource.getrusage(who).ru_maxrss / 1024


def _zeros_deflated(size: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = bytes(MB)
    return b"".join(packer.compress(chunk) for _ in range(size // MB)) + packer.flush()


def pdf_bomb(inflated: int = 1024 * MB) -> bytes:
    """A one-page PDF whose content stream is ``inflated`` bytes of zeros, Flate-compressed
    (about 1 MB on disk for 1 GB inflated)."""
    body = _zeros_deflated(inflated)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _docx_with(extra: dict[str, bytes], zeros: tuple[str, int] | None = None) -> bytes:
    template = zipfile.ZipFile(DOCX_TEMPLATE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for info in template.infolist():
            package.writestr(info.filename, extra.pop(info.filename, template.read(info)))
        for name, data in extra.items():
            package.writestr(name, data)
        if zeros is not None:
            name, size = zeros
            with package.open(name, "w", force_zip64=True) as part:
                chunk = bytes(MB)
                for _ in range(size // MB):
                    part.write(chunk)
    return out.getvalue()


def zip_bomb_docx(inflated: int = 1024 * MB) -> bytes:
    """A real DOCX with one more part: ``inflated`` bytes of zeros (about 1 MB packed)."""
    return _docx_with({}, zeros=("word/media/image1.bin", inflated))


def billion_laughs_docx() -> bytes:
    """A DOCX whose document.xml declares ten nested entities (10⁹ "lol"s when expanded)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n'
        + "\n".join(entities)
        + '\n]>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
        'main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    return _docx_with({"word/document.xml": xml.encode("utf-8")})


def huge_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid PNG header declaring width × height pixels (400 Mpx by default), with one
    tiny compressed row band: a decoder would allocate the whole canvas."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(bytes(width + 1) * 16, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(4000)
PE = b"MZ\x90\x00\x03" + bytes(55) + b"\x80\x00\x00\x00" + bytes(64) + b"PE\x00\x00" + bytes(4000)
