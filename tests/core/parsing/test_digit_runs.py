"""Splitting glued digit runs by a row's identities (gongkai.core.parsing.digit_runs)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.parsing.digit_runs import RowShape, split_run
from gongkai.core.parsing.read import report_from_text

T3 = RowShape(7, ((6, (0, 1, 2, 3, 4, 5)),))
T4 = RowShape(15, tuple((b + 4, (b, b + 1, b + 2, b + 3)) for b in (0, 5, 10)))


def test_the_issue_examples() -> None:
    # 120/3/0/0/1/1/125 is the only split whose total is the sum of the rest
    assert split_run(["12030011125"], T3).options == [(120, 3, 0, 0, 1, 1, 125)]
    # two splits fit: the table, not the row, has to decide
    assert sorted(split_run(["1100001021"], T3).options) == [
        (1, 10, 0, 0, 0, 10, 21),
        (11, 0, 0, 0, 0, 10, 21),
    ]
    # 表二 rows have no identity: every split is a reading
    assert sorted(split_run(["1217"], RowShape(3)).options) == [(1, 2, 17), (1, 21, 7), (12, 1, 7)]


def test_spaces_are_boundaries_and_may_stand_for_an_empty_cell() -> None:
    # (20, empty, 0, 0, 0, 0, 2) would need an empty cell of -18
    assert split_run(["20", "0", "0", "0", "02"], T3).options == [(2, 0, 0, 0, 0, 0, 2)]
    with_blank = split_run(["1", "00001"], T3).options
    assert (1, None, 0, 0, 0, 0, 1) in with_blank
    # both an empty cell and a full split can fit: the table has to decide
    both = split_run(["17", "18", "0", "0", "0", "35"], T3).options
    assert (17, None, 18, 0, 0, 0, 35) in both and (1, 7, 18, 0, 0, 0, 26) not in both


def test_a_run_of_spaces_may_stand_for_as_many_empty_cells() -> None:
    # 表四 "0  0007071403003": 复议 printed (0, empty, empty, 0, 0)
    pieces = ["0", "0007071403003"]
    printed = (0, None, None, 0, 0, 0, 7, 0, 7, 14, 0, 3, 0, 0, 3)
    assert printed not in split_run(pieces, T4).options  # one space: one empty cell at most
    two = split_run(pieces, T4, spaces=[0, 2]).options
    assert printed in two
    # a space before the first figure: the row may begin with an empty cell
    assert (None, 0, None, 0, 0, *printed[5:]) in split_run(pieces, T4, spaces=[1, 1]).options
    assert all(o[0] is not None for o in split_run(pieces, T4, spaces=[0, 1]).options)
    # spaces after the last figure: the row may end with empty cells
    zeros = ["0" * 13]
    assert (None, *(0,) * 13, None) in split_run(zeros, T4, spaces=[1], trailing=1).options
    assert all(o[-1] is not None for o in split_run(zeros, T4, spaces=[2]).options)


def test_a_row_that_breaks_its_total_still_gets_every_split() -> None:
    splits = split_run(["1112"], RowShape(3, ((2, (0, 1)),)))
    assert not splits.by_identity
    assert sorted(splits.options) == [(1, 1, 12), (1, 11, 2), (11, 1, 2)]


def test_too_many_readings_are_reported_as_incomplete() -> None:
    splits = split_run(["1" * 40], RowShape(15), limit=100)
    assert not splits.complete


@given(st.lists(st.integers(0, 999), min_size=1, max_size=6))
def test_every_split_keeps_the_digits_and_the_original_is_among_them(counts: list[int]) -> None:
    digits = "".join(str(c) for c in counts)
    splits = split_run([digits], RowShape(len(counts)), limit=10**6)
    assert tuple(counts) in splits.options
    assert all("".join(map(str, s)) == digits for s in splits.options)


@given(st.lists(st.lists(st.integers(0, 300), min_size=4, max_size=4), min_size=3, max_size=3))
def test_table4_runs_split_by_their_block_totals(blocks: list[list[int]]) -> None:
    row = [v for block in blocks for v in (*block, sum(block))]
    splits = split_run(["".join(map(str, row))], T4)
    assert splits.by_identity and splits.complete
    assert tuple(row) in splits.options
    for option in splits.options:
        assert all(option[b + 4] == sum(option[b : b + 4]) for b in (0, 5, 10))  # type: ignore[misc]


@given(st.lists(st.integers(0, 500), min_size=6, max_size=6), st.randoms())
def test_table3_rows_with_stray_spaces(counts: list[int], rnd: object) -> None:
    row = [*counts, sum(counts)]
    text = [str(v) for v in row]
    pieces: list[str] = []
    for cell in text:  # glue some neighbours, keep a space between others
        if pieces and rnd.random() < 0.6:  # type: ignore[attr-defined]
            pieces[-1] += cell
        else:
            pieces.append(cell)
    assert tuple(row) in split_run(pieces, T3).options


SEED_002 = Path(__file__).parents[2] / "fixtures" / "seeds" / "002_609754103a67afab.txt"


def _crawler(text: str) -> str:
    """A crawler's form of a report: header lines, then the body on one line, no spaces."""
    body = re.sub(r"[\s|]+", "", text)
    header = "标题:莆田市公安局2022年政府信息公开工作年度报告\nURL:http://x.invalid/1\n"
    return f"{header}==== 正文 ====\n{body}\n"


