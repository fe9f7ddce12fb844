"""Corrections of what registration recorded: the applicant type (R5), one audited step.

The type is the 表三 column the case is counted in (domain.md §3.1 R5, §8.4), and the
statistics read the stored type whenever they count (:mod:`gongkai.web.applications.statistics`),
so after a correction every 表三, monthly figure and export counts the case in its new column;
the trail keeps the old type, the new one and the reason.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType, type_correction_note
from gongkai.core.applications.roles import Action
from gongkai.core.errors import GongkaiError
from gongkai.web.applications.models import Application
from gongkai.web.applications.transitions import GuardFailed, check_day, transition


def correct_applicant_type(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    applicant_type: ApplicantType | str,
    reason: str,
) -> Application:
    """更正申请人类型: the corrected column from now on, with the reason in the trail."""
    try:
        corrected = ApplicantType(applicant_type)
    except ValueError:
        raise GuardFailed("请选择申请人类型") from None

    def change(app: Application) -> dict[str, Any]:
        check_day(on, timezone.localdate(app.arrived_at), "更正日期")
        current = app.applicant_type_enum
        try:
            text = type_correction_note(current, corrected, reason)
        except GongkaiError as exc:
            raise GuardFailed(str(exc)) from None
        app.applicant_type = corrected.value
        return {"from": current.value, "to": corrected.value, "correction": text}

    return transition(
        actor,
        application_id,
        Action.CORRECT_APPLICANT_TYPE,
        on,
        None,
        change,
        note=reason.strip(),
    )
