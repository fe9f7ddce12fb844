"""DOCX and PDF files of a fee notice, rendered from its stored text (a background job).

The text is the record (``FeeNotice.content``, written in the step's transaction); the files
are derived from it, so a failed rendering loses nothing and is simply run again.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.core.fees.notice import FeeNoticeText, chinese_date, notice_html
from gongkai.web.fees.models import FeeNotice

BODY_FONT = "Noto Serif CJK SC"
TITLE_FONT = "Noto Sans CJK SC"


def _run(paragraph: object, text: str, *, size: int = 16, font: str = BODY_FONT) -> None:
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.font.size = Pt(size)
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def notice_docx(text: FeeNoticeText) -> bytes:
    document = Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, text.title, size=20, font=TITLE_FONT)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, text.number)
    _run(document.add_paragraph(), text.addressee)
    for body in text.paragraphs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        _run(paragraph, body)
    for line in (text.signer, chinese_date(text.dated)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(paragraph, line)
    for note in text.notes:
        _run(document.add_paragraph(), note, size=12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def notice_pdf(text: FeeNoticeText) -> bytes:
    from weasyprint import HTML  # imported late: loading it costs a second

    pdf: bytes = HTML(string=notice_html(text)).write_pdf()
    return pdf


def render_notice_files(notice_id: int) -> None:
    """The job ``fees.render_notice``: fill in the notice's DOCX and PDF."""
    notice = FeeNotice.objects.get(pk=notice_id)
    text = FeeNoticeText.from_data(notice.content)
    FeeNotice.objects.filter(pk=notice_id).update(docx=notice_docx(text), pdf=notice_pdf(text))
