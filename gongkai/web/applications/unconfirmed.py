"""Reminders for online and posted applications nobody has confirmed (条例 §31(二)(三)).

For a posted application day 0 is the day the agency signs for it; for an online one it is the
day the agency and the applicant confirm it (domain.md §3.2). Until the case is confirmed it has
no day 0, no due date and no 表三 row, so nothing else would ever remind anyone: from the day
after it arrived, its registrars and handlers are reminded every day until it is confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from django.urls import reverse
from django.utils import timezone

from gongkai.core.applications.channels import CHANNEL_LABELS
from gongkai.core.applications.statuses import Status
from gongkai.web.applications.models import Application
from gongkai.web.tasks.reminders import ATTENTION, Reminder


def unconfirmed_reminders(today: date, people: Mapping[int, list[int]]) -> Iterator[Reminder]:
    """One reminder per waiting case and person; ``people``: agency id → user ids."""
    waiting = Application.objects.filter(status=Status.AWAITING_CONFIRMATION.value)
    for app in waiting.select_related("agency").order_by("arrived_at"):
        arrived = timezone.localdate(app.arrived_at)
        if arrived >= today:
            continue
        text = (
            f"{app.number} {app.applicant_name}：{CHANNEL_LABELS[app.channel_enum]}申请"
            f"{arrived:%Y-%m-%d}送达，至今未确认收到；按第三十一条，确认之日才是收到申请之日，"
            "请尽快与申请人确认"
        )
        path = reverse("applications:detail", args=[app.pk])
        for user_id in dict.fromkeys(people.get(app.agency_id, [])):
            key = f"application:{app.pk}:unconfirmed"
            yield Reminder(user_id, key, ATTENTION, app.agency.name, text, path)
