"""§35 of the 条例 on a case: ask for the reasons, judge them, set a later reply date.

Each is one step in the shape of :func:`gongkai.web.applications.transitions.transition`
(guard → lock → change → audit → notice on commit). The rules are the core's
(:mod:`gongkai.core.applications.excessive`); the due date is the one answer clock's, which
reads the request (a pause only where ``ProcedureRules.reasons_pause_clock`` says so) and the
later date (it replaces the §33 date, domain.md §3.7).

The refusal after unreasonable reasons is the decision ``MASS_REPEAT_UNREASONABLE`` (表三
（五）4) taken by ``services.decide``, which asks :func:`mass_repeat_problem` first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from gongkai.core.applications.excessive import (
    JUDGEMENT_LABELS,
    Judgement,
    delayed_deadline_problem,
    reasons_due,
)
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Action
from gongkai.core.letters.excessive import delayed_reply_notice, reasons_request_notice
from gongkai.web.applications.config import procedure_rules, work_calendar
from gongkai.web.applications.letters import agency_facts, application_facts, store_letter
from gongkai.web.applications.models import Application
from gongkai.web.applications.transitions import GuardFailed, check_day, guard, transition


def request_reasons(
    actor: AbstractBaseUser, application_id: int, *, on: date, finding: str
) -> Application:
    """§35 "可以要求申请人说明理由": once, with what makes the requests excessive, and the
    applicant's period (``ProcedureRules.reasons_period_wd``, UNVERIFIED default)."""
    guard(
        bool(finding.strip()),
        "请写明申请的数量、频次明显超过合理范围的具体情况（如一定期间内申请的件数）",
    )
    rules, calendar = procedure_rules(), work_calendar()

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.received_date, "要求说明理由日期")
        guard(app.reasons_requested_on is None, "已要求申请人说明理由")
        app.reasons_requested_on = on
        app.reasons_due = reasons_due(calendar.provisional(), on, rules)
        letter = reasons_request_notice(
            agency_facts(app.agency),
            application_facts(app),
            sent_on=on,
            reasons_due=app.reasons_due,
            period_wd=rules.reasons_period_wd,
            finding=finding,
            clock_paused=rules.reasons_pause_clock,
        )
        stored = store_letter(app, letter, issued_on=on)
        return {
            "finding": finding.strip(),
            "reasons_due": app.reasons_due.isoformat(),
            "pauses_clock": rules.reasons_pause_clock,
            "letter": stored.pk,
        }

    return transition(
        actor,
        application_id,
        Action.REQUEST_REASONS,
        on,
        None,
        change,
        note=finding.strip(),
        notice="发出说明理由告知书",
    )


def record_reasons(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    judgement: str,
    explanation: str = "",
) -> Application:
    """The applicant's explanation (the day it came), or none after the period, and the
    agency's judgement of it. No explanation by the end of the period cannot be judged
    reasonable: there are no reasons to find reasonable (DERIVED from §35's wording)."""
    try:
        judged = Judgement(judgement)
    except ValueError:
        raise GuardFailed("请选择对申请理由的认定") from None
    given = explanation.strip()

    def change(app: Application) -> dict[str, Any]:
        requested, due = app.reasons_requested_on, app.reasons_due
        if requested is None or due is None:
            raise GuardFailed("尚未要求申请人说明理由")
        guard(not app.reasons_judgement, "申请理由已经认定")
        check_day(on, requested, "收到理由日期")
        if not given:
            guard(
                on > due,
                f"说明理由期限{due.isoformat()}尚未届满：请填写申请人说明的理由，或期满后再认定",
            )
            guard(judged is Judgement.UNREASONABLE, "申请人未说明理由的，不能认定申请理由合理")
        app.reasons_closed_on = on
        app.reasons_given = given
        app.reasons_judgement = judged.value
        return {"judgement": judged.value, "explanation": given}

    return transition(
        actor,
        application_id,
        Action.RECORD_REASONS,
        on,
        None,
        change,
        note=JUDGEMENT_LABELS[judged]
        + (f"。申请人说明：{given}" if given else "。申请人未说明理由"),
    )


def set_delayed_deadline(
    actor: AbstractBaseUser, application_id: int, *, on: date, deadline: date, reason: str
) -> Application:
    """§35: reasonable reasons, but §33's limit cannot be met: a later reply date, told to the
    applicant by a 延迟答复告知书; it replaces the §33 date on every page (the one clock)."""
    guard(bool(reason.strip()), "请写明无法在第三十三条规定的期限内答复的原因")

    def change(app: Application) -> dict[str, Any]:
        guard(
            app.reasons_judgement == Judgement.REASONABLE.value,
            "只有认定申请理由合理的，才能确定延迟答复期限（第三十五条）",
        )
        guard(app.delayed_deadline is None, "延迟答复期限已经确定")
        assert app.reasons_requested_on is not None
        check_day(on, app.reasons_closed_on, "确定延迟答复期限日期")
        problem = delayed_deadline_problem(deadline, on, app.due_date)
        guard(not problem, problem)
        app.delayed_deadline = deadline
        app.delayed_reason = reason.strip()
        letter = delayed_reply_notice(
            agency_facts(app.agency),
            application_facts(app),
            set_on=on,
            reasons_requested_on=app.reasons_requested_on,
            delayed_deadline=deadline,
            reason=reason,
        )
        stored = store_letter(app, letter, issued_on=on)
        previous = app.due_date.isoformat() if app.due_date else ""
        return {"deadline": deadline.isoformat(), "previous_due": previous, "letter": stored.pk}

    return transition(
        actor,
        application_id,
        Action.SET_DELAYED_DEADLINE,
        on,
        None,
        change,
        note=reason.strip(),
        notice="发出延迟答复告知书",
    )


def mass_repeat_problem(app: Application, outcome: Outcome) -> str:
    """Why ``MASS_REPEAT_UNREASONABLE`` cannot be decided now, or "". §35 lets the agency ask
    for reasons ("可以"), so a decision without asking stays possible; once asked, the
    refusal must follow a judgement that the reasons are unreasonable."""
    if outcome is not Outcome.MASS_REPEAT_UNREASONABLE or app.reasons_requested_on is None:
        return ""
    if not app.reasons_judgement:
        return "已要求申请人说明理由：须先认定申请理由，再作出“不予处理”的决定（第三十五条）"
    if app.reasons_judgement == Judgement.REASONABLE.value:
        return "申请理由已认定为合理，不能以“无正当理由大量反复申请”不予处理（第三十五条）"
    return ""
