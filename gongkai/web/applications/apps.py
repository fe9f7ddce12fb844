from __future__ import annotations

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.web.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.web.applications.letter_files import RENDER_LETTER_JOB
        from gongkai.web.tasks.queue import register_job

        # Letters render to DOCX and PDF off the request (the job queue; inline by default).
        register_job(RENDER_LETTER_JOB, "gongkai.web.applications.letter_files.render_letter_files")
