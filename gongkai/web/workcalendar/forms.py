from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from gongkai.core.calendar.notice import NoticeError, parse_notice
from gongkai.web.text_input import TextForm


class NoticeForm(TextForm):
    year = forms.IntegerField(label="年度", min_value=2004, max_value=2100)
    notice = forms.CharField(
        label="依据（通知文号）", max_length=200, help_text="例如：国办发明电〔2026〕7号"
    )
    days = forms.CharField(
        label="节假日与调休安排",
        widget=forms.Textarea(attrs={"rows": 14, "cols": 60}),
        help_text="每行一项：日期[至日期] 休息|上班 说明，例如“2027-01-01至2027-01-03 休息 元旦”、"
        "“2027-02-06 上班 春节调休”。",
    )
    complete = forms.BooleanField(
        label="该年通知已完整录入",
        required=False,
        initial=True,
        help_text="勾选后，该年其余日期按周一至周五上班计算；不勾选则该年仍视为没有日历数据。",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year, text = cleaned.get("year"), cleaned.get("days")
        if year and text:
            try:
                parse_notice(text, year)
            except NoticeError as exc:
                raise forms.ValidationError(exc.problems) from exc
        return cleaned

    @staticmethod
    def next_year() -> int:
        return date.today().year + 1
