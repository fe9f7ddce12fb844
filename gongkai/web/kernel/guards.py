"""The refusals of a step: a rule of the procedure forbids it, said in Chinese."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.core.errors import GongkaiError


class GuardFailed(GongkaiError):
    """A service refused a step because a rule of the procedure forbids it."""


def guard(condition: bool, message: str) -> None:
    if not condition:
        raise GuardFailed(message)


def check_day(on: date, not_before: date | None, what: str) -> None:
    """A recorded day is not in the future and not before the day it follows."""
    guard(on <= timezone.localdate(), f"{what}不能晚于今天")
    if not_before is not None:
        guard(on >= not_before, f"{what}不能早于{not_before:%Y年%m月%d日}")
