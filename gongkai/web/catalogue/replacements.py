"""Replacing an item's attachment, in the one shape of every catalogue step
(:func:`gongkai.web.catalogue.transitions.item_transition`).

Nothing is ever lost: the old file stays in the database, marked ``superseded``, and the trail
names both files by SHA-256. Only ``current`` files are public.

* A **draft** (not public yet) gets the new file at once: the whole review pipeline still lies
  ahead of it, at the next submission.
* A **published** item keeps its reviewed file on the portal while the new one waits
  (``pending``). The replacement publishes new content, so it takes the same rules as a
  publication (§17, "先审查、后公开"): a new review round of the whole configured pipeline —
  保密审查 included, same steps, order and roles (:func:`services.review`) — then 发布 by the
  roles that may publish (:func:`publish_replacement`). A rejection discards the new file
  (kept, ``discarded``) and the public copy never changes.
* Items in review or recorded (not public) take no replacement: a reviewer must see the file
  that is published, and a recorded item has nothing public to replace.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from gongkai.core.applications.roles import Role
from gongkai.core.catalogue.permissions import CatalogueAction
from gongkai.core.catalogue.statuses import ItemStatus
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.models import CatalogueItem, ItemAttachment
from gongkai.web.catalogue.transitions import item_transition, passed_steps
from gongkai.web.catalogue.uploads import checked_upload
from gongkai.web.kernel.guards import check_day, guard

A = CatalogueAction
State = ItemAttachment.State


def pending_replacement(item: CatalogueItem) -> ItemAttachment | None:
    """The replacement of a published item's file that awaits review, if any (at most one)."""
    return (
        item.attachments.filter(state=State.PENDING)
        .select_related("replaces")
        .defer("content", "replaces__content")
        .first()
    )


def discard_pending(item: CatalogueItem, on: date) -> dict[str, Any]:
    """Inside a step's transaction: the pending replacement will not take effect (kept)."""
    pending = pending_replacement(item)
    if pending is None:
        return {}
    _set_state(pending, State.DISCARDED, on)
    return {"discarded_replacement": pending.pk, "discarded_sha256": pending.sha256}


def _set_state(attachment: ItemAttachment, state: str, on: date) -> None:
    attachment.state = state
    attachment.state_changed_on = on
    attachment.save(update_fields=["state", "state_changed_on"])


def replace_attachment(
    actor: AbstractBaseUser,
    item_id: int,
    attachment_id: int,
    *,
    filename: str,
    content_type: str,
    data: bytes,
    on: date,
    note: str = "",
) -> ItemAttachment:
    """A new file for one current attachment: at once for a draft, after review when published."""
    created: list[ItemAttachment] = []

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        name, digest = checked_upload(filename, data)  # after the role check
        old = (
            item.attachments.filter(pk=attachment_id, state=State.CURRENT).defer("content").first()
        )
        guard(old is not None, "该附件不存在或已被替换，请刷新页面后重试")
        assert old is not None
        guard(digest != old.sha256, f"新文件与现行附件“{old.filename}”内容相同，无需替换")
        published = item.status_enum is ItemStatus.PUBLISHED
        if published:
            pending = pending_replacement(item)
            guard(
                pending is None,
                f"已有替换附件“{pending.filename if pending else ''}”在审核中，"
                "请待其审核、发布或退回后再替换",
            )
            check_day(on, item.published_on, "替换日期")
            item.review_round += 1  # a new round of the whole pipeline, as for publication
        else:
            check_day(on, item.generated_on, "替换日期")
        new = ItemAttachment.objects.create(
            item=item,
            filename=name,
            content_type=(content_type or "application/octet-stream")[:100],
            size=len(data),
            sha256=digest,
            content=data,
            uploaded_by=actor,
            state=State.PENDING if published else State.CURRENT,
            replaces=old,
            state_changed_on=on,
        )
        if not published:
            _set_state(old, State.SUPERSEDED, on)
        created.append(new)
        return {
            "label": "提交替换附件审核" if published else "替换附件",
            "replaces": old.pk,
            "old_filename": old.filename,
            "old_sha256": old.sha256,
            "attachment": new.pk,
            "filename": name,
            "sha256": digest,
            "size": len(data),
            "pending_review": published,
        }

    item_transition(
        actor,
        item_id,
        A.ATTACH,
        on,
        None,
        change,
        allowed_from=frozenset({ItemStatus.DRAFT, ItemStatus.PUBLISHED}),
        label="替换附件",
        note=note.strip(),
    )
    return created[0]


def publish_replacement(actor: AbstractBaseUser, item_id: int, *, on: date) -> CatalogueItem:
    """The reviewed replacement goes public; the old file is kept as ``superseded``."""
    pipeline = catalogue_rules().pipeline

    def change(item: CatalogueItem, held: frozenset[Role]) -> dict[str, Any]:
        pending = pending_replacement(item)
        guard(pending is not None, "没有待发布的替换附件")
        assert pending is not None and pending.replaces is not None
        missing = pipeline.remaining(passed_steps(item))
        guard(not missing, "替换附件尚未完成审核：" + "、".join(s.label for s in missing))
        check_day(on, pending.state_changed_on, "发布日期")
        old = pending.replaces
        _set_state(old, State.SUPERSEDED, on)
        _set_state(pending, State.CURRENT, on)
        return {
            "replaces": old.pk,
            "old_sha256": old.sha256,
            "attachment": pending.pk,
            "sha256": pending.sha256,
        }

    return item_transition(
        actor,
        item_id,
        A.PUBLISH,
        on,
        None,
        change,
        allowed_from=frozenset({ItemStatus.PUBLISHED}),
        label="发布替换附件",
        notice="公开页面改为提供替换后的附件",
    )
