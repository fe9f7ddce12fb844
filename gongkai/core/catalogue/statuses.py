"""The life of a catalogue item, as one table (the same shape as the applications' table).

起草 (draft) → 审核中 (in review) → 已公开 (published). A rejected review step sends the item
back to draft. Items that are not 主动公开 are recorded (已登记) and never published; a §18
re-assessment may turn one into a draft for publication.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.errors import GongkaiError


class ItemStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    RECORDED = "recorded"


STATUS_LABELS: dict[ItemStatus, str] = {
    ItemStatus.DRAFT: "起草",
    ItemStatus.IN_REVIEW: "审核中",
    ItemStatus.PUBLISHED: "已公开",
    ItemStatus.RECORDED: "已登记（不主动公开）",
}

S = ItemStatus
EXITS: dict[ItemStatus, frozenset[ItemStatus]] = {
    S.DRAFT: frozenset({S.IN_REVIEW, S.RECORDED}),
    S.IN_REVIEW: frozenset({S.DRAFT, S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.DRAFT}),  # withdrawn from the site for correction
    S.RECORDED: frozenset({S.DRAFT}),  # §18: circumstances changed, to be published
}
del S


class InvalidItemTransition(GongkaiError):
    """The step is not allowed from the item's current status."""


def require_item_transition(source: ItemStatus, target: ItemStatus) -> None:
    if target not in EXITS[source]:
        raise InvalidItemTransition(
            f"条目当前为“{STATUS_LABELS[source]}”，不能转为“{STATUS_LABELS[target]}”"
        )
