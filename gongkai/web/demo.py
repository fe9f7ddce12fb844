"""The demo agency: a county 公安局 under its county government office, one user per role,
and a year of applications produced by the service functions (never by setting a status),
so the demo exercises the same guards and audit trail as real work.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from time import monotonic

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import INTAKE_CHANNELS, IntakeForm, needs_confirmation
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.calendar.workdays import WorkCalendar
from gongkai.core.errors import CalendarDataMissing
from gongkai.web.agencies.models import Agency, Membership, Unit
from gongkai.web.applications import services
from gongkai.web.applications.config import procedure_rules, work_calendar
from gongkai.web.applications.letter_files import deferred_letter_files
from gongkai.web.applications.models import Application
from gongkai.web.applications.queue import CLOCK_RUNNING
from gongkai.web.kernel.demo_cast import (  # the cast is shared with the apps' demo parts
    BUREAU,
    BUREAU_CODE,
    DEMO_USERS,
    GOVERNMENT_OFFICE,
    OFFICE_CODE,
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
UNITS = ("法制大队", "交通管理大队", "治安管理大队")
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
    for name in UNITS:
        Unit.objects.create(agency=bureau, name=name)
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


def demo_day(today: date | None = None) -> date:
    """The day the demo is built as of: today. Its cases run over the past year, so only an
    installation whose working-day calendar knows neither this year nor last (nobody has
    entered this year's State Council notice; the demo never guesses it) gets a demo built
    as of the last day of the latest year the calendar knows. A year after today that is
    not known yet is no obstacle: a step whose clock would reach it is simply not taken
    (the demo stops where the calendar stops, as real work has to)."""
    calendar = work_calendar()
    day = today or timezone.localdate()
    while day.year > 2008 and not (
        calendar.covers_year(day.year) and calendar.covers_year(day.year - 1)
    ):
        day = date(day.year - 1, 12, 31)
    return day


def load_demo(
    seed: int = 2026,
    count: int = 48,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Create the demo agency and ``count`` applications over the year up to
    ``demo_day(today)``; return how many the demo agency holds. ``progress`` receives a line
    as each stage is done."""
    started = monotonic()

    def done(stage: str) -> None:
        if progress is not None:
            progress(f"{stage}（{monotonic() - started:.1f} 秒）")

    users = create_demo_agency()
    done("演示机关、内设机构与用户")
    bureau = Agency.objects.get(name=BUREAU)
    today = demo_day(today)
    rng = random.Random(seed)
    calendar = work_calendar()
    first = today - timedelta(days=365)
    # Letters (fee notices included) are rendered when first downloaded: dozens of PDFs would
    # slow the first start (their text, numbers and audit trail are stored as in real work).
    with deferred_letter_files():
        for _ in range(count):
            arrival = calendar.add_working_days(first + timedelta(days=rng.randrange(360)), 0)
            while not calendar.is_workday(arrival):
                arrival += timedelta(days=1)
            if arrival > today:
                continue
            _one_case(rng, users, bureau, arrival, today)
        done(f"一年的依申请公开案件（{Application.objects.filter(agency=bureau).count()}件）")
        _showcase(rng, users, bureau, today)
        done("各办理状态的近期案件")
        _corrections(users, bureau, today)
        done("更正申请（第四十一条）")
        _load_app_demos(today, done)
    return Application.objects.filter(agency=bureau).count()


def _corrections(users: dict[Role, AbstractBaseUser], bureau: Agency, today: date) -> None:
    """Two §41 更正 requests: one forwarded to the competent organ, one awaiting a decision."""
    from gongkai.web.applications.correcting import decide_correction, register_correction

    facts = {
        "applicant_type": ApplicantType.NATURAL_PERSON.value,
        "contact": "13900000000",
        "requested": "姓名应为“张晓明”",
        "evidence": "居民身份证复印件",
    }
    forwarded = register_correction(
        users[Role.REGISTRAR],
        bureau,
        arrived_on=today - timedelta(days=20),
        applicant_name="张晓明",
        record="本局公开的2024年度行政处罚决定信息中当事人姓名记为“张小明”",
        **facts,
    )
    decide_correction(
        users[Role.HANDLER],
        forwarded.pk,
        on=today - timedelta(days=13),
        decision="forwarded",
        competent_agency="清河县市场监督管理局",
        reasons="该处罚决定由市场监督管理部门作出",
    )
    register_correction(
        users[Role.REGISTRAR],
        bureau,
        arrived_on=today - timedelta(days=2),
        applicant_name="王丽",
        record="本局公开的户籍办理结果公示中申请人出生日期记为1990年5月1日",
        **{**facts, "requested": "出生日期应为1990年5月11日"},
    )


def _load_app_demos(today: date, done: Callable[[str], None]) -> None:
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
        done(f"{config.verbose_name}")


SCENARIOS = (
    "grant",
    "deny",
    "supplement",
    "lapse",
    "consult",
    "extend",
    "withdraw",
    "not_held",
    "assign",
    "published",
    "referral",
    "partial",
)
WEIGHTS = (24, 8, 7, 4, 6, 5, 3, 10, 8, 5, 5, 4)
DECISIONS: dict[str, tuple[Outcome, str, dict[str, str]]] = {
    "deny": (Outcome.DENIED_PROCESS, "属于内部讨论的过程稿，尚未形成正式文件", {}),
    "consult": (Outcome.DENIED_THIRD_PARTY, "第三方不同意公开且理由合理，涉及商业秘密", {}),
    "not_held": (Outcome.NOT_EXIST, "", {}),
    "supplement": (Outcome.STILL_UNCLEAR, "", {}),
    "published": (
        Outcome.ALREADY_PUBLIC,
        "",
        {"details": "该信息已在清河县人民政府门户网站“政府信息公开—清河县公安局”栏目公开"},
    ),
    "referral": (
        Outcome.NOT_THIS_AGENCY,
        "所申请信息由交通运输部门制作并保存",
        {"referral": "清河县交通运输局（地址：清河县建设路8号，电话0000-2345678）"},
    ),
    "partial": (
        Outcome.PARTIAL,
        "其中涉及个人信息的部分依法不予公开",
        {"withheld_ground": Outcome.DENIED_THIRD_PARTY.value},
    ),
}


def _register(
    rng: random.Random,
    users: dict[Role, AbstractBaseUser],
    bureau: Agency,
    arrival: date,
    form: IntakeForm | None = None,
) -> Application:
    form = form or rng.choice(list(IntakeForm))
    channel = INTAKE_CHANNELS[form]
    kind = rng.choices(list(ApplicantType), weights=(70, 8, 3, 2, 12, 5))[0]
    name = rng.choice(NAMES) if kind is ApplicantType.NATURAL_PERSON else ORGS[kind]
    records: dict[str, object] = {"intake_form": form.value}
    if form is IntakeForm.ORAL:
        records |= {"transcribed_by": "王登记", "transcript_confirmed": True}
    elif form is IntakeForm.MAIL_SIGNED:
        records["tracking_number"] = f"EA{rng.randrange(10**8, 10**9)}CN"
    elif form in (IntakeForm.FAX, IntakeForm.EMAIL):
        records["sender_address"] = "0000-7654321" if form is IntakeForm.FAX else "demo@example.cn"
    at = timezone.make_aware(datetime.combine(arrival, time(10, rng.randrange(60))))
    return services.register(
        users[Role.REGISTRAR],
        bureau,
        channel=channel,
        arrived_at=at,
        applicant_type=kind,
        applicant_name=name,
        description=rng.choice(REQUESTS),
        id_document="居民身份证 1305341990" + "".join(rng.choice("0123456789") for _ in range(8)),
        contact_phone="138" + "".join(rng.choice("0123456789") for _ in range(8)),
        **records,
    )


def _one_case(
    rng: random.Random,
    users: dict[Role, AbstractBaseUser],
    bureau: Agency,
    arrival: date,
    today: date,
    scenario: str | None = None,
) -> Application:
    app = _register(rng, users, bureau, arrival)
    steps = _case_steps(rng, users, bureau, app, scenario or rng.choices(SCENARIOS, WEIGHTS)[0])
    _run_steps(steps, arrival, today, app.pk)
    return app


def _case_steps(
    rng: random.Random,
    users: dict[Role, AbstractBaseUser],
    bureau: Agency,
    app: Application,
    scenario: str,
) -> list[tuple[int, Step]]:
    registrar, handler, head = users[Role.REGISTRAR], users[Role.HANDLER], users[Role.OFFICE_HEAD]
    pk = app.pk
    steps: list[tuple[int, Step]] = []
    if needs_confirmation(app.channel_enum):
        steps.append(
            (
                rng.choice((0, 0, 1)),
                lambda d: services.confirm_receipt(registrar, pk, on=d, method="电话确认"),
            )
        )
    if scenario != "withdraw":
        conclusion = {"supplement": "unclear", "lapse": "unclear", "consult": "third_party"}
        steps.append(
            (
                1,
                lambda d: services.review(
                    handler, pk, on=d, conclusion=conclusion.get(scenario, "clear")
                ),
            )
        )
    if scenario in ("supplement", "lapse"):
        steps.append(
            (
                rng.randint(1, 4),
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
        steps += _consultation_steps(rng, handler, pk)
    if scenario == "assign":
        unit = Unit.objects.get(agency=bureau, name=rng.choice(UNITS))
        steps.append(
            (
                1,
                lambda d: services.assign(
                    handler, pk, on=d, unit_id=unit.pk, instructions="请检索并提供所申请的信息"
                ),
            )
        )
        steps.append(
            (
                rng.randint(2, 6),
                lambda d: services.record_feedback(
                    handler, pk, on=d, result="held", feedback="已检索到相关文件，见附件"
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
                lambda d: services.withdraw(registrar, pk, on=d, note="申请人书面撤回"),
            )
        )
    elif scenario != "lapse":
        steps += _reply_steps(rng, users, pk, scenario)
    if scenario in ("lapse", "withdraw") and rng.random() < 0.5:
        steps.append((rng.randint(3, 10), lambda d: services.archive(registrar, pk, on=d)))
    return steps


def _consultation_steps(
    rng: random.Random, handler: AbstractBaseUser, pk: int
) -> list[tuple[int, Step]]:
    sent = {"day": date.min}

    def start(d: date) -> object:
        sent["day"] = d
        return services.start_consultation(
            handler,
            pk,
            on=d,
            party="third_party",
            party_name="某建设工程有限公司",
            matter="该公司投标文件中的报价及技术方案",
        )

    def finish(d: date) -> object:
        return services.finish_consultation(
            handler,
            pk,
            on=d,
            delivered_on=max(sent["day"], d - timedelta(days=3)),
            reply="不同意公开，涉及商业秘密",
            result="objection",
        )

    return [(rng.randint(2, 6), start), (rng.randint(5, 15), finish)]


def _reply_steps(
    rng: random.Random, users: dict[Role, AbstractBaseUser], pk: int, scenario: str
) -> list[tuple[int, Step]]:
    registrar, handler, reviewer = users[Role.REGISTRAR], users[Role.HANDLER], users[Role.REVIEWER]
    outcome, reasons, extra = DECISIONS.get(scenario, (Outcome.GRANTED, "", {}))
    steps: list[tuple[int, Step]] = [
        (
            rng.randint(3, 14),
            lambda d: services.decide(
                reviewer, pk, on=d, outcome=outcome, reasons=reasons, **extra
            ),
        ),
        (rng.randint(1, 3), lambda d: services.issue(handler, pk, on=d)),
    ]
    if rng.random() < 0.85:
        method, proof = rng.choice(
            (("mail", "EMS回执"), ("direct", "申请人当场签收"), ("email", "电子邮件已读回执"))
        )
        steps.append(
            (
                rng.randint(1, 3),
                lambda d: services.serve(handler, pk, on=d, method=method, proof=proof),
            )
        )
        if rng.random() < 0.6:
            steps.append(
                (
                    rng.randint(5, 20),
                    lambda d: services.archive(
                        registrar, pk, on=d, reference=f"{d.year}-依申请-{pk:04d}"
                    ),
                )
            )
    return steps


def _showcase(
    rng: random.Random, users: dict[Role, AbstractBaseUser], bureau: Agency, today: date
) -> None:
    """Recent cases stopped in each open state, so every state of the workspace is on show."""
    registrar, handler = users[Role.REGISTRAR], users[Role.HANDLER]
    reviewer = users[Role.REVIEWER]
    unit = Unit.objects.get(agency=bureau, name=UNITS[0])

    def review(pk: int) -> Step:
        return lambda d: services.review(handler, pk, on=d, conclusion="clear")

    plans: list[tuple[int, IntakeForm, Callable[[int], list[tuple[int, Step]]]]] = [
        (1, IntakeForm.ONLINE, lambda pk: []),  # awaiting the §31 confirmation
        (
            3,
            IntakeForm.IN_PERSON,
            lambda pk: [
                (1, review(pk)),
                (
                    1,
                    lambda d: services.assign(
                        handler, pk, on=d, unit_id=unit.pk, instructions="请检索所申请的信息"
                    ),
                ),
            ],
        ),
        (
            4,
            IntakeForm.ORAL,
            lambda pk: [
                (1, review(pk)),
                (
                    1,
                    lambda d: services.request_supplement(
                        handler, pk, on=d, items="请写明所需文件的名称或文号"
                    ),
                ),
            ],
        ),
        (
            8,
            IntakeForm.MAIL_SIGNED,
            lambda pk: [
                (1, review(pk)),
                (2, lambda d: services.decide(reviewer, pk, on=d, outcome=Outcome.GRANTED)),
            ],
        ),
        (
            10,
            IntakeForm.IN_PERSON,
            lambda pk: [
                (1, review(pk)),
                (2, lambda d: services.decide(reviewer, pk, on=d, outcome=Outcome.NOT_EXIST)),
                (1, lambda d: services.issue(registrar, pk, on=d)),
            ],
        ),
        (
            30,
            IntakeForm.IN_PERSON,
            lambda pk: [
                (1, review(pk)),
                (1, lambda d: services.request_supplement(handler, pk, on=d, items="时间范围")),
                (16, lambda d: services.lapse_supplement(handler, pk, on=d)),
            ],
        ),
    ]
    calendar = work_calendar()
    for back, form, plan in plans:
        try:
            arrival = _working_days_before(calendar, today, back)
        except CalendarDataMissing:
            continue
        app = _register(rng, users, bureau, arrival, form)
        _run_steps(plan(app.pk), arrival, today, app.pk)
    _due_soon(rng, users, bureau, today)


def _due_soon(
    rng: random.Random, users: dict[Role, AbstractBaseUser], bureau: Agency, today: date
) -> None:
    """Cases whose answer is due in 1, 2 and 3 working days (the queue's 即将到期): one
    decided and waiting for its letter, one with a unit's feedback outstanding, one just
    reviewed. None is overdue: the demo office answers on time. In the last days of a year
    whose successor nobody has entered they are due on the last working days the calendar
    knows (today at the latest), so the queue still has them."""
    handler, reviewer = users[Role.HANDLER], users[Role.REVIEWER]
    unit = Unit.objects.get(agency=bureau, name=UNITS[1])
    calendar = work_calendar()
    limit = procedure_rules().answer_limit_wd
    plans: dict[int, Callable[[int], list[tuple[int, Step]]]] = {
        1: lambda pk: [
            (1, lambda d: services.review(handler, pk, on=d, conclusion="clear")),
            (12, lambda d: services.decide(reviewer, pk, on=d, outcome=Outcome.GRANTED)),
        ],
        2: lambda pk: [
            (1, lambda d: services.review(handler, pk, on=d, conclusion="clear")),
            (
                2,
                lambda d: services.assign(
                    handler, pk, on=d, unit_id=unit.pk, instructions="请提供所申请的统计数据"
                ),
            ),
        ],
        3: lambda pk: [(2, lambda d: services.review(handler, pk, on=d, conclusion="clear"))],
    }
    for left, plan in plans.items():
        due = _due_within(calendar, today, left)
        if due is None:
            continue
        arrival = _working_days_before(calendar, due, limit)
        app = _register(rng, users, bureau, arrival, IntakeForm.IN_PERSON)
        _run_steps(plan(app.pk), arrival, today, app.pk)


def _due_within(calendar: WorkCalendar, today: date, left: int) -> date | None:
    """The ``left``-th working day after today, or the latest the calendar knows before it
    (today itself if it is a working day); None if it knows none."""
    for n in range(left, 0, -1):
        try:
            return calendar.add_working_days(today, n)
        except CalendarDataMissing:
            continue
    return today if calendar.is_workday(today) else None


def _working_days_before(calendar: WorkCalendar, today: date, n: int) -> date:
    day = today
    while n > 0 or not calendar.is_workday(day):
        day -= timedelta(days=1)
        if calendar.is_workday(day):
            n -= 1
    return day


def _run_steps(steps: list[tuple[int, Step]], start: date, today: date, pk: int) -> None:
    """Take each step after its working-day delay, stopping at today: recent cases stay open.

    The demo office answers on time: while the case's clock runs, a step that would fall
    after its due date is taken on the due date. A step whose dates reach a year the
    calendar does not know yet is not taken, and nor is any later step of that case.
    """
    calendar = work_calendar()
    day = start
    for delay, step in steps:
        previous = day
        try:
            day = calendar.add_working_days(day, delay)
        except CalendarDataMissing:
            return
        case = Application.objects.only("status", "due_date").get(pk=pk)
        if case.status in CLOCK_RUNNING and case.due_date is not None:
            day = min(day, max(case.due_date, previous))
        if day > today:
            return
        try:
            step(day)
        except CalendarDataMissing:
            return
