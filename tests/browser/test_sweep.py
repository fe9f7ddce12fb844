"""The browser sweep (issue 14 item 7): every page of the site, over the demo's data, as each
role (officer, office head, supervisor, administrator, and a citizen without an account), at
1280 px and at 390 px, in Debian's chromium. A page fails on

* horizontal overflow (``document.scrollingElement.scrollWidth > innerWidth``),
* English words left in its visible text (abbreviations such as PDF and DOCX, URLs, file
  names and code excepted),
* a console error (a CSP refusal, a missing file, a script error),
* a serious or critical accessibility violation found by axe-core (vendored in
  ``tests/browser/vendor/axe-core``; nothing is fetched at test time).

One browser, one context per role, one navigation per page: the phone width is checked by
resizing the loaded page (media queries apply at once). Set ``GONGKAI_SWEEP_REPORT`` to a
file to get every finding as JSON lines, and the figures printed at the end.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from site_pages import NOT_PAGES, DemoData, admin_urls, demo_year, page_urls, pattern_names

WIDTHS = (1280, 390)
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# Roles as the demo names its users (gongkai.web.demo.DEMO_USERS); None: no account.
ROLES: dict[str, str | None] = {
    "citizen": None,
    "officer": "chengban",
    "office head": "fuzeren",
    "supervisor": "jiandu",
    "administrator": "guanli",
}
PROBE = """() => {
  const root = document.scrollingElement || document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.closest('.table-scroll, .table-wrap'))
    .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + e.className + ' '
                        + (e.textContent || '').trim().slice(0, 30));
  const skip = 'code, pre, kbd, samp, script, style, noscript, [translate="no"]';
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !parent.checkVisibility()) continue;
    if (node.textContent.trim()) texts.push(node.textContent.trim());
  }
  const buttons = 'input[type=submit], input[type=button]';
  for (const e of document.querySelectorAll(`[aria-label], [placeholder], [title], ${buttons}`)) {
    for (const a of ['aria-label', 'placeholder', 'title']) {
      if (e.getAttribute(a)) texts.push(e.getAttribute(a));
    }
    if (e.matches(buttons) && e.value) texts.push(e.value);
  }
  return {scroll: root.scrollWidth, width: window.innerWidth, wide, texts,
          title: document.title};
}"""
AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""
# Not English prose: URLs, e-mail addresses, file names, hashes, identifiers with digits.
NOT_WORDS = re.compile(
    r"https?://\S+|/\S*|[\w.+*-]+@[\w.-]+|\S+\.(?:pdf|docx?|xlsx?|html?|json|csv|txt|ofd|png|jpe?g)\b"
    r"|\b[0-9a-f]{16,}\b|\b\w*\d\w*\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")
# Product names a Chinese user reads as they are.
NAMES = {"Word", "Excel", "Cookie", "Swagger", "OpenAPI", "WPS"}


# A browser's self-description as the admin's login records keep it (data, not text).
USER_AGENT = re.compile(r"Mozilla/\S+ \([^)]*\)(?: [\w.]+/\S+(?: \([^)]*\))?)*")


def english_words(texts: list[str], usernames: frozenset[str] = frozenset()) -> list[str]:
    """Words of two letters or more that are not abbreviations (PDF, DOCX, API: capitals),
    product names or login names (chosen by the administrator, shown as data)."""
    found = []
    for text in texts:
        for word in WORD.findall(NOT_WORDS.sub(" ", USER_AGENT.sub(" ", text))):
            if not word.isupper() and word not in NAMES and word not in usernames:
                found.append(word)
    return found


@pytest.fixture
def demo_site(transactional_db: None, settings: Any) -> DemoData:
    from builders_portal import person_post, submit, token_of
    from django.test import Client

    from gongkai.web import demo
    from gongkai.web.agencies.models import Agency

    settings.GONGKAI_PORTAL_MIN_FILL_SECONDS = 0
    demo.load_demo()
    bureau = Agency.objects.get(name=demo.BUREAU)
    attach_a_file(bureau)
    response = submit(Client(), bureau, person_post())
    return DemoData(
        bureau=bureau,
        office=Agency.objects.get(name=demo.GOVERNMENT_OFFICE),
        year=demo_year(),
        token=token_of(response),
    )


def attach_a_file(bureau: Any) -> None:
    """The demo's catalogue has no attachment; the pages that show one need it."""
    from builders_portal import PDF
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from gongkai.web.catalogue.models import CatalogueItem
    from gongkai.web.catalogue.services import attach

    draft = CatalogueItem.objects.filter(agency=bureau, status="draft").order_by("pk").first()
    assert draft is not None
    officer = get_user_model().objects.get(username="chengban")
    attach(
        officer,
        draft.pk,
        filename="通知.pdf",
        content_type="application/pdf",
        data=PDF,
        on=timezone.localdate(),
    )


