"""A report as a Word document (DOCX) in the official layout.

Built on the blank official template itself (its styles, fonts, page size and settings):
the body is replaced by the report's title, preamble, six sections and the three tables,
drawn from :mod:`gongkai.core.rendering.layout` with the template's merges (``gridSpan``
across, ``vMerge`` restart/continue down), column widths, shading and cell fonts. Text is
set in 仿宋_GB2312 (headings 黑体, title 宋体, tables 宋体 and 楷体 as in the template) with
the East-Asian font named explicitly, on A4 with the margins of GB/T 9704.

The output is deterministic: fixed document properties (dated the publication date),
no editing-session ids, and a ZIP written with fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from gongkai.core.rendering.draft import DRAFT_MARK, DRAFT_NOTE, draft_title
from gongkai.core.rendering.layout import (
    CAPTION,
    NOTE,
    VALUE,
    Spot,
    TableLayout,
    preamble,
    report_title,
    section_paragraphs,
    signature_lines,
    table_layouts,
    title_lines,
)
from gongkai.core.rendering.zipfix import normalized_zip
from gongkai.core.report.model import AnnualReport

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
TEMPLATE = "official-format-blank-template.docx"
CUSTOM_PROPERTIES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)

# A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twips.
PAGE = {"w": 11906, "h": 16838, "top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
TEXT_WIDTH = PAGE["w"] - PAGE["left"] - PAGE["right"]
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

# No extra gap between Chinese and digits: a text extractor would read it as a space
# ("东路 2006 号"); official documents are set without it.
NO_AUTOSPACE = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>gongkai</Application></Properties>"
)
BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "宋体"
TABLE_FONT, NOTE_FONT = "宋体", "楷体"


def render_docx(report: AnnualReport, *, draft: bool = False) -> bytes:
    """The report as DOCX bytes; the same report always gives the same bytes. ``draft``
    adds Word's watermark 草稿 on every page and a note above the title."""
    import docx

    template = resources.files(__package__).joinpath(TEMPLATE).read_bytes()
    document = docx.Document(io.BytesIO(template))
    body = document.element.body
    section_properties = body.find(f"{W}sectPr")
    for child in list(body):
        body.remove(child)
    if draft:
        body.append(_paragraph(DRAFT_NOTE, HEADING_FONT, 24, align="left"))
    for element in _body_elements(report):
        body.append(element)
    body.append(section_properties)
    _page_setup(document)
    if draft:
        _watermark(document)
    _properties(document, report, draft=draft)
    out = io.BytesIO()
    document.save(out)
    # The template's app.xml names the editor it was saved with and its page count.
    return normalized_zip(out.getvalue(), {"docProps/app.xml": APP_PROPERTIES})


def _body_elements(report: AnnualReport) -> list[Any]:
    title = _paragraph("", TITLE_FONT, 44, bold=True, align="center")
    for number, line in enumerate(title_lines(report)):
        if number:
            title.append(_xml(f'<w:r xmlns:w="{W_NS}"><w:br/></w:r>'))
        title.append(_run(line, TITLE_FONT, 44, bold=True))
    elements = [title]
    elements += [_paragraph(line, indent=True) for line in preamble(report)]
    tables = table_layouts(report)
    for key, heading, paragraphs in section_paragraphs(report):
        elements.append(_paragraph(heading, HEADING_FONT, keep_next=True, indent=True))
        elements += [_paragraph(text, indent=True) for text in paragraphs]
        if key in tables:
            elements.append(_table(tables[key]))
            elements.append(_paragraph(""))  # Word needs a paragraph between two tables
    elements += [_paragraph(line, align="right") for line in signature_lines(report)]
    return elements


def _xml(text: str) -> Any:
    from docx.oxml import parse_xml

    return parse_xml(text)


def _run_properties(font: str, size: int, *, bold: bool = False) -> str:
    fonts = (
        f'<w:rFonts w:hint="eastAsia" w:ascii="{font}" w:hAnsi="{font}" '
        f'w:eastAsia="{font}" w:cs="{font}"/>'
    )
    weight = "<w:b/><w:bCs/>" if bold else ""
    return (
        f"<w:rPr>{fonts}{weight}<w:kern w:val='0'/><w:sz w:val='{size}'/>"
        f"<w:szCs w:val='{size}'/><w:lang w:val='en-US' w:eastAsia='zh-CN'/></w:rPr>"
    )


def _run_xml(text: str, font: str, size: int, *, bold: bool = False) -> str:
    props = _run_properties(font, size, bold=bold)
    return f"<w:r>{props}<w:t xml:space='preserve'>{escape(text)}</w:t></w:r>"


def _run(text: str, font: str, size: int, *, bold: bool = False) -> Any:
    return _xml(
        _run_xml(text, font, size, bold=bold).replace("<w:r>", f'<w:r xmlns:w="{W_NS}">', 1)
    )


