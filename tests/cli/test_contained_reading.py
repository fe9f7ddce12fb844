"""``gongkai check/parse --contained``: files of unknown origin read in a child process under
the web upload's limits, with the same results as reading them in-process."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hostile_files import ELF

from gongkai.cli.main import main
from gongkai.core.parsing import sandbox

SEED_DIR = Path(__file__).parents[1] / "fixtures" / "seeds"


def _seed(prefix: str) -> str:
    return str(next(SEED_DIR.glob(f"{prefix}_*.txt")))


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read in a child process."""
    started: list[str] = []
    real = sandbox.run_contained

    def counted(data: bytes, name: str | None, limits: sandbox.ProcessLimits) -> object:
        started.append(name or "")
        return real(data, name, limits)

    monkeypatch.setattr(sandbox, "run_contained", counted)
    return started


def test_check_contained_gives_the_same_findings(
    capsys: pytest.CaptureFixture[str], children: list[str]
) -> None:
    paths = [_seed("003"), "--previous", _seed("002"), "-j", "1"]
    in_process = main(["check", *paths]), capsys.readouterr().out
    assert children == []
    contained = main(["check", *paths, "--contained"]), capsys.readouterr().out
    # The same findings; a cross-year one is checked in this process on the report the
    # child returned (JSON), which keeps no source line numbers.
    assert contained == (in_process[0], re.sub(r"第\d+行 (\[XYEAR-)", r"\1", in_process[1]))
    assert "XYEAR-" in contained[1]
    assert children == [_seed("002"), _seed("003")]  # the previous report, then the report


def test_parse_contained_gives_the_same_json(
    capsys: pytest.CaptureFixture[str], children: list[str]
) -> None:
    assert main(["parse", _seed("002")]) == 0
    direct = json.loads(capsys.readouterr().out)
    assert main(["parse", _seed("002"), "--contained"]) == 0
    assert json.loads(capsys.readouterr().out) == direct
    assert children == [_seed("002")]


def test_a_hostile_file_is_refused_in_chinese_and_the_batch_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, children: list[str]
) -> None:
    hostile = tmp_path / "report.pdf"
    hostile.write_bytes(ELF)  # an executable named .pdf
    status = main(["check", str(hostile), _seed("002"), "-j", "1", "--contained"])
    captured = capsys.readouterr()
    assert status == 2
    assert "可执行程序" in captured.err and "莆田市公安局" in captured.out
    assert len(children) == 2
