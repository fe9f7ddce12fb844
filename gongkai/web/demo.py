"""The demo agency: a county 公安局 under its county government office, one user per role,
and a year of applications produced by the service functions (never by setting a status),
so the demo exercises the same guards and audit trail as real work.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel, needs_confirmation
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.errors import CalendarDataMissing
from gongkai.web.agencies.models import Agency, Membership, Unit
from gongkai.web.applications import services
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application

GOVERNMENT_OFFICE = "清河县人民政府办公室"
BUREAU = "清河县公安局"
# Fictitious 统一社会信用代码 in the 机关 range (11…), valid check digits.
OFFICE_CODE = "111305340000000014"
BUREAU_CODE = "111305340000000027"

# username, full name, agency, role, password: printed by `gongkai serve`, documented in
# docs/platform.md. Demo-only accounts; a real installation creates its own users.
DEMO_USERS: tuple[tuple[str, str, str, Role, str], ...] = (
    ("dengji", "王登记", BUREAU, Role.REGISTRAR, "dengji-demo-2026"),
    ("chengban", "李承办", BUREAU, Role.HANDLER, "chengban-demo-2026"),
    ("shenhe", "张审核", BUREAU, Role.REVIEWER, "shenhe-demo-2026"),
    ("fuzeren", "赵负责", BUREAU, Role.OFFICE_HEAD, "fuzeren-demo-2026"),
    ("guanli", "刘管理", BUREAU, Role.ADMINISTRATOR, "guanli-demo-2026"),
    ("jiandu", "陈监督", GOVERNMENT_OFFICE, Role.SUPERVISOR, "jiandu-demo-2026"),
)

REQUESTS = (
    "2025年度本局行政处罚案件数量统计",
    "本人户籍迁移审批的相关材料",
    "清河县城区道路交通信号灯设置方案",
    "本局2025年部门预算及“三公”经费使用情况",
    "某小区周边治安监控设施建设的招标文件",
    "本人驾驶证记分记录及处理依据",
    "县看守所建设项目的环境影响评价文件",
    "本局内部会议纪要（2025年第3次局务会）",
    "2024年度交通事故统计分析报告",
    "本公司涉及的行政处罚决定书",
)
NAMES = ("周某", "吴某", "郑某", "孙某", "钱某", "冯某", "陈某", "褚某", "卫某", "蒋某")
ORGS = {
    ApplicantType.COMMERCIAL_ENTERPRISE: "清河县某商贸有限公司",
    ApplicantType.LEGAL_SERVICE_ORG: "某律师事务所",
    ApplicantType.RESEARCH_INSTITUTION: "某大学法学院",
    ApplicantType.SOCIAL_WELFARE_ORG: "某公益基金会",
    ApplicantType.OTHER_ORG: "某村民委员会",
}
Step = Callable[[date], object]


def demo_present() -> bool:
    return Agency.objects.filter(name=BUREAU).exists()


@transaction.atomic
def create_demo_agency() -> dict[Role, AbstractBaseUser]:
    office = Agency.objects.create(
        name=GOVERNMENT_OFFICE, code=OFFICE_CODE, kind=Agency.Kind.GOVERNMENT_OFFICE
    )
    bureau = Agency.objects.create(
        name=BUREAU,
        code=BUREAU_CODE,
        kind=Agency.Kind.DEPARTMENT,
        supervisor=office,
        address="清河县人民路1号",
        phone="0000-1234567",
    )
    unit = Unit.objects.create(agency=bureau, name="办公室（政府信息公开工作机构）")
    Unit.objects.create(agency=bureau, name="法制大队")
    agencies = {office.name: office, bureau.name: bureau}
    users: dict[Role, AbstractBaseUser] = {}
    for username, full_name, agency_name, role, password in DEMO_USERS:
        user = get_user_model().objects.create_user(
            username=username,
            password=password,
            first_name=full_name,
            is_staff=role is Role.ADMINISTRATOR,
            is_superuser=role is Role.ADMINISTRATOR,
        )
        agency = agencies[agency_name]
        Membership.objects.create(
            user=user, agency=agency, role=role.value, unit=unit if agency == bureau else None
        )
        users[role] = user
    return users


def load_demo(seed: int = 2026, count: int = 48, today: date | None = None) -> int:
    """Create the demo agency and ``count`` applications over the past year; return count."""
    users = create_demo_agency()
    bureau = Agency.objects.get(name=BUREAU)
    today = today or timezone.localdate()
    rng = random.Random(seed)
    calendar = work_calendar()
    first = today - timedelta(days=365)
    for _ in range(count):
        arrival = calendar.add_working_days(first + timedelta(days=rng.randrange(360)), 0)
        while not calendar.is_workday(arrival):
            arrival += timedelta(days=1)
        if arrival > today:
            continue
        _one_case(rng, users, bureau, arrival, today)
    _load_app_demos(today)
    return Application.objects.filter(agency=bureau).count()


def _load_app_demos(today: date) -> None:
    """Let each platform app add its part of the demo (catalogue, fees, reports, …).

    An app takes part by defining ``load_demo(today)`` in its ``demo`` module; they run in
    ``INSTALLED_APPS`` order, after the applications above exist.
    """
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.web.") or config.label == "applications":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as missing:
            if missing.name != f"{config.name}.demo":
                raise
            continue
        module.load_demo(today=today)


def _one_case(
    rng: random.Random,
    users: dict[Role, AbstractBaseUser],
    bureau: Agency,
    arrival: date,
    today: date,
) -> None:
    channel = rng.choice(list(Channel))
    kind = rng.choices(list(ApplicantType), weights=(70, 8, 3, 2, 12, 5))[0]
    name = rng.choice(NAMES) if kind is ApplicantType.NATURAL_PERSON else ORGS[kind]
    at = timezone.make_aware(datetime.combine(arrival, time(10, rng.randrange(60))))
    app = services.register(
        users[Role.REGISTRAR],
        bureau,
        channel=channel,
        arrived_at=at,
        applicant_type=kind,
        applicant_name=name,
        description=rng.choice(REQUESTS),
        contact_phone="138" + "".join(rng.choice("0123456789") for _ in range(8)),
    )
    handler, reviewer, head = users[Role.HANDLER], users[Role.REVIEWER], users[Role.OFFICE_HEAD]
    pk = app.pk
    steps: list[tuple[int, Step]] = []
    if needs_confirmation(channel):
        steps.append(
            (
                rng.choice((0, 0, 1)),
                lambda d: services.confirm_receipt(
                    users[Role.REGISTRAR], pk, on=d, method="电话确认"
                ),
            )
        )
    scenario = rng.choices(
        ("grant", "deny", "supplement", "lapse", "consult", "extend", "withdraw", "not_held"),
        weights=(30, 10, 8, 4, 6, 6, 3, 12),
    )[0]
    if scenario in ("supplement", "lapse"):
        steps.append(
            (
                rng.randint(1, 5),
                lambda d: services.request_supplement(
                    handler, pk, on=d, items="请明确所需信息的时间范围和文件名称"
                ),
            )
        )
        if scenario == "lapse":
            steps.append((16, lambda d: services.lapse_supplement(handler, pk, on=d)))
        else:
            steps.append(
                (rng.randint(2, 10), lambda d: services.receive_supplement(handler, pk, on=d))
            )
    if scenario == "consult":
        steps.append(
            (
                rng.randint(2, 6),
                lambda d: services.start_consultation(
                    handler, pk, on=d, party="third_party", party_name="某建设工程有限公司"
                ),
            )
        )
        steps.append(
            (
                rng.randint(5, 15),
                lambda d: services.finish_consultation(
                    handler, pk, on=d, reply="不同意公开，涉及商业秘密"
                ),
            )
        )
    if scenario == "extend":
        steps.append(
            (
                rng.randint(12, 18),
                lambda d: services.approve_extension(
                    head, pk, on=d, days=15, reason="涉及信息量大，需调取多个大队档案"
                ),
            )
        )
    if scenario == "withdraw":
        steps.append(
            (
                rng.randint(1, 8),
                lambda d: services.withdraw(users[Role.REGISTRAR], pk, on=d, note="申请人书面撤回"),
            )
        )
    else:
        outcome, reasons = {
            "deny": (Outcome.DENIED_PROCESS, "属于过程性信息，依据《条例》第十六条第二款不予公开"),
            "consult": (
                Outcome.DENIED_THIRD_PARTY,
                "第三方不同意公开且理由合理，依据第十五条、第三十二条",
            ),
            "not_held": (Outcome.NOT_EXIST, ""),
            "supplement": (Outcome.STILL_UNCLEAR, ""),
        }.get(scenario, (Outcome.GRANTED, ""))
        if scenario != "lapse":
            steps.append(
                (
                    rng.randint(3, 14),
                    lambda d: services.decide(reviewer, pk, on=d, outcome=outcome, reasons=reasons),
                )
            )
            steps.append((rng.randint(1, 3), lambda d: services.issue(handler, pk, on=d)))
    _run_steps(steps, arrival, today)


def _run_steps(steps: list[tuple[int, Step]], start: date, today: date) -> None:
    """Take each step after its working-day delay, stopping at today: recent cases stay open."""
    calendar = work_calendar()
    day = start
    for delay, step in steps:
        try:
            day = calendar.add_working_days(day, delay)
        except CalendarDataMissing:
            return
        if day > today:
            return
        step(day)
