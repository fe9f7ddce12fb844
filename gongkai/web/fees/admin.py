"""Read-only admin: fees change only through the case's fee steps (services)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.web.fees.models import FeeCharge, FeeNotice
from gongkai.web.read_only_admin import ReadOnlyAdmin


@admin.register(FeeCharge)
class FeeChargeAdmin(ReadOnlyAdmin):
    list_display = ("application", "method", "amount", "notice_sent_on", "paid_on", "lapsed_on")
    list_filter = ("method",)
    search_fields = ("application__number", "application__applicant_name")


@admin.register(FeeNotice)
class FeeNoticeAdmin(ReadOnlyAdmin):
    list_display = ("number", "charge", "created_at", "letter")
    exclude = ("docx", "pdf")
