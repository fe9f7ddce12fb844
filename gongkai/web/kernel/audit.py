"""One read view over every audit trail of the platform.

Several tables keep the evidence (case trail, catalogue item trail, catalogue records
audit, review/litigation trail, annual report trail, due-date recomputations, the trail of
§41 更正 requests). They stay where they are: their history is kept untouched and no data
migration can lose or reorder it (docs/architecture.md, "Audit"). Each app registers its
table here when Django loads it; :func:`audit_entries` reads them all as one list, newest
first, for the agencies asked.
The kernel imports no app: a trail is described by its model and field paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F


@dataclass(frozen=True)
class AuditTrail:
    """How to read one audit table: its Chinese name and where its facts are."""

    model: type[models.Model]
    name: str
    agency: str  # path to the agency's id, e.g. "application__agency_id"
    subject: Callable[[Any], str]
    action: Callable[[Any], str]
    at: str = "recorded_at"
    actor: str = "actor_id"
    note: str = "note"
    related: tuple[str, ...] = ()  # what subject() reads, fetched with the rows


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    trail: str
    agency_id: int
    actor_id: int | None
    subject: str
    action: str
    note: str


_trails: dict[type[models.Model], AuditTrail] = {}

Entry = TypeVar("Entry", bound=models.Model)


class AuditOutsideStep(RuntimeError):
    """An audit entry written outside a transaction, or to a table that is no trail."""


def register_audit_trail(trail: AuditTrail) -> None:
    _trails[trail.model] = trail


def append_entry(model: type[Entry], **fields: Any) -> Entry:
    """Write one audit entry: the platform's one writer of every trail.

    Only inside the step's transaction, so that the change and its entry commit or roll
    back together (the step shape, kernel.steps), and only to a registered trail, so that
    :func:`audit_entries` reads every entry ever written (``tests/web/kernel`` checks that
    no code writes a trail any other way)."""
    if model not in _trails:
        raise AuditOutsideStep(f"{model.__name__} is not a registered audit trail")
    if not transaction.get_connection(model._default_manager.db).in_atomic_block:
        raise AuditOutsideStep(f"{model.__name__}: an audit entry needs the step's transaction")
    return model._default_manager.create(**fields)


def audit_trails() -> list[AuditTrail]:
    return list(_trails.values())


def audit_entries(
    agency_ids: Iterable[int],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """The newest ``limit`` entries of every trail for ``agency_ids``, newest first."""
    agencies = list(agency_ids)
    entries: list[AuditEntry] = []
    for trail in _trails.values():
        rows = trail.model._default_manager.filter(**{f"{trail.agency}__in": agencies})
        if since is not None:
            rows = rows.filter(**{f"{trail.at}__gte": since})
        if until is not None:
            rows = rows.filter(**{f"{trail.at}__lt": until})
        rows = rows.select_related(*trail.related).annotate(audit_agency=F(trail.agency))
        rows = rows.order_by(f"-{trail.at}", "-pk")
        entries.extend(
            AuditEntry(
                at=getattr(row, trail.at),
                trail=trail.name,
                agency_id=row.audit_agency,
                actor_id=getattr(row, trail.actor),
                subject=trail.subject(row),
                action=trail.action(row),
                note=str(getattr(row, trail.note)),
            )
            for row in rows[:limit]
        )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]
