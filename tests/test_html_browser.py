"""The exported HTML in a real browser: Debian's Chromium, driven by Playwright for Python.

Everything is asserted from the rendered page: no console errors and no network requests; the
tables have the spec's rows and spans and their cell boxes line up on one grid whose column
widths are the official template's; nothing overflows an A4-wide window; the CJK text is drawn
with a CJK font; the title is centred and the signature right-aligned; a fragment's CSS leaves
its host page alone; printing gives A4 pages with the official margins and table headers that
repeat. The screenshots and PDFs are kept in build/html/ for a person to look at.

Never skipped: if Chromium cannot be launched, these tests fail (.ci/run installs it).
"""

from __future__ import annotations

import itertools
import math
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import govreport as g
from govreport.spec import SECTION_INDEX, TABLES, TableSpec
from pdf_pages import Page, compact, pages, pages_holding

ROOT = Path(__file__).parents[1]
BUILD = ROOT / "build" / "html"
EXAMPLES = sorted(ROOT.glob("examples/*/report.json"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
A4_HEIGHT_PX = 1123
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # The system's Chromium, never a downloaded one; a launch failure fails the tests.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@attrs.define
class Opened:
    """A page with everything it did while loading."""

    page: Any
    html: str
    name: str = ""
    console: list[str] = attrs.Factory(list)
    errors: list[str] = attrs.Factory(list)
    requests: list[str] = attrs.Factory(list)


def open_html(browser: Any, html: str, *, width: int = A4_WIDTH_PX) -> Opened:
    page = browser.new_page(viewport={"width": width, "height": A4_HEIGHT_PX})
    opened = Opened(page=page, html=html)
    page.on("console", lambda message: opened.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("request", lambda request: opened.requests.append(request.url))

    def refuse(route: Any) -> None:
        # Anything the page asks for (other than inline data) is a failure; refuse it too.
        if not route.request.url.startswith(("data:", "about:")):
            route.abort()
        else:
            route.continue_()

    page.route("**/*", refuse)
    page.set_content(html, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return opened


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.parent.name)
def opened(request: pytest.FixtureRequest, browser: Any) -> Iterator[Opened]:
    path: Path = request.param
    html = g.export(g.load(path), "html").decode("utf-8")
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / f"{path.parent.name}.html").write_text(html, encoding="utf-8")
    result = open_html(browser, html)
    result.name = path.parent.name
    yield result
    result.page.close()


# --- loading ------------------------------------------------------------------------------------------------


def test_no_console_errors_and_no_network_requests(opened):
    assert opened.errors == []
    assert [m for m in opened.console if m.startswith(("error", "warning"))] == []
    assert [url for url in opened.requests if not url.startswith(("data:", "about:"))] == []
    assert opened.page.evaluate("document.documentElement.lang") == "zh-CN"
    assert opened.page.evaluate("document.characterSet") == "UTF-8"
    assert opened.page.evaluate("document.querySelectorAll('script').length") == 0


def test_the_page_shows_exactly_the_reports_text(opened):
    # Line for line what the text export prints, tables aside: nothing added (no pairing tags,
    # no restated problem set apart), nothing left out, in the same order.
    shown = opened.page.evaluate(
        """() => {
             const article = document.querySelector('article.govreport').cloneNode(true);
             article.querySelectorAll('table, .visually-hidden, style').forEach(e => e.remove());
             document.body.appendChild(article);  // innerText needs the element laid out
             const text = article.innerText;
             article.remove();
             return text;
           }"""
    )
    report = g.load(next(p for p in EXAMPLES if p.parent.name == opened.name))
    printed = g.export(report, "text").decode("utf-8")
    expected = [line.strip() for line in printed.splitlines() if line.strip() and not line.startswith(("+", "|"))]
    assert [line.strip() for line in shown.splitlines() if line.strip()] == expected


# --- tables ---------------------------------------------------------------------------------------------------

_CELLS_JS = """
table => Array.from(table.rows, row => Array.from(row.cells, cell => {
  const box = cell.getBoundingClientRect();
  const style = getComputedStyle(cell);
  return {tag: cell.tagName.toLowerCase(), rowspan: cell.rowSpan, colspan: cell.colSpan,
          left: box.left, top: box.top, right: box.right, bottom: box.bottom,
          border: style.borderTopStyle + " " + style.borderLeftStyle + " " + style.borderTopWidth};
}))
"""


def place(rows: list[list[dict[str, Any]]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Each rendered cell at its grid position (the HTML table model)."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            taken |= {(r + i, c + j) for i in range(cell["rowspan"]) for j in range(cell["colspan"])}
            placed.append((r, c, cell))
            c += cell["colspan"]
    return placed


def lines_up(values: dict[int, list[float]]) -> dict[int, float]:
    """One coordinate per grid line: every cell that starts (or ends) on it agrees within 1 px."""
    for line, xs in values.items():
        assert max(xs) - min(xs) <= 1, f"grid line {line}: {xs}"
    return {line: xs[0] for line, xs in values.items()}


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.key)
def test_tables_have_the_spec_rows_and_spans_and_line_up_on_the_grid(opened, spec: TableSpec):
    table = opened.page.locator(f"#govreport-table-{spec.key}")
    rows = table.evaluate(_CELLS_JS)
    assert len(rows) == spec.n_rows
    placed = place(rows)
    shown = {(r, c, cell["rowspan"], cell["colspan"]) for r, c, cell in placed}
    assert shown == {(cell.row, cell.column, cell.rowspan, cell.colspan) for cell in spec.grid}
    assert all(cell["border"] == "solid solid 1px" for _, _, cell in placed)

    lefts: dict[int, list[float]] = {}
    rights: dict[int, list[float]] = {}
    tops: dict[int, list[float]] = {}
    bottoms: dict[int, list[float]] = {}
    for r, c, cell in placed:
        lefts.setdefault(c, []).append(cell["left"])
        rights.setdefault(c + cell["colspan"], []).append(cell["right"])
        tops.setdefault(r, []).append(cell["top"])
        bottoms.setdefault(r + cell["rowspan"], []).append(cell["bottom"])
    x, y = lines_up(lefts), lines_up(tops)
    x_end, y_end = lines_up(rights), lines_up(bottoms)
    # A cell's right edge is the next column's left edge; rows likewise.
    for line in set(x) & set(x_end):
        assert abs(x[line] - x_end[line]) <= 1
    for line in set(y) & set(y_end):
        assert abs(y[line] - y_end[line]) <= 1
    assert sorted(x) == list(range(spec.n_columns))
    assert sorted(y) == list(range(spec.n_rows))
    # The columns have the official template's proportions.
    edges = [x[c] for c in range(spec.n_columns)] + [x_end[spec.n_columns]]
    widths = [b - a for a, b in itertools.pairwise(edges)]
    scale = sum(widths) / sum(spec.grid_widths)
    assert widths == pytest.approx([w * scale for w in spec.grid_widths], abs=1.5)
    assert all(y[r] < y[r + 1] for r in range(spec.n_rows - 1))


def test_blank_na_and_zero_cells_render_differently(browser):
    sample = g.load(EXAMPLES[0])
    report = attrs.evolve(
        sample,
        applications=sample.applications.with_values(
            {("granted", "natural_person"): 0, ("granted", "total"): g.Cell.not_applicable("/")}
        ),
    )
    opened = open_html(browser, g.export(report, "html").decode("utf-8"))
    try:
        cells = opened.page.evaluate(
            """() => Object.fromEntries(Array.from(
                 document.querySelectorAll('td[data-row="granted"]'),
                 td => {
                   const hidden = td.querySelector('.visually-hidden');
                   const box = hidden && hidden.getBoundingClientRect();
                   return [td.dataset.column, {
                     visible: Array.from(td.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join(''),
                     hidden: hidden ? [hidden.textContent, box.width, box.height] : null,
                     color: getComputedStyle(td).color, title: td.title}];
                 }))"""
        )
    finally:
        opened.page.close()
    zero, blank, na = cells["natural_person"], cells["commercial_enterprise"], cells["total"]
    assert (zero["visible"], zero["hidden"]) == ("0", None)
    assert (na["visible"], na["title"]) == ("/", "不适用")
    assert blank["visible"] == ""
    assert blank["hidden"] == ["空", 1, 1]  # said by screen readers, not shown
    assert na["color"] != zero["color"]


# --- layout ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [A4_WIDTH_PX, 375], ids=["A4", "phone"])
def test_no_horizontal_overflow(opened, width):
    opened.page.set_viewport_size({"width": width, "height": A4_HEIGHT_PX})
    try:
        scroll, client = opened.page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client
        # Everything but what scrolls inside a table's own box stays within the window.
        widest = opened.page.evaluate(
            """Math.max(...Array.from(document.querySelectorAll('article *'))
                 .filter(e => !e.closest('.table-wrapper') || e.matches('.table-wrapper'))
                 .map(e => e.getBoundingClientRect().right))"""
        )
        assert widest <= client + 0.5
    finally:
        opened.page.set_viewport_size({"width": A4_WIDTH_PX, "height": A4_HEIGHT_PX})


PHONE = 390

_LINES_JS = """
cell => {
  // The lines a cell's text takes: the distinct tops of the boxes of its text.
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
  return tops.size;
}
"""


@pytest.fixture
def phone(opened) -> Iterator[Any]:
    opened.page.set_viewport_size({"width": PHONE, "height": 844})
    yield opened.page
    opened.page.set_viewport_size({"width": A4_WIDTH_PX, "height": A4_HEIGHT_PX})


def test_on_a_phone_every_number_is_on_one_line_and_no_label_stacks_by_the_character(phone):
    lines = phone.evaluate(
        f"""() => Array.from(document.querySelectorAll('td.value'), td => [td.dataset.row, td.dataset.column,
                  Array.from(td.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join('').trim(),
                  ({_LINES_JS})(td)])"""
    )
    assert len(lines) == sum(len(spec.cells) for spec in TABLES)
    shown = [(row, column, text, n) for row, column, text, n in lines if text]
    assert shown, "no value is shown"
    assert [(row, column, text) for row, column, text, n in shown if n != 1] == []
    # A column label takes as few lines as its width allows, never one character a line.
    labels = phone.evaluate(
        f"""() => Array.from(document.querySelectorAll('th.column-header'), th => [th.textContent.trim(),
                  ({_LINES_JS})(th)])"""
    )
    for text, n in labels:
        assert n <= math.ceil(len(text) / 2), f"{text!r} takes {n} lines"


def test_on_a_phone_wide_tables_scroll_in_their_box_with_the_labels_in_view(phone):
    boxes = phone.evaluate(
        """() => Array.from(document.querySelectorAll('.table-wrapper'), wrapper => {
             wrapper.scrollLeft = wrapper.scrollWidth;  // as far right as it goes
             const box = wrapper.getBoundingClientRect();
             const labels = Array.from(wrapper.querySelectorAll('th.sticky'), th => th.getBoundingClientRect());
             const values = Array.from(wrapper.querySelectorAll('td.value'), td => td.getBoundingClientRect());
             const result = {id: wrapper.querySelector('table').id, left: box.left, right: box.right,
                             scroll: wrapper.scrollWidth, client: wrapper.clientWidth,
                             labels: labels.map(r => [r.left, r.right]),
                             lastValue: Math.max(...values.map(r => r.right))};
             wrapper.scrollLeft = 0;
             return result;
           })"""
    )
    scrolled = [box for box in boxes if box["scroll"] > box["client"]]
    assert any(box["id"].endswith("applications") for box in scrolled), "table 三 does not scroll on a phone"
    for box in scrolled:
        if box["id"].endswith("review_litigation"):
            assert box["labels"] == []  # table 四 has no row labels: all of it scrolls
            continue
        assert box["labels"], box["id"]
        # Scrolled to the end, the row labels are still where they were, inside the box…
        assert all(box["left"] - 1 <= left and right <= box["right"] + 1 for left, right in box["labels"])
        # …and the last column has come into view beside them.
        assert box["lastValue"] <= box["right"] + 1


def test_title_is_centred_and_the_authority_centred_over_the_date(opened):
    boxes = opened.page.evaluate(
        """() => {
          const article = document.querySelector('article.govreport');
          const style = getComputedStyle(article);
          const box = article.getBoundingClientRect();
          const left = box.left + parseFloat(style.paddingLeft), right = box.right - parseFloat(style.paddingRight);
          const range = e => {
            const r = document.createRange();
            r.selectNodeContents(e);
            return r.getBoundingClientRect();
          };
          return {left, right,
                  title: Array.from(document.querySelectorAll('.title-line'), e => range(e)),
                  signature: Array.from(document.querySelectorAll('.signature p'), e => range(e)),
                  titleAlign: getComputedStyle(document.querySelector('.title')).textAlign};
        }"""
    )
    assert boxes["titleAlign"] == "center"
    middle = (boxes["left"] + boxes["right"]) / 2
    for line in boxes["title"]:
        assert abs((line["left"] + line["right"]) / 2 - middle) <= 2
    # GB/T 9704 7.3.5: the date four characters (of 16 pt) in from the right, the authority centred over it.
    authority, date = boxes["signature"]
    character = 16 * 96 / 72
    assert boxes["right"] - date["right"] == pytest.approx(4 * character, abs=1)
    assert (authority["left"] + authority["right"]) / 2 == pytest.approx((date["left"] + date["right"]) / 2, abs=1)
    assert authority["right"] - authority["left"] > date["right"] - date["left"]  # the examples' names are longer
    assert opened.page.inner_text(".signature .date").endswith("日")
    # A4 margins on screen too: 28 mm on the left, 26 mm on the right of a 210 mm sheet.
    assert boxes["left"] == pytest.approx(28 / 25.4 * 96, abs=1)
    assert A4_WIDTH_PX - boxes["right"] == pytest.approx(26 / 25.4 * 96, abs=1.5)


def test_cjk_text_is_drawn_with_cjk_fonts(opened):
    cdp = opened.page.context.new_cdp_session(opened.page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        used: dict[str, list[str]] = {}
        for selector in (".title-line", ".preamble p", "h2", "#govreport-table-applications th", ".signature p"):
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            used[selector] = [f["postScriptName"] for f in fonts if f["glyphCount"] > 0]
    finally:
        cdp.detach()
    cjk = re.compile(r"CJK|FangSong|Fangsong|SimSun|SimHei|KaiTi|XiaoBiaoSong|SourceHan", re.IGNORECASE)
    for selector, fonts in used.items():
        assert fonts, selector
        assert all(cjk.search(font) for font in fonts), f"{selector} drawn with {fonts}"
    # The title's face is a real bold (the stand-in for 小标宋), not the body face made bold.
    assert any("Bold" in font or "XiaoBiaoSong" in font for font in used[".title-line"])


def test_print_styles_apply(opened):
    page = opened.page
    page.emulate_media(media="print")
    try:
        styles = page.evaluate(
            """() => ({
              thead: Array.from(document.querySelectorAll('thead'), e => getComputedStyle(e).display),
              rows: Array.from(document.querySelectorAll('table tr'), e => getComputedStyle(e).breakInside),
              font: getComputedStyle(document.querySelector('article')).fontFamily,
              padding: getComputedStyle(document.querySelector('article')).paddingLeft,
            })"""
        )
    finally:
        page.emulate_media(media="null")  # back to no emulation: page.pdf() then prints with print CSS
    assert styles["thead"] == ["table-header-group"] * 2
    assert set(styles["rows"]) == {"avoid"}
    assert "仿宋" in styles["font"]
    assert styles["padding"] == "0px"  # on paper the @page margins do it


# --- printing -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(opened) -> tuple[g.Report, Path, list[Page]]:
    """The page printed to PDF by Chromium (A4, as a person prints it), read back word by word."""
    pdf = BUILD / f"{opened.name}.pdf"
    opened.page.pdf(path=str(pdf), format="A4")
    report = g.load(next(p for p in EXAMPLES if p.parent.name == opened.name))
    return report, pdf, pages(pdf)


def test_printing_gives_a4_pages_with_official_margins_and_page_numbers(opened, printed):
    report, pdf, all_pages = printed
    png = BUILD / f"{opened.name}.png"
    opened.page.screenshot(path=str(png), full_page=True)
    assert png.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")
    info = _poppler("pdfinfo", pdf)
    assert "(A4)" in info
    flat = "".join(page.text for page in all_pages)
    assert report.metadata.issuing_body in flat
    date = report.signature.date
    assert f"{date.year}年{date.month}月{date.day}日" in flat

    # Margins of GB/T 9704: the text starts 28 mm from the left edge and ends 26 mm from the right.
    words = [word for page in all_pages for word in page.words]
    width = all_pages[0].width
    assert min(w.left for w in words) == pytest.approx(28 * MM, abs=1.5)
    assert width - max(w.right for w in words) == pytest.approx(26 * MM, abs=1.5)

    # "— N —" under the text area of every page (from the @page margin boxes): odd pages at the
    # right, even pages at the left.
    for page in all_pages:
        numbers = [w for w in page.find(str(page.number)) if w.top > page.height - 35 * MM]
        assert numbers, f"page {page.number} has no page number"
        assert (numbers[-1].left > width / 2) == (page.number % 2 == 1)
        assert len([w for w in page.words if w.text == "\u2014" and w.top > page.height - 35 * MM]) == 2


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.key)
def test_printed_each_table_is_on_one_page_with_its_heading(printed, spec: TableSpec):
    # A table that does not fit below the text before it starts on a fresh page: no page holds a
    # table's header and a row or two, no merged label (三、本年度办理结果) is cut in two.
    _report, _pdf, all_pages = printed
    labels = [cell.text for cell in spec.grid if cell.text]
    holding = [set(pages_holding(all_pages, label)) for label in labels]
    common = set.intersection(*holding)
    assert common, f"table {spec.number}'s labels are on pages {sorted(set.union(*holding))}, not on one"
    page = min(common)
    assert page in pages_holding(all_pages, SECTION_INDEX[spec.key].heading)
    for cell in spec.grid:
        if cell.rowspan > 1 and cell.text:
            assert compact(cell.text) in all_pages[page - 1].text, f"{cell.text!r} is cut"


def _poppler(tool: str, *args: str | Path) -> str:
    executable = shutil.which(tool)
    assert executable, f"{tool} is missing (poppler-utils, installed by .ci/run)"
    return subprocess.run(
        [executable, *map(str, args)], capture_output=True, text=True, encoding="utf-8", check=True, timeout=60
    ).stdout


# --- a fragment in a host page --------------------------------------------------------------------------------

HOST = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<style>body { font: 14px/1.4 sans-serif; margin: 8px } table { border: 2px dashed red }</style></head>
<body><h1 id="h">Host</h1><p id="p">Host text</p><table id="t"><tr><td id="td">1</td></tr></table>
<div id="slot">{fragment}</div><h2 id="h2">After</h2><p id="p2">More host text</p></body></html>"""

_HOST_STYLES_JS = """
() => Object.fromEntries(['h', 'p', 't', 'td', 'h2', 'p2'].map(id => {
  const s = getComputedStyle(document.getElementById(id));
  return [id, [s.fontFamily, s.fontSize, s.lineHeight, s.textIndent, s.margin, s.border, s.textAlign,
               s.fontWeight, s.color, s.backgroundColor, s.display]];
}))
"""


def test_a_fragment_styles_only_itself(browser):
    report = g.load(EXAMPLES[-1])
    fragment = g.export(report, "html", fragment=True).decode("utf-8")
    alone = open_html(browser, HOST.replace("{fragment}", ""))
    embedded = open_html(browser, HOST.replace("{fragment}", fragment))
    try:
        assert embedded.errors == []
        assert [url for url in embedded.requests if not url.startswith(("data:", "about:"))] == []
        assert embedded.page.evaluate(_HOST_STYLES_JS) == alone.page.evaluate(_HOST_STYLES_JS)
        # …while the report inside is styled: bordered tables, its own font.
        inside = embedded.page.evaluate(
            """() => [getComputedStyle(document.querySelector('.govreport td')).borderTopStyle,
                      getComputedStyle(document.querySelector('.govreport p')).fontFamily]"""
        )
        assert inside[0] == "solid"
        assert "仿宋" in inside[1]
        assert embedded.page.evaluate("document.querySelectorAll('.govreport table').length") == 3
    finally:
        alone.page.close()
        embedded.page.close()
