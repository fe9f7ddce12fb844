"""The five real reports read cell for cell, with exactly their known defects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.core.parsing.read import report_from_text
from gongkai.core.report.jsonio import report_to_json

SEED_DIR = Path(__file__).parents[2] / "fixtures" / "seeds"
SEEDS = sorted(SEED_DIR.glob("0*.txt"))


def _read(path: Path) -> dict:
    report = report_from_text(path.read_text("utf-8"), path.name)
    return report_to_json(report)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_reads_cell_for_cell(path: Path) -> None:
    expected_file = SEED_DIR.parent / "seeds-expected" / f"{path.name[:3]}.json"
    expected = json.loads(expected_file.read_text("utf-8"))
    got = _read(path)
    for key in ("format", "agency", "year", "publication_date", "period"):
        assert got[key] == expected[key], key
    assert got["table2"] == expected["table2"]
    for row, cells in expected["table3"].items():
        assert got["table3"][row] == cells, row
    assert got["table4"] == expected["table4"]
    assert got["provenance"] == expected["provenance"]
    assert sorted(got["inferred"]) == sorted(expected["inferred"])
    assert [[s["number"], s["key"]] for s in got["sections"]] == expected["sections"]
    errors = {f["rule"] for f in got["findings"] if f["severity"] == "error"}
    assert set(expected["errors"]) <= errors


def _errors(prefix: str) -> dict:
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    got = _read(path)
    return {"got": got, "errors": [f for f in got["findings"] if f["severity"] == "error"]}


def test_shaxian_defects_are_found() -> None:
    found = _errors("000")
    rules = {f["rule"]: f for f in found["errors"]}
    assert rules["CELL-MISSING"]["where"] == ["table3.carried_forward"]
    assert rules["CELL-MISSING"]["line"] == 83
    assert rules["ROW-MISSING"]["where"] == ["table2.regulations"]
    assert found["got"]["table2"]["regulations"] is None
    numbering = [f for f in found["errors"] if f["rule"] == "SECTIONS-NUMBERING"]
    assert any("「六」用了2次" in f["message"] for f in numbering)
    # the missing cell is determined by the table's arithmetic: every column is 0
    assert found["got"]["table3"]["carried_forward"] == dict.fromkeys(
        found["got"]["table3"]["carried_forward"], 0
    )


def test_yiyuan_defects_are_found() -> None:
    found = _errors("001")
    got = found["got"]
    missing = [f["where"] for f in found["errors"] if f["rule"] == "CELL-MISSING"]
    assert sorted(missing) == [["table3.denied_state_secret"], ["table3.unable_not_held"]]
    # the one placement the arithmetic allows: the 总计 cell is the missing one
    assert got["table3"]["unable_not_held"]["total"] == 6
    assert "table3.unable_not_held.total" in got["inferred"]
    blank = next(f for f in found["errors"] if f["rule"] == "CELL-BLANK")
    assert sorted(blank["where"]) == sorted(
        f"table4.review_{leaf}" for leaf in ("upheld", "corrected", "other", "pending", "total")
    )
    assert all(got["table4"][f"review_{leaf}"] is None for leaf in ("upheld", "total"))
    assert got["table4"]["suit_direct_total"] == 0


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_clean_seeds_have_no_errors(prefix: str) -> None:
    assert _errors(prefix)["errors"] == []


def test_xingning_table4_is_read() -> None:
    got = _errors("004")["got"]
    t4 = got["table4"]
    assert [t4[f"review_{k}"] for k in ("upheld", "corrected", "other", "pending", "total")] == [
        6,
        0,
        1,
        4,
        11,
    ]
    assert t4["suit_direct_total"] == 8 and t4["suit_after_review_total"] == 1


def test_findings_point_to_source_lines() -> None:
    found = _errors("001")
    assert all(f.get("line") for f in found["errors"] if f["rule"] != "ROW-MISSING")
