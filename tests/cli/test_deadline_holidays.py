"""``gongkai deadline --holidays``: years the calendar package does not know yet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli.main import main

NOTICE = "2027-01-01至2027-01-03 休息 元旦\n2027-02-06 上班 春节调休\n"


def test_without_the_notice_a_2027_deadline_is_an_explicit_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["deadline", "2026-12-20"]) == 2
    assert "没有2027年的工作日历数据" in capsys.readouterr().err


def test_an_entered_notice_counts_across_the_new_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    argv = ["deadline", "2026-12-20", "--holidays", f"2027={notice}", "--format", "json"]
    assert main(argv) == 0
    # 9 working days left in December 2026, 1–3 January 2027 off, then 11 more.
    assert json.loads(capsys.readouterr().out)["due_date"] == "2027-01-18"


@pytest.mark.parametrize(
    ("spec", "message"),
    [("2027", "年份=文件"), ("2027=/no/such/file", "无法读取"), ("abc=x", "年份=文件")],
)
def test_bad_holiday_options_get_a_clear_message(
    spec: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadline", "2026-12-20", "--holidays", spec]) == 2
    assert message in capsys.readouterr().err


def test_a_bad_line_in_the_notice_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = tmp_path / "2027.txt"
    notice.write_text("2027-01-01 休息 元旦\n2027-02-30 休息 错\n", encoding="utf-8")
    assert main(["deadline", "2026-12-20", "--holidays", f"2027={notice}"]) == 2
    assert "第2行" in capsys.readouterr().err
