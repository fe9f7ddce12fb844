"""What a crawler keeps of a report's web page: a header it writes itself, then the article
body with every tag stripped, table cells run together with nothing between them.

``oneline``: the whole body on one line. ``multiline``: a line per paragraph and table row.
Variants, as collected pages show them:

- ``squeezed``: every space, tab and line break removed (cells fully glued);
- ``stray-spaces``: some table rows keep the whitespace their cells had ("5 0 0 0 0 0 5");
- ``blank-space``: a cell printed empty becomes one space (the report gets empty cells).
"""

from __future__ import annotations

import hashlib
import random
import re

from bench.degrade.document import Paragraph, Table, blocks
from gongkai.core.rendering.layout import VALUE, Spot
from gongkai.core.report.model import AnnualReport

VARIANTS = ("squeezed", "stray-spaces", "blank-space")
_HEADERS = (
    ("标题:{title}", "URL:http://example.invalid/{slug}.html", "发布时间:{date}", "==== 正文 ===="),
    ("title: {title}", "url: http://example.invalid/art/{slug}.shtml", "----"),
    ("【标题】{title}", "【来源】http://example.invalid/{slug}", "【发布日期】{date}", "【正文】"),
)


def header(report: AnnualReport, rng: random.Random) -> list[str]:
    title = report.title or f"{report.agency or ''}{report.year or ''}年政府信息公开工作年度报告"
    slug = hashlib.sha1(title.encode()).hexdigest()[:12]
    date = report.publication_date.isoformat() if report.publication_date else ""
    lines = rng.choice(_HEADERS)
    return [x.format(title=title, slug=slug, date=date) for x in lines]


def _row_text(row: tuple[Spot, ...], variant: str, spaced: bool) -> str:
    cells = []
    for spot in row:
        text = spot.text
        if variant == "blank-space" and spot.role == VALUE and not text:
            text = " "
        cells.append(text)
    if spaced:
        return " ".join(cells)
    return "".join(cells)


def body_lines(report: AnnualReport, rng: random.Random, variant: str) -> list[str]:
    """One string per paragraph and table row, cells glued as the variant has them."""
    lines = []
    for block in blocks(report):
        if isinstance(block, Paragraph):
            text = block.text
            lines.append(re.sub(r"\s+", "", text) if variant == "squeezed" else text)
            continue
        assert isinstance(block, Table)
        for row in block.rows:
            spaced = variant == "stray-spaces" and rng.random() < 0.35
            text = _row_text(row, variant, spaced)
            if variant == "squeezed":
                text = re.sub(r"\s+", "", text)
            lines.append(text)
    return lines


def oneline(report: AnnualReport, rng: random.Random, variant: str) -> str:
    head = header(report, rng)
    joiner = "" if variant == "squeezed" else rng.choice(("", " "))
    body = joiner.join(body_lines(report, rng, variant))
    return "\n".join([*head, body]) + "\n"


def multiline(report: AnnualReport, rng: random.Random, variant: str) -> str:
    head = header(report, rng)
    return "\n".join([*head, *body_lines(report, rng, variant)]) + "\n"
