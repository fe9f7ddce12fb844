"""Service functions: every step of an application, each in the shape of
:func:`gongkai.web.applications.transitions.transition` (guard → lock → change → audit →
side effects on commit). Views, the demo loader and the admin never assign a status.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import (
    INTAKE_CHANNELS,
    Channel,
    IntakeForm,
    day0_at_arrival,
    intake_problems,
)
from gongkai.core.applications.clock import (
    consultation_reply_due,
    supplement_due,
    supplement_notice_due,
)
from gongkai.core.applications.outcomes import (
    Outcome,
)
from gongkai.core.applications.required_contents import (
    contact_problem,
    identity_supplement_items,
)
from gongkai.core.applications.roles import Action, require_role
from gongkai.core.applications.statuses import Status, is_concluded
from gongkai.core.letters import (
    ConsultedParty,
    Decision,
    LetterText,
    consultation_letter,
    extension_notice,
    reply,
    supplement_notice,
    termination_notice,
)
from gongkai.web.agencies.access import roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.config import procedure_rules, work_calendar
from gongkai.web.applications.decision_content import guard_decision_content
from gongkai.web.applications.excessive import mass_repeat_problem
from gongkai.web.applications.letters import (
    agency_facts,
    application_facts,
    current_draft,
    letter_settings,
    store_letter,
)
from gongkai.web.applications.models import Application, Consultation
from gongkai.web.applications.numbering import next_number
from gongkai.web.applications.released import released_names
from gongkai.web.applications.transitions import (
    GuardFailed,
    check_day,
    guard,
    notify,
    record,
    refresh_due,
    transition,
)
from gongkai.web.dbretry import retry_when_locked


@retry_when_locked
def register(
    actor: AbstractBaseUser | None,
    agency: Agency,
    *,
    channel: Channel,
    arrived_at: datetime,
    applicant_type: ApplicantType,
    applicant_name: str,
    description: str,
    by_applicant: bool = False,
    note: str = "",
    **details: Any,
) -> Application:
    """Register an application; day 0 is fixed now only where §31 fixes it on arrival.

    ``details`` may name the ``intake_form`` (how staff received it); then what that form
    requires must be there too: the transcriber of an oral application and the applicant's
    confirmation, the tracking number of signed mail, the sender's fax number or e-mail.

    Staff register with their role; the applicant registers himself only online
    (``by_applicant``, no staff ``actor``: the portal, which has checked that the agency
    accepts online applications). Both are this one function, so numbering, day 0, the due
    date and the trail's first entry cannot differ between them.
    """
    if by_applicant:
        guard(actor is None and channel is Channel.ONLINE, "只有网上申请由申请人自行提交")
    guard(bool(applicant_name.strip()), "请填写申请人姓名或名称（第二十九条）")
    if "intake_form" in details:  # registered by staff on a channel's form: check its records
        form = IntakeForm(details["intake_form"])
        guard(INTAKE_CHANNELS[form] is channel, "收件方式与申请渠道不一致")
        problems = intake_problems(
            form,
            transcribed_by=details.get("transcribed_by", ""),
            applicant_confirmed=bool(details.get("transcript_confirmed")),
            sender_address=details.get("sender_address", ""),
            tracking_number=details.get("tracking_number", ""),
        )
        guard(not problems, "；".join(problems))
    else:
        details["intake_form"] = channel.value
    guard(bool(description.strip()), "请填写所需政府信息的名称、文号或描述（第二十九条）")
    problem = contact_problem(
        details.get("contact_phone", ""),
        details.get("contact_address", ""),
        details.get("contact_email", ""),
    )
    guard(problem is None, problem or "")
    arrived_on = timezone.localdate(arrived_at)
    check_day(arrived_on, None, "送达日期")
    day0 = day0_at_arrival(channel, arrived_on)
    status = Status.AWAITING_CONFIRMATION if day0 is None else Status.RECEIVED
    with transaction.atomic():
        # Lock the agency so two registrations cannot take the same running number.
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        if not by_applicant:
            require_role(Action.REGISTER, roles_of(actor, locked))
        app = Application(
            agency=locked,
            number=next_number(locked, arrived_at),
            channel=channel.value,
            arrived_at=arrived_at,
            received_date=day0,
            first_received_date=day0,
            applicant_type=applicant_type.value,
            applicant_name=applicant_name.strip(),
            description=description.strip(),
            status=status.value,
            **details,
        )
        app.full_clean(exclude=["agency"])
        problem = refresh_due(app) if day0 else ""
        app.save()
        record(
            app, Action.REGISTER, arrived_on, actor, None, note, {"channel": channel.value}, problem
        )
        receipt = "网上申请已提交，出具电子回执" if by_applicant else "出具申请接收回执"
        transaction.on_commit(notify(app.pk, Action.REGISTER, receipt))
        if day0 is not None:
            assert actor is not None  # only the online channel registers without staff
            app = _ask_for_missing_identity(actor, app, Action.REGISTER, arrived_on)
    return app


def _ask_for_missing_identity(
    actor: AbstractBaseUser, app: Application, step: Action, on: date
) -> Application:
    """§29 ¶2 (一), §30: an application without the applicant's identity proof gets its one
    补正 notice naming that proof, in the transaction of the step that fixed day 0
    (registration, or the confirmation of receipt for the channels §31 confirms), so no case
    waits on a missing proof that nobody asked for. Authorised by that step's roles."""
    items = identity_supplement_items(app.applicant_type_enum, app.id_document, app.credit_code)
    if items is None or app.supplement_count:
        return app
    return request_supplement(actor, app.pk, on=on, items=items, authorised_as=step)


