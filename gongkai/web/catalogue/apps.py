from __future__ import annotations

from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gongkai.web.catalogue"
    label = "catalogue"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.web.catalogue.models import CatalogueAudit, ItemEvent
        from gongkai.web.kernel.audit import AuditTrail, register_audit_trail

        # The item trail and the records audit, in the kernel's one read view.
        register_audit_trail(
            AuditTrail(
                ItemEvent,
                "目录条目记录",
                agency="item__agency_id",
                subject=lambda e: f"目录条目 {e.item.index_number}",
                action=lambda e: e.label,
                related=("item",),
            )
        )
        register_audit_trail(
            AuditTrail(
                CatalogueAudit,
                "主动公开记录",
                agency="agency_id",
                subject=lambda e: f"{e.subject} {e.subject_id}",
                action=lambda e: e.action,
            )
        )
