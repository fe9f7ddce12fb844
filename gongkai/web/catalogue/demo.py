"""Demo data for 清河县公安局: a catalogue over last year and this year in every review state,
normative documents with a life cycle, new-media accounts, and business figures imported the
way an office would (a CSV through the import service), so ``table2_for`` gives a plausible
表二. Everything goes through the services, like real work.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from gongkai.core.applications.roles import Role
from gongkai.core.catalogue.attributes import DisclosureAttribute, WithholdReason
from gongkai.core.catalogue.normative import DocumentKind
from gongkai.core.errors import CalendarDataMissing
from gongkai.web.agencies.models import Agency
from gongkai.web.catalogue import records, services
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.services import ItemFields
from gongkai.web.kernel.calendar import work_calendar

BUREAU = "清河县公安局"

# (title, category, summary, channels)
ITEMS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "关于春节期间烟花爆竹禁限放管理的通告",
        "a21-public-order",
        "划定城区禁放区域和时段，明确违法燃放的处罚依据。",
        ("website", "new_media"),
    ),
    (
        "清河县公安局机构职能及内设机构设置",
        "a20-02",
        "本局主要职能、内设机构、办公地址、办公时间和联系电话。",
        ("website",),
    ),
    (
        "户籍业务办理指南（户口迁移）",
        "a21-household",
        "户口迁入、迁出的条件、材料、流程和办理时限。",
        ("website", "notice_board"),
    ),
    (
        "居民身份证办理须知",
        "a20-05",
        "首次申领、换领、补领居民身份证的依据、条件和程序。",
        ("website", "new_media"),
    ),
    (
        "行政处罚裁量基准（治安管理类）",
        "a20-06",
        "治安管理处罚的裁量幅度和适用情形。",
        ("website",),
    ),
    (
        "道路交通安全违法行为处理程序说明",
        "a21-traffic",
        "交通违法处理的依据、程序及当事人权利。",
        ("website", "new_media"),
    ),
    ("部门预算公开说明", "a20-07", "本年度部门收支预算总表及“三公”经费预算。", ("website",)),
    ("部门决算公开说明", "a20-07", "上年度部门决算及“三公”经费支出情况。", ("website",)),
    (
        "行政事业性收费项目及标准",
        "a20-08",
        "证件工本费等收费项目、依据和标准。",
        ("website", "reading_room"),
    ),
    (
        "政府采购意向公开（执法记录仪采购）",
        "a20-09",
        "采购项目名称、预算金额和预计采购时间。",
        ("website",),
    ),
    (
        "电信网络诈骗预警信息",
        "a20-12",
        "近期高发的冒充客服、刷单返利诈骗手法及防范提示。",
        ("website", "new_media"),
    ),
    (
        "交通事故统计分析报告",
        "a20-04",
        "上年度道路交通事故起数、伤亡及主要成因分析。",
        ("website",),
    ),
    (
        "公安机关人民警察招录职位表",
        "a20-14",
        "职位、名额、报考条件和报名方式。",
        ("website", "new_media"),
    ),
    (
        "有一定社会影响的行政处罚决定公示",
        "a20-06",
        "对非法经营娱乐场所的行政处罚决定。",
        ("website",),
    ),
    (
        "无犯罪记录证明开具流程",
        "a20-05",
        "申请条件、所需材料和办理时限。",
        ("website", "notice_board"),
    ),
    ("夏季治安巡逻防控工作动态", "other-news", "夏季夜间巡逻防控的部署与成效。", ("new_media",)),
    (
        "《清河县养犬管理规定》政策解读",
        "other-interpretation",
        "解读养犬登记、文明养犬和违规处理条款。",
        ("website", "new_media"),
    ),
    (
        "校园周边交通秩序整治通告",
        "a21-traffic",
        "上下学时段校园周边临时交通管制措施。",
        ("website", "new_media"),
    ),
    ("出入境证件办理须知", "a20-05", "护照、往来港澳通行证的申请条件和程序。", ("website",)),
    (
        "重点时段治安管理公告",
        "a21-public-order",
        "重大活动期间的安全管理措施和禁止事项。",
        ("website", "press"),
    ),
)

DOCUMENTS = (
    # (years before last year, month, title, number suffix, repealed in last year?)
    (3, 4, "清河县养犬管理规定", "〔{y}〕1号", False),
    (2, 9, "清河县犬只收容管理办法", "〔{y}〕2号", True),
    (1, 6, "清河县大型群众性活动安全管理实施细则", "〔{y}〕1号", False),
)


def _user(username: str) -> AbstractBaseUser:
    return get_user_model().objects.get(username=username)


def _workday(day: date) -> date:
    try:
        cal = work_calendar()
        while not cal.is_workday(day):
            day += timedelta(days=1)
    except CalendarDataMissing:
        while day.weekday() >= 5:
            day += timedelta(days=1)
    return day


def load_demo(today: date) -> None:
    bureau = Agency.objects.filter(name=BUREAU).first()
    if bureau is None:
        return
    rng = random.Random(2026)
    _documents(bureau, today)
    _items(bureau, today, rng)
    _new_media(bureau, today)
    _business_figures(bureau, today)


def _documents(bureau: Agency, today: date) -> None:
    clerk = _user("chengban")
    last = today.year - 1
    for back, month, title, suffix, repealed in DOCUMENTS:
        year = last - back
        doc = records.issue_document(
            clerk,
            bureau,
            kind=DocumentKind.NORMATIVE,
            title=title,
            document_number="清公规" + suffix.format(y=year),
            issued_on=date(year, month, 10),
        )
        if repealed:
            records.repeal_document(
                _user("fuzeren"),
                doc.pk,
                on=date(last, 8, 20),
                note=f"被清公规〔{last}〕2号废止",
            )
    for number, month, title in (
        (1, 3, "清河县电动自行车登记管理办法"),
        (2, 8, "清河县犬只收容管理办法（修订）"),
    ):
        records.issue_document(
            clerk,
            bureau,
            kind=DocumentKind.NORMATIVE,
            title=title,
            document_number=f"清公规〔{last}〕{number}号",
            issued_on=date(last, month, 12),
        )
    this_year = date(today.year, 1, 20)
    if this_year < today:
        records.issue_document(
            clerk,
            bureau,
            kind=DocumentKind.NORMATIVE,
            title="清河县网约房治安管理规定",
            document_number=f"清公规〔{today.year}〕1号",
            issued_on=this_year,
        )


def _items(bureau: Agency, today: date, rng: random.Random) -> None:
    drafter, reviewer, head = _user("chengban"), _user("shenhe"), _user("fuzeren")
    by_role = ((Role.HANDLER, drafter), (Role.REVIEWER, reviewer), (Role.OFFICE_HEAD, head))
    pipeline = catalogue_rules().pipeline
    start = date(today.year - 1, 1, 6)
    span = (today - start).days - 10
    total = len(ITEMS) * 2
    for n, (title, category, summary, channels) in enumerate(ITEMS * 2):
        fresh = n - (total - 3)  # the last three stay open: draft, submitted, after 初审
        day = _workday(
            today - timedelta(days=14 - 3 * fresh)
            if fresh >= 0
            else start + timedelta(days=span * n // total)
        )
        suffix = "" if n < len(ITEMS) else f"（{day.year}年更新）"
        item = services.draft_item(
            drafter,
            bureau,
            ItemFields(
                title=title + suffix,
                category=category,
                attribute=DisclosureAttribute.PROACTIVE,
                generated_on=day,
                formed_on=day,
                summary=summary,
                body=f"{summary}\n\n（{BUREAU}，{day:%Y年%m月%d日}）",
                document_number=f"清公通〔{day.year}〕{n + 1}号" if n % 3 == 0 else "",
                channels=channels,
            ),
        )
        steps_day = min(day + timedelta(days=rng.randint(2, 12)), today)
        if fresh == 0:
            continue
        services.submit(drafter, item.pk, on=steps_day)
        if fresh == 1:
            continue
        if fresh == 2:
            services.review(drafter, item.pk, step="first", passed=True, on=steps_day)
            continue
        if n % 11 == 5:
            services.review(drafter, item.pk, step="first", passed=True, on=steps_day)
            services.review(
                reviewer, item.pk, step="second", passed=False, on=steps_day,
                note="内容概述未写明适用范围，请补充后重新提交",
            )  # fmt: skip
            services.submit(drafter, item.pk, on=steps_day)
        for step in pipeline.steps:
            actor = next(user for role, user in by_role if role in step.roles)
            services.review(actor, item.pk, step=step.key, passed=True, on=steps_day)
        services.publish(drafter, item.pk, on=steps_day)
    _not_public(bureau, today, drafter, reviewer)


WITHHELD = DisclosureAttribute.WITHHELD


def _days_ago(today: date, days: int) -> date:
    return _workday(today - timedelta(days=days))


def _not_public(
    bureau: Agency, today: date, drafter: AbstractBaseUser, reviewer: AbstractBaseUser
) -> None:
    old = _workday(date(today.year - 1, 2, 10))
    cases = (
        ("局党委会议纪要（第3次）", WITHHELD, WithholdReason.INTERNAL_AFFAIRS, old),
        ("重大案件侦办工作请示", WITHHELD, WithholdReason.PROCESS_INFO, _days_ago(today, 60)),
        (
            "辖区重点单位安全检查记录汇编",
            DisclosureAttribute.ON_REQUEST,
            None,
            _days_ago(today, 90),
        ),
    )
    for title, attribute, reason, day in cases:
        if day > today:
            continue
        item = services.draft_item(
            drafter,
            bureau,
            ItemFields(
                title=title,
                category="other",
                attribute=attribute,
                generated_on=day,
                formed_on=day,
                withhold_reason=reason,
                attribute_note="公文拟制时同步界定",
            ),
        )
        services.record_not_public(reviewer, item.pk, on=day)


def _new_media(bureau: Agency, today: date) -> None:
    clerk = _user("chengban")
    last = today.year - 1
    for platform, name, posts in (
        ("wechat", "清河公安", 412),
        ("weibo", "清河警方在线", 1036),
        ("douyin", "清河警方", 158),
    ):
        account = records.save_account(
            clerk,
            bureau,
            {
                "platform": platform,
                "name": name,
                "operator": "清河县公安局政治处",
                "state": "active",
            },
        )
        records.set_posts(clerk, account.pk, year=last, posts=posts)


def _business_figures(bureau: Agency, today: date) -> None:
    last = today.year - 1
    csv = (
        "年度,类别,处理决定数量,收费金额（元）,来源系统\n"
        f"{last},行政许可,8614,,人口管理信息系统\n"
        f"{last},行政许可,761,,出入境管理系统\n"
        f"{last},行政处罚,1236,,执法办案系统\n"
        f"{last},行政强制,382,,执法办案系统\n"
        f"{last},行政事业性收费,,642623.40,非税收入管理系统\n"
    )
    clerk = _user("chengban")
    batch, _ = records.stage_import(
        clerk, bureau, year=last, filename=f"{last}年业务数据.csv", data=csv.encode("utf-8")
    )
    if batch is not None:
        records.commit_import(clerk, batch.pk)
