"""The steps of a 复议/诉讼 case, each in the one shape of the platform:

guard the arguments → ``transaction.atomic()`` + ``select_for_update()`` on the case (or, when
filing, on the agency) → guard again on the locked row (role, facts) → change →
:class:`RemedyEvent` in the same transaction → side effects on commit (a log line).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from gongkai.core.errors import GongkaiError
from gongkai.core.remedies.actions import REMEDY_ACTION_LABELS, RemedyAction, require_remedy_role
from gongkai.core.remedies.kinds import (
    ORDERS_NEW_ANSWER,
    CaseKind,
    ResultKind,
    require_result_fits,
)
from gongkai.web.agencies.access import roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import reanswering
from gongkai.web.applications.models import Application, Reanswer
from gongkai.web.kernel.audit import append_entry
from gongkai.web.kernel.guards import GuardFailed, check_day, guard
from gongkai.web.kernel.steps import take_step
from gongkai.web.remedies.models import RemedyCase, RemedyEvent
from gongkai.web.remedies.prefiling import check_review_first

log = logging.getLogger("gongkai.remedies")
Change = Callable[[RemedyCase], dict[str, Any] | None]
DETAIL_FIELDS = ("claimant", "forum", "case_number", "concerned_act")


def _record(
    case: RemedyCase,
    action: RemedyAction,
    on: date,
    actor: AbstractBaseUser,
    note: str,
    data: dict[str, Any],
) -> None:
    append_entry(
        RemedyEvent,
        case=case,
        action=action.value,
        occurred_on=on,
        actor=actor,
        note=note,
        data=data,
    )
    message = f"{case.kind_label}案件{case.pk} {REMEDY_ACTION_LABELS[action]}"
    transaction.on_commit(lambda: log.info(message))


def remedy_transition(
    actor: AbstractBaseUser,
    case_id: int,
    action: RemedyAction,
    on: date,
    change: Change,
    *,
    note: str = "",
) -> RemedyCase:
    def check(case: RemedyCase) -> None:
        require_remedy_role(action, roles_of(actor, case.agency_id))

    def apply(case: RemedyCase, _: None) -> dict[str, Any]:
        data = change(case) or {}
        case.full_clean()
        return data

    def audit(case: RemedyCase, _: None, data: dict[str, Any]) -> None:
        _record(case, action, on, actor, note, data)

    return take_step(RemedyCase, case_id, action.value, guard=check, change=apply, audit=audit)


def _related(
    agency: Agency, kind: CaseKind, application_id: int | None, review_case_id: int | None
) -> tuple[Application | None, RemedyCase | None]:
    application = None
    if application_id is not None:
        application = Application.objects.filter(pk=application_id, agency=agency).first()
        guard(application is not None, "所涉申请不是本机关的申请")
    review = None
    if kind is CaseKind.SUIT_AFTER_REVIEW:
        guard(review_case_id is not None, "复议后起诉的案件须关联此前的行政复议案件")
        review = RemedyCase.objects.filter(
            pk=review_case_id, agency=agency, kind=CaseKind.REVIEW.value
        ).first()
        guard(review is not None, "关联的案件不是本机关的行政复议案件")
    else:
        guard(review_case_id is None, "只有复议后起诉的案件才关联行政复议案件")
    return application, review


def file_case(
    actor: AbstractBaseUser,
    agency: Agency,
    *,
    kind: CaseKind,
    filed_on: date,
    claimant: str,
    forum: str,
    case_number: str = "",
    application_id: int | None = None,
    review_case_id: int | None = None,
    concerned_act: str = "",
    review_first_override: str = "",
) -> RemedyCase:
    """Register a review or a lawsuit against one of the agency's disclosure acts.

    A direct suit against a 不予公开 answer needs ``review_first_override`` (复议前置, see
    :mod:`gongkai.web.remedies.prefiling`)."""
    guard(bool(claimant.strip()), "请填写复议申请人或原告")
    guard(bool(forum.strip()), "请填写复议机关或受理法院")
    check_day(filed_on, None, "申请复议或立案日期")
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        require_remedy_role(RemedyAction.FILE, roles_of(actor, locked))
        application, review = _related(locked, kind, application_id, review_case_id)
        if application is not None:
            arrived = timezone.localdate(application.arrived_at)
            guard(filed_on >= arrived, f"立案日期不能早于申请送达日期{arrived:%Y年%m月%d日}")
        if review is not None:
            guard(
                filed_on >= review.filed_on,
                f"起诉日期不能早于行政复议申请日期{review.filed_on:%Y年%m月%d日}",
            )
            application = application or review.application
        guard(
            application is not None or bool(concerned_act.strip()),
            "请关联所涉申请，或写明被申请复议（被诉）的行为",
        )
        override = check_review_first(kind, application, review_first_override)
        case = RemedyCase(
            agency=locked,
            kind=kind.value,
            application=application,
            review_case=review,
            concerned_act=concerned_act.strip(),
            claimant=claimant.strip(),
            forum=forum.strip(),
            case_number=case_number.strip(),
            filed_on=filed_on,
        )
        case.full_clean()
        case.save()
        data = {"kind": kind.value, "application": application.number if application else None}
        data.update(override)
        _record(case, RemedyAction.FILE, filed_on, actor, case.case_number, data)
    return case


def update_details(
    actor: AbstractBaseUser, case_id: int, *, on: date, **details: str
) -> RemedyCase:
    """Correct the case's descriptive fields; what changed is kept in the trail."""
    unknown = set(details) - set(DETAIL_FIELDS)
    guard(not unknown, f"不能在此修改：{'、'.join(sorted(unknown))}")
    check_day(on, None, "修改日期")

    def change(case: RemedyCase) -> dict[str, Any]:
        changed: dict[str, Any] = {}
        for name, value in details.items():
            new = value.strip()
            old = getattr(case, name)
            if new != old:
                changed[name] = [old, new]
                setattr(case, name, new)
        guard(bool(case.claimant) and bool(case.forum), "申请人（原告）和复议机关（法院）不能为空")
        guard(
            case.application_id is not None or bool(case.concerned_act),
            "未关联申请的案件须写明被申请复议（被诉）的行为",
        )
        guard(bool(changed), "没有修改任何内容")
        return {"changed": changed}

    return remedy_transition(actor, case_id, RemedyAction.EDIT, on, change)


