"""Fuzzed round trips: reports full of hostile text and extreme numbers, through every format.

JSON, our text export and our DOCX export read back to an equal report. Every registered
exporter — the built-ins and the installed plugins, listed from the registry — gives
well-formed bytes, or an ``ExportError`` that says what its format cannot hold. What each format
does with text it cannot hold is in docs/robustness.md ("Fuzzed round trips"); the example
counts come from the Hypothesis profile (tests/conftest.py): ``HYPOTHESIS_PROFILE=nightly``
runs many more.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import govreport as g
from govreport.errors import ExportError, GovReportError
from govreport.formats import Exporter
from govreport.importers.docx import read_docx
from govreport.importers.text import read_text
from govreport.plugins import get_registry
from strategies import EXTREME_AMOUNTS, EXTREME_COUNTS, HOSTILE_PIECES, examples, hostile_reports

#: What XML 1.0 cannot hold, even as a character reference.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: What HTML calls a parse error in its input stream: controls but ASCII whitespace, noncharacters.
HTML_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)


def exporter_names() -> list[str]:
    return sorted(info.name for info in g.list_formats() if info.kind == "exporter")


def render(name: str, report: g.Report, **options: Any) -> bytes:
    """The exporter's own render, not ``g.export``: that would wrap any exception in an ExportError."""
    exporter: Exporter = get_registry().exporter(name)
    return exporter.render(report, **exporter.resolve_options(options))


def render_or_error(name: str, report: g.Report) -> bytes | GovReportError:
    """The output, or the GovReportError the exporter raised (any other exception propagates)."""
    try:
        return render(name, report)
    except GovReportError as error:
        return error


# -- lossless round trips -------------------------------------------------------------------------


@settings(max_examples=examples(200))
@given(hostile_reports)
def test_json_round_trip_is_lossless(report: g.Report) -> None:
    data = render("json", report)
    json.loads(data)  # plain JSON, whatever the text holds
    assert g.loads(data) == report
    assert g.loads(render("json", report, indent=0)) == report


@settings(max_examples=examples(100))
@given(hostile_reports, st.integers(40, 160))
def test_our_text_export_reads_back_exactly(report: g.Report, width: int) -> None:
    data = render("text", report, width=width, annotations=True)
    data.decode("utf-8")  # strict: every character is written as it is
    imported = read_text(data)
    assert imported.report == report
    assert imported.findings == ()


def docx_parts(data: bytes) -> dict[str, ET.Element]:
    """Every XML part of a package, parsed: an XML 1.0 parser refuses what XML cannot hold."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
        return {name: ET.fromstring(archive.read(name)) for name in names}


@settings(max_examples=examples(100))
@given(hostile_reports)
def test_our_docx_export_reads_back_exactly(report: g.Report) -> None:
    data = render("docx", report)
    parts = docx_parts(data)
    assert "word/document.xml" in parts
    imported = read_docx(data)
    assert imported.report == report
    assert imported.findings == ()


# -- every exporter -----------------------------------------------------------------------------------


def test_the_registry_lists_the_installed_plugins() -> None:
    """The test below covers what the registry lists: a plugin that fails to load would drop out."""
    registry = get_registry()
    assert registry.failures == []
    plugins = [name for name in exporter_names() if not registry.exporter_source(name).builtin]
    assert plugins, "no installed exporter plugin: pip install -e plugins/govreport-xlsx …"
    assert {"json", "text", "html", "docx"} <= set(exporter_names())


class StrictHTML(HTMLParser):
    """Elements closed in order, and everything that is not an element or text collected."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.other: list[str] = []  # comments, processing instructions, CDATA sections

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _value in attrs]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _value in attrs]

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"<!--{data}-->")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"<![{data}]>")


def parse_html(data: bytes) -> StrictHTML:
    parser = StrictHTML()
    parser.feed(data.decode("utf-8"))
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


BLANK_REPORT = g.Report(metadata=g.Metadata(issuing_body="空白机关", year=2023, body_kind="other"))


@functools.cache
def plain_render(name: str, **options: Any) -> bytes:
    """The output for a report without hostile text, to compare a hostile one's structure with."""
    return render(name, BLANK_REPORT, **options)


def html_texts(report: g.Report) -> Iterator[str]:
    """Texts of the report that the HTML page shows, each as one run of text."""
    from govreport.exporting import block_text

    remediation = report.remediation
    parts = (remediation.previous, remediation.problems, remediation.measures)
    blocks = [
        *report.preamble,
        *report.overview,
        *(block for table in report.tables for block in table.notes),
        *remediation.intro,
        *remediation.closing,
        *(part.heading for part in parts if part.heading is not None),
        *(block for part in parts for block in part.intro),
        *report.other_matters.intro,
    ]
    yield from (block_text(block) for block in blocks)
    yield report.title
    for part in parts:
        for item in part.items:
            if isinstance(item, g.Rectification):  # the restated problem and the text apart
                yield item.number + item.problem
                yield item.text
            else:
                yield item.number + item.text
    yield from (item.full_text for item in report.other_matters.items)
    yield from (cell.raw for table in report.tables for _spec, cell in table.items() if cell.raw is not None)
    if report.signature is not None:
        yield report.signature.authority


