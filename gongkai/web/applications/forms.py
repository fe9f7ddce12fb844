"""One form per step of the case page. Each form knows its action and calls its service;
the page shows only the forms of :func:`gongkai.core.applications.actions.allowed_actions`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from gongkai.core.applications.applicants import APPLICANT_LABELS
from gongkai.core.applications.excessive import JUDGEMENT_LABELS
from gongkai.core.applications.outcomes import DECIDABLE, OUTCOME_LABELS, Outcome
from gongkai.core.applications.roles import ACTION_LABELS, Action, Role
from gongkai.core.letters import DEFAULT_LEGAL_BASIS, WITHHELD_GROUND_LABELS
from gongkai.web.agencies.models import Unit
from gongkai.web.applications import excessive, services
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.corrections import correct_applicant_type
from gongkai.web.applications.handling import ReviewConclusion
from gongkai.web.applications.models import Application, Assignment, Consultation, ServiceRecord
from gongkai.web.applications.proof_files import proof_file_problem
from gongkai.web.text_input import TextForm


class DateInput(forms.DateInput):
    input_type = "date"


def day_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(format="%Y-%m-%d"),
        initial=timezone.localdate if required else None,
    )


def text_area(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StepForm(TextForm):
    action: ClassVar[Action]
    multipart: ClassVar[bool] = False

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.action.value)
        super().__init__(*args, **kwargs)
        self.app = app

    @property
    def title(self) -> str:
        return ACTION_LABELS[self.action]

    def call(self, user: AbstractBaseUser) -> Application:
        data = dict(self.cleaned_data)
        return self.service()(user, self.app.pk, **data)

    def service(self) -> Callable[..., Application]:
        function: Callable[..., Application] = getattr(services, self.action.value)
        return function


class ConfirmReceiptForm(StepForm):
    action = Action.CONFIRM_RECEIPT
    on = day_field("确认日期（收到申请之日）")
    method = forms.CharField(label="确认方式", max_length=200, initial="电话确认")


class ReviewForm(StepForm):
    action = Action.REVIEW
    on = day_field("审查日期")
    conclusion = forms.ChoiceField(label="审查结论", choices=ReviewConclusion.choices)
    handler_id = forms.TypedChoiceField(
        label="承办人", coerce=int, required=False, empty_value=None
    )
    note = text_area("审查意见", required=False)

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        handlers = get_user_model().objects.filter(
            memberships__agency_id=app.agency_id, memberships__role=Role.HANDLER.value
        )
        field = self.fields["handler_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "（不变）")] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in handlers
        ]


class RequestSupplementForm(StepForm):
    action = Action.REQUEST_SUPPLEMENT
    on = day_field("补正告知日期")
    items = text_area("需要补正的事项（一次性告知）")
    period_wd = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=60)

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self.fields["period_wd"].initial = procedure_rules().supplement_period_wd


class ReceiveSupplementForm(StepForm):
    action = Action.RECEIVE_SUPPLEMENT
    on = day_field("收到补正材料日期（新的收到申请之日）")
    # §29 ¶2 (一): the identity proof the 补正 asked for, recorded when it arrives.
    id_document = forms.CharField(
        label="补正的身份证明（证件类型及号码）", max_length=100, required=False
    )
    credit_code = forms.CharField(label="补正的统一社会信用代码", max_length=18, required=False)


class LapseSupplementForm(StepForm):
    action = Action.LAPSE_SUPPLEMENT
    on = day_field("终止日期（补正期限届满后）")


class StartConsultationForm(StepForm):
    action = Action.START_CONSULTATION
    on = day_field("征求意见书发出日期")
    party = forms.ChoiceField(label="征求对象类型", choices=Consultation.Party.choices)
    party_name = forms.CharField(label="征求对象名称", max_length=200)
    matter = text_area("涉及的信息（写入征求意见书）", required=False)


class FinishConsultationForm(StepForm):
    action = Action.FINISH_CONSULTATION
    consultation_id = forms.TypedChoiceField(
        label="结束哪一项征求意见（同时有多项进行中时必选）",
        coerce=int,
        required=False,
        empty_value=None,
    )
    on = day_field("收到意见日期或期满日期")
    delivered_on = day_field("对方收到征求意见书日期", required=False)
    result = forms.ChoiceField(label="征求结果", choices=Consultation.Result.choices)
    reply = text_area("对方意见", required=False)

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        field = self.fields["consultation_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (c.pk, f"{c.party_name}（{c.get_party_display()}，{c.sent_on.isoformat()}发出）")
            for c in app.consultations.filter(ended_on__isnull=True)
        ]


class AssignForm(StepForm):
    action = Action.ASSIGN
    on = day_field("交办日期")
    unit_id = forms.TypedChoiceField(label="承办单位（内设机构）", coerce=int)
    instructions = text_area("交办事项")
    feedback_due = day_field("反馈期限", required=False)

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        field = self.fields["unit_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(u.pk, u.name) for u in Unit.objects.filter(agency_id=app.agency_id)]


class RecordFeedbackForm(StepForm):
    action = Action.RECORD_FEEDBACK
    on = day_field("反馈日期")
    result = forms.ChoiceField(label="反馈结论", choices=Assignment.Result.choices)
    feedback = text_area("反馈意见")


class ApproveExtensionForm(StepForm):
    action = Action.APPROVE_EXTENSION
    on = day_field("批准日期")
    days = forms.IntegerField(label="延长工作日数", min_value=1, initial=20)
    reason = text_area("延期理由（写入延期答复告知书）")

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        days = self.fields["days"]
        assert isinstance(days, forms.IntegerField)
        days.max_value = procedure_rules().extension_max_wd
        days.widget.attrs["max"] = str(days.max_value)


def _basis_help() -> str:
    return (
        "留空则按办理结果引用条例条款，如“不予公开：属于四类过程性信息”引用"
        + (DEFAULT_LEGAL_BASIS[Outcome.DENIED_PROCESS])
    )


class DecideForm(StepForm):
    action = Action.DECIDE
    on = day_field("决定日期")
    outcome = forms.ChoiceField(
        label="办理结果（只能选一项）", choices=[(o.value, OUTCOME_LABELS[o]) for o in DECIDABLE]
    )
    reasons = text_area(
        "理由", required=False, help_text="不予公开、部分公开、非本机关负责公开的，必须写明理由"
    )
    legal_basis = forms.CharField(
        label="法律依据", required=False, max_length=500, help_text=_basis_help()
    )
    details = text_area(
        "获取方式、途径或处理说明",
        required=False,
        help_text="已主动公开、行政查询事项、公开出版物、其他处理的，必须写明",
    )
    referral = forms.CharField(label="负责公开的机关名称及联系方式", required=False, max_length=300)
    withheld_ground = forms.ChoiceField(
        label="不予公开部分的理由类别（部分公开时必选）",
        required=False,
        choices=[("", "（不适用）"), *WITHHELD_GROUND_LABELS.items()],
        help_text="部分公开的答复书引用该类别的条款（第三十七条）",
    )

    def call(self, user: AbstractBaseUser) -> Application:
        data = dict(self.cleaned_data)
        data["outcome"] = Outcome(data["outcome"])
        return services.decide(user, self.app.pk, **data)


class IssueForm(StepForm):
    action = Action.ISSUE
    on = day_field("答复日期（答复书落款日期）")


class ServeForm(StepForm):
    action = Action.SERVE
    multipart = True
    on = day_field("送达日期")
    method = forms.ChoiceField(label="送达方式", choices=ServiceRecord.Method.choices)
    proof = forms.CharField(label="送达凭证（邮件号、签收人、平台回执）", max_length=300)
    proof_file = forms.FileField(label="凭证扫描件（可选，PDF、JPG 或 PNG）", required=False)

    def clean_proof_file(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("proof_file")
        if upload is not None:
            problem = proof_file_problem(upload)
            if problem is not None:
                raise forms.ValidationError(problem)
        return upload


class ArchiveForm(StepForm):
    action = Action.ARCHIVE
    on = day_field("归档日期")
    reference = forms.CharField(label="档案号", max_length=100, required=False)


class WithdrawForm(StepForm):
    action = Action.WITHDRAW
    on = day_field("撤回日期")
    note = text_area("撤回情况（如申请人书面撤回）", required=False)


class CorrectApplicantTypeForm(StepForm):
    action = Action.CORRECT_APPLICANT_TYPE
    on = day_field("更正日期")
    applicant_type = forms.ChoiceField(
        label="更正后的申请人类型（表三的列）",
        choices=[(t.value, label) for t, label in APPLICANT_LABELS.items()],
    )
    reason = text_area("更正理由（如申请人提交的营业执照、登记证书）")

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self.fields["applicant_type"].initial = app.applicant_type

    def service(self) -> Callable[..., Application]:
        return correct_applicant_type


class RequestReasonsForm(StepForm):
    action = Action.REQUEST_REASONS
    on = day_field("要求说明理由日期")
    finding = text_area(
        "数量、频次明显超过合理范围的情况（写入说明理由告知书）",
        help_text="如：申请人自2025年1月以来提出申请120件，其中同类申请85件",
    )

    def service(self) -> Callable[..., Application]:
        return excessive.request_reasons


class RecordReasonsForm(StepForm):
    action = Action.RECORD_REASONS
    on = day_field("收到理由日期（未说明的，期满后的认定日期）")
    explanation = text_area("申请人说明的理由（未说明的留空）", required=False)
    judgement = forms.ChoiceField(
        label="认定", choices=[(j.value, label) for j, label in JUDGEMENT_LABELS.items()]
    )

    def service(self) -> Callable[..., Application]:
        return excessive.record_reasons


class SetDelayedDeadlineForm(StepForm):
    action = Action.SET_DELAYED_DEADLINE
    on = day_field("确定日期")
    deadline = forms.DateField(
        label="延迟答复期限（晚于第三十三条规定的期限）", widget=DateInput(format="%Y-%m-%d")
    )
    reason = text_area("无法在第三十三条规定的期限内答复的原因（写入延迟答复告知书）")

    def service(self) -> Callable[..., Application]:
        return excessive.set_delayed_deadline


STEP_FORMS: dict[Action, type[StepForm]] = {
    form.action: form
    for form in (
        ConfirmReceiptForm,
        ReviewForm,
        RequestSupplementForm,
        ReceiveSupplementForm,
        LapseSupplementForm,
        StartConsultationForm,
        FinishConsultationForm,
        AssignForm,
        RecordFeedbackForm,
        ApproveExtensionForm,
        DecideForm,
        IssueForm,
        ServeForm,
        ArchiveForm,
        WithdrawForm,
        CorrectApplicantTypeForm,
        RequestReasonsForm,
        RecordReasonsForm,
        SetDelayedDeadlineForm,
    )
}
