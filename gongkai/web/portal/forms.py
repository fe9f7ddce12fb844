"""The online application form (§29 ¶2) and the lookup form; every message in Chinese,
shown next to its field and in the summary at the top of the page."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from gongkai.core.applications.applicants import APPLICANT_LABELS, ApplicantType
from gongkai.core.portal.attachments import (
    ACCEPTED_LABEL,
    MEDIA_TYPES,
    count_problem,
    file_problem,
)
from gongkai.core.portal.identifiers import (
    ID_DOCUMENT_LABELS,
    credit_code_problem,
    id_document_problem,
    normalize_code,
)
from gongkai.core.portal.public_view import DELIVERIES_FOR_FORM
from gongkai.core.portal.tracking import normalize_tracking_number
from gongkai.web.applications.models import Delivery, RequestedForm
from gongkai.web.portal.config import attachment_limits
from gongkai.web.portal.models import Attachment
from gongkai.web.text_input import TextForm

PORTAL_DELIVERIES = [
    (d.value, d.label) for d in (Delivery.MAIL, Delivery.EMAIL, Delivery.ONLINE, Delivery.PICKUP)
]
# A phone number as people write it: digits with optional +, spaces, hyphens, parentheses.
_PHONE = re.compile(r"\+?[\d\s\-()]{7,25}")


def required(message: str) -> dict[str, str]:
    return {"required": message}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (``multiple``); cleaned to a list."""

    def __init__(self, **kwargs: Any) -> None:
        accept = ",".join(MEDIA_TYPES.values())
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


FILE_FIELDS = {
    "identity_files": Attachment.Kind.IDENTITY,
    "authorisation_files": Attachment.Kind.AUTHORISATION,
    "other_files": Attachment.Kind.OTHER,
}