@retry_when_locked  # its own transaction: the confirmation and any 补正 it makes, together
def confirm_receipt(
    actor: AbstractBaseUser, application_id: int, *, on: date, method: str
) -> Application:
    """§31(二)(三): the confirmation with the applicant fixes day 0."""
    guard(bool(method.strip()), "请写明与申请人确认的方式（如电话、平台回执）")

    def change(app: Application) -> dict[str, Any]:
        check_day(on, timezone.localdate(app.arrived_at), "确认日期")
        app.received_date = app.first_received_date = on
        app.receipt_confirmation = method.strip()
        return {"method": method.strip()}

    with transaction.atomic():
        app = transition(
            actor,
            application_id,
            Action.CONFIRM_RECEIPT,
            on,
            Status.RECEIVED,
            change,
            notice="出具申请接收回执",
        )
        return _ask_for_missing_identity(actor, app, Action.CONFIRM_RECEIPT, on)


def request_supplement(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    items: str,
    period_wd: int | None = None,
    authorised_as: Action | None = None,
) -> Application:
    """§30: one complete notice, within 7 working days of day 0, with a supplement period.

    ``authorised_as``: the step that makes this notice inside its own transaction (see
    :func:`_ask_for_missing_identity`); its roles authorise it."""
    guard(bool(items.strip()), "补正告知须一次性写明需要补正的事项（第三十条）")
    guard(period_wd is None or period_wd > 0, "补正期限应为正数个工作日")
    rules, calendar = procedure_rules(), work_calendar()

    def change(app: Application) -> dict[str, Any]:
        day0 = app.received_date
        if day0 is None:
            raise GuardFailed("尚未确定收到申请之日")
        check_day(on, day0, "补正告知日期")
        guard(app.supplement_count == 0, "补正告知只能一次性发出（第三十条）")
        latest = supplement_notice_due(calendar, day0, rules)
        guard(on <= latest, f"补正告知应在收到申请之日起7个工作日内（{latest}前）发出")
        app.supplement_requested_on = on
        app.supplement_due = supplement_due(calendar, on, rules, period_wd)
        app.supplement_count += 1
        letter = supplement_notice(
            agency_facts(app.agency),
            application_facts(app),
            sent_on=on,
            items=items.strip(),
            supplement_due=app.supplement_due,
            period_wd=period_wd or rules.supplement_period_wd,
        )
        stored = store_letter(app, letter, issued_on=on)
        return {
            "items": items.strip(),
            "supplement_due": app.supplement_due.isoformat(),
            "letter": stored.pk,
        }

    return transition(
        actor,
        application_id,
        Action.REQUEST_SUPPLEMENT,
        on,
        Status.SUPPLEMENT_REQUESTED,
        change,
        note=items.strip(),
        notice="发出补正告知书",
        authorised_as=authorised_as,
    )


