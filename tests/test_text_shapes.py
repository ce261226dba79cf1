"""The shapes of text that real reports arrive in and that used to read blank or wrong.

Each test starts from a report whose 200 values are distinct (a value in the wrong cell shows),
writes it as a tool writes it (``pdftotext -layout``, a flattened web page, a crawler's page text,
markdown) and then changes it the way published reports differ: a typo in a label, a label wrapped
with its values on its middle line, a group printed as one row of 0s, empty cells between
separators, a title over two lines, the period written 自…起至…止.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

import govreport as g
from govreport.importers.text import read_text
from govreport.spec import APPLICATIONS, SECTIONS
from text_fixtures import distinct_tables, pdftotext_layout, web_flattened

ROOT = Path(__file__).parents[1]
COMPLETE = ROOT / "examples" / "xinghe-2023" / "report.json"
OTHER_ROWS = ("other_no_correction", "other_fee_unpaid", "other_other")


@pytest.fixture(scope="module")
def report() -> g.Report:
    return distinct_tables(g.load(COMPLETE))


def read(text: str) -> g.Imported:
    return read_text(text.encode("utf-8"), source="report.txt")


def wrong_cells(read_report: g.Report, published: g.Report) -> list[str]:
    """Cells read as a number that is not the published one (a blank is not wrong)."""
    wrong = []
    for mine, theirs in zip(read_report.tables, published.tables, strict=True):
        for spec, value in theirs.items():
            got = mine[spec.row, spec.column]
            if got.is_number and str(got) != str(value):
                wrong.append(f"{theirs.SPEC.key}/{spec.row}/{spec.column}: {got} for {value}")
    return wrong


def blank_cells(read_report: g.Report, published: g.Report) -> list[str]:
    return [
        f"{theirs.SPEC.key}/{spec.row}/{spec.column}"
        for mine, theirs in zip(read_report.tables, published.tables, strict=True)
        for spec, _ in theirs.items()
        if not mine[spec.row, spec.column].is_number
    ]


def rules(imported: g.Imported) -> list[str]:
    return [f.rule for f in imported.findings]


def test_the_layout_text_reads_every_value(report):
    imported = read(pdftotext_layout(report))
    assert wrong_cells(imported.report, report) == []
    assert blank_cells(imported.report, report) == []


def test_a_label_printed_with_a_typo_is_read_by_closeness_and_reported(report):
    text = pdftotext_layout(report).replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    imported = read(text)
    assert wrong_cells(imported.report, report) == []
    assert blank_cells(imported.report, report) == []
    approximate = [f for f in imported.findings if f.rule == "import.label_approximate"]
    assert [f.found for f in approximate] == ["2.其他法律行政止公开"]
    assert approximate[0].location.row == "refused_prohibited_by_law"


def test_a_label_wrapped_with_its_values_on_the_middle_line_is_one_row(report):
    layout = pdftotext_layout(report)
    row = next(line for line in layout.split("\n") if "2.申请人逾期未按收费通知" in line)
    values = re.findall(r"\d{4}", row)
    assert len(values) == 7
    label_column = row.index("2.申请人")
    wrapped = "\n".join(
        [
            " " * (label_column - 10) + "（六）其",
            " " * (label_column - 10) + "他处理    " + "2、申请人逾期未按收费通知要    " + "    ".join(values),
            " " * (label_column - 10) + "          求缴纳费用、行政机关不再处理其政府",
            " " * (label_column - 10) + "          信息公开申请",
        ]
    )
    start = layout.index(row)
    # The original row, and its label's continuation lines if any, replaced by the wrapped form.
    end = layout.index("3.其他", start)
    end = layout.rindex("\n", start, end)
    imported = read(layout[:start] + wrapped + layout[end:])
    assert wrong_cells(imported.report, report) == []
    got = imported.report.applications
    assert [str(got["other_fee_unpaid", column.key]) for column in APPLICATIONS.columns] == values


def _with_other_rows_zero(report: g.Report) -> g.Report:
    values = {(spec.row, spec.column): value for spec, value in report.applications.items()}
    for row in OTHER_ROWS:
        for column in APPLICATIONS.columns:
            values[(row, column.key)] = 0
    return attrs.evolve(report, applications=g.ApplicationsTable.from_values(values))


def test_a_group_printed_as_one_row_of_zeros_gives_its_sub_rows_zero_marked_derived(report):
    zeroed = _with_other_rows_zero(report)
    lines = pdftotext_layout(zeroed).split("\n")
    first = next(k for k, line in enumerate(lines) if "1.申请人无正当理由" in line or "1、申请人无正当理由" in line)
    last = next(k for k, line in enumerate(lines) if k > first and re.search(r"3[.、]其他\s", line))
    one_row = "              （六）其他处理" + "        0" * 7
    text = "\n".join([*lines[:first], one_row, *lines[last + 1 :]])
    imported = read(text)
    assert wrong_cells(imported.report, zeroed) == []
    for row in OTHER_ROWS:
        assert all(str(imported.report.applications[row, column.key]) == "0" for column in APPLICATIONS.columns)
    derived = [f for f in imported.findings if f.rule == "import.value_derived"]
    assert len(derived) == 1
    assert "（六）其他处理" in derived[0].message


def test_a_group_printed_as_one_row_that_is_not_zero_stays_blank(report):
    lines = pdftotext_layout(report).split("\n")
    first = next(k for k, line in enumerate(lines) if "1.申请人无正当理由" in line or "1、申请人无正当理由" in line)
    last = next(k for k, line in enumerate(lines) if k > first and re.search(r"3[.、]其他\s", line))
    one_row = "              （六）其他处理" + "        5" * 7
    imported = read("\n".join([*lines[:first], one_row, *lines[last + 1 :]]))
    assert wrong_cells(imported.report, report) == []
    for row in OTHER_ROWS:
        assert all(imported.report.applications[row, column.key].is_blank for column in APPLICATIONS.columns)
    assert "import.group_row" in rules(imported)


def test_a_flattened_table_with_empty_cells_left_by_merged_labels(report):
    # A web page's merged label cells flatten to empty cells between the separators: a label
    # spanning three columns is followed by two empty cells, a sub-row starts with its group's.
    text = web_flattened(report)
    padded = re.sub(r"^\|((?:[一二四]、|（[二七]）)[^|]*)\|", r"|\1| | |", text, flags=re.MULTILINE)
    padded = re.sub(r"^\|(\d\.)", r"| |\1", padded, flags=re.MULTILINE)
    assert "|一、本年新收政府信息公开申请数量| | |1001|" in padded
    assert "| |2.其他法律行政法规禁止公开|1036|" in padded
    imported = read(padded)
    assert wrong_cells(imported.report, report) == []
    assert blank_cells(imported.report, report) == []


def test_a_section_mixing_separated_rows_with_plain_ones(report):
    # Some rows of a flattened table lost their separators: they are read by their labels too.
    text = web_flattened(report)
    mixed = re.sub(
        r"^\|(\d\.[^|]*)\|(.*)\|$", lambda m: f"{m.group(1)} {m.group(2).replace('|', ' ')}", text, flags=re.M
    )
    assert "2.其他法律行政法规禁止公开 1036 1037" in mixed
    imported = read(mixed)
    assert wrong_cells(imported.report, report) == []
    assert blank_cells(imported.report, report) == []


def test_a_title_over_two_lines_gives_the_body_and_the_year(report):
    lines = pdftotext_layout(report).split("\n")
    k = next(k for k, line in enumerate(lines) if line.strip().endswith("政府信息公开工作年度报告"))
    title = lines[k].strip()
    broken = [*lines[:k], "        " + title[:12], "        " + title[12:], *lines[k + 1 :]]
    imported = read("\n".join(broken))
    assert imported.report.metadata.year == report.metadata.year
    assert imported.report.metadata.issuing_body == report.metadata.issuing_body


def test_the_period_written_from_to(report):
    text = pdftotext_layout(report)
    year = report.metadata.year
    sentence = f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    lines = text.split("\n")
    intro = next(k for k, line in enumerate(lines) if line.strip().startswith("一、"))
    imported = read("\n".join([*lines[:intro], "    " + sentence, *lines[intro:]]))
    period = imported.report.metadata.period
    assert period is not None
    assert (period.start, period.end) == (dt.date(year, 1, 1), dt.date(year, 12, 31))


def test_markdown_of_a_web_page_reads_every_value(report):
    rows = web_flattened(report).split("\n")
    markdown = []
    for line in rows:
        if "|" in line:
            markdown.append(f"| {line} |")
        elif re.match(r"^[一二三四五六]、", line):
            markdown.append(f"## **{line}**")
        else:
            markdown.append(line)
    imported = read("\n".join(markdown))
    assert wrong_cells(imported.report, report) == []
    assert "import.section_missing" not in rules(imported)


def test_crawler_text_the_body_run_on_one_line(report):
    # An archive's page text: a header of the page's fields, then every paragraph and cell on one line.
    body = "".join(line.strip() for line in web_flattened(report).split("\n")[1:] if line.strip())
    title = f"{report.metadata.issuing_body}{report.metadata.year}年政府信息公开工作年度报告"
    header = [
        f"标题: {title}",
        "发布时间: 2024-01-20 10:12",
        "文号: ",
        "栏目: 政府信息公开年报",
        "原文链接: https://www.example.gov.cn/zfxxgknb/t20240120_1.htm",
        "==================== 正文 ====================",
    ]
    imported = read("\n".join([*header, body]))
    assert imported.report.metadata.issuing_body == report.metadata.issuing_body
    assert imported.report.metadata.year == report.metadata.year
    assert "import.section_missing" not in rules(imported)
    assert imported.report.signature == report.signature
    assert wrong_cells(imported.report, report) == []
    furniture = [f for f in imported.findings if f.rule == "import.page_furniture"]
    assert len(furniture) == 1
    assert "原文链接" in (furniture[0].found or "")
    text = g.export(imported.report, "text").decode("utf-8")
    assert "原文链接" not in text
    assert "发布时间" not in text


def test_crawler_text_whose_cells_ran_together_stays_blank_never_wrong(report):
    # "713000074" is 71/3/0/0/0/0/74 or 7/13/… : which digits are whose cannot be known.
    flat = web_flattened(report)
    run_together = "".join(re.sub(r"\s*\|\s*", "", line) for line in flat.split("\n")[1:])
    imported = read(f"标题: 某局2023年政府信息公开工作年度报告\n==== 正文 ====\n{run_together}")
    assert wrong_cells(imported.report, report) == []
    assert "import.section_missing" not in rules(imported)


def test_a_row_label_shortened_under_a_misprinted_header_is_read_and_reported(report):
    # As 片区 templates print 表二: no 规章 row, 规范性文件 for 行政规范性文件, 先行有效件数 in the header.
    text = web_flattened(report)
    lines = [line for line in text.split("\n") if not line.startswith("|规章|")]
    shortened = "\n".join(lines).replace("|行政规范性文件|", "|规范性文件|").replace("现行有效件数", "先行有效件数")
    assert "|规范性文件|3004|3005|3006|" in shortened
    imported = read(shortened)
    assert wrong_cells(imported.report, report) == []
    table = imported.report.active_disclosure
    assert [str(table["normative_documents", column]) for column in ("issued", "repealed", "in_force")] == [
        "3004",
        "3005",
        "3006",
    ]
    assert all(table["regulations", column].is_blank for column in ("issued", "repealed", "in_force"))
    approximate = [f for f in imported.findings if f.rule == "import.label_approximate"]
    assert [f.found for f in approximate] == ["规范性文件"]


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        # A "|" typed into a cell makes one cell more: which empty cell is the extra one is unknown.
        ("|（七）总计|1162||1164|x||y|1167||", [""] * 7),
        # An empty column after a full row: no value.
        ("|（七）总计|1162|1163|1164|1165|1166|1167|1168||", [str(n) for n in range(1162, 1169)]),
        # The empty cells a merged label leaves before the values are no values.
        ("|（七）总计||1162|1163|1164|1165|1166|1167|1168|", [str(n) for n in range(1162, 1169)]),
        ("|（七）总计|||1162||1164|1165|1166|1167|1168|", ["1162", "", "1164", "1165", "1166", "1167", "1168"]),
    ],
)
def test_a_row_with_cells_too_many_is_read_only_when_the_extra_ones_are_certain(report, printed, read):
    text = web_flattened(report).replace("|（七）总计|1162|1163|1164|1165|1166|1167|1168|", printed)
    assert printed in text
    imported = read_text(text.encode("utf-8"))
    assert [str(imported.report.applications["results_total", c.key]) for c in APPLICATIONS.columns] == read
    assert wrong_cells(imported.report, report) == []


def test_a_list_of_the_sections_in_a_preamble_is_not_cut_into_headings(report):
    # Only crawler text, or a line whose tables run on in it, is cut at the section headings.
    text = web_flattened(report)
    lines = text.split("\n")
    contents = (
        "全文包括：" + "；".join(spec.heading for spec in SECTIONS) + "。" + "本报告所列数据的统计期限为一年。" * 20
    )
    assert len(contents) > 300
    imported = read("\n".join([lines[0], contents, *lines[1:]]))
    assert wrong_cells(imported.report, report) == []
    assert blank_cells(imported.report, report) == []
    assert "import.table_elsewhere" not in rules(imported)


def test_a_crawler_title_keeps_a_colon_of_its_own():
    imported = read(
        "标题: 关于公开：某某局2023年政府信息公开工作年度报告\n发布时间: 2024-01-20\n==== 正文 ====\n"
        "一、总体情况" + "本局认真贯彻条例。" * 40 + "二、主动公开政府信息情况" + "见下表。" * 40
    )
    assert imported.report.metadata.issuing_body.endswith("某某局")
    assert imported.report.metadata.year == 2023
