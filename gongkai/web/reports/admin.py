"""Read-only admin views: drafts change only through the services, versions never."""

from __future__ import annotations

from django.contrib import admin

from gongkai.web.read_only_admin import ReadOnlyAdmin
from gongkai.web.reports.models import ReportDraft, ReportEvent, ReportVersion


@admin.register(ReportDraft)
class ReportDraftAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "signed_off_by", "signed_off_at")
    list_filter = ("year",)


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
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
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ("draft", "action", "recorded_at", "actor", "version_number")
