from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.web.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from gongkai.web.kernel.audit import AuditTrail, register_audit_trail
        from gongkai.web.reports.models import ReportEvent

        # The annual report's trail, in the kernel's one read view.
        register_audit_trail(
            AuditTrail(
                ReportEvent,
                "年度报告记录",
                agency="draft__agency_id",
                subject=lambda e: f"{e.draft.year}年度报告",
                action=lambda e: e.action_label,
                related=("draft",),
            )
        )
