"""The demo's annual reports: last year's report of the demo bureau is published (so this
year's draft has a report to be checked against across years), this year's stays a draft.

Everything goes through the services: the placeholders the drafter leaves for what the
platform cannot count (supervision, problems of the year) are filled in with demo text, the
warnings are acknowledged, the office head signs off and publishes. If a source of the
tables is not installed yet, the report has blank cells, publication is refused by the
checks, and the demo leaves the report as a draft rather than inventing numbers.
"""

from __future__ import annotations

import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.core.applications.roles import Role
from gongkai.core.errors import GongkaiError
from gongkai.core.reporting.drafting import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN
from gongkai.core.reporting.publication import readiness, warning_key
from gongkai.web.agencies.models import Agency, Membership
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


def publish_demo_report(agency: Agency, year: int, on: date) -> bool:
    handler, head = _user(agency, Role.HANDLER), _user(agency, Role.OFFICE_HEAD)
    built = assemble(agency, year, on=on)
    texts = {s.key or "": _filled(s.text) for s in built.report.sections}
    services.edit_sections(handler, agency, year, texts)  # type: ignore[arg-type]
    # Warnings as of the publication date and as of today (the sign-off's date).
    keys = [
        warning_key(f)
        for day in dict.fromkeys((on, timezone.localdate()))
        for f in readiness(assemble(agency, year, on=day).report.findings, []).warnings
    ]
    if keys:
        services.acknowledge_warnings(handler, agency, year, sorted(set(keys)), "演示数据")  # type: ignore[arg-type]
    try:
        services.sign_off(head, agency, year)  # type: ignore[arg-type]
        services.publish(head, agency, year, on=on)  # type: ignore[arg-type]
    except GongkaiError as refused:
        log.warning("演示：%s年度报告未能发布，保留为草稿：%s", year, refused)
        return False
    return True


def load_demo(today: date) -> None:
    from gongkai.web.demo import BUREAU

    bureau = Agency.objects.get(name=BUREAU)
    last_year = today.year - 1
    on = min(date(last_year + 1, 1, 20), today)
    publish_demo_report(bureau, last_year, on)
    draft_for(bureau, today.year)
