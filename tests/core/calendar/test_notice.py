from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.calendar.notice import NoticeDay, NoticeError, parse_notice
from gongkai.core.calendar.workdays import WorkCalendar

NOTICE_2027 = """
# 国务院办公厅关于2027年部分节假日安排的通知（示例）
2027-01-01至2027-01-03 休息 元旦
2027-02-06 上班 春节调休
2027-02-07～2027-02-13 休息 春节
"""


def test_reads_ranges_and_worked_weekends() -> None:
    days = parse_notice(NOTICE_2027, 2027)
    assert days[0] == NoticeDay(date(2027, 1, 1), False, "元旦")
    assert NoticeDay(date(2027, 2, 6), True, "春节调休") in days
    assert len(days) == 3 + 1 + 7
    assert [d.day for d in days] == sorted(d.day for d in days)


def test_every_bad_line_is_reported_with_its_number() -> None:
    text = (
        "2027-02-30 休息 不存在\n2027-03-01 放假\n"
        "2026-12-31 休息 上年\n2027-05-05至2027-05-01 休息 x"
    )
    with pytest.raises(NoticeError) as caught:
        parse_notice(text, 2027)
    problems = caught.value.problems
    assert [p[:3] for p in problems] == ["第1行", "第2行", "第3行", "第4行"]
    assert "不存在" in problems[0] and "不在2027年内" in problems[2]


def test_contradictions_and_empty_notices_are_refused() -> None:
    with pytest.raises(NoticeError, match="既上班又休息"):
        parse_notice("2027-01-01 休息 元旦\n2027-01-01 上班 调休", 2027)
    with pytest.raises(NoticeError, match="没有录入"):
        parse_notice("# 只有注释\n\n", 2027)


def test_an_entered_notice_makes_a_year_countable() -> None:
    overrides = {d.day: (d.is_workday, d.note) for d in parse_notice(NOTICE_2027, 2027)}
    calendar = WorkCalendar(overrides, known_years=[2027])
    # 2027-01-01 is a Friday, a holiday; the next working day is Monday 4 January.
    assert calendar.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert calendar.is_workday(date(2027, 2, 6))  # a Saturday worked in exchange
    assert not calendar.is_workday(date(2027, 2, 8))
