from __future__ import annotations

from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "gongkai.web.workcalendar"
    label = "workcalendar"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from gongkai.web.kernel.audit import AuditTrail, register_audit_trail
        from gongkai.web.workcalendar.models import DeadlineRecalculation

        # Due dates moved by a calendar change, in the kernel's one read view of the trails.
        register_audit_trail(
            AuditTrail(
                DeadlineRecalculation,
                "答复期限重算记录",
                agency="application__agency_id",
                subject=lambda e: f"申请 {e.application.number}",
                action=lambda e: f"答复期限 {e.old_due} → {e.new_due}",
                at="at",
                actor="by_id",
                note="cause",
                related=("application",),
            )
        )

        # Connects the signals that drop the cached calendar when its data changes, and
        # hands the kernel the calendar every deadline is computed on.
        from gongkai.web.kernel.calendar import register_calendar
        from gongkai.web.workcalendar.calendar import current_calendar

        register_calendar(current_calendar)
