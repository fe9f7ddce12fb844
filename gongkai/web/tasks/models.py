"""What background work leaves behind: failed inline jobs, and reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FailedJob(models.Model):
    name = models.CharField("任务", max_length=100)
    kwargs = models.JSONField("参数", default=dict)
    error = models.TextField("错误信息")
    failed_at = models.DateTimeField("失败时间", auto_now_add=True)
    retried_at = models.DateTimeField("重试时间", null=True, blank=True)

    class Meta:
        verbose_name = "失败的后台任务"
        verbose_name_plural = "失败的后台任务"
        ordering = ("-failed_at",)

    def __str__(self) -> str:
        return f"{self.name} {self.failed_at:%Y-%m-%d %H:%M}"


class ReminderSent(models.Model):
    """One reminder line delivered to one person on one day: the daily job is idempotent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="收件人", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField("日期")
    key = models.CharField("提醒事项", max_length=200)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "已发送提醒"
        verbose_name_plural = "已发送提醒"
        constraints = (
            models.UniqueConstraint(fields=["user", "day", "key"], name="reminder_once_a_day"),
        )
