"""Figures for narrative section 一(二) (§8.6): intake by channel, timeliness, outcome shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.core.applications.channels import CHANNEL_LABELS, Channel
from gongkai.core.applications.outcomes import DEFAULT_OUTCOME_ROWS, Outcome
from gongkai.core.report.labels import T3_OUTCOME_ROWS, T3_ROW_LABELS
from gongkai.core.statistics.records import CaseRecord
from gongkai.core.statistics.table3 import classify

HUNDREDTH = Decimal("0.01")


def percent(part: int, whole: int) -> Decimal | None:
    """A share as printed in reports ("占31.58%"): two decimals, half up; None for 0 of 0."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ApplicationFigures:
    year: int
    new_by_channel: dict[Channel, int]
    concluded: int
    # Only replies with a due date are timed: a lapse or withdrawal answers nothing.
    timed: int
    on_time: int
    outcome_counts: dict[str, int]

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.timed)

    def outcome_share(self, row: str) -> Decimal | None:
        return percent(self.outcome_counts.get(row, 0), self.concluded)

    def sentences(self) -> list[str]:
        """Plain sentences a report author can paste into 一(二) and adjust."""
        new_total = sum(self.new_by_channel.values())
        parts = "，".join(f"{CHANNEL_LABELS[c]}{n}件" for c, n in self.new_by_channel.items() if n)
        lines = [
            f"{self.year}年共收到政府信息公开申请{new_total}件"
            + (f"，其中{parts}" if parts else "")
            + "。"
        ]
        if self.concluded:
            lines.append(f"全年办结{self.concluded}件。")
            for row in T3_OUTCOME_ROWS:
                count = self.outcome_counts.get(row, 0)
                if count:
                    label = T3_ROW_LABELS[row]
                    lines.append(f"{label}{count}件，占{self.outcome_share(row)}%。")
        if self.timed:
            lines.append(f"按期答复率{self.on_time_rate}%（{self.on_time}/{self.timed}）。")
        return lines


def application_figures(
    records: Iterable[CaseRecord],
    year: int,
    rows: Mapping[Outcome, str] = DEFAULT_OUTCOME_ROWS,
) -> ApplicationFigures:
    by_channel = dict.fromkeys(Channel, 0)
    outcome_counts: dict[str, int] = {}
    concluded = timed = on_time = 0
    for record in records:
        intake, result = classify(record, year, rows)
        if intake == "new_received":
            by_channel[record.channel] += 1
        if result is None or result == "carried_forward":
            continue
        concluded += 1
        outcome_counts[result] = outcome_counts.get(result, 0) + 1
        if record.due_on is not None and record.concluded_on is not None:
            timed += 1
            if record.concluded_on <= record.due_on:
                on_time += 1
    return ApplicationFigures(year, by_channel, concluded, timed, on_time, outcome_counts)
