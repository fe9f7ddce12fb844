"""Benchmark: whole reports as scans, read cell for cell.

    python bench/scans.py [--maker product|libreoffice] [--only seeds|huaian] [--workers N]

Each of the five seed reports is made into a PDF (the product's ``render_pdf`` when it
exists, else LibreOffice, see ``bench/sources.py``), and the 淮安 2024 PDF is taken as
published. Every page is rendered at 150 dpi, degraded like a scan (a slight rotation,
blur, speckle, and JPEG compression on every other page), and the pages are put together
as an image-only PDF, which ``read_report`` reads through OCR. Every cell of 表二, 表三 and
表四 is compared with the source: the seed's data, or the 淮安 PDF read by its text layer.
Prints per document the pages, seconds, cells right, and each wrong cell with the finding
that points at it (OCR-LOW-CONFIDENCE, OCR-CORRECTION or a failed check) or UNFLAGGED.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

import numpy as np
from PIL import Image, ImageFilter

from bench.ocr import flagged
from gongkai.core.errors import InputError
from gongkai.core.report.model import AnnualReport, cell_paths

DPI = 150
HUAIAN = Path(__file__).parents[1] / "tests" / "fixtures" / "documents"
HUAIAN_PDF = HUAIAN / "huaian-2024-annual-report.pdf"


def scan_like(page: Image.Image, seed: int) -> Image.Image:
    """Mild scanner damage: rotation up to ±0.8°, blur, speckle, grey noise; JPEG on odd
    seeds (what copiers send by mail)."""
    rng = np.random.default_rng(seed)
    angle = float(rng.uniform(-0.8, 0.8))
    img = page.convert("L").rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.4, 0.7))))
    arr = np.asarray(img, dtype=np.float32) + rng.normal(0.0, 8.0, (img.height, img.width))
    speckle = rng.random((img.height, img.width))
    arr[speckle < 0.0008] = 0.0  # dust
    arr[speckle > 0.9992] = 255.0  # drop-outs
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if seed % 2:
        buf = io.BytesIO()
        out.save(buf, format="JPEG", quality=75)
        out = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return out


def scanned_pdf(pdf: bytes, seed: int) -> tuple[bytes, int]:
    """The PDF's pages as a scan: an image-only PDF at 150 dpi; and its page count."""
    from bench.sources import to_images

    pages = [scan_like(img, seed * 100 + i) for i, img in enumerate(to_images(pdf, DPI))]
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return buf.getvalue(), len(pages)


@dataclass
class Result:
    name: str
    pages: int
    seconds: float
    cells: int
    wrong: list[tuple[str, object, object, str]]  # path, expected, read, the finding or ""


def read_scan(name: str, pdf: bytes, expected: AnnualReport, seed: int) -> Result:
    from gongkai.core.parsing.read import read_report

    scan, pages = scanned_pdf(pdf, seed)
    start = time.perf_counter()
    paths = cell_paths(expected)
    try:
        got = read_report(scan, f"{name}-scan.pdf")
    except InputError as exc:  # counted as every cell wrong, and said why
        unread = [(p, expected.get(p), None, f"UNREADABLE: {exc}") for p in paths]
        return Result(name, pages, time.perf_counter() - start, len(paths), unread)
    seconds = time.perf_counter() - start
    wrong = []
    for path in paths:
        if expected.get(path) != got.get(path):
            rules = [f.rule for f in got.findings if flagged(path, [f])]
            wrong.append((path, expected.get(path), got.get(path), ",".join(rules)))
    return Result(name, pages, seconds, len(paths), wrong)


def documents(maker: str | None, only: str | None) -> list[tuple[str, bytes, AnnualReport]]:
    from bench.corpus import seed_reports
    from bench.sources import make, makers
    from gongkai.core.parsing.read import read_report

    docs = []
    if only in (None, "seeds"):
        seeds = seed_reports()
        chosen = maker or makers("pdf")[0]
        for i, pdf in enumerate(make(seeds, "pdf", chosen)):
            docs.append((f"seed{i}-{chosen}", pdf, seeds[i]))
    if only in (None, "huaian"):
        data = HUAIAN_PDF.read_bytes()
        docs.append(("huaian-2024", data, read_report(data)))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--maker", choices=["product", "libreoffice"])
    parser.add_argument("--only", choices=["seeds", "huaian"])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    docs = documents(args.maker, args.only)
    jobs = [(name, pdf, expected, i + 1) for i, (name, pdf, expected) in enumerate(docs)]
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(read_scan, *zip(*jobs, strict=True)))
    for r in results:
        print(
            f"{r.name}: {r.pages} pages, {r.seconds:.1f} s ({r.seconds / r.pages:.1f} s/page), "
            f"{r.cells - len(r.wrong)}/{r.cells} cells right"
        )
        for path, exp, got, rules in r.wrong:
            print(f"  wrong {path}: {exp!r} → {got!r}  [{rules or 'UNFLAGGED'}]")
    cells = sum(r.cells for r in results)
    right = cells - sum(len(r.wrong) for r in results)
    unflagged = sum(1 for r in results for w in r.wrong if not w[3])
    pages = sum(r.pages for r in results)
    seconds = sum(r.seconds for r in results)
    print(
        f"all: {len(results)} documents, {pages} pages, {seconds / pages:.1f} s/page; "
        f"cells right {right}/{cells} = {right / cells:.2%}; "
        f"wrong cells without a finding: {unflagged}"
    )


if __name__ == "__main__":
    main()
