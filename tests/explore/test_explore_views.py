"""Each view's figures against the synthetic corpus's known truth: the per-report JSON the
generator wrote, read here with plain Python, independently of the Polars queries."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from bench.explore_corpus import Truth
from gongkai.core.report import labels as L
from gongkai.explore.corpus import Corpus, load
from gongkai.explore.views import View, all_views


@pytest.fixture(scope="module")
def loaded(corpus_dir: tuple[Path, Truth]) -> tuple[Corpus, dict[str, View], Truth, Path]:
    out, truth = corpus_dir
    corpus = load([out], out / "overrides.csv")
    return corpus, {v.id: v for v in all_views(corpus)}, truth, out


def _expected(data: dict[str, Any]) -> dict[str, Any]:
    t3, t4 = data["table3"], data["table4"]
    answered = t3["results_total"]["total"]
    opened = t3["granted"]["total"] + t3["partially_granted"]["total"]
    concluded = sum(t4[f"review_{leaf}"] for leaf in ("upheld", "corrected", "other"))
    return {
        "received": t3["new_received"]["total"],
        "by_natural_person": t3["new_received"]["natural_person"],
        "denied": sum(t3[r]["total"] for r in L.T3_OUTCOME_ROWS if r.startswith("denied_")),
        "open_rate": round(100 * opened / answered, 1) if answered else None,
        "review": t4["review_total"],
        "review_correct_rate": (
            round(100 * t4["review_corrected"] / concluded, 1) if concluded else None
        ),
        "fees": float(Decimal(data["table2"]["administrative_fees"])),
    }


def report_json(corpus: Path) -> Iterator[dict[str, Any]]:
    for path in sorted((corpus / "reports").glob("*.json")):
        yield json.loads(path.read_text("utf-8"))


def _truth_key(truth: Truth) -> dict[str, str]:
    keys = {a["id"]: a["key"] for a in truth.agencies}
    return {r["sha256"]: keys[r["agency_id"]] for r in truth.reports}


def test_agency_view_figures_match_the_reports(loaded: Any) -> None:
    _, views, truth, out = loaded
    table = views["agency"].table
    rows = {(r["agency"], r["year"]): r for r in table.iter_rows(named=True)}
    keys = _truth_key(truth)
    html = {r["sha256"] for r in truth.reports if r["source"] == "html"}
    checked = 0
    for result in report_json(out):
        if result["sha256"] not in html:
            continue
        expected = _expected(result["report"])
        row = rows[(keys[result["sha256"]], result["report"]["year"])]
        for name in ("received", "by_natural_person", "denied", "open_rate", "review", "fees"):
            assert row[name] == pytest.approx(expected[name]), (name, row["agency"], row["year"])
        assert row["review_correct_rate"] == pytest.approx(expected["review_correct_rate"])
        checked += 1
    assert checked == table.height  # one row per agency and year: duplicates counted once


def test_year_over_year_change_of_applications(loaded: Any) -> None:
    table = loaded[1]["agency"].table.sort("agency", "year")
    for agency, years in table.group_by("agency"):
        prev = None
        for row in years.sort("year").iter_rows(named=True):
            if prev and prev["received"] and prev["year"] == row["year"] - 1:
                change = round(100 * (row["received"] / prev["received"] - 1), 1)
                assert row["received_yoy"] == pytest.approx(change), agency
            elif prev is None:
                assert row["received_yoy"] is None
            prev = row


def test_overview_counts_each_report_once(loaded: Any) -> None:
    _, views, truth, _ = loaded
    html = [r for r in truth.reports if r["source"] == "html"]
    per_year = {r["year"]: r for r in views["overview"].table.iter_rows(named=True)}
    for year in {r["year"] for r in html}:
        assert per_year[year]["reports"] == sum(r["year"] == year for r in html)
    assert sum(r["duplicates"] for r in per_year.values()) == sum(
        r["source"] == "pdf" for r in truth.reports
    )


def test_sources_view_shows_the_disagreeing_cell(loaded: Any) -> None:
    _, views, truth, _ = loaded
    table = views["sources"].table
    assert table.height == sum(r["source"] == "pdf" for r in truth.reports) > 0
    assert (table["cells"] == 1).all()
    assert table["detail"].str.contains("行政处罚").all()
    assert table["counted"].str.ends_with(".html").all()  # the PDF read one cell otherwise


def test_quality_view_ranks_planted_defects(loaded: Any) -> None:
    _, views, truth, _ = loaded
    keys = {a["id"]: a["key"] for a in truth.agencies}
    table = views["quality"].table
    broken = {(keys[p["agency_id"]], p["year"]) for p in truth.planted if p["kind"] == "broken"}
    late = {(keys[p["agency_id"]], p["year"]) for p in truth.planted if p["kind"] == "late"}
    flagged = {
        (r["agency"], r["year"])
        for r in table.filter(pl.col("broken") == "是").iter_rows(named=True)
    }
    assert broken and flagged == broken
    late_rows = {
        (r["agency"], r["year"])
        for r in table.filter(pl.col("late_days") > 0).iter_rows(named=True)
    }
    assert late and late_rows == late
    # ranked: a report with a broken total comes before every clean report
    ranks = {(r["agency"], r["year"]): r["rank"] for r in table.iter_rows(named=True)}
    clean = table.filter((pl.col("errors") == 0) & (pl.col("warnings") == 0))
    assert max(ranks[b] for b in broken) < clean["rank"].min()


def test_peers_view_distribution_matches_the_agency_rows(loaded: Any) -> None:
    views = loaded[1]
    agency = views["agency"].table
    for row in views["peers"].table.head(10).iter_rows(named=True):
        group = agency.filter(
            (pl.col("kind") == row["kind"])
            & (pl.col("level") == row["level"])
            & (pl.col("year") == row["year"])
        )
        assert row["n"] == group.height
        assert row["median"] == pytest.approx(group["received"].median())
    ranks = agency["peer_rank"].drop_nulls()
    assert ranks.min() > 0 and ranks.max() == 100.0


def test_a_report_in_two_datasets_is_counted_once(seeds_dataset: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again"
    shutil.copytree(seeds_dataset, copy)
    once = {v.id: v for v in all_views(load([seeds_dataset, seeds_dataset]))}
    twice = {v.id: v for v in all_views(load([seeds_dataset, copy]))}
    assert once["overview"].table["reports"].sum() == 5
    assert once["sources"].table.is_empty()  # a folder named twice is read once
    assert twice["overview"].table["reports"].sum() == 5
    assert twice["quality"].table.equals(once["quality"].table)
    assert twice["quality"].extra == once["quality"].extra  # findings per report not doubled
    assert twice["sources"].table.height == 5
    assert (twice["sources"].table["cells"] == 0).all()  # the same file agrees with itself
