"""The HTML exporter, checked on the parsed page: structure, tables against the spec and the
official template, every value, headers and ids, escaping of every text field, fragments,
template overrides and errors, the command line. (tests/test_html_browser.py opens the page
in Chromium.)"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from hypothesis import HealthCheck, given, settings

import govreport as g
from govreport.errors import OptionError
from govreport.spec import SECTIONS, TABLES, GridRole, TableSpec
from strategies import examples, reports
from template_grid import TEMPLATE, template_grid

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted(ROOT.glob("examples/*/report.json"))

# --- a small, strict DOM ------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@attrs.define(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = attrs.Factory(list)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter(tag) if cls is None or cls in e.classes]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self, *, spoken: bool = True) -> str:
        """The text content (not CSS); without ``spoken``, without the screen-reader-only spans."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "style":
                continue  # CSS is not text of the page
            elif spoken or "visually-hidden" not in child.classes:
                parts.append(child.text(spoken=spoken))
        return "".join(parts)

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    """Builds the tree and insists that every element is closed explicitly and in order: the
    exporter writes well-formed markup, so a stray end tag means text was not escaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attributes}, parent=self.stack[-1])
        assert len({k for k, _ in attributes}) == len(attributes), f"<{tag}> repeats an attribute"
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attributes)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}>"
        open_tag = self.stack[-1].tag
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str | bytes) -> Element:
    builder = _Builder()
    builder.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    builder.close()
    assert builder.stack == [builder.root], f"unclosed: {[e.tag for e in builder.stack[1:]]}"
    builder.root.attrs["doctype"] = builder.doctype or ""
    return builder.root


def export(report: g.Report, **options: Any) -> str:
    return g.export(report, "html", **options).decode("utf-8")


# --- tables as grids ----------------------------------------------------------------------------------

Grid = set[tuple[int, int, int, int, str]]


def table_cells(table: Element) -> list[tuple[int, int, Element]]:
    """Each cell with its grid position, by the HTML table model (rows in thead, then tbodies)."""
    taken: set[tuple[int, int]] = set()
    placed = []
    rows = [tr for section in table.children if isinstance(section, Element) for tr in section.find_all("tr")]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.children:
            if not isinstance(cell, Element):
                continue
            while (r, c) in taken:
                c += 1
            rowspan, colspan = int(cell.attrs.get("rowspan", 1)), int(cell.attrs.get("colspan", 1))
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            placed.append((r, c, cell))
            c += colspan
    return placed


def html_grid(table: Element) -> Grid:
    """The table as (row, column, rowspan, colspan, label); value cells have no label (as in the template)."""
    return {
        (
            r,
            c,
            int(cell.attrs.get("rowspan", 1)),
            int(cell.attrs.get("colspan", 1)),
            "" if "value" in cell.classes else cell.text(),
        )
        for r, c, cell in table_cells(table)
    }


def spec_grid(spec: TableSpec) -> Grid:
    return {(c.row, c.column, c.rowspan, c.colspan, c.text) for c in spec.grid}


def tables_of(page: Element) -> dict[str, Element]:
    return {t.attrs["id"].removeprefix("govreport-table-"): t for t in page.find_all("table")}


@pytest.fixture(scope="module")
def sample() -> g.Report:
    return g.load(ROOT / "examples" / "wangfu-2022" / "report.json")


@pytest.fixture(scope="module")
def complete() -> g.Report:
    return g.load(ROOT / "examples" / "xinghe-2023" / "report.json")


@pytest.fixture(scope="module")
def template() -> docx.document.Document:
    return docx.Document(str(TEMPLATE))


# --- registration and the document -------------------------------------------------------------------


def test_html_is_a_registered_exporter():
    info = next(f for f in g.list_formats() if f.kind == "exporter" and f.name == "html")
    assert info.extensions == (".html",)
    from govreport.plugins import get_registry

    exporter = get_registry().exporter("html")
    assert exporter.media_type.startswith("text/html")
    assert {o.name for o in exporter.options} >= {"fragment", "blank", "template_dir", "id_prefix"}
    assert exporter.resolve_options({"fragment": "yes"})["fragment"] is True


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_a_standalone_html5_page(path):
    report = g.load(path)
    html = export(report)
    page = parse(html)
    assert page.attrs["doctype"].lower() == "doctype html"
    root = page.find("html")
    assert root.attrs["lang"] == "zh-CN"
    head = root.find("head")
    first = next(e for e in head.children if isinstance(e, Element))
    assert (first.tag, first.attrs) == ("meta", {"charset": "utf-8"})  # the first thing the parser meets
    assert html.index("<meta charset") < 1024
    assert head.find("title").text() == report.title
    assert [e.attrs["content"] for e in head.find_all("meta") if e.attrs.get("name") == "author"] == [
        report.metadata.issuing_body
    ]
    # Nothing to load: no script, no external resource, only in-page links; the CSP forbids the rest.
    assert not page.find_all("script")
    assert not page.find_all("link")
    assert not [e for e in page.iter() if "src" in e.attrs]
    assert all(e.attrs["href"].startswith("#") for e in page.find_all("a"))
    css = "".join(style.children[0] for style in page.find_all("style"))
    assert "url(" not in css
    assert "@import" not in css
    csp = next(e for e in head.find_all("meta") if e.attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp.attrs["content"]
    # Ids are unique, and every in-page link and headers reference points at one.
    ids = [e.attrs["id"] for e in page.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    for anchor in page.find_all("a"):
        assert anchor.attrs["href"][1:] in ids
    for cell in page.find_all("td"):
        assert set(cell.attrs.get("headers", "").split()) <= set(ids)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_part_of_the_report_is_on_the_page(path):
    report = g.load(path)
    page = parse(export(report))
    article = page.find("article", "govreport")
    text = article.text()
    title = article.find("h1")
    assert title.text() == report.title
    assert [h.text() for h in article.find_all("h2")] == [s.heading for s in SECTIONS]
    sections = article.find_all("section")
    assert [s.attrs["id"] for s in sections] == [f"govreport-{s.key}" for s in SECTIONS]
    blocks = [*report.preamble, *report.overview, *report.other_matters.intro]
    for block in blocks:
        assert getattr(block, "full_text", getattr(block, "text", "")) in text
    for item in report.other_matters.items:
        assert item.full_text in text
    for table in report.tables:
        for note in table.notes:
            assert note.text in text
    # Section 五: every item's text exactly once, headings and introductions too.
    remediation = report.remediation
    for part in (remediation.previous, remediation.problems, remediation.measures):
        if part.heading is not None:
            assert part.heading.full_text in text
        for block in part.intro:
            assert block.text in text
        for item in part.items:
            assert text.count(item.text) == 1
            assert item.number in text
    signature = article.find("div", "signature")
    assert signature.find("p", "authority").text() == report.signature.authority
    date = signature.find("time")
    assert date.attrs["datetime"] == report.signature.date.isoformat()
    d = report.signature.date
    assert date.text() == f"{d.year}年{d.month}月{d.day}日"
    assert signature is list(article.find_all("div"))[-1] or article.text().rstrip().endswith(date.text())


def test_the_date_is_written_in_the_official_form(sample):
    page = parse(export(sample))
    assert page.find("time").text() == "2023年1月29日"  # no leading zero in 01 or 09
    run_in = page.find("p", "run-in")
    assert "一是政府信息公开的时效性有待提高" in run_in.text()


def test_the_page_is_styled_for_print():
    page = export(g.Report(metadata=_metadata()))
    css = re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", page, flags=re.DOTALL))
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in css
    assert ".govreport .statistics thead { display: table-header-group; }" in css
    assert re.search(r"\.govreport \.statistics tr \{ break-inside: avoid;", css)
    fangsong = re.search(r"--govreport-fangsong: ([^;]+);", css)
    assert fangsong is not None
    stack = [name.strip().strip('"') for name in fangsong.group(1).split(",")]
    for name in ("仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC"):
        assert name in stack
    assert stack[-1] == "serif"
    assert stack.index("仿宋") < stack.index("Noto Serif CJK SC")


# --- tables: the grid of the spec and of the official template --------------------------------------


@pytest.mark.parametrize("index", range(3), ids=[t.key for t in TABLES])
def test_every_table_has_the_grid_of_the_spec_and_of_the_official_template(complete, sample, template, index):
    spec = TABLES[index]
    expected_from_template = template_grid(template.tables[index])
    for report in (complete, sample, g.Report(metadata=_metadata())):
        table = tables_of(parse(export(report)))[spec.key]
        grid = html_grid(table)
        assert grid == spec_grid(spec)
        assert grid == expected_from_template
        assert len(table.find_all("tr")) == spec.n_rows


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.key)
def test_table_markup_is_accessible(complete, spec):
    table = tables_of(parse(export(complete)))[spec.key]
    assert table.find("caption").text() == spec.caption
    # Column widths from the template, in per cent, one <col> per grid column.
    styles = [col.attrs["style"].split(";")[0] for col in table.find_all("col")]
    widths = [float(style.removeprefix("width: ").removesuffix("%")) for style in styles]
    total = sum(spec.grid_widths)
    assert widths == pytest.approx([100 * w / total for w in spec.grid_widths], abs=1e-4)
    sections = [e.tag for e in table.children if isinstance(e, Element)]
    assert sections[:2] == ["caption", "colgroup"]
    head = table.find_all("thead")
    if spec.header_rows:
        assert len(head) == 1
        assert len(head[0].find_all("tr")) == spec.header_rows
    else:
        assert head == []
    by_position = {(r, c): cell for r, c, cell in table_cells(table)}
    for grid_cell in spec.grid:
        cell = by_position[(grid_cell.row, grid_cell.column)]
        in_head = any(a.tag == "thead" for a in cell.ancestors())
        assert in_head == (grid_cell.row < spec.header_rows)
        if grid_cell.role is GridRole.VALUE:
            assert cell.tag == "td"
            assert "scope" not in cell.attrs
        elif grid_cell.role is GridRole.CORNER:
            assert cell.tag == "td"
            assert "corner" in cell.classes
        elif grid_cell.role is GridRole.ROW_HEADER:
            assert cell.tag == "th"
            assert cell.attrs["scope"] == ("rowgroup" if grid_cell.rowspan > 1 else "row")
        else:  # a column header or a group caption (table 二's headers inside the body)
            assert cell.tag == "th"
            assert cell.attrs["scope"] == ("colgroup" if grid_cell.colspan > 1 else "col")
        if cell.tag == "th":
            assert cell.attrs["id"]
    # An outermost row-group label spans exactly the rows of its <tbody>; inner ones stay inside it.
    for _r, c, cell in table_cells(table):
        if cell.attrs.get("scope") == "rowgroup":
            tbody = next(a for a in cell.ancestors() if a.tag == "tbody")
            rows = tbody.find_all("tr")
            below = rows[next(i for i, tr in enumerate(rows) if cell in tr.children) :]
            assert int(cell.attrs["rowspan"]) == len(rows) if c == 0 else int(cell.attrs["rowspan"]) <= len(below)


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.key)
def test_value_cells_name_their_column_path_and_row_path(complete, spec):
    page = parse(export(complete))
    by_id = {e.attrs["id"]: e for e in page.iter() if "id" in e.attrs}
    table = tables_of(page)[spec.key]
    values = table.find_all("td", "value")
    assert len(values) == len(spec.cells)
    for cell in values:
        row, column = spec.row(cell.attrs["data-row"]), spec.column(cell.attrs["data-column"])
        headers = [by_id[i] for i in cell.attrs["headers"].split()]
        assert all(h.tag == "th" and table in h.ancestors() for h in headers)
        texts = [h.text() for h in headers]
        # Table 二 puts its block caption in the row's groups; table 四 its row labels above the
        # values; so compare the paths as multisets, and table 三 exactly, in order.
        assert sorted(texts) == sorted(row.path + column.path)
        if spec.key == "applications":
            assert texts == [*column.path, *row.path]
            assert len(column.path) in (2, 3)


def test_table_three_headers_have_all_three_levels(complete):
    page = parse(export(complete))
    by_id = {e.attrs["id"]: e for e in page.iter() if "id" in e.attrs}
    cell = next(
        c
        for c in tables_of(page)["applications"].find_all("td")
        if c.attrs.get("data-row") == "refused_state_secret" and c.attrs.get("data-column") == "commercial_enterprise"
    )
    texts = [by_id[i].text() for i in cell.attrs["headers"].split()]
    assert texts == [
        "申请人情况",
        "法人或其他组织",
        "商业企业",
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_value_is_in_its_cell(path):
    report = g.load(path)
    tables = tables_of(parse(export(report)))
    for table in report.tables:
        cells = {
            (c.attrs["data-row"], c.attrs["data-column"]): c for c in tables[table.SPEC.key].find_all("td", "value")
        }
        assert len(cells) == len(table.SPEC.cells)
        for cell_spec, cell in table.items():
            shown = cells[(cell_spec.row, cell_spec.column)]
            if cell.is_number:
                assert shown.text() == str(cell)
                assert "number" in shown.classes
            elif cell.is_not_applicable:
                assert shown.text() == (cell.raw or "/")
            else:
                assert shown.text(spoken=False) == (cell.raw or "")


def test_amounts_are_exact(complete):
    report = attrs.evolve(
        complete, active_disclosure=complete.active_disclosure.with_values({("fees", "amount"): Decimal("96171.60")})
    )
    cell = next(c for c in parse(export(report)).find_all("td") if c.attrs.get("data-row") == "fees")
    assert cell.text() == "96171.60"


def test_blank_na_and_zero_look_different(sample):
    report = attrs.evolve(
        sample,
        applications=sample.applications.with_values(
            {
                ("granted", "natural_person"): 0,
                ("granted", "commercial_enterprise"): g.Cell.not_applicable("—"),
                ("granted", "research_institution"): None,
                ("granted", "public_interest_organization"): g.Cell.blank(raw="约5"),
                ("granted", "total"): 7,
            }
        ),
    )

    def cells(html: str) -> dict[str, Element]:
        table = tables_of(parse(html))["applications"]
        return {c.attrs["data-column"]: c for c in table.find_all("td") if c.attrs.get("data-row") == "granted"}

    shown = cells(export(report))
    zero, na, blank, raw = (
        shown["natural_person"],
        shown["commercial_enterprise"],
        shown["research_institution"],
        shown["public_interest_organization"],
    )
    assert (zero.text(), zero.classes) == ("0", {"value", "number", "zero"})
    assert (na.text(), na.classes, na.attrs["title"]) == ("—", {"value", "na"}, "不适用")
    # A blank is an empty cell: nothing visible, "空" for screen readers, a tooltip.
    assert blank.classes == {"value", "blank"}
    assert blank.text(spoken=False) == ""
    assert blank.find("span", "visually-hidden").text() == "空"
    assert "未填报" in blank.attrs["title"]
    # Text that was not a number is kept as written and marked, not passed off as a value.
    assert (raw.text(), raw.classes) == ("约5", {"value", "blank", "raw"})
    assert shown["total"].text() == "7"
    # The blank option puts a visible mark in blank cells only.
    marked = cells(export(report, blank="·"))
    assert marked["research_institution"].text(spoken=False) == "·"
    assert marked["natural_person"].text() == "0"
    assert marked["commercial_enterprise"].text() == "—"


# --- section 五 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_each_problem_is_paired_with_its_measures(path):
    report = g.load(path)
    remediation = report.remediation
    page = parse(export(report, reading_aids=True))
    by_id = {e.attrs["id"]: e for e in page.iter() if "id" in e.attrs}
    problems = page.find_all(cls="problem")
    measures = page.find_all(cls="measure")
    assert len(problems) == len(remediation.problems.items)
    assert len(measures) == len(remediation.measures.items)
    for element, problem in zip(problems, remediation.problems.items, strict=True):
        assert problem.text in element.text()
        linked = [by_id[a.attrs["href"][1:]] for a in element.find_all("a")]
        expected = remediation.measures_for(problem.key)
        assert [m.text in e.text() for e, m in zip(linked, expected, strict=True)] == [True] * len(expected)
        assert [a.text() for a in element.find_all("a")] == [m.number for m in expected]
    for element, measure in zip(measures, remediation.measures.items, strict=True):
        assert measure.text in element.text()
        linked = [by_id[a.attrs["href"][1:]] for a in element.find_all("a")]
        assert [remediation.problem(key).text in e.text() for key, e in zip(measure.answers, linked, strict=True)]
        assert len(linked) == len(measure.answers)
        assert all("problem" in e.classes for e in linked)


def test_a_measure_may_answer_several_problems(complete):
    page = parse(export(complete, reading_aids=True))
    last = page.find_all(cls="measure")[-1]
    assert [a.text() for a in last.find_all("a")] == ["一是", "二是", "三是"]
    first_problem = page.find_all(cls="problem")[0]
    assert [a.text() for a in first_problem.find_all("a")] == ["一是", "四是"]


def test_with_reading_aids_rectifications_show_their_problem_and_their_text(complete):
    page = parse(export(complete, reading_aids=True))
    items = page.find_all(cls="rectification")
    assert len(items) == len(complete.remediation.previous.items)
    for element, item in zip(items, complete.remediation.previous.items, strict=True):
        assert element.find(cls="rectification-problem").text() == item.number + item.problem
        assert element.find(cls="rectification-text").text() == item.text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_by_default_section_five_is_the_report_text_only(path):
    report = g.load(path)
    page = parse(export(report))
    assert page.find_all(cls="pairing") == []
    assert page.find_all("a") == []
    assert page.find_all(cls="rectification-problem") == []
    section = page.find("section", "section-remediation")
    paragraphs = [p.text(spoken=False) for p in section.find_all("p")]
    remediation = report.remediation
    for item in remediation.previous.items:  # one paragraph: number, the problem restated, the text
        assert any(text.endswith(item.number + item.problem + item.text) for text in paragraphs), item.key
    for item in (*remediation.problems.items, *remediation.measures.items):
        assert any(item.number + item.text in text for text in paragraphs), item.key


def test_run_in_items_stay_in_one_paragraph(sample):
    page = parse(export(sample))
    paragraph = page.find("p", "run-in")
    problems = sample.remediation.problems
    lead = problems.intro[-1].text
    first = problems.items[0]
    assert paragraph.text(spoken=False).startswith(lead + first.number + first.text)
    assert [e.attrs["id"] for e in paragraph.find_all("span", "problem")] == [
        f"govreport-problem-{i}" for i in range(1, len(problems.items) + 1)
    ]
    # No whitespace between the pieces: it would show as a space between Chinese sentences.
    assert not any(isinstance(c, str) and c.isspace() for c in paragraph.children)


def test_no_pairing_is_shown_when_no_measure_names_its_problems(complete):
    measures = tuple(attrs.evolve(m, answers=()) for m in complete.remediation.measures.items)
    remediation = attrs.evolve(
        complete.remediation, measures=attrs.evolve(complete.remediation.measures, items=measures)
    )
    page = parse(export(attrs.evolve(complete, remediation=remediation)))
    assert page.find_all(cls="pairing") == []
    assert len(page.find_all(cls="problem")) == len(complete.remediation.problems.items)


# --- escaping: every text field ----------------------------------------------------------------------------

EVIL = "<script>alert(1)</script>\"'&</table>{{ 7 * 7 }}"
HARMLESS = "普通文字"


def _metadata() -> g.Metadata:
    return g.Metadata(issuing_body="某机关", year=2023, body_kind="other")


def rewrite_strings(value: Any, change: Callable[[str], str]) -> Any:
    """The value with every str field of every attrs object in it changed (enums left alone)."""
    if type(value) is str:
        return change(value)
    if isinstance(value, tuple):
        return tuple(rewrite_strings(v, change) for v in value)
    if attrs.has(type(value)):
        changes = {
            f.alias or f.name: rewrite_strings(getattr(value, f.name), change)
            for f in attrs.fields(type(value))
            if f.init
        }
        return type(value)(**changes)
    return value


def full_report(complete: g.Report) -> g.Report:
    """The complete example with every optional text present: title, contact, raw cell text, notes,
    and every kind of block in every place that holds blocks."""
    meta = complete.metadata
    meta = attrs.evolve(
        meta,
        title="标题",
        published_at="网站",
        website="www",
        contact=g.Contact(organization="办公室", address="地址", postcode="邮编", phone="电话", email="邮箱"),
    )
    every_block = (
        g.Paragraph(text="段落"),
        g.Heading(number="（一）", text="小标题", level=3),
        g.Item(number="1.", text="条目"),
    )
    note = (g.Paragraph(text="注"),)
    remediation = complete.remediation
    remediation = attrs.evolve(
        remediation,
        intro=every_block,
        closing=every_block,
        previous=attrs.evolve(remediation.previous, intro=every_block),
        measures=attrs.evolve(remediation.measures, intro=every_block),
    )
    return attrs.evolve(
        complete,
        metadata=meta,
        preamble=every_block,
        overview=(*complete.overview, *every_block),
        active_disclosure=attrs.evolve(
            complete.active_disclosure.with_values({("regulations", "issued"): g.Cell.not_applicable("／")}),
            notes=note,
        ),
        applications=attrs.evolve(
            complete.applications.with_values({("granted", "other_organization"): g.Cell.blank(raw="约")}),
            notes=note,
        ),
        review_litigation=attrs.evolve(complete.review_litigation, notes=note),
        remediation=remediation,
        other_matters=attrs.evolve(complete.other_matters, intro=every_block),
    )


def tag_sequence(page: Element) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.tag, tuple(sorted(e.attrs))) for e in page.iter()]


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_every_text_field_is_escaped(complete, fragment):
    base = full_report(complete)
    hostile = rewrite_strings(base, lambda s: s + EVIL)
    harmless = rewrite_strings(base, lambda s: s + HARMLESS)
    assert hostile.metadata.contact.email.endswith(EVIL)
    assert hostile.applications["granted", "other_organization"].raw.endswith(EVIL)

    html = export(hostile, fragment=fragment)
    page = parse(html)
    # The same elements, in the same order, with the same attributes as with harmless text:
    # nothing in the report became markup.
    assert tag_sequence(page) == tag_sequence(parse(export(harmless, fragment=fragment)))
    assert not page.find_all("script")
    assert "<script>" not in html
    assert html.count("</table>") == 3
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;" in html
    assert "&#39;" in html
    assert "&amp;" in html
    assert "{{ 7 * 7 }}" in page.text()  # never evaluated as a template
    # Every rendered text field shows the text as written.
    text = page.text()
    article = page.find("article")
    shown = [
        hostile.title,
        hostile.signature.authority,
        *(b.text for b in hostile.preamble),
        *(i.text for i in hostile.remediation.problems.items),
        *(i.problem for i in hostile.remediation.previous.items),
        *(i.number for i in hostile.other_matters.items),
        hostile.applications["granted", "other_organization"].raw,
        hostile.active_disclosure["regulations", "issued"].raw,
        hostile.review_litigation.notes[0].text,
    ]
    for value in shown:
        assert value in text
    assert article.find("h1").text() == hostile.title
    if not fragment:
        author = next(m for m in page.find_all("meta") if m.attrs.get("name") == "author")
        assert author.attrs["content"] == hostile.metadata.issuing_body


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports)
def test_any_report_gives_well_formed_html_without_foreign_elements(report):
    allowed = {
        "#document", "html", "head", "meta", "title", "style", "body", "main", "article", "header", "h1", "h2",
        "h3", "h4", "h5", "h6", "p", "span", "div", "section", "table", "caption", "colgroup", "col", "thead",
        "tbody", "tr", "th", "td", "a", "time",
    }  # fmt: skip
    page = parse(export(report))  # strict: every element closed, in order
    assert {e.tag for e in page.iter()} <= allowed
    assert not [name for e in page.iter() for name in e.attrs if name.startswith("on")]
    assert len(page.find_all("table")) == 3


# --- options ---------------------------------------------------------------------------------------------


def css_selectors(css: str) -> list[str]:
    """The selectors of every style rule, including those inside @media; @font-face and @page have none."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    selectors: list[str] = []
    depth_kinds: list[str] = []
    prelude = ""
    for char in css:
        if char == "{":
            head = prelude.strip()
            if head.startswith(("@media", "@supports")):
                depth_kinds.append("group")
            elif head.startswith("@") or (depth_kinds and depth_kinds[-1] == "declarations"):
                depth_kinds.append("declarations")
            else:
                selectors += [s.strip() for s in head.split(",")]
                depth_kinds.append("declarations")
            prelude = ""
        elif char == "}":
            depth_kinds.pop()
            prelude = ""
        elif char == ";" and (not depth_kinds or depth_kinds[-1] == "group"):
            prelude = ""
        elif not depth_kinds or depth_kinds[-1] == "group":
            prelude += char
    assert depth_kinds == []
    return selectors


