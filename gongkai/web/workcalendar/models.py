"""The working-day calendar's data: days an administrator entered, and years declared complete.

``chinese-calendar`` knows the State Council's holiday notices up to its release; every later
year (and any local holiday or correction) is entered here. A year outside the package counts
only once an administrator declares its notice entered in full (:class:`CalendarYear`), so a
year nobody entered stays an explicit error instead of a weekends-only guess.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.web.kernel.append_only import AppendOnlyModel


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    notice = models.CharField(
        "依据（国务院办公厅通知文号）", max_length=200, help_text="例如：国办发明电〔2026〕7号"
    )
    complete = models.BooleanField(
        "已完整录入",
        default=False,
        help_text="勾选后，该年未录入的日期按周一至周五上班、周六周日休息计算。",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "工作日历年度"
        verbose_name_plural = "工作日历年度"
        ordering = ("-year",)

    def __str__(self) -> str:
        return f"{self.year}年（{self.notice}）"


class CalendarDay(models.Model):
    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField(
        "上班", help_text="勾选为工作日（含调休上班），不勾选为休息日。"
    )
    note = models.CharField(
        "说明", max_length=100, help_text="例如：春节、春节调休上班、地方民族节日"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "工作日历调整日"
        verbose_name_plural = "工作日历调整日"
        ordering = ("day",)

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {'上班' if self.is_workday else '休息'}（{self.note}）"


class DeadlineRecalculation(AppendOnlyModel):
    """A due date moved because the calendar changed (append-only, like the case trail)."""

    record_name = "期限重算记录"

    application = models.ForeignKey(
        "applications.Application",
        verbose_name="申请",
        on_delete=models.PROTECT,
        related_name="deadline_recalculations",
    )
    old_due = models.DateField("原答复期限", null=True)
    new_due = models.DateField("新答复期限", null=True)
    cause = models.CharField("原因", max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "答复期限重算记录"
        verbose_name_plural = "答复期限重算记录"
        ordering = ("-at",)
