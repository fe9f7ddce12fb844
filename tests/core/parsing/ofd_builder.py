"""A small OFD (GB/T 33190) writer for tests: a report laid out as positioned text and
ruled tables across A4 pages, the way an OFD converter prints one.

No package on PyPI writes OFD with both text and rulings (easyofd's PDF → OFD writes text
and images but no path objects, and needs PyMuPDF), so tests build their own. The layout
is the product's (``gongkai.core.rendering.layout``): title, preamble, the six sections
with 表二/表三/表四 under theirs, the signature. What it exercises in the reader:

- text objects with ``Boundary`` offsets, ``DeltaX`` both as plain lists and in the
  compressed "g n v" form, CJK and half-width advances;
- each table cell a closed rectangle path ("M … L … C"), every other one drawn at half
  size under a ``CTM`` of 2, so the reader must apply both the matrix and the offset;
- tables across pages: header rows repeated on the next page, a cell merged over rows
  cut by the break drawn as two closed boxes, its label in the first;
- page furniture: a running head with a rule in a template page, "- n -" page numbers.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from gongkai.core.rendering.layout import (
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

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 25.0, 185.0, 30.0, 265.0
BODY, TITLE, HEADING, CELL = 4.2, 6.5, 4.5, 3.0  # font sizes, mm
PAD = 1.0  # inside a table cell
_TOKEN = re.compile(r"[\x21-\x7e]+|.", re.S)


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def advance(ch: str, size: float) -> float:
    return size / 2 if ord(ch) < 0x2E80 else size


def width(text: str, size: float) -> float:
    return sum(advance(ch, size) for ch in text)


def wrap(text: str, room: float, size: float) -> list[str]:
    """Lines of at most ``room`` mm; a run of ASCII (a number, a word) is never cut."""
    lines: list[str] = [""]
    for token in _TOKEN.findall(text):
        if lines[-1] and width(lines[-1] + token, size) > room:
            lines.append(token.lstrip())
        else:
            lines[-1] += token
    return [line for line in lines if line] or [""]


def delta_x(text: str, size: float, compressed: bool) -> str:
    steps = [advance(ch, size) for ch in text[:-1]]
    if not compressed:
        return " ".join(_n(s) for s in steps)
    out: list[str] = []
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i]:
            j += 1
        out.append(f"g {j - i} {_n(steps[i])}" if j - i > 1 else _n(steps[i]))
        i = j
    return " ".join(out)


@dataclass
class _Pages:
    pages: list[list[str]] = field(default_factory=lambda: [[]])
    y: float = TOP
    ids: int = 10
    texts: int = 0
    boxes: int = 0

    def next_id(self) -> int:
        self.ids += 1
        return self.ids

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def room(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.new_page()

    def text(self, x: float, top: float, text: str, size: float, page: int = -1) -> None:
        if not text:
            return
        self.texts += 1
        deltas = delta_x(text, size, compressed=self.texts % 2 == 0)
        delta = f' DeltaX="{deltas}"' if deltas else ""
        self.pages[page].append(
            f'<ofd:TextObject ID="{self.next_id()}" Boundary="{_n(x)} {_n(top)} '
            f'{_n(width(text, size))} {_n(size * 1.2)}" Font="1" Size="{_n(size)}">'
            f'<ofd:TextCode X="0" Y="{_n(size * 0.9)}"{delta}>{escape(text)}</ofd:TextCode>'
            "</ofd:TextObject>"
        )

    def box(self, x: float, top: float, w: float, h: float, page: int) -> None:
        self.boxes += 1
        scale = 2.0 if self.boxes % 2 else 1.0  # half-size outline under CTM 2
        ctm = ' CTM="2 0 0 2 0 0"' if scale == 2.0 else ""
        sw, sh = _n(w / scale), _n(h / scale)
        self.pages[page].append(
            f'<ofd:PathObject ID="{self.next_id()}" Boundary="{_n(x)} {_n(top)} {_n(w)} {_n(h)}"'
            f'{ctm} LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {sw} 0 L {sw} {sh} '
            f"L 0 {sh} C</ofd:AbbreviatedData></ofd:PathObject>"
        )

    def paragraph(self, text: str, size: float = BODY, indent: bool = True) -> None:
        first = 2 * size if indent else 0.0
        for i, line in enumerate(wrap(text, RIGHT - LEFT - first, size)):
            self.room(size * 1.6)
            self.text(LEFT + (first if i == 0 else 0.0), self.y, line, size)
            self.y += size * 1.6

    def centred(self, text: str, size: float, right: bool = False) -> None:
        self.room(size * 1.6)
        x = RIGHT - width(text, size) if right else (PAGE_W - width(text, size)) / 2
        self.text(x, self.y, text, size)
        self.y += size * 1.6


@dataclass
class _Placed:
    spot: Spot
    row: int
    col: int


def _place(layout: TableLayout) -> list[_Placed]:
    """Each cell on its grid position, as a browser places rowspans and colspans."""
    taken: set[tuple[int, int]] = set()
    placed: list[_Placed] = []
    for r, cells in enumerate(layout.rows):
        c = 0
        for spot in cells:
            while (r, c) in taken:
                c += 1
            placed.append(_Placed(spot, r, c))
            taken |= {(r + i, c + j) for i in range(spot.rowspan) for j in range(spot.colspan)}
            c += spot.colspan
    return placed


def _fit(text: str, w: float, h: float) -> tuple[float, list[str]]:
    size = CELL
    lines = wrap(text, w - 2 * PAD, size)
    while len(lines) * size * 1.3 + 2 * PAD > h and size > 1.5:
        size *= 0.85
        lines = wrap(text, w - 2 * PAD, size)
    return size, lines


def _table(out: _Pages, layout: TableLayout) -> None:
    scale = (RIGHT - LEFT) / sum(layout.widths)
    xs = [LEFT]
    for w in layout.widths:
        xs.append(xs[-1] + w * scale)
    placed = _place(layout)
    heights = [7.0] * len(layout.rows)
    for p in sorted(placed, key=lambda p: p.spot.rowspan):
        w = xs[p.col + p.spot.colspan] - xs[p.col]
        need = len(wrap(p.spot.text, w - 2 * PAD, CELL)) * CELL * 1.3 + 2 * PAD
        rows = range(p.row, p.row + p.spot.rowspan)
        short = need - sum(heights[r] for r in rows)
        if short > 0:
            heights[rows[-1]] += short
    # where each row lands: (page, top); header rows again at the head of a new page
    header = layout.header_rows
    at: dict[int, tuple[int, float]] = {}
    repeats: list[tuple[int, float]] = []  # (page, top) of each repeated header block
    out.room(sum(heights[:header]) + (heights[header] if header < len(heights) else 0))
    for r, h in enumerate(heights):
        if r >= header and out.y + h > BOTTOM:
            out.new_page()
            if header:
                repeats.append((len(out.pages) - 1, out.y))
                out.y += sum(heights[:header])
        at[r] = (len(out.pages) - 1, out.y)
        out.y += h
    for p in placed:
        _cell(out, p, xs, heights, at)
    for page, top in repeats:
        shift = {r: (page, top + sum(heights[:r])) for r in range(header)}
        for p in placed:
            if p.row < header:
                _cell(out, p, xs, heights, shift)
    out.y += 4.0


def _cell(
    out: _Pages,
    p: _Placed,
    xs: list[float],
    heights: list[float],
    at: dict[int, tuple[int, float]],
) -> None:
    """A cell's box on every page its rows reach; its text in the first box."""
    x0, x1 = xs[p.col], xs[p.col + p.spot.colspan]
    segments: dict[int, tuple[float, float]] = {}
    for r in range(p.row, p.row + p.spot.rowspan):
        page, top = at[r]
        first = segments.get(page, (top, top))[0]
        segments[page] = (first, top + heights[r])
    for i, (page, (top, bottom)) in enumerate(segments.items()):
        out.box(x0, top, x1 - x0, bottom - top, page)
        if i or not p.spot.text:
            continue
        size, lines = _fit(p.spot.text, x1 - x0, bottom - top)
        y = top + (bottom - top - len(lines) * size * 1.3) / 2
        for line in lines:
            x = x0 + PAD if p.spot.align == "left" else x0 + (x1 - x0 - width(line, size)) / 2
            out.text(x, y + size * 0.15, line, size, page)
            y += size * 1.3


