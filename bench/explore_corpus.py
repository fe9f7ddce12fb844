"""A synthetic corpus with known truth for the explorer: agencies × years, written as a
`gongkai ingest` dataset (reports/findings/cells tables, plus the narratives table the
explorer derives from the per-report JSON).

    python bench/explore_corpus.py OUT --reports 5000 [--json]

- Agencies: provinces, cities and counties with made-up names, kinds per level, each name
  printed in variants across years (全称/简称, 分局 vs 局, a province prefix, a renamed
  agency: 环境保护局 → 生态环境局 which the rules know, 城市管理局 → 城市管理和综合执法局
  which only the override table knows, written as ``overrides.csv``).
- Statistics: ``tests.builders`` builds 表三/表四 satisfying every 勾稽 identity from drawn
  outcome counts; an agency has a size and an outcome mix of its own; carried-over
  equals last year's carried-forward; the rule engine gives each report its findings.
- Narratives: the builders' text stating the tables' figures, plus style sentences of the
  agency, of which a controlled share (``keep``) is kept from one year to the next.
- Planted: ``spike`` (applications ×15–30 in one year), ``repeat`` (a year's tables equal
  last year's), ``copy`` (last year's narrative with the year changed), ``cross_copy``
  (another agency's 存在的主要问题 section copied), late publication, a broken total, and
  the same report read from a second source with one cell read differently.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import math
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).parents[1]))

from gongkai.core.checks.engine import run_checks
from gongkai.core.report import labels as L
from gongkai.core.report.jsonio import report_to_json
from gongkai.core.report.model import AnnualReport, Section
from gongkai.ingest.tables import finding_rows, wide_row
from tests.builders import consistent_report

YEARS = (2021, 2022, 2023, 2024, 2025)
PROVINCES = ("福建省", "山东省", "河南省", "广东省", "四川省", "湖南省", "江西省", "云南省")
# (printed suffix at province level, at city/county level, kind stem, relative size)
KINDS = (
    ("公安厅", "公安局", "公安", 4.0),
    ("人民政府办公厅", "人民政府办公室", "政府办公室", 2.0),
    ("自然资源厅", "自然资源局", "自然资源", 2.5),
    ("生态环境厅", "生态环境局", "生态环境", 1.0),
    ("卫生健康委员会", "卫生健康委员会", "卫生健康", 0.8),
    ("住房和城乡建设厅", "住房和城乡建设局", "住房城乡建设", 1.5),
    ("市场监督管理局", "市场监督管理局", "市场监管", 1.2),
    ("教育厅", "教育局", "教育", 0.6),
    ("", "城市管理局", "城市管理", 0.7),  # no province office of this kind
)
SHORT = {"卫生健康委员会": "卫健委", "住房和城乡建设局": "住建局", "市场监督管理局": "市场监管局"}
LEVEL_SCALE = {"省级": 3.0, "市级": 1.5, "县级": 1.0}
_NAME_CHARS = "安平东川西宁南阳北海清河长丰永和新华兴隆金山宝泉德化云龙凤台嘉禾广源明溪"

OUTCOME_GROUPS = {
    "granted": ("granted",),
    "partial": ("partially_granted",),
    "denied": tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("denied_")),
    "unable": tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("unable_")),
    "not_processed": tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("not_processed_")),
    "other": tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("other_")),
}
APPLICANT_SHARE = {
    "natural_person": 0.85,
    "commercial_enterprise": 0.08,
    "research_institution": 0.01,
    "social_welfare_org": 0.02,
    "legal_service_org": 0.03,
    "other_org": 0.01,
}
_STYLE_PARTS = (
    ("进一步", "持续", "不断", "着力", "切实", "全面", "扎实", "深入"),
    ("健全", "完善", "规范", "优化", "强化", "改进", "推进", "落实"),
    (
        "信息发布",
        "政策解读",
        "依申请公开办理",
        "公开目录编制",
        "网站栏目维护",
        "保密审查",
        "回应关切",
        "公开平台建设",
    ),
    (
        "工作机制",
        "流程管理",
        "质量标准",
        "考核评议",
        "业务培训",
        "监督检查",
        "台账管理",
        "协调联动",
    ),
    (
        "，提升公开实效",
        "，增强公开透明度",
        "，保障群众知情权",
        "，提高工作质量",
        "，推动工作规范化",
        "，服务群众办事",
        "，夯实工作基础",
        "，形成长效机制",
    ),
)


@dataclass
class Agency:
    id: int
    key: str  # the normalised name the explorer should find
    province: str
    city: str
    county: str | None
    level: str
    kind: str
    suffix: str  # the printed suffix (公安局, 人民政府办公室, ...)
    size: float
    mix: dict[str, float]
    style: list[str] = field(default_factory=list)


@dataclass
class Truth:
    agencies: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)  # one per source row
    planted: list[dict[str, Any]] = field(default_factory=list)  # agency, year, kind
    overrides: list[dict[str, str]] = field(default_factory=list)


def poisson(rng: random.Random, lam: float) -> int:
    if lam < 30:
        limit, k, p = math.exp(-lam), 0, rng.random()
        while p > limit:
            k += 1
            p *= rng.random()
        return k
    return max(0, round(rng.gauss(lam, math.sqrt(lam))))


def _place_names(rng: random.Random, count: int, used: set[str]) -> list[str]:
    names = []
    while len(names) < count:
        name = "".join(rng.sample(_NAME_CHARS, 2 if len(used) < 1000 else 3))
        if name not in used:
            used.add(name)
            names.append(name)
    return names


def make_agencies(count: int, rng: random.Random) -> list[Agency]:
    """About ``count`` agencies: per province its offices, per city and county theirs."""
    used: set[str] = set()
    agencies: list[Agency] = []
    counties_per_city = 8
    c = 0
    while len(agencies) < count:
        province = PROVINCES[c % len(PROVINCES)]
        city = _place_names(rng, 1, used)[0] + "市"
        places: list[tuple[str | None, str]] = [(None, "市级")]
        places += [
            (n + rng.choice("县区"), "县级") for n in _place_names(rng, counties_per_city, used)
        ]
        if c < len(PROVINCES):
            places.insert(0, ("", "省级"))
        c += 1
        for county, level in places:
            for prov_suffix, suffix, kind, weight in KINDS:
                if len(agencies) >= count:
                    return agencies
                if level == "省级" and not prov_suffix:
                    continue
                printed = prov_suffix if level == "省级" else suffix
                unit = province if level == "省级" else (county or city)
                agencies.append(
                    Agency(
                        id=len(agencies),
                        key=_key(unit, printed),
                        province=province,
                        city=city,
                        county=county or None,
                        level=level,
                        kind=kind,
                        suffix=printed,
                        size=weight * LEVEL_SCALE[level] * math.exp(rng.gauss(1.3, 0.45)),
                        mix=_mix(rng),
                        style=_style(rng, 6),
                    )
                )
    return agencies


def _key(unit: str, suffix: str) -> str:
    return unit + ("城市管理和综合执法局" if suffix == "城市管理局" else suffix)


def _mix(rng: random.Random) -> dict[str, float]:
    raw = {
        "granted": rng.uniform(0.3, 0.6),
        "partial": rng.uniform(0.03, 0.12),
        "denied": rng.uniform(0.02, 0.08),
        "unable": rng.uniform(0.1, 0.3),
        "not_processed": rng.uniform(0.03, 0.1),
        "other": rng.uniform(0.01, 0.05),
    }
    total = sum(raw.values())
    return {k: v / total for k, v in raw.items()}


def _style(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(part) for part in _STYLE_PARTS) + "。" for _ in range(n)]


def printed_name(agency: Agency, year: int, rng: random.Random) -> str:
    """The name as this year's report prints it (variants the explorer must fold)."""
    unit = agency.province if agency.level == "省级" else (agency.county or agency.city)
    suffix = agency.suffix
    if suffix == "城市管理局" and year >= 2023:
        suffix = "城市管理和综合执法局"  # renamed: only the override table knows
    elif suffix in ("生态环境局", "生态环境厅") and year == YEARS[0] and agency.id % 3 == 0:
        suffix = suffix.replace("生态环境", "环境保护")  # the pre-2018 name, still printed
    roll = rng.random()
    if roll < 0.15 and suffix in SHORT:
        suffix = SHORT[suffix]
    if agency.level == "县级":
        if agency.kind in ("公安", "生态环境") and roll > 0.7:
            return f"{agency.city}{suffix}{unit}分局"
        if roll > 0.85:
            return f"{agency.province}{agency.city}{unit}{suffix}"
        if 0.55 < roll < 0.7:
            return f"{agency.city}{unit}{suffix}"
    elif agency.level == "市级" and roll > 0.8:
        return f"{agency.province}{unit}{suffix}"
    return f"{unit}{suffix}"


