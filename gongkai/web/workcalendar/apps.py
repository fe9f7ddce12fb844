from __future__ import annotations

from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "gongkai.web.workcalendar"
    label = "workcalendar"
    verbose_name = "工作日历"
