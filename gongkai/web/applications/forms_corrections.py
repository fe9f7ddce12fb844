"""Forms of the §41 更正 pages; the rules are the services' (forms only read the input)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core.applications.applicants import APPLICANT_LABELS
from gongkai.core.applications.record_corrections import CORRECTION_DECISION_LABELS
from gongkai.web.agencies.models import Agency
from gongkai.web.text_input import TextForm


class DateInput(forms.DateInput):
    input_type = "date"


def _day(label: str) -> forms.DateField:
    return forms.DateField(
        label=label, initial=timezone.localdate, widget=DateInput(format="%Y-%m-%d")
    )


class CorrectionRequestForm(TextForm):
    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.none())
    arrived_on = _day("收到申请之日")
    applicant_type = forms.ChoiceField(
        label="申请人类型", choices=[(k.value, v) for k, v in APPLICANT_LABELS.items()]
    )
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=200)
    contact = forms.CharField(
        label="联系方式", max_length=300, help_text="电话、通信地址或电子邮箱，用于告知处理结果"
    )
    record = forms.CharField(
        label="要求更正的政府信息记录",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="本机关提供的、与申请人自身相关的哪一项记录（名称、文号或位置）及其现有内容",
    )
    requested = forms.CharField(label="要求更正为", widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(
        label="证明记录不准确的证据",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="第四十一条：申请更正须“有证据证明”记录不准确；写明所附证据的名称",
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies
        if agencies.count() == 1:
            field.initial = agencies.first()


class CorrectionDecisionForm(TextForm):
    on = _day("决定日期")
    decision = forms.ChoiceField(
        label="处理决定",
        choices=[(k.value, v) for k, v in CORRECTION_DECISION_LABELS.items()],
        widget=forms.RadioSelect,
    )
    corrected_to = forms.CharField(
        label="更正后的内容（予以更正时填写）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    competent_agency = forms.CharField(
        label="有权更正的行政机关（转送或告知向其提出时填写）", max_length=200, required=False
    )
    reasons = forms.CharField(
        label="审核情况和理由（不予更正时必填）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
