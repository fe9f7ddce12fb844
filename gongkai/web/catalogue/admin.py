"""Admin: records are readable; statuses, review trails and imports change only through the
services (the staff pages), so the admin cannot add, change or delete them."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.catalogue.models import (
    BusinessImport,
    CatalogueAudit,
    CatalogueItem,
    ItemEvent,
    NewMediaAccount,
    NormativeDocument,
    PortalGuide,
)
from gongkai.web.read_only_admin import ReadOnlyAdmin


class ItemEventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ItemEvent
    extra = 0
    can_delete = False
    fields = ("occurred_on", "label", "actor", "passed", "note", "recorded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CatalogueItem)
class CatalogueItemAdmin(ReadOnlyAdmin):
    list_display = ("index_number", "title", "agency", "attribute", "status", "published_on")
    list_filter = ("agency", "status", "attribute")
    search_fields = ("index_number", "title", "document_number")
    exclude = ("search_tokens",)
    inlines = (ItemEventInline,)


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnlyAdmin):
    list_display = ("document_number", "title", "kind", "issued_on", "repealed_on", "agency")
    list_filter = ("agency", "kind")


@admin.register(BusinessImport)
class BusinessImportAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "filename", "uploaded_at", "committed_at")
    exclude = ("content",)


@admin.register(NewMediaAccount)
class NewMediaAccountAdmin(ReadOnlyAdmin):
    list_display = ("name", "platform", "operator", "state", "agency")


@admin.register(PortalGuide)
class PortalGuideAdmin(ReadOnlyAdmin):
    list_display = ("agency", "updated_at", "updated_by")


@admin.register(CatalogueAudit)
class CatalogueAuditAdmin(ReadOnlyAdmin):
    list_display = ("recorded_at", "agency", "subject_name", "subject_id", "action", "actor")
    list_filter = ("agency",)

    @admin.display(description="对象")
    def subject_name(self, audit: CatalogueAudit) -> str:
        """The model's Chinese name, not its stored code (e.g. businessimport)."""
        try:
            return str(apps.get_model("catalogue", audit.subject)._meta.verbose_name)
        except LookupError:
            return audit.subject