def test_a_fragment_is_the_article_alone_with_scoped_css(complete):
    html = export(complete, fragment=True)
    assert html.lstrip().startswith('<article class="govreport"')
    assert html.rstrip().endswith("</article>")
    for tag in ("!DOCTYPE", "html", "head", "body", "main", "meta", "title"):
        assert not re.search(rf"<{tag}[\s>]", html, flags=re.IGNORECASE), tag
    page = parse(html)
    article = page.find("article")
    assert article.attrs["lang"] == "zh-CN"
    styles = article.find_all("style")
    assert len(styles) == 1
    css = styles[0].children[0]
    selectors = css_selectors(css)
    assert len(selectors) > 20
    assert all(s == ".govreport" or s.startswith(".govreport ") for s in selectors), selectors
    assert "@page" not in css  # the host page decides how it prints
    # The body is the same as in the standalone page.
    whole = parse(export(complete)).find("article")
    assert tag_sequence(article)[1:] == tag_sequence(whole)
    assert tag_sequence(article)[0][0] == "style"
    assert article.text().strip() == whole.text().strip()


def test_the_standalone_page_rules_are_separate(complete):
    css = parse(export(complete)).find("style").children[0]
    outside = [s for s in css_selectors(css) if not s.startswith(".govreport")]
    assert sorted(outside) == ["body", "body > main > .govreport", "body > main > .govreport", "html", "html"]


