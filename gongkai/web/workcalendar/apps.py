from __future__ import annotations

from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "gongkai.web.workcalendar"
    label = "workcalendar"
    verbose_name = "工作日历"

    def ready(self) -> None:
        # Connects the signals that drop the cached calendar when its data changes.
        from gongkai.web.workcalendar import calendar  # noqa: F401
