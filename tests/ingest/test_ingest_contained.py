"""``gongkai ingest --contained``: each file read in a child process under the web upload's
limits; the readable files give the same reports, a hostile one is recorded as unreadable
with the child's Chinese reason and the run goes on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hostile_files import ELF

from gongkai.cli.main import main
from gongkai.core.parsing import sandbox
from gongkai.ingest.pipeline import ingest

SEED_DIR = Path(__file__).parents[1] / "fixtures" / "seeds"


def reports(out: Path) -> dict[str, dict[str, object]]:
    found = {}
    for path in (out / "reports").glob("*.json"):
        result = json.loads(path.read_text("utf-8"))
        found[Path(result["path"]).name] = result
    return found


def test_contained_ingest_reads_the_same_and_refuses_the_hostile_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for seed in sorted(SEED_DIR.glob("00[23]_*.txt")):
        shutil.copy(seed, src / seed.name)
    (src / "report.pdf").write_bytes(ELF)  # an executable named .pdf
    children: list[str] = []
    real = sandbox.run_contained

    def counted(data: bytes, name: str | None, limits: sandbox.ProcessLimits) -> object:
        children.append(Path(name or "").name)
        return real(data, name, limits)

    monkeypatch.setattr(sandbox, "run_contained", counted)
    ingest(src, tmp_path / "direct", workers=1)
    assert children == []
    summary = ingest(src, tmp_path / "contained", workers=1, contained=True).to_json()
    assert sorted(children) == sorted(p.name for p in src.iterdir())
    assert summary["unreadable"] == 1
    direct, contained = reports(tmp_path / "direct"), reports(tmp_path / "contained")
    assert "可执行程序" in str(contained["report.pdf"]["error"])
    for name in direct:
        if name != "report.pdf":
            assert contained[name]["report"] == direct[name]["report"]


def test_the_ingest_command_takes_contained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(next(SEED_DIR.glob("002_*.txt")), src / "a.txt")
    out = tmp_path / "ds"
    assert main(["ingest", str(src), "--out", str(out), "--workers", "1", "--contained"]) == 0
    assert "读取无误" in capsys.readouterr().out
