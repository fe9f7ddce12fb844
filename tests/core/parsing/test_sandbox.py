"""Hostile documents read in a child process under memory, CPU-time and output limits:
each is refused with a Chinese message, and neither the child nor this process grows past
the stated bound (512 MB for the child, 64 MB of growth for this process)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_files import (
    ELF,
    MB,
    PE,
    billion_laughs_docx,
    huge_png,
    maxrss_mb,  # noqa: F401  (the probe below reads it from this module)
    pdf_bomb,
    zip_bomb_docx,
)

from gongkai.core.errors import InputError
from gongkai.core.parsing import sandbox
from gongkai.core.parsing.read import read_report
from gongkai.core.parsing.sandbox import ProcessLimits, read_report_contained

FIXTURES = Path(__file__).parents[2] / "fixtures" / "documents"
CHILD_BOUND_MB = 512  # the child's address space, so also its resident memory
PARENT_GROWTH_MB = 64
TIGHT = ProcessLimits(memory_bytes=CHILD_BOUND_MB * MB, cpu_seconds=30, wall_seconds=60.0)


def _chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_a_report_read_in_the_child_equals_one_read_in_process() -> None:
    data = (FIXTURES / "crawler-blank-cells.txt").read_bytes()
    contained = read_report_contained(data, "a.txt")
    direct = read_report(data, "a.txt")
    assert contained.year == direct.year and contained.table3 == direct.table3
    assert [f.rule for f in contained.findings] == [f.rule for f in direct.findings]
    assert contained.source["file"] == "a.txt" and contained.source["format"] == "text"


def test_a_refusal_inside_the_child_keeps_its_chinese_message() -> None:
    with pytest.raises(InputError, match="可执行程序（ELF）"):
        read_report_contained(ELF, "report.pdf", TIGHT)
    with pytest.raises(InputError, match="无法识别的文件格式"):
        read_report_contained(bytes(range(256)) * 16, "random.pdf", TIGHT)


CASES = {
    "bomb.pdf": (lambda: pdf_bomb(1024 * MB), "内存"),
    "bomb.docx": (lambda: zip_bomb_docx(1024 * MB), "压缩炸弹"),
    "laughs.docx": (billion_laughs_docx, "DTD"),
    "huge.png": (huge_png, "像素"),
    "renamed-elf.pdf": (lambda: ELF, "可执行程序"),
    "renamed-pe.pdf": (lambda: PE, "可执行程序"),
}
# Run in a fresh interpreter: the peak memory of "children" is the largest of every child
# a process ever waited for, so in the test process it would count earlier tests' children.
_PROBE = """
import importlib.util, json, resource, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
spec = importlib.util.spec_from_file_location("probe", sys.argv[3])
probe = importlib.util.module_from_spec(spec)
spec.loader.exec_module(probe)
build, _ = probe.CASES[sys.argv[4]]
data = build()
before = probe.maxrss_mb()
try:
    probe.read_report_contained(data, sys.argv[4], probe.TIGHT)
    message = None
except probe.InputError as refused:
    message = str(refused)
print(json.dumps({"message": message, "size": len(data),
    "children": probe.maxrss_mb(resource.RUSAGE_CHILDREN), "grown": probe.maxrss_mb() - before}))
"""


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_files_are_refused_within_the_memory_bound(name: str) -> None:
    tests = Path(__file__).parents[2]
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tests), str(tests.parent), __file__, name],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    message = result["message"]
    assert message is not None, f"{name} was read, not refused"
    assert result["size"] < 5 * MB  # small on disk; the bombs inflate to 1 GB
    assert _chinese(message) and CASES[name][1] in message, message
    print(f"{name}: child peak {result['children']:.0f} MB, parent +{result['grown']:.0f} MB")
    assert result["children"] < CHILD_BOUND_MB + 16  # the limit, plus pages counted before it
    assert result["grown"] < PARENT_GROWTH_MB


def test_the_size_cap_of_each_kind_applies_before_any_child_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox, "run_contained", lambda *a: pytest.fail("child started"))
    text = "政府信息公开工作年度报告\n".encode() * (11 * MB // 36)
    with pytest.raises(InputError, match="上限为10MB"):
        read_report_contained(text, "big.txt")
    with pytest.raises(InputError, match="文件是空的"):
        read_report_contained(b"", "empty.txt")


def test_output_and_wall_clock_limits_stop_the_child() -> None:
    data = (FIXTURES / "crawler-blank-cells.txt").read_bytes()
    with pytest.raises(InputError, match="读取结果超过"):
        read_report_contained(data, "a.txt", ProcessLimits(output_bytes=1024))
    with pytest.raises(InputError, match="秒仍未完成"):
        read_report_contained(data, "a.txt", ProcessLimits(wall_seconds=0.01))


def test_every_way_a_child_dies_has_a_chinese_message() -> None:
    limits = ProcessLimits()
    for code in (
        sandbox.EXIT_MEMORY,
        sandbox.EXIT_INTERNAL,
        -signal.SIGXCPU,
        -signal.SIGKILL,
        -signal.SIGXFSZ,
        -signal.SIGABRT,
        -signal.SIGSEGV,
        -signal.SIGTERM,
    ):
        assert _chinese(str(sandbox._refusal(code, limits, "")))
    assert "计算时间" in str(sandbox._refusal(-signal.SIGXCPU, limits, ""))
    assert "内存" in str(sandbox._refusal(sandbox.EXIT_MEMORY, limits, ""))


def test_the_kind_of_a_file_picks_its_limits() -> None:
    assert sandbox.prefix_kind(b"%PDF-1.7") == "pdf"
    assert sandbox.prefix_kind(b"\xff\xd8\xff\xe0") == "image"
    assert sandbox.prefix_kind(b"PK\x03\x04") == "zip"
    assert sandbox.prefix_kind(ELF) == "text"  # the child's sniff refuses it
    assert sandbox.limits_for(b"plain").memory_bytes < sandbox.limits_for(b"%PDF-").memory_bytes
