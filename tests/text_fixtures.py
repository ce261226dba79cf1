"""Reports as text in the shapes published ones arrive in, written the way the tools write them.

- ``pdftotext -layout``: cells separated by runs of spaces, long labels broken onto a second
  line, 三、本年度办理结果 written one character per line down the left, header words split
  (商业企 / 业), paragraphs wrapped and indented, page marks such as "- 4 -" after a form feed.
- ``pdftotext`` (raw): one text run per line, cells in reading order.
- a web page flattened to text: one table row per line, cells joined by "|" (or tabs), spanned
  cells written once.

Every table value of the report these are made from is distinct, so a value read into the
wrong cell shows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

import govreport as g
from govreport.exporting import block_text, format_date, part_lines
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION, SECTIONS, GridRole

SECTION_FOUR_VARIANT = SECTIONS[3].variants[0]
SECTION_FIVE_VARIANT = SECTIONS[4].variants[0]


def distinct_tables(report: g.Report) -> g.Report:
    """The report with all 200 table values set to distinct numbers."""
    active = {
        (c.row, c.column): (Decimal("3010.25") if c.kind.value == "amount" else 3001 + i)
        for i, c in enumerate(ACTIVE_DISCLOSURE.cells)
    }
    applications = {(c.row, c.column): 1001 + i for i, c in enumerate(APPLICATIONS.cells)}
    review = {(c.row, c.column): 2001 + i for i, c in enumerate(REVIEW_LITIGATION.cells)}
    return attrs.evolve(
        report,
        active_disclosure=g.ActiveDisclosureTable.from_values(active),
        applications=g.ApplicationsTable.from_values(applications),
        review_litigation=g.ReviewLitigationTable.from_values(review),
    )


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _narrative_layout(blocks: tuple[g.Block, ...]) -> list[str]:
    lines = []
    for block in blocks:
        text = block_text(block)
        if isinstance(block, g.Heading):
            lines.append("    " + text)
            continue
        pieces = _wrap(text, 36)
        lines.append("    " + pieces[0])  # a paragraph starts indented, as 两字缩进 prints
        lines.extend(pieces[1:])
    return lines


def _value(cell: g.Cell) -> str:
    return str(cell) if cell.is_number else (cell.raw or "")


def _table_two_layout(report: g.Report) -> list[str]:
    table = report.active_disclosure
    lines = []
    for row in ACTIVE_DISCLOSURE.grid_rows:
        first = row[0]
        if first.role is GridRole.GROUP:
            lines.append(" " * 26 + first.text)
        elif first.role is GridRole.COLUMN_HEADER:
            lines.append("       " + "        ".join(cell.text for cell in row))
        else:
            values = [_value(table[cell.value]) for cell in row if cell.value is not None]
            lines.append(f"    {first.text:<14}" + "".join(f"{v:>16}" for v in values))
    return lines


def _table_three_layout(report: g.Report) -> list[str]:
    table = report.applications
    lines = [
        " " * 6 + "（本列数据的勾稽关系为：第一项加第二项之" + " " * 24 + "申请人情况",
        " " * 6 + "和，等于第三项加第四项之和）" + " " * 32 + "法人或其他组织",
        " " * 50 + "自然人   商业企   科研   社会公益   法律服务   其他   总计",
        " " * 59 + "业     机构     组织       机构",
    ]
    vertical = "三、本年度办理结果"
    results_rows = [row for row in APPLICATIONS.rows if row.groups[:1] == ("三、本年度办理结果",)]
    first_vertical = (len(results_rows) - len(vertical)) // 2
    for row in APPLICATIONS.rows:
        values = "".join(f"{_value(table[row.key, column.key]):>8}" for column in APPLICATIONS.columns)
        in_results = row in results_rows
        position = results_rows.index(row) if in_results else -1
        side = vertical[position - first_vertical] if 0 <= position - first_vertical < len(vertical) else " "
        group = row.groups[1] if len(row.groups) > 1 and row.label.startswith("1.") else ""
        label = row.label.replace("1.", "1、", 1).replace("“", '"').replace("”", '"')
        head, *rest = _wrap(label, 18)
        prefix = f" {side if in_results else ' '}  {group:<10}" if in_results else " "
        lines.append(f"{prefix}{head:<24}{values}")
        for piece in rest:
            lines.append(f"{' ' * len(prefix)}{piece}")
        if row.key == "unavailable_not_held":
            lines.append("\x0c")
            lines.append("                                  - 4 -")
    return lines


def _table_four_layout(report: g.Report) -> list[str]:
    table = report.review_litigation
    values = "  ".join(f"{_value(table[c.value]):>5}" for c in REVIEW_LITIGATION.grid if c.value is not None)
    return [
        "              行政复议                                        行政诉讼",
        "                                         未经复议直接起诉                 复议后起诉",
        " 结果  结果  其他  尚未  总计   结果  结果  其他  尚未  总计   结果  结果  其他  尚未  总计",
        " 维持  纠正  结果  审结         维持  纠正  结果  审结         维持  纠正  结果  审结",
        " " + values,
    ]


def _remediation_lines(report: g.Report) -> list[str]:
    remediation = report.remediation
    lines = [block_text(b) for b in remediation.intro]
    for part in (remediation.previous, remediation.problems, remediation.measures):
        lines += part_lines(part)  # as printed: heading, intro, items (run in where so written)
    return lines + [block_text(b) for b in remediation.closing]


def _signature(report: g.Report) -> list[str]:
    assert report.signature is not None
    return [" " * 40 + report.signature.authority, " " * 42 + format_date(report.signature.date)]


def pdftotext_layout(report: g.Report) -> str:
    meta = report.metadata
    out = [" " * 16 + f"{meta.year}年度{meta.issuing_body}政府信息公开工作年度报告", ""]
    out += _narrative_layout(report.preamble)
    out += ["    " + SECTIONS[0].heading, *_narrative_layout(report.overview)]
    out += ["    " + SECTIONS[1].heading, *_table_two_layout(report)]
    out += ["    " + SECTIONS[2].heading, *_table_three_layout(report)]
    out += ["    注：本表数据截至2023年12月31日，咨询电话0536-1234567，单位：件。"]
    out += ["    四、" + SECTION_FOUR_VARIANT, *_table_four_layout(report)]
    out += [
        "    五、" + SECTION_FIVE_VARIANT,
        *_narrative_layout(tuple(g.Paragraph(text=t) for t in _remediation_lines(report))),
    ]
    out += ["    " + SECTIONS[5].heading]
    out += _narrative_layout(
        tuple(g.Paragraph(text=i.full_text.replace(".", "．", 1)) for i in report.other_matters.items)
    )
    out += ["", *_signature(report), "", "                                  - 9 -"]
    return "\n".join(out) + "\n"


def _grid_cells_per_line(spec_rows: list[list[str]], separator: str) -> list[str]:
    return [separator + separator.join(cells) + separator for cells in spec_rows]


def _flattened_table(table: g.StatisticsTable) -> list[list[str]]:
    """Each grid row's cells as a web page flattened to text writes them: spanned cells once."""
    return [
        [cell.text if cell.value is None else _value(table[cell.value]) for cell in row] for row in table.SPEC.grid_rows
    ]


