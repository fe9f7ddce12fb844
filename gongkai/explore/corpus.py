"""Load one or more `gongkai ingest` datasets into the frames every view reads.

All work is Polars expressions over the Parquet files: cells cast to numbers, the
figures the views show derived once, agencies resolved (identity.py), and the same report
read from several sources (HTML and PDF, or two folders) counted once — the row with the
fewest errors — with the cells the sources disagree on kept for the 来源 view.
"""

from __future__ import annotations

import contextlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from gongkai.core.errors import InputError
from gongkai.core.report import labels as L
from gongkai.core.report.model import format_cell_paths
from gongkai.explore.identity import read_overrides, resolve

APPLICANTS = L.T3_APPLICANT_COLUMNS
OUTCOME_GROUPS: dict[str, tuple[str, ...]] = {
    "granted": ("granted",),
    "partial": ("partially_granted",),
    "denied": tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("denied_")),
    "unable": tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("unable_")),
    "not_processed": tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("not_processed_")),
    "other": tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("other_")),
}
# 表三/表四's leaf cells: two reports with the same leaves repeat each other's numbers.
LEAF_CELLS = tuple(
    f"table3.{row}.{col}" for row in (*L.T3_OUTCOME_ROWS, "carried_over") for col in APPLICANTS
) + tuple(f"table4.{b}_{leaf}" for b in L.T4_BLOCKS for leaf in L.T4_LEAVES)
SENTENCE_SPLIT = r"[。；;！？\n]"
_YEAR = r"(?:19|20)\d\d"
_FIGURES = r"[\s0-9０-９.]"
RARE_SHARE = 0.01
# MinHash of each report's sentence set (the least hash under each mask): two reports
# whose signatures mostly agree are compared sentence by sentence; others never are.
MINHASH_MASKS = tuple(random.Random(15).getrandbits(64) for _ in range(16))


@dataclass
class Corpus:
    reports: pl.DataFrame  # one row per report counted (agency, year), figures derived
    sources: pl.DataFrame  # every row read, ``counted`` marks the one kept
    disagreements: pl.DataFrame  # agency, year, cell, the values the sources printed
    findings: pl.DataFrame  # findings of the counted reports
    sentence_sets: pl.DataFrame  # report_id, hs (its sentences' hashes, years masked), n, mh*
    sections: pl.DataFrame  # report_id, section, hashes (figures kept / masked), length,
    # own_words: the share of its sentences that few agencies use


def _num(path: str) -> pl.Expr:
    return pl.col(path).cast(pl.Float64, strict=False) if path else pl.lit(0.0)


def _sum(paths: list[str]) -> pl.Expr:
    return pl.sum_horizontal([_num(p).fill_null(0) for p in paths])


def figures() -> list[pl.Expr]:
    """The figures the views show, from the wide table's text cells."""
    t3 = {g: [f"table3.{r}.total" for r in rows] for g, rows in OUTCOME_GROUPS.items()}
    exprs = [
        _num("table3.new_received.total").alias("received"),
        _num("table3.carried_over.total").alias("carried_over"),
        *[_num(f"table3.new_received.{c}").alias(f"by_{c}") for c in APPLICANTS],
        *[_sum(paths).alias(group) for group, paths in t3.items()],
        _num("table3.results_total.total").alias("answered"),
        _num("table3.carried_forward.total").alias("carried_forward"),
        _num("table2.administrative_fees").alias("fees"),
        _num("table3.other_fee_unpaid.total").alias("fee_unpaid"),
        _num("table2.normative_documents.issued").alias("normative_issued"),
        _num("table2.normative_documents.in_force").alias("normative_in_force"),
        _num("table2.administrative_license").alias("license"),
        _num("table2.administrative_penalty").alias("penalty"),
        _num("table4.review_total").alias("review"),
        _num("table4.review_corrected").alias("review_corrected"),
        _sum(["table4.review_upheld", "table4.review_corrected", "table4.review_other"]).alias(
            "review_concluded"
        ),
        _sum(["table4.suit_direct_total", "table4.suit_after_review_total"]).alias("suit"),
        _sum(["table4.suit_direct_corrected", "table4.suit_after_review_corrected"]).alias(
            "suit_corrected"
        ),
        _sum(
            [
                f"table4.{b}_{leaf}"
                for b in ("suit_direct", "suit_after_review")
                for leaf in ("upheld", "corrected", "other")
            ]
        ).alias("suit_concluded"),
    ]
    return exprs


def rates() -> list[pl.Expr]:
    def ratio(a: str, b: str) -> pl.Expr:
        return pl.when(pl.col(b) > 0).then(pl.col(a) / pl.col(b)).otherwise(None)

    return [
        pl.when(pl.col("answered") > 0)
        .then((pl.col("granted") + pl.col("partial")) / pl.col("answered"))
        .otherwise(None)
        .alias("open_rate"),
        ratio("review_corrected", "review_concluded").alias("review_correct_rate"),
        ratio("suit_corrected", "suit_concluded").alias("suit_correct_rate"),
        # 条例第五十条: published by 31 January of the next year
        (pl.col("publication_date").str.to_date(strict=False) - pl.date(pl.col("year") + 1, 1, 31))
        .dt.total_days()
        .clip(lower_bound=0)
        .alias("late_days"),
    ]


