"""Anomalies, each with one Chinese sentence that says what was seen and against what.

- ``peer``: applications received far from agencies of the same kind and level that year
  (robust z on log(1 + x) with the median and MAD, and a ratio to the peers' median);
- ``history``: far from the agency's own median over its years (at least three);
- ``repeat``: 表三 and 表四 identical to last year's, with enough non-zero figures that
  a repetition cannot be a quiet year;
- ``copy``: the narrative repeats last year's sentences (year numbers masked);
- ``cross_copy``: a long section, mostly in the agency's own words (not template
  sentences), identical word for word to another agency's that year.
All are joins and window expressions over the corpus frames.
"""

from __future__ import annotations

import polars as pl

from gongkai.core.report import labels as L
from gongkai.explore.corpus import MINHASH_MASKS, Corpus

PEER_Z = 4.0
PEER_RATIO = 6.0
PEER_MIN_GROUP = 8
HISTORY_RATIO = 5.0
MIN_DIFFERENCE = 20.0  # a jump of a few applications is never an anomaly
REPEAT_MIN_NONZERO = 10
COPY_SIMILARITY = 0.9
COPY_MIN_SENTENCES = 8
# a pair whose signatures agree on fewer than 10 of 16 is far below 0.9 similar (a
# similarity of 0.9 agrees on 10 or more with a probability above 0.999)
MINHASH_AGREE = 10 / 16
CROSS_MIN_LENGTH = 60
CROSS_MAX_AGENCIES = 3  # a text shared by more is boilerplate, not a copy

COLUMNS = ("agency", "year", "kind", "level", "type", "score", "explanation")
TYPE_LABELS = {
    "peer": "远离同类机关",
    "history": "远离自身历年",
    "repeat": "数字与上年完全相同",
    "copy": "正文照抄上年",
    "cross_copy": "正文与其他机关相同",
}


def _fmt(expr: pl.Expr) -> pl.Expr:
    return expr.round(0).cast(pl.Int64).cast(pl.String)


def peer_outliers(c: Corpus) -> pl.DataFrame:
    group = ["kind", "level", "year"]
    r = c.reports.with_columns(lx=pl.col("received").fill_null(0).log1p())
    r = r.with_columns(
        med=pl.col("lx").median().over(group),
        n=pl.len().over(group),
        med_x=pl.col("received").median().over(group),
    ).with_columns(mad=(pl.col("lx") - pl.col("med")).abs().median().over(group) * 1.4826)
    r = r.with_columns(z=(pl.col("lx") - pl.col("med")) / pl.max_horizontal("mad", pl.lit(0.25)))
    hits = r.filter(
        (pl.col("n") >= PEER_MIN_GROUP)
        & (pl.col("z").abs() >= PEER_Z)
        & ((pl.col("received") - pl.col("med_x")).abs() >= MIN_DIFFERENCE)
        & (
            (pl.col("received") >= PEER_RATIO * pl.max_horizontal("med_x", pl.lit(1.0)))
            | (pl.col("received") * PEER_RATIO <= pl.col("med_x"))
        )
    )
    return hits.select(
        "agency",
        "year",
        "kind",
        "level",
        type=pl.lit("peer"),
        score=pl.col("z").abs(),
        explanation=pl.format(
            "{}{}年收到申请{}件，同类同级的{}家机关（{}{}）中位数为{}件，相差{}倍。",
            "agency",
            "year",
            _fmt(pl.col("received")),
            "n",
            "level",
            "kind",
            _fmt(pl.col("med_x")),
            (
                pl.max_horizontal("received", "med_x")
                / pl.max_horizontal(pl.min_horizontal("received", "med_x"), pl.lit(1.0))
            )
            .round(1)
            .cast(pl.String),
        ),
    )


def history_outliers(c: Corpus) -> pl.DataFrame:
    r = c.reports.with_columns(
        med=pl.col("received").median().over("agency_id"), years=pl.len().over("agency_id")
    )
    ratio = pl.col("received") / pl.max_horizontal("med", pl.lit(1.0))
    hits = r.filter(
        (pl.col("years") >= 3)
        & ((pl.col("received") - pl.col("med")).abs() >= MIN_DIFFERENCE)
        & ((ratio >= HISTORY_RATIO) | (ratio <= 1 / HISTORY_RATIO))
    )
    return hits.select(
        "agency",
        "year",
        "kind",
        "level",
        type=pl.lit("history"),
        score=ratio.log().abs(),
        explanation=pl.format(
            "{}{}年收到申请{}件，该机关{}个年度的中位数为{}件，约为常年的{}倍。",
            "agency",
            "year",
            _fmt(pl.col("received")),
            "years",
            _fmt(pl.col("med")),
            ratio.round(1).cast(pl.String),
        ),
    )


