from __future__ import annotations

from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "gongkai.web.fees"
    label = "fees"
    verbose_name = "信息处理费"

    def ready(self) -> None:
        from gongkai.web.fees.services import RENDER_JOB
        from gongkai.web.tasks.queue import register_job

        register_job(RENDER_JOB, "gongkai.web.fees.rendering.render_notice_files")
