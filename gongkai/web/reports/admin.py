"""Read-only admin views: drafts change only through the services, versions never."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.reports.models import ReportDraft, ReportEvent, ReportVersion


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportDraft)
class ReportDraftAdmin(ReadOnly):
    list_display = ("agency", "year", "signed_off_by", "signed_off_at")
    list_filter = ("year",)


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnly):
    list_display = (
        "agency",
        "year",
        "number",
        "published_on",
        "published_by",
        "errors",
        "warnings",
    )
    list_filter = ("year",)
    exclude = ("json_text",)


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnly):
    list_display = ("draft", "action", "recorded_at", "actor", "version_number")
