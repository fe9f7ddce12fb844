"""Admin: which agencies take online applications; the submissions and their files are
evidence of what arrived, so they can be read but not changed or deleted here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.portal.models import Attachment, OnlineIntake, OnlineSubmission


@admin.register(OnlineIntake)
class OnlineIntakeAdmin(admin.ModelAdmin):
    list_display = ("agency", "accepts")
    list_filter = ("accepts",)


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttachmentInline(ReadOnly, admin.TabularInline):
    model = Attachment
    fields = ("kind", "original_name", "media_type", "size", "sha256", "file")
    readonly_fields = fields


@admin.register(OnlineSubmission)
class OnlineSubmissionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("tracking_number", "application", "submitted_at")
    search_fields = ("tracking_number", "application__number")
    readonly_fields = (
        "application", "tracking_number", "submitted_at", "id_document_type",
        "contact_person", "purpose",
    )  # fmt: skip
    exclude = ("idempotency_key", "client")
    inlines = (AttachmentInline,)
