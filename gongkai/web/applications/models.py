"""Applications and their audit trail.

``Application.status`` is stored so the work queue can filter on it, but it is written only
by :mod:`gongkai.web.applications.services`, which checks every move against the core's
status table and records it as a :class:`CaseEvent` in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.core.applications.applicants import APPLICANT_LABELS, ApplicantType
from gongkai.core.applications.channels import CHANNEL_LABELS, Channel
from gongkai.core.applications.outcomes import OUTCOME_LABELS, Outcome
from gongkai.core.applications.roles import ACTION_LABELS, Action
from gongkai.core.applications.statuses import STATUS_LABELS, Status
from gongkai.core.errors import GongkaiError
from gongkai.web.agencies.models import Agency


def _choices(labels: dict[Any, str]) -> list[tuple[str, str]]:
    return [(str(key), label) for key, label in labels.items()]


class RequestedForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子文档"
    INSPECT = "inspect", "查阅、抄录"


class Delivery(models.TextChoices):
    PICKUP = "pickup", "自行领取"
    MAIL = "mail", "邮寄"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上获取"
    FAX = "fax", "传真"


class Application(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    number = models.CharField("申请编号", max_length=30)
    channel = models.CharField("申请渠道", max_length=20, choices=_choices(CHANNEL_LABELS))
    arrived_at = models.DateTimeField("送达时间")
    # §31 day 0. The clock's day 0 restarts after a 补正 (§30); the first one is kept apart
    # because 表三 counts an application in the year it was first received (K7, K8).
    received_date = models.DateField("收到申请之日（计时起点）", null=True, blank=True)
    first_received_date = models.DateField("首次收到申请之日", null=True, blank=True)
    receipt_confirmation = models.CharField("确认收到方式", max_length=200, blank=True)

    applicant_type = models.CharField(
        "申请人类型", max_length=30, choices=_choices(APPLICANT_LABELS)
    )
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    id_document = models.CharField("身份证明（证件类型及号码）", max_length=100, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    contact_address = models.CharField("通信地址", max_length=300, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    description = models.TextField("所需政府信息的名称、文号或描述")
    requested_form = models.CharField(
        "指定提供形式", max_length=20, choices=RequestedForm.choices, default=RequestedForm.PAPER
    )
    delivery = models.CharField(
        "获取方式", max_length=20, choices=Delivery.choices, default=Delivery.MAIL
    )

    status = models.CharField(
        "办理状态",
        max_length=30,
        choices=_choices(STATUS_LABELS),
        default=Status.AWAITING_CONFIRMATION.value,
        editable=False,
    )
    due_date = models.DateField("答复期限", null=True, blank=True, editable=False)
    supplement_requested_on = models.DateField("补正告知日", null=True, blank=True)
    supplement_due = models.DateField("补正期限", null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField("补正次数", default=0)
    extension_days = models.PositiveSmallIntegerField("延期工作日数", default=0)
    outcome = models.CharField(
        "办理结果", max_length=40, choices=_choices(OUTCOME_LABELS), blank=True
    )
    decision_reasons = models.TextField("理由及依据", blank=True)
    referral = models.CharField("负责公开的机关及联系方式", max_length=300, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    issued_on = models.DateField("答复出具日期", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-arrived_at",)
        constraints = (
            models.UniqueConstraint(fields=["agency", "number"], name="application_unique_number"),
        )
        indexes = (models.Index(fields=["agency", "status"], name="application_queue"),)

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def outcome_enum(self) -> Outcome | None:
        return Outcome(self.outcome) if self.outcome else None

    @property
    def applicant_type_enum(self) -> ApplicantType:
        return ApplicantType(self.applicant_type)

    @property
    def channel_enum(self) -> Channel:
        return Channel(self.channel)


class Consultation(models.Model):
    class Party(models.TextChoices):
        THIRD_PARTY = "third_party", "第三方（第三十二条）"
        OTHER_AGENCY = "other_agency", "其他机关（第三十四条）"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="consultations"
    )
    party = models.CharField("征求对象类型", max_length=20, choices=Party.choices)
    party_name = models.CharField("征求对象", max_length=200)
    sent_on = models.DateField("征求意见书发出日")
    delivered_on = models.DateField("对方收到日", null=True, blank=True)
    ended_on = models.DateField("答复或期满日", null=True, blank=True)
    reply = models.TextField("对方意见", blank=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ("sent_on", "pk")

    def __str__(self) -> str:
        return f"{self.application.number} 征求{self.party_name}意见"


class AppendOnly(GongkaiError):
    """An attempt to change or delete a recorded case event."""


class CaseEvent(models.Model):
    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("办理环节", max_length=30, choices=_choices(ACTION_LABELS))
    occurred_on = models.DateField("发生日期")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_status = models.CharField("原状态", max_length=30, blank=True)
    to_status = models.CharField("新状态", max_length=30)
    note = models.TextField("说明", blank=True)
    data = models.JSONField("详细数据", default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ("occurred_on", "recorded_at", "pk")

    def __str__(self) -> str:
        return f"{self.occurred_on} {ACTION_LABELS[Action(self.action)]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The trail is evidence (S9 §5 puts the burden of proof on the agency): never rewrite.
        if self.pk is not None:
            raise AppendOnly("办理记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly("办理记录只能追加，不能删除")

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[Action(self.action)]

    @property
    def to_status_label(self) -> str:
        return STATUS_LABELS[Status(self.to_status)]