def test_id_prefix_lets_two_reports_share_a_page(complete, sample):
    one = parse(export(complete, fragment=True, id_prefix="a"))
    two = parse(export(sample, fragment=True, id_prefix="b"))
    ids_one = {e.attrs["id"] for e in one.iter() if "id" in e.attrs}
    ids_two = {e.attrs["id"] for e in two.iter() if "id" in e.attrs}
    assert not ids_one & ids_two
    assert all(i.startswith("a") for i in ids_one)
    with pytest.raises(OptionError, match="id_prefix"):
        export(complete, id_prefix='x" onload="alert(1)')


# --- templates ---------------------------------------------------------------------------------------------


def test_a_user_template_overrides_one_block(sample, tmp_path):
    (tmp_path / "report.html.j2").write_text(
        '{% extends "default:report.html.j2" %}\n'
        '{% block signature %}<p class="custom">SIGNED {{ report.signature.authority }}</p>{% endblock %}\n'
        '{% block remediation_item %}<b class="custom-item">{{ item.number }}</b>{% endblock %}\n',
        encoding="utf-8",
    )
    hostile = attrs.evolve(sample, signature=g.Signature(authority=EVIL))
    page = parse(export(hostile, template_dir=tmp_path))
    assert page.find("p", "custom").text() == f"SIGNED {EVIL}"  # user templates autoescape too
    assert page.find_all("div", "signature") == []
    items = sample.remediation
    numbers = [i.number for part in (items.previous, items.problems, items.measures) for i in part.items]
    assert [b.text() for b in page.find_all("b", "custom-item")] == numbers
    assert [h.text() for h in page.find_all("h2")] == [s.heading for s in SECTIONS]  # the rest is the default
    assert len(page.find_all("table")) == 3


