"""Forms of the 复议/诉讼 pages; the rules are the services' (forms only read the input)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core.remedies.kinds import (
    CASE_KIND_LABELS,
    RESULT_LABELS,
    RESULTS_FOR_KIND,
    CaseKind,
    ResultKind,
)
from gongkai.web.agencies.models import Agency
from gongkai.web.remedies.models import RemedyCase
from gongkai.web.text_input import TextForm


class DateInput(forms.DateInput):
    input_type = "date"


def _day(label: str) -> forms.DateField:
    return forms.DateField(
        label=label, initial=timezone.localdate, widget=DateInput(format="%Y-%m-%d")
    )


class ReviewChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        number = obj.case_number or f"案件{obj.pk}"
        return f"{number} {obj.claimant}（{obj.filed_on:%Y-%m-%d}）"


class CaseForm(TextForm):
    agency = forms.ModelChoiceField(label="被申请人（被告）机关", queryset=Agency.objects.none())
    kind = forms.ChoiceField(
        label="案件类型", choices=[(k.value, v) for k, v in CASE_KIND_LABELS.items()]
    )
    review_case = ReviewChoice(
        label="此前的行政复议案件（仅复议后起诉）",
        queryset=RemedyCase.objects.none(),
        required=False,
    )
    application_number = forms.CharField(
        label="所涉申请编号", max_length=30, required=False, help_text="如 2025-0012；可不填"
    )
    concerned_act = forms.CharField(
        label="被申请复议（被诉）的行为",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="未关联申请时必填，如“未在法定期限内答复”",
    )
    claimant = forms.CharField(label="申请人（原告）", max_length=200)
    forum = forms.CharField(label="复议机关或受理法院", max_length=200)
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    filed_on = _day("申请复议或立案日期")
    review_first_override = forms.CharField(
        label="未经复议直接起诉的例外理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不予公开的答复应先申请行政复议（行政复议法第二十三条）；"
        "仅在法院确已立案受理时填写，如立案通知书案号，记入案件记录",
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = agencies
        if agencies.count() == 1:
            agency_field.initial = agencies.first()
        review_field = self.fields["review_case"]
        assert isinstance(review_field, forms.ModelChoiceField)
        review_field.queryset = RemedyCase.objects.filter(
            agency__in=agencies, kind=CaseKind.REVIEW.value
        )


class EditForm(TextForm):
    claimant = forms.CharField(label="申请人（原告）", max_length=200)
    forum = forms.CharField(label="复议机关或受理法院", max_length=200)
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    concerned_act = forms.CharField(
        label="被申请复议（被诉）的行为", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResultForm(TextForm):
    result = forms.ChoiceField(label="结果")
    result_on = _day("结果日期")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, kind: CaseKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["result"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (r.value, RESULT_LABELS[r]) for r in ResultKind if r in RESULTS_FOR_KIND[kind]
        ]


class ReanswerForm(TextForm):
    """登记责令重新答复: the day the decision or judgment arrived and the period it sets."""

    on = _day("收到决定书或判决书之日")
    set_due = forms.DateField(
        label="决定书或判决书确定的重新答复期限",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="未载明期限的留空，按办理规则的默认工作日数计算（该默认值未经核实）",
    )
