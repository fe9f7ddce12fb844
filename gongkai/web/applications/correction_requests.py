"""§41 更正 requests and their trail (the steps: :mod:`gongkai.web.applications.correcting`).

A correction request is its own request type, not a 政府信息公开申请 (domain.md §3.8): it has
its own running number, no 条例 deadline and no 表三 row, so it never touches
:class:`~gongkai.web.applications.models.Application` or the answer clock. Its notice is a
``Letter`` of the one letter system, owned by the request instead of an application.
"""

from __future__ import annotations

from django.db import models

from gongkai.core.applications.applicants import APPLICANT_LABELS, ApplicantType
from gongkai.core.applications.record_corrections import (
    CORRECTION_DECISION_LABELS,
    CORRECTION_STEP_LABELS,
    CorrectionDecision,
    CorrectionStep,
)
from gongkai.web.agencies.models import Agency
from gongkai.web.kernel.append_only import TrailEntry


class CorrectionRequest(models.Model):
    """A request to correct government information about the applicant (条例第四十一条)."""

    agency = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="corrections"
    )
    number = models.CharField("更正申请编号", max_length=30)
    arrived_on = models.DateField("收到申请之日")
    applicant_type = models.CharField(
        "申请人类型", max_length=30, choices=[(k.value, v) for k, v in APPLICANT_LABELS.items()]
    )
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    contact = models.CharField("联系方式（电话、通信地址或电子邮箱）", max_length=300)
    record = models.TextField("要求更正的政府信息记录")
    requested = models.TextField("要求更正为")
    evidence = models.TextField("证明记录不准确的证据")
    decision = models.CharField(
        "处理决定",
        max_length=20,
        choices=[(k.value, v) for k, v in CORRECTION_DECISION_LABELS.items()],
        blank=True,
        editable=False,
    )
    decided_on = models.DateField("决定日期", null=True, blank=True, editable=False)
    reasons = models.TextField("审核情况和理由", blank=True, editable=False)
    corrected_to = models.TextField("更正后的内容", blank=True, editable=False)
    competent_agency = models.CharField(
        "有权更正的行政机关", max_length=200, blank=True, editable=False
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息更正申请"
        verbose_name_plural = "政府信息更正申请"
        ordering = ("-arrived_on", "-pk")
        constraints = (
            models.UniqueConstraint(fields=["agency", "number"], name="correction_unique_number"),
        )

    def __str__(self) -> str:
        return f"更正 {self.number} {self.applicant_name}"

    @property
    def applicant_type_enum(self) -> ApplicantType:
        return ApplicantType(self.applicant_type)

    @property
    def decision_enum(self) -> CorrectionDecision | None:
        return CorrectionDecision(self.decision) if self.decision else None


class CorrectionEvent(TrailEntry):
    """The trail of a correction request: evidence, as the case trail is (S9 §5)."""

    record_name = "更正申请办理记录"

    request = models.ForeignKey(
        CorrectionRequest, verbose_name="更正申请", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(
        "办理环节", max_length=30, choices=[(k.value, v) for k, v in CORRECTION_STEP_LABELS.items()]
    )
    occurred_on = models.DateField("发生日期")

    class Meta:
        verbose_name = "更正申请办理记录"
        verbose_name_plural = "更正申请办理记录"
        ordering = ("occurred_on", "recorded_at", "pk")

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.action_label}"

    @property
    def action_label(self) -> str:
        return CORRECTION_STEP_LABELS[CorrectionStep(self.action)]
