"""How many reader children may run at once, in this process and on the whole server.

Each reader child may take its memory limit (1.5 GB for a PDF), so twenty simultaneous uploads
must not start twenty of them. Two bounds apply, both ``GONGKAI_SANDBOX_CHILDREN`` (default 2):

- in the process, a bounded semaphore: its threads wait without polling;
- across processes, when ``GONGKAI_SANDBOX_SLOT_DIR`` names a folder (the web settings set it
  to the var dir's ``sandbox-slots``): one of that many lock files, held with ``flock``. A
  server runs several processes (gunicorn's workers, the job worker) on one var dir, and a
  per-process cap alone would let N processes run N times the setting. The kernel drops a
  dead process's locks, so a killed worker never leaves a slot taken.

A read waits up to ``GONGKAI_SANDBOX_WAIT_SECONDS`` (default 30) for both, then is refused
with a Chinese "busy" message instead of queueing without end.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gongkai.core.errors import InputError

try:
    import fcntl
except ImportError:  # Windows: the per-process bound is the only one
    fcntl = None  # type: ignore[assignment]

DEFAULT_CHILDREN = 2
DEFAULT_WAIT_SECONDS = 30.0
_POLL_SECONDS = 0.05
_slots_guard = threading.Lock()
_slots: tuple[int, threading.BoundedSemaphore] | None = None


def _setting(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value >= 0 else default


def max_children() -> int:
    """How many children may run at once (``GONGKAI_SANDBOX_CHILDREN``)."""
    return max(1, int(_setting("GONGKAI_SANDBOX_CHILDREN", DEFAULT_CHILDREN)))


def _busy() -> InputError:
    return InputError(
        f"服务器正在读取其他文件（同时读取的文件数已达上限{max_children()}个），请稍后再试。"
    )


def _process_slots() -> threading.BoundedSemaphore:
    global _slots
    with _slots_guard:
        size = max_children()
        if _slots is None or _slots[0] != size:  # a changed setting applies to later reads
            _slots = (size, threading.BoundedSemaphore(size))
        return _slots[1]


def _try_lock_one(folder: Path) -> int | None:
    """An open descriptor holding one free slot file's lock, or None if all are held."""
    assert fcntl is not None
    for number in range(max_children()):
        descriptor = os.open(folder / f"slot-{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by another process (or another thread's descriptor)
            os.close(descriptor)
            continue
        return descriptor
    return None


@contextmanager
def _server_slot(deadline: float) -> Iterator[None]:
    folder_setting = os.environ.get("GONGKAI_SANDBOX_SLOT_DIR", "").strip()
    if not folder_setting or fcntl is None:
        yield
        return
    folder = Path(folder_setting)
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = _try_lock_one(folder)
    while descriptor is None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _busy()
        time.sleep(min(_POLL_SECONDS, left))
        descriptor = _try_lock_one(folder)
    try:
        yield
    finally:
        os.close(descriptor)  # closing the last descriptor releases the flock


@contextmanager
def child_slot(wait_seconds: float | None = None) -> Iterator[None]:
    """Hold a child slot of this process and, if configured, of the server; InputError if
    none is free in time."""
    if wait_seconds is None:
        wait_seconds = _setting("GONGKAI_SANDBOX_WAIT_SECONDS", DEFAULT_WAIT_SECONDS)
    deadline = time.monotonic() + wait_seconds
    slots = _process_slots()
    if not slots.acquire(timeout=wait_seconds):
        raise _busy()
    try:
        with _server_slot(deadline):
            yield
    finally:
        slots.release()
