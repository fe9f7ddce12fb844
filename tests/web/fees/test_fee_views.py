"""The fee panel and its forms, the notice files, the fee list; other agencies see nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from builders_fees import notified_case, per_page_case
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from docx import Document
from web_builders import PASSWORD, Staff, make_staff, registered

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.applications.letter_files import render_letter_files
from gongkai.web.applications.models import Application
from gongkai.web.fees.models import FeeCharge
from gongkai.web.fees.services import notice_letter

pytestmark = pytest.mark.django_db


def client_for(staff: Staff, role: Role) -> Client:
    client = Client()
    assert client.login(username=staff[role].get_username(), password=PASSWORD)
    return client


def panel(staff: Staff, role: Role, app_pk: int) -> str:
    from gongkai.web.applications.models import Application

    request = RequestFactory().get("/")
    request.user = staff[role]
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    app = Application.objects.get(pk=app_pk)
    return render_to_string("fees/case_panel.html", {"application": app}, request=request)


def test_panel_offers_the_steps_the_role_and_facts_allow(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    html = panel(staff, Role.HANDLER, app.pk)
    assert 'id="fee-panel"' in html and "未收取信息处理费" in html
    assert f"/fees/{app.pk}/assess/" in html and f"/fees/{app.pk}/notice/" not in html
    assert "/assess/" not in panel(staff, Role.REGISTRAR, app.pk)
    assert "/assess/" not in panel(staff, Role.SUPERVISOR, app.pk)

    per_page_case(staff, date(2025, 3, 3))  # another case; this one gets its own assessment
    client = client_for(staff, Role.HANDLER)
    response = client.post(
        f"/fees/{app.pk}/assess/", {"on": "2025-03-04", "method": "per_page", "pages": "120"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#fee-panel")
    assert FeeCharge.objects.get(application=app).amount == 1100
    html = panel(staff, Role.HANDLER, app.pk)
    assert "1100 元" in html and f"/fees/{app.pk}/notice/" in html


def test_bad_input_and_refusals_come_back_as_chinese_messages(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    # Registered before §29's identity proof was asked for: 按件 cannot count it per applicant.
    Application.objects.filter(pk=app.pk).update(id_document="", credit_code="")
    client = client_for(staff, Role.HANDLER)
    response = client.post(f"/fees/{app.pk}/assess/", {"on": "2025-03-04", "method": "per_page"})
    assert response.status_code == 302 and not FeeCharge.objects.exists()
    assert "按量计收须填写提供信息的页数" in posted_messages(response)
    response = client.post(
        f"/fees/{app.pk}/assess/", {"on": "2025-03-04", "method": "per_application"}
    )
    assert "身份证明号码或统一社会信用代码" in posted_messages(response)
    response = client_for(staff, Role.REGISTRAR).post(
        f"/fees/{app.pk}/assess/", {"on": "2025-03-04", "method": "per_page", "pages": "99"}
    )
    assert "须由本机关的承办岗位人员办理" in posted_messages(response)
    assert not FeeCharge.objects.exists()
    response = client.post(
        f"/fees/{app.pk}/assess/", {"on": "2025-03-04", "method": "per_page", "pages": "99"}
    )
    assert posted_messages(response).endswith("已核定信息处理费")  # earlier ones still unread


def posted_messages(response: HttpResponse) -> str:
    """The messages the view left for the next page (the panel shows those tagged "fees")."""
    request = response.wsgi_request  # type: ignore[attr-defined]
    return " ".join(str(m) for m in get_messages(request) if "fees" in m.tags)


def test_notice_files_download_and_open(staff: Staff) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 5))
    notice = notice_letter(app.pk)
    assert notice is not None
    render_letter_files(notice.pk)  # the one letter system's renderer
    notice.refresh_from_db()
    assert notice.pdf.open("rb").read(4) == b"%PDF"
    client = client_for(staff, Role.REVIEWER)
    docx = client.get(f"/fees/{app.pk}/notice.docx")
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    content = b"".join(docx.streaming_content)  # type: ignore[attr-defined]
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "政府信息公开信息处理费收费通知书" in text and "人民币720元" in text
    pdf = client.get(f"/fees/{app.pk}/notice.pdf")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert client.get(f"/fees/{app.pk}/notice.txt").status_code == 404
    # The same letter through the case's own letter download: one code path for both links.
    same = client.get(f"/applications/letters/{notice.pk}/docx/")
    assert same.status_code == 200


def test_files_render_on_demand_when_the_job_has_not_run(staff: Staff) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), None)
    notice = notice_letter(app.pk)
    assert notice is not None and not notice.docx
    response = client_for(staff, Role.HANDLER).get(f"/fees/{app.pk}/notice.docx")
    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.docx and notice.rendered_at is not None


def test_full_flow_through_the_forms(staff: Staff) -> None:
    app = per_page_case(staff, date(2025, 3, 3))
    client = client_for(staff, Role.HANDLER)
    client.post(f"/fees/{app.pk}/notice/", {"on": "2025-03-05", "received_on": ""})
    app.refresh_from_db()
    assert app.status == Status.FEE_PENDING
    html = panel(staff, Role.HANDLER, app.pk)
    assert "收到日期记录后计算" in html and f"/fees/{app.pk}/receipt/" in html
    assert f"/fees/{app.pk}/payment/" not in html
    client.post(f"/fees/{app.pk}/receipt/", {"on": "2025-03-06"})
    client.post(f"/fees/{app.pk}/payment/", {"on": "2025-03-10", "amount": "720"})
    app.refresh_from_db()
    assert app.status == Status.RECEIVED
    html = panel(staff, Role.HANDLER, app.pk)
    assert "已缴费" in html and "答复期限暂停" in html and "2025-03-07 至 2025-03-10" in html


def test_other_agencies_get_404_and_the_list_shows_only_own_fees(staff: Staff) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 5))
    other = make_staff("另一县公安局", prefix="other-")
    outsider = client_for(other, Role.HANDLER)
    for url in (f"/fees/{app.pk}/notice.docx",):
        assert outsider.get(url).status_code == 404
    response = outsider.post(f"/fees/{app.pk}/lapse/", {"on": "2025-06-01"})
    assert response.status_code == 404
    listing = outsider.get("/fees/?year=2025").content.decode()
    assert app.number not in listing
    own = client_for(staff, Role.HANDLER).get("/fees/?year=2025").content.decode()
    assert app.number in own and "720" in own and "通知收取件数" in own
    supervisor = client_for(staff, Role.SUPERVISOR).get("/fees/?year=2025").content.decode()
    assert app.number in supervisor
