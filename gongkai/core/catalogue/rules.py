"""The catalogue's settings in one object; UNVERIFIED rules carry their documented default.

Set with the ``GONGKAI_CATALOGUE`` JSON setting (docs/catalogue.md); unknown keys are refused
so that a misspelt setting cannot go unseen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from gongkai.core.catalogue.categories import CategoryTree, tree_from_setting
from gongkai.core.catalogue.index_numbers import DEFAULT_INDEX_FORMAT, check_index_format
from gongkai.core.catalogue.review import Pipeline, pipeline_from_setting
from gongkai.core.errors import GongkaiError

DEFAULT_ATTACHMENT_TYPES: tuple[str, ...] = (
    "pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "txt", "jpg", "jpeg", "png", "zip",
)  # fmt: skip


@dataclass(frozen=True)
class CatalogueRules:
    # 索引号: the 条例 fixes no format (UNVERIFIED; see index_numbers.py).
    index_format: str = DEFAULT_INDEX_FORMAT
    # 表二 （八）: 万元 precision is not specified; seeds print 2–6 decimals (UNVERIFIED).
    fee_decimals: int = 4
    # §18 says "定期" without a period: re-assess withheld items every N months (UNVERIFIED).
    reassessment_months: int = 12
    attachment_max_bytes: int = 20 * 1024 * 1024
    attachment_types: tuple[str, ...] = DEFAULT_ATTACHMENT_TYPES
    import_max_rows: int = 5000
    page_size: int = 20
    review_steps: Sequence[Mapping[str, Any]] | None = None
    categories: Sequence[Mapping[str, Any]] | None = None
    pipeline: Pipeline = field(init=False, compare=False)
    tree: CategoryTree = field(init=False, compare=False)

    def __post_init__(self) -> None:
        check_index_format(self.index_format)
        for name in ("fee_decimals", "reassessment_months", "attachment_max_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise GongkaiError(f"主动公开设置“{name}”应为非负整数，实为{value!r}")
        if not 0 <= self.fee_decimals <= 6:
            raise GongkaiError("收费金额（万元）的小数位数应在0到6之间")
        if self.reassessment_months < 1:
            raise GongkaiError("不予公开信息的复核周期至少为1个月")
        for name in ("import_max_rows", "page_size"):
            if getattr(self, name) < 1:
                raise GongkaiError(f"主动公开设置“{name}”应为正整数")
        object.__setattr__(
            self, "attachment_types", tuple(t.lower().lstrip(".") for t in self.attachment_types)
        )
        object.__setattr__(self, "pipeline", pipeline_from_setting(self.review_steps))
        object.__setattr__(self, "tree", tree_from_setting(self.categories))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> CatalogueRules:
        known = {f.name for f in fields(cls) if f.init}
        unknown = sorted(set(values) - known)
        if unknown:
            raise GongkaiError(f"未知的主动公开设置：{'、'.join(unknown)}")
        data = dict(values)
        if "attachment_types" in data:
            data["attachment_types"] = tuple(data["attachment_types"])
        return cls(**data)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def reassessment_due(decided_on: date, rules: CatalogueRules) -> date:
    """§18: when a withheld item must next be re-assessed."""
    return add_months(decided_on, rules.reassessment_months)
