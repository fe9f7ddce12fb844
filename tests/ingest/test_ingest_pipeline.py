"""Ingesting a folder: tables out, bad files recorded, re-runs resumable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from gongkai.cli.main import main
from gongkai.ingest.pipeline import ingest

SEED_DIR = Path(__file__).parents[1] / "fixtures" / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "nested").mkdir(parents=True)
    for seed in sorted(SEED_DIR.glob("0*.txt")):
        shutil.copy(seed, src / seed.name)
    shutil.copy(next(SEED_DIR.glob("002_*.txt")), src / "nested" / "copy-of-002.txt")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    return src


def test_ingest_writes_json_and_tables(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    summary = ingest(corpus, out, workers=2).to_json()
    assert summary["files"] == 7
    assert summary["unreadable"] == 1
    assert summary["clean"] + summary["findings"] == 6
    reports = pl.read_parquet(out / "reports.parquet")
    assert reports.height == 7
    putian = reports.filter(pl.col("agency") == "莆田市公安局")
    assert putian.height == 2
    assert putian["table3.new_received.total"].to_list() == ["19", "19"]
    cells = pl.read_parquet(out / "cells.parquet")
    assert cells.height == 6 * (10 + 25 * 7 + 15)  # 表二, 表三, 表四 cells per report
    inferred = cells.filter(pl.col("inferred"))
    assert "table3.unable_not_held.total" in inferred["cell"].to_list()
    findings = pl.read_csv(out / "findings.csv")
    assert "CELL-MISSING" in findings["rule"].to_list()
    for sha_file in (out / "reports").glob("*.json"):
        json.loads(sha_file.read_text("utf-8"))


def test_rerun_skips_unchanged_files(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    ingest(corpus, out, workers=1)
    (corpus / "extra.txt").write_text(next(SEED_DIR.glob("003_*.txt")).read_text("utf-8") + "\n")
    again = ingest(corpus, out, workers=1).to_json()
    assert again["files"] == 8
    assert again["reused"] == 7


def test_ingest_command_prints_a_summary(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["ingest", str(corpus), "--out", str(tmp_path / "ds"), "--workers", "1"])
    out = capsys.readouterr().out
    assert status == 2  # one file could not be read
    assert "无法读取 1 份" in out and "reports 7 行" in out


def test_ingest_on_a_dask_cluster(corpus: Path, tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster:
        summary = ingest(corpus, tmp_path / "ds", scheduler=cluster.scheduler_address)
    assert summary.to_json()["files"] == 7
