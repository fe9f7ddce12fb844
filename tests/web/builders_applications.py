"""Cases in every status of the case workspace, made through the services (2025 dates)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client
from web_builders import PASSWORD, Staff, registered

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.agencies.models import Unit
from gongkai.web.applications import services
from gongkai.web.applications.models import Application

MON = date(2025, 3, 3)
D = {n: date(2025, 3, n) for n in range(3, 32)}


def unit_of(staff: Staff, name: str = "法制大队") -> Unit:
    return Unit.objects.get_or_create(agency=staff.agency, name=name)[0]


def logged_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _decided(staff: Staff) -> Application:
    app = registered(staff, MON)
    return services.decide(staff[Role.REVIEWER], app.pk, on=D[10], outcome=Outcome.GRANTED)


def _issued(staff: Staff) -> Application:
    return services.issue(staff[Role.HANDLER], _decided(staff).pk, on=D[11])


def _served(staff: Staff) -> Application:
    return services.serve(
        staff[Role.HANDLER], _issued(staff).pk, on=D[12], method="mail", proof="EMS1234"
    )


def _lapsed(staff: Staff) -> Application:
    app = registered(staff, MON)
    handler = staff[Role.HANDLER]
    services.request_supplement(handler, app.pk, on=MON, items="文件名称", period_wd=5)
    return services.lapse_supplement(handler, app.pk, on=D[11])


def _reanswer_ordered(staff: Staff) -> Application:
    return services.order_reanswer(
        staff[Role.HANDLER],
        _served(staff).pk,
        on=D[20],
        source="review",
        order_document="测试县人民政府行政复议决定书（测复决字〔2025〕1号）",
    )


BUILDERS: dict[Status, Callable[[Staff], Application]] = {
    Status.AWAITING_CONFIRMATION: lambda s: registered(s, MON, Channel.ONLINE),
    Status.RECEIVED: lambda s: registered(s, MON),
    Status.SUPPLEMENT_REQUESTED: lambda s: services.request_supplement(
        s[Role.HANDLER], registered(s, MON).pk, on=D[4], items="请写明文件名称"
    ),
    Status.CONSULTING: lambda s: services.start_consultation(
        s[Role.HANDLER],
        registered(s, MON).pk,
        on=D[4],
        party="third_party",
        party_name="某公司",
        matter="投标报价",
    ),
    Status.ASSIGNED: lambda s: services.assign(
        s[Role.HANDLER], registered(s, MON).pk, on=D[4], unit_id=unit_of(s).pk, instructions="检索"
    ),
    Status.DECIDED: _decided,
    Status.ISSUED: _issued,
    Status.SERVED: _served,
    Status.LAPSED: _lapsed,
    Status.WITHDRAWN: lambda s: services.withdraw(
        s[Role.REGISTRAR], registered(s, MON).pk, on=D[4]
    ),
    Status.REANSWER_ORDERED: _reanswer_ordered,
    Status.ARCHIVED: lambda s: services.archive(
        s[Role.REGISTRAR], _served(s).pk, on=D[13], reference="2025-永久-1"
    ),
}


def case_in(staff: Staff, status: Status) -> Application:
    app = BUILDERS[status](staff)
    assert app.status == status.value
    return Application.objects.get(pk=app.pk)
