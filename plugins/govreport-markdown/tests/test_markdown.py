"""The markdown exporter: conformance, GitHub tables that lose no label, text that stays text."""

from __future__ import annotations

from pathlib import Path

import attrs
from govreport_markdown import MARKDOWN, TEMPLATES
from govreport_markdown.escape import escape
from govreport_markdown.tables import SEPARATOR
from markdown_it import MarkdownIt

import govreport
from govreport.plugins import build_registry
from govreport.spec import TABLES
from govreport.testing import HOSTILE_TEXT, check_exporter, complete_report, hostile_report

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "wangfu-2022" / "report.json"
PARSER = MarkdownIt("commonmark").enable("table")


def tokens(report: govreport.Report) -> list:  # type: ignore[type-arg]
    return PARSER.parse(MARKDOWN.render(report, blank="").decode("utf-8"))


def test_conformance() -> None:
    check_exporter(MARKDOWN)


def test_installed_as_a_plugin() -> None:
    registry = build_registry(only=["markdown"])
    source = registry.exporter_source("markdown")
    assert (source.name, source.distribution) == ("markdown", "govreport-markdown")


def test_built_on_the_text_template_not_a_copy() -> None:
    template = (TEMPLATES / "report.md.j2").read_text(encoding="utf-8")
    assert '{% extends "default:report.txt.j2" %}' in template
    assert template.count("{% block ") <= 2  # overrides, not a second copy of the report's layout


def test_every_table_row_and_column_path_is_a_table_cell() -> None:
    report = complete_report()
    text = {t.content for t in tokens(report) if t.type == "inline"}
    for spec in TABLES:
        for row in spec.rows:
            assert SEPARATOR.join(row.path) in text
        for column in spec.columns:
            assert SEPARATOR.join(column.path) in text
    # Tables 三 and 四 give one GitHub table each; table 二 one per set of columns (制发, 处理决定, 收费).
    assert sum(1 for t in tokens(report) if t.type == "table_open") == 3 + 1 + 1


def test_headings_and_paragraphs() -> None:
    report = govreport.load(EXAMPLE)
    parsed = tokens(report)
    headings = [parsed[i + 1].content for i, t in enumerate(parsed) if t.type == "heading_open"]
    assert headings[0] == report.metadata.display_title
    assert headings[1:] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    html = PARSER.render(MARKDOWN.render(report).decode("utf-8"))
    for block in report.overview:
        assert f">{getattr(block, 'full_text', getattr(block, 'text', ''))}</p>" in html


def test_hostile_text_renders_as_written() -> None:
    html = PARSER.render(MARKDOWN.render(hostile_report()).decode("utf-8"))
    assert "<script>" not in html
    assert "<strong>" not in html
    assert "<code>" not in html
    assert "<a " not in html
    rendered = PARSER.renderInline(escape(HOSTILE_TEXT))
    assert rendered == PARSER.utils.escapeHtml(HOSTILE_TEXT)


def test_line_starts_that_would_be_blocks_are_escaped() -> None:
    for text in ("1. not a list", "- not a list", "# not a heading", "> not a quote", "    not code", "\tnot code"):
        html = PARSER.render(escape(text))
        assert html == f"<p>{PARSER.utils.escapeHtml(text)}</p>\n", text


def test_a_carriage_return_stays_in_the_text_and_starts_no_block() -> None:
    """CommonMark ends a line at a carriage return as at a line feed: unescaped, "a\\r- b" was a list."""
    for text in ("a\r- b", "a\r\n# b", "a\r    code", "a\r1. b"):
        html = PARSER.render(escape(text))
        assert html.startswith("<p>"), text
        assert html.count("<p>") == 1, text
        assert "\r" in html, text
        cell = PARSER.render(f"| h |\n| --- |\n| {escape(text, block=False)} |\n")
        assert cell.count("<tr>") == 2, text  # the header and one row: the row was not cut


def test_a_title_with_a_line_break_is_one_heading() -> None:
    report = complete_report()
    titled = attrs.evolve(report, metadata=attrs.evolve(report.metadata, title="第一行\n- 第二行"))
    parsed = tokens(titled)
    assert parsed[0].type == "heading_open"
    assert parsed[1].content == "第一行 - 第二行"
    assert not [t for t in parsed if t.type == "bullet_list_open"]
