"""Benchmark of `gongkai explore` on a synthetic corpus with planted anomalies.

    python bench/explore.py [--reports 5000] [--ingest-sample 200]

Prints: generation rate (each report built, checked by the rule engine and written as an
ingest dataset); `gongkai ingest` rate on a sample of rendered text reports (1 and 2
worker processes, and a local Dask cluster of 2 workers); the time to load the corpus
and of every view, each also as a ratio to a floor measured in the same run (reading
reports.parquet once); the HTML page's size; and the recall and precision of the planted
anomalies. Aim: every view <= 1 s at 100,000 reports.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench.corpus import build
from bench.explore_corpus import Options, generate, load_truth, score_anomalies
from gongkai.explore import anomalies
from gongkai.explore.corpus import load
from gongkai.explore.page import render
from gongkai.explore.views import all_views
from gongkai.ingest.pipeline import ingest


def ingest_rate(sample: int, tmp: Path) -> None:
    src = tmp / "texts"
    src.mkdir()
    for i, (text, _) in enumerate(build(sample)):
        (src / f"{i:06d}.txt").write_text(text, "utf-8")
    for workers in (1, 2):
        start = time.perf_counter()
        summary = ingest(src, tmp / f"ingested{workers}", workers=workers)
        elapsed = time.perf_counter() - start
        print(
            f"ingest of {summary.files} rendered text reports, {workers} worker(s): "
            f"{elapsed:.1f} s = {summary.files / elapsed:.0f} reports/s"
        )
    from dask.distributed import LocalCluster

    # a Dask cluster of two worker processes on this machine, as `--scheduler` would use
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster:
        start = time.perf_counter()
        summary = ingest(src, tmp / "ingested-dask", scheduler=cluster.scheduler_address)
        elapsed = time.perf_counter() - start
    print(
        f"ingest of {summary.files} rendered text reports, Dask cluster of 2 workers: "
        f"{elapsed:.1f} s = {summary.files / elapsed:.0f} reports/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--ingest-sample", type=int, default=200)
    parser.add_argument(
        "--keep", type=Path, help="write the corpus here and keep it (reused when it exists)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = args.keep or tmp / "corpus"
        if args.keep and (args.keep / "truth.json").exists():
            truth = load_truth(out)  # a corpus kept from an earlier run: views only
            print(f"reusing the corpus in {out} ({len(truth.reports)} report rows)")
        else:
            start = time.perf_counter()
            truth = generate(out, Options(reports=args.reports))
            elapsed = time.perf_counter() - start
            n = len(truth.reports)
            print(
                f"generated {n} report rows ({len(truth.agencies)} agencies) in {elapsed:.1f} s"
                f" = {n / elapsed:.0f} reports/s (built, rule engine, JSON, Parquet/CSV)"
            )
        if args.ingest_sample:
            ingest_rate(args.ingest_sample, tmp)
        start = time.perf_counter()
        pl.read_parquet(out / "reports.parquet")
        floor = time.perf_counter() - start
        print(f"floor: reading reports.parquet once: {floor:.3f} s")
        start = time.perf_counter()
        corpus = load([out], out / "overrides.csv")
        loaded = time.perf_counter() - start
        counted = corpus.reports.height
        print(f"load ({counted} reports counted): {loaded:.2f} s = {loaded / floor:.1f}x floor")
        timings: list[tuple[str, float]] = []
        views = all_views(corpus, lambda name, s: timings.append((name, s)))
        for name, seconds in timings:
            verdict = "ok" if seconds <= 1.0 else "OVER 1 s"
            print(f"view {name:<18} {seconds:.3f} s = {seconds / floor:5.1f}x floor  {verdict}")
        start = time.perf_counter()
        page = render(views, "bench")
        print(f"HTML page: {time.perf_counter() - start:.2f} s, {len(page.encode()) / 1e6:.1f} MB")
        found = anomalies.detect(corpus)
        total_planted = total_recalled = total_detected = total_correct = 0
        for family, s in score_anomalies(found, truth).items():
            print(
                f"anomalies {family:<10} planted {s.planted:>5}  found {s.recalled:>5}  "
                f"recall {s.recall:.3f}  detected {s.detected:>5}  precision {s.precision:.3f}"
            )
            total_planted += s.planted
            total_recalled += s.recalled
            total_detected += s.detected
            total_correct += s.correct
        print(
            f"anomalies all        recall {total_recalled / max(total_planted, 1):.3f}  "
            f"precision {total_correct / max(total_detected, 1):.3f}"
        )


if __name__ == "__main__":
    main()
