"""``gongkai deadline RECEIVED_DATE [--pause FROM:TO]... [--consult FROM:TO]... [--extend N]``.

Prints the §33 answer deadline and how it was counted. ``--consult`` is a consultation of a
third party or another agency (§32, §34): it pauses the clock for at most 15 working days,
and the output says where the cap cut it. Exit status 0, or 2 for a bad input or a
year without working-day data.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai.cli.main import EXIT_OK
from gongkai.core.errors import GongkaiError

if TYPE_CHECKING:  # the calendar is imported when the command runs, not at every start-up
    from gongkai.core.calendar.deadlines import ClockPause
    from gongkai.core.calendar.workdays import WorkCalendar

FORMATS = ("text", "json")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "deadline",
        help="计算依申请公开的答复期限（第三十三条）",
        description="按工作日计算答复期限：收到申请之日为第0日，不计入期限；"
        "征求意见等暂停期间的工作日顺延；延期不超过20个工作日。"
        "日期格式为YYYY-MM-DD。",
    )
    p.add_argument("received", metavar="RECEIVED_DATE", help="收到申请之日（第0日）")
    p.add_argument(
        "--pause",
        action="append",
        default=[],
        metavar="FROM:TO",
        help="暂停期间的首日和末日（两日均计为暂停），可重复",
    )
    p.add_argument(
        "--consult",
        action="append",
        default=[],
        metavar="FROM:TO",
        help="征求第三方或其他机关意见的首日和末日（第三十二条、第三十四条）：最多暂停15个工作日，"
        "超出部分不顺延，可重复",
    )
    p.add_argument("--extend", default="0", metavar="N", help="经批准延期的工作日数（0–20）")
    p.add_argument(
        "--restart",
        metavar="DATE",
        help="补正后收到申请之日：作为新的第0日重新计算（第三十条）",
    )
    p.add_argument(
        "--holidays",
        action="append",
        default=[],
        metavar="YEAR=FILE",
        help="软件包未收录年份的节假日安排（国务院办公厅通知），每行“日期[至日期] 休息|上班 说明”，"
        "例如 --holidays 2027=2027.txt；可重复",
    )
    p.add_argument("--format", default="text", metavar="text|json", help="输出格式")
    p.set_defaults(func=run)


def load_holidays(specs: list[str]) -> WorkCalendar | None:
    """A calendar with the given years' notices entered, or None for the package alone."""
    from gongkai.core.calendar.notice import parse_notice
    from gongkai.core.calendar.workdays import WorkCalendar

    if not specs:
        return None
    overrides: dict[date, tuple[bool, str]] = {}
    years: list[int] = []
    for spec in specs:
        year_text, sep, path = spec.partition("=")
        if not sep or not year_text.strip().isdigit():
            raise GongkaiError(f"--holidays “{spec}”应写作 年份=文件，例如2027=2027.txt")
        year = int(year_text)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GongkaiError(f"无法读取节假日安排文件“{path}”：{exc}") from None
        for day in parse_notice(text, year):
            overrides[day.day] = (day.is_workday, day.note)
        years.append(year)
    return WorkCalendar(overrides, known_years=years)


def parse_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise GongkaiError(f"{what}“{text}”不是有效日期，应为YYYY-MM-DD，例如2025-09-30") from None


def parse_pause(text: str, what: str = "暂停", reason: str = "征求意见") -> ClockPause:
    from gongkai.core.calendar.deadlines import ClockPause

    first, sep, last = text.partition(":")
    if not sep:
        raise GongkaiError(f"{what}期间“{text}”应写作 首日:末日，例如2025-10-10:2025-10-20")
    return ClockPause(parse_date(first, f"{what}首日"), parse_date(last, f"{what}末日"), reason)


def parse_consultation(text: str, calendar: WorkCalendar | None) -> ClockPause:
    """A consultation, cut to the consulted party's 15 working days (§32, §34)."""
    from gongkai.core.calendar.deadlines import CONSULTATION_REPLY_WD
    from gongkai.core.calendar.pauses import cap_consultation_pause

    pause = parse_pause(text, "征求意见", "征求第三方或其他机关意见")
    return cap_consultation_pause(pause, CONSULTATION_REPLY_WD, calendar)


def parse_extension(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise GongkaiError(f"延期天数“{text}”不是整数，应为0至20") from None


def run(args: argparse.Namespace) -> int:
    from gongkai.core.calendar.deadlines import ClockInput, compute_answer_deadline

    if args.format not in FORMATS:
        raise GongkaiError(f"输出格式“{args.format}”无效，应为text或json")
    calendar = load_holidays(args.holidays)
    clock = ClockInput(
        day0=parse_date(args.received, "收到申请之日"),
        pauses=[
            *(parse_pause(p) for p in args.pause),
            *(parse_consultation(c, calendar) for c in args.consult),
        ],
        extension_days=parse_extension(args.extend),
        restart_day0=parse_date(args.restart, "补正后收到申请之日") if args.restart else None,
    )
    result = compute_answer_deadline(clock, calendar)
    if args.format == "json":
        document = {
            "due_date": result.due_date.isoformat(),
            "steps": list(result.lines),
            "day0": result.day0.isoformat(),
            "total_working_days": result.total_working_days,
            "paused_working_days": result.paused_working_days,
            "extension_days": result.extension_days,
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(f"答复期限：{result.due_date.isoformat()}")
        print()
        for line in result.lines:
            print(f"  {line}")
    return EXIT_OK