def web_flattened(report: g.Report, separator: str = "|") -> str:
    meta = report.metadata
    out = [f"{meta.issuing_body}{meta.year}年政府信息公开工作年度报告"]
    out += [block_text(b) for b in report.preamble]
    out += [SECTIONS[0].heading, *(block_text(b) for b in report.overview)]
    for number, table in zip((1, 2, 3), report.tables, strict=True):
        out.append(SECTIONS[number].heading)
        out += _grid_cells_per_line(_flattened_table(table), separator)
    out += [SECTIONS[4].heading, *_remediation_lines(report)]
    out += [SECTIONS[5].heading, *(i.full_text for i in report.other_matters.items)]
    assert report.signature is not None
    out += [report.signature.authority, format_date(report.signature.date)]
    return "\n".join(out) + "\n"


def pdftotext_raw(report: g.Report) -> str:
    """One text run per line; a long label comes out as two runs."""
    meta = report.metadata
    out = [meta.issuing_body, f"{meta.year}年政府信息公开工作年度报告"]
    out += [block_text(b) for b in report.preamble]
    out += [SECTIONS[0].heading, *(block_text(b) for b in report.overview)]
    for number, table in zip((1, 2, 3), report.tables, strict=True):
        out.append(SECTIONS[number].heading)
        for cells in _flattened_table(table):
            for text in cells:
                if len(text) > 20:
                    out += [text[:20], text[20:]]
                elif text:
                    out.append(text)
    out += [SECTIONS[4].heading, *_remediation_lines(report)]
    out += [SECTIONS[5].heading, *(i.full_text for i in report.other_matters.items)]
    assert report.signature is not None
    out += [report.signature.authority, format_date(report.signature.date)]
    return "\n".join(out) + "\n"


#: (issuing body, kind, year, signature date): several bodies and years for the fixtures.
BODIES: tuple[tuple[str, g.BodyKind, int, dt.date], ...] = (
    ("虚构市星河区交通运输局", g.BodyKind.GOVERNMENT_DEPARTMENT, 2023, dt.date(2024, 1, 26)),
    ("虚构县云溪镇人民政府", g.BodyKind.TOWNSHIP, 2022, dt.date(2023, 1, 18)),
    ("虚构市人民政府", g.BodyKind.PEOPLE_GOVERNMENT, 2024, dt.date(2025, 3, 28)),
)


def fixture_report(body: str, kind: g.BodyKind, year: int, signed: dt.date) -> g.Report:
    """A fictional body's report, built from the complete example's narrative, every table value distinct.

    Its title is the year-first variant (2023年度某局…), as the layout fixture prints it.
    """
    base = g.load("examples/xinghe-2023/report.json")
    metadata = attrs.evolve(
        base.metadata,
        issuing_body=body,
        body_kind=kind,
        year=year,
        period=g.Period.calendar_year(year),
        title=f"{year}年度{body}政府信息公开工作年度报告",
    )
    signature = g.Signature(authority=body, date=signed)
    return distinct_tables(attrs.evolve(base, metadata=metadata, signature=signature))


def department_report() -> g.Report:
    return fixture_report(*BODIES[0])
