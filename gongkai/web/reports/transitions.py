"""Every change to an annual report, in the kernel's one step shape
(:func:`gongkai.web.kernel.steps.take_step`) on the draft row: role on the locked row →
change → append-only :class:`ReportEvent` in the same transaction → files on commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from gongkai.core.applications.roles import Role
from gongkai.core.reporting.permissions import ReportAction, require_report_role
from gongkai.web.agencies.access import roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.kernel.audit import append_entry
from gongkai.web.kernel.steps import take_step
from gongkai.web.reports.models import ReportDraft, ReportEvent

Change = Callable[[ReportDraft, frozenset[Role]], dict[str, Any] | None]


def draft_for(agency: Agency, year: int) -> ReportDraft:
    """The draft of ``agency``'s report on ``year``, created on first use."""
    found = ReportDraft.objects.filter(agency=agency, year=year).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ReportDraft.objects.create(agency=agency, year=year)
    except IntegrityError:  # created by someone else a moment ago
        return ReportDraft.objects.get(agency=agency, year=year)


def report_transition(
    actor: AbstractBaseUser,
    agency: Agency,
    year: int,
    action: ReportAction,
    change: Change,
    *,
    note: str = "",
    on_commit: Callable[[], None] | None = None,
) -> ReportDraft:
    def check(draft: ReportDraft) -> frozenset[Role]:
        held = roles_of(actor, draft.agency_id)
        require_report_role(action, held)
        return held

    def audit(draft: ReportDraft, _: frozenset[Role], data: dict[str, Any]) -> None:
        version = data.pop("version_number", None)
        append_entry(
            ReportEvent,
            draft=draft,
            action=action.value,
            actor=actor,
            version_number=version,
            note=note,
            data=data,
        )

    return take_step(
        ReportDraft,
        draft_for(agency, year).pk,
        action.value,
        guard=check,
        change=change,
        audit=audit,
        after_commit=on_commit,
    )
