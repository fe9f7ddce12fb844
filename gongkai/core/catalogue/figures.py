"""Figures for narrative sections 一(一)、一(三)、一(四) and 二 of the annual report (domain.md
§8.6): items published by category and channel, on time or late, review and secrecy checks,
attribute-setting, new-media accounts and posts, each with a ready sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gongkai.core.catalogue.attributes import ATTRIBUTE_LABELS, DisclosureAttribute
from gongkai.core.catalogue.categories import CategoryTree
from gongkai.core.catalogue.channels import CHANNEL_LABELS, PublicationChannel


@dataclass(frozen=True)
class ItemFacts:
    category: str
    attribute: DisclosureAttribute
    drafted_on: date  # when the attribute was set
    published_on: date | None
    due_on: date | None
    channels: Sequence[PublicationChannel]


@dataclass(frozen=True)
class AccountFacts:
    platform_label: str
    name: str
    active: bool
    posts: int | None  # posts in the year, None when not entered


def catalogue_figures_from(
    items: Iterable[ItemFacts],
    accounts: Iterable[AccountFacts],
    year: int,
    tree: CategoryTree,
    *,
    review_steps: int = 0,
    secrecy_reviews: int = 0,
) -> dict[str, Any]:
    all_items = list(items)
    published = [i for i in all_items if i.published_on and i.published_on.year == year]
    by_category = Counter(tree.top_level(i.category).label for i in published if i.category in tree)
    by_leaf = Counter(tree.get(i.category).label for i in published if i.category in tree)
    by_channel = Counter(CHANNEL_LABELS[c] for i in published for c in i.channels)
    late = sum(1 for i in published if i.due_on and i.published_on and i.published_on > i.due_on)
    drafted = [i for i in all_items if i.drafted_on.year == year]
    attributes = Counter(ATTRIBUTE_LABELS[i.attribute] for i in drafted)
    account_list = list(accounts)
    posts = Counter[str]()
    for acc in account_list:
        posts[acc.platform_label] += acc.posts or 0
    active = [a for a in account_list if a.active]
    figures: dict[str, Any] = {
        "year": year,
        "published_total": len(published),
        "published_by_category": dict(by_category.most_common()),
        "published_by_subcategory": dict(by_leaf.most_common()),
        "published_by_channel": dict(by_channel.most_common()),
        "published_late": late,
        "published_on_time": len(published) - late,
        "attributes_set": dict(attributes),
        "review_steps": review_steps,
        "secrecy_reviews": secrecy_reviews,
        "new_media_accounts": len(active),
        "new_media_accounts_by_platform": dict(Counter(a.platform_label for a in active)),
        "new_media_posts_total": sum(posts.values()),
        "new_media_posts_by_platform": dict(posts.most_common()),
        "new_media_posts_missing": [a.name for a in active if a.posts is None],
    }
    figures["sentences"] = _sentences(figures)
    return figures


def _listing(counts: dict[str, int], unit: str) -> str:
    return "，".join(f"{label}{n}{unit}" for label, n in counts.items())


def _sentences(f: dict[str, Any]) -> list[str]:
    out = [f"{f['year']}年，本机关主动公开政府信息{f['published_total']}条。"]
    if f["published_by_category"]:
        out.append(f"按类别：{_listing(f['published_by_category'], '条')}。")
    if f["published_by_channel"]:
        out.append(f"按公开渠道：{_listing(f['published_by_channel'], '条')}。")
    if f["published_total"]:
        late = f["published_late"]
        out.append(
            "全部在信息形成或者变更之日起20个工作日内公开。"
            if late == 0
            else f"其中{late}条超过20个工作日公开期限。"
        )
    if f["attributes_set"]:
        out.append(f"公文拟制时同步界定公开属性：{_listing(f['attributes_set'], '件')}。")
    if f["secrecy_reviews"]:
        out.append(f"发布前保密审查{f['secrecy_reviews']}次。")
    if f["new_media_accounts"]:
        out.append(
            f"开设政务新媒体账号{f['new_media_accounts']}个，全年发布信息"
            f"{f['new_media_posts_total']}条"
            + (
                f"（{_listing(f['new_media_posts_by_platform'], '条')}）"
                if f["new_media_posts_by_platform"]
                else ""
            )
            + "。"
        )
    return out