def test_a_template_error_names_the_template_and_line(sample, tmp_path):
    (tmp_path / "report.html.j2").write_text("<p>line one</p>\n{{ report.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(g.ExportError, match=r"report\.html\.j2, line 2"):
        export(sample, template_dir=tmp_path)
    (tmp_path / "report.html.j2").write_text(
        '{% extends "default:report.html.j2" %}\n{% block footer %}\n{% endblok %}\n', encoding="utf-8"
    )
    with pytest.raises(g.ExportError, match=r"report\.html\.j2, line 3"):
        export(sample, template_dir=tmp_path)


def test_report_text_is_never_evaluated_as_a_template(sample):
    hostile = attrs.evolve(sample, preamble=(g.Paragraph(text="{{ 7 * 7 }}{% raw %}{#"),))
    assert "{{ 7 * 7 }}{% raw %}{#" in parse(export(hostile)).text()


# --- characters HTML calls a parse error -----------------------------------------------------------------

#: C0 and C1 controls, DEL, noncharacters in the BMP and beyond (the last plane's too), and a
#: character beyond the BMP that HTML holds (U+20000).
NOT_HTML = "\x01\x1b\x7f\x85\x9f\ufdd0\ufdef\ufffe\uffff\U0001fffe\U0010ffff"
KEPT = "\t\n\x0c\r\U00020000"
#: What HTML calls a parse error in its input stream (https://html.spec.whatwg.org/#preprocessing-the-input-stream),
#: surrogates aside (a report holding one is refused).
NOT_HTML_PATTERN = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)


