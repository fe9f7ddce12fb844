"""The one shape of every change to an annual report, as for applications
(:mod:`gongkai.web.applications.transitions`): guard → ``transaction.atomic()`` +
``select_for_update()`` on the draft row → guard again on the locked row (role) → change →
append-only :class:`ReportEvent` in the same transaction → files on commit.
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
    draft_id = draft_for(agency, year).pk
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft_id)
        held = roles_of(actor, draft.agency_id)
        require_report_role(action, held)
        data = change(draft, held) or {}
        version = data.pop("version_number", None)
        draft.save()
        ReportEvent.objects.create(
            draft=draft,
            action=action.value,
            actor=actor,
            version_number=version,
            note=note,
            data=data,
        )
        if on_commit is not None:
            transaction.on_commit(on_commit)
    return draft