def _paragraph(
    text: str,
    font: str = BODY_FONT,
    size: int = 32,
    *,
    bold: bool = False,
    align: str = "both",
    indent: bool = False,
    keep_next: bool = False,
) -> Any:
    """A paragraph of 三号 (16 pt) text on a 28 pt line, first line indented two characters."""
    first_line = '<w:ind w:firstLineChars="200" w:firstLine="640"/>' if indent else ""
    keep = "<w:keepNext/>" if keep_next else ""
    run = _run_xml(text, font, size, bold=bold)
    return _xml(
        f'<w:p xmlns:w="{W_NS}"><w:pPr>{keep}<w:widowControl/>{NO_AUTOSPACE}'
        f'<w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/>'
        f'{first_line}<w:jc w:val="{align}"/></w:pPr>{run if text else ""}</w:p>'
    )


def _widths(layout: TableLayout) -> list[int]:
    """The template's column widths scaled to the text width; the last takes the rest."""
    total = sum(layout.widths)
    widths = [w * TEXT_WIDTH // total for w in layout.widths]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def _table(layout: TableLayout) -> Any:
    widths = _widths(layout)
    border = '<w:{side} w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = "".join(_rows(layout, widths))
    return _xml(
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'
    )


def _rows(layout: TableLayout, widths: list[int]) -> list[str]:
    """``w:tr`` elements; a cell merged down from above is written as a vMerge continuation."""
    below: dict[int, tuple[Spot, int]] = {}  # grid column → (merged cell, last row it covers)
    out = []
    for r, spots in enumerate(layout.rows):
        cells: list[str] = []
        pending = list(spots)
        c = 0
        while c < layout.columns:
            above = below.get(c)
            if above is not None and above[1] >= r:
                spot = above[0]
                cells.append(_cell(spot, widths[c : c + spot.colspan], merge="continue"))
            elif pending:
                spot = pending.pop(0)
                merge = "restart" if spot.rowspan > 1 else None
                if merge:
                    below[c] = (spot, r + spot.rowspan - 1)
                cells.append(_cell(spot, widths[c : c + spot.colspan], merge=merge))
            else:
                break
            c += spot.colspan
        header = "<w:tblHeader/>" if r < layout.header_rows else ""
        height = 340 if layout.key == "table2" else 400
        out.append(
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="atLeast"/>'
            f'{header}<w:jc w:val="center"/></w:trPr>{"".join(cells)}</w:tr>'
        )
    return out


def _cell(spot: Spot, widths: list[int], merge: str | None) -> str:
    span = f'<w:gridSpan w:val="{spot.colspan}"/>' if spot.colspan > 1 else ""
    vmerge = ""
    if merge == "restart":
        vmerge = '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        vmerge = "<w:vMerge/>"
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="C6D9F1"/>' if spot.role == CAPTION else ""
    text = "" if merge == "continue" else spot.text
    font = NOTE_FONT if spot.role == NOTE else TABLE_FONT
    run = _run_xml(text, font, 20) if text else ""
    align = "center" if spot.role == VALUE else spot.align
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/>{span}{vmerge}{shade}'
        f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:widowControl/>{NO_AUTOSPACE}'
        f'<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f'<w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>'
    )


def _page_setup(document: Any) -> None:
    from docx.oxml import parse_xml
    from docx.shared import Twips

    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE["w"]), Twips(PAGE["h"])
    section.top_margin, section.bottom_margin = Twips(PAGE["top"]), Twips(PAGE["bottom"])
    section.left_margin, section.right_margin = Twips(PAGE["left"]), Twips(PAGE["right"])
    # Page numbers as official documents print them: "— 1 —", centred in the footer. The
    # field's runs carry the same font and size, so the number sits on the dashes' line.
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    props = _run_properties(TABLE_FONT, 28)
    runs = (
        "<w:t xml:space='preserve'>— </w:t>",
        '<w:fldChar w:fldCharType="begin"/>',
        "<w:instrText xml:space='preserve'> PAGE </w:instrText>",
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
        "<w:t xml:space='preserve'> —</w:t>",
    )
    for content in runs:
        footer._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}">{props}{content}</w:r>'))


# Word's own watermark: a WordArt text path in the page header, centred on the page behind
# the text, as 设计 › 水印 makes it (Word, WPS and LibreOffice show it on every page).
_WATERMARK = (
    '<w:r xmlns:w="{w}" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
    '<v:textpath on="t" fitshape="t"/></v:shapetype>'
    '<v:shape id="DraftWatermark" o:spid="_x0000_s1025" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:400pt;height:160pt;'
    "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#e8b4b0" '
    'stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/>'
    "</v:shape></w:pict></w:r>"
)


def _watermark(document: Any) -> None:
    header = document.sections[0].header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph._p.append(_xml(_WATERMARK.format(w=W_NS, font=HEADING_FONT, text=DRAFT_MARK)))


def _properties(document: Any, report: AnnualReport, *, draft: bool = False) -> None:
    """Fixed metadata (no author of the template, no editor ids), dated the publication day."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == CUSTOM_PROPERTIES:
            del package.rels[rel_id]
    day = report.publication_date
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) if day else EPOCH
    props = document.core_properties
    props.title = draft_title(report_title(report)) if draft else report_title(report)
    if draft:
        props.keywords = DRAFT_MARK
    props.author = report.agency or ""
    props.last_modified_by = report.agency or ""
    props.subject = "政府信息公开工作年度报告"
    props.created = props.modified = stamp
    props.revision = 1
