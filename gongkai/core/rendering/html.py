"""A report as a standalone, accessible HTML page in the official layout.

The tables come from :mod:`gongkai.core.rendering.layout` (merged header cells as in the
official template); header cells are ``th`` with ``scope``, each table is labelled by its
section heading, and the page needs no script or external file. ``render_html`` is the
screen page; :func:`html_page` with another stylesheet is the page the PDF is printed from.
"""

from __future__ import annotations

from html import escape

from gongkai.core.rendering.draft import DRAFT_MARK, DRAFT_NOTE, draft_title
from gongkai.core.rendering.layout import (
    CAPTION,
    HEAD,
    LABEL,
    NOTE,
    Spot,
    TableLayout,
    preamble,
    report_title,
    section_paragraphs,
    signature_lines,
    table_layouts,
    title_lines,
)
from gongkai.core.report.model import AnnualReport

SCREEN_STYLE = """
body{font-family:'Noto Serif CJK SC','FangSong','仿宋',serif;max-width:62rem;margin:2rem auto;
padding:0 1rem;line-height:1.8;color:#111}
h1{text-align:center;font-size:1.6rem;line-height:1.4}
h2{font-family:'Noto Sans CJK SC','SimHei','黑体',sans-serif;font-size:1.15rem;margin-top:2rem}
p{text-indent:2em;margin:.4rem 0}
p.signature{text-align:right;text-indent:0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-family:'Noto Serif CJK SC',serif}
td,th{border:1px solid #333;padding:.2rem .35rem;text-align:center;font-size:.9rem;
font-weight:normal}
th.caption{background:#c6d9f1;text-align:left}
th.note{font-family:'Noto Sans CJK SC','KaiTi','楷体',sans-serif;text-align:left;font-size:.8rem}
th.left{text-align:left}
"""

# A draft's watermark: fixed, so a browser and WeasyPrint draw it on every screen and page;
# behind the text and out of the accessibility tree (the note above the title says it).
DRAFT_STYLE = """
.draft-mark{position:fixed;top:40%;left:0;right:0;text-align:center;font-size:9rem;
font-family:'Noto Sans CJK SC',sans-serif;color:rgba(180,35,24,.14);transform:rotate(-30deg);
z-index:-1;pointer-events:none}
p.draft-note{text-indent:0;border:2px solid #b42318;color:#b42318;padding:.3rem .6rem}
"""


def render_html(report: AnnualReport, *, draft: bool = False) -> str:
    """The report as one HTML page for the screen (no script, no external resources);
    ``draft`` marks it 草稿 (:mod:`gongkai.core.rendering.draft`)."""
    return html_page(report, SCREEN_STYLE, draft=draft)


def html_page(report: AnnualReport, style: str, *, draft: bool = False) -> str:
    title = report_title(report)
    if draft:
        title, style = draft_title(title), DRAFT_STYLE + style  # ``style`` may adjust it
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{style}</style></head>",
        "<body><main>",
    ]
    if draft:
        parts.append(f'<div class="draft-mark" aria-hidden="true">{DRAFT_MARK}</div>')
        parts.append(f'<p class="draft-note" role="note">{escape(DRAFT_NOTE)}</p>')
    parts.append(f"<h1>{'<br>'.join(escape(t) for t in title_lines(report))}</h1>")
    parts += [f"<p>{escape(line)}</p>" for line in preamble(report)]
    tables = table_layouts(report)
    for number, (key, heading, paragraphs) in enumerate(section_paragraphs(report), start=1):
        heading_id = f"section-{number}"
        parts.append(f'<h2 id="{heading_id}">{escape(heading)}</h2>')
        parts += [f"<p>{escape(p)}</p>" for p in paragraphs]
        if key in tables:
            parts.append(table_html(tables[key], heading_id))
    parts += [f'<p class="signature">{escape(line)}</p>' for line in signature_lines(report)]
    parts.append("</main></body></html>")
    return "\n".join(parts)


def table_html(layout: TableLayout, labelled_by: str | None = None) -> str:
    label = f' aria-labelledby="{labelled_by}"' if labelled_by else ""
    head = [_row(cells) for cells in layout.rows[: layout.header_rows]]
    body = [_row(cells) for cells in layout.rows[layout.header_rows :]]
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    total = sum(layout.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in layout.widths)
    return (
        f'<div class="table-wrap"><table class="{layout.key}"{label}>'
        f"<colgroup>{cols}</colgroup>{thead}<tbody>{''.join(body)}</tbody></table></div>"
    )


def _row(cells: tuple[Spot, ...]) -> str:
    return "<tr>" + "".join(_cell(spot) for spot in cells) + "</tr>"


def _cell(spot: Spot) -> str:
    attrs = ""
    if spot.rowspan > 1:
        attrs += f' rowspan="{spot.rowspan}"'
    if spot.colspan > 1:
        attrs += f' colspan="{spot.colspan}"'
    text = escape(spot.text)
    if spot.role in (HEAD, NOTE, CAPTION):
        scope = "colgroup" if spot.colspan > 1 else "col"
        classes = {CAPTION: "caption", NOTE: "note"}.get(spot.role, "")
        cls = f' class="{classes}"' if classes else ""
        return f'<th scope="{scope}"{cls}{attrs}>{text}</th>'
    if spot.role == LABEL:
        scope = "rowgroup" if spot.rowspan > 1 else "row"
        cls = ' class="left"' if spot.align == "left" else ""
        return f'<th scope="{scope}"{cls}{attrs}>{text}</th>'
    return f"<td{attrs}>{text}</td>"
