"""Fee figures for section 六 of the annual report (domain.md §4.5, §8.7).

The three numbers seeds report (SEED 000): notices sent, amount notified, amount collected,
all in whole 元, plus the same by method. The year rule is DERIVED (the format defines no
figures): a notice counts in the year it was sent, a payment in the year it was made, so a
notice of December paid in January is collected in the next year's report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.errors import GongkaiError
from gongkai.core.fees.schedules import FeeMethod


@dataclass(frozen=True)
class FeeRecord:
    method: FeeMethod
    amount: int  # charged, 元
    notice_sent_on: date | None  # None: assessed but no notice sent
    paid_on: date | None = None
    paid_amount: int = 0
    reference: str = ""

    def __post_init__(self) -> None:
        if self.paid_on is not None and self.notice_sent_on is None:
            raise GongkaiError(f"{self.reference}：没有收费通知却记录了缴费")
        if self.paid_on is not None and self.notice_sent_on and self.paid_on < self.notice_sent_on:
            raise GongkaiError(f"{self.reference}：缴费日期早于收费通知日期")
        if self.amount < 0 or self.paid_amount < 0:
            raise GongkaiError(f"{self.reference}：金额不能为负数")


@dataclass(frozen=True)
class MethodFigures:
    notices: int = 0
    charged: int = 0
    collected: int = 0


@dataclass(frozen=True)
class FeeFigures:
    year: int
    notices: int
    charged: int  # 通知收取金额（元）
    collected: int  # 实际收取金额（元）
    by_method: dict[FeeMethod, MethodFigures] = field(default_factory=dict)

    @property
    def sentence(self) -> str:
        """The section 六 sentence, numbers only from the data."""
        if not self.notices and not self.collected:
            return f"{self.year}年度本机关未收取信息处理费。"
        return (
            f"{self.year}年度本机关发出信息处理费收费通知{self.notices}件，"
            f"通知收取金额{self.charged}元，实际收取金额{self.collected}元。"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "notices": self.notices,
            "charged": self.charged,
            "collected": self.collected,
            "by_method": {
                method.value: {"notices": m.notices, "charged": m.charged, "collected": m.collected}
                for method, m in self.by_method.items()
            },
        }


def fee_figures(records: Iterable[FeeRecord], year: int) -> FeeFigures:
    counts = {method: [0, 0, 0] for method in FeeMethod}
    for record in records:
        row = counts[record.method]
        if record.notice_sent_on is not None and record.notice_sent_on.year == year:
            row[0] += 1
            row[1] += record.amount
        if record.paid_on is not None and record.paid_on.year == year:
            row[2] += record.paid_amount
    by_method = {m: MethodFigures(*values) for m, values in counts.items()}
    return FeeFigures(
        year=year,
        notices=sum(m.notices for m in by_method.values()),
        charged=sum(m.charged for m in by_method.values()),
        collected=sum(m.collected for m in by_method.values()),
        by_method=by_method,
    )
