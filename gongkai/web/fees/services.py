"""The fee steps of an application (domain.md §4), each one transition of the application.

Every step goes through :func:`gongkai.web.applications.transitions.transition`: guard → lock
the application row → guard again → change (the fee rows included) → ``CaseEvent`` in the
same transaction → side effects on commit. So a fee is never out of step with its case, and
two officers acting at once serialise on the application's row lock.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Action
from gongkai.core.applications.statuses import Status
from gongkai.core.errors import GongkaiError
from gongkai.core.fees.assessment import MonthEntry, applicant_key, assess, ordinal_in_month
from gongkai.core.fees.payment import check_lapse, check_payment, fee_clock_pause, payment_due
from gongkai.core.fees.schedules import FeeMethod
from gongkai.core.letters import LetterKind, fee_notice_letter, fee_termination_notice
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.letters import agency_facts, application_facts, store_letter
from gongkai.web.applications.models import Application, Letter
from gongkai.web.applications.transitions import GuardFailed, check_day, guard, transition
from gongkai.web.fees.config import fee_rules
from gongkai.web.fees.models import FeeCharge


def notice_letter(application_id: int) -> Letter | None:
    """The case's 收费通知书: a letter of the one letter system (one fee, one notice a case)."""
    letters = Letter.objects.filter(application_id=application_id, kind=LetterKind.FEE_NOTICE.value)
    return letters.order_by("-pk").first()


def _charge(app: Application) -> FeeCharge:
    try:
        return FeeCharge.objects.select_for_update().get(application=app)
    except FeeCharge.DoesNotExist:
        raise GuardFailed("该申请尚未核定信息处理费") from None


def monthly_ordinal(app: Application) -> int:
    """The application's place among the same applicant's applications of its month (第四条)."""
    day0 = app.first_received_date
    if day0 is None:
        raise GuardFailed("尚未确定收到申请之日，无法确定本月申请序号")
    key = applicant_key(credit_code=app.credit_code, id_document=app.id_document)
    candidates = Application.objects.filter(
        agency_id=app.agency_id,
        first_received_date__year=day0.year,
        first_received_date__month=day0.month,
    ).values_list("pk", "first_received_date", "credit_code", "id_document")
    same: list[MonthEntry] = []
    for pk, received, credit_code, id_document in candidates:
        try:
            other = applicant_key(credit_code=credit_code, id_document=id_document)
        except GongkaiError:
            continue  # without an identity it cannot be the same applicant
        if other == key:
            same.append(MonthEntry(pk, received, pk))
    return ordinal_in_month(MonthEntry(app.pk, day0, app.pk), same)


def assess_fee(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    method: FeeMethod,
    pages: int | None = None,
) -> FeeCharge:
    """Choose the one method (第三条) and compute the amount; may be redone until notified."""

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.received_date, "核定日期")
        existing = FeeCharge.objects.filter(application=app).first()
        guard(
            existing is None or existing.notice_sent_on is None,
            "收费通知已发出，不能重新核定",
        )
        ordinal = monthly_ordinal(app) if method is FeeMethod.PER_APPLICATION else None
        result = assess(method, ordinal=ordinal, pages=pages)
        FeeCharge.objects.update_or_create(
            application=app,
            defaults={
                "method": method.value,
                "ordinal": result.ordinal,
                "pages": result.pages,
                "amount": result.amount,
                "explanation": "".join(result.explanation),
                "assessed_on": on,
                "assessed_by": actor,
            },
        )
        return {
            "method": method.value,
            "ordinal": result.ordinal,
            "pages": result.pages,
            "amount": result.amount,
        }

    app = transition(
        actor,
        application_id,
        Action.ASSESS_FEE,
        on,
        None,
        change,
        note=f"{method.label}",
    )
    return FeeCharge.objects.get(application=app)


def _set_receipt(charge: FeeCharge, received_on: date) -> None:
    sent = charge.notice_sent_on
    check_day(received_on, sent, "申请人收到收费通知的日期")
    charge.notice_received_on = received_on
    charge.payment_due = payment_due(received_on, fee_rules(), work_calendar())


