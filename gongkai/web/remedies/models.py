"""行政复议 and 行政诉讼 cases about an agency's disclosure acts, and their audit trail.

Written only by :mod:`gongkai.web.remedies.services` (one shape: guard → lock → change →
:class:`RemedyEvent` in the same transaction).
"""

from __future__ import annotations

from django.db import models

from gongkai.core.remedies.actions import REMEDY_ACTION_LABELS, RemedyAction
from gongkai.core.remedies.kinds import CASE_KIND_LABELS, RESULT_LABELS, CaseKind, ResultKind
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application
from gongkai.web.kernel.append_only import TrailEntry


class RemedyCase(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="被申请人（被告）机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        "案件类型",
        max_length=20,
        choices=[(k.value, label) for k, label in CASE_KIND_LABELS.items()],
    )
    # Optional: a case may concern another disclosure act (e.g. not answering, 主动公开).
    application = models.ForeignKey(
        Application,
        verbose_name="涉及的政府信息公开申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="remedy_cases",
    )
    review_case = models.ForeignKey(
        "self",
        verbose_name="此前的行政复议案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="later_suits",
    )
    concerned_act = models.TextField("被申请复议（被诉）的行为", blank=True)
    claimant = models.CharField("申请人（原告）", max_length=200)
    forum = models.CharField("复议机关或受理法院", max_length=200)
    case_number = models.CharField("案号", max_length=100, blank=True)
    filed_on = models.DateField("申请复议或立案日期")
    result = models.CharField(
        "结果",
        max_length=40,
        blank=True,
        choices=[(r.value, label) for r, label in RESULT_LABELS.items()],
    )
    result_on = models.DateField("结果日期", null=True, blank=True)
    result_note = models.TextField("结果说明", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政复议、诉讼案件"
        verbose_name_plural = "行政复议、诉讼案件"
        ordering = ("-filed_on", "-pk")
        indexes = (models.Index(fields=["agency", "filed_on"], name="remedy_agency_filed"),)

    def __str__(self) -> str:
        return f"{self.kind_label} {self.case_number or self.claimant} {self.filed_on}"

    @property
    def kind_enum(self) -> CaseKind:
        return CaseKind(self.kind)

    @property
    def kind_label(self) -> str:
        return CASE_KIND_LABELS[self.kind_enum]

    @property
    def result_enum(self) -> ResultKind | None:
        return ResultKind(self.result) if self.result else None


class RemedyEvent(TrailEntry):
    record_name = "案件记录"

    case = models.ForeignKey(
        RemedyCase, verbose_name="案件", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(
        "环节",
        max_length=20,
        choices=[(a.value, label) for a, label in REMEDY_ACTION_LABELS.items()],
    )
    occurred_on = models.DateField("发生日期")

    class Meta:
        verbose_name = "复议、诉讼案件记录"
        verbose_name_plural = "复议、诉讼案件记录"
        ordering = ("recorded_at", "pk")

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.action_label}"

    @property
    def action_label(self) -> str:
        return REMEDY_ACTION_LABELS[RemedyAction(self.action)]
