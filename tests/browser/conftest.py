"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Never ``playwright install``: the browser is the distribution's ``/usr/bin/chromium``
(``.ci/run`` installs it). Where it is missing the tests are skipped locally and fail in CI,
so a CI machine without a browser cannot pass silently.

Playwright's sync API runs an event loop in the test thread, which makes Django believe it
is inside async code; the tests only touch the ORM from that thread to build data, so
``DJANGO_ALLOW_ASYNC_UNSAFE`` is safe here and confined to these tests.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
for extra in (ROOT, ROOT / "tests" / "web"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-test-var-"))
os.environ.setdefault("GONGKAI_SECRET_KEY", "tests-only-secret-key")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from calendar_reach import reach_past_today  # noqa: E402

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")


@pytest.fixture(autouse=True)
def calendar_reaches_past_today(request: pytest.FixtureRequest) -> Iterator[None]:
    yield from reach_past_today(request)


def chromium_path() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        message = "未找到 chromium（Debian 软件包 chromium）；浏览器测试需要它"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            # Containers often lack the user namespaces chromium's sandbox needs.
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh Chinese-locale browser page whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()
