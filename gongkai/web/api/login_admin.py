"""Unlocking a locked login in the admin (系统管理 → 访问尝试), with an audit entry.

Axes's own admin lists the failed attempts; its default delete would unlock too, but says
nothing of why. The action here deletes the selected attempts, writes one entry per attempt
to Django's admin log (who unlocked which username and address, when) and a warning line to
the ``gongkai.security`` log.
"""

from __future__ import annotations

import logging

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

log = logging.getLogger("gongkai.security")


def unlock(request: HttpRequest, attempts: QuerySet[AccessAttempt]) -> int:
    """Delete ``attempts`` (so their username and address may log in again) and audit it."""
    with transaction.atomic():
        rows = list(attempts)
        for attempt in rows:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=[attempt],
                action_flag=DELETION,
                change_message=(
                    f"解除登录锁定：用户名 {attempt.username or '（空）'}，"
                    f"地址 {attempt.ip_address or '（未知）'}，"
                    f"失败 {attempt.failures_since_start} 次"
                ),
                single_object=True,
            )
            log.warning(
                "login unlocked by %s: username=%r ip=%s failures=%s",
                request.user.get_username(),
                attempt.username,
                attempt.ip_address,
                attempt.failures_since_start,
            )
        AccessAttempt.objects.filter(pk__in=[a.pk for a in rows]).delete()
    return len(rows)


class UnlockingAccessAttemptAdmin(AccessAttemptAdmin):  # type: ignore[misc]
    actions = ("unlock_selected", "cleanup_expired_attempts")

    @admin.action(description="解除所选登录锁定（记入操作日志）", permissions=["delete"])
    def unlock_selected(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        count = unlock(request, queryset)
        messages.success(request, f"已解除 {count} 条登录锁定记录，操作已记入日志")

    def get_actions(self, request: HttpRequest) -> dict[str, object]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # unlocking goes through the audited action
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Not from the change page either: only the audited action removes an attempt.
        return obj is None and super().has_delete_permission(request, obj)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, UnlockingAccessAttemptAdmin)
