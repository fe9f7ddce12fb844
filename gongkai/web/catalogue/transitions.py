"""Every change to a catalogue item, in the kernel's one step shape
(:func:`gongkai.web.kernel.steps.take_step`): guard on the locked row (role, status table)
→ change → append-only :class:`ItemEvent` in the same transaction → side effects on commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gongkai.core.applications.roles import Role
from gongkai.core.catalogue.permissions import (
    ACTION_LABELS,
    CatalogueAction,
    require_catalogue_role,
)
from gongkai.core.catalogue.search import document_tokens
from gongkai.core.catalogue.statuses import STATUS_LABELS, ItemStatus, require_item_transition
from gongkai.web.agencies.access import roles_of
from gongkai.web.catalogue.models import CatalogueItem, ItemEvent
from gongkai.web.kernel.audit import append_entry
from gongkai.web.kernel.guards import guard
from gongkai.web.kernel.steps import take_step

log = logging.getLogger("gongkai.catalogue")
Change = Callable[[CatalogueItem, frozenset[Role]], dict[str, Any] | None]


def refresh_tokens(item: CatalogueItem) -> None:
    item.search_tokens = document_tokens(
        item.title, item.summary, item.document_number, item.index_number, item.body
    )


def item_transition(
    actor: AbstractBaseUser,
    item_id: int,
    action: CatalogueAction,
    on: date,
    target: ItemStatus | None,
    change: Change,
    *,
    allowed_from: frozenset[ItemStatus] = frozenset(),
    label: str = "",
    note: str = "",
    notice: str = "",
) -> CatalogueItem:
    def check(item: CatalogueItem) -> tuple[frozenset[Role], ItemStatus]:
        held = roles_of(actor, item.agency_id)
        require_catalogue_role(action, held)
        source = item.status_enum
        if target is not None:
            require_item_transition(source, target)
        else:
            guard(
                source in allowed_from,
                f"条目当前为“{STATUS_LABELS[source]}”，不能{ACTION_LABELS[action]}",
            )
        return held, source

    def apply(item: CatalogueItem, before: tuple[frozenset[Role], ItemStatus]) -> dict[str, Any]:
        data = change(item, before[0]) or {}
        if target is not None:
            item.status = target.value
        refresh_tokens(item)
        return data

    def audit(
        item: CatalogueItem, before: tuple[frozenset[Role], ItemStatus], data: dict[str, Any]
    ) -> None:
        step_label = str(data.pop("label", "")) or label
        record(item, action, on, actor, before[1], note, data, label=step_label)
        if notice:
            message = f"目录条目{item.index_number} {step_label or ACTION_LABELS[action]}：{notice}"
            transaction.on_commit(lambda: log.info(message))

    return take_step(CatalogueItem, item_id, action.value, guard=check, change=apply, audit=audit)


def record(
    item: CatalogueItem,
    action: CatalogueAction,
    on: date,
    actor: AbstractBaseUser | None,
    source: ItemStatus | None,
    note: str,
    data: dict[str, Any],
    *,
    label: str = "",
) -> ItemEvent:
    step = str(data.pop("step", ""))
    passed = data.pop("passed", None)
    return append_entry(
        ItemEvent,
        item=item,
        action=action.value,
        label=label or ACTION_LABELS[action],
        review_round=item.review_round,
        step=step,
        passed=passed,
        occurred_on=on,
        actor=actor,
        from_status=source.value if source else "",
        to_status=item.status,
        note=note,
        data=data,
    )


def passed_steps(item: CatalogueItem) -> list[str]:
    """Steps passed in the item's current review round (a rejection starts a new round)."""
    return list(
        item.events.filter(review_round=item.review_round, passed=True)
        .exclude(step="")
        .values_list("step", flat=True)
    )
