"""The HTML file opens offline in chromium (Debian's, driven by Playwright; never
``playwright install``) with every view, at 390 and 1280 px, without console errors, on a
synthetic corpus and on the seeds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.explore_corpus import Truth
from gongkai.explore.corpus import load
from gongkai.explore.page import render
from gongkai.explore.views import all_views

VIEWS = ("overview", "agency", "peers", "quality", "anomalies", "sources")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
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
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            yield launched
        finally:
            launched.close()


def _page(datasets: list[Path], out: Path, overrides: Path | None = None) -> Path:
    views = all_views(load(datasets, overrides))
    out.write_text(render(views, "测试"), "utf-8")
    return out


def _walk(browser: Any, path: Path, width: int) -> dict[str, int]:
    """Open the file with the network cut, visit every view; rows shown per view."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    context.set_offline(True)
    requests: list[str] = []
    context.on(
        "request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready]")
    rows = {}
    for view in VIEWS:
        page.click(f"#tab-{view}")
        section = page.locator(f"#view-{view}")
        assert section.is_visible()
        assert page.locator(f"#view-{view} h2").inner_text()
        rows[view] = section.locator("tbody tr").count()
        chart = page.locator(f"#chart-{view} canvas")
        if view != "sources":
            assert chart.count() >= 1, view  # ECharts drew it
            box = chart.first.bounding_box()
            assert box and 0 < box["width"] <= width, view
        # nothing wider than the screen but the tables' own scrolling boxes
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert errors == []
    assert requests == []
    return rows


def test_synthetic_corpus_page(
    browser: Any, corpus_dir: tuple[Path, Truth], tmp_path: Path
) -> None:
    out, _ = corpus_dir
    path = _page([out], tmp_path / "corpus.html", out / "overrides.csv")
    for width in (390, 1280):
        rows = _walk(browser, path, width)
        assert all(rows[v] > 0 for v in VIEWS), rows


def test_seeds_page(browser: Any, seeds_dataset: Path, tmp_path: Path) -> None:
    path = _page([seeds_dataset], tmp_path / "seeds.html")
    rows = _walk(browser, path, 390)
    assert rows["overview"] == 2  # the five seeds are of 2022 and 2023
    assert rows["quality"] == 5


def test_agency_picker_redraws_its_years(
    browser: Any, corpus_dir: tuple[Path, Truth], tmp_path: Path
) -> None:
    out, _ = corpus_dir
    path = _page([out], tmp_path / "corpus.html", out / "overrides.csv")
    context = browser.new_context(viewport={"width": 390, "height": 800}, offline=True)
    page = context.new_page()
    page.goto(path.as_uri() + "#agency")
    page.wait_for_selector("body[data-ready]")
    options = page.locator("#view-agency select.agency option").all_inner_texts()
    assert len(options) > 1
    page.select_option("#view-agency select.agency", options[1])
    names = set(page.locator("#view-agency tbody tr td:first-child").all_inner_texts())
    assert names == {options[1]}
    page.fill("#view-agency input.filter", "2023")
    years = page.locator("#view-agency tbody tr td:nth-child(2)").all_inner_texts()
    assert set(years) <= {"2023"}
    with page.expect_download() as download:
        page.click("#view-agency button.csv")
    text = Path(download.value.path()).read_text("utf-8-sig")
    assert text.startswith("机关,年度,新收申请")
    context.close()