def receive_supplement(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    id_document: str = "",
    credit_code: str = "",
) -> Application:
    """§30: the answer clock restarts from the day the supplement is received. An identity
    proof the 补正 asked for (§29 ¶2 (一)) is recorded on the case with it."""

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.supplement_requested_on, "收到补正材料日期")
        app.received_date = on
        supplied = {
            name: value.strip()
            for name, value in (("id_document", id_document), ("credit_code", credit_code))
            if value.strip()
        }
        for name, value in supplied.items():
            limit = Application._meta.get_field(name).max_length or 0
            guard(len(value) <= limit, f"补正的身份证明过长（至多{limit}个字符）")
            setattr(app, name, value)
        return supplied

    return transition(actor, application_id, Action.RECEIVE_SUPPLEMENT, on, Status.RECEIVED, change)


def lapse_supplement(actor: AbstractBaseUser, application_id: int, *, on: date) -> Application:
    """§30: no supplement by the deadline without good reason → deemed abandoned, （六）1."""

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.supplement_requested_on, "终止日期")
        due = app.supplement_due
        guard(due is not None and on > due, f"补正期限{due}尚未届满")
        assert due is not None and app.supplement_requested_on is not None
        _conclude(app, Outcome.ABANDONED_NO_SUPPLEMENT, on)
        letter = termination_notice(
            agency_facts(app.agency),
            application_facts(app),
            on=on,
            supplement_requested_on=app.supplement_requested_on,
            supplement_due=due,
        )
        return {"letter": store_letter(app, letter, issued_on=on).pk}

    return transition(
        actor,
        application_id,
        Action.LAPSE_SUPPLEMENT,
        on,
        Status.LAPSED,
        change,
        notice="发出终止办理告知书",
    )


def start_consultation(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    party: str,
    party_name: str,
    matter: str = "",
) -> Application:
    """§32/§34: the clock stops while a third party or another agency is consulted (§33 ¶3)."""
    guard(party in Consultation.Party.values, "征求对象类型只能是第三方或其他机关")
    guard(bool(party_name.strip()), "请填写征求意见的对象")

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.received_date, "征求意见书发出日期")
        consultation = Consultation.objects.create(
            application=app,
            party=party,
            party_name=party_name.strip(),
            sent_on=on,
            matter=matter.strip(),
        )
        letter = consultation_letter(
            agency_facts(app.agency),
            application_facts(app),
            ConsultedParty(party_name.strip(), is_agency=party == "other_agency"),
            sent_on=on,
            matter=matter.strip(),
            reply_wd=procedure_rules().consultation_reply_wd,
        )
        # Addressed to the consulted party, not the applicant: never issued to the portal.
        stored = store_letter(app, letter, issued_on=None)
        return {
            "party": party,
            "party_name": party_name.strip(),
            "consultation": consultation.pk,
            "letter": stored.pk,
        }

    return transition(
        actor,
        application_id,
        Action.START_CONSULTATION,
        on,
        Status.CONSULTING,
        change,
        notice="发出征求意见书，并告知申请人",
    )


