"""Degraded layouts: a report as the world sends it to researchers.

``degrade(report, family, seed)`` writes one report in a *layout family* (crawler text,
converter markdown) and returns the bytes with the report they must read back to (the
family may change the report: printed-empty cells, the 2019 format). ``degrade_batch``
does the same for the LibreOffice and markitdown families, a batch per LibreOffice run.
Deterministic: the same report, family, seed and variant give the same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.degrade import converter, crawler, office
from bench.degrade.formats import to_2019, with_blanks
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport

TEXT_FAMILIES: dict[str, tuple[str, ...]] = {
    "crawler-oneline": crawler.VARIANTS,
    "crawler-multiline": crawler.VARIANTS,
    "markdown-converter": converter.VARIANTS,
}
BATCH_FAMILIES = ("libreoffice-docx", "libreoffice-pdf", "markitdown-pdf", "markitdown-lo-pdf")
FORMATS = (L.FORMAT_2021, L.FORMAT_2019)


@dataclass
class Degraded:
    family: str
    variant: str
    data: bytes
    expected: AnnualReport


def prepare(report: AnnualReport, fmt: str, rng: random.Random) -> AnnualReport:
    """The report in ``fmt`` (a 2021 report is turned into a 2019 one)."""
    if fmt == L.FORMAT_2019 and report.format != L.FORMAT_2019:
        return to_2019(report, rng)
    return report


def degrade(
    report: AnnualReport,
    family: str,
    seed: int,
    variant: str | None = None,
    fmt: str | None = None,
) -> Degraded:
    """``report`` in a text layout family; ``variant`` None: one drawn from the seed."""
    if family not in TEXT_FAMILIES:
        raise ValueError(f"unknown text family {family!r}")
    rng = random.Random(f"{family}:{seed}")
    variant = variant or rng.choice(TEXT_FAMILIES[family])
    expected = prepare(report, fmt or report.format, rng)
    if variant == "blank-space":
        expected = with_blanks(expected, rng, rng.randint(1, 6))
    if family == "crawler-oneline":
        text = crawler.oneline(expected, rng, variant)
    elif family == "crawler-multiline":
        text = crawler.multiline(expected, rng, variant)
    else:
        text = converter.markdown(expected, rng, variant)
    return Degraded(family, variant, text.encode("utf-8"), expected)


def degrade_batch(reports: list[AnnualReport], family: str) -> list[Degraded]:
    """The LibreOffice and markitdown families, over a batch of reports."""
    if family in ("libreoffice-docx", "libreoffice-pdf"):
        fmt = family.split("-")[1]
        files = office.libreoffice(reports, fmt)
        return [Degraded(family, fmt, f, r) for f, r in zip(files, reports, strict=True)]
    if family == "markitdown-pdf":
        from gongkai.core.rendering.pdf import render_pdf

        pdfs = [render_pdf(r) for r in reports]
    elif family == "markitdown-lo-pdf":
        pdfs = office.libreoffice(reports, "pdf")
    else:
        raise ValueError(f"unknown family {family!r}")
    texts = [office.markitdown_text(p) for p in pdfs]
    return [
        Degraded(family, "markitdown", t.encode("utf-8"), r)
        for t, r in zip(texts, reports, strict=True)
    ]
