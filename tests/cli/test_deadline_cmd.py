"""``gongkai deadline`` as a user runs it."""

from __future__ import annotations

import json

import pytest

from gongkai.cli.main import main


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2025-09-30"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("答复期限：2025-11-04\n")
    assert "第1个工作日：2025-10-09（星期四；国庆节、中秋假期后）" in out


def test_json_output_with_pauses_and_extension(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadline", "2025-09-30", "--pause", "2025-10-10:2025-10-20", "--extend", "20"]
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due_date"] == "2025-12-12"
    assert data["steps"][0] == "收到申请之日（第0日）：2025-09-30（星期二）"
    assert data["steps"][-1] == "答复期限：2025-12-12（星期五）"
    assert all(isinstance(s, str) for s in data["steps"])


def test_spec_vector_with_extension(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2026-02-14", "--extend", "20", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["due_date"] == "2026-04-20"


def test_several_pauses_and_a_restart(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadline", "2025-03-03", "--restart", "2025-03-11", "--format", "json"]
    argv += ["--pause", "2025-03-04:2025-03-07", "--pause", "2025-03-10:2025-03-12"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["day0"] == "2025-03-11"
    assert data["paused_working_days"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["2025-02-30"], "不是有效日期"),
        (["yesterday"], "不是有效日期"),
        (["2025-09-30", "--extend", "21"], "不超过20个工作日"),
        (["2025-09-30", "--extend", "-1"], "延期天数"),
        (["2025-09-30", "--extend", "ten"], "不是整数"),
        (["2025-09-30", "--pause", "2025-10-10"], "首日:末日"),
        (["2025-09-30", "--pause", "2025-10-20:2025-10-10"], "早于开始日"),
        (["2025-09-30", "--format", "xml"], "输出格式"),
        (["2027-01-04"], "没有2027年的工作日历数据"),
    ],
)
def test_bad_input_is_a_chinese_error_with_status_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadline", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("错误：") and message in captured.err
    assert "Traceback" not in captured.err
