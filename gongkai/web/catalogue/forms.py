"""Forms of the catalogue's staff pages; they only parse input, the services decide."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from gongkai.core.catalogue.attributes import (
    ATTRIBUTE_LABELS,
    REASON_LABELS,
    DisclosureAttribute,
    WithholdReason,
)
from gongkai.core.catalogue.channels import CHANNEL_LABELS
from gongkai.core.catalogue.guide import GUIDE_PARTS
from gongkai.core.catalogue.normative import KIND_LABELS
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.models import NewMediaAccount
from gongkai.web.catalogue.services import ItemFields
from gongkai.web.text_input import TextForm, TextModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def category_choices() -> list[tuple[str, str]]:
    return [(cat.code, "　" * depth + cat.label) for depth, cat in catalogue_rules().tree.ordered()]


class ItemForm(TextForm):
    title = forms.CharField(label="名称", max_length=200)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    category = forms.ChoiceField(label="信息分类", choices=category_choices)
    generated_on = forms.DateField(label="生成日期", widget=DATE)
    formed_on = forms.DateField(
        label="形成或者变更日期", widget=DATE, help_text="第二十六条：自此日起20个工作日内公开"
    )
    attribute = forms.ChoiceField(
        label="公开属性",
        choices=[(k.value, v) for k, v in ATTRIBUTE_LABELS.items()],
        widget=forms.RadioSelect,
    )
    withhold_reason = forms.ChoiceField(
        label="不予公开的理由",
        required=False,
        choices=[("", "（不适用）"), *((k.value, v) for k, v in REASON_LABELS.items())],
    )
    attribute_note = forms.CharField(label="属性界定说明", widget=forms.Textarea, required=False)
    channels = forms.MultipleChoiceField(
        label="公开渠道",
        required=False,
        choices=[(k.value, v) for k, v in CHANNEL_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(label="内容概述", widget=forms.Textarea, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea, required=False)

    def item_fields(self) -> ItemFields:
        data = self.cleaned_data
        reason = data.get("withhold_reason") or ""
        return ItemFields(
            title=data["title"],
            category=data["category"],
            attribute=DisclosureAttribute(data["attribute"]),
            generated_on=data["generated_on"],
            formed_on=data["formed_on"],
            summary=data.get("summary", ""),
            body=data.get("body", ""),
            document_number=data.get("document_number", ""),
            withhold_reason=WithholdReason(reason) if reason else None,
            attribute_note=data.get("attribute_note", ""),
            channels=tuple(data.get("channels") or ()),
        )


class ReviewForm(TextForm):
    step = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="审核意见",
        choices=[("pass", "通过"), ("reject", "退回修改")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="意见（退回时必填）", widget=forms.Textarea, required=False)


class DayForm(TextForm):
    on = forms.DateField(label="日期", widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label="说明", widget=forms.Textarea, required=False)


class ReassessForm(DayForm):
    decision = forms.ChoiceField(
        label="复核结论",
        choices=[("keep", "继续不予公开"), ("disclose", "情况已变化，转为主动公开")],
        widget=forms.RadioSelect,
    )


class AttachmentForm(TextForm):
    file = forms.FileField(label="附件")


class ReplaceForm(TextForm):
    file = forms.FileField(label="新文件")
    note = forms.CharField(
        label="替换原因", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DocumentForm(TextForm):
    kind = forms.ChoiceField(label="类型", choices=[(k.value, v) for k, v in KIND_LABELS.items()])
    title = forms.CharField(label="文件名称", max_length=200)
    document_number = forms.CharField(label="文号", max_length=100)
    issued_on = forms.DateField(label="制发日期", widget=DATE)


class ImportForm(TextForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    file = forms.FileField(label="CSV 或 XLSX 文件")


class AccountForm(TextModelForm):  # type: ignore[type-arg]
    class Meta:
        model = NewMediaAccount
        fields = ("platform", "name", "operator", "state", "opened_on", "closed_on")
        widgets: ClassVar[dict[str, forms.Widget]] = {"opened_on": DATE, "closed_on": DATE}


class PostsForm(TextForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    posts = forms.IntegerField(label="全年发布信息数", min_value=0)


class GuideForm(TextForm):
    def __init__(self, *args: Any, defaults: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in GUIDE_PARTS:
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5, "placeholder": defaults[key]}),
                help_text="留空则显示系统根据本机关信息生成的默认文本（见输入框中的灰色文字）",
            )