def report_ofd(report: AnnualReport, *, running_head: bool = True) -> bytes:
    """The report as an OFD package."""
    out = _Pages()
    for line in title_lines(report):
        out.centred(line, TITLE)
    out.y += 4.0
    for line in preamble(report):
        out.paragraph(line)
    tables = table_layouts(report)
    for key, heading, paragraphs in section_paragraphs(report):
        out.y += 2.0
        out.paragraph(heading, HEADING, indent=False)
        for text in paragraphs:
            out.paragraph(text)
        if key in tables:
            out.y += 2.0
            _table(out, tables[key])
    for line in signature_lines(report):
        out.centred(line, BODY, right=True)
    for number in range(1, len(out.pages) + 1):
        footer = f"- {number} -"
        out.text((PAGE_W - width(footer, 3.5)) / 2, 280.0, footer, 3.5, number - 1)
    head = report_title(report) if running_head and len(out.pages) > 1 else None
    return package(out.pages, title=report_title(report), head=head)


def package(pages: list[list[str]], *, title: str = "", head: str | None = None) -> bytes:
    """An OFD ZIP from each page's objects (XML strings), with a running head template."""
    ns = f'xmlns:ofd="{NS}"'
    files: dict[str, str] = {
        "OFD.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID><ofd:Title>{escape(title)}"
            "</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/PublicRes.xml": (
            f'<ofd:Res {ns} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="宋体" '
            'FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
        ),
    }
    template = ""
    use = ""
    if head is not None:
        template = '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
        use = '<ofd:Template TemplateID="2" ZOrder="Background"/>'
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
            f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="3">'
            f'<ofd:TextObject ID="4" Boundary="{_n(LEFT)} 12 160 4" Font="1" Size="3">'
            f'<ofd:TextCode X="0" Y="2.7" DeltaX="g {len(head) - 1} 3">{escape(head)}'
            '</ofd:TextCode></ofd:TextObject><ofd:PathObject ID="5" Boundary="25 18 160 1">'
            "<ofd:AbbreviatedData>M 0 0 L 160 0</ofd:AbbreviatedData></ofd:PathObject>"
            "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    listed = "".join(
        f'<ofd:Page ID="{1000 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
        for i in range(len(pages))
    )
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData>'
        "<ofd:MaxUnitID>99999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 "
        f"{_n(PAGE_W)} {_n(PAGE_H)}</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template}</ofd:CommonData>"
        f"<ofd:Pages>{listed}</ofd:Pages></ofd:Document>"
    )
    for i, objects in enumerate(pages):
        files[f"Doc_0/Pages/Page_{i}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}>{use}<ofd:Content>'
            f'<ofd:Layer ID="{2000 + i}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()