def check_html(data: bytes, report: g.Report) -> None:
    text = data.decode("utf-8")
    assert not HTML_ILLEGAL.search(text), "a character HTML calls a parse error"
    page = parse_html(data)
    plain = parse_html(plain_render("html"))
    # Report text never becomes markup: no element, attribute, comment or style sheet of its own.
    assert set(page.tags) <= set(plain.tags) | {"h3", "h4", "h5", "h6", "a", "span", "div", "p", "section", "time"}
    assert "script" not in page.tags
    assert page.tags.count("style") == plain.tags.count("style")
    assert not [name for name in page.attributes if name.startswith("on")]
    assert page.other == plain.other
    shown = "".join(page.text)
    for value in html_texts(report):
        assert HTML_ILLEGAL.sub("", value) in shown


MARKDOWN_BLOCKS = {
    "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline", "table_open", "table_close",
    "thead_open", "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close", "th_open", "th_close",
    "td_open", "td_close",
}  # fmt: skip


def check_markdown(data: bytes, report: g.Report) -> None:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(data.decode("utf-8"))
    plain = parser.parse(plain_render("markdown").decode("utf-8"))
    # Only the blocks the exporter writes: no list, quote, code block or HTML made of report text.
    assert {token.type for token in tokens} <= MARKDOWN_BLOCKS
    for kind in ("heading_open", "table_open", "tr_open"):
        assert sum(t.type == kind for t in tokens) == sum(t.type == kind for t in plain), kind
    inline = [child.type for token in tokens if token.type == "inline" for child in token.children or ()]
    assert not {"html_inline", "code_inline", "em_open", "strong_open", "link_open", "image"} & set(inline)


def check_csv(data: bytes) -> None:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows
    assert len({len(row) for row in rows}) == 1, "rows of different lengths"


def check_output(exporter: Exporter, data: bytes, report: g.Report) -> None:
    """The output parses as what its media type says it is."""
    media = exporter.media_type.split(";")[0]
    if data.startswith(b"PK\x03\x04"):
        docx_parts(data)
    elif media == "application/json":
        json.loads(data)
    elif media == "text/html":
        check_html(data, report)
    elif media == "text/markdown":
        check_markdown(data, report)
    elif media == "text/csv":
        check_csv(data)
    else:
        data.decode("utf-8")


@pytest.mark.parametrize("name", exporter_names())
@settings(max_examples=examples(40))
@given(report=hostile_reports)
def test_every_exporter_writes_well_formed_bytes_or_says_what_it_cannot_hold(name: str, report: g.Report) -> None:
    data = render_or_error(name, report)
    if isinstance(data, GovReportError):
        assert isinstance(data, ExportError), repr(data)
        assert f"format {name!r} cannot hold" in str(data)
        return
    assert isinstance(data, bytes)
    assert data
    check_output(get_registry().exporter(name), data, report)


# -- what a format cannot hold, example by example ---------------------------------------------------

EXAMPLE = Path(__file__).parents[1] / "examples" / "xinghe-2023" / "report.json"
CONTROL = "".join(chr(code) for code in range(32)) + "\x7f\x85\x9f\ufffe\uffff\ufdd0\U0010ffff"
BREAKOUT = "</style><script>alert(1)</script>]]>--><!--<![CDATA[x]]></textarea></title>&amp;"


def everywhere(text: str) -> g.Report:
    """The example report with ``text`` in every free-text field, and as the text of blank cells."""
    report = g.load(EXAMPLE)
    paragraph = g.Paragraph(text=f"前{text}后")
    metadata = attrs.evolve(report.metadata, issuing_body=f"机关{text}", title=f"标题{text}", website=text)
    cells = {
        ("granted", "total"): g.Cell.blank(raw=text),
        ("granted", "other_organization"): g.Cell.not_applicable(text),
    }
    return attrs.evolve(
        report,
        metadata=metadata,
        preamble=(paragraph, *report.preamble),
        overview=(g.Heading(number=text, text=text), g.Item(number=text, text=text), *report.overview),
        applications=attrs.evolve(report.applications.with_values(cells), notes=(paragraph,)),
        signature=g.Signature(authority=text, date=None),
    )


