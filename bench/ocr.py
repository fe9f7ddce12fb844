"""Benchmark: OCR of scanned 表三 and 表四 pages, cell for cell against the source data.

    python bench/ocr.py [--varied N] [--seed S]

Draws each seed report's 表三 and 表四 as a 150 dpi page (text and grid lines, merged cells
as the national format prints them), degrades it like a scan (0.5° rotation, slight blur,
gaussian noise), reads it back with :func:`gongkai.core.parsing.ocr_reader.read_image`, and
prints seconds per page and the share of cells read correctly. The seeds' tables are
mostly zeros, so ``--varied`` adds pages of the same reports with random multi-digit
figures (``bench.corpus.vary``). The page renderer here is also what the OCR tests use.
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, Finding

DPI = 150
PAGE_WIDTH = 1240  # A4 at 150 dpi
FONT_PX = 21  # 10.5 pt (五号) at 150 dpi
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)


class FontMissing(RuntimeError):
    pass


def cjk_font(size: int = FONT_PX) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK (Debian's fonts-noto-cjk); without it Pillow would draw empty boxes."""
    listed = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    if "noto sans cjk" not in listed.lower():
        raise FontMissing(
            "未找到 Noto Sans CJK 字体：请先安装 fonts-noto-cjk"
            "（apt-get install -y fonts-noto-cjk）。"
        )
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=2)  # index 2: the SC face
    path = next(line.split(":")[0] for line in listed.splitlines() if "Noto Sans CJK" in line)
    return ImageFont.truetype(path, size)


@dataclass
class GridCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"  # "center" | "left"


def _table3_grid(report: AnnualReport) -> tuple[list[int], list[GridCell]]:
    widths = [96, 132, 300] + [92] * 7
    cells = [
        GridCell(0, 0, L.T3_CORNER_NOTE, rowspan=3, colspan=3),
        GridCell(0, 3, L.SPEC["table3"]["column_group_label"], colspan=7),
        GridCell(1, 3, L.T3_COLUMN_LABELS["natural_person"], rowspan=2),
        GridCell(1, 4, L.SPEC["table3"]["org_group_label"], colspan=5),
        GridCell(1, 9, L.T3_COLUMN_LABELS["total"], rowspan=2),
    ]
    for i, col in enumerate(L.T3_COLUMNS[1:-1]):
        cells.append(GridCell(2, 4 + i, L.T3_COLUMN_LABELS[col]))
    rows = report.t3_rows
    first = 3
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(rows):
        r = first + i
        path = L.T3_ROW_PATHS.get(key, (L.t3_row_label(key),))
        if len(path) == 1:
            cells.append(GridCell(r, 0, path[0], colspan=3, align="left"))
        elif len(path) == 2:
            groups.setdefault(path[0], []).append(r)
            cells.append(GridCell(r, 1, path[1], colspan=2, align="left"))
        else:
            groups.setdefault(path[0], []).append(r)
            groups.setdefault(path[1], []).append(r)
            cells.append(GridCell(r, 2, path[2], align="left"))
        values = report.table3.get(key) or {}
        for j, col in enumerate(L.T3_COLUMNS):
            value = values.get(col)
            cells.append(GridCell(r, 3 + j, "" if value is None else str(value)))
    for text, members in groups.items():
        at = 0 if text.startswith("三、") else 1
        cells.append(GridCell(members[0], at, text, rowspan=len(members)))
    return widths, cells


def _table4_grid(report: AnnualReport) -> tuple[list[int], list[GridCell]]:
    widths = [77] * 15
    cells = [
        GridCell(0, 0, "行政复议", rowspan=2, colspan=5),
        GridCell(0, 5, "行政诉讼", colspan=10),
        GridCell(1, 5, "未经复议直接起诉", colspan=5),
        GridCell(1, 10, "复议后起诉", colspan=5),
    ]
    for block in range(3):
        for i, leaf in enumerate((*L.T4_LEAVES, "total")):
            cells.append(GridCell(2, block * 5 + i, L.T4_LEAF_LABELS[leaf]))
    for i, col in enumerate(L.T4_COLUMNS):
        value = report.table4.get(col)
        cells.append(GridCell(3, i, "" if value is None else str(value)))
    return widths, cells


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and font.getlength(current + ch) > width:
            lines.append(current)
            current = ch
        else:
            current += ch
    return [*lines, current] if current else lines or [""]