def test_html_text_leaves_out_exactly_what_html_calls_a_parse_error():
    from govreport.templating import html_text

    every = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000]
    # One character at a time: the quick test of a text (nothing to leave out if it is printable)
    # must never pass one of them.
    assert [c for c in every if html_text(c) != NOT_HTML_PATTERN.sub("", c)] == []
    text = "".join(every)
    assert html_text(text) == NOT_HTML_PATTERN.sub("", text)
    assert html_text("前" + NOT_HTML + KEPT + "后") == "前" + KEPT + "后"


def test_the_html_environment_cleans_what_it_prints_but_markup():
    from markupsafe import Markup

    from govreport.templating import environment

    class Odd:
        def __str__(self) -> str:
            return f"odd{NOT_HTML}<"

    template = environment("html", autoescape=True).from_string(
        "{{ text }}|{{ number }}|{{ odd }}|{{ none }}|{{ markup }}|{% autoescape false %}{{ text }}{% endautoescape %}"
    )
    shown = template.render(text=f"a{NOT_HTML}&", number=1.5, odd=Odd(), none=None, markup=Markup(f"<b>{NOT_HTML}</b>"))
    # Markup is printed as it is: what Python makes must be clean already (see the tests below).
    assert shown == f"a&amp;|1.5|odd&lt;|None|<b>{NOT_HTML}</b>|a&"
    # The text environment prints what it is given.
    assert environment("text").from_string("{{ text }}").render(text=NOT_HTML) == NOT_HTML