def finish_consultation(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    delivered_on: date | None = None,
    reply: str = "",
    result: str = "",
    consultation_id: int | None = None,
) -> Application:
    """Close one open consultation: the reply arrived, or the 15-working-day window ended.

    Several consultations may be open at once (a third party under §32 and a co-making
    agency under §34, or several third parties); ``consultation_id`` names the one that
    ends, and may be left out when only one is open. The case goes back to work when the
    last one ends; the answer clock pauses for each, capped at its own 15 working days, and
    counts days on which several were open once (core.applications.answer_clock).

    Without a reply (``result="no_reply"``) the end may not come before the window closes.
    """
    result = result or (
        Consultation.Result.OTHER if reply.strip() else Consultation.Result.NO_REPLY
    )
    guard(result in Consultation.Result.values, "征求结果不正确")
    rules, calendar = procedure_rules(), work_calendar()

    def change(app: Application) -> dict[str, Any]:
        still_open = app.consultations.filter(ended_on__isnull=True)
        if consultation_id is not None:
            consultation = still_open.filter(pk=consultation_id).first()
            guard(consultation is not None, "该征求意见不存在或已经结束")
        else:
            guard(
                still_open.count() == 1,
                "有多个征求意见正在进行，请选择要结束的征求意见",
            )
            consultation = still_open.first()
        assert consultation is not None
        check_day(on, consultation.sent_on, "征求意见结束日期")
        if delivered_on is not None:
            guard(
                consultation.sent_on <= delivered_on <= on,
                "对方收到日期应在发出日期与结束日期之间",
            )
        if result == Consultation.Result.NO_REPLY:
            window = consultation_reply_due(calendar, delivered_on or consultation.sent_on, rules)
            guard(on >= window, f"对方答复期限{window}尚未届满，不能按逾期未答复结束征求意见")
        consultation.delivered_on = delivered_on
        consultation.ended_on = on
        consultation.reply = reply.strip()
        consultation.result = result
        consultation.save()
        others = still_open.exclude(pk=consultation.pk).count()
        if not others:
            app.status = Status.RECEIVED.value  # the table's target: the last one ended
        return {
            "consultation": consultation.pk,
            "party_name": consultation.party_name,
            "reply": reply.strip(),
            "result": result,
            "still_open": others,
        }

    # The status is set in ``change`` on the locked row: it stays 征求意见中 while another
    # consultation is open (ActionStep.may_stay), so two officers ending two consultations
    # at once cannot both leave the case waiting.
    return transition(actor, application_id, Action.FINISH_CONSULTATION, on, None, change)


def approve_extension(
    actor: AbstractBaseUser, application_id: int, *, on: date, days: int, reason: str
) -> Application:
    """§33 ¶2: once, at most 20 working days, by the office head, before the deadline; the
    applicant is told by a 延期答复告知书."""
    rules = procedure_rules()
    guard(1 <= days <= rules.extension_max_wd, f"延长期限最多{rules.extension_max_wd}个工作日")
    guard(bool(reason.strip()), "请写明延期理由")

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.received_date, "批准延期日期")
        guard(app.extension_days == 0, "延期答复只能批准一次（第三十三条第二款）")
        guard(app.due_date is None or on <= app.due_date, "已超过答复期限，不能再批准延期")
        app.extension_days = days
        app.extension_approved_on = on
        app.extension_reason = reason.strip()
        refresh_due(app)
        letter = extension_notice(
            agency_facts(app.agency),
            application_facts(app),
            approved_on=on,
            days=days,
            reason=reason.strip(),
            new_due=app.due_date,
        )
        stored = store_letter(app, letter, issued_on=on)
        return {"days": days, "reason": reason.strip(), "letter": stored.pk}

    return transition(
        actor,
        application_id,
        Action.APPROVE_EXTENSION,
        on,
        None,
        change,
        note=reason.strip(),
        notice="发出延期答复告知书",
    )


