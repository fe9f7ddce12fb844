"""Benchmark: reading text-layer PDFs with gongkai against poppler's ``pdftotext``.

    python bench/pdf_speed.py [--count 4] [--repeat 7]

For each file — the published 淮安 report (WPS), ``--count`` varied seed reports as PDFs
made by the product's renderer and by LibreOffice (``bench.formats.build``) — two CPU
times are taken in the same run, in turn, each the minimum over ``--repeat`` tries:

* gongkai: ``read_report`` on the file's bytes (sniffing, the PDF reader, interpreting
  and every check), CPU seconds of this process, imports and fonts warmed beforehand;
* poppler: ``pdftotext -bbox-layout FILE /dev/null`` (every character with its box, the
  nearest thing poppler offers to what the reader needs), CPU seconds of the child
  process, start-up included (about a millisecond).

Printed per group: milliseconds of CPU per file for each, and the ratio gongkai/poppler.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

ROOT = Path(__file__).parents[1]
HUAIAN = Path("/work/shared/samples/huaian-2024-annual-report.pdf")


def gongkai_cpu(data: bytes) -> float:
    from gongkai.core.parsing.read import read_report

    start = time.process_time()
    read_report(data, "bench.pdf")
    return time.process_time() - start


def poppler_cpu(path: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "/dev/null"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def both_cpu(path: Path, repeat: int) -> tuple[float, float]:
    """The least CPU seconds of each over ``repeat`` tries, taken in turn (gongkai,
    pdftotext, gongkai, …) so that a machine whose speed drifts moves both alike."""
    data = path.read_bytes()
    ours = theirs = float("inf")
    for _ in range(repeat):
        ours = min(ours, gongkai_cpu(data))
        theirs = min(theirs, poppler_cpu(path))
    return ours, theirs


def groups(folder: Path, count: int) -> dict[str, list[Path]]:
    from bench.formats import build

    out: dict[str, list[Path]] = {}
    huaian = HUAIAN if HUAIAN.exists() else ROOT / "tests/fixtures/documents" / HUAIAN.name
    if huaian.exists():
        out["淮安 (WPS)"] = [huaian]
    if count > 0:
        for name, sub in build(folder, count, 0, ["pdf"]).items():
            if name != "pdf-huaian":  # the same file again: listed once above
                out[name] = sorted(sub.iterdir())
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=4, help="corpus PDFs per maker")
    parser.add_argument("--repeat", type=int, default=7, help="tries per file (min is kept)")
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext (poppler-utils) is not installed")
    from gongkai.core.parsing.read import read_report

    with tempfile.TemporaryDirectory(prefix="gongkai-pdf-speed-") as tmp:
        found = groups(Path(tmp), args.count)
        first = next(iter(found.values()))[0]
        read_report(first.read_bytes(), "warm.pdf")  # imports, pdfium, fonts
        print("CPU ms per file, min of", args.repeat, "tries each; same files, same run")
        print(f"{'PDF':<22}{'files':>6}{'gongkai':>10}{'pdftotext':>11}{'ratio':>8}")
        for name, files in found.items():
            pairs = [both_cpu(f, args.repeat) for f in files]
            ours = sum(o for o, _ in pairs)
            theirs = sum(t for _, t in pairs)
            n = len(files)
            print(
                f"{name:<22}{n:>6}{ours / n * 1e3:>10.1f}{theirs / n * 1e3:>11.1f}"
                f"{ours / theirs:>7.2f}x"
            )


if __name__ == "__main__":
    main()
