"""What the case page shows: the due date explained step by step, the applicant's data
masked for roles that do not need it, and the forms of the allowed steps only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from gongkai.core.applications.actions import CaseFacts, allowed_actions
from gongkai.core.applications.answer_clock import UNCONFIRMED
from gongkai.core.applications.clock import consultation_reply_due, supplement_notice_due
from gongkai.core.applications.excessive import Judgement
from gongkai.core.applications.roles import Role, sees_personal_data
from gongkai.core.applications.statuses import Status
from gongkai.core.errors import CalendarDataMissing
from gongkai.core.privacy import mask_address, mask_email, mask_id_number, mask_phone
from gongkai.web.applications.answer_clock import case_clock
from gongkai.web.applications.config import procedure_rules, work_calendar
from gongkai.web.applications.forms import STEP_FORMS, StepForm
from gongkai.web.applications.models import Application


@dataclass(frozen=True)
class DueExplanation:
    lines: tuple[str, ...]
    problem: str = ""
    provisional: str = ""  # the staff's one-line reason when the date is 暂定


def due_explanation(app: Application, today: date) -> DueExplanation:
    """The §33 clock of this case as the one answer clock explains it (day 0, day 1, …):
    the same function, on the same recorded events, that stored ``app.due_date``."""
    if app.first_received_date is None and app.received_date is None:
        return DueExplanation((), UNCONFIRMED)
    consultations = list(app.consultations.all())
    clock = case_clock(app, explain=True)
    if clock.due_date is None:
        return DueExplanation((), clock.problem)
    lines = list(clock.lines)
    if app.status == Status.RECEIVED.value and app.supplement_count == 0 and app.received_date:
        try:
            latest = supplement_notice_due(
                work_calendar().provisional(), app.received_date, procedure_rules()
            )
        except CalendarDataMissing:
            pass
        else:
            lines.append(f"如需补正，补正告知最迟应于{latest.isoformat()}一次性发出（第三十条）。")
    if app.status == Status.SUPPLEMENT_REQUESTED.value:
        lines.append("已发出补正告知：原期限作废，收到补正后的申请之日为新的第0日（第三十条）。")
    lines.extend(_reasons_lines(app))
    open_ones = [c for c in consultations if c.ended_on is None]
    for consultation in open_ones:
        lines.append(
            f"征求{consultation.party_name}意见进行中（{consultation.sent_on.isoformat()}发出，"
            f"{_reply_window(consultation)}），征求意见期间不计算在答复期限内，"
            f"期限待征求意见结束后顺延（第三十三条第三款）{_cap_text()}。"
        )
    return DueExplanation(tuple(lines), provisional=clock.staff_note)


def _reasons_lines(app: Application) -> list[str]:
    """§35: the request for reasons while it is open, and how the clock treats the wait."""
    if app.reasons_requested_on is None or app.reasons_judgement or app.reasons_due is None:
        return []
    paused = procedure_rules().reasons_pause_clock
    effect = (
        "等待期间答复期限暂停，收到理由后顺延（办理规则设置，未经核实）"
        if paused
        else "等待期间答复期限照常计算（第三十三条第三款只扣除征求意见时间）"
    )
    return [
        f"已于{app.reasons_requested_on.isoformat()}要求申请人说明理由，期限至"
        f"{app.reasons_due.isoformat()}（第三十五条）；{effect}。"
    ]


def _cap_text() -> str:
    rules = procedure_rules()
    if not rules.consultation_pause_capped:
        return ""
    return (
        f"，每次征求意见最多顺延{rules.consultation_pause_cap_wd}个工作日"
        "（第三十二条、第三十四条：对方逾期未答复的，由行政机关依法决定）"
    )


def _reply_window(consultation: Any) -> str:
    """§32, §34: 15 working days from the consulted party's receipt of the letter."""
    start = consultation.delivered_on or consultation.sent_on
    try:
        due = consultation_reply_due(work_calendar().provisional(), start, procedure_rules())
    except CalendarDataMissing:
        return "答复期限无法计算：缺少日历数据"
    basis = "对方收到之日" if consultation.delivered_on else "发出之日（收到日未登记）"
    return f"自{basis}起15个工作日，至{due.isoformat()}"


@dataclass(frozen=True)
class ApplicantView:
    id_document: str
    contact_phone: str
    contact_email: str
    contact_address: str
    masked: bool


def applicant_view(app: Application, roles: frozenset[Role]) -> ApplicantView:
    if sees_personal_data(roles):
        return ApplicantView(
            app.id_document, app.contact_phone, app.contact_email, app.contact_address, False
        )
    return ApplicantView(
        mask_id_number(app.id_document),
        mask_phone(app.contact_phone) if app.contact_phone else "",
        mask_email(app.contact_email) if app.contact_email else "",
        mask_address(app.contact_address),
        True,
    )


def case_facts(app: Application) -> CaseFacts:
    return CaseFacts(
        supplement_sent=app.supplement_count > 0,
        extended=app.extension_days > 0,
        reasons_requested=app.reasons_requested_on is not None,
        reasons_recorded=bool(app.reasons_judgement),
        reasons_reasonable=app.reasons_judgement == Judgement.REASONABLE.value,
        delayed=app.delayed_deadline is not None,
        overdue=app.due_date is not None
        and app.concluded_on is None
        and app.due_date < timezone.localdate(),
    )


def step_forms(
    app: Application, roles: frozenset[Role], bound: StepForm | None = None
) -> list[StepForm]:
    """Blank forms of the allowed steps (the bound one, with its errors, in its place)."""
    forms: list[StepForm] = []
    for action in allowed_actions(app.status_enum, roles, case_facts(app)):
        if action not in STEP_FORMS:
            continue  # another app's step (e.g. fees) with its own panel
        if bound is not None and bound.action is action:
            forms.append(bound)
        else:
            forms.append(STEP_FORMS[action](app))
    return forms
