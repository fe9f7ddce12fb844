"""The browser harness itself: chromium loads the live server's login page."""

from __future__ import annotations

from typing import Any


def test_login_page_renders_in_chromium(page: Any) -> None:
    page.goto("/login/")
    assert page.locator("h1, h2").first.inner_text().strip() != ""
    assert page.locator("input[name=username]").count() == 1
    assert page.locator("input[name=password]").count() == 1