def _outcomes(agency: Agency, received: int, rng: random.Random) -> dict[str, dict[str, int]]:
    outcomes: dict[str, dict[str, int]] = {}
    for _ in range(received):
        group = rng.choices(list(agency.mix), weights=list(agency.mix.values()))[0]
        row = rng.choice(OUTCOME_GROUPS[group])
        col = rng.choices(list(APPLICANT_SHARE), weights=list(APPLICANT_SHARE.values()))[0]
        cells = outcomes.setdefault(row, {})
        cells[col] = cells.get(col, 0) + 1
    return outcomes


def build_year(
    agency: Agency,
    year: int,
    carried_over: dict[str, int],
    rng: random.Random,
    spike: float = 1.0,
) -> AnnualReport:
    """A report whose tables satisfy every identity and whose text states their figures."""
    lam = agency.size * math.exp(rng.gauss(0, 0.15)) * spike
    outcomes = _outcomes(agency, poisson(rng, lam), rng)
    forward = {c: poisson(rng, 0.05 * lam * s) for c, s in APPLICANT_SHARE.items()}
    # carried-over cases are concluded or carried again this year (一 = 三 + 四 − 二)
    for col, n in carried_over.items():
        if n:
            row = outcomes.setdefault("granted", {})
            row[col] = row.get(col, 0) + n
    review = lam * 0.04
    leaves = {
        f"{block}_{leaf}": poisson(rng, review * share * (0.4 if block != "review" else 1))
        for block in L.T4_BLOCKS
        for leaf, share in zip(L.T4_LEAVES, (0.6, 0.15, 0.15, 0.1), strict=True)
    }
    in_force = poisson(rng, 3 + agency.size)
    report = consistent_report(
        year=year,
        agency=agency.key,
        outcomes=outcomes,
        carried_over=carried_over,
        carried_forward=forward,
        table4=leaves,
        normative=(poisson(rng, 2), poisson(rng, 1), in_force),
        publication_date=dt.date(year + 1, 1, rng.randint(5, 31)),
    )
    report.table2["administrative_license"] = poisson(rng, 40 * agency.size)
    report.table2["administrative_penalty"] = poisson(rng, 10 * agency.size)
    report.table2["administrative_fees"] = f"{rng.uniform(0, 50):.4f}"
    return report


