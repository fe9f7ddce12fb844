"""A synthetic corpus made by varying the five seed reports: random but consistent tables,
rendered in every text layout the readers handle."""

from __future__ import annotations

import copy
import random
from pathlib import Path

from gongkai.core.parsing.read import report_from_text
from gongkai.core.rendering.text import render_text
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport

SEED_DIR = Path(__file__).parents[1] / "tests" / "fixtures" / "seeds"
LAYOUTS = ("tabs", "pipes", "indented", "markdown", "lines")


def seed_reports() -> list[AnnualReport]:
    return [report_from_text(p.read_text("utf-8")) for p in sorted(SEED_DIR.glob("0*.txt"))]


def vary(base: AnnualReport, rng: random.Random) -> AnnualReport:
    """The base report with new, internally consistent figures."""
    r = copy.deepcopy(base)
    r.provenance, r.inferred, r.findings = {}, [], []
    # The seed's narrative is kept (realistic length); it states the seed's own figures,
    # so the narrative checks flag it against the new tables, as they should.
    r.table2 = {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {
            "issued": rng.randint(0, 9),
            "repealed": rng.randint(0, 5),
            "in_force": rng.randint(0, 60),
        },
        "administrative_license": rng.randint(0, 400000),
        "administrative_penalty": rng.randint(0, 300000),
        "administrative_coercion": rng.randint(0, 9000),
        "administrative_fees": f"{rng.randint(0, 999)}.{rng.randint(0, 9999):04d}",
    }
    table3: dict[str, dict[str, int]] = {row: {} for row in L.T3_ROWS}
    for col in L.T3_APPLICANT_COLUMNS:
        busy = col == "natural_person" or rng.random() < 0.3
        for row in L.T3_OUTCOME_ROWS:
            table3[row][col] = rng.choice([0, 0, 0, 1, 2, 5, 13]) if busy else 0
        table3["results_total"][col] = sum(table3[row][col] for row in L.T3_OUTCOME_ROWS)
        carried_over = rng.randint(0, 3) if busy else 0
        forward = rng.randint(0, 3) if busy else 0
        total_in = table3["results_total"][col] + forward
        carried_over = min(carried_over, total_in)
        table3["carried_over"][col] = carried_over
        table3["new_received"][col] = total_in - carried_over
        table3["carried_forward"][col] = forward
    for row in L.T3_ROWS:
        table3[row]["total"] = sum(table3[row][c] for c in L.T3_APPLICANT_COLUMNS)
    r.table3 = {row: table3[row] for row in L.T3_ROWS}
    for block in L.T4_BLOCKS:
        leaves = {leaf: rng.choice([0, 0, 1, 2, 4]) for leaf in L.T4_LEAVES}
        for leaf, value in leaves.items():
            r.table4[f"{block}_{leaf}"] = value
        r.table4[f"{block}_total"] = sum(leaves.values())
    return r


def build(count: int, seed: int = 2024) -> list[tuple[str, AnnualReport]]:
    rng = random.Random(seed)
    bases = [b for b in seed_reports() if b.format == L.FORMAT_2021]
    docs = []
    for _ in range(count):
        report = vary(rng.choice(bases), rng)
        docs.append((render_text(report, rng.choice(LAYOUTS)), report))
    return docs
