"""Benchmark: reading throughput per format — reports/s per core, peak memory, and the
speed-up from one worker process to two.

    python bench/formats.py [--count 200] [--scans 2] [--formats text,html,docx,pdf,scan]

The corpus is the seed reports with new figures (``bench.corpus``), rendered as text and
HTML by the product, as DOCX and PDF by every maker available (the product's renderers
when they exist, LibreOffice: ``bench/sources.py``), the published 淮安 PDF (WPS) read
``--count`` times, and as scans (a PDF's pages at
150 dpi with scanner noise: ``bench/scans.py``). Each measurement runs in a fresh process
(``--measure``), so that its peak RSS is its own: one worker reads every file in turn
(reports/s per core), then a pool of two workers does the same (the speed-up). The time
is ``read_report`` on the file's bytes: sniffing, reading, interpreting and checking.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

ROOT = Path(__file__).parents[1]


def _read(path: str) -> int:
    from gongkai.core.parsing.read import read_report

    report = read_report(Path(path).read_bytes(), path)
    return len(report.findings)


def _warm(scans: bool) -> None:
    """Imports, and the OCR engine for scans: a process' start, not the corpus' cost."""
    from gongkai.core.parsing.read import report_from_text

    report_from_text("")
    if scans:
        from gongkai.core.parsing.ocr_reader import engine

        engine()


def measure(folder: Path, workers: int) -> dict[str, float]:
    """Run in a fresh process: read every file of ``folder`` with ``workers`` processes."""
    files = sorted(str(p) for p in folder.iterdir())
    scans = folder.name == "scan"
    _warm(scans)
    cpu = time.process_time()
    start = time.perf_counter()
    if workers == 1:
        for f in files:
            _read(f)
    else:
        with Pool(workers, initializer=_warm, initargs=(scans,)) as pool:
            start = time.perf_counter()
            pool.map(_read, files, chunksize=max(1, len(files) // (8 * workers)))
    seconds = time.perf_counter() - start
    return {
        "files": len(files),
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,  # this process only: 1 worker
        "peak_mib": _peak_mib(),
    }


def _peak_mib() -> float:
    """This process' peak RSS (VmHWM: unlike ru_maxrss it does not carry the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(folder: Path, count: int, scans: int, formats: list[str]) -> dict[str, Path]:
    """One sub-folder per format (and maker) holding its files."""
    import random

    from bench.corpus import LAYOUTS, seed_reports, vary
    from bench.scans import scanned_pdf
    from bench.sources import make, makers
    from gongkai.core.rendering.html import render_html
    from gongkai.core.rendering.text import render_text

    rng = random.Random(7)
    seeds = seed_reports()
    reports = [vary(seeds[i % len(seeds)], rng) for i in range(count)]
    out: dict[str, Path] = {}

    def write(name: str, items: list[bytes], suffix: str) -> None:
        target = folder / name
        target.mkdir()
        for i, data in enumerate(items):
            (target / f"{i:05d}.{suffix}").write_bytes(data)
        out[name] = target

    if "text" in formats:
        texts = [render_text(r, LAYOUTS[i % len(LAYOUTS)]) for i, r in enumerate(reports)]
        write("text", [t.encode("utf-8") for t in texts], "txt")
    if "html" in formats:
        write("html", [render_html(r).encode("utf-8") for r in reports], "html")
    pdfs: list[bytes] = []
    for fmt in ("docx", "pdf"):
        if fmt not in formats and not (fmt == "pdf" and "scan" in formats):
            continue
        for maker in makers(fmt):
            t0 = time.perf_counter()
            made = make(reports, fmt, maker)
            print(f"made {len(made)} {fmt} ({maker}) in {time.perf_counter() - t0:.0f} s")
            if fmt in formats:
                write(f"{fmt}-{maker}", made, fmt)
            if fmt == "pdf":
                pdfs = pdfs or made
    if "pdf" in formats:
        # A real report as published (WPS, CID TrueType fonts), read ``count`` times: the
        # corpus PDFs above are made by two programs only.
        from bench.scans import HUAIAN_PDF

        write("pdf-huaian", [HUAIAN_PDF.read_bytes()] * count, "pdf")
    if "scan" in formats and pdfs:
        write("scan", [scanned_pdf(pdf, i)[0] for i, pdf in enumerate(pdfs[:scans])], "pdf")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200, help="reports per format")
    parser.add_argument("--scans", type=int, default=2, help="scanned reports")
    parser.add_argument("--formats", default="text,html,docx,pdf,scan")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.workers)))
        return
    with tempfile.TemporaryDirectory(prefix="gongkai-formats-") as tmp:
        folders = build(Path(tmp), args.count, args.scans, args.formats.split(","))
        print(
            "reports/s: wall clock with 1 worker, and per CPU second of that worker "
            "(the per-core figure when other work shares the cores); speed-up: wall clock "
            "with 2 worker processes over 1; peak RSS of the 1-worker process"
        )
        print(
            f"{'format':<18}{'files':>6}{'reports/s':>11}{'per CPU s':>11}"
            f"{'peak MiB':>10}{'2 workers':>11}"
        )
        for name, folder in folders.items():
            runs = {}
            for workers in (1, 2):
                done = subprocess.run(
                    [sys.executable, __file__, "--measure", str(folder), "--workers", str(workers)],
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd=ROOT,
                )
                runs[workers] = json.loads(done.stdout.strip().splitlines()[-1])
            one, two = runs[1], runs[2]
            rate1 = one["files"] / one["seconds"]
            rate2 = two["files"] / two["seconds"]
            per_cpu = one["files"] / max(one["cpu_seconds"], 1e-9)
            print(
                f"{name:<18}{one['files']:>6}{rate1:>11.2f}{per_cpu:>11.2f}"
                f"{one['peak_mib']:>10.0f}{rate2 / rate1:>10.2f}x"
            )


if __name__ == "__main__":
    main()