def style_for_year(agency: Agency, keep: float, rng: random.Random) -> list[str]:
    """Keep a controlled share of last year's style sentences; replace the rest."""
    n = len(agency.style)
    kept = min(n - 2, round(keep * n))  # at least two change: a fresh year is never a copy
    order = list(range(n))
    rng.shuffle(order)
    fresh = _style(rng, n - kept)
    for i, j in enumerate(order[kept:]):
        agency.style[j] = fresh[i]
    return list(agency.style)


def with_style(report: AnnualReport, style: list[str]) -> None:
    half = len(style) // 2
    texts = {
        "proactive": "".join(style[:half]),
        "problems": "（一）存在的主要问题。"
        + "".join(style[half:])
        + "\n（二）改进措施。持续改进。",
    }
    report.sections = [
        Section(s.key, s.number, s.title, texts.get(s.key, s.text), s.line) for s in report.sections
    ]


def _replace_year(report: AnnualReport, old: int, new: int) -> list[Section]:
    return [
        Section(s.key, s.number, s.title, s.text.replace(str(old), str(new)), s.line)
        for s in report.sections
    ]


@dataclass
class Options:
    reports: int = 2000
    seed: int = 15
    keep: float = 0.5  # share of an agency's style sentences kept year over year
    anomaly_rate: float = 0.01  # per kind, of agency-years after the first year
    late_rate: float = 0.03
    broken_rate: float = 0.02
    duplicate_rate: float = 0.01
    write_json: bool = False


