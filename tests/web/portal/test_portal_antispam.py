"""Robots and repeats: rate limits, honeypot, fill time, the question, idempotency."""

from __future__ import annotations

import time
from typing import Any

import pytest
from builders_portal import apply_url, open_agency, person_post, spam_fields, submit, token_of
from django.core import signing
from django.test import Client

from gongkai.core.portal.rates import parse_rate
from gongkai.web.applications.models import Application
from gongkai.web.portal import antispam
from gongkai.web.portal.models import RateCounter

pytestmark = pytest.mark.django_db


def test_rate_limit_per_address_answers_429_in_chinese(client: Client, settings: Any) -> None:
    settings.GONGKAI_PORTAL_SUBMIT_RATE = "2/hour"
    agency = open_agency()
    for _ in range(2):
        assert submit(client, agency, person_post()).status_code == 302
    response = submit(client, agency, person_post())
    assert response.status_code == 429
    html = response.content.decode()
    assert "操作过于频繁" in html and "每小时2次" in html
    assert int(response["Retry-After"]) > 0
    assert Application.objects.count() == 2
    # Another address is not affected; the address itself is never stored.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert submit(other, agency, person_post()).status_code == 302
    assert not RateCounter.objects.filter(client__contains="127.0.0.1").exists()
    assert RateCounter.objects.filter(scope="apply").count() == 2


def test_proxy_header_setting_decides_the_address(client: Client, settings: Any) -> None:
    settings.GONGKAI_PORTAL_SUBMIT_RATE = "1/hour"
    settings.GONGKAI_PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    agency = open_agency()
    assert (
        client.post(apply_url(agency), person_post(), HTTP_X_REAL_IP="1.1.1.1").status_code == 302
    )
    assert (
        client.post(apply_url(agency), person_post(), HTTP_X_REAL_IP="2.2.2.2").status_code == 302
    )
    assert (
        client.post(apply_url(agency), person_post(), HTTP_X_REAL_IP="1.1.1.1").status_code == 429
    )


def test_counter_never_passes_its_limit() -> None:
    rate = parse_rate("3/min")
    results = [antispam.hit("t", "c", rate, now=1000.0).allowed for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert RateCounter.objects.get().count == 3
    assert antispam.hit("t", "c", rate, now=1060.0).allowed  # the next window


def test_honeypot_filled_is_refused(client: Client) -> None:
    response = submit(client, open_agency(), person_post(website="http://spam.example"))
    assert response.status_code == 400
    assert "提交未通过校验" in response.content.decode()
    assert Application.objects.count() == 0


def test_too_fast_submission_is_refused_but_keeps_what_was_typed(client: Client) -> None:
    data = person_post(**spam_fields(age_seconds=1))
    response = submit(client, open_agency(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "提交过快，请核对填写的内容后再提交" in html
    assert 'value="周明"' in html
    assert Application.objects.count() == 0
    # The same ticket is served again, so waiting and resubmitting works.
    assert response.context["ticket"] == data["ticket"]


def test_min_fill_time_is_a_setting(client: Client, settings: Any) -> None:
    settings.GONGKAI_PORTAL_MIN_FILL_SECONDS = 0
    assert (
        submit(client, open_agency(), person_post(**spam_fields(age_seconds=0))).status_code == 302
    )


def test_expired_and_forged_tickets(client: Client, settings: Any) -> None:
    agency = open_agency()
    old = person_post(**spam_fields(age_seconds=25 * 3600))
    response = submit(client, agency, old)
    assert response.status_code == 400
    assert "表单打开时间过长已过期" in response.content.decode()
    assert response.context["ticket"] != old["ticket"]  # a fresh one to submit with
    forged = signing.dumps({"k": "x" * 32, "t": time.time() - 60}, salt="wrong")
    response = submit(client, agency, person_post(ticket=forged))
    assert "表单已失效，请重新填写并提交" in response.content.decode()
    assert Application.objects.count() == 0


def test_wrong_or_missing_answer(client: Client) -> None:
    agency = open_agency()
    response = submit(client, agency, person_post(challenge_answer="9"))
    assert response.context["form"].errors["challenge_answer"] == ["验证问题回答不正确，请重新作答"]
    response = submit(client, agency, person_post(challenge_answer=""))
    assert response.context["form"].errors["challenge_answer"] == ["请回答验证问题"]
    assert Application.objects.count() == 0


def test_answer_in_chinese_numerals(client: Client) -> None:
    assert submit(client, open_agency(), person_post(challenge_answer="八")).status_code == 302


def test_an_answer_is_bound_to_its_form(client: Client) -> None:
    """A solved question cannot be reused with another form's ticket."""
    solved = spam_fields()
    other = spam_fields()
    data = person_post(ticket=other["ticket"], challenge=solved["challenge"])
    response = submit(client, open_agency(), data)
    assert response.context["form"].errors["challenge_answer"] == ["验证问题回答不正确，请重新作答"]


def test_the_page_does_not_reveal_the_answer(client: Client) -> None:
    response = client.get(apply_url(open_agency()))
    question = response.context["question"]
    payload = signing.loads(response.context["challenge"], salt=antispam.CHALLENGE_SALT)
    assert set(payload) == {"q", "h"} and payload["q"] == question
    assert "等于几？" in question


def test_double_click_creates_one_application_and_the_same_receipt(client: Client) -> None:
    agency = open_agency()
    data = person_post()
    first = submit(client, agency, data)
    second = submit(client, agency, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1
    assert client.get(first["Location"]).status_code == 200
    assert token_of(first)


def test_a_changed_resubmission_of_the_same_form_is_still_one_application(
    client: Client,
) -> None:
    agency = open_agency()
    data = person_post()
    submit(client, agency, data)
    submit(client, agency, {**data, "description": "另一项信息的名称和文号"})
    assert Application.objects.count() == 1
