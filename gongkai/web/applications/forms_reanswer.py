"""The case page's forms of the re-answer steps (gongkai.web.applications.reanswering),
added to :data:`gongkai.web.applications.forms.STEP_FORMS` at start-up (``apps.py``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser

from gongkai.core.applications.outcomes import DECIDABLE, OUTCOME_LABELS, Outcome
from gongkai.core.applications.roles import Action
from gongkai.core.letters.replies import WITHHELD_GROUND_LABELS
from gongkai.web.applications import services
from gongkai.web.applications.forms import STEP_FORMS, StepForm, day_field, text_area
from gongkai.web.applications.models import Application, Reanswer


class OrderReanswerForm(StepForm):
    action = Action.ORDER_REANSWER
    on = day_field("收到决定书或判决书之日")
    source = forms.ChoiceField(label="责令机关类型", choices=Reanswer.Source.choices)
    order_document = forms.CharField(
        label="决定书或判决书（名称及文号）",
        max_length=200,
        help_text="如：××人民政府行政复议决定书（×复决字〔2025〕3号）",
    )
    set_due = day_field("决定书或判决书确定的重新答复期限", required=False)

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self.fields["set_due"].help_text = "未载明期限的留空，按办理规则的默认工作日数计算"


class IssueReanswerForm(StepForm):
    action = Action.ISSUE_REANSWER
    on = day_field("重新答复日期（重新答复书落款日期）")
    outcome = forms.ChoiceField(
        label="重新答复的办理结果（只能选一项）",
        choices=[(o.value, OUTCOME_LABELS[o]) for o in DECIDABLE],
    )
    reasons = text_area(
        "理由", required=False, help_text="不予公开、部分公开、非本机关负责公开的，必须写明理由"
    )
    legal_basis = forms.CharField(label="法律依据", required=False, max_length=500)
    details = text_area("获取方式、途径或处理说明", required=False)
    referral = forms.CharField(label="负责公开的机关名称及联系方式", required=False, max_length=300)
    withheld_ground = forms.ChoiceField(
        label="不予公开部分的理由类别（部分公开时必选）",
        required=False,
        choices=[("", "（不适用）"), *WITHHELD_GROUND_LABELS.items()],
    )

    def call(self, user: AbstractBaseUser) -> Application:
        data = dict(self.cleaned_data)
        data["outcome"] = Outcome(data["outcome"])
        return services.issue_reanswer(user, self.app.pk, **data)


def register() -> None:
    for form in (OrderReanswerForm, IssueReanswerForm):
        STEP_FORMS.setdefault(form.action, form)