def generate(out: Path, options: Options | None = None) -> Truth:
    """Write the dataset to ``out`` and return the truth it was built from."""
    o = options or Options()
    rng = random.Random(o.seed)
    agencies = make_agencies(max(1, o.reports // len(YEARS)), rng)
    truth = Truth(agencies=[_agency_truth(a) for a in agencies])
    sink = _Sink(o.write_json)
    for agency in agencies:
        carried: dict[str, int] = {}
        previous: AnnualReport | None = None
        spiked = False
        for year in YEARS:
            if len(truth.reports) >= o.reports:
                break
            planted = _draw_planted(rng, o, previous, agency)
            report = build_year(agency, year, carried, rng, 20.0 if "spike" in planted else 1.0)
            with_style(report, style_for_year(agency, o.keep, rng))
            if previous is not None and "repeat" in planted:
                for table in ("table2", "table3", "table4"):
                    setattr(report, table, copy.deepcopy(getattr(previous, table)))
                if spiked:
                    planted.append("spike")  # last year's spike, repeated, is one again
            if previous is not None and "copy" in planted:
                report.sections = _replace_year(previous, year - 1, year)
            if rng.random() < o.late_rate:
                report.publication_date = dt.date(year + 1, rng.randint(2, 5), 10)
                planted.append("late")
            # (a repeated year stays identical: no broken total on top of it)
            if rng.random() < o.broken_rate and "repeat" not in planted:
                report.table3["granted"]["natural_person"] += 1  # totals no longer add up
                planted.append("broken")
            for kind in planted:
                truth.planted.append({"agency_id": agency.id, "year": year, "kind": kind})
            spiked = "spike" in planted
            carried = dict(report.table3["carried_forward"])
            carried.pop("total", None)
            name = printed_name(agency, year, rng)
            report.agency = name
            report.title = f"{name}{year}年政府信息公开工作年度报告"
            sources = ["html"] + (["pdf"] if rng.random() < o.duplicate_rate else [])
            for source in sources:
                variant = report
                if source == "pdf":
                    variant = copy.deepcopy(report)
                    variant.table2["administrative_penalty"] += 1  # the PDF read one cell otherwise
                result = _result(variant, agency, year, source)
                sink.add(result)
                truth.reports.append(
                    {
                        "sha256": result["sha256"],
                        "agency_id": agency.id,
                        "year": year,
                        "printed": name,
                        "source": source,
                    }
                )
            previous = report
    sink.flush()
    _plant_cross_copies(sink, truth, rng, o)
    _write(out, sink, truth, o)
    return truth


class _Sink:
    """The tables as they grow, turned into frames every few thousand reports so that a
    100,000-report corpus never holds its JSON in memory (only with ``write_json``)."""

    def __init__(self, keep_results: bool) -> None:
        self.keep = keep_results
        self.results: list[dict[str, Any]] = []
        self.rows: list[dict[str, Any]] = []
        self.texts: list[dict[str, Any]] = []
        self.findings: list[dict[str, Any]] = []
        self.frames: list[pl.DataFrame] = []
        self.text_frames: list[pl.DataFrame] = []

    def add(self, result: dict[str, Any]) -> None:
        self.rows.append(wide_row(result))
        self.findings += finding_rows(result)
        self.texts += [
            {"sha256": result["sha256"], "section": s["key"], "text": s["text"]}
            for s in result["report"]["sections"]
        ]
        if self.keep:
            self.results.append(result)
        if len(self.rows) >= 5000:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.frames.append(pl.DataFrame(self.rows, infer_schema_length=None))
            self.text_frames.append(pl.DataFrame(self.texts))
            self.rows, self.texts = [], []


def _draw_planted(
    rng: random.Random, o: Options, previous: AnnualReport | None, agency: Agency
) -> list[str]:
    if previous is None:
        return []
    leaves = [
        previous.table3[row][col]
        for row in (*L.T3_OUTCOME_ROWS, "carried_over")
        for col in L.T3_APPLICANT_COLUMNS
    ] + [previous.table4[f"{b}_{leaf}"] for b in L.T4_BLOCKS for leaf in L.T4_LEAVES]
    # Planted only where anyone could see them: a repeated year of zeros or a small
    # agency's jump of a few applications is no anomaly.
    eligible = {
        "spike": agency.size >= 3,
        "repeat": sum(1 for v in leaves if v) >= 12,
        "copy": True,
    }
    kinds = [k for k, ok in eligible.items() if ok and rng.random() < o.anomaly_rate]
    if "spike" in kinds and "repeat" in kinds:
        kinds.remove("spike")
    return kinds


def _result(report: AnnualReport, agency: Agency, year: int, source: str) -> dict[str, Any]:
    report.findings = run_checks(report)
    data = report_to_json(report)
    sha = hashlib.sha256(f"{agency.id}/{year}/{source}".encode()).hexdigest()
    status = "findings" if any(f["severity"] == "error" for f in data["findings"]) else "clean"
    path = f"synthetic/{agency.id:06d}-{year}.{source}"
    return {"path": path, "sha256": sha, "status": status, "report": data}


def _plant_cross_copies(sink: _Sink, truth: Truth, rng: random.Random, o: Options) -> None:
    """Copy one agency's 存在的主要问题 section into another agency's report of that year."""
    by_year: dict[int, list[int]] = {}
    for i, row in enumerate(truth.reports):
        if row["source"] == "html":
            by_year.setdefault(row["year"], []).append(i)
    planted = {(p["agency_id"], p["year"]) for p in truth.planted}
    planted |= {(r["agency_id"], r["year"]) for r in truth.reports if r["source"] == "pdf"}
    # a year copied into the next must stay as it was copied
    planted |= {(p["agency_id"], p["year"] - 1) for p in truth.planted if p["kind"] == "copy"}
    pairs: dict[str, str] = {}  # destination sha → source sha
    for year, rows in by_year.items():
        for _ in range(round(len(rows) * o.anomaly_rate)):
            src, dst = rng.sample(rows, 2)
            s, d = truth.reports[src], truth.reports[dst]
            if (d["agency_id"], year) in planted or (s["agency_id"], year) in planted:
                continue
            pairs[d["sha256"]] = s["sha256"]
            planted |= {(d["agency_id"], year), (s["agency_id"], year)}
            truth.planted.append({"agency_id": d["agency_id"], "year": year, "kind": "cross_copy"})
            # the agency copied from shows the same text: finding it is no false alarm
            truth.planted.append(
                {"agency_id": s["agency_id"], "year": year, "kind": "cross_copy_source"}
            )
    texts = pl.concat(sink.text_frames)
    problems = texts.filter(pl.col("section") == "problems")
    copied = (
        pl.DataFrame({"sha256": list(pairs), "src": list(pairs.values())})
        .join(problems.select(src="sha256", copied="text"), on="src")
        .select("sha256", "copied", section=pl.lit("problems"))
    )
    texts = texts.join(copied, on=["sha256", "section"], how="left").select(
        "sha256", "section", text=pl.coalesce("copied", "text")
    )
    sink.text_frames = [texts]
    by_sha = {r["sha256"]: r for r in sink.results}
    for dst, text in copied.select("sha256", "copied").iter_rows():
        for section in by_sha[dst]["report"]["sections"] if dst in by_sha else ():
            if section["key"] == "problems":
                section["text"] = text


def _agency_truth(a: Agency) -> dict[str, Any]:
    d = asdict(a)
    d.pop("style")
    return d


def _write(out: Path, sink: _Sink, truth: Truth, o: Options) -> None:
    out.mkdir(parents=True, exist_ok=True)
    reports = pl.concat(sink.frames, how="diagonal_relaxed")
    findings = pl.DataFrame(sink.findings, infer_schema_length=None)
    cell_cols = [c for c in reports.columns if c.startswith("table")]
    cells = reports.unpivot(
        cell_cols, index=["source_file", "sha256", "agency", "year"], variable_name="cell"
    ).with_columns(state=pl.lit(""), inferred=pl.lit(False))
    for name, frame in (("reports", reports), ("findings", findings), ("cells", cells)):
        frame.write_parquet(out / f"{name}.parquet")
        if name != "cells" or frame.height < 2_000_000:
            frame.write_csv(out / f"{name}.csv")
    sink.text_frames[0].write_parquet(out / "narratives.parquet")
    if o.write_json:
        (out / "reports").mkdir(exist_ok=True)
        for r in sink.results:
            (out / "reports" / f"{r['sha256']}.json").write_text(
                json.dumps(r, ensure_ascii=False), "utf-8"
            )
    overrides = [
        {
            "name": _key(a["county"] or a["city"], "城市管理局").replace("和综合执法", ""),
            "key": a["key"],
        }
        for a in truth.agencies
        if a["suffix"] == "城市管理局" and a["level"] != "省级"
    ]
    truth.overrides = overrides
    pl.DataFrame(overrides or None, schema={"name": pl.String, "key": pl.String}).write_csv(
        out / "overrides.csv"
    )
    counts = {"reports": reports.height, "cells": cells.height, "findings": findings.height}
    summary = {"files": reports.height, "synthetic": True, "tables": counts}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
    (out / "truth.json").write_text(json.dumps(asdict(truth), ensure_ascii=False), "utf-8")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="also write reports/<sha256>.json")
    args = parser.parse_args()
    truth = generate(args.out, Options(reports=args.reports, seed=args.seed, write_json=args.json))
    print(f"{len(truth.reports)} report rows, {len(truth.agencies)} agencies → {args.out}")


if __name__ == "__main__":
    main()


FAMILIES = {"peer": "spike", "history": "spike", "repeat": "repeat", "copy": "copy"}
FAMILIES["cross_copy"] = "cross_copy"


@dataclass
class Score:
    planted: int
    recalled: int
    detected: int
    correct: int

    @property
    def recall(self) -> float:
        return self.recalled / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.detected if self.detected else 1.0


def score_anomalies(found: pl.DataFrame, truth: Truth) -> dict[str, Score]:
    """Recall and precision of the explorer's anomalies against the planted ones, per
    family, an (agency, year) counted once per family."""
    key = {a["id"]: a["key"] for a in truth.agencies}
    planted = pl.DataFrame(
        [
            {"agency": key[p["agency_id"]], "year": p["year"], "kind": p["kind"]}
            for p in truth.planted
        ],
        schema={"agency": pl.String, "year": pl.Int32, "kind": pl.String},
    )
    found = found.with_columns(family=pl.col("type").replace_strict(FAMILIES))
    scores = {}
    for family in ("spike", "repeat", "copy", "cross_copy"):
        accepted = [family] + (["cross_copy_source"] if family == "cross_copy" else [])
        truth_rows = planted.filter(pl.col("kind") == family).unique(["agency", "year"])
        ok = planted.filter(pl.col("kind").is_in(accepted)).select("agency", "year")
        detected = found.filter(pl.col("family") == family).unique(["agency", "year"])
        scores[family] = Score(
            planted=truth_rows.height,
            recalled=truth_rows.join(detected, on=["agency", "year"], how="semi").height,
            detected=detected.height,
            correct=detected.join(ok, on=["agency", "year"], how="semi").height,
        )
    return scores


def load_truth(out: Path) -> Truth:
    return Truth(**json.loads((out / "truth.json").read_text("utf-8")))
