"""表四 from recorded 复议 and 诉讼 cases.

Each counted case adds one to exactly one leaf (维持, 纠正, 其他 or 尚未审结) of its block, and
each block's 总计 is the sum of its four leaves, so the table's own check (T4-BLOCK-TOTAL)
holds by construction and every total equals the number of cases counted in that block.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.core.remedies.kinds import (
    CASE_KIND_LABELS,
    CaseKind,
    InvalidRemedyCase,
    ResultKind,
    require_result_fits,
)
from gongkai.core.remedies.mapping import (
    DEFAULT_RESULT_COLUMNS,
    DEFAULT_YEAR_RULE,
    Column,
    YearRule,
)
from gongkai.core.report.labels import T4_BLOCKS, T4_COLUMNS, T4_LEAVES

PENDING = "pending"


@dataclass(frozen=True)
class RemedyRecord:
    """What 表四 needs of one case: its block, when it was filed, and its final result."""

    kind: CaseKind
    filed_on: date
    result: ResultKind | None = None
    result_on: date | None = None
    reference: str = ""

    def __post_init__(self) -> None:
        where = self.reference or CASE_KIND_LABELS[self.kind]
        if (self.result is None) != (self.result_on is None):
            raise InvalidRemedyCase(f"{where}：结果和结果日期须同时填写")
        if self.result is not None:
            require_result_fits(self.kind, self.result)
        if self.result_on is not None and self.result_on < self.filed_on:
            raise InvalidRemedyCase(
                f"{where}：结果日期{self.result_on.isoformat()}早于立案日期"
                f"{self.filed_on.isoformat()}"
            )

    def concluded_by(self, day: date) -> bool:
        return self.result_on is not None and self.result_on <= day


def leaf_for(
    record: RemedyRecord,
    year: int,
    mapping: Mapping[ResultKind, Column] = DEFAULT_RESULT_COLUMNS,
    rule: YearRule = DEFAULT_YEAR_RULE,
) -> str | None:
    """The leaf ("upheld", "corrected", "other", "pending") ``record`` counts in, or None."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if record.filed_on > end:
        return None
    if rule is YearRule.FILED and record.filed_on < start:
        return None
    if rule is YearRule.OPEN_IN_YEAR and record.result_on is not None and record.result_on < start:
        return None  # concluded in an earlier year: counted there
    if record.result is not None and record.concluded_by(end):
        return mapping[record.result].value
    return PENDING


def empty_table4() -> dict[str, int]:
    return dict.fromkeys(T4_COLUMNS, 0)


def compute_table4(
    cases: Iterable[RemedyRecord],
    year: int,
    mapping: Mapping[ResultKind, Column] = DEFAULT_RESULT_COLUMNS,
    rule: YearRule = DEFAULT_YEAR_RULE,
) -> dict[str, int]:
    """表四 for ``year``: the 15 columns keyed as in ``AnnualReport.table4``."""
    missing = set(ResultKind) - set(mapping)
    if missing:
        names = "、".join(sorted(missing))
        raise InvalidRemedyCase(f"结果与表四列的对应关系不完整，缺少：{names}")
    table = empty_table4()
    for record in cases:
        leaf = leaf_for(record, year, mapping, rule)
        if leaf is not None:
            table[f"{record.kind.value}_{leaf}"] += 1
    for block in T4_BLOCKS:
        table[f"{block}_total"] = sum(table[f"{block}_{leaf}"] for leaf in T4_LEAVES)
    return table