class ApplyForm(TextForm):
    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=[(t.value, APPLICANT_LABELS[t]) for t in ApplicantType],
        widget=forms.RadioSelect,
        error_messages=required("请选择申请人类型"),
    )
    # 自然人
    person_name = forms.CharField(label="姓名", max_length=50, required=False)
    id_document_type = forms.ChoiceField(
        label="证件类型",
        choices=[("", "请选择"), *ID_DOCUMENT_LABELS.items()],
        required=False,
    )
    id_number = forms.CharField(label="证件号码", max_length=30, required=False)
    # 法人或其他组织
    org_name = forms.CharField(label="名称", max_length=200, required=False)
    credit_code = forms.CharField(
        label="统一社会信用代码",
        max_length=25,
        required=False,
        help_text="18位，见营业执照或登记证书",
    )
    contact_person = forms.CharField(label="法定代表人或联系人", max_length=50, required=False)
    # 联系方式
    contact_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    contact_address = forms.CharField(label="通信地址", max_length=300, required=False)
    contact_email = forms.EmailField(
        label="电子邮箱",
        required=False,
        error_messages={"invalid": "请填写正确的电子邮箱地址，如 name@example.com"},
    )
    # 所需信息
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=5,
        max_length=3000,
        error_messages={
            **required("请描述您需要的政府信息（名称、文号或者其他特征性描述）"),
            "min_length": "描述过短，请写明信息的名称、文号或者便于查询的特征（至少5个字）",
            "max_length": "描述不能超过3000字，信息较多时可分别申请",
        },
    )
    purpose = forms.CharField(
        label="用途（选填）",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        required=False,
        error_messages={"max_length": "用途不能超过500字"},
    )
    requested_form = forms.ChoiceField(
        label="指定提供形式",
        choices=RequestedForm.choices,
        widget=forms.RadioSelect,
        error_messages=required("请选择信息的提供形式"),
    )
    delivery = forms.ChoiceField(
        label="获取方式",
        choices=PORTAL_DELIVERIES,
        widget=forms.RadioSelect,
        error_messages=required("请选择获取信息的方式"),
    )
    identity_files = MultipleFileField(label="身份证明材料（身份证件或营业执照等复印件）")
    authorisation_files = MultipleFileField(label="授权委托书（委托他人代为申请时提交）")
    other_files = MultipleFileField(label="其他材料")
    # Anti-spam: the ticket and the question; the honeypot field people never see is read by
    # the views (antispam.HONEYPOT), not by the form.
    ticket = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge_answer = forms.CharField(
        label="验证问题",
        max_length=10,
        error_messages=required("请回答验证问题"),
        help_text="请用数字或汉字作答",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = attachment_limits()
        for field in FILE_FIELDS:
            self.fields[field].help_text = (
                f"{ACCEPTED_LABEL}文件，可多选；附件合计不超过{limits.max_files}个，"
                f"每个不超过{limits.size_label}"
            )

    def clean_credit_code(self) -> str:
        return normalize_code(self.cleaned_data["credit_code"])

    def clean_id_number(self) -> str:
        return normalize_code(self.cleaned_data["id_number"])

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not (_PHONE.fullmatch(phone) and sum(c.isdigit() for c in phone) >= 7):
            raise forms.ValidationError("请填写正确的电话号码，如 13812345678 或 0531-88881234")
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("applicant_type")
        if kind == ApplicantType.NATURAL_PERSON.value:
            self._clean_person(data)
        elif kind:
            self._clean_organisation(data)
        self._clean_contact_and_delivery(data)
        self._clean_files(data)
        return data

    def _need(self, data: dict[str, Any], field: str, message: str) -> None:
        if not str(data.get(field) or "").strip() and field not in self.errors:
            self.add_error(field, message)

    def _clean_person(self, data: dict[str, Any]) -> None:
        self._need(data, "person_name", "请填写申请人姓名")
        if "id_number" in self.errors:
            return
        problem = id_document_problem(
            data.get("id_document_type", ""), data.get("id_number", ""), timezone.localdate()
        )
        if problem == "请选择证件类型":
            self.add_error("id_document_type", problem)
        elif problem:
            self.add_error("id_number", problem)

    def _clean_organisation(self, data: dict[str, Any]) -> None:
        self._need(data, "org_name", "请填写法人或其他组织的名称")
        self._need(data, "contact_person", "请填写法定代表人或联系人姓名")
        code = data.get("credit_code", "")
        if not code:
            self._need(data, "credit_code", "请填写统一社会信用代码")
        elif (problem := credit_code_problem(code)) is not None:
            self.add_error("credit_code", problem)

    def _clean_contact_and_delivery(self, data: dict[str, Any]) -> None:
        contacts = ("contact_phone", "contact_address", "contact_email")
        if not any(data.get(f) for f in contacts) and not any(f in self.errors for f in contacts):
            self.add_error("contact_phone", "请至少填写一种联系方式：电话、通信地址或电子邮箱")
        form, delivery = data.get("requested_form"), data.get("delivery")
        if form and delivery and delivery not in DELIVERIES_FOR_FORM[form]:
            allowed = "、".join(
                label for value, label in PORTAL_DELIVERIES if value in DELIVERIES_FOR_FORM[form]
            )
            self.add_error("delivery", f"“{RequestedForm(form).label}”形式只能选择：{allowed}")
        if delivery == Delivery.MAIL.value:
            self._need(data, "contact_address", "选择邮寄的，请填写通信地址")
        if delivery == Delivery.EMAIL.value:
            self._need(data, "contact_email", "选择电子邮件的，请填写电子邮箱")

    def _clean_files(self, data: dict[str, Any]) -> None:
        limits = attachment_limits()
        total = 0
        for field in FILE_FIELDS:
            for upload in data.get(field) or []:
                total += 1
                upload.seek(0)
                problem = file_problem(
                    upload.name or "附件", upload.size or 0, upload.read(1024), limits
                )
                upload.seek(0)
                if problem:
                    self.add_error(field, problem)
        if (problem := count_problem(total, limits)) is not None:
            self.add_error("other_files", problem)

    def uploads(self) -> list[tuple[str, UploadedFile]]:
        return [
            (kind, upload)
            for field, kind in FILE_FIELDS.items()
            for upload in self.cleaned_data.get(field) or []
        ]


class LookupForm(TextForm):
    tracking_number = forms.CharField(
        label="查询号",
        max_length=30,
        help_text="提交申请后回执上的查询号，如 2025-AB12-CD3E",
        error_messages=required("请填写查询号"),
    )
    last4 = forms.CharField(
        label="联系电话或证件号码的后4位",
        min_length=4,
        max_length=4,
        help_text="法人或其他组织可填写统一社会信用代码的后4位",
        error_messages={
            **required("请填写联系电话或证件号码的后4位"),
            "min_length": "请填写4位",
            "max_length": "请填写4位",
        },
    )
    ticket = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge_answer = forms.CharField(
        label="验证问题", max_length=10, error_messages=required("请回答验证问题")
    )

    def clean_tracking_number(self) -> str:
        number = normalize_tracking_number(self.cleaned_data["tracking_number"])
        if number is None:
            raise forms.ValidationError("查询号格式不正确，请核对回执上的查询号")
        return number

    def clean_last4(self) -> str:
        return self.cleaned_data["last4"].strip().upper()


def describe_errors(form: forms.Form) -> None:
    """Point each field in error at its message (``aria-describedby``) for screen readers."""
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            ids = [f"id_{name}_error"]
            if form.fields[name].help_text:
                ids.append(f"id_{name}_helptext")
            widget.attrs["aria-describedby"] = " ".join(ids)
