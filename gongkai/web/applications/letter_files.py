"""DOCX and PDF files of a letter, rendered from its stored text.

Rendering takes a second or so (WeasyPrint lays out CJK text), so it never runs inside a
step's transaction: :func:`schedule_letter_files` runs :func:`render_letter_files` after the
commit (a job queue may take it over: the function needs nothing but the letter's id).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.base import ContentFile
from django.http import FileResponse
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from gongkai.core.letters import LetterText, chinese_date
from gongkai.core.letters.html import letter_html
from gongkai.web.applications.models import Letter

log = logging.getLogger("gongkai.letters")
BODY_FONT = "Noto Serif CJK SC"
TITLE_FONT = "Noto Sans CJK SC"


_deferred: ContextVar[bool] = ContextVar("deferred_letter_files", default=False)


RENDER_LETTER_JOB = "applications.render_letter"


def schedule_letter_files(letter_id: int) -> None:
    if _deferred.get():
        return  # rendered on first download (ensure_letter_files)
    from gongkai.web.tasks.queue import enqueue

    enqueue(RENDER_LETTER_JOB, letter_id=letter_id)


@contextmanager
def deferred_letter_files() -> Iterator[None]:
    """Bulk work (the demo) leaves the files to be rendered when first asked for."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def ensure_letter_files(letter: Letter) -> Letter:
    """The letter with both files, rendering them now if they are not there yet (deferred,
    still queued, or a render that failed). Call before handing out ``docx`` or ``pdf``."""
    if not (letter.docx and letter.pdf):
        render_letter_files(letter.pk)
        letter.refresh_from_db()
    return letter


def letter_download(letter: Letter, fmt: str) -> FileResponse:
    """The letter's DOCX (``fmt="docx"``) or PDF as a download named after its case (or its
    §41 correction request), for the staff workspace and the API alike. The caller has
    checked that the user may read it."""
    letter = ensure_letter_files(letter)
    field = letter.docx if fmt == "docx" else letter.pdf
    name = f"{letter.owner_number}-{letter.title}.{fmt}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


def render_letter_files(letter_id: int) -> None:
    """(Re)write both files of one letter from its current text."""
    letter = Letter.objects.select_related("application", "correction_request").get(pk=letter_id)
    text = LetterText.from_data(letter.content)
    stem = f"{letter.kind}-{letter.pk}"
    for field, payload, suffix in (
        (letter.docx, docx_bytes(text), "docx"),
        (letter.pdf, pdf_bytes(text), "pdf"),
    ):
        if field:
            field.delete(save=False)
        field.save(f"{stem}.{suffix}", ContentFile(payload), save=False)
    letter.rendered_at = timezone.now()
    Letter.objects.filter(pk=letter.pk).update(
        docx=letter.docx.name, pdf=letter.pdf.name, rendered_at=letter.rendered_at
    )
    log.info("文书已生成：%s %s", letter.owner_number, letter.title)


def _run_font(run: object, name: str, size: float, bold: bool = False) -> None:
    font = run.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    # East Asian text uses the eastAsia font slot, which python-docx does not set itself.
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def docx_bytes(text: LetterText) -> bytes:
    text = text.printable()  # XML holds no control characters (text_hygiene)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def paragraph(
        content: str,
        *,
        size: float = 16,
        align: int | None = None,
        indent: bool = True,
        bold: bool = False,
        font: str = BODY_FONT,
    ) -> None:
        par = document.add_paragraph()
        if align is not None:
            par.alignment = align
        if indent:
            par.paragraph_format.first_line_indent = Pt(size * 2)
        _run_font(par.add_run(content), font, size, bold)

    paragraph(
        text.title,
        size=22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        bold=True,
        font=TITLE_FONT,
    )
    paragraph(text.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    paragraph(text.addressee, indent=False)
    for content in text.paragraphs:
        paragraph(content)
    for number, line in enumerate(text.attachment_lines):
        # 附件说明 under the body; the names of the second and later files line up (GB/T 9704).
        paragraph(("\u3000" * 3 if number else "") + line)
    paragraph(text.signer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    paragraph(chinese_date(text.dated), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    for note in text.notes:
        paragraph(note, size=12, indent=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: LetterText) -> bytes:
    from weasyprint import HTML  # imported late: loading it costs half a second

    result: bytes = HTML(string=letter_html(text)).write_pdf()
    return result