def issue_fee_notice(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    received_on: date | None = None,
) -> Letter:
    """S5 二: the notice goes out within the processing period; the window starts on receipt.

    ``received_on`` is the day the applicant received it when that is known at once (in
    person, online); otherwise :func:`record_fee_notice_receipt` records it later. The notice
    is a letter of the case (``store_letter``: numbered, issued on ``on``, its files rendered
    after commit, downloaded and shown to the applicant like every letter).
    """
    rules = fee_rules()

    def change(app: Application) -> dict[str, Any]:
        charge = _charge(app)
        guard(charge.notice_sent_on is None, "收费通知已经发出")
        guard(charge.amount > 0, "按收费标准本申请不收费，不能发出收费通知")
        check_day(on, charge.assessed_on, "收费通知发出日期")
        guard(
            app.due_date is None or on <= app.due_date,
            f"收费通知应在答复期限（{app.due_date}）内发出",
        )
        charge.notice_sent_on = on
        if received_on is not None:
            _set_receipt(charge, received_on)
        charge.save()
        result = assess(charge.method_enum, ordinal=charge.ordinal, pages=charge.pages)
        text = fee_notice_letter(
            agency_facts(app.agency), application_facts(app), result, rules, sent_on=on
        )
        return {
            "amount": charge.amount,
            "number": text.number,
            "payment_due": charge.payment_due.isoformat() if charge.payment_due else None,
            "letter": store_letter(app, text, issued_on=on).pk,
        }

    app = transition(
        actor,
        application_id,
        Action.ISSUE_FEE_NOTICE,
        on,
        Status.FEE_PENDING,
        change,
        notice="发出收费通知书",
    )
    notice = notice_letter(app.pk)
    assert notice is not None  # stored by the step that just committed
    return notice


def record_fee_notice_receipt(
    actor: AbstractBaseUser, application_id: int, *, on: date
) -> FeeCharge:
    """The applicant received the notice on ``on``: the payment window starts the next day."""

    def change(app: Application) -> dict[str, Any]:
        charge = _charge(app)
        guard(charge.notice_received_on is None, "已记录申请人收到收费通知的日期")
        _set_receipt(charge, on)
        charge.save()
        assert charge.payment_due is not None
        return {"payment_due": charge.payment_due.isoformat()}

    app = transition(
        actor,
        application_id,
        Action.RECORD_FEE_NOTICE_RECEIPT,
        on,
        None,
        change,
    )
    return FeeCharge.objects.get(application=app)


def record_fee_payment(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    amount: int,
    receipt_number: str = "",
) -> FeeCharge:
    """Paid in full and in time: the case goes back to work and the answer clock resumes."""
    rules = fee_rules()

    def change(app: Application) -> dict[str, Any]:
        charge = _charge(app)
        guard(
            charge.notice_received_on is not None,
            "请先记录申请人收到收费通知的日期（缴费期限自次日起算）",
        )
        check_day(on, charge.notice_sent_on, "缴费日期")
        try:
            check_payment(
                on=on,
                amount=amount,
                charged=charge.amount,
                notice_received_on=charge.notice_received_on,
                due=charge.payment_due,
            )
        except GongkaiError as refused:
            raise GuardFailed(str(refused)) from None
        charge.paid_on = on
        charge.paid_amount = amount
        charge.receipt_number = receipt_number.strip()
        charge.save()
        pause = fee_clock_pause(charge.notice_received_on, on, rules, work_calendar())
        data: dict[str, Any] = {"amount": amount, "receipt_number": charge.receipt_number}
        if pause is not None:
            data["fee_pause"] = [pause.first_day.isoformat(), pause.last_day.isoformat()]
        return data

    app = transition(
        actor,
        application_id,
        Action.RECORD_FEE_PAYMENT,
        on,
        Status.RECEIVED,
        change,
        note=f"实缴{amount}元",
    )
    return FeeCharge.objects.get(application=app)


def lapse_fee(actor: AbstractBaseUser, application_id: int, *, on: date) -> Application:
    """Unpaid after the window: deemed abandoned, closed as 表三（六）2 (S5 二, K11), and the
    applicant is told so by a 终止办理告知书 citing the fee basis (the one letter system:
    stored, numbered, rendered and downloaded like every letter of the case)."""
    rules = fee_rules()

    def change(app: Application) -> dict[str, Any]:
        charge = _charge(app)
        check_day(on, charge.notice_sent_on, "终止日期")
        try:
            check_lapse(on, charge.payment_due)
        except GongkaiError as refused:
            raise GuardFailed(str(refused)) from None
        assert charge.notice_sent_on is not None and charge.notice_received_on is not None
        assert charge.payment_due is not None  # check_lapse refuses an open window
        charge.lapsed_on = on
        charge.save()
        app.outcome = Outcome.ABANDONED_FEE_UNPAID.value
        app.concluded_on = on
        notice = notice_letter(app.pk)
        guard(notice is not None, "未找到该申请的收费通知书")
        assert notice is not None
        letter = fee_termination_notice(
            agency_facts(app.agency),
            application_facts(app),
            on=on,
            fee_notice_number=str(notice.content["number"]),
            fee_notice_sent_on=charge.notice_sent_on,
            fee_notice_received_on=charge.notice_received_on,
            payment_due=charge.payment_due,
            basis=rules.basis,
        )
        return {
            "payment_due": charge.payment_due.isoformat(),
            "letter": store_letter(app, letter, issued_on=on).pk,
        }

    return transition(
        actor,
        application_id,
        Action.LAPSE_FEE,
        on,
        Status.FEE_LAPSED,
        change,
        notice="发出终止办理告知书",
    )
