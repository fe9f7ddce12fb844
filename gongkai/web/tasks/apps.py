from __future__ import annotations

from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "gongkai.web.tasks"
    label = "tasks"
    verbose_name = "提醒与后台任务"