def test_an_undecided_split_names_its_readings() -> None:
    report = report_from_text(_crawler(SEED_002.read_text("utf-8")))
    finding = next(f for f in report.errors() if f.rule == "VALUE-AMBIGUOUS")
    assert "table2.normative_documents.issued" in finding.where
    assert "可能的读法：6/0/26；60/2/6。" in finding.message
    assert report.table2["normative_documents"] == {
        "issued": None,
        "repealed": None,
        "in_force": None,
    }


def test_the_narrative_decides_a_split_and_says_so() -> None:
    text = SEED_002.read_text("utf-8").replace(
        "一、总体情况", "一、总体情况\n现行有效规范性文件26件。", 1
    )
    report = report_from_text(_crawler(text))
    assert report.table2["normative_documents"] == {"issued": 6, "repealed": 0, "in_force": 26}
    finding = next(f for f in report.findings if f.rule == "VALUE-FROM-NARRATIVE")
    assert finding.severity.value == "warning"
    assert "table2.normative_documents.in_force" in finding.where
    # the rest of the crawler form reads as the seed does
    seed = report_from_text(SEED_002.read_text("utf-8"))
    assert report.table3 == seed.table3 and report.table4 == seed.table4


def test_a_narrative_figure_that_only_narrows_a_row_claims_no_decision() -> None:
    # "行政规范性文件391521" with "现行有效规范性文件21件": 21 in force leaves 3/915/21,
    # 39/15/21 and 391/5/21. The row stays undecided and is flagged as such; the report
    # must not say the narrative chose a reading (it once said "现行有效件数为None").
    text = SEED_002.read_text("utf-8").replace(
        "一、总体情况", "一、总体情况\n现行有效规范性文件21件。", 1
    )
    text = re.sub(r"行政规范性文件[\s|]*6[\s|]*0[\s|]*26", "行政规范性文件391521", text, count=1)
    assert "行政规范性文件391521" in text
    report = report_from_text(_crawler(text))
    assert report.table2["normative_documents"]["in_force"] is None
    assert not [f for f in report.findings if f.rule == "VALUE-FROM-NARRATIVE"]
    finding = next(f for f in report.errors() if f.rule == "VALUE-AMBIGUOUS")
    assert "3/915/21；39/15/21；391/5/21" in finding.message


def test_a_row_split_around_an_empty_cell_is_flagged_as_a_whole() -> None:
    # "2.重复申请  0071219": two cells printed empty, one space each; the split that reads
    # one empty cell and infers it rests on the arithmetic, so the whole row is named
    path = Path(__file__).parents[2] / "fixtures" / "documents" / "crawler-blank-cells.txt"
    report = report_from_text(path.read_text("utf-8"))
    named = {p for f in report.findings for p in f.where}
    row = "table3.not_processed_repeat"
    assert row in named or all(f"{row}.{c}" in named for c in report.table3[row] or {})
    assert report.table3["denied_third_party"] == {
        "natural_person": 0,
        "commercial_enterprise": 1,
        "research_institution": 15,
        "social_welfare_org": 0,
        "legal_service_org": 0,
        "other_org": 0,
        "total": 16,
    }
