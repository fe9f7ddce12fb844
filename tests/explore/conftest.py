"""Fixtures of the explorer's tests: a small synthetic corpus with known truth and the
seeds ingested, each written once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.explore_corpus import Options, Truth, generate
from gongkai.ingest.pipeline import ingest

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    """1000 report rows with anomalies planted at a rate high enough to have every kind."""
    out = tmp_path_factory.mktemp("explore") / "corpus"
    truth = generate(
        out,
        Options(reports=1000, seed=7, anomaly_rate=0.08, duplicate_rate=0.03, write_json=True),
    )
    return out, truth


@pytest.fixture(scope="session")
def seeds_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "dataset"
    ingest(SEEDS, out, workers=1)
    return out
