"""Read-only admin: fees change only through the case's fee steps (services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.fees.models import FeeCharge, FeeNotice


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FeeCharge)
class FeeChargeAdmin(ReadOnlyAdmin):
    list_display = ("application", "method", "amount", "notice_sent_on", "paid_on", "lapsed_on")
    list_filter = ("method",)
    search_fields = ("application__number", "application__applicant_name")


@admin.register(FeeNotice)
class FeeNoticeAdmin(ReadOnlyAdmin):
    list_display = ("number", "charge", "created_at")
    exclude = ("docx", "pdf")
