"""Service functions for catalogue items: one per step, each in the shape of
:func:`gongkai.web.catalogue.transitions.item_transition`. Views, the demo and the admin never
assign a status. Normative documents, imports, new media and the guide: :mod:`.records`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max

from gongkai.core.applications.roles import Role
from gongkai.core.catalogue.attributes import (
    DisclosureAttribute,
    WithholdReason,
    check_attribute,
)
from gongkai.core.catalogue.channels import parse_channels
from gongkai.core.catalogue.index_numbers import agency_index_code, format_index_number
from gongkai.core.catalogue.permissions import CatalogueAction, require_catalogue_role
from gongkai.core.catalogue.rules import reassessment_due
from gongkai.core.catalogue.statuses import ItemStatus, require_item_transition
from gongkai.core.errors import GongkaiError
from gongkai.web.agencies.access import roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.catalogue.config import catalogue_rules, publication_due_for
from gongkai.web.catalogue.models import CatalogueItem, ItemAttachment
from gongkai.web.catalogue.replacements import discard_pending, pending_replacement
from gongkai.web.catalogue.transitions import (
    item_transition,
    passed_steps,
    record,
    refresh_tokens,
)
from gongkai.web.catalogue.uploads import checked_upload
from gongkai.web.kernel.guards import GuardFailed, check_day, guard

A = CatalogueAction
EDITABLE_FIELDS = (
    "title",
    "summary",
    "body",
    "generated_on",
    "document_number",
    "category",
    "attribute",
    "withhold_reason",
    "attribute_note",
    "formed_on",
    "channels",
)


@dataclass(frozen=True)
class ItemFields:
    """What a drafter enters; checked by :func:`check_fields` before anything is stored."""

    title: str
    category: str
    attribute: DisclosureAttribute
    generated_on: date
    formed_on: date
    summary: str = ""
    body: str = ""
    document_number: str = ""
    withhold_reason: WithholdReason | None = None
    attribute_note: str = ""
    channels: tuple[str, ...] = ()


def check_fields(fields: ItemFields) -> dict[str, Any]:
    guard(bool(fields.title.strip()), "请填写信息名称")
    if fields.category not in catalogue_rules().tree:
        raise GuardFailed(f"未知的信息分类：{fields.category}")
    try:
        check_attribute(fields.attribute, fields.withhold_reason)
        channels = parse_channels(fields.channels)
    except GongkaiError as exc:
        raise GuardFailed(str(exc)) from None
    check_day(fields.generated_on, None, "生成日期")
    check_day(fields.formed_on, None, "形成或者变更日期")
    return {
        "title": fields.title.strip(),
        "summary": fields.summary.strip(),
        "body": fields.body.strip(),
        "generated_on": fields.generated_on,
        "document_number": fields.document_number.strip(),
        "category": fields.category,
        "attribute": fields.attribute.value,
        "withhold_reason": fields.withhold_reason.value if fields.withhold_reason else "",
        "attribute_note": fields.attribute_note.strip(),
        "formed_on": fields.formed_on,
        "channels": [c.value for c in channels],
    }


def _refresh_due(item: CatalogueItem) -> None:
    if item.attribute_enum is DisclosureAttribute.PROACTIVE:
        item.publication_due, item.calendar_problem = publication_due_for(item.formed_on)
    else:
        item.publication_due, item.calendar_problem = None, ""


def draft_item(actor: AbstractBaseUser, agency: Agency, fields: ItemFields) -> CatalogueItem:
    """A new draft with its 索引号; the attribute is set now, when the document is drafted."""
    values = check_fields(fields)
    rules = catalogue_rules()
    with transaction.atomic():
        # The agency row lock serialises running numbers, so two drafts never share one.
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        require_catalogue_role(A.DRAFT, roles_of(actor, locked))
        year = fields.generated_on.year
        last = CatalogueItem.objects.filter(agency=locked, index_year=year).aggregate(
            m=Max("index_seq")
        )["m"]
        seq = (last or 0) + 1
        item = CatalogueItem(agency=locked, index_year=year, index_seq=seq, created_by=actor)
        for name, value in values.items():
            setattr(item, name, value)
        item.index_number = format_index_number(
            rules.index_format,
            agency_code=agency_index_code(locked.code, locked.pk),
            year=year,
            seq=seq,
            category=fields.category,
        )
        _refresh_due(item)
        refresh_tokens(item)
        item.save()
        record(item, A.DRAFT, fields.generated_on, actor, None, "", _due_data(item))
    return item


def _due_data(item: CatalogueItem) -> dict[str, Any]:
    data: dict[str, Any] = {"attribute": item.attribute}
    if item.publication_due:
        data["publication_due"] = item.publication_due.isoformat()
    if item.calendar_problem:
        data["calendar_problem"] = item.calendar_problem
    return data


def edit_item(
    actor: AbstractBaseUser, item_id: int, fields: ItemFields, *, on: date
) -> CatalogueItem:
    values = check_fields(fields)

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        changed = [n for n, v in values.items() if getattr(item, n) != v]
        for name, value in values.items():
            setattr(item, name, value)
        _refresh_due(item)
        return {"changed": changed, **_due_data(item)}

    return item_transition(
        actor, item_id, A.EDIT, on, None, change, allowed_from=frozenset({ItemStatus.DRAFT})
    )


def attach(
    actor: AbstractBaseUser,
    item_id: int,
    *,
    filename: str,
    content_type: str,
    data: bytes,
    on: date,
) -> ItemAttachment:
    created: list[ItemAttachment] = []

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        name, digest = checked_upload(filename, data)  # after the role and status checks
        created.append(
            ItemAttachment.objects.create(
                item=item,
                filename=name,
                content_type=(content_type or "application/octet-stream")[:100],
                size=len(data),
                sha256=digest,
                content=data,
                uploaded_by=actor,
            )
        )
        return {"filename": name, "sha256": digest, "size": len(data)}

    item_transition(
        actor, item_id, A.ATTACH, on, None, change, allowed_from=frozenset({ItemStatus.DRAFT})
    )
    return created[0]


def submit(actor: AbstractBaseUser, item_id: int, *, on: date) -> CatalogueItem:
    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        guard(
            item.attribute_enum is DisclosureAttribute.PROACTIVE,
            "只有主动公开的信息才需提交发布审核；依申请公开或不予公开的请登记",
        )
        guard(bool(item.channels), "请至少选择一个公开渠道")
        check_day(on, item.generated_on, "提交日期")
        item.review_round += 1
        return {}

    return item_transition(actor, item_id, A.SUBMIT, on, ItemStatus.IN_REVIEW, change)


def review(
    actor: AbstractBaseUser,
    item_id: int,
    *,
    step: str,
    passed: bool,
    on: date,
    note: str = "",
) -> CatalogueItem:
    """One review step: who and when, passed or rejected (a rejection needs its reason and
    sends the item back to draft; the next submission starts a new round)."""
    guard(passed or bool(note.strip()), "退回修改须写明理由")
    pipeline = catalogue_rules().pipeline

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        replacing = item.status_enum is ItemStatus.PUBLISHED
        guard(
            not replacing or pending_replacement(item) is not None,
            "条目已公开，没有待审核的替换附件",
        )
        check_day(on, item.generated_on, "审核日期")
        try:
            taken = pipeline.check_can_take(step, passed_steps(item), held)
        except GongkaiError as exc:
            raise GuardFailed(str(exc)) from None
        label = f"{taken.label}{'通过' if passed else '退回修改'}"
        if replacing:
            # The published file stays public; a rejected replacement never takes effect.
            discarded = {} if passed else discard_pending(item, on)
            return {"step": step, "passed": passed, "label": f"{label}（替换附件）", **discarded}
        if not passed:
            require_item_transition(item.status_enum, ItemStatus.DRAFT)
            item.status = ItemStatus.DRAFT.value
        return {"step": step, "passed": passed, "label": label}

    # Only an item in review, or a published item's pending replacement of a file
    # (replacements.py), can be reviewed (checked on the locked row); a rejection moves an
    # item in review back to draft, an exit the status table allows.
    return item_transition(
        actor,
        item_id,
        A.REVIEW,
        on,
        None,
        change,
        allowed_from=frozenset({ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED}),
        note=note.strip(),
        notice="" if passed else note.strip(),
    )


def publish(actor: AbstractBaseUser, item_id: int, *, on: date) -> CatalogueItem:
    pipeline = catalogue_rules().pipeline

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        missing = pipeline.remaining(passed_steps(item))
        guard(not missing, "尚未完成审核：" + "、".join(s.label for s in missing))
        check_day(on, item.formed_on, "公开日期")
        item.published_on = on
        late = bool(item.publication_due and on > item.publication_due)
        return {"late": late}

    return item_transition(actor, item_id, A.PUBLISH, on, ItemStatus.PUBLISHED, change)


def unpublish(actor: AbstractBaseUser, item_id: int, *, on: date, reason: str) -> CatalogueItem:
    guard(bool(reason.strip()), "撤回已公开的信息须写明理由")

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        check_day(on, item.published_on, "撤回日期")
        previous = item.published_on
        item.published_on = None
        # A replacement awaiting review lapses with the publication it was to change.
        discarded = discard_pending(item, on)
        return {"was_published_on": previous.isoformat() if previous else None, **discarded}

    return item_transition(
        actor, item_id, A.UNPUBLISH, on, ItemStatus.DRAFT, change, note=reason.strip()
    )


def record_not_public(actor: AbstractBaseUser, item_id: int, *, on: date) -> CatalogueItem:
    """依申请公开 or 不予公开: recorded, not published; 不予公开 gets its §18 review date."""
    rules = catalogue_rules()

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        guard(
            item.attribute_enum is not DisclosureAttribute.PROACTIVE,
            "主动公开的信息应提交审核后发布，不能登记为不主动公开",
        )
        check_day(on, item.generated_on, "登记日期")
        if item.attribute_enum is DisclosureAttribute.WITHHELD:
            item.reassessment_due = reassessment_due(on, rules)
            return {"reassessment_due": item.reassessment_due.isoformat()}
        return {}

    return item_transition(actor, item_id, A.RECORD, on, ItemStatus.RECORDED, change)


def reassess(
    actor: AbstractBaseUser, item_id: int, *, on: date, disclose: bool, note: str
) -> CatalogueItem:
    """§18: keep withholding (with a new review date) or, circumstances having changed,
    turn the item into a 主动公开 draft whose 20-working-day clock starts ``on``."""
    guard(bool(note.strip()), "请写明复核意见")
    rules = catalogue_rules()

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        guard(
            item.attribute_enum is DisclosureAttribute.WITHHELD,
            "只有不予公开的信息需要定期复核",
        )
        check_day(on, item.generated_on, "复核日期")
        if disclose:
            item.attribute = DisclosureAttribute.PROACTIVE.value
            item.withhold_reason = ""
            item.formed_on = on
            item.reassessment_due = None
            item.status = ItemStatus.DRAFT.value
            _refresh_due(item)
            return {"disclose": True, **_due_data(item)}
        item.reassessment_due = reassessment_due(on, rules)
        return {"disclose": False, "reassessment_due": item.reassessment_due.isoformat()}

    return item_transition(
        actor,
        item_id,
        A.REASSESS,
        on,
        None,
        change,
        allowed_from=frozenset({ItemStatus.RECORDED}),
        note=note.strip(),
        label="复核后转为主动公开" if disclose else "复核后继续不予公开",
    )


def overdue_reassessments(agency: Agency, today: date) -> Iterable[CatalogueItem]:
    return CatalogueItem.objects.filter(
        agency=agency,
        status=ItemStatus.RECORDED.value,
        attribute=DisclosureAttribute.WITHHELD.value,
        reassessment_due__lt=today,
    ).order_by("reassessment_due")


def overdue_publications(agency: Agency, today: date) -> Iterable[CatalogueItem]:
    """主动公开 items not yet published whose §26 deadline has passed."""
    return CatalogueItem.objects.filter(
        agency=agency,
        attribute=DisclosureAttribute.PROACTIVE.value,
        status__in=[ItemStatus.DRAFT.value, ItemStatus.IN_REVIEW.value],
        publication_due__lt=today,
    ).order_by("publication_due")
