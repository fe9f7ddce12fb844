from __future__ import annotations

from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "gongkai.web.tasks"
    label = "tasks"
    verbose_name = "提醒与后台任务"

    def ready(self) -> None:
        _name_the_job_queue_in_chinese()


# The job queue (PostgreSQL only) shows in the admin's index beside every other app.
_QUEUE_MODELS = {
    "procrastinatejob": "后台任务",
    "procrastinateevent": "后台任务事件",
    "procrastinateworker": "后台任务进程",
    "procrastinateperiodicdefer": "定时任务记录",
}


def _name_the_job_queue_in_chinese() -> None:
    from django.apps import apps

    if not apps.is_installed("procrastinate.contrib.django"):
        return
    config = apps.get_app_config("procrastinate")
    config.verbose_name = "后台任务队列"
    for model in config.get_models():
        name = _QUEUE_MODELS.get(model._meta.model_name or "")
        if name is not None:
            model._meta.verbose_name = name
            model._meta.verbose_name_plural = name
