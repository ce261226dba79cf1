"""The text exporter: every part of the report, tables aligned by display width, templates overridable."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import govreport as g
from govreport.spec import SECTIONS, TABLES
from govreport.textwidth import display_width, wrap
from strategies import examples, hostile_tables

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def sample() -> g.Report:
    return g.load(ROOT / "examples" / "wangfu-2022" / "report.json")


@pytest.fixture(scope="module")
def complete() -> g.Report:
    return g.load(ROOT / "examples" / "xinghe-2023" / "report.json")


def text_of(report: g.Report, **options: object) -> str:
    """The text as published: without the annotation block (tested in test_text_import.py)."""
    options.setdefault("annotations", False)
    return g.export(report, "text", **options).decode("utf-8")


def test_every_part_of_the_sample_is_in_the_text(sample):
    text = text_of(sample)
    for spec in SECTIONS:
        assert spec.heading in text
    for block in (*sample.preamble, *sample.overview):
        assert getattr(block, "full_text", getattr(block, "text", "")) in text
    for item in sample.other_matters.items:
        assert item.full_text in text
    assert "一是政府信息公开的时效性有待提高" in text  # a run-in problem item
    assert text.rstrip().endswith("2023年1月29日")
    order = [text.index(spec.heading) for spec in SECTIONS]
    assert order == sorted(order)


@pytest.mark.parametrize("width", [80, 100, 140])
def test_table_lines_fit_the_width(complete, width):
    text = text_of(complete, width=width)
    table_lines = [line for line in text.splitlines() if line[:1] in {"+", "|"}]
    assert table_lines
    assert max(display_width(line) for line in table_lines) <= width


def test_tables_have_the_official_labels_and_every_value(complete):
    text = text_of(complete, width=200)
    for spec, table in zip(TABLES, complete.tables, strict=True):
        for cell in spec.grid:
            # Labels may wrap inside a cell, so compare without line structure.
            if cell.text:
                assert cell.text[:6] in text
        for _, cell in table.items():
            assert f" {cell} |" in text


def test_blank_na_and_zero_look_different(sample):
    report = attrs.evolve(
        sample,
        applications=sample.applications.with_values(
            {("granted", "natural_person"): 0, ("granted", "total"): g.Cell.not_applicable("/")}
        ),
    )
    row = next(line for line in text_of(report, width=160).splitlines() if "（一）予以公开" in line)
    cells = [c.strip() for c in row.split("|")[3:-1]]
    assert cells[0] == "0"
    assert cells[-1] == "/"
    assert cells[1] == ""
    marked = next(line for line in text_of(report, width=160, blank="·").splitlines() if "（一）予以公开" in line)
    assert "·" in marked


def test_numbers_are_right_aligned(complete):
    row = next(line for line in text_of(complete, width=160).splitlines() if "一、本年新收" in line)
    value = row.split("|")[-2]
    assert value.endswith(" ")
    assert value.strip()
    assert value[-2] != " "


def test_review_table_is_transposed_when_narrow(complete):
    narrow = text_of(complete, width=100)
    wide = text_of(complete, width=200)
    total = str(complete.review_litigation["lawsuit_after_review", "total"])

    def labelled_value_rows(text: str) -> list[str]:
        return [line for line in text.splitlines() if "复议后起诉" in line and f" {total} |" in line]

    assert labelled_value_rows(narrow)  # 3 rows x 5 columns: labels and values on one line
    assert not labelled_value_rows(wide)  # the official 1 x 15 layout: values under the headers


def test_wrap_keeps_numbers_whole_and_punctuation_off_line_starts():
    lines = wrap("共收到申请12345件，已全部办结。", 8)
    assert all(display_width(line) <= 8 for line in lines)
    assert any("12345" in line for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)


def test_a_user_template_overrides_one_block(sample, tmp_path):
    (tmp_path / "report.txt.j2").write_text(
        '{% extends "default:report.txt.j2" %}{% block signature %}SIGNED BY {{ report.signature.authority }}\n'
        "{% endblock %}",
        encoding="utf-8",
    )
    text = text_of(sample, template_dir=tmp_path)
    assert text.rstrip().endswith("SIGNED BY 青州市王府街道办事处")
    assert SECTIONS[0].heading in text  # the rest is the default


def test_a_template_error_names_the_template_and_line(sample, tmp_path):
    (tmp_path / "report.txt.j2").write_text("line one\n{{ report.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(g.ExportError, match=r"report\.txt\.j2, line 2"):
        text_of(sample, template_dir=tmp_path)
    (tmp_path / "report.txt.j2").write_text("{% block x %}\n{% endblok %}\n", encoding="utf-8")
    with pytest.raises(g.ExportError, match=r"report\.txt\.j2, line 2"):
        text_of(sample, template_dir=tmp_path)


def test_report_text_is_never_evaluated_as_a_template(sample):
    hostile = attrs.evolve(sample, preamble=(g.Paragraph(text="{{ 7 * 7 }}{% raw %}"),))
    assert "{{ 7 * 7 }}{% raw %}" in text_of(hostile)


def test_too_narrow_a_width_is_refused(sample):
    with pytest.raises(g.GovReportError, match="at least 40"):
        text_of(sample, width=10)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.sampled_from([g.ActiveDisclosureTable, g.ApplicationsTable, g.ReviewLitigationTable]).flatmap(
        hostile_tables
    ),
    width=st.sampled_from([40, 72, 100, 160]),
)
def test_column_widths_cached_by_labels_and_widest_counts_are_the_plainly_searched_ones(table, width):
    # The widths are cached by the labels and each column's widest count, with no count or blank
    # cell in the search: the search over every box of the table must give the same widths.
    from govreport.exporters import text_table
    from govreport.exporters.text import choose_layout

    layout = choose_layout(table, width)
    searched = plainly_searched_widths(layout.boxes, layout.n_rows, layout.n_columns, width)
    assert tuple(text_table._column_widths(layout.boxes, layout.n_rows, layout.n_columns, width)) == searched


def plainly_searched_widths(boxes, n_rows, n_columns, width):
    """The exporter's search for column widths as its docstring states it, with nothing cached,
    left out or updated in place: every trial re-measures every box of the table."""
    from govreport.textwidth import display_width, line_count, min_width

    def span(widths, box):
        return sum(widths[box.column : box.column + box.colspan]) + 3 * (box.colspan - 1)

    def total_height(widths):
        heights = [1] * n_rows
        for box in boxes:
            if box.rowspan == 1 and box.text:
                heights[box.row] = max(heights[box.row], line_count(box.text, span(widths, box)))
        return sum(heights)

    need, floor = [1] * n_columns, [1] * n_columns
    for box in boxes:
        if box.colspan == 1:
            need[box.column] = max(need[box.column], display_width(box.text))
            floor[box.column] = max(floor[box.column], min_width(box.text))
    available = width - (3 * n_columns + 1)
    widths = [max(floor[c], min(need[c], available)) for c in range(n_columns)]
    while sum(widths) > available:
        trials = []
        for c in range(n_columns):
            if widths[c] > floor[c]:
                narrower = [*widths[:c], widths[c] - 1, *widths[c + 1 :]]
                trials.append((total_height(narrower), -widths[c], c))
        if not trials:
            break
        widths[min(trials)[2]] -= 1
    for box in boxes:
        if box.colspan > 1 and min_width(box.text) > span(widths, box):
            widths[box.column + box.colspan - 1] += min_width(box.text) - span(widths, box)
    return tuple(widths)
