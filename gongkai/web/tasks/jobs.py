"""The procrastinate side of the queue (PostgreSQL only; found by procrastinate's autodiscovery
of ``jobs`` modules): one generic task that runs any registered job, and the daily reminders
as a periodic task so a deployment with workers needs no cron entry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from gongkai.web.tasks.queue import PROCRASTINATE_TASK, run_job


@app.task(name=PROCRASTINATE_TASK, retry=RetryStrategy(max_attempts=5, exponential_wait=10))
def run_registered_job(name: str, kwargs: dict[str, Any]) -> None:
    run_job(name, kwargs)


@app.periodic(cron="0 7 * * *", periodic_id="daily-reminders")
@app.task(name="gongkai.daily_reminders", queueing_lock="daily-reminders")
def daily_reminders(timestamp: int) -> None:
    from gongkai.web.tasks.reminders import send_reminders

    day = timezone.localdate(datetime.fromtimestamp(timestamp, tz=timezone.get_current_timezone()))
    send_reminders(day)
