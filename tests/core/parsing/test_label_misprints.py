"""Misprinted row labels are read by their place and likeness, and say so.

The seeds' own text, with one label misprinted the ways offices misprint them (a character
dropped, one swapped, two transposed, a distinctive word cut, the numbering lost, the label
run into its figures), in the seeds' own layouts (tabs, pipes) and as crawler text (the body
on one line, every space, tab and pipe removed): each reads exactly as the clean text does,
plus a PARSE-LABEL-ASSUMED warning naming the row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.parsing.label_match import assume_t3_row, similarity, split_numbering
from gongkai.core.parsing.read import report_from_text
from gongkai.core.parsing.row_labels import t3_row_key
from gongkai.core.rendering.text import LAYOUTS, render_text
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport
from tests.builders import consistent_reports

SEED_DIR = Path(__file__).parents[2] / "fixtures" / "seeds"
SEEDS = sorted(SEED_DIR.glob("0*.txt"))

# (name, pattern, replacement, the row it labels)
MISPRINTS = [
    ("dropped", r"(本机关|本单位)不掌握相关政府信息", r"\1不掌握相关政府信", "unable_not_held"),
    ("swapped", r"属于三类内部事务信息", "属于三类内部事物信息", "denied_internal_affairs"),
    ("transposed", r"属于四类过程性信息", "属于四类过性程信息", "denied_process_info"),
    ("word-cut", r"要求缴纳费用", "要求缴费用", "other_fee_unpaid"),
    (
        "numbering-lost",
        r"5\.\s*属于三类内部事务信息",
        "属于三类内部事物信息",
        "denied_internal_affairs",
    ),
    ("run-into-figures", r"重复申请[ \t|\n]*", "重夏申请", "not_processed_repeat"),
]


def _crawler(text: str) -> str:
    body = re.sub(r"[\s|]+", "", text)
    return (
        f"标题:{text.splitlines()[0]}\nURL:http://example.invalid/r.html\n==== 正文 ====\n{body}\n"
    )


def _read(text: str) -> AnnualReport:
    return report_from_text(text)


def _findings(report: AnnualReport, rule: str) -> list[list[str]]:
    return [f.where for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("form", ["layout", "crawler"])
@pytest.mark.parametrize("misprint", MISPRINTS, ids=lambda m: m[0])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_misprinted_label_reads_as_the_clean_one(
    seed: Path, misprint: tuple[str, str, str, str], form: str
) -> None:
    _, pattern, replacement, row = misprint
    clean = seed.read_text("utf-8")
    bad, n = re.subn(pattern, replacement, clean, count=1)
    assert n == 1, "the seed prints the label"
    if form == "crawler":
        clean, bad = _crawler(clean), _crawler(bad)
    expected, got = _read(clean), _read(bad)
    assert got.table3 == expected.table3
    assert got.table2 == expected.table2
    assert got.provenance == expected.provenance
    assert [f"table3.{row}"] in _findings(got, "PARSE-LABEL-ASSUMED")
    assert not _findings(expected, "PARSE-LABEL-ASSUMED")
    others = [f for f in got.findings if f.rule != "PARSE-LABEL-ASSUMED"]
    assert [(f.rule, f.where) for f in others] == [(f.rule, f.where) for f in expected.findings]


def test_the_finding_names_the_printed_text_and_the_standard_row() -> None:
    seed = SEEDS[0].read_text("utf-8").replace("三类内部事务", "三类内部事物")
    finding = next(f for f in _read(seed).findings if f.rule == "PARSE-LABEL-ASSUMED")
    assert finding.severity == "warning"
    assert "属于三类内部事物信息" in finding.message
    assert "（三）5.属于三类内部事务信息" in finding.message
    assert finding.line is not None


def test_group_headers_narrative_and_headers_are_never_assumed() -> None:
    rows = L.T3_ROWS
    for text in ("(三)不予公开", "(六)其他处理", "申请人情况", "法人或其他组织", "自然人", "总计"):
        assert assume_t3_row(text, rows, L.FORMAT_2021) is None, text
    long = "本机关不掌握相关政府信息的申请，已依法告知申请人并说明理由，" * 2
    assert assume_t3_row(long, rows, L.FORMAT_2021) is None


def test_a_label_like_two_expected_rows_is_not_assumed() -> None:
    # "其他法律行政法规禁止公开" and "属于国家秘密" differ; text half of each fits neither well
    assert (
        assume_t3_row(
            "2.属于行政法规", ("denied_state_secret", "denied_law_prohibited"), L.FORMAT_2021
        )
        is None
    )


def test_numbering_decides_between_near_rows() -> None:
    candidates = ("denied_enforcement_file", "denied_query_matter")
    assert assume_t3_row("7.属于行政执法案", candidates, L.FORMAT_2021) == "denied_enforcement_file"
    # numbering against the row needs a closer likeness
    assert (
        assume_t3_row("2.重夏申请", ("not_processed_repeat",), L.FORMAT_2021)
        == "not_processed_repeat"
    )
    assert assume_t3_row("4.重夏申请", ("not_processed_repeat",), L.FORMAT_2021) is None


def test_one_row_is_never_given_two_labels() -> None:
    text = SEEDS[2].read_text("utf-8")
    # two labels both close to 5.: the second, misprinted, must not take the row again
    bad = text.replace("6.属于四类过程性信息", "5.属于三类内部事物信息", 1)
    assert bad != text
    report = _read(bad)
    assumed = [w for w in _findings(report, "PARSE-LABEL-ASSUMED")]
    assert ["table3.denied_internal_affairs"] not in assumed


def test_similarity_is_symmetric_and_bounded() -> None:
    assert similarity("重复申请", "重复申请") == 1
    assert similarity("重复申请", "") == 0
    assert similarity("重申复请", "重复申请") == similarity("重复申请", "重申复请") == 0.75
    assert split_numbering("(四)无法提供") == ("四", "无法提供")


# -- the property: one random label mutated in a random valid report ------------------------

_NUMBERING = re.compile(r"^(?:[一二三四]、|（[一-七]）|\d\.)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _flagged(report: AnnualReport, path: str) -> bool:
    parts = path.split(".")
    prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return any(w in prefixes for f in report.findings for w in f.where)


def _mutate(label: str, kind: str, at: int, other: str) -> str:
    start = m.end() if (m := _NUMBERING.match(label)) else 0
    spots = [i for i in range(start, len(label)) if _CJK.match(label[i])]
    i = spots[at % len(spots)]
    if kind == "drop":
        return label[:i] + label[i + 1 :]
    if kind == "swap" or i + 1 >= len(label) or not _CJK.match(label[i + 1]):
        return label[:i] + other + label[i + 1 :]
    return label[:i] + label[i + 1] + label[i] + label[i + 2 :]  # transpose two


def _recognisable(label: str, row: str) -> bool:
    from gongkai.core.parsing.normalize import normalize_text

    text = normalize_text(label)
    return t3_row_key(text, None) == row or assume_t3_row(text, (row,), L.FORMAT_2021) == row


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    consistent_reports(),
    st.sampled_from(LAYOUTS),
    st.sampled_from(L.T3_ROWS),
    st.sampled_from(["drop", "swap", "transpose"]),
    st.integers(0, 40),
    st.sampled_from("的事务物性其公开处理"),
)
def test_every_cell_is_right_or_flagged_when_a_label_is_misprinted(
    report: AnnualReport, layout: str, row: str, kind: str, at: int, other: str
) -> None:
    text = render_text(report, layout)
    label = L.T3_ROW_LABELS[row]
    mutated = _mutate(label, kind, at, other)
    table_start = text.index(L.REPORT_SECTIONS[2])
    at_label = text.index(label, table_start)
    printed = text
    text = text[:at_label] + mutated + text[at_label + len(label) :]
    got = report_from_text(text)
    for r in L.T3_ROWS:
        for col in L.T3_COLUMNS:
            path = f"table3.{r}.{col}"
            if got.get(path) != report.get(path):
                assert _flagged(got, path), (mutated, path, got.get(path), report.get(path))
    if mutated != label and _recognisable(mutated, row):
        # Read as the row's own label reads it: the same counts, or the same doubt where
        # the glued digits split several ways (110000011: 11/0/…/11 or 1/10/…/11).
        assert got.table3[row] == report_from_text(printed).table3[row], mutated


@pytest.mark.parametrize("form", ["layout", "crawler"])
@pytest.mark.parametrize(
    ("printed", "misprint", "row"),
    [
        ("行政许可", "行政许课", "administrative_license"),
        ("行政处罚", "行政处伐", "administrative_penalty"),
        ("行政事业性收费", "行政事业收费", "administrative_fees"),
    ],
)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_misprinted_table2_label_reads_as_the_clean_one(
    seed: Path, printed: str, misprint: str, row: str, form: str
) -> None:
    clean = seed.read_text("utf-8")
    table2 = re.search(r"第二十条\s*第", clean)
    assert table2
    start = clean.index(printed, table2.start())
    bad = clean[:start] + misprint + clean[start + len(printed) :]
    if form == "crawler":
        clean, bad = _crawler(clean), _crawler(bad)
    expected, got = _read(clean), _read(bad)
    assert got.table2 == expected.table2
    assert [f"table2.{row}"] in _findings(got, "PARSE-LABEL-ASSUMED")


@pytest.mark.parametrize(
    ("printed", "misprint", "row"),
    [
        ("（六）其他处理", "（六）其它处理", "other_processing"),
        ("确认或重新出具", "确认或重新出据", "not_processed_confirm_reissue"),
        ("5.属于三类内部事务信息", "属于三类内部事物信息", "denied_internal_affairs"),
        ("（一）予以公开", "（一）予已公开", "granted"),
    ],
)
def test_a_misprinted_label_in_a_2019_format_report(printed: str, misprint: str, row: str) -> None:
    from tests.core.parsing.test_format_2019 import TEXT_2019

    bad = TEXT_2019.replace(printed, misprint, 1)
    assert bad != TEXT_2019
    expected, got = _read(TEXT_2019), _read(bad)
    assert got.table3 == expected.table3
    assert _findings(got, "PARSE-LABEL-ASSUMED") == [[f"table3.{row}"]]
    assert not got.errors()
