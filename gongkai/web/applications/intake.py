"""Registration by staff: one form per way an application arrives (§29, §31).

Each form asks for the §29 contents and for what its channel requires the registrar to record
(:data:`gongkai.core.applications.channels.INTAKE_RECORDS`): the signature date and tracking
number of signed mail, who wrote down an oral application and the applicant's confirmation,
the sender's fax number or e-mail address for the mutual confirmation.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from gongkai.core.applications.applicants import APPLICANT_LABELS, ApplicantType
from gongkai.core.applications.channels import INTAKE_CHANNELS, IntakeForm
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import services
from gongkai.web.applications.forms import DateInput
from gongkai.web.applications.models import Application, Delivery, RequestedForm
from gongkai.web.text_input import TextForm

STAFF_FORMS = tuple(f for f in IntakeForm if f is not IntakeForm.ONLINE)

ARRIVAL_LABELS: dict[IntakeForm, str] = {
    IntakeForm.IN_PERSON: "提交日期（即收到申请之日）",
    IntakeForm.ORAL: "口头提出日期（即收到申请之日）",
    IntakeForm.MAIL_SIGNED: "签收日期（即收到申请之日）",
    IntakeForm.MAIL_ORDINARY: "信函到达日期",
    IntakeForm.FAX: "收到传真日期",
    IntakeForm.EMAIL: "收到电子邮件日期",
}


class RegistrationForm(TextForm):
    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.none())
    arrived_on = forms.DateField(
        label="送达日期", widget=DateInput(format="%Y-%m-%d"), initial=timezone.localdate
    )
    arrived_time = forms.TimeField(
        label="送达时间", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    applicant_type = forms.ChoiceField(
        label="申请人类型", choices=[(t.value, label) for t, label in APPLICANT_LABELS.items()]
    )
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=200)
    id_document = forms.CharField(
        label="身份证明（证件类型及号码）", max_length=100, required=False
    )
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    contact_phone = forms.CharField(label="联系电话", max_length=50, required=False)
    contact_address = forms.CharField(label="通信地址", max_length=300, required=False)
    contact_email = forms.EmailField(label="电子邮箱", required=False)
    description = forms.CharField(
        label="所需政府信息的名称、文号或描述", widget=forms.Textarea(attrs={"rows": 3})
    )
    requested_form = forms.ChoiceField(label="指定提供形式", choices=RequestedForm.choices)
    delivery = forms.ChoiceField(label="获取方式", choices=Delivery.choices)
    # Channel-specific records; which are shown and required depends on the intake form.
    tracking_number = forms.CharField(label="邮件号（挂号信、EMS单号）", required=False)
    postmark_date = forms.DateField(
        label="邮戳日期", required=False, widget=DateInput(format="%Y-%m-%d")
    )
    sender_address = forms.CharField(label="来件传真号码或电子邮箱", required=False)
    transcribed_by = forms.CharField(label="代为填写的工作人员", required=False)
    transcript_confirmed = forms.BooleanField(
        label="申请人已核对代填内容并签名（或捺印）确认", required=False
    )

    FIELDS_BY_FORM: ClassVar[dict[IntakeForm, tuple[str, ...]]] = {
        IntakeForm.IN_PERSON: (),
        IntakeForm.ORAL: ("transcribed_by", "transcript_confirmed"),
        IntakeForm.MAIL_SIGNED: ("tracking_number", "postmark_date"),
        IntakeForm.MAIL_ORDINARY: ("tracking_number", "postmark_date"),
        IntakeForm.FAX: ("sender_address",),
        IntakeForm.EMAIL: ("sender_address",),
    }
    REQUIRED_BY_FORM: ClassVar[dict[IntakeForm, tuple[str, ...]]] = {
        IntakeForm.ORAL: ("transcribed_by", "transcript_confirmed"),
        IntakeForm.MAIL_SIGNED: ("tracking_number",),
        IntakeForm.FAX: ("sender_address",),
        IntakeForm.EMAIL: ("sender_address",),
    }
    SPECIFIC = (
        "tracking_number",
        "postmark_date",
        "sender_address",
        "transcribed_by",
        "transcript_confirmed",
    )

    def __init__(
        self, intake: IntakeForm, agencies: Any, user: AbstractBaseUser, *args: Any, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.intake = intake
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = agencies
        if agencies.count() == 1:
            agency_field.initial = agencies.first()
        self.fields["arrived_on"].label = ARRIVAL_LABELS[intake]
        keep = self.FIELDS_BY_FORM[intake]
        for name in self.SPECIFIC:
            if name not in keep:
                del self.fields[name]
        for name in self.REQUIRED_BY_FORM.get(intake, ()):
            self.fields[name].required = True
        if intake is IntakeForm.ORAL:
            self.fields["transcribed_by"].initial = (
                getattr(user, "get_full_name", lambda: "")() or user.get_username()
            )
        if intake is IntakeForm.FAX:
            self.fields["sender_address"].label = "来件传真号码"
        if intake is IntakeForm.EMAIL:
            self.fields["sender_address"].label = "来件电子邮箱"
            self.fields["delivery"].initial = Delivery.EMAIL

    def register(self, user: AbstractBaseUser) -> Application:
        data = dict(self.cleaned_data)
        agency = data.pop("agency")
        arrived = datetime.combine(data.pop("arrived_on"), data.pop("arrived_time") or time(9))
        details = {k: v for k, v in data.items() if v not in ("", None)}
        return services.register(
            user,
            agency,
            channel=INTAKE_CHANNELS[self.intake],
            arrived_at=timezone.make_aware(arrived),
            applicant_type=ApplicantType(details.pop("applicant_type")),
            applicant_name=details.pop("applicant_name"),
            description=details.pop("description"),
            intake_form=self.intake.value,
            **details,
        )
