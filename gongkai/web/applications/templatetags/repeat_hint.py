"""``{% repeat_hint app %}``: on the staff case page of an undecided case, the earlier answered
cases it repeats (条例 §36(六)), proposing 重复申请 with a link — the officer decides."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.core.applications.outcomes import OUTCOME_LABELS, Outcome
from gongkai.web.applications.models import Application
from gongkai.web.applications.repeats import repeated_cases

register = template.Library()


@register.inclusion_tag("applications/_repeat_hint.html")
def repeat_hint(app: Application) -> dict[str, Any]:
    earlier = [] if app.outcome else repeated_cases(app)
    return {"earlier": earlier, "proposed": OUTCOME_LABELS[Outcome.REPEAT]}
