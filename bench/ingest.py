"""Benchmark: `gongkai ingest` on a folder of text reports, with 1 and 2 workers.

    python bench/ingest.py [--count 2000]

Prints reports per second for each worker count and the speed-up from one to two.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench.corpus import build
from gongkai.ingest.pipeline import ingest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for i, (text, _) in enumerate(build(args.count)):
            (src / f"{i:06d}.txt").write_text(text, "utf-8")
        rates = {}
        for workers in (1, 2):
            out = Path(tmp) / f"out{workers}"
            start = time.perf_counter()
            summary = ingest(src, out, workers=workers)
            elapsed = time.perf_counter() - start
            rates[workers] = summary.files / elapsed
            print(
                f"{workers} worker(s): {summary.files} files in {elapsed:.1f} s = "
                f"{rates[workers]:.0f} reports/s (incl. hashing and writing Parquet/CSV)"
            )
        start = time.perf_counter()
        again = ingest(src, Path(tmp) / "out2", workers=2)
        print(
            f"re-run, nothing changed: {again.reused}/{again.files} reused in "
            f"{time.perf_counter() - start:.1f} s"
        )
    print(f"speed-up from 1 to 2 workers: {rates[2] / rates[1]:.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the coordinating process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