_COLUMNS: dict[str, pl.DataType | type[pl.DataType]] = {
    **dict.fromkeys(("source_file", "sha256", "agency", "status", "format"), pl.String),
    **dict.fromkeys(("publication_date", "error"), pl.String),
    **dict.fromkeys(("year", "errors", "warnings"), pl.Int64),
    **dict.fromkeys(
        (p for fmt in (L.FORMAT_2019, L.FORMAT_2021) for p in format_cell_paths(fmt)), pl.String
    ),
}


def _scan_reports(dataset: Path) -> pl.LazyFrame:
    path = dataset / "reports.parquet"
    if not path.exists():
        raise InputError(f"{dataset} 不是 gongkai ingest 输出的数据集：缺少 reports.parquet")
    frame = pl.scan_parquet(path)
    names = frame.collect_schema().names()
    # A dataset of unreadable files only has no cell columns, an empty one no columns.
    fill = [pl.lit(None, dtype=t).alias(c) for c, t in _COLUMNS.items() if c not in names]
    # columns all null in this dataset (e.g. a year no file was read for) have no type
    typed = [pl.col(c).cast(t) for c, t in _COLUMNS.items()]
    return frame.with_columns(fill).with_columns(typed, dataset=pl.lit(str(dataset)))


def load(datasets: list[Path], overrides: Path | None = None) -> Corpus:
    if not datasets:
        raise InputError("至少指定一个数据集目录")
    datasets = list(dict.fromkeys(d.resolve() for d in datasets))  # a folder named twice
    table = read_overrides(overrides) if overrides else None
    wanted = ["dataset", "source_file", "sha256", "agency", "year", "status", "format"]
    wanted += ["publication_date", "errors", "warnings"]
    lazy = [
        _scan_reports(d).select(
            *[pl.col(c) if c != "year" else pl.col(c).cast(pl.Int32) for c in wanted],
            *figures(),
            # one hash of 表三/表四's leaves: equal hashes, equal numbers
            leaves=pl.concat_str(
                [pl.col(c).fill_null("·") for c in LEAF_CELLS], separator=","
            ).hash(),
            nonzero=pl.sum_horizontal(
                [_num(c).fill_null(0).gt(0).cast(pl.Int32) for c in LEAF_CELLS]
            ),
        )
        for d in datasets
    ]
    rows = pl.concat(lazy, how="diagonal_relaxed").collect()
    ident = resolve(rows["agency"], table)
    rows = rows.rename({"agency": "agency_raw"}).join(ident, on="agency_raw", how="left")
    rows = rows.with_columns(rates()).with_columns(
        warnings=pl.col("warnings").fill_null(0), errors=pl.col("errors").fill_null(0)
    )
    # A report read from several sources: keep the reading with the fewest errors.
    readable = rows.filter(pl.col("agency").is_not_null() & pl.col("year").is_not_null())
    ranked = readable.sort(["errors", "warnings", "source_file"]).with_columns(
        counted=pl.int_range(pl.len()).over(["agency", "year"]) == 0,
        n_sources=pl.len().over(["agency", "year"]),
    )
    reports = ranked.filter("counted").with_columns(
        region=pl.col("region").max().over("agency"),
        province=pl.col("province").max().over("agency"),
    )
    reports = reports.with_row_index("report_id").with_columns(
        agency_id=pl.col("agency").rank("dense").cast(pl.UInt32)  # integer joins are cheaper
    )
    sources = pl.concat(
        [ranked, rows.filter(pl.col("agency").is_null() | pl.col("year").is_null())],
        how="diagonal_relaxed",
    ).with_columns(counted=pl.col("counted").fill_null(False))
    # joined on the dataset too: one file in two datasets is one report, not two
    shas = reports.select("report_id", "dataset", "sha256", "agency", "year")
    return Corpus(
        reports=reports,
        sources=sources,
        disagreements=_disagreements(datasets, ranked),
        findings=_findings(datasets).join(shas, on=["dataset", "sha256"], how="inner"),
        **_narratives(datasets, shas, reports.select("report_id", "agency_id")),
    )