def test_the_built_in_html_templates_hold_no_character_html_calls_a_parse_error():
    # Their static text is printed as it is: without a template directory, nothing cleans the page.
    templates = Path(g.__file__).parent / "templates" / "html"
    sources = {path.name: path.read_text(encoding="utf-8") for path in templates.glob("*.j2")}
    assert "report.html.j2" in sources
    assert {name: NOT_HTML_PATTERN.findall(source) for name, source in sources.items()} == {
        name: [] for name in sources
    }


@pytest.mark.parametrize("reading_aids", [False, True], ids=["plain", "reading-aids"])
@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_no_character_html_calls_a_parse_error_reaches_the_page(complete, fragment, reading_aids):
    """In every text field: narrative, remediation items (and the links to them), other matters,
    raw and not-applicable cell text, table notes, metadata; and in the blank option."""
    report = rewrite_strings(full_report(complete), lambda s: s + NOT_HTML + KEPT)
    report = attrs.evolve(report, applications=report.applications.with_values({("granted", "total"): None}))
    assert report.remediation.problems.items[0].text.endswith(NOT_HTML + KEPT)
    html = export(report, fragment=fragment, reading_aids=reading_aids, blank="·" + NOT_HTML)
    assert NOT_HTML_PATTERN.findall(html) == []
    text = parse(html).text()
    remediation = report.remediation
    shown = [
        report.title,
        *(b.text for b in report.preamble),
        *(i.text for part in (remediation.previous, remediation.problems, remediation.measures) for i in part.items),
        *(i.number for i in remediation.measures.items),
        *(i.text for i in report.other_matters.items),
        report.applications["granted", "other_organization"].raw,
        report.active_disclosure["regulations", "issued"].raw,
        report.review_litigation.notes[0].text,
        report.signature.authority,
    ]
    for value in shown:
        assert NOT_HTML_PATTERN.sub("", value) in text
    assert "·" in text
    if reading_aids:
        assert 'class="pairing"' in html


