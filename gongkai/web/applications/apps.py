from __future__ import annotations

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.web.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.web.applications.models import CaseEvent
        from gongkai.web.kernel.audit import AuditTrail, register_audit_trail

        # The case trail, in the kernel's one read view of every audit table.
        register_audit_trail(
            AuditTrail(
                CaseEvent,
                "办理记录",
                agency="application__agency_id",
                subject=lambda e: f"申请 {e.application.number}",
                action=lambda e: e.action_label,
                related=("application",),
            )
        )

        from gongkai.web.applications.correction_requests import CorrectionEvent

        # The §41 更正 requests' trail: no application, so a trail of its own.
        register_audit_trail(
            AuditTrail(
                CorrectionEvent,
                "更正申请办理记录",
                agency="request__agency_id",
                subject=lambda e: f"更正申请 {e.request.number}",
                action=lambda e: e.action_label,
                related=("request",),
            )
        )

        from gongkai.web.applications.letter_files import RENDER_LETTER_JOB
        from gongkai.web.tasks.queue import register_job

        # Letters render to DOCX and PDF off the request (the job queue; inline by default).
        register_job(RENDER_LETTER_JOB, "gongkai.web.applications.letter_files.render_letter_files")

        from gongkai.web.applications import forms_reanswer

        # The re-answer steps' forms join the case page's one table of step forms.
        forms_reanswer.register()