def record_result(
    actor: AbstractBaseUser,
    case_id: int,
    *,
    result: ResultKind,
    result_on: date,
    note: str = "",
) -> RemedyCase:
    """The final decision or judgment; a correction of a recorded result keeps the old one."""

    def change(case: RemedyCase) -> dict[str, Any]:
        try:
            require_result_fits(case.kind_enum, result)
        except GongkaiError as refused:
            raise GuardFailed(str(refused)) from None
        check_day(result_on, case.filed_on, "结果日期")
        previous = {"result": case.result, "result_on": case.result_on} if case.result else None
        case.result = result.value
        case.result_on = result_on
        case.result_note = note.strip()
        data: dict[str, Any] = {"result": result.value, "result_on": result_on.isoformat()}
        if previous is not None:
            data["previous"] = {
                "result": previous["result"],
                "result_on": previous["result_on"].isoformat(),
            }
        return data

    return remedy_transition(
        actor, case_id, RemedyAction.RECORD_RESULT, result_on, change, note=note.strip()
    )


def order_reanswer(
    actor: AbstractBaseUser, case_id: int, *, on: date, set_due: date | None = None
) -> RemedyCase:
    """The recorded decision or judgment orders the agency to answer the application again
    (:data:`ORDERS_NEW_ANSWER`): ``on`` is the day the agency received it, ``set_due`` the date
    it sets, if any. The application takes its own step in the same transaction
    (:func:`gongkai.web.applications.reanswering.order_reanswer`), so both trails say it or
    neither does; the case's 表四 column is its result's, as before."""

    def change(case: RemedyCase) -> dict[str, Any]:
        guard(case.application_id is not None, "该案件未关联政府信息公开申请，无法登记重新答复")
        result = case.result_enum
        guard(
            result is not None and result in ORDERS_NEW_ANSWER,
            "只有撤销（责令重作）、责令履行、判决撤销（判决重作）或判决履行的结果才能登记重新答复",
        )
        check_day(on, case.result_on, "收到决定书或判决书之日")
        review = case.kind_enum is CaseKind.REVIEW
        number = f"（{case.case_number}）" if case.case_number else ""
        document = f"{case.forum}{'行政复议决定书' if review else '行政判决书'}{number}"
        assert case.application_id is not None
        reanswering.order_reanswer(
            actor,
            case.application_id,
            on=on,
            source=Reanswer.Source.REVIEW if review else Reanswer.Source.COURT,
            order_document=document,
            set_due=set_due,
            remedy_case_id=case.pk,
        )
        data: dict[str, Any] = {"application": case.application_id, "order": document}
        if set_due is not None:
            data["set_due"] = set_due.isoformat()
        return data

    return remedy_transition(
        actor,
        case_id,
        RemedyAction.ORDER_REANSWER,
        on,
        change,
        note="复议决定或裁判责令重新答复",
    )