def test_no_character_html_calls_a_parse_error_reaches_the_page_from_a_user_template(sample, tmp_path):
    # Static text, and report text printed as markup (|safe, |e, |join, ~ with markup), which the
    # environment prints as it is.
    (tmp_path / "report.html.j2").write_text(
        '{% extends "default:report.html.j2" %}\n'
        f"{{% block footer %}}<footer>静态{NOT_HTML}文字"
        "{{ report.title|safe }}|{{ report.title|e }}|{{ title_lines|join('、') }}|{{ '<i>'|safe ~ report.title }}"
        "</footer>{% endblock %}\n",
        encoding="utf-8",
    )
    report = attrs.evolve(sample, metadata=attrs.evolve(sample.metadata, title=f"标题{NOT_HTML}"))
    html = export(report, template_dir=tmp_path)
    assert NOT_HTML_PATTERN.findall(html) == []
    assert "<footer>静态文字标题|标题|标题|<i>标题</footer>" in html


@pytest.mark.parametrize("name", ["complete", "blank", "not_applicable", "hostile"])
def test_views_of_value_cells_kept_between_reports_are_the_views_of_their_cells(name):
    """Equal cells may print differently, and the blank option changes a blank cell: each report's
    cells show as they do in a process that exported nothing before."""
    from govreport.exporters.html_table import table_view
    from govreport.testing import samples

    report = samples()[name]
    place = ("fees", "amount")
    for value in (Decimal("1.0"), Decimal("1.00"), 1, Decimal("1"), 0, Decimal("0.0")):
        table = report.active_disclosure.with_values({place: value})
        shown = parse(export(attrs.evolve(report, active_disclosure=table)))
        cell = next(c for c in shown.find_all("td") if c.attrs.get("data-row") == "fees")
        assert cell.text() == str(table[place])
        assert ("zero" in cell.classes) == (value == 0)
    place = ("granted", "total")
    for cell, blank in (
        (g.Cell.blank(), "·"),
        (g.Cell.blank(), "—"),
        (g.Cell.blank(), ""),
        (g.Cell.blank(raw="—"), ""),
        (g.Cell.not_applicable("—"), ""),
        (g.Cell.not_applicable(f"—{NOT_HTML}"), ""),
    ):
        table = report.applications.with_values({place: cell})
        views = [v for body in table_view(table, id_prefix="p", blank=blank).bodies for row in body.rows for v in row]
        view = next(v for v in views if v.grid.value == place)
        fresh = attrs.evolve(report, applications=table)
        html = export(fresh, blank=blank, id_prefix="p")
        total = next(
            c for c in parse(html).find_all("td") if (c.attrs.get("data-row"), c.attrs.get("data-column")) == place
        )
        assert total.text(spoken=False) == view.text == NOT_HTML_PATTERN.sub("", str(cell) or blank)
        assert total.classes == set(str(view.attributes["class"]).split())
        assert view.markup in html


