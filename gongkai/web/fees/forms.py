"""Forms of the fee panel; the rules are the services' (the forms only read the input)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.web.fees.models import FeeCharge
from gongkai.web.text_input import TextForm


class DateInput(forms.DateInput):
    input_type = "date"


def _day(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=timezone.localdate if required else None,
        widget=DateInput(format="%Y-%m-%d"),
    )


class AssessForm(TextForm):
    on = _day("核定日期")
    method = forms.ChoiceField(label="计收方式", choices=FeeCharge.Method.choices)
    pages = forms.IntegerField(
        label="页数（仅按量计收）",
        required=False,
        min_value=1,
        help_text="按件计收时不填：本月申请序号由系统按该申请人本月的申请计算",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        method, pages = data.get("method"), data.get("pages")
        if method == FeeCharge.Method.PER_PAGE and pages is None:
            self.add_error("pages", "按量计收须填写提供信息的页数")
        if method == FeeCharge.Method.PER_APPLICATION and pages is not None:
            self.add_error("pages", "按件计收不看页数，同一申请不得同时按件和按量计收")
        return data


class IssueForm(TextForm):
    on = _day("发出日期")
    received_on = _day("申请人收到日期（当场或网上送达时填写）", required=False)


class ReceiptForm(TextForm):
    on = _day("申请人收到收费通知的日期")


class PaymentForm(TextForm):
    on = _day("缴费日期")
    amount = forms.IntegerField(label="实缴金额（元）", min_value=1)
    receipt_number = forms.CharField(label="财政票据号码", max_length=100, required=False)


class LapseForm(TextForm):
    on = _day("终止日期")
