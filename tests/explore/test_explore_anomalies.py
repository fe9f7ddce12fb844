"""Anomaly detection on a small corpus with planted anomalies: every planted one is found,
few others are, and each is explained in one Chinese sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from bench.explore_corpus import Truth, score_anomalies
from gongkai.explore.anomalies import TYPE_LABELS, detect
from gongkai.explore.corpus import load


@pytest.fixture(scope="module")
def found(corpus_dir: tuple[Path, Truth]) -> pl.DataFrame:
    out, _ = corpus_dir
    return detect(load([out], out / "overrides.csv"))


def test_every_planted_kind_is_found(found: pl.DataFrame, corpus_dir: tuple[Path, Truth]) -> None:
    scores = score_anomalies(found, corpus_dir[1])
    for family, score in scores.items():
        assert score.planted > 0, family  # the fixture plants every kind
        assert score.recall == 1.0, (family, score)
        assert score.precision >= 0.9, (family, score)


def test_each_anomaly_is_one_chinese_sentence(found: pl.DataFrame) -> None:
    assert set(found["type"]) == set(TYPE_LABELS)
    for row in found.iter_rows(named=True):
        text = row["explanation"]
        assert text.startswith(row["agency"] + str(row["year"]) + "年"), text
        assert text.endswith("。") and text.count("。") == 1, text


def test_narratives_derived_from_the_report_json_give_the_same_anomalies(
    corpus_dir: tuple[Path, Truth], found: pl.DataFrame, tmp_path: Path
) -> None:
    # A real ingest dataset has no narratives.parquet: the explorer builds it from
    # reports/<sha256>.json once and keeps it beside the tables.
    out = tmp_path / "dataset"
    shutil.copytree(corpus_dir[0], out)
    (out / "narratives.parquet").unlink()
    again = detect(load([out], out / "overrides.csv"))
    assert (out / "narratives.parquet").exists()
    assert again.sort(found.columns).equals(found.sort(found.columns))


def test_without_the_override_a_renamed_agency_splits_in_two(
    corpus_dir: tuple[Path, Truth],
) -> None:
    out, truth = corpus_dir
    with_table = load([out], out / "overrides.csv").reports["agency"].n_unique()
    without = load([out]).reports["agency"].n_unique()
    assert with_table == len({r["agency_id"] for r in truth.reports}) < without
