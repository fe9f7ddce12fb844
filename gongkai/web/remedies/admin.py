"""Read-only admin: cases change only through the services, which write the trail."""

from __future__ import annotations

from django.contrib import admin

from gongkai.web.read_only_admin import ReadOnlyAdmin
from gongkai.web.remedies.models import RemedyCase, RemedyEvent


@admin.register(RemedyCase)
class RemedyCaseAdmin(ReadOnlyAdmin):
    list_display = ("agency", "kind", "case_number", "claimant", "filed_on", "result", "result_on")
    list_filter = ("kind", "agency")
    search_fields = ("case_number", "claimant")


@admin.register(RemedyEvent)
class RemedyEventAdmin(ReadOnlyAdmin):
    list_display = ("case", "action", "occurred_on", "actor", "recorded_at")
