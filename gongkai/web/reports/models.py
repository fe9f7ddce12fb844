"""The annual report a staff office is writing, its published versions, and the audit trail.

A :class:`ReportDraft` holds only what people add to the report (edited text, an imported
previous report, acknowledged warnings, the office head's sign-off); the tables are computed
from the platform's data each time, so the draft is always "the report as it stands".
A :class:`ReportVersion` is what was published: the canonical JSON and the rendered files,
frozen. Versions and events are append-only: ``save()`` of an existing row and ``delete()``
raise, and the admin offers no change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.reporting.permissions import REPORT_ACTION_LABELS, ReportAction
from gongkai.web.agencies.models import Agency
from gongkai.web.kernel.append_only import AppendOnly, AppendOnlyModel, TrailEntry

__all__ = ["AppendOnly"]  # the kernel's, named here for older callers


class ReportDraft(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="report_drafts"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    # Section key → text, only for sections staff changed; the others are drafted afresh.
    sections = models.JSONField("修改过的正文", default=dict, blank=True)
    previous_json = models.JSONField("导入的上年度报告", null=True, blank=True)
    previous_name = models.CharField("上年度报告文件名", max_length=200, blank=True)
    acknowledged = models.JSONField("已确认的警告", default=list, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审签人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField("审签时间", null=True, blank=True)
    # The sign-off approves exactly this content (core.reporting.publication.content_checksum).
    signed_checksum = models.CharField("审签内容校验值", max_length=64, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告草稿"
        verbose_name_plural = "年度报告草稿"
        constraints = (
            models.UniqueConstraint(fields=["agency", "year"], name="report_draft_unique_year"),
        )

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year}年度报告"


class ReportVersion(AppendOnlyModel):
    draft = models.ForeignKey(
        ReportDraft, verbose_name="草稿", on_delete=models.PROTECT, related_name="versions"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="report_versions"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    number = models.PositiveSmallIntegerField("版本号")
    # The canonical JSON exactly as published (text, not a JSON column: PostgreSQL's jsonb
    # would reorder keys and the checksum would no longer describe the stored bytes).
    json_text = models.TextField("规范 JSON")
    checksum = models.CharField("JSON 的 SHA-256", max_length=64)
    # Format → {"name", "sha256", "size"} of each rendered file, written on commit.
    files = models.JSONField("文件", default=dict)
    published_on = models.DateField("发布日期")
    published_at = models.DateTimeField("记录时间", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", on_delete=models.PROTECT, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审签人", on_delete=models.PROTECT, related_name="+"
    )
    change_note = models.TextField("更正说明", blank=True)
    changes = models.JSONField("与上一版本相比的变化", default=dict, blank=True)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    infos = models.PositiveIntegerField("提示数", default=0)

    class Meta:
        verbose_name = "年度报告发布版本"
        verbose_name_plural = "年度报告发布版本"
        ordering = ("agency", "year", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="report_version_unique_number"
            ),
        )

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year}年度报告 第{self.number}版"

    def refusal_to_change(self) -> str:
        return "已发布的年度报告不能修改；如需更正，请发布新版本并说明修改内容"

    def refusal_to_delete(self) -> str:
        return "已发布的年度报告不能删除"


class ReportEvent(TrailEntry):
    record_name = "年度报告记录"

    draft = models.ForeignKey(
        ReportDraft, verbose_name="报告", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(
        "环节",
        max_length=30,
        choices=[(a.value, label) for a, label in REPORT_ACTION_LABELS.items()],
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    version_number = models.PositiveSmallIntegerField("版本号", null=True, blank=True)

    class Meta:
        verbose_name = "年度报告记录"
        verbose_name_plural = "年度报告记录"
        ordering = ("recorded_at", "pk")

    def __str__(self) -> str:
        return f"{self.recorded_at:%Y-%m-%d %H:%M} {self.action_label}"

    @property
    def action_label(self) -> str:
        return REPORT_ACTION_LABELS[ReportAction(self.action)]
