"""Admin: descriptive fields may be corrected; status, dates of the procedure and the audit
trail may not, because they change only through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.applications.models import (
    Application,
    Assignment,
    CaseEvent,
    Consultation,
    CorrectionEvent,
    CorrectionRequest,
    Letter,
    ServiceRecord,
)

PROCEDURE_FIELDS = (
    "agency",
    "number",
    "channel",
    "arrived_at",
    "received_date",
    "first_received_date",
    "receipt_confirmation",
    "status",
    "due_date",
    "supplement_requested_on",
    "supplement_due",
    "supplement_count",
    "extension_days",
    "extension_approved_on",
    "extension_reason",
    "handler",
    "assigned_unit",
    "reviewed_on",
    "outcome",
    "decision_reasons",
    "legal_basis",
    "decision_details",
    "referral",
    "decided_on",
    "issued_on",
    "concluded_on",
    "served_on",
    "archived_on",
    "archive_reference",
    "intake_form",
    "transcribed_by",
    "transcript_confirmed",
)


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    fields = ("occurred_on", "action", "actor", "from_status", "to_status", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("number", "agency", "applicant_name", "channel", "status", "due_date")
    list_filter = ("agency", "status", "channel", "applicant_type")
    search_fields = ("number", "applicant_name", "description")
    readonly_fields = PROCEDURE_FIELDS
    inlines = (CaseEventInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # registration goes through services.register (day 0, audit)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("application", "party", "party_name", "sent_on", "ended_on")
    readonly_fields = ("application", "party", "sent_on", "delivered_on", "ended_on")


@admin.register(CaseEvent)
class CaseEventAdmin(admin.ModelAdmin):
    list_display = ("application", "occurred_on", "action", "actor", "status_after")
    list_filter = ("action",)

    @admin.display(description="办理后状态")
    def status_after(self, event: CaseEvent) -> str:
        return event.to_status_label  # the Chinese label, not the stored code

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the services only: the admin shows them, never changes them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("application", "unit", "assigned_on", "feedback_due", "feedback_on", "result")
    list_filter = ("unit", "result")


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = (
        "application",
        "correction_request",
        "title",
        "created_at",
        "issued_on",
        "rendered_at",
    )
    list_filter = ("kind",)


@admin.register(ServiceRecord)
class ServiceRecordAdmin(ReadOnlyAdmin):
    list_display = ("application", "method", "served_on", "proof")
    list_filter = ("method",)


class CorrectionEventInline(admin.TabularInline):
    model = CorrectionEvent
    extra = 0
    can_delete = False
    fields = ("occurred_on", "action", "actor", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(ReadOnlyAdmin):
    """§41 更正 requests change only through their steps (gongkai.web.applications.correcting)."""

    list_display = ("number", "agency", "applicant_name", "arrived_on", "decision", "decided_on")
    list_filter = ("decision",)
    inlines = (CorrectionEventInline,)
