"""The ``gongkai parse`` and ``gongkai check`` commands as a user runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from gongkai.cli.main import main

SEED_DIR = Path(__file__).parents[1] / "fixtures" / "seeds"


def _seed(prefix: str) -> str:
    return str(next(SEED_DIR.glob(f"{prefix}_*.txt")))


def test_parse_one_input_prints_one_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", _seed("002")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agency"] == "莆田市公安局"
    assert data["table3"]["new_received"]["total"] == 19


def test_parse_several_inputs_prints_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED_DIR / "00[23]_*.txt")]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert [json.loads(x)["year"] for x in lines] == [2022, 2023]


def test_parse_directory_as_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for prefix in ("000", "004"):
        (tmp_path / f"{prefix}.txt").write_text(Path(_seed(prefix)).read_text("utf-8"))
    assert main(["parse", str(tmp_path), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.strip().split("\n")
    header = rows[0].split(",")
    assert "table3.new_received.total" in header and len(rows) == 3


def test_a_folder_under_a_hidden_one_is_read_but_hidden_files_in_it_are_not(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A crawler's output often lies under a hidden folder (~/.cache/crawl): before, every
    # file of such a folder was skipped, and the batch printed nothing at all.
    folder = tmp_path / ".cache" / "crawl"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    text = Path(_seed("000")).read_text("utf-8")
    for name in ("a.txt", "sub/b.txt", ".git/c.txt", ".hidden.txt"):
        (folder / name).write_text(text)
    assert main(["parse", str(folder), "--format", "csv"]) == 0
    files = [row.split(",")[0] for row in capsys.readouterr().out.strip().split("\n")[1:]]
    assert files == [str(folder / "a.txt"), str(folder / "sub" / "b.txt")]


def test_parse_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = Path(_seed("003")).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["parse", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["agency"] == "三门峡市陕州区公安局"


def test_a_bad_file_never_aborts_a_batch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    status = main(["parse", str(missing), _seed("002")])
    out, err = capsys.readouterr()
    assert status == 2
    assert "找不到文件" in err and "Traceback" not in err
    assert json.loads(out.strip())["agency"] == "莆田市公安局"


def test_check_clean_report_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", _seed("002")]) == 0
    out = capsys.readouterr().out
    assert "莆田市公安局 2022年度报告" in out
    assert "[CELL-" not in out and "[T3-" not in out


def test_check_groups_findings_and_exits_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", _seed("001")]) == 1
    out = capsys.readouterr().out
    assert "表三 收到和处理政府信息公开申请情况" in out
    assert "错误 第85行 [CELL-MISSING]" in out
    assert "表四 行政复议、行政诉讼情况" in out


def test_check_finds_the_xingning_narrative_contradiction(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", _seed("004")]) == 1
    out = capsys.readouterr().out
    assert "行政复议" in out and "[NARR-" in out


def test_check_unreadable_input_exits_two(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage without objects")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "无法读取" in err and "Traceback" not in err


def test_check_with_previous_year(capsys: pytest.CaptureFixture[str]) -> None:
    # 莆田 2022 as the previous year of a 2023 report: the carried-over row must match.
    status = main(["check", _seed("003"), "--previous", _seed("002")])
    assert status in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_parse_reads_an_ofd_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from gongkai.core.parsing.read import report_from_text
    from tests.core.parsing.ofd_builder import report_ofd

    seed = report_from_text(Path(_seed("002")).read_text("utf-8"))
    path = tmp_path / "莆田.ofd"
    path.write_bytes(report_ofd(seed))
    assert main(["parse", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["format"] == "ofd"
    assert data["agency"] == "莆田市公安局"
    assert data["table3"]["new_received"]["total"] == 19
