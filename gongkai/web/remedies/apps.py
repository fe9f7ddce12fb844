from __future__ import annotations

from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "gongkai.web.remedies"
    label = "remedies"
    verbose_name = "行政复议与行政诉讼"

    def ready(self) -> None:
        from gongkai.web.kernel.audit import AuditTrail, register_audit_trail
        from gongkai.web.remedies.models import RemedyEvent

        # The review and litigation trail, in the kernel's one read view.
        register_audit_trail(
            AuditTrail(
                RemedyEvent,
                "复议诉讼案件记录",
                agency="case__agency_id",
                subject=lambda e: f"{e.case.kind_label} {e.case.case_number or e.case.pk}",
                action=lambda e: e.action_label,
                related=("case",),
            )
        )
