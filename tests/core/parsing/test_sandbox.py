"""Hostile documents read in a child process under memory, CPU-time and output limits:
each is refused with a Chinese message, and neither the child nor this process grows past
the stated bound (512 MB for the child, 64 MB of growth for this process)."""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import pytest
from hostile_files import (
    ELF,
    MB,
    PE,
    billion_laughs_docx,
    huge_png,
    maxrss_mb,
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


@pytest.mark.parametrize(
    ("name", "build", "expected"),
    [
        ("bomb.pdf", lambda: pdf_bomb(1024 * MB), "内存"),
        ("bomb.docx", lambda: zip_bomb_docx(1024 * MB), "压缩炸弹"),
        ("laughs.docx", billion_laughs_docx, "DTD"),
        ("huge.png", huge_png, "像素"),
        ("renamed-elf.pdf", lambda: ELF, "可执行程序"),
        ("renamed-pe.pdf", lambda: PE, "可执行程序"),
    ],
)
def test_hostile_files_are_refused_within_the_memory_bound(
    name: str, build: object, expected: str
) -> None:
    assert callable(build)
    data = build()
    assert len(data) < 5 * MB  # small on disk; the bombs inflate to 1 GB
    before = maxrss_mb()
    with pytest.raises(InputError) as refused:
        read_report_contained(data, name, TIGHT)
    message = str(refused.value)
    assert _chinese(message) and expected in message, message
    children = maxrss_mb(resource.RUSAGE_CHILDREN)
    grown = maxrss_mb() - before
    print(f"{name}: child peak {children:.0f} MB, parent {maxrss_mb():.0f} MB (+{grown:.0f})")
    assert children < CHILD_BOUND_MB + 16  # the limit, plus pages counted before it applied
    assert grown < PARENT_GROWTH_MB


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
