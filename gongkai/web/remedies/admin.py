"""Read-only admin: cases change only through the services, which write the trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.remedies.models import RemedyCase, RemedyEvent


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RemedyCase)
class RemedyCaseAdmin(ReadOnlyAdmin):
    list_display = ("agency", "kind", "case_number", "claimant", "filed_on", "result", "result_on")
    list_filter = ("kind", "agency")
    search_fields = ("case_number", "claimant")


@admin.register(RemedyEvent)
class RemedyEventAdmin(ReadOnlyAdmin):
    list_display = ("case", "action", "occurred_on", "actor", "recorded_at")
