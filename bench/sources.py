"""Reports as the files agencies publish: DOCX and PDF, made from report data.

Two makers, so that the readers are measured on both:

- ``"product"``: the product's own renderers (``gongkai.core.rendering.docx.render_docx`` and
  ``gongkai.core.rendering.pdf.render_pdf``), when they exist;
- ``"libreoffice"``: the HTML rendering converted by LibreOffice, as an office would: HTML →
  DOCX, then DOCX → PDF (Word's own "save as PDF" path). LibreOffice's HTML import ignores
  CSS borders and the page-width CSS, so the tables get ``border``/``width`` attributes and
  the style sheet is dropped (direct HTML → PDF also loses the first title line).

``to_images`` rasterises a PDF's pages (pypdfium2), for scans.
"""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from gongkai.core.rendering.html import render_html
from gongkai.core.report.model import AnnualReport

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
_WORD = "docx:MS Word 2007 XML"


class MakerMissing(RuntimeError):
    pass


def product_renderer(fmt: str) -> Callable[[AnnualReport], bytes] | None:
    """The product's ``render_docx`` / ``render_pdf``, or None while it does not exist."""
    try:
        module = importlib.import_module(f"gongkai.core.rendering.{fmt}")
    except ImportError:
        return None
    found = getattr(module, f"render_{fmt}", None)
    return found if callable(found) else None


def makers(fmt: str) -> list[str]:
    """The makers available here for ``fmt`` ("docx" or "pdf")."""
    out = ["product"] if product_renderer(fmt) is not None else []
    return [*out, "libreoffice"] if Path(SOFFICE).exists() else out


def make(reports: list[AnnualReport], fmt: str, maker: str) -> list[bytes]:
    """Each report as a ``fmt`` file ("docx" or "pdf") made by ``maker``."""
    if maker == "product":
        render = product_renderer(fmt)
        if render is None:
            raise MakerMissing(f"gongkai.core.rendering.{fmt}.render_{fmt} does not exist yet")
        return [render(r) for r in reports]
    if maker == "libreoffice":
        return libreoffice([office_html(r) for r in reports], fmt)
    raise ValueError(maker)


def office_html(report: AnnualReport) -> str:
    """The product's HTML, with table borders as attributes and no style sheet (see above)."""
    html = render_html(report)
    html = re.sub(r"<style\b[^>]*>.*?</style>", "", html, flags=re.S | re.I)
    html = re.sub(r"<link\b[^>]*>", "", html, flags=re.I)
    return re.sub(
        r"<table\b", "<table border='1' cellspacing='0' cellpadding='4' width='100%'", html
    )


def libreoffice(htmls: list[str], fmt: str) -> list[bytes]:
    """HTML documents → DOCX (or DOCX → PDF after that), in two LibreOffice runs in all."""
    if not Path(SOFFICE).exists():
        raise MakerMissing("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as tmp:
        root = Path(tmp)
        names = []
        for i, html in enumerate(htmls):
            (root / f"r{i:05d}.html").write_text(html, "utf-8")
            names.append(f"r{i:05d}")
        _soffice(root, _WORD, [f"{n}.html" for n in names])
        if fmt == "pdf":
            _soffice(root, "pdf", [f"{n}.docx" for n in names])
        return [(root / f"{n}.{fmt}").read_bytes() for n in names]


def libreoffice_text(texts: list[str], fmt: str) -> list[bytes]:
    """Plain texts opened in Writer as UTF-8 text and saved as DOCX (then exported to PDF
    for ``fmt="pdf"``), as a clerk who pastes a report into a new document does."""
    if not Path(SOFFICE).exists():
        raise MakerMissing("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as tmp:
        root = Path(tmp)
        names = [f"t{i:05d}" for i in range(len(texts))]
        for name, text in zip(names, texts, strict=True):
            (root / f"{name}.txt").write_text(text, "utf-8")
        _soffice(root, _WORD, [f"{n}.txt" for n in names], infilter=_TEXT_UTF8)
        if fmt == "pdf":
            _soffice(root, "pdf", [f"{n}.docx" for n in names])
        return [(root / f"{n}.{fmt}").read_bytes() for n in names]


_TEXT_UTF8 = "Text (encoded):UTF8,LF,,,"


def _soffice(root: Path, target: str, files: list[str], infilter: str | None = None) -> None:
    # A profile of its own, so that concurrent conversions never share (and lock) one.
    profile = (root / "profile").as_uri()
    extra = [f"--infilter={infilter}"] if infilter else []
    for start in range(0, len(files), 200):  # keep the command line short
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile}",
                "--headless",
                *extra,
                "--convert-to",
                target,
                "--outdir",
                str(root),
                *files[start : start + 200],
            ],
            cwd=root,
            check=True,
            capture_output=True,
            timeout=600,
        )


def to_images(pdf: bytes, dpi: int = 150) -> list[Image.Image]:
    """The PDF's pages as grayscale PIL images at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in doc]
    finally:
        doc.close()
