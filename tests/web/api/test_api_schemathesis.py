"""Schemathesis walks every operation of the API from its own OpenAPI description (issue 12
item 6): generated requests, valid and invalid, must never be answered 5xx, and the answers
must match the description (status code, content type, body schema).

The run is bounded and deterministic: a fixed number of examples per operation, derandomized,
no example database. The operations run against one small world, built once — an agency with
cases in six states, their letters, a unit — as a user holding every working role there, each
operation in its own savepoint; ids that the generator draws in the valid range are pointed at
that world's objects, so the handlers behind the 404 are reached too. See docs/api.md
(“Fuzzing”)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pytest
import schemathesis
from builders_api import API, chief
from builders_applications import case_in, unit_of
from django.db import transaction
from django.test import Client
from django.test.client import ClientHandler
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from web_builders import make_staff

from gongkai.core.applications.statuses import Status
from gongkai.web.api.schemas import FIRST_YEAR
from gongkai.web.api.tokens import issue_token

pytestmark = pytest.mark.django_db

# Generated requests per operation (valid and invalid by the schema). 15 keeps the file at
# about 60 s on a busy 2-core machine; a deeper run, e.g. before a release:
#   GONGKAI_FUZZ_EXAMPLES=80 GONGKAI_FUZZ_COVERAGE=1 \
#     ./scripts/test tests/web/api/test_api_schemathesis.py
# (the coverage phase adds schemathesis's fixed boundary and type cases).
MAX_EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "15"))
PHASES = ["examples", "fuzzing"] + (["coverage"] if os.environ.get("GONGKAI_FUZZ_COVERAGE") else [])
STATES = (
    Status.AWAITING_CONFIRMATION,
    Status.RECEIVED,
    Status.CONSULTING,
    Status.ASSIGNED,
    Status.DECIDED,
    Status.SERVED,
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _served_description() -> dict[str, Any]:
    # Read before the tests start, when only the configured hosts are allowed.
    response = Client(HTTP_HOST="localhost").get(f"{API}/openapi.json")
    assert response.status_code == 200, response.content[:300]
    return dict(json.loads(response.content))


def _wsgi(handler: ClientHandler) -> Callable[..., Iterable[bytes]]:
    """Django's test handler as a WSGI application: unlike the production handler it leaves
    the test's database connection (and its transaction) open after each request."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response = handler(environ)
        headers = list(response.items())
        headers += [("Set-Cookie", c.output(header="")) for c in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return response  # type: ignore[no-any-return]

    return app


def _dates_the_api_takes() -> None:
    """Valid dates are drawn where the API takes them: from 2008 (FIRST_YEAR) to today, in
    Beijing time, as docs/api.md says. Without this almost every generated date is refused
    with 422 (years 0001–9999), and the handlers behind the validation are never reached;
    invalid dates still come from the negative cases."""
    today = timezone.localdate()
    first = date(FIRST_YEAR, 1, 1)
    days = st.dates(min_value=first, max_value=today)
    schemathesis.openapi.format("date", days.map(date.isoformat))
    beijing = timezone.get_current_timezone()
    moments = st.datetimes(
        min_value=datetime.combine(first, time()),
        max_value=datetime.combine(today, time()),
        timezones=st.just(beijing),
    )
    schemathesis.openapi.format("date-time", moments.map(datetime.isoformat))


_dates_the_api_takes()
APP = _wsgi(ClientHandler(enforce_csrf_checks=False))
schema = schemathesis.openapi.from_dict(_served_description())
schema.config.generation.update(
    max_examples=MAX_EXAMPLES,
    deterministic=True,
    database="none",
    with_security_parameters=False,
)
schema.config.phases.update(phases=PHASES)


@dataclass
class World:
    user: Any
    ids: dict[str, list[int]]


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module inside a transaction that is rolled back after its last test;
    each operation's test runs in a savepoint within it (pytest-django's own transaction)."""
    with django_db_blocker.unblock(), transaction.atomic():
        staff = make_staff("模糊测试县公安局", prefix="fuzz-")
        user = chief(staff.agency, "fuzz-chief")
        apps = [case_in(staff, status) for status in STATES]
        letters = [letter.pk for app in apps for letter in app.letters.all()]
        assert letters, "the decided and served cases have their replies"
        yield World(
            user=user,
            ids={
                "application_id": [app.pk for app in apps],
                "letter_id": letters,
                "agency_id": [staff.agency.pk],
                "unit_id": [unit_of(staff).pk],
                "handler_id": [user.pk],
            },
        )
        transaction.set_rollback(True)


@pytest.fixture
def token(world: World) -> str:
    """A token per operation: one operation's examples stay well below the rate limit."""
    return issue_token(world.user, "模糊测试")


def _pointed(values: dict[str, Any] | None, ids: dict[str, list[int]]) -> dict[str, Any] | None:
    """A generated id in the valid range becomes one of the world's ids (same draw, same id)."""
    if not values:
        return values
    out = dict(values)
    for name, value in values.items():
        if name in ids and isinstance(value, int) and not isinstance(value, bool) and value > 0:
            out[name] = ids[name][value % len(ids[name])]
    return out


@schema.parametrize()
# An operation's examples share its savepoint: a step that succeeds changes the world for the
# next example, deterministically, which is part of what is fuzzed.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_no_operation_answers_5xx_or_off_its_description(
    case: Any, world: World, token: str
) -> None:
    case.path_parameters = _pointed(case.path_parameters, world.ids)
    if isinstance(case.body, dict):
        case.body = _pointed(case.body, world.ids)
    response = case.call(app=APP, headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=CHECKS)