def _disagreements(datasets: list[Path], ranked: pl.DataFrame) -> pl.DataFrame:
    multi = ranked.filter(pl.col("n_sources") > 1).select("sha256", "agency", "year", "counted")
    schema = {"agency": pl.String, "year": pl.Int32, "cell": pl.String, "values": pl.String}
    if multi.is_empty():
        return pl.DataFrame(schema=schema)
    wide = pl.concat(
        [pl.scan_parquet(d / "reports.parquet") for d in datasets], how="diagonal_relaxed"
    )
    cells = [c for c in wide.collect_schema().names() if c.startswith("table")]
    long = (
        wide.select("sha256", "source_file", *[pl.col(c).cast(pl.String) for c in cells])
        .join(multi.lazy(), on="sha256")
        .unpivot(cells, index=["sha256", "source_file", "agency", "year", "counted"])
        .rename({"variable": "cell"})
        .collect()
    )
    out = (
        long.group_by("agency", "year", "cell")
        .agg(
            n=pl.col("value").n_unique(),
            values=pl.concat_str(
                [pl.col("source_file"), pl.lit("："), pl.col("value").fill_null("空")]
            )
            .sort()
            .str.join("；"),
        )
        .filter(pl.col("n") > 1)
        .select(list(schema))
        .sort("agency", "year", "cell")
    )
    return out.cast(schema)  # type: ignore[arg-type]


def _findings(datasets: list[Path]) -> pl.DataFrame:
    frames = [
        pl.scan_parquet(d / "findings.parquet").select(
            "sha256", "rule", "severity", "message", dataset=pl.lit(str(d))
        )
        for d in datasets
        if (d / "findings.parquet").exists() and pl.read_parquet_schema(d / "findings.parquet")
    ]
    schema = {
        "sha256": pl.String,
        "rule": pl.String,
        "severity": pl.String,
        "message": pl.String,
        "dataset": pl.String,
    }
    if not frames:
        return pl.DataFrame(schema=schema)
    return pl.concat(frames).collect()


def narratives_table(dataset: Path) -> pl.DataFrame:
    """(sha256, section, text) of a dataset: its narratives.parquet, else built once from
    the per-report JSON that ingest wrote, and kept beside it for the next run."""
    cached = dataset / "narratives.parquet"
    if cached.exists():
        return pl.read_parquet(cached)
    rows = []
    for path in sorted((dataset / "reports").glob("*.json")):
        result = json.loads(path.read_text("utf-8"))
        for section in (result.get("report") or {}).get("sections", []):
            rows.append(
                {
                    "sha256": result["sha256"],
                    "section": section["key"],
                    "text": section.get("text") or "",
                }
            )
    frame = pl.DataFrame(
        rows, schema={"sha256": pl.String, "section": pl.String, "text": pl.String}
    )
    with contextlib.suppress(OSError):  # a read-only dataset: built again next time
        frame.write_parquet(cached)
    return frame


def _narratives(
    datasets: list[Path], shas: pl.DataFrame, agency_ids: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    """The narrative index, built once per load so that the anomaly queries are joins
    over one row per report or per section: each report's set of sentences, and each
    section's hashes with whether it is in the agency's own words."""
    text = (
        pl.concat([narratives_table(d).with_columns(dataset=pl.lit(str(d))) for d in datasets])
        .join(shas.select("dataset", "sha256", "report_id"), on=["dataset", "sha256"])
        .with_columns(masked=pl.col("text").str.replace_all(_YEAR, "＃"))
    )
    sentences = (
        text.select(
            "report_id",
            "section",
            sentence=pl.col("masked").str.replace_all(SENTENCE_SPLIT, "\u0001").str.split("\u0001"),
        )
        .explode("sentence")
        .with_columns(pl.col("sentence").str.strip_chars())
        .filter(pl.col("sentence").str.len_chars() >= 6)
        .select(
            "report_id",
            "section",
            h=pl.col("sentence").hash(),
            bare=pl.col("sentence").str.replace_all(_FIGURES, "").hash(),
        )
        .unique()
    )
    sentence_sets = sentences.group_by("report_id").agg(
        pl.col("h").unique().sort().alias("hs"),
        pl.col("h").n_unique().alias("n"),
        *[
            pl.col("h").xor(pl.lit(mask, dtype=pl.UInt64)).min().alias(f"mh{i}")
            for i, mask in enumerate(MINHASH_MASKS)
        ],
    )
    sections = text.select(
        "report_id",
        "section",
        h=pl.col("masked").str.replace_all(r"\s", "").hash(),
        bare=pl.col("masked").str.replace_all(_FIGURES, "").hash(),
        length=pl.col("masked").str.len_chars(),
    ).join(_own_words(sentences, agency_ids), on=["report_id", "section"], how="left")
    return {
        "sentence_sets": sentence_sets,
        "sections": sections.with_columns(pl.col("own_words").fill_null(0.0)),
    }


def _own_words(sentences: pl.DataFrame, agency_ids: pl.DataFrame) -> pl.DataFrame:
    """Per section, the share of its sentences used by at most 1% of agencies (at least
    3): a template sentence, even filled with other figures, is used by many."""
    agencies = max(agency_ids["agency_id"].n_unique(), 1)
    limit = max(3, round(agencies * RARE_SHARE))
    s = sentences.select("report_id", "section", "bare").join(agency_ids, on="report_id")
    users = s.group_by("bare").agg(users=pl.col("agency_id").n_unique())
    return (
        s.join(users, on="bare")
        .group_by("report_id", "section")
        .agg(own_words=(pl.col("users") <= limit).mean())
    )
