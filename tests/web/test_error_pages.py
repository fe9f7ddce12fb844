"""Error pages are Chinese, in the site's layout, and show the request id; a 500 is logged
with its traceback under the same id, to the log file and stderr (DEBUG off)."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from builders_applications import logged_in
from django.conf import settings
from django.test import Client, override_settings
from web_builders import Staff

pytestmark = [pytest.mark.django_db, pytest.mark.urls("error_urls")]


def request_id(response: object) -> str:
    value = response["X-Request-ID"]  # type: ignore[index]
    assert re.fullmatch(r"[0-9a-f]{16}", value)
    return value


def flush_logs() -> None:
    """Flush the log file's handlers (only those: a stderr handler may hold a stream that
    pytest's capture has closed since it was made)."""
    for handler in (
        logging.getLogger("gongkai").handlers + logging.getLogger("django.request").handlers
    ):
        if isinstance(handler, logging.FileHandler):
            handler.flush()


def test_every_response_has_a_request_id_and_a_sane_offered_one_is_kept() -> None:
    first, second = Client().get("/public/"), Client().get("/public/")
    assert request_id(first) != request_id(second)
    kept = Client(headers={"x-request-id": "proxy-1234abcd"}).get("/public/")
    assert kept["X-Request-ID"] == "proxy-1234abcd"
    refused = Client(headers={"x-request-id": "<script>"}).get("/public/")
    assert refused["X-Request-ID"] != "<script>"


def test_a_failing_view_gives_a_chinese_500_with_the_id_and_the_log_has_the_traceback() -> None:
    assert not settings.DEBUG
    # The stderr handler for server errors (a StreamHandler: sys.stderr), its output caught.
    stderr_handler = next(
        h
        for h in logging.getLogger("django.request").handlers
        if type(h) is logging.StreamHandler and h.level == logging.ERROR
    )
    stderr = io.StringIO()
    # Swapped without setStream, which flushes the old stream: the handler was made with
    # the sys.stderr of the moment, which under pytest's capture may be closed by now.
    previous, stderr_handler.stream = stderr_handler.stream, stderr
    try:
        response = Client(raise_request_exception=False).get("/test-errors/boom/")
    finally:
        stderr_handler.stream = previous
    assert response.status_code == 500
    rid = request_id(response)
    page = response.content.decode()
    assert "服务器出错" in page and "错误已记录" in page and f"错误编号：<code>{rid}</code>" in page
    assert "政府信息公开" in page and '<header class="site-header">' in page  # own layout
    assert "Traceback" not in page and "4711" not in page
    flush_logs()
    log = Path(settings.GONGKAI_LOG_FILE).read_text(encoding="utf-8")
    start = log.index(f"[{rid}]")
    entry = log[log.rfind("\n", 0, start) + 1 :]
    assert "ERROR django.request" in entry and "/test-errors/boom/" in entry
    assert "Traceback (most recent call last)" in entry and "Boom: 测试用的故障 4711" in entry
    assert f"[{rid}]" in stderr.getvalue() and "Boom: 测试用的故障 4711" in stderr.getvalue()


def test_404_403_400_pages_are_chinese(staff: Staff) -> None:
    client = Client()
    for url, status, title in (
        ("/public/no-such-page/", 404, "页面不存在"),
        ("/test-errors/forbidden/", 403, "无权访问"),
        ("/test-errors/suspicious/", 400, "请求有误"),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        page = response.content.decode()
        assert title in page and f"错误编号：<code>{request_id(response)}</code>" in page
        assert 'lang="zh-CN"' in page and "网上申请" in page  # the public layout
    staff_page = logged_in("handler").get("/applications/999999/")
    assert staff_page.status_code == 404
    assert "页面不存在" in staff_page.content.decode()
    assert "退出" in staff_page.content.decode()  # the staff layout for a signed-in user


def test_a_failed_csrf_check_is_explained_in_chinese() -> None:
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期或表单验证失败" in page and request_id(response) in page


@override_settings(DEBUG=False)
def test_an_api_500_is_json_with_the_request_id(
    staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builders_api import API, api_client

    from gongkai.web.api.v1 import agencies

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("测试用的接口故障")

    monkeypatch.setattr(agencies, "readable_agencies", fail)
    response = api_client(staff.users[next(iter(staff.users))]).get(f"{API}/agencies")
    assert response.status_code == 500
    body = response.json()
    rid = request_id(response)
    assert body["code"] == "internal_error" and body["details"] == {"request_id": rid}
    assert rid in body["message"]
