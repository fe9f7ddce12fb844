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
    assert RateCounter.objects.filter(scope=antispam.APPLY_ADDRESS).count() == 2


def test_proxy_header_setting_decides_the_address(client: Client, settings: Any) -> None:
    settings.GONGKAI_PORTAL_SUBMIT_RATE = "1/hour"
    settings.GONGKAI_PORTAL_APPLICANT_RATE = "10/hour"
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
    agency = open_agency()
    response = submit(client, agency, person_post(**{antispam.HONEYPOT: "http://spam.example"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "提交未通过校验" in html
    # What to do next: apply by post or in person, with the agency's contact from its 指南.
    assert "邮寄信函或者当面提交" in html and "联系电话" in html
    assert f"/catalogue/{agency.pk}/guide/" in html
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


def other_person(n: int, **overrides: Any) -> dict[str, Any]:
    """A different applicant each time: passport, phone and e-mail of their own."""
    return person_post(
        person_name=f"申请人{n}",
        id_document_type="passport",
        id_number=f"E{n:08d}",
        contact_phone=f"1390000{n:04d}",
        contact_email=f"p{n}@example.cn",
        **overrides,
    )


def test_refused_posts_never_count(client: Client, settings: Any) -> None:
    """Mistakes, wrong answers and too-quick posts leave the address's allowance whole."""
    settings.GONGKAI_PORTAL_SUBMIT_RATE = "1/hour"
    agency = open_agency()
    for _ in range(5):
        assert submit(client, agency, person_post(challenge_answer="9")).status_code == 200
        assert submit(client, agency, person_post(description="")).status_code == 200
        assert submit(client, agency, person_post(**spam_fields(age_seconds=1))).status_code == 400
    assert not RateCounter.objects.exists()
    assert submit(client, agency, person_post()).status_code == 302
    assert RateCounter.objects.get(scope=antispam.APPLY_ADDRESS).count == 1


def test_a_shared_address_serves_many_applicants(client: Client) -> None:
    """An office or a carrier's shared address: the documented default lets 30 people an
    hour apply from it."""
    agency = open_agency()
    for n in range(30):
        assert submit(client, agency, other_person(n)).status_code == 302
    refused = submit(client, agency, other_person(99))
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "本网络地址提交网上申请的次数限制为每小时30次" in html
    assert Application.objects.count() == 30


def test_one_applicant_is_limited_from_any_address(settings: Any) -> None:
    settings.GONGKAI_PORTAL_APPLICANT_RATE = "2/day"
    agency = open_agency()
    for address in ("10.0.0.1", "10.0.0.2"):
        assert submit(Client(REMOTE_ADDR=address), agency, person_post()).status_code == 302
    # The same identity number with a new phone and e-mail is the same applicant.
    again = person_post(contact_phone="13700000000", contact_email="new@example.cn")
    refused = submit(Client(REMOTE_ADDR="10.0.0.3"), agency, again)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "同一申请人提交网上申请的次数限制为每天2次" in html
    assert "小时后再试" in html or "明天再试" in html or "分钟后再试" in html
    assert int(refused["Retry-After"]) > 0
    # The same phone with another identity number too.
    other_id = person_post(id_document_type="passport", id_number="E12345678")
    assert submit(Client(REMOTE_ADDR="10.0.0.4"), agency, other_id).status_code == 429
    # Someone else from that address is not affected.
    assert submit(Client(REMOTE_ADDR="10.0.0.3"), agency, other_person(1)).status_code == 302
    assert Application.objects.count() == 3


def test_a_double_click_counts_once_and_still_gets_its_receipt(
    client: Client, settings: Any
) -> None:
    settings.GONGKAI_PORTAL_SUBMIT_RATE = "1/hour"
    agency = open_agency()
    data = person_post()
    first = submit(client, agency, data)
    second = submit(client, agency, data)  # at the limit now, but the same application
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert RateCounter.objects.get(scope=antispam.APPLY_ADDRESS).count == 1
    assert submit(client, agency, other_person(1)).status_code == 429


def test_refusal_tells_how_to_apply_by_post_or_in_person(client: Client, settings: Any) -> None:
    from gongkai.web.catalogue.models import PortalGuide

    settings.GONGKAI_PORTAL_SUBMIT_RATE = "1/hour"
    agency = open_agency()
    PortalGuide.objects.create(
        agency=agency,
        office_contact="受理机构：县公安局办公室\n地址：清河县人民路1号\n联系电话：0531-88881234",
    )
    submit(client, agency, person_post())
    refused = submit(client, agency, other_person(1))
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "本次未予受理" in html and "分钟后再试" in html
    assert "邮寄信函或者当面提交" in html
    assert "清河县人民路1号" in html and "0531-88881234" in html
    assert f"/catalogue/{agency.pk}/guide/" in html


def test_the_honeypot_is_no_field_a_browser_autofills(client: Client) -> None:
    html = client.get(apply_url(open_agency())).content.decode()
    assert 'name="website"' not in html
    start = html.index('<div class="hp" aria-hidden="true">')
    block = html[start : html.index("</div>", start)]
    assert f'name="{antispam.HONEYPOT}"' in block
    assert 'autocomplete="off"' in block and 'tabindex="-1"' in block
    # Not a word autofill heuristics know.
    for word in ("web", "url", "site", "mail", "name", "phone", "tel", "addr", "company"):
        assert word not in antispam.HONEYPOT