def _draw_grid(
    draw: ImageDraw.ImageDraw,
    font: ImageFont.FreeTypeFont,
    left: int,
    top: int,
    widths: list[int],
    cells: list[GridCell],
) -> int:
    """Draws the table; returns the y just below it."""
    pad = 8
    line_h = int(FONT_PX * 1.35)
    n_rows = max(c.row + c.rowspan for c in cells)
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    wrapped = {
        id(c): _wrap(c.text, font, xs[c.col + c.colspan] - xs[c.col] - 2 * pad) for c in cells
    }
    heights = [line_h + 2 * pad] * n_rows
    for c in sorted(cells, key=lambda c: c.rowspan):
        need = len(wrapped[id(c)]) * line_h + 2 * pad
        have = sum(heights[c.row : c.row + c.rowspan])
        if need > have:
            heights[c.row + c.rowspan - 1] += need - have
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    for c in cells:
        x0, x1 = xs[c.col], xs[c.col + c.colspan]
        y0, y1 = ys[c.row], ys[c.row + c.rowspan]
        draw.rectangle((x0, y0, x1, y1), outline=0, width=2)
        lines = wrapped[id(c)]
        ty = (y0 + y1) // 2 - len(lines) * line_h // 2
        for text in lines:
            tw = font.getlength(text)
            tx = x0 + pad if c.align == "left" else (x0 + x1 - tw) / 2
            draw.text((tx, ty + (line_h - FONT_PX) // 2), text, fill=0, font=font)
            ty += line_h
    return ys[-1]


def render_tables_page(report: AnnualReport) -> Image.Image:
    """表三 and 表四 of a report under their section headings, as a clean grayscale page."""
    font = cjk_font()
    heading = cjk_font(FONT_PX + 3)
    w3, c3 = _table3_grid(report)
    page = Image.new("L", (PAGE_WIDTH, 2400), 255)
    draw = ImageDraw.Draw(page)
    left = (PAGE_WIDTH - sum(w3)) // 2
    draw.text((left, 50), "三、收到和处理政府信息公开申请情况", fill=0, font=heading)
    y = _draw_grid(draw, font, left, 100, w3, c3)
    w4, c4 = _table4_grid(report)
    draw.text((left, y + 50), "四、政府信息公开行政复议、行政诉讼情况", fill=0, font=heading)
    y = _draw_grid(draw, font, (PAGE_WIDTH - sum(w4)) // 2, y + 100, w4, c4)
    return page.crop((0, 0, PAGE_WIDTH, y + 60))


def degrade(page: Image.Image, seed: int, angle: float = 0.5, noise: float = 12.0) -> Image.Image:
    """Like a scan: slightly rotated, slightly blurred, with gaussian noise."""
    import numpy as np

    rng = np.random.default_rng(seed)
    img = page.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    arr = np.asarray(img, dtype=np.float32) + rng.normal(0.0, noise, (img.height, img.width))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def encode(img: Image.Image, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, dpi=(DPI, DPI), **({"quality": 85} if fmt == "JPEG" else {}))
    return buf.getvalue()


def table_paths(report: AnnualReport) -> Iterator[str]:
    for row in report.t3_rows:
        yield from (f"table3.{row}.{c}" for c in L.T3_COLUMNS)
    yield from (f"table4.{c}" for c in L.T4_COLUMNS)


@dataclass
class PageResult:
    seconds: float
    cells: int
    wrong: list[tuple[str, object, object]]  # path, expected, read
    unflagged: list[str]  # wrong cells no finding points at
    report: AnnualReport


def flagged(path: str, findings: list[Finding]) -> bool:
    row = path.rsplit(".", 1)[0]
    return any(path in f.where or row in f.where for f in findings)


def ocr_page(expected: AnnualReport, seed: int, fmt: str = "PNG") -> PageResult:
    from gongkai.core.parsing.read import read_report

    data = encode(degrade(render_tables_page(expected), seed), fmt)
    start = time.perf_counter()
    report = read_report(data, f"page-{seed}.{fmt.lower()}")
    seconds = time.perf_counter() - start
    wrong = [
        (p, expected.get(p), report.get(p))
        for p in table_paths(expected)
        if expected.get(p) != report.get(p)
    ]
    unflagged = [p for p, _, _ in wrong if not flagged(p, report.findings)]
    return PageResult(seconds, sum(1 for _ in table_paths(expected)), wrong, unflagged, report)


def main() -> None:
    from bench.corpus import seed_reports, vary

    parser = argparse.ArgumentParser()
    parser.add_argument("--varied", type=int, default=5, help="pages with random figures")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    seeds = seed_reports()
    rng = random.Random(args.seed)
    pages = [("seed", r) for r in seeds]
    pages += [("varied", vary(seeds[i % len(seeds)], rng)) for i in range(args.varied)]
    from gongkai.core.parsing.ocr_reader import engine

    t0 = time.perf_counter()
    engine()
    print(f"engine start: {time.perf_counter() - t0:.2f} s")
    totals: dict[str, list[PageResult]] = {}
    for i, (kind, report) in enumerate(pages):
        result = ocr_page(report, seed=i)
        totals.setdefault(kind, []).append(result)
        print(
            f"{kind} page {i}: {result.seconds:.2f} s, "
            f"{result.cells - len(result.wrong)}/{result.cells} cells right"
            + "".join(f"\n  wrong {p}: {e!r} → {g!r}" for p, e, g in result.wrong)
            + (f"\n  UNFLAGGED: {result.unflagged}" if result.unflagged else "")
        )
    for kind, results in totals.items():
        cells = sum(r.cells for r in results)
        right = cells - sum(len(r.wrong) for r in results)
        secs = [r.seconds for r in results]
        print(
            f"{kind}: {len(results)} pages, {sum(secs) / len(secs):.2f} s/page "
            f"(max {max(secs):.2f}), cells right {right}/{cells} = {right / cells:.2%}, "
            f"wrong cells without a finding: {sum(len(r.unflagged) for r in results)}"
        )


if __name__ == "__main__":
    main()
