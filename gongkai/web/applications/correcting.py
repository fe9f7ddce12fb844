"""The steps of a §41 更正 request (条例第四十一条), in the platform's one step shape.

登记 (:func:`register_correction`) creates the request under a lock of the agency row (so two
registrations cannot take one number), with its first trail entry in the same transaction.
决定 (:func:`decide_correction`) goes through the kernel's
:func:`~gongkai.web.kernel.steps.take_step`: role and state guarded on the locked request, the
decision checked by the core (:class:`CorrectionOutcome`: a correction states the corrected
record, a refusal its reasons, a forward or referral the competent organ), the 政府信息更正申请
处理告知书 stored as a ``Letter`` of the one letter system, the trail entry, and the log line
on commit. No clock: §41 sets no deadline (domain.md §3.8), and no 表三 row is touched.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gongkai.core.applications.applicants import ApplicantType, is_person
from gongkai.core.applications.record_corrections import (
    CORRECTION_STEP_LABELS,
    CorrectionDecision,
    CorrectionOutcome,
    CorrectionRequestFacts,
    CorrectionStep,
    InvalidCorrection,
    require_correction_role,
)
from gongkai.core.letters.correction import correction_notice
from gongkai.web.agencies.access import roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.correction_requests import CorrectionEvent, CorrectionRequest
from gongkai.web.applications.letters import agency_facts, store_letter
from gongkai.web.kernel.audit import append_entry
from gongkai.web.kernel.guards import GuardFailed, check_day, guard
from gongkai.web.kernel.steps import take_step

log = logging.getLogger("gongkai.corrections")


def _facts(request: CorrectionRequest) -> CorrectionRequestFacts:
    return CorrectionRequestFacts(
        record=request.record, requested=request.requested, evidence=request.evidence
    )


def _next_number(locked_agency: Agency, arrived_on: date) -> str:
    """``2025-0003``: the request's running number within its agency and year (the caller
    holds the agency row locked)."""
    ours = CorrectionRequest.objects.filter(agency=locked_agency)
    candidate = ours.filter(arrived_on__year=arrived_on.year).count() + 1
    while ours.filter(number=f"{arrived_on.year}-{candidate:04d}").exists():
        candidate += 1
    return f"{arrived_on.year}-{candidate:04d}"


def _record(
    request: CorrectionRequest,
    step: CorrectionStep,
    on: date,
    actor: AbstractBaseUser | None,
    note: str,
    data: dict[str, Any],
) -> None:
    append_entry(
        CorrectionEvent,
        request=request,
        action=step.value,
        occurred_on=on,
        actor=actor,
        note=note,
        data=data,
    )


def _log_on_commit(request: CorrectionRequest, step: CorrectionStep) -> None:
    message = f"更正申请{request.agency_id}/{request.number} {CORRECTION_STEP_LABELS[step]}"
    transaction.on_commit(lambda: log.info(message))


def register_correction(
    actor: AbstractBaseUser | None,
    agency: Agency,
    *,
    arrived_on: date,
    applicant_type: ApplicantType | str,
    applicant_name: str,
    contact: str,
    record: str,
    requested: str,
    evidence: str,
    by_applicant: bool = False,
    note: str = "",
) -> CorrectionRequest:
    """登记更正申请: the record said to be inaccurate, what it should say, and the evidence
    §41 requires ("有证据证明"); refused without them.

    ``by_applicant``: the applicant filed it on the portal (no actor, no role to check);
    the trail's first entry says so in ``note``."""
    try:
        kind = ApplicantType(applicant_type)
    except ValueError:
        raise GuardFailed("请选择申请人类型") from None
    guard(bool(applicant_name.strip()), "请填写申请人姓名或名称")
    guard(bool(contact.strip()), "请填写申请人的联系方式，以便告知处理结果")
    try:
        facts = CorrectionRequestFacts(record=record, requested=requested, evidence=evidence)
    except InvalidCorrection as refused:
        raise GuardFailed(str(refused)) from None
    check_day(arrived_on, None, "收到申请之日")
    step = CorrectionStep.REGISTER
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        if by_applicant:
            guard(actor is None, "网上提交的更正申请由申请人本人提交，不记办理人")
        else:
            require_correction_role(step, roles_of(actor, locked))
        request = CorrectionRequest.objects.create(
            agency=locked,
            number=_next_number(locked, arrived_on),
            arrived_on=arrived_on,
            applicant_type=kind.value,
            applicant_name=applicant_name.strip(),
            contact=contact.strip(),
            record=facts.record.strip(),
            requested=facts.requested.strip(),
            evidence=facts.evidence.strip(),
        )
        _record(request, step, arrived_on, actor, note, {"number": request.number})
        _log_on_commit(request, step)
    return request


def decide_correction(
    actor: AbstractBaseUser,
    request_id: int,
    *,
    on: date,
    decision: CorrectionDecision | str,
    reasons: str = "",
    corrected_to: str = "",
    competent_agency: str = "",
) -> CorrectionRequest:
    """作出更正决定: one of §41's four decisions, and its notice, issued the same day."""
    try:
        chosen = CorrectionDecision(decision)
    except ValueError:
        raise GuardFailed("请选择处理决定") from None
    try:
        outcome = CorrectionOutcome(
            chosen,
            reasons=reasons.strip(),
            corrected_to=corrected_to.strip() if chosen is CorrectionDecision.CORRECTED else "",
            competent_agency=competent_agency.strip()
            if chosen in (CorrectionDecision.FORWARDED, CorrectionDecision.REFERRED)
            else "",
        )
    except InvalidCorrection as refused:
        raise GuardFailed(str(refused)) from None
    step = CorrectionStep.DECIDE

    def check(request: CorrectionRequest) -> None:
        require_correction_role(step, roles_of(actor, request.agency_id))
        guard(not request.decision, f"更正申请{request.number}已作出决定，不能再次决定")
        check_day(on, request.arrived_on, "决定日期")

    def change(request: CorrectionRequest, _: None) -> dict[str, Any]:
        request.decision = outcome.decision.value
        request.decided_on = on
        request.reasons = outcome.reasons
        request.corrected_to = outcome.corrected_to
        request.competent_agency = outcome.competent_agency
        text = correction_notice(
            agency_facts(request.agency),
            number=request.number,
            applicant_name=request.applicant_name,
            is_person=is_person(request.applicant_type_enum),
            received_on=request.arrived_on,
            request=_facts(request),
            outcome=outcome,
            on=on,
        )
        letter = store_letter(request, text, issued_on=on)
        data: dict[str, Any] = {"decision": outcome.decision.value, "letter": letter.pk}
        if outcome.competent_agency:
            data["competent_agency"] = outcome.competent_agency
        return data

    def audit(request: CorrectionRequest, _: None, data: dict[str, Any]) -> None:
        _record(request, step, on, actor, outcome.reasons, data)
        _log_on_commit(request, step)

    return take_step(
        CorrectionRequest, request_id, step.value, guard=check, change=change, audit=audit
    )
