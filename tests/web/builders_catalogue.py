"""Builders for catalogue tests: items in any state, made through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.core.catalogue.attributes import DisclosureAttribute, WithholdReason
from gongkai.web.catalogue import services
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.models import CatalogueItem
from gongkai.web.catalogue.services import ItemFields

DAY = date(2025, 3, 3)


def fields(**overrides: Any) -> ItemFields:
    values: dict[str, Any] = {
        "title": "清河县公安局关于调整户籍业务办理时间的通告",
        "category": "a21-household",
        "attribute": DisclosureAttribute.PROACTIVE,
        "generated_on": DAY,
        "formed_on": DAY,
        "summary": "自2025年3月起户籍窗口周六上午正常办公",
        "document_number": "清公通〔2025〕3号",
        "channels": ("website",),
    }
    values.update(overrides)
    return ItemFields(**values)


def drafted(staff: Staff, **overrides: Any) -> CatalogueItem:
    return services.draft_item(staff[Role.HANDLER], staff.agency, fields(**overrides))


def reviewed(staff: Staff, item: CatalogueItem, on: date = DAY) -> CatalogueItem:
    """Submit and pass every review step in the configured order."""
    services.submit(staff[Role.HANDLER], item.pk, on=on)
    for step in catalogue_rules().pipeline.steps:
        who = next(r for r in (Role.HANDLER, Role.REVIEWER, Role.OFFICE_HEAD) if r in step.roles)
        services.review(staff[who], item.pk, step=step.key, passed=True, on=on)
    item.refresh_from_db()
    return item


def published(staff: Staff, on: date = DAY, **overrides: Any) -> CatalogueItem:
    item = reviewed(staff, drafted(staff, **overrides), on)
    return services.publish(staff[Role.HANDLER], item.pk, on=on)


def withheld(staff: Staff, on: date = DAY, **overrides: Any) -> CatalogueItem:
    item = drafted(
        staff,
        attribute=DisclosureAttribute.WITHHELD,
        withhold_reason=WithholdReason.PROCESS_INFO,
        channels=(),
        **overrides,
    )
    return services.record_not_public(staff[Role.REVIEWER], item.pk, on=on)
