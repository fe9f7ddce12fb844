"""The portal's §41 更正 form: who asks, how to reach them, the record, what it should say,
and the evidence that it is inaccurate (条例第四十一条); every message in Chinese."""

from __future__ import annotations

from django import forms

from gongkai.core.applications.applicants import APPLICANT_LABELS, ApplicantType
from gongkai.web.portal.forms import required
from gongkai.web.text_input import TextForm


class CorrectionForm(TextForm):
    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=[(t.value, APPLICANT_LABELS[t]) for t in ApplicantType],
        widget=forms.RadioSelect,
        error_messages=required("请选择申请人类型"),
    )
    applicant_name = forms.CharField(
        label="申请人姓名或名称",
        max_length=200,
        error_messages=required("请填写申请人姓名或名称"),
    )
    contact = forms.CharField(
        label="联系方式",
        max_length=300,
        help_text="电话、通信地址或电子邮箱，用于告知处理结果",
        error_messages=required("请填写联系方式，以便告知处理结果"),
    )
    record = forms.CharField(
        label="要求更正的政府信息记录",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="哪一份记录、哪一项内容（如证照名称和编号、登记事项）",
        error_messages=required("请写明要求更正的政府信息记录"),
    )
    requested = forms.CharField(
        label="要求更正为",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required("请写明要求更正的内容"),
    )
    evidence = forms.CharField(
        label="证明该记录不准确的证据",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="第四十一条：申请更正须有证据证明该信息记录不准确。请写明证据名称，"
        "原件或复印件可按受理机关告知的方式提交",
        error_messages=required("第四十一条：申请更正须有证据证明该信息记录不准确，请写明证据"),
    )
    # Anti-spam, as on the application form (the honeypot is read by the view).
    ticket = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge_answer = forms.CharField(
        label="验证问题", max_length=10, error_messages=required("请回答验证问题")
    )