def decide(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    outcome: Outcome,
    reasons: str = "",
    referral: str = "",
    legal_basis: str = "",
    details: str = "",
    withheld_ground: str = "",
) -> Application:
    """Record exactly one outcome (K4); refusals must carry reasons (§36(三), §37), and a
    部分公开 the ground of its withheld part (§37), which its reply cites with the article.

    The reply is drafted now (dated the decision day) so the reviewer can read it; issuing
    dates it again, because the remedy paragraph depends on the reply date.
    """
    withheld_ground = guard_decision_content(
        outcome, reasons=reasons, details=details, withheld_ground=withheld_ground
    )

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.received_date, "决定日期")
        guard(
            outcome is not Outcome.DENIED_THIRD_PARTY or _third_party_consulted(app),
            "以保护第三方合法权益为由不予公开，须先书面征求第三方意见并记录征求结果（第三十二条）",
        )
        guard(
            outcome is not Outcome.STILL_UNCLEAR or app.supplement_count > 0,
            "“补正后申请内容仍不明确”只适用于已发出补正告知并收到补正的申请（第三十条）",
        )
        problem = mass_repeat_problem(app, outcome)
        guard(not problem, problem)
        app.outcome = outcome.value
        app.decision_reasons = reasons.strip()
        app.referral = referral.strip()
        app.legal_basis = legal_basis.strip()
        app.decision_details = details.strip()
        app.withheld_ground = withheld_ground
        app.decided_on = on
        draft = _reply_text(app, on)
        stored = store_letter(app, draft, issued_on=None, replace=current_draft(app, "reply"))
        return {"outcome": outcome.value, "letter": stored.pk}

    return transition(
        actor, application_id, Action.DECIDE, on, Status.DECIDED, change, note=reasons.strip()
    )


def _third_party_consulted(app: Application) -> bool:
    """§32: where disclosure may harm a third party's lawful rights the agency 应当书面征求
    第三方的意见, so a refusal on that ground (表三（三）4) follows a recorded consultation of
    a third party that has ended (its reply, or its 15 working days, T2–T4)."""
    return app.consultations.filter(
        party=Consultation.Party.THIRD_PARTY, ended_on__isnull=False
    ).exists()


def _reply_text(app: Application, reply_date: date) -> LetterText:
    outcome = app.outcome_enum
    assert outcome is not None
    config = letter_settings()
    return reply(
        agency_facts(app.agency),
        application_facts(app),
        Decision(
            outcome,
            reasons=app.decision_reasons,
            legal_basis=app.legal_basis,
            details=app.decision_details,
            referral=app.referral,
            withheld_ground=app.withheld_ground,
        ),
        reply_date,
        remedy_rules=config.remedy_rules,
        outcome_rows=procedure_rules().outcome_rows,
        attachments=released_names(app.pk),
    )


def issue(actor: AbstractBaseUser, application_id: int, *, on: date) -> Application:
    """The reply is issued: the case is concluded on this date (K10), and the 答复书 is dated
    and released to the applicant."""

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.decided_on, "答复日期")
        app.issued_on = on
        _conclude(app, app.outcome_enum or Outcome.OTHER, on)
        letter = store_letter(
            app, _reply_text(app, on), issued_on=on, replace=current_draft(app, "reply")
        )
        return {"letter": letter.pk}

    return transition(
        actor, application_id, Action.ISSUE, on, Status.ISSUED, change, notice="送达答复书"
    )


def withdraw(
    actor: AbstractBaseUser, application_id: int, *, on: date, note: str = ""
) -> Application:
    """The applicant withdraws; counted in （六）3 其他 if it had a day 0."""

    def change(app: Application) -> None:
        check_day(on, timezone.localdate(app.arrived_at), "撤回日期")
        _conclude(app, Outcome.OTHER, on)

    return transition(
        actor, application_id, Action.WITHDRAW, on, Status.WITHDRAWN, change, note=note.strip()
    )


def _conclude(app: Application, outcome: Outcome, on: date) -> None:
    guard(not is_concluded(app.status_enum), "该申请已办结")
    app.outcome = outcome.value
    app.concluded_on = on


# The steps added with the case workspace live in their own module; import them from here.
from gongkai.web.applications.handling import (  # noqa: E402
    archive,
    assign,
    record_feedback,
    review,
    serve,
)
from gongkai.web.applications.reanswering import issue_reanswer, order_reanswer  # noqa: E402

__all__ = [
    "approve_extension",
    "archive",
    "assign",
    "confirm_receipt",
    "decide",
    "finish_consultation",
    "issue",
    "issue_reanswer",
    "lapse_supplement",
    "order_reanswer",
    "receive_supplement",
    "record_feedback",
    "register",
    "request_supplement",
    "review",
    "serve",
    "start_consultation",
    "withdraw",
]
