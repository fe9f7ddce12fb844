from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.web.tasks.models import FailedJob, ReminderSent
from gongkai.web.tasks.queue import retry_failed


@admin.register(FailedJob)
class FailedJobAdmin(admin.ModelAdmin):
    list_display = ("name", "failed_at", "retried_at")
    list_filter = ("name",)
    readonly_fields = ("name", "kwargs", "error", "failed_at", "retried_at")
    actions = ("retry",)

    @admin.action(description="重新运行所选任务")
    def retry(self, request: HttpRequest, queryset: QuerySet[FailedJob]) -> None:
        results = [retry_failed(job.pk) for job in queryset.filter(retried_at=None)]
        messages.info(request, f"已重新运行{len(results)}个任务，成功{sum(results)}个。")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ("user", "day", "key", "sent_at")
    list_filter = ("day",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
