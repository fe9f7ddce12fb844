"""``gongkai deadline --consult``: a consultation pauses the clock at most 15 working days."""

from __future__ import annotations

import json

import pytest

from gongkai.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["deadline", *argv]) == 0
    return capsys.readouterr().out


def test_the_issue_example_is_capped_and_explained(capsys: pytest.CaptureFixture[str]) -> None:
    # Hand count (2026, 清明 4-4..4-6 off, no worked weekend in March/April): the cap keeps
    # 2026-03-03..03-23 (15 working days) paused; 20 + 15 = 35 working days after 03-02:
    # March 3..31 = 21, April 1..3 = 24, 7..10 = 28, 13..17 = 33, 20 = 34, 21 = 35.
    out = run(capsys, "2026-03-02", "--consult", "2026-03-03:2026-06-30")
    assert out.startswith("答复期限：2026-04-21\n")
    assert "暂停（征求第三方或其他机关意见）2026-03-03至2026-03-23，其中工作日15天" in out
    assert "征求意见至2026-06-30" in out and "答复期限为15个工作日" in out
    assert "只暂停至2026-03-23" in out


def test_a_plain_pause_is_not_capped(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "2026-03-02", "--pause", "2026-03-03:2026-06-30")
    assert out.startswith("答复期限：2026-07-28\n")


def test_a_short_consultation_counts_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(
        run(capsys, "2026-03-02", "--consult", "2026-03-03:2026-03-06", "--format", "json")
    )
    assert data["paused_working_days"] == 4
    assert not any("只暂停至" in step for step in data["steps"])


def test_consult_and_pause_together_merge(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["2026-03-02", "--consult", "2026-03-03:2026-06-30", "--pause", "2026-03-20:2026-03-27"]
    data = json.loads(run(capsys, *argv, "--format", "json"))
    # 03-03..03-23 (capped) and 03-20..03-27 merge into 03-03..03-27: 19 working days.
    assert data["paused_working_days"] == 19


def test_bad_consult_is_refused_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2026-03-02", "--consult", "2026-03-03"]) == 2
    assert "征求意见期间“2026-03-03”应写作 首日:末日" in capsys.readouterr().err
