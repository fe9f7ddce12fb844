"""Rate limits written as ``N/unit`` (``5/hour``, ``30/min``, ``100/day``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_SECONDS = {
    "s": 1,
    "sec": 1,
    "min": 60,
    "m": 60,
    "hour": 3600,
    "h": 3600,
    "day": 86400,
    "d": 86400,
}
UNIT_WORDS = {1: "秒", 60: "分钟", 3600: "小时", 86400: "天"}
_RATE = re.compile(r"\s*(\d+)\s*/\s*([a-z]+)\s*")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    def describe(self) -> str:
        return f"每{UNIT_WORDS[self.seconds]}{self.count}次"

    def window_start(self, epoch_seconds: float) -> int:
        """The fixed window an instant falls in (one counter row per key and window)."""
        return int(epoch_seconds // self.seconds) * self.seconds

    def retry_after(self, epoch_seconds: float) -> int:
        return self.window_start(epoch_seconds) + self.seconds - int(epoch_seconds)


def parse_rate(text: str) -> Rate:
    match = _RATE.fullmatch(text.lower())
    if match is None or match.group(2) not in UNIT_SECONDS:
        raise ValueError(f"频率限制“{text}”格式不正确，应为“次数/单位”，如 5/hour、30/min")
    count = int(match.group(1))
    if count < 1:
        raise ValueError(f"频率限制“{text}”的次数应为正整数")
    return Rate(count, UNIT_SECONDS[match.group(2)])