def log_in(page: Any, username: str) -> None:
    from gongkai.web.demo import DEMO_USERS

    password = next(u[4] for u in DEMO_USERS if u[0] == username)
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/my/")


def check_page(
    page: Any,
    url: str,
    console: list[str],
    axe_source: str,
    checked: set[str],
    usernames: frozenset[str],
) -> list[dict[str, Any]]:
    """Load ``url`` and return what is wrong with it, at each width. ``checked`` holds the
    kinds of answer already run through axe for this role: a refusal (403, 404) or the
    login page is the same page whatever the URL, so axe sees it once."""
    problems: list[dict[str, Any]] = []
    console.clear()
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    response = page.goto(url, wait_until="load")
    status = response.status if response else 0
    if status >= 400:
        # Chrome reports the page's own refusal on the console; a role without access to a
        # page is expected to get it. Any other failed load (a style, a script) still counts.
        own = f"the server responded with a status of {status}"
        kept = [m for m in console if own not in m]
        if len(kept) < len(console) - 1:
            kept += [m for m in console if own in m][1:]
        console[:] = kept
    kind = str(status) if status >= 400 else ("login" if "/login/" in page.url else page.url)
    run_axe = kind not in checked
    checked.add(kind)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        seen = page.evaluate(PROBE)
        if seen["scroll"] > seen["width"]:
            problems.append(
                {"kind": "overflow", "width": width, "scroll": seen["scroll"], "at": seen["wide"]}
            )
        words = english_words([*seen["texts"], seen["title"]], usernames)
        if words and width == WIDTHS[0]:
            problems.append({"kind": "english", "words": sorted(set(words))[:12]})
        if width == WIDTHS[-1] and run_axe:
            page.evaluate(axe_source)
            for violation in page.evaluate(AXE_RUN):
                problems.append({"kind": "axe", **violation})
    problems += [{"kind": "console", "message": m[:300]} for m in console]
    return problems


def sweep_role(
    browser: Any, base_url: str, username: str | None, urls: list[str], axe_source: str
) -> list[dict[str, Any]]:
    """Visit ``urls`` in one context signed in as ``username`` (None: no account)."""
    context = browser.new_context(base_url=base_url, locale="zh-CN")
    context.set_default_timeout(30_000)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(f"page error: {e}"))
    findings: list[dict[str, Any]] = []
    try:
        if username:
            log_in(page, username)
        checked: set[str] = set()
        usernames = frozenset(get_user_model().objects.values_list("username", flat=True))
        for url in urls:
            for problem in check_page(page, url, console, axe_source, checked, usernames):
                findings.append({"url": url, "landed": page.url, **problem})
    finally:
        context.close()
    return findings


def test_every_page_as_every_role_at_both_widths(
    browser: Any, live_server: Any, demo_site: DemoData
) -> None:
    started = time.monotonic()
    urls = page_urls(demo_site)
    unclassified = pattern_names() - set(urls) - set(NOT_PAGES)
    assert not unclassified, f"URL patterns the sweep does not know: {sorted(unclassified)}"
    pages = [u for name in sorted(urls) for u in urls[name]]
    axe_source = AXE.read_text(encoding="utf-8")
    findings: list[dict[str, Any]] = []
    visits = 0
    seconds: dict[str, int] = {}
    for role, username in ROLES.items():
        role_started = time.monotonic()
        visited = pages + (admin_urls() if role == "administrator" else [])
        found = sweep_role(browser, live_server.url, username, visited, axe_source)
        findings += [{"role": role, **f} for f in found]
        visits += len(visited)
        seconds[role] = round(time.monotonic() - role_started)
    report = os.environ.get("GONGKAI_SWEEP_REPORT")
    if report:
        Path(report).write_text(
            "\n".join(json.dumps(f, ensure_ascii=False) for f in findings), encoding="utf-8"
        )
    kinds = Counter(f["kind"] for f in findings)
    print(
        f"\nsweep: {len(pages)} pages (+{len(admin_urls())} admin) x {len(ROLES)} roles, "
        f"{visits} visits x {len(WIDTHS)} widths = {visits * len(WIDTHS)} page views, "
        f"{time.monotonic() - started:.0f} s (per role {seconds}); findings {dict(kinds)}"
    )
    assert not findings, "\n".join(json.dumps(f, ensure_ascii=False) for f in findings[:40])