def test_the_views_kept_are_bounded(complete, monkeypatch):
    from govreport.exporters import html_table

    spec = complete.applications.SPEC

    def first_slot(id_prefix: str) -> Any:
        layout = html_table._layout(spec, id_prefix)
        return next(s for row in layout.rows for s in row if isinstance(s, html_table._ValueSlot))

    # A place keeps a few views, however many values it shows over the reports.
    slot = first_slot("bounded")
    for count in range(20):
        html_table.table_view(complete.applications.with_values({slot.grid.value: 1000 + count}), id_prefix="bounded")
    assert len(slot.views) == html_table._MAX_VIEWS_PER_PLACE
    # None for a long text (report text, a long number, a long blank mark): only what repeats is kept.
    for prefix, cell, blank in (
        ("long-raw", g.Cell.blank(raw="长" * 17), ""),
        ("long-unclean-raw", g.Cell.blank(raw="\x01" * 17 + "约"), ""),  # short once clean, long as a key
        ("long-count", g.Cell.number(10**17), ""),
        ("long-blank", g.Cell.blank(), "长" * 17),
    ):
        html_table.table_view(complete.applications.with_values({slot.grid.value: cell}), id_prefix=prefix, blank=blank)
        assert first_slot(prefix).views == {}, prefix
    # All layouts together: none is kept past the total.
    monkeypatch.setattr(html_table, "_MAX_VIEWS", html_table._kept_views)
    html_table.table_view(complete.applications, id_prefix="bounded3")
    layout = html_table._layout(spec, "bounded3")
    assert [s.views for row in layout.rows for s in row if isinstance(s, html_table._ValueSlot) and s.views] == []


# --- the command line ------------------------------------------------------------------------------------------


def test_govreport_render_to_html(run_cli, tmp_path, example_report):
    result = run_cli("render", example_report, "--to", "html", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "report.html"
    assert result.stdout.strip() == str(written)
    page = parse(written.read_bytes())
    assert page.find("html").attrs["lang"] == "zh-CN"
    assert len(page.find_all("table")) == 3

    result = run_cli("render", example_report, "--to", "html", "-O", "fragment=true", "-o", tmp_path / "frag")
    assert result.returncode == 0, result.stderr
    fragment = (tmp_path / "frag" / "report.html").read_text(encoding="utf-8")
    assert fragment.lstrip().startswith("<article")

    result = run_cli("render", example_report, "--to", "html", "-O", "html.fragment=maybe", "-o", tmp_path)
    assert result.returncode != 0
    assert "fragment" in result.stderr


# The table block written cell by cell with the table_cell macro, as a template that overrides it
# still may: the default template's rows made in Python must be exactly what the macro writes.
CELL_BY_CELL = """{% extends "default:report.html.j2" %}
{% from "macros.html.j2" import table_cell %}
{% block table scoped %}
<div class="table-wrapper">
<table class="statistics table-{{ table.key }}{% if table.labels_centred %} labels-centred{% endif %}" id="{{ table.id }}" style="--phone-width: {{ table.phone_width }}">
<caption class="visually-hidden">{{ table.caption }}</caption>
{% for group in table.column_groups %}
<colgroup>{% for width in group.widths %}<col style="width: {{ width }}; --phone-width: {{ group.phone_widths[loop.index0] }}">{% endfor %}</colgroup>
{% endfor %}
{% if table.head %}
<thead>
{% for row in table.head %}
<tr>{% for cell in row %}{{ table_cell(cell) }}{% endfor %}</tr>
{% endfor %}
</thead>
{% endif %}
{% for body in table.bodies %}
<tbody>
{% for row in body.rows %}
<tr>{% for cell in row %}{{ table_cell(cell) }}{% endfor %}</tr>
{% endfor %}
</tbody>
{% endfor %}
</table>
</div>
{% endblock %}
"""  # noqa: E501


@pytest.mark.parametrize("name", ["complete", "blank", "not_applicable", "hostile"])
def test_table_rows_are_what_the_cell_macro_writes(name, tmp_path):
    from govreport.testing import samples

    (tmp_path / "report.html.j2").write_text(CELL_BY_CELL, encoding="utf-8")
    report = samples()[name]
    for options in ({}, {"blank": "—", "id_prefix": "r2"}):
        assert export(report, template_dir=tmp_path, **options) == export(report, **options)
    for text in ('<b>约5</b> & "x"', "约\x01\ufffe5\U0001fffe"):  # a template directory's page is cleaned whole
        cell = g.Cell.from_text(text)
        odd = attrs.evolve(report, applications=report.applications.with_values({("granted", "total"): cell}))
        assert export(odd, template_dir=tmp_path) == export(odd)


def test_a_kept_cell_view_cannot_be_changed_under_the_reports_after_it(complete, tmp_path):
    # One view serves every report with that cell in its place: a template that tried to change
    # one would change every later page, so its attributes are read-only.
    from govreport.exporters.html_table import table_view

    views = [
        cell for body in table_view(complete.applications, id_prefix="ro").bodies for row in body.rows for cell in row
    ]
    value = next(cell for cell in views if cell.tag == "td" and "value" in str(cell.attributes.get("class")))
    with pytest.raises(TypeError):
        value.attributes["class"] = "mine"  # type: ignore[index]
    (tmp_path / "report.html.j2").write_text(
        '{% extends "default:report.html.j2" %}{% block table %}'
        "{% for body in table.bodies %}{% for row in body.rows %}{% for cell in row %}"
        "{% set _ = cell.attributes.update(mine=1) %}{% endfor %}{% endfor %}{% endfor %}{% endblock %}",
        encoding="utf-8",
    )
    with pytest.raises(g.ExportError):
        g.export(complete, "html", template_dir=tmp_path)
    assert export(complete) == export(complete)
