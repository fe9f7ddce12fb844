"""The front door and a role home in chromium, at a desktop and a phone width: no horizontal
overflow, no console error, reachable by keyboard, and the front door needs no JavaScript."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gongkai.web.portal.models import OnlineIntake

WIDTHS = (1280, 390)
OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 5).map(e => e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


@pytest.fixture
def office(transactional_db: None) -> Any:
    from web_builders import make_staff, registered

    staff = make_staff("清河县测试局")
    OnlineIntake.objects.create(agency=staff.agency)
    staff.overdue = registered(staff, date(2025, 3, 3), applicant_name="周某某")
    return staff


@pytest.fixture
def errors(page: Any) -> Iterator[list[str]]:
    found: list[str] = []
    page.on("console", lambda m: found.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: found.append(f"pageerror: {e}"))
    yield found


def shot(page: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


def assert_fits(page: Any, where: str) -> None:
    sizes = page.evaluate(OVERFLOW)
    assert sizes["scroll"] <= sizes["client"], f"{where}: horizontal overflow {sizes}"


def test_front_door_fits_and_leads_to_each_portal(
    page: Any, office: Any, errors: list[str], tmp_path: Path
) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        assert page.locator("h1").inner_text() == "政府信息公开"
        assert page.get_by_role("heading", name=office.agency.name, exact=True).count() == 1
        assert_fits(page, f"/ at {width}px")
        shot(page, f"front-door-{width}.png", tmp_path)
    # Keyboard: the first Tab reaches the skip link, Enter follows it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.get_by_role("link", name="政府信息公开指南").first.click()
    assert page.locator("h1").count() == 1
    page.goto("/")
    page.get_by_role("link", name="工作人员登录").click()
    assert page.url.endswith("/login/")
    assert not errors, errors


def test_front_door_needs_no_javascript(browser: Any, live_server: Any, office: Any) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_role("link", name="依申请公开：在线提出申请").click()
        assert f"/public/{office.agency.pk}/apply/" in page.url
    finally:
        context.close()


def test_handler_home_after_login_fits(
    page: Any, office: Any, errors: list[str], tmp_path: Path
) -> None:
    from web_builders import PASSWORD

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/login/")
    page.get_by_label("用户名").fill("handler")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/my/")
    assert page.get_by_role("heading", name="我的待办：依申请公开").is_visible()
    assert page.get_by_role("link", name=office.overdue.number).is_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        assert_fits(page, f"/my/ at {width}px")
        shot(page, f"handler-home-{width}.png", tmp_path)
    assert not errors, errors
