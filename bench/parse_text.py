"""Benchmark: parse and check a corpus of text reports on one core.

    python bench/parse_text.py [--count 10000]

Prints documents per second, peak memory, and how many documents read back exactly.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench.corpus import build
from gongkai.core.parsing.read import read_report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    corpus = [(text.encode("utf-8"), report) for text, report in build(args.count)]
    built = time.perf_counter() - t0
    size = sum(len(data) for data, _ in corpus)
    exact = table_errors = narrative_errors = 0
    start = time.perf_counter()
    for data, expected in corpus:
        got = read_report(data)
        exact += (got.table2, got.table3, got.table4) == (
            expected.table2,
            expected.table3,
            expected.table4,
        )
        rules = {f.rule for f in got.errors()}
        table_errors += any(not r.startswith("NARR-") for r in rules)
        narrative_errors += any(r.startswith("NARR-") for r in rules)
    elapsed = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(corpus)} text reports, {size / 1e6:.1f} MB, built in {built:.1f} s")
    print(
        f"parsed and checked in {elapsed:.2f} s on one core: {len(corpus) / elapsed:.0f} reports/s"
    )
    print(
        f"read back exactly (表二, 表三, 表四): {exact}/{len(corpus)}; "
        f"with table or structure errors: {table_errors}; "
        f"with narrative contradictions (seed prose, varied tables): {narrative_errors}"
    )
    print(f"peak memory (max RSS of the process, corpus held in memory): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
