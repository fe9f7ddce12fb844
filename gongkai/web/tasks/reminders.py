"""The daily reminders: every app says what needs someone's attention, each person gets one
mail listing it.

An app takes part by defining ``collect(today) -> Iterable[Reminder]`` in its ``reminders``
module (found in ``INSTALLED_APPS`` order, like the demo hooks); the cases' own reminders
(due soon, overdue, supplement periods run out) are ``gongkai.web.applications.reminders``.
This module imports no app: it sits below them all. Sending is idempotent per person, day and
item, so running the job twice sends nothing twice.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from gongkai.web.tasks.models import ReminderSent

OVERDUE = "overdue"
DUE_SOON = "due_soon"
ATTENTION = "attention"
SEVERITY_ORDER = {OVERDUE: 0, DUE_SOON: 1, ATTENTION: 2}
SEVERITY_LABELS = {OVERDUE: "已超期", DUE_SOON: "即将到期", ATTENTION: "需要处理"}


@dataclass(frozen=True)
class Reminder:
    """One thing one person should act on; ``key`` identifies it for de-duplication."""

    user_id: int
    key: str
    severity: str
    agency: str
    text: str
    path: str = ""  # where in the platform to act, e.g. the case page

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, "提醒")


Collector = Callable[[date], Iterable[Reminder]]


def collectors() -> list[Collector]:
    found: list[Collector] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.web."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.reminders")
        except ModuleNotFoundError as missing:
            if missing.name != f"{config.name}.reminders":
                raise
            continue
        if hasattr(module, "collect"):
            found.append(module.collect)
    return found


def gather(today: date) -> dict[int, list[Reminder]]:
    by_user: dict[int, list[Reminder]] = defaultdict(list)
    for collect in collectors():
        for reminder in collect(today):
            by_user[reminder.user_id].append(reminder)
    for items in by_user.values():
        items.sort(key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r.agency, r.key))
    return by_user


def _unsent(user_id: int, today: date, items: list[Reminder]) -> Iterator[Reminder]:
    for item in items:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(user_id=user_id, day=today, key=item.key)
        except IntegrityError:
            continue  # already sent today
        yield item


def send_reminders(today: date, *, base_url: str = "") -> int:
    """Send today's reminder mails; return the number of mails sent."""
    users = get_user_model().objects.in_bulk(list(gather(today)))
    sent = 0
    for user_id, items in gather(today).items():
        user = users.get(user_id)
        if user is None or not getattr(user, "email", "") or not user.is_active:
            continue
        with transaction.atomic():
            fresh = list(_unsent(user_id, today, items))
            if not fresh:
                continue
            context = {
                "user": user,
                "today": today,
                "items": fresh,
                "base_url": base_url or getattr(settings, "GONGKAI_BASE_URL", ""),
            }
            overdue = sum(1 for item in fresh if item.severity == OVERDUE)
            subject = f"【政府信息公开】{today:%m月%d日}待办提醒：{len(fresh)}项"
            if overdue:
                subject += f"（其中{overdue}项已超期）"
            send_mail(
                subject,
                render_to_string("tasks/email/reminders.txt", context),
                None,
                [user.email],
                html_message=render_to_string("tasks/email/reminders.html", context),
            )
            sent += 1
    return sent
