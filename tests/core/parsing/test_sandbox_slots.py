"""At most ``GONGKAI_SANDBOX_CHILDREN`` reader children run at once, in a process and across
the server's processes: twenty simultaneous uploads must not start twenty readers, each
allowed its memory limit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from gongkai.core.errors import InputError
from gongkai.core.parsing import child_slots, sandbox
from gongkai.core.parsing.sandbox import read_report_contained

REPORT = Path(__file__).parents[2] / "fixtures" / "documents" / "crawler-blank-cells.txt"


class CountingPopen(subprocess.Popen):  # type: ignore[type-arg]
    """subprocess.Popen that records how many of its children were alive at once."""

    lock = threading.Lock()
    alive = 0
    most = 0
    started = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with CountingPopen.lock:
            CountingPopen.alive += 1
            CountingPopen.started += 1
            CountingPopen.most = max(CountingPopen.most, CountingPopen.alive)

    def wait(self, timeout: float | None = None) -> int:
        code = super().wait(timeout)
        with CountingPopen.lock:
            CountingPopen.alive -= 1
        return code


def test_simultaneous_reads_start_no_more_children_than_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GONGKAI_SANDBOX_CHILDREN", "2")
    monkeypatch.setenv("GONGKAI_SANDBOX_WAIT_SECONDS", "300")
    monkeypatch.setattr(sandbox.subprocess, "Popen", CountingPopen)
    data = REPORT.read_bytes()
    with ThreadPoolExecutor(max_workers=6) as pool:
        reports = list(pool.map(lambda i: read_report_contained(data, f"{i}.txt"), range(6)))
    assert CountingPopen.started == 6 and CountingPopen.alive == 0
    assert CountingPopen.most == 2  # six at once, never more than two children
    assert {r.year for r in reports} == {reports[0].year} and reports[0].year is not None


def test_a_read_that_finds_no_free_slot_in_time_is_refused_in_chinese(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GONGKAI_SANDBOX_CHILDREN", "1")
    data = REPORT.read_bytes()
    with sandbox.child_slot():  # another upload is being read
        monkeypatch.setenv("GONGKAI_SANDBOX_WAIT_SECONDS", "0.2")
        with pytest.raises(InputError, match="同时读取的文件数已达上限1个"):
            read_report_contained(data, "a.txt")
    assert read_report_contained(data, "a.txt").year is not None  # the slot is free again


def test_a_bad_setting_falls_back_to_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("", "many", "-3"):
        monkeypatch.setenv("GONGKAI_SANDBOX_CHILDREN", value)
        assert child_slots.max_children() == child_slots.DEFAULT_CHILDREN
    monkeypatch.setenv("GONGKAI_SANDBOX_CHILDREN", "0")
    assert child_slots.max_children() == 1


HOLDER = """
import sys, time
from gongkai.core.parsing.child_slots import child_slot
with child_slot(wait_seconds=5):
    print("held", flush=True)
    time.sleep(60)
"""


def _hold_a_slot_in_another_process() -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_the_bound_holds_across_the_server_processes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GONGKAI_SANDBOX_SLOT_DIR", str(tmp_path / "slots"))
    monkeypatch.setenv("GONGKAI_SANDBOX_CHILDREN", "1")
    holder = _hold_a_slot_in_another_process()  # another gunicorn worker is reading a file
    try:
        with (
            pytest.raises(InputError, match="同时读取的文件数已达上限1个"),
            child_slots.child_slot(wait_seconds=0.3),
        ):
            pass
        monkeypatch.setenv("GONGKAI_SANDBOX_CHILDREN", "2")  # a second slot is free
        with child_slots.child_slot(wait_seconds=0.3):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_process_leaves_no_slot_taken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GONGKAI_SANDBOX_SLOT_DIR", str(tmp_path / "slots"))
    monkeypatch.setenv("GONGKAI_SANDBOX_CHILDREN", "1")
    holder = _hold_a_slot_in_another_process()
    os.kill(holder.pid, signal.SIGKILL)  # a worker killed mid-read, its slot never released
    holder.wait()
    with child_slots.child_slot(wait_seconds=2):
        pass


def test_a_read_waits_for_a_slot_another_process_frees(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GONGKAI_SANDBOX_SLOT_DIR", str(tmp_path / "slots"))
    monkeypatch.setenv("GONGKAI_SANDBOX_CHILDREN", "1")
    holder = _hold_a_slot_in_another_process()
    threading.Timer(0.5, holder.kill).start()
    try:
        with child_slots.child_slot(wait_seconds=30):  # waits, does not refuse
            pass
    finally:
        holder.wait()
