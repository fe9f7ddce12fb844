"""Invariants of the text reader: it never raises, and its output is always valid JSON."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.parsing.read import report_from_text
from gongkai.core.report.jsonio import report_from_json, report_to_json, validate

SEED_TEXT = (
    Path(__file__).parents[2] / "fixtures" / "seeds" / "001_d5d9f9b4a97d8bd5.txt"
).read_text("utf-8")
FRAGMENTS = [
    "一、本年新收政府信息公开申请数量",
    "（七）总计",
    "3.其他",
    "行政复议",
    "结果维持",
    "总计",
    "\t",
    "\n",
    " |",
    "||",
    "0",
    "7",
    "12",
    "1,234",
    "第二十条第（一）项",
    "规章",
    "行政许可",
    "二、主动公开政府信息情况",
    "四、结转下年度继续办理",
    "[bookmark: _GoBack]",
    "１２",
    "—",
]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    report = report_from_text(text)
    validate(report_to_json(report))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=120))
def test_table_like_noise_never_raises(parts: list[str]) -> None:
    report = report_from_text("".join(parts))
    data = report_to_json(report)
    validate(data)
    assert report_to_json(report_from_json(data)) == data


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(SEED_TEXT) - 1), st.integers(1, 200))
def test_a_damaged_real_report_never_raises(start: int, length: int) -> None:
    damaged = SEED_TEXT[:start] + SEED_TEXT[start + length :]
    report = report_from_text(damaged)
    validate(report_to_json(report))


def test_parsed_seed_round_trips_through_json_exactly() -> None:
    report = report_from_text(SEED_TEXT)
    data = report_to_json(report)
    again = report_from_json(data)
    assert again == report
    assert report_to_json(again) == data