def repeated_years(c: Corpus) -> pl.DataFrame:
    last = c.reports.select("agency_id", pl.col("year") + 1, last_leaves="leaves")
    this = c.reports.select("agency_id", "year", "agency", "kind", "level", "leaves", "nonzero")
    hits = this.join(last, on=["agency_id", "year"]).filter(
        (pl.col("leaves") == pl.col("last_leaves")) & (pl.col("nonzero") >= REPEAT_MIN_NONZERO)
    )
    return hits.select(
        "agency",
        "year",
        "kind",
        "level",
        type=pl.lit("repeat"),
        score=pl.col("nonzero").cast(pl.Float64),
        explanation=pl.format(
            "{}{}年表三、表四的数字与{}年完全相同（其中{}个非零数字），疑似沿用上年数据。",
            "agency",
            "year",
            pl.col("year") - 1,
            "nonzero",
        ),
    )


def copied_narratives(c: Corpus) -> pl.DataFrame:
    ids = c.reports.select("report_id", "agency", "year", "kind", "level")
    last = c.reports.select("agency_id", "year", "report_id").join(
        c.reports.select("agency_id", pl.col("year") + 1, last_id="report_id"),
        on=["agency_id", "year"],
    )
    sets = c.sentence_sets
    signature = [f"mh{i}" for i in range(len(MINHASH_MASKS))]
    agree = pl.sum_horizontal(
        [(pl.col(m) == pl.col(f"last_{m}")).cast(pl.Int32) for m in signature]
    )
    candidates = (
        last.join(sets.select("report_id", *signature), on="report_id")
        .join(
            sets.select("report_id", *signature).rename(
                {"report_id": "last_id", **{m: f"last_{m}" for m in signature}}
            ),
            on="last_id",
        )
        .filter(agree >= MINHASH_AGREE * len(signature))
        .select("report_id", "last_id")
    )
    pairs = (
        candidates.join(sets.select("report_id", "hs", "n"), on="report_id")
        .join(
            sets.select(last_id="report_id", last_hs="hs", last_n="n"),
            on="last_id",
        )
        .with_columns(same=pl.col("hs").list.set_intersection("last_hs").list.len())
        .with_columns(sim=pl.col("same") / (pl.col("n") + pl.col("last_n") - pl.col("same")))
        .filter((pl.col("sim") >= COPY_SIMILARITY) & (pl.col("n") >= COPY_MIN_SENTENCES))
        .join(ids, on="report_id")
    )
    return pairs.select(
        "agency",
        "year",
        "kind",
        "level",
        type=pl.lit("copy"),
        score=pl.col("sim"),
        explanation=pl.format(
            "{}{}年报告正文的{}句中有{}句与{}年报告相同（相似度{}%），疑似照抄上年。",
            "agency",
            "year",
            "n",
            "same",
            pl.col("year") - 1,
            (pl.col("sim") * 100).round(0).cast(pl.Int64),
        ),
    )


def cross_copies(c: Corpus) -> pl.DataFrame:
    ids = c.reports.select("report_id", "agency_id", "agency", "year", "kind", "level")
    # Only sections mostly in the agency's own words (not template sentences) count.
    long = c.sections.filter(
        (pl.col("length") >= CROSS_MIN_LENGTH) & (pl.col("own_words") >= 0.5)
    ).join(ids, on="report_id")
    # one report per agency and year: the rows of a group are its agencies
    keys = ["year", "section", "h"]
    shared = (
        long.group_by(keys)
        .agg(agencies=pl.len())
        .filter(pl.col("agencies").is_between(2, CROSS_MAX_AGENCIES))
    )
    hits = long.join(shared, on=keys)
    # Figures masked: a text used by many agencies in any year, filled with other numbers,
    # is boilerplate, not a copy (counted for the few candidate texts only).
    bare = ["section", "bare"]
    rare = (
        long.join(hits.select(bare).unique(), on=bare)
        .group_by(bare)
        .agg(everywhere=pl.col("agency_id").n_unique())
        .filter(pl.col("everywhere") <= CROSS_MAX_AGENCIES)
    )
    hits = hits.join(rare, on=bare, how="semi")
    hits = (
        hits.join(hits.group_by(keys).agg(sharing=pl.col("agency").sort().str.join("、")), on=keys)
        .sort("agency", "year", "section")
        .unique(["agency", "year"], keep="first", maintain_order=True)
    )
    return hits.select(
        "agency",
        "year",
        "kind",
        "level",
        type=pl.lit("cross_copy"),
        score=pl.col("length").cast(pl.Float64),
        explanation=pl.format(
            "{}{}年报告的“{}”部分（{}字）与同年其他机关的一字不差，共用这段文字的机关：{}。",
            "agency",
            "year",
            pl.col("section").replace(L.SECTION_TITLES),
            "length",
            pl.col("sharing"),
        ),
    )


def detect(c: Corpus) -> pl.DataFrame:
    """Every anomaly found, strongest first within each type."""
    found = [
        peer_outliers(c),
        history_outliers(c),
        repeated_years(c),
        copied_narratives(c),
        cross_copies(c),
    ]
    out = pl.concat([f.cast({"year": pl.Int32}) for f in found], how="vertical_relaxed")
    return out.select(COLUMNS).sort(["type", "score"], descending=[False, True])
