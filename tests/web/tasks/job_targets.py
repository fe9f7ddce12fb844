"""Functions the queue tests register as jobs."""

from __future__ import annotations

CALLS: list[dict[str, object]] = []


def record(**kwargs: object) -> None:
    CALLS.append(kwargs)


def explode(**kwargs: object) -> None:
    raise RuntimeError(f"模拟失败 {kwargs}")
