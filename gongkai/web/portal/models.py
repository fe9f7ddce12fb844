"""What the public portal keeps beside the application itself.

* :class:`OnlineIntake`: whether an agency takes applications on the portal (set by admins).
* :class:`OnlineSubmission`: the portal's facts of one online application: its tracking
  number (查询号), the idempotency key of the form it came from, the §29 details the
  application model has no column for.
* :class:`TrackingLink`: a private link to the status page. Only a hash of its secret is
  stored, so a database copy cannot be turned into working links.
* :class:`Attachment`: an uploaded file, checked by content, stored under its sha256.
* :class:`RateCounter`: requests per hashed client address and time window.
* :class:`OnlineCorrection`: a §41 更正 request filed on the portal: the idempotency key of
  its form and the hash of its private status link.
"""

from __future__ import annotations

from django.db import models

from gongkai.web.agencies.models import Agency
from gongkai.web.applications.correction_requests import CorrectionRequest
from gongkai.web.applications.models import Application


class OnlineIntake(models.Model):
    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="online_intake"
    )
    accepts = models.BooleanField("接受网上申请", default=True)
    notice = models.TextField(
        "申请须知", blank=True, help_text="显示在申请表上方，如受理时间、咨询电话、办公地址"
    )

    class Meta:
        verbose_name = "网上申请受理设置"
        verbose_name_plural = "网上申请受理设置"

    def __str__(self) -> str:
        return f"{self.agency.name}（{'接受' if self.accepts else '暂停'}网上申请）"


class OnlineSubmission(models.Model):
    application = models.OneToOneField(
        Application,
        verbose_name="申请",
        on_delete=models.PROTECT,
        related_name="online_submission",
    )
    tracking_number = models.CharField("查询号", max_length=20, unique=True)
    idempotency_key = models.CharField("表单标识", max_length=64, unique=True, editable=False)
    submitted_at = models.DateTimeField("提交时间")
    id_document_type = models.CharField("证件类型", max_length=30, blank=True)
    contact_person = models.CharField("法定代表人或联系人", max_length=100, blank=True)
    purpose = models.TextField("用途", blank=True)
    client = models.CharField("来源（地址摘要）", max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "网上申请"
        verbose_name_plural = "网上申请"
        ordering = ("-submitted_at",)

    def __str__(self) -> str:
        return f"{self.tracking_number}（{self.application.number}）"


class TrackingLink(models.Model):
    class Origin(models.TextChoices):
        RECEIPT = "receipt", "提交回执"
        LOOKUP = "lookup", "查询找回"
        STAFF = "staff", "工作人员生成"

    submission = models.ForeignKey(
        OnlineSubmission, verbose_name="网上申请", on_delete=models.CASCADE, related_name="links"
    )
    token_hash = models.CharField("链接摘要", max_length=64, unique=True, editable=False)
    origin = models.CharField("来源", max_length=10, choices=Origin.choices)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "查询链接"
        verbose_name_plural = "查询链接"

    def __str__(self) -> str:
        return f"{self.submission.tracking_number} {self.get_origin_display()}"


def _attachment_path(attachment: Attachment, filename: str) -> str:
    # Content-addressed: the same file uploaded twice is stored once, and a file written
    # for a transaction that rolled back is reused by the retry instead of piling up.
    return f"portal/{attachment.sha256[:2]}/{attachment.sha256}{filename[filename.rfind('.') :]}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IDENTITY = "identity", "身份证明"
        AUTHORISATION = "authorisation", "授权委托书"
        OTHER = "other", "其他材料"

    submission = models.ForeignKey(
        OnlineSubmission,
        verbose_name="网上申请",
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    kind = models.CharField("材料类型", max_length=20, choices=Kind.choices)
    file = models.FileField("文件", upload_to=_attachment_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=200)
    media_type = models.CharField("文件类型", max_length=50)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"


class RateCounter(models.Model):
    scope = models.CharField("用途", max_length=30)
    client = models.CharField("来源摘要", max_length=64)
    window_start = models.BigIntegerField("时间窗起点（Unix 秒）")
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "访问频率计数"
        verbose_name_plural = "访问频率计数"
        constraints = (
            models.UniqueConstraint(
                fields=["scope", "client", "window_start"], name="rate_counter_unique_window"
            ),
        )
        indexes = (models.Index(fields=["window_start"], name="rate_counter_window"),)

    def __str__(self) -> str:
        return f"{self.scope} {self.client[:8]} {self.count}"


class OnlineCorrection(models.Model):
    correction = models.OneToOneField(
        CorrectionRequest,
        verbose_name="更正申请",
        on_delete=models.PROTECT,
        related_name="online_correction",
    )
    idempotency_key = models.CharField("表单标识", max_length=64, unique=True, editable=False)
    token_hash = models.CharField("链接摘要", max_length=64, unique=True, editable=False)
    submitted_at = models.DateTimeField("提交时间")
    client = models.CharField("来源（地址摘要）", max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "网上更正申请"
        verbose_name_plural = "网上更正申请"
        ordering = ("-submitted_at",)

    def __str__(self) -> str:
        return f"网上更正申请 {self.correction.number}"
