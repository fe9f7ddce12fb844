"""Read the day list of a State Council holiday notice as an administrator types it in.

One line per entry, dates in ISO form, a range with 至 (or ~ / -- / ～), then 休息 or 上班,
then what the day is::

    2027-01-01至2027-01-03 休息 元旦
    2027-02-06 上班 春节调休
    # 以“#”开头的行是注释

Every problem is reported with its line number, all at once, so a whole notice can be fixed
in one pass; nothing is stored unless every line reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.core.errors import GongkaiError

_LINE = re.compile(
    r"^(?P<first>\d{4}-\d{1,2}-\d{1,2})"
    r"(?:\s*(?:至|~|～|--|—)\s*(?P<last>\d{4}-\d{1,2}-\d{1,2}))?"
    r"\s+(?P<kind>休息|上班)"
    r"(?:\s+(?P<note>.+))?$"
)
MAX_RANGE_DAYS = 31


@dataclass(frozen=True)
class NoticeDay:
    day: date
    is_workday: bool
    note: str


class NoticeError(GongkaiError):
    """The notice text has lines that cannot be read; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


def _to_date(text: str) -> date:
    year, month, day = (int(part) for part in text.split("-"))
    return date(year, month, day)


def parse_notice(text: str, year: int) -> list[NoticeDay]:
    """The days of ``year`` the notice lists, in date order; raises :class:`NoticeError`."""
    problems: list[str] = []
    days: dict[date, NoticeDay] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append(f"第{number}行无法识别：“{line}”，应为“日期[至日期] 休息|上班 说明”")
            continue
        try:
            first = _to_date(match["first"])
            last = _to_date(match["last"]) if match["last"] else first
        except ValueError:
            problems.append(f"第{number}行的日期不存在：“{line}”")
            continue
        if last < first:
            problems.append(f"第{number}行的结束日期早于开始日期")
            continue
        if (last - first).days >= MAX_RANGE_DAYS:
            problems.append(f"第{number}行的日期范围超过{MAX_RANGE_DAYS}天，请检查")
            continue
        if first.year != year or last.year != year:
            problems.append(f"第{number}行的日期不在{year}年内")
            continue
        is_workday = match["kind"] == "上班"
        note = (match["note"] or ("调休上班" if is_workday else "休息")).strip()
        day = first
        while day <= last:
            if day in days and days[day].is_workday != is_workday:
                problems.append(f"第{number}行与前文矛盾：{day.isoformat()}既上班又休息")
            days[day] = NoticeDay(day, is_workday, note)
            day += timedelta(days=1)
    if problems:
        raise NoticeError(problems)
    if not days:
        raise NoticeError(["没有录入任何日期"])
    return [days[d] for d in sorted(days)]
