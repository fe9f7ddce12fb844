"""In chromium: the supervisor's explorer page draws its charts from the static ECharts and
explore.js under the site's CSP (no inline script), at 1280 and 390 px, with no console
error and no CSP refusal, every view with its table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "tests" / "web" / "reports") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests" / "web" / "reports"))

from explorer_builders import publish, report  # noqa: E402
from web_builders import PASSWORD, make_staff  # noqa: E402

from gongkai.core.applications.roles import Role  # noqa: E402
from gongkai.web.agencies.models import Agency  # noqa: E402
from gongkai.web.reports import explorer  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)
VIEWS = ("overview", "agency", "peers", "quality", "anomalies", "sources")
CHARTED = ("overview", "agency", "quality", "anomalies")
# The share of the overview chart's pixels that are drawn (not transparent).
DRAWN = """() => {
  const canvas = document.querySelector('#chart-overview canvas');
  const ctx = canvas.getContext('2d');
  const {data} = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
  return drawn / (canvas.width * canvas.height);
}"""


def test_the_supervisors_explorer_draws_its_charts_under_the_csp(
    browser: Any, live_server: Any
) -> None:
    explorer._cache.clear()
    staff = make_staff("甲县公安局")
    school = Agency.objects.create(
        name="甲县教育局", kind=Agency.Kind.DEPARTMENT, supervisor=staff.office
    )
    head = staff[Role.OFFICE_HEAD]
    # 2023's 400 applications, against 30 to 40 the years before, is an anomaly (远离自身历年)
    for year, granted in ((2020, 30), (2021, 35), (2022, 40), (2023, 400)):
        publish(staff.agency, report("甲县公安局", year, granted), head)
        publish(school, report("甲县教育局", year, 8 + year % 3), head)

    errors: list[str] = []
    for width in (1280, 390):
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": width, "height": 800}
        )
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page = context.new_page()
        errors.clear()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto("/login/")
        page.fill("input[name=username]", staff[Role.SUPERVISOR].get_username())
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto("/reports/explore/")
        page.wait_for_selector("body[data-ready='1']")
        policy = page.request.get("/reports/explore/").headers["content-security-policy"]
        assert "script-src 'self'" in policy
        for view in VIEWS:
            page.click(f"#tab-{view}")
            section = page.locator(f"#view-{view}")
            assert section.is_visible()
            assert section.locator("table tbody tr").count() >= (0 if view == "sources" else 1)
            if view in CHARTED:
                canvas = page.locator(f"#chart-{view} canvas")
                canvas.first.wait_for()
                box = canvas.first.bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 200
            scroll = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
            assert scroll <= 0, f"{view} at {width} px overflows by {scroll} px"
        page.click("#tab-overview")
        assert page.evaluate(DRAWN) > 0.01  # the chart is drawn, not an empty canvas
        page.click("#tab-agency")
        page.select_option("#view-agency select.agency", "甲县教育局")
        assert "甲县教育局" in page.locator("#view-agency table").inner_text()
        assert page.evaluate("window.__csp || []") == []
        assert errors == []
        with page.expect_download() as download:
            page.click("#view-agency a:has-text('导出 CSV')")
        assert download.value.suggested_filename == "agency.csv"
        context.close()