def test_docx_leaves_out_what_xml_cannot_hold_and_restores_it() -> None:
    report = everywhere(CONTROL)
    data = render("docx", report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                assert not XML_ILLEGAL.search(archive.read(name).decode("utf-8")), name
    document = docx_parts(data)["word/document.xml"]
    shown = "".join(
        t.text or "" for t in document.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
    )
    assert "前" + XML_ILLEGAL.sub("", CONTROL.replace("\t", "").replace("\n", "").replace("\r", "")) + "后" in shown
    assert read_docx(data).report == report


@pytest.mark.parametrize("name", exporter_names())
def test_a_lone_surrogate_is_refused_by_name(name: str) -> None:
    """Only a report built in Python holds one: it is not Unicode text, the JSON loader refuses
    it, and no exporter can write it (the docx record could, but what it gives back could not be
    saved). Each says so, naming the field."""
    report = everywhere("a\udc00b")
    error = render_or_error(name, report)
    assert isinstance(error, ExportError), f"{name} wrote {error!r:.80}"
    assert f"format {name!r} cannot hold a lone surrogate" in str(error)


@pytest.mark.parametrize("name", exporter_names())
def test_line_breaks_of_every_kind_keep_every_output_well_formed(name: str) -> None:
    """A lone carriage return ended Markdown paragraphs and CSV rows, where it was not escaped or
    quoted."""
    report = everywhere("a\r- b\r\n- c\n\r# d\r1. e\u2028f\u2029g\x0bh\x0ci\x85j")
    data = render(name, report)
    check_output(get_registry().exporter(name), data, report)


def test_html_text_never_breaks_out() -> None:
    report = everywhere(BREAKOUT)
    for fragment in (False, True):
        data = render("html", report, fragment=fragment)
        page = parse_html(data)
        plain = parse_html(plain_render("html", fragment=fragment))
        assert "script" not in page.tags
        assert "textarea" not in page.tags
        assert page.tags.count("style") == plain.tags.count("style") == 1
        assert page.other == plain.other
        shown = "".join(page.text)
        assert shown.count(BREAKOUT) >= 8
        assert b"</style><script>" not in data


def test_html_leaves_out_what_html_calls_a_parse_error() -> None:
    data = render("html", everywhere(CONTROL))
    assert not HTML_ILLEGAL.search(data.decode("utf-8"))
    kept = "\t\n\x0c\r"  # ASCII whitespace is HTML text
    assert f"<p>前{kept}后</p>".encode() in data


def test_the_text_export_reads_back_when_the_report_holds_every_noncharacter() -> None:
    """The text exporter marks where texts land with characters the report does not hold; a report
    holding every noncharacter leaves it the tag characters."""
    noncharacters = "".join(chr(code) for code in range(0xFDD0, 0xFDF0)) + "".join(
        chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)
    )
    report = everywhere(noncharacters)
    data = render("text", report, annotations=True)
    assert b"govreport:annotations" in data
    assert read_text(data).report == report


def test_extreme_numbers_stay_exact_in_json_text_and_docx() -> None:
    report = g.load(EXAMPLE)
    values = {
        (spec.row, spec.column): g.Cell.number(EXTREME_COUNTS[i % len(EXTREME_COUNTS)])
        for i, spec in enumerate(report.applications.SPEC.cells)
    }
    for amount in EXTREME_AMOUNTS:
        extreme = attrs.evolve(
            report,
            applications=report.applications.with_values(values),
            active_disclosure=report.active_disclosure.with_values({("fees", "amount"): amount}),
        )
        assert g.loads(render("json", extreme)) == extreme
        assert read_text(render("text", extreme, annotations=True)).report == extreme
        assert read_docx(render("docx", extreme)).report == extreme
        shown = render("text", extreme, annotations=False).decode("utf-8")
        assert re.search(rf"\| +{re.escape(f'{amount:f}')} \|", shown)  # every decimal, positional notation
        assert Decimal(f"{amount:f}") == amount


def test_a_page_of_text_in_a_table_cell_is_drawn_in_seconds() -> None:
    """The text exporter narrows columns one character at a time: a cell holding 20,000 characters
    once took minutes."""
    import time

    report = everywhere("中文 ab" * 4000)
    start = time.perf_counter()
    data = render("text", report, annotations=True)
    assert time.perf_counter() - start < 20
    assert read_text(data).report == report


def test_hostile_pieces_cover_what_the_docs_promise() -> None:
    """The pieces the strategies mix in (see docs/robustness.md)."""
    joined = "".join(HOSTILE_PIECES)
    for char in ("\x00", "\x0c", "\r", "\x85", "\u2028", "\u2029", "\u202e", "\u200d", "\u0301", "\ufffe", "\ufdd0"):
        assert char in joined, repr(char)
    assert any(ord(char) > 0xFFFF for char in joined)
    for markup in ("</style>", "<script>", "]]>", "-->"):
        assert markup in joined
    assert 10**15 in EXTREME_COUNTS
    assert 10**12 in EXTREME_COUNTS
    assert Decimal("0.000000123") in EXTREME_AMOUNTS
    assert Decimal("123456789.987654321") in EXTREME_AMOUNTS
