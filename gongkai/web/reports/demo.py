"""The demo's annual reports: last year's report of the demo bureau is signed off and
published in January as a punctual office would (so this year's draft has a report to be
checked against across years, and the product's own checks find nothing late or early in
it), this year's stays a draft.

Everything goes through the services: the placeholders the drafter leaves for what the
platform cannot count (supervision, problems of the year) are filled in with demo text, the
warnings are acknowledged, the office head signs off and publishes. If a source of the
tables is not installed yet, the report has blank cells, publication is refused by the
checks, and the demo leaves the report as a draft rather than inventing numbers.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.core.applications.roles import Role
from gongkai.core.errors import CalendarDataMissing, GongkaiError
from gongkai.core.reporting.drafting import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN
from gongkai.core.reporting.publication import readiness, warning_key
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.applications.config import work_calendar
from gongkai.web.kernel.demo_cast import BUREAU
from gongkai.web.reports import services
from gongkai.web.reports.builder import assemble
from gongkai.web.reports.transitions import draft_for

log = logging.getLogger("gongkai.reports")

# Demo text for each kind of placeholder, found by a word of its prompt.
DEMO_TEXT = (
    ("政府信息管理", "严格执行信息发布前保密审查制度，公文拟制时同步界定公开属性。"),
    ("平台建设", "依托县政府门户网站政府信息公开专栏和“清河公安”微信公众号发布信息。"),
    ("监督保障", "本机关将政府信息公开工作纳入年度绩效考核，定期开展业务培训和网站检查。"),
    (
        "主要问题",
        "（一）存在的主要问题。政策解读形式较为单一。\n（二）改进措施。丰富图表、视频等解读形式。",
    ),
    ("信息处理费", "本年度未收取信息处理费。"),
)


def _filled(text: str) -> str:
    """Each 【待补充：…】 of the drafted text replaced by the demo's text for that prompt."""
    while PLACEHOLDER_OPEN in text:
        start = text.index(PLACEHOLDER_OPEN)
        end = text.index(PLACEHOLDER_CLOSE, start) + len(PLACEHOLDER_CLOSE)
        prompt = text[start:end]
        fill = next((t for word, t in DEMO_TEXT if word in prompt), "本年度无此项情况。")
        text = text[:start] + fill + text[end:]
    return text


def _user(agency: Agency, role: Role) -> object:
    membership = Membership.objects.filter(agency=agency, role=role.value).first()
    return get_user_model().objects.get(pk=membership.user_id) if membership else None


def publication_days(year: int) -> tuple[date, date]:
    """The days the demo bureau signs off and publishes its report on ``year``: published on
    the first working day from 15 January (a department's report is due by 31 January,
    §49, and the Spring Festival can begin in late January), signed off the working day
    before."""
    published = _workday_on_or_after(date(year + 1, 1, 15))
    signed = published - timedelta(days=1)
    while not _is_workday(signed):
        signed -= timedelta(days=1)
    return signed, published


def _is_workday(day: date) -> bool:
    try:
        return work_calendar().is_workday(day)
    except CalendarDataMissing:  # a January nobody has entered: Monday to Friday
        return day.weekday() < 5


def _workday_on_or_after(day: date) -> date:
    while not _is_workday(day):
        day += timedelta(days=1)
    return day


def _acknowledge(agency: Agency, year: int, days: list[date]) -> None:
    """The handler acknowledges the warnings the report gives as dated on ``days`` (those
    still current today: the service accepts no other)."""
    handler = _user(agency, Role.HANDLER)

    def warnings(day: date) -> set[str]:
        findings = assemble(agency, year, on=day).report.findings
        return {warning_key(f) for f in readiness(findings, []).warnings}

    keys = set().union(*(warnings(day) for day in days)) & warnings(timezone.localdate())
    if keys:
        services.acknowledge_warnings(handler, agency, year, sorted(keys), "演示数据")  # type: ignore[arg-type]


def prepare_demo_report(agency: Agency, year: int, today: date) -> str:
    """Take the report on ``year`` as far as ``today`` allows; return how far: "drafted"
    (text written, warnings acknowledged: awaiting the office head's sign-off), "signed"
    (awaiting publication) or "published". Refused by the checks (a source of the tables
    missing), it stays a draft and the refusal is logged."""
    handler, head = _user(agency, Role.HANDLER), _user(agency, Role.OFFICE_HEAD)
    signed, published = publication_days(year)
    built = assemble(agency, year, on=min(published, today))
    texts = {s.key or "": _filled(s.text) for s in built.report.sections}
    services.edit_sections(handler, agency, year, texts)  # type: ignore[arg-type]
    _acknowledge(agency, year, [d for d in (signed, published) if d <= today] or [today])
    try:
        if today < signed:
            return "drafted"
        services.sign_off(head, agency, year, on=signed)  # type: ignore[arg-type]
        if today < published:
            return "signed"
        services.publish(head, agency, year, on=published)  # type: ignore[arg-type]
    except GongkaiError as refused:
        log.warning("演示：%s年度报告未能发布，保留为草稿：%s", year, refused)
        return "drafted"
    return "published"


def load_demo(today: date) -> None:
    """Last year's report: published in mid-January (``publication_days``); on the days of
    January before that it is drafted and awaits the office head's sign-off, then signed
    and awaits publication — on time either way, as its deadline is 31 January. This year's
    report is the draft the tables grow in."""
    bureau = Agency.objects.get(name=BUREAU)
    prepare_demo_report(bureau, today.year - 1, today)
    draft_for(bureau, today.year)
