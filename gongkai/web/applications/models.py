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
from gongkai.core.applications.channels import CHANNEL_LABELS, INTAKE_LABELS, Channel
from gongkai.core.applications.excessive import JUDGEMENT_LABELS
from gongkai.core.applications.outcomes import OUTCOME_LABELS, Outcome
from gongkai.core.applications.roles import ACTION_LABELS, Action
from gongkai.core.applications.statuses import STATUS_LABELS, Status
from gongkai.core.letters.model import LETTER_TITLES
from gongkai.core.letters.replies import WITHHELD_GROUND_LABELS
from gongkai.web.agencies.models import Agency, Unit
from gongkai.web.kernel.append_only import AppendOnly, TrailEntry

__all__ = ["AppendOnly"]  # the kernel's, named here for older callers


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
    # How staff received it (§29, §31) and what the registrar must record for that form.
    intake_form = models.CharField(
        "收件方式", max_length=20, choices=_choices(INTAKE_LABELS), blank=True
    )
    transcribed_by = models.CharField("代为填写人（口头申请）", max_length=100, blank=True)
    transcript_confirmed = models.BooleanField("申请人已确认代填内容", default=False)
    tracking_number = models.CharField("邮件号", max_length=50, blank=True)
    postmark_date = models.DateField("邮戳日期", null=True, blank=True)
    sender_address = models.CharField("来件传真号码或电子邮箱", max_length=200, blank=True)

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
    extension_approved_on = models.DateField("批准延期日期", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    # §35 (gongkai.web.applications.excessive): the request for reasons, their judgement and
    # the later reply date that replaces the §33 one.
    reasons_requested_on = models.DateField("要求说明理由日期", null=True, blank=True)
    reasons_due = models.DateField("说明理由期限", null=True, blank=True)
    reasons_closed_on = models.DateField("收到理由或期满日期", null=True, blank=True)
    reasons_given = models.TextField("申请人说明的理由", blank=True)
    reasons_judgement = models.CharField(
        "申请理由认定", max_length=20, choices=_choices(JUDGEMENT_LABELS), blank=True
    )
    delayed_deadline = models.DateField("延迟答复期限（第三十五条）", null=True, blank=True)
    delayed_reason = models.TextField("延迟答复理由", blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_unit = models.ForeignKey(
        Unit,
        verbose_name="交办的内设机构",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    outcome = models.CharField(
        "办理结果", max_length=40, choices=_choices(OUTCOME_LABELS), blank=True
    )
    decision_reasons = models.TextField("理由及依据", blank=True)
    legal_basis = models.TextField("法律依据", blank=True)
    decision_details = models.TextField("获取方式、途径或处理说明", blank=True)
    referral = models.CharField("负责公开的机关及联系方式", max_length=300, blank=True)
    # §37: why the withheld part of a 部分公开 answer is withheld (its reply cites the article).
    withheld_ground = models.CharField(
        "不予公开部分的理由类别",
        max_length=40,
        choices=list(WITHHELD_GROUND_LABELS.items()),
        blank=True,
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    issued_on = models.DateField("答复出具日期", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    archive_reference = models.CharField("档案号", max_length=100, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-arrived_at",)
        constraints = (
            models.UniqueConstraint(fields=["agency", "number"], name="application_unique_number"),
        )
        indexes = (
            models.Index(fields=["agency", "status"], name="application_queue"),
            # The work queue: one agency's cases in some statuses, ordered by due date.
            models.Index(fields=["agency", "status", "due_date"], name="application_queue_due"),
            models.Index(fields=["agency", "channel"], name="application_channel"),
            # The API's list: newest arrivals first, one page at a time.
            models.Index(fields=["agency", "-arrived_at", "-id"], name="application_by_arrival"),
        )

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

    class Result(models.TextChoices):
        CONSENT = "consent", "同意公开"
        OBJECTION = "objection", "不同意公开"
        NO_REPLY = "no_reply", "逾期未答复"
        OTHER = "other", "其他意见"

    sent_on = models.DateField("征求意见书发出日")
    matter = models.TextField("征求意见的事项", blank=True)
    delivered_on = models.DateField("对方收到日", null=True, blank=True)
    ended_on = models.DateField("答复或期满日", null=True, blank=True)
    reply = models.TextField("对方意见", blank=True)
    result = models.CharField("征求结果", max_length=20, choices=Result.choices, blank=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ("sent_on", "pk")

    def __str__(self) -> str:
        return f"{self.application.number} 征求{self.party_name}意见"


class CaseEvent(TrailEntry):
    # The trail is evidence (S9 §5 puts the burden of proof on the agency): never rewrite.
    record_name = "办理记录"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("办理环节", max_length=30, choices=_choices(ACTION_LABELS))
    occurred_on = models.DateField("发生日期")
    from_status = models.CharField("原状态", max_length=30, blank=True)
    to_status = models.CharField("新状态", max_length=30)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ("occurred_on", "recorded_at", "pk")

    def __str__(self) -> str:
        return f"{self.occurred_on} {ACTION_LABELS[Action(self.action)]}"

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[Action(self.action)]

    @property
    def to_status_label(self) -> str:
        return STATUS_LABELS[Status(self.to_status)]


class Assignment(models.Model):
    """交办: an internal unit searches for or prepares the information, then reports back."""

    class Result(models.TextChoices):
        HELD = "held", "掌握该信息"
        PARTLY = "partly", "掌握部分信息"
        NOT_HELD = "not_held", "经检索不掌握"
        OTHER = "other", "其他"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(Unit, verbose_name="承办单位", on_delete=models.PROTECT)
    assigned_on = models.DateField("交办日期")
    instructions = models.TextField("交办事项")
    feedback_due = models.DateField("反馈期限", null=True, blank=True)
    feedback_on = models.DateField("反馈日期", null=True, blank=True)
    result = models.CharField("反馈结论", max_length=20, choices=Result.choices, blank=True)
    feedback = models.TextField("反馈意见", blank=True)

    class Meta:
        verbose_name = "交办"
        verbose_name_plural = "交办"
        ordering = ("assigned_on", "pk")

    def __str__(self) -> str:
        return f"{self.application.number} 交办{self.unit.name}"


def _letter_path(letter: Letter, filename: str) -> str:
    if letter.application_id is None:  # a §41 更正 notice: its own folder per agency
        request = letter.correction_request
        return f"letters/{request.agency_id}/corrections/{request.pk}/{filename}"
    return f"letters/{letter.application.agency_id}/{letter.application_id}/{filename}"


class Letter(models.Model):
    """A letter of the case, generated from its facts (gongkai.core.letters).

    ``content`` is the letter's text; ``docx`` and ``pdf`` are rendered from it after the
    transaction commits (:func:`gongkai.web.applications.letter_files.render_letter_files`).
    The applicant sees a letter once ``issued_on`` is set (the portal relies on this).

    A letter belongs to an application, or — the §41 更正 notice — to a correction request,
    which is no application (:mod:`gongkai.web.applications.correction_requests`); exactly one.
    """

    application = models.ForeignKey(
        Application,
        verbose_name="申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    correction_request = models.ForeignKey(
        "applications.CorrectionRequest",
        verbose_name="更正申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    kind = models.CharField(
        "文书类型", max_length=30, choices=[(k.value, t) for k, t in LETTER_TITLES.items()]
    )
    title = models.CharField("标题", max_length=100)
    docx = models.FileField("Word 文档", upload_to=_letter_path, blank=True)
    pdf = models.FileField("PDF 文档", upload_to=_letter_path, blank=True)
    issued_on = models.DateField("出具日期", null=True, blank=True)
    content = models.JSONField("文书内容", default=dict)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    rendered_at = models.DateTimeField("文件生成时间", null=True, blank=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ("created_at", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(application__isnull=False, correction_request__isnull=True)
                | models.Q(application__isnull=True, correction_request__isnull=False),
                name="letter_has_one_owner",
            ),
        )

    def __str__(self) -> str:
        return f"{self.owner_number} {self.title}"

    @property
    def owner_number(self) -> str:
        """The number of the application or correction request the letter belongs to."""
        owner = self.application or self.correction_request
        return owner.number if owner is not None else ""


class ServiceRecord(models.Model):
    """送达 of the reply: how, when, and the proof (domain.md §3.10; S9 §5 burden of proof)."""

    class Method(models.TextChoices):
        DIRECT = "direct", "直接送达（申请人签收）"
        MAIL = "mail", "邮寄送达"
        EMAIL = "email", "电子邮件送达"
        ONLINE = "online", "网上平台送达"
        FAX = "fax", "传真送达"
        LEFT = "left", "留置送达"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="services"
    )
    letter = models.ForeignKey(
        Letter, verbose_name="送达的文书", null=True, blank=True, on_delete=models.PROTECT
    )
    method = models.CharField("送达方式", max_length=20, choices=Method.choices)
    served_on = models.DateField("送达日期")
    proof = models.CharField("送达凭证（邮件号、签收人、平台回执等）", max_length=300)
    proof_file = models.FileField("凭证扫描件", upload_to="service-proofs/%Y/", blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "送达记录"
        verbose_name_plural = "送达记录"
        ordering = ("served_on", "pk")

    def __str__(self) -> str:
        return f"{self.application.number} {self.get_method_display()} {self.served_on}"


class Reanswer(models.Model):
    """A 复议决定 or judgment that ordered a new answer, and the new answer (docs/remedies.md).

    The application's first conclusion (``outcome``, ``concluded_on``) stays as it was: 表三
    counts the application once, in the year it was first answered; the order is counted in
    表四 through the review or litigation case (``remedy_case_id``, when it is recorded there).
    """

    class Source(models.TextChoices):
        REVIEW = "review", "行政复议决定"
        COURT = "court", "人民法院裁判"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="reanswers"
    )
    source = models.CharField("责令机关类型", max_length=10, choices=Source.choices)
    order_document = models.CharField("决定书或判决书（名称及文号）", max_length=200)
    order_received_on = models.DateField("收到决定书或判决书之日")
    set_due = models.DateField("决定书或判决书确定的重新答复期限", null=True, blank=True)
    # The review or litigation case (gongkai.web.remedies), by id: that app sits above this
    # one and may not be imported here (docs/architecture.md, layers).
    remedy_case_id = models.PositiveIntegerField("复议诉讼案件", null=True, blank=True)
    outcome = models.CharField(
        "重新答复结果", max_length=40, choices=_choices(OUTCOME_LABELS), blank=True
    )
    reasons = models.TextField("理由及依据", blank=True)
    legal_basis = models.TextField("法律依据", blank=True)
    details = models.TextField("获取方式、途径或处理说明", blank=True)
    referral = models.CharField("负责公开的机关及联系方式", max_length=300, blank=True)
    withheld_ground = models.CharField(
        "不予公开部分的理由类别",
        max_length=40,
        choices=list(WITHHELD_GROUND_LABELS.items()),
        blank=True,
    )
    issued_on = models.DateField("重新答复出具日期", null=True, blank=True)
    letter = models.ForeignKey(
        Letter, verbose_name="重新答复书", null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "责令重新答复"
        verbose_name_plural = "责令重新答复"
        ordering = ("order_received_on", "pk")

    def __str__(self) -> str:
        return f"{self.application.number} {self.order_document}"


# 答复附件 (issue 14) and §41 更正 requests (whose notice is a Letter above) live in their own
# modules; imported here so that Django registers them.
from gongkai.web.applications.correction_requests import (  # noqa: E402, F401
    CorrectionEvent,
    CorrectionRequest,
)
from gongkai.web.applications.released import ReleasedFile  # noqa: E402, F401
