"""Accuracy bench: reports in the degraded layouts the world sends, scored cell by cell.

    python bench/degraded.py [--count 200] [--office-count 10] [--pdf-count 3] [--seed 2024]
                             [--examples 3] [--families crawler-oneline,…,seeds]

For each layout family (``bench/degrade``) and format, ``--count`` random reports whose
tables satisfy every 勾稽 identity (seeded, the same every run) are written in that family
(variant drawn per report), read with ``read_report``, and every cell of 表二/表三/表四 is
scored: right, flagged (a finding names the cell, its row or its table, or the document
was refused with a message), or wrong without a finding; and per document whether the
agency and year read are the report's (``meta✗`` counts those that are not). LibreOffice
families (slow) use ``--office-count`` reports (half of them again in the 2019 format),
markitdown over the product's PDFs ``--pdf-count``; markitdown families run where
markitdown is installed. Last, the five real seeds in crawler one-line form, scored as
``shared/checks/seeds-in-the-wild``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench.degrade import BATCH_FAMILIES, TEXT_FAMILIES, Degraded, degrade, degrade_batch
from bench.degrade.office import markitdown_available
from bench.degrade.score import Score
from bench.sources import SOFFICE
from gongkai.core.errors import InputError
from gongkai.core.parsing.read import read_report
from gongkai.core.report import labels as L
from gongkai.core.report.jsonio import report_to_json
from gongkai.core.report.model import AnnualReport
from tests.builders import APPLICANTS, OUTCOME_ROWS, T4_LEAF_COLUMNS, consistent_report

SHARED = Path(__file__).parents[2] / "shared"
# Blank cells in two seeds that a reader may give as null (as seeds-in-the-wild has it).
NULL_OK = {
    "000_460303fb8f890711": frozenset({"carried_forward"}),
    "001_d5d9f9b4a97d8bd5": frozenset({"denied_state_secret", "unable_not_held"}),
}


def _counts(rng: random.Random) -> dict[str, int]:
    cols = rng.sample(APPLICANTS, rng.randint(0, 3))
    return {c: rng.randint(0, 30) for c in cols}


def random_report(rng: random.Random) -> AnnualReport:
    """As ``tests.builders.consistent_reports`` draws them, from a seeded ``Random``."""
    rows = rng.sample(OUTCOME_ROWS, rng.randint(0, 6))
    outcomes = {row: _counts(rng) for row in rows}
    forward = _counts(rng)
    carried = {}
    for col in APPLICANTS:
        room = sum(outcomes[r].get(col, 0) for r in rows) + forward.get(col, 0)
        carried[col] = rng.randint(0, room)
    leaves = {c: rng.randint(0, 12) for c in rng.sample(T4_LEAF_COLUMNS, rng.randint(0, 8))}
    return consistent_report(
        year=rng.randint(2021, 2025),
        agency=rng.choice(["某县公安局", "某市生态环境局", "某区人民政府办公室"]),
        outcomes=outcomes,
        carried_over=carried,
        carried_forward=forward,
        table4=leaves,
        normative=(rng.randint(0, 40), rng.randint(0, 40), rng.randint(0, 40)),
        numerals=rng.choice(["arabic", "spaced", "chinese"]),
    )


def read_json(data: bytes) -> dict | None:
    try:
        return report_to_json(read_report(data, "degraded"))
    except InputError:
        return None


def corpus(family: str, fmt: str, count: int, seed: int = 2024) -> list[Degraded]:
    """The bench's documents for a text family and format: the same every run, so a
    document the bench reports (``#index``) can be rebuilt by a test."""
    return [document(family, fmt, i, seed) for i in range(count)]


def document(family: str, fmt: str, index: int, seed: int = 2024) -> Degraded:
    """Document ``#index`` of the bench's corpus for a text family and format."""
    rng = random.Random(f"{seed}:{family}:{fmt}:{index}")
    return degrade(random_report(rng), family, rng.randrange(2**31), fmt=fmt)


def score_all(docs: list[Degraded]) -> Score:
    total = Score()
    for i, d in enumerate(docs):
        total.add(report_to_json(d.expected), read_json(d.data), f"{d.family}/{d.variant} #{i}")
    return total


def seeds_oneline() -> Score:
    """The five seeds as seeds-in-the-wild writes them: header, body on one line with
    every space, tab and pipe removed."""
    total = Score()
    if not (SHARED / "seeds").is_dir():
        print(f"    (no seeds: {SHARED} not found beside the project)")
    for exp_file in sorted((SHARED / "checks" / "expect").glob("*.json")):
        name = exp_file.stem
        exp = json.loads(exp_file.read_text("utf-8"))
        text = (SHARED / "seeds" / f"{name}.txt").read_text("utf-8")
        body = re.sub(r"[\s|]+", "", text)
        doc = (
            f"标题:{exp.get('agency', '')}{exp['year']}年政府信息公开工作年度报告\n"
            f"URL:http://example.invalid/{name}.html\n==== 正文 ====\n{body}\n"
        )
        total.add(exp, read_json(doc.encode("utf-8")), name[:3], NULL_OK.get(name, frozenset()))
    return total


def line(name: str, s: Score, seconds: float) -> str:
    return (
        f"{name:34} {s.documents:5} {s.total:7} {s.right:7} {s.flagged:7} {s.silent:6}"
        f" {s.percent_right:6.1f}% {s.refused:4} {s.wrong_meta:5} {seconds:6.1f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=200, help="reports per text family and format")
    ap.add_argument("--office-count", type=int, default=10, help="reports per LibreOffice family")
    ap.add_argument("--pdf-count", type=int, default=3, help="product PDFs for markitdown-pdf")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--examples", type=int, default=3, help="silent errors shown per family")
    ap.add_argument("--families", default="", help="comma-separated subset")
    args = ap.parse_args()
    wanted = set(filter(None, args.families.split(",")))
    print(
        f"{'family / format':34} {'docs':>5} {'cells':>7} {'right':>7} {'flagged':>7}"
        f" {'silent':>6} {'right%':>7} {'ref.':>4} {'meta✗':>5} {'sec':>6}"
    )
    rows: list[tuple[str, Score, float]] = []

    def run(name: str, make: object) -> None:
        start = time.perf_counter()
        s = make()  # type: ignore[operator]
        rows.append((name, s, time.perf_counter() - start))
        print(line(name, s, rows[-1][2]), flush=True)
        for e in s.examples[: args.examples]:
            print(f"    {e}")

    for family in TEXT_FAMILIES:
        if wanted and family not in wanted:
            continue
        for fmt in (L.FORMAT_2021, L.FORMAT_2019):
            docs = corpus(family, fmt, args.count, args.seed)
            run(f"{family} {fmt[-4:]}", lambda docs=docs: score_all(docs))
    batch = [f for f in BATCH_FAMILIES if not wanted or f in wanted]
    if not Path(SOFFICE).exists():
        batch = [f for f in batch if "lo" not in f and "libreoffice" not in f]
    if not markitdown_available():
        batch = [f for f in batch if not f.startswith("markitdown")]
    if batch:
        rng = random.Random(f"{args.seed}:office")
        office = [random_report(rng) for _ in range(args.office_count)]
        from bench.degrade.formats import to_2019

        office += [to_2019(r, rng) for r in office[: max(1, args.office_count // 2)]]
        for family in batch:
            # The product's PDFs cost WeasyPrint tens of seconds each on a busy machine.
            docs = office[: args.pdf_count] if family == "markitdown-pdf" else office
            run(family, lambda family=family, docs=docs: score_all(degrade_batch(docs, family)))
    if not wanted or "seeds" in wanted:
        run("seeds crawler-oneline (5 real)", seeds_oneline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
