"""The comparison page in Debian's Chromium at a phone's width (390 × 844 CSS pixels, an iPhone 12-14).

Asserted from the rendered page: no console errors, no requests; nothing but the tables' own
scrolling boxes is wider than the screen; the row labels of a wide table stay in view while it
scrolls; text is at least 12 px. Screenshots are kept in build/compare/ for a person to look at.
Never skipped: if Chromium cannot be launched, these tests fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govreport as g
from many_reports import CORPUS, XINGHE, year_before

ROOT = Path(__file__).parents[1]
BUILD = ROOT / "build" / "compare"
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    comparison = g.compare(g.read(CORPUS / "hongze-2023.pdf").report, g.read(CORPUS / "hongze-2024.pdf").report)
    html = g.export_comparison(comparison, "html").decode("utf-8")
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / "hongze.html").write_text(html, encoding="utf-8")
    opened = browser.new_page(viewport=PHONE, device_scale_factor=2)
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    opened.on("request", lambda r: problems.append(r.url) if not r.url.startswith(("data:", "about:")) else None)
    opened.set_content(html, wait_until="load")
    opened.problems = problems
    yield opened
    opened.close()


def test_nothing_goes_wrong_loading_the_page(page: Any) -> None:
    assert page.problems == []
    assert page.evaluate("document.querySelectorAll('script').length") == 0


def test_the_page_is_no_wider_than_a_phone(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wider = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
              .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > w + 0.5)
              .map(e => e.tagName + '.' + e.className)""",
        PHONE["width"],
    )
    assert wider == []
    page.screenshot(path=str(BUILD / "phone-top.png"))


def test_a_wide_table_scrolls_in_its_box_with_its_row_labels_in_view(page: Any) -> None:
    box = page.locator("#applications .scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # seven applicant columns do not fit…
    assert box.evaluate("e => e.getBoundingClientRect().right") <= PHONE["width"]  # …so the box scrolls
    label = page.locator("#applications tbody th.row-label").first
    before = label.evaluate("e => e.getBoundingClientRect().left")
    box.evaluate("e => { e.scrollLeft = 200; }")
    assert label.evaluate("e => e.getBoundingClientRect().left") == pytest.approx(before, abs=1)
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")  # scrolled to the end, the last column is on screen
    last_column = page.locator("#applications tbody tr").first.locator("td").last
    assert last_column.evaluate("e => e.getBoundingClientRect().right") <= PHONE["width"] + 1
    assert label.evaluate("e => e.getBoundingClientRect().left") == pytest.approx(before, abs=1)
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(BUILD / "phone-applications.png"))


def test_text_is_large_enough_to_read(page: Any) -> None:
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('body *')]
              .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
              .filter(e => !e.closest('.visually-hidden'))
              .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 11.5


def test_the_figures_shown_are_the_comparisons(page: Any) -> None:
    cell = page.locator("#applications tbody tr").first.locator("td").first
    assert cell.locator(".this").inner_text() == "95"
    assert cell.locator(".change").inner_text() == "+74"
    assert page.locator("#carry-over tbody tr.agree").count() == 7


def test_matches_reflow_on_a_phone(browser: Any) -> None:
    this = g.load(XINGHE)
    html = g.export_comparison(g.compare(year_before(this), this), "html").decode("utf-8")
    opened = browser.new_page(viewport=PHONE)
    opened.set_content(html, wait_until="load")
    assert opened.locator("#remediation .matches li").count() == 3
    assert opened.locator("#remediation .unmatched li").count() == 1
    assert opened.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    opened.locator("#remediation").scroll_into_view_if_needed()
    BUILD.mkdir(parents=True, exist_ok=True)
    opened.screenshot(path=str(BUILD / "phone-remediation.png"))
    opened.close()
