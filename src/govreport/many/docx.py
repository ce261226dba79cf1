"""A comparison of two years as a Word document, written with python-docx.

A4 landscape, so that table 三's seven columns and its row labels fit across the page; each
value cell holds this year's number, last year's below it and the change. The package is
rewritten with fixed timestamps, so the same comparison always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govreport.many.compare import Comparison

_AGREEMENT = {"agree": "一致", "disagree": "不一致", "unknown": "无法比对"}
_FONT = "SimSun"


def _style(document: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.name = _FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), _FONT)


def _landscape(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))


def _cell_lines(cell: Any, lines: list[tuple[str, bool]]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    for i, (text, bold) in enumerate(lines):
        if i:
            paragraph = cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(9 if bold else 8)


def _matrix(document: Any, table: dict[str, Any]) -> None:
    from docx.shared import Pt

    columns = table["columns"]
    grid = document.add_table(rows=1 + len(table["rows"]), cols=1 + len(columns))
    grid.style = "Table Grid"
    header = grid.rows[0].cells
    for i, column in enumerate(columns, start=1):
        header[i].text = column["label"]
        for run in header[i].paragraphs[0].runs:
            run.font.size = Pt(8)
            run.bold = True
    for r, row in enumerate(table["rows"], start=1):
        cells = grid.rows[r].cells
        cells[0].text = row["label"]
        for run in cells[0].paragraphs[0].runs:
            run.font.size = Pt(8)
        for i, column in enumerate(columns, start=1):
            cell = row["by_column"].get(column["key"])
            if cell is None:
                continue
            lines = [(cell["this"], True), ("上年 " + cell["last"], False)]
            if cell["change"]:
                lines.append((cell["change"], False))
            _cell_lines(cells[i], lines)


def _deterministic(data: bytes) -> bytes:
    # python-docx stamps each ZIP entry with the clock; the same comparison must give the same bytes.
    from govreport.wordml.package import zip_entries

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    return zip_entries(entries)


def comparison_docx(comparison: Comparison, *, blank: str = "", changed_only: bool = False) -> bytes:
    import docx

    from govreport.many.views import context

    view = context(comparison, blank=blank, changed_only=changed_only)
    last, this = view["last"], view["this"]
    document = docx.Document()
    _style(document)
    _landscape(document)
    title = f"{this.issuing_body}：{last.year}年与{this.year}年年度报告对比"
    document.core_properties.title = title
    document.core_properties.author = "govreport"
    document.add_heading(title, level=0)
    document.add_paragraph(f"上年：{comparison.last.title}")
    document.add_paragraph(f"本年：{comparison.this.title}")
    for finding in view["findings"]:
        document.add_paragraph(f"注意：{finding.message} [{finding.rule}]")
    for table in view["tables"]:
        document.add_heading(f"表{table['number']} {table['caption']}", level=1)
        note = "（只列出有变化的项）" if changed_only else ""
        document.add_paragraph(
            f"两年均为数字的{table['compared']}项中有{table['changed']}项变化{note}。每格：本年数，其下为上年数和变化。"
        )
        if table["rows"]:
            _matrix(document, table)
    document.add_heading("结转", level=1)
    rows = view["carry_over_rows"]
    document.add_paragraph(f"{view['applications_heading']}：本年“{rows['this']}”应等于上年“{rows['last']}”。")
    links = document.add_table(rows=1 + len(view["carry_over"]), cols=4)
    links.style = "Table Grid"
    for i, text in enumerate(("", "上年", "本年", "比对")):
        links.rows[0].cells[i].text = text
    for r, link in enumerate(view["carry_over"], start=1):
        for i, text in enumerate((link["label"], link["last"], link["this"], _AGREEMENT[link["agreement"]])):
            links.rows[r].cells[i].text = text
    document.add_heading(f"{view['remediation_heading']}：上年问题与本年整改", level=1)
    for match in view["matches"]:
        document.add_paragraph(f"上年问题：{match.problem.number}{match.problem.text}", style="List Number")
        document.add_paragraph(f"本年整改：{match.rectification.number}{match.rectification.text}")
        document.add_paragraph(f"相似度 {match.score:.0%}")
    if not view["matches"]:
        document.add_paragraph("没有可对应的问题与整改。")
    if view["unmatched_problems"]:
        document.add_heading("上年提出、本年未见整改的问题", level=2)
        for problem in view["unmatched_problems"]:
            document.add_paragraph(f"{problem.number}{problem.text}", style="List Bullet")
    if view["unmatched_rectifications"]:
        document.add_heading("本年整改、未对应上年问题的", level=2)
        for rectification in view["unmatched_rectifications"]:
            document.add_paragraph(
                f"{rectification.number}{rectification.problem or rectification.text}", style="List Bullet"
            )
    document.add_heading("与上年重复的文字", level=1)
    document.add_paragraph("本年各部分文字中，与上年同一部分相同的8字片段所占的比例（数字不计）。")
    for section in view["repetition"]:
        share = (
            "本年无文字"
            if section["share"] is None
            else f"{section['share']}（本年{section['characters']}字，上年{section['last_characters']}字）"
        )
        document.add_paragraph(f"{section['heading']}：{share}", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic(buffer.getvalue())
