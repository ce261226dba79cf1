"""A comparison of two years as a Word document, written with python-docx.

A4 landscape, so that table 三's seven columns and its row labels fit across the page; each
value cell holds this year's number, last year's below it and the change. The package is
rewritten with fixed timestamps, so the same comparison always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

from govreport.wordml.xmltext import strip_illegal

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
        run = paragraph.add_run(strip_illegal(text))
        run.bold = bold
        run.font.size = Pt(9 if bold else 8)


def _widths(grid: Any, label_cm: float, other_cm: float) -> None:
    from docx.shared import Cm

    grid.autofit = False
    for i, column in enumerate(grid.columns):  # the grid LibreOffice lays out by
        column.width = Cm(label_cm if i == 0 else other_cm)
    for row in grid.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(label_cm if i == 0 else other_cm)


def _header_repeats(row: Any) -> None:
    # Long tables run over pages; each page shows the column labels again.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _small(cell: Any, text: str, *, bold: bool = False) -> None:
    from docx.shared import Pt

    cell.text = strip_illegal(text)
    for run in cell.paragraphs[0].runs:
        run.font.size = Pt(8)
        run.bold = bold


def _list(document: Any, table: dict[str, Any]) -> None:
    cells = [(row["label"], cell) for row in table["rows"] for cell in row["cells"]]
    grid = document.add_table(rows=1 + len(cells), cols=4)
    grid.style = "Table Grid"
    for i, text in enumerate(("", "本年", "上年", "变化")):
        _small(grid.rows[0].cells[i], text, bold=True)
    _header_repeats(grid.rows[0])
    for r, (label, cell) in enumerate(cells, start=1):
        row = grid.rows[r].cells
        _small(row[0], f"{label} › {cell['column_label']}")
        _cell_lines(row[1], [(cell["this"], True)])
        _cell_lines(row[2], [(cell["last"], False)])
        _cell_lines(row[3], [(cell["change"], False)])
    _widths(grid, 12.0, 3.0)


def _matrix(document: Any, table: dict[str, Any]) -> None:
    columns = table["columns"]
    grid = document.add_table(rows=1 + len(table["rows"]), cols=1 + len(columns))
    grid.style = "Table Grid"
    for i, column in enumerate(columns, start=1):
        _small(grid.rows[0].cells[i], column["label"], bold=True)
    _header_repeats(grid.rows[0])
    for r, row in enumerate(table["rows"], start=1):
        cells = grid.rows[r].cells
        _small(cells[0], row["label"])
        for i, column in enumerate(columns, start=1):
            cell = row["by_column"].get(column["key"])
            if cell is None:
                continue
            lines = [(cell["this"], True), ("上年 " + cell["last"], False)]
            if cell["change"]:
                lines.append((cell["change"], False))
            _cell_lines(cells[i], lines)
    _widths(grid, 7.5, (26.1 - 7.5) / max(1, len(columns)))


def _paragraph(document: Any, text: str, style: str | None = None) -> None:
    document.add_paragraph(strip_illegal(text), style=style)


def _heading(document: Any, text: str, level: int) -> None:
    document.add_heading(strip_illegal(text), level=level)


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
    document.core_properties.title = strip_illegal(title)
    document.core_properties.author = "govreport"
    _heading(document, title, level=0)
    _paragraph(document, f"上年：{comparison.last.title}")
    _paragraph(document, f"本年：{comparison.this.title}")
    for finding in view["findings"]:
        _paragraph(document, f"注意：{finding.message} [{finding.rule}]")
    for table in view["tables"]:
        _heading(document, f"表{table['number']} {table['caption']}", level=1)
        note = "（只列出有变化的项）" if changed_only else ""
        legend = "每格：本年数，其下为上年数和变化。" if table["layout"] == "grid" else ""
        _paragraph(document, f"两年均为数字的{table['compared']}项中有{table['changed']}项变化{note}。{legend}")
        if table["rows"]:
            (_matrix if table["layout"] == "grid" else _list)(document, table)
    _heading(document, "结转", level=1)
    rows = view["carry_over_rows"]
    _paragraph(document, f"{view['applications_heading']}：本年“{rows['this']}”应等于上年“{rows['last']}”。")
    links = document.add_table(rows=1 + len(view["carry_over"]), cols=4)
    links.style = "Table Grid"
    for i, text in enumerate(("", "上年", "本年", "比对")):
        links.rows[0].cells[i].text = text
    for r, link in enumerate(view["carry_over"], start=1):
        for i, text in enumerate((link["label"], link["last"], link["this"], _AGREEMENT[link["agreement"]])):
            links.rows[r].cells[i].text = strip_illegal(text)
    _heading(document, f"{view['remediation_heading']}：上年问题与本年整改", level=1)
    for match in view["matches"]:
        _paragraph(document, f"上年问题：{match.problem.number}{match.problem.text}", style="List Number")
        _paragraph(document, f"本年整改：{match.rectification.number}{match.rectification.text}")
        _paragraph(document, f"相似度 {match.score:.0%}")
    if not view["matches"]:
        _paragraph(document, "没有可对应的问题与整改。")
    if view["unmatched_problems"]:
        _heading(document, "上年提出、本年未见整改的问题", level=2)
        for problem in view["unmatched_problems"]:
            _paragraph(document, f"{problem.number}{problem.text}", style="List Bullet")
    if view["unmatched_rectifications"]:
        _heading(document, "本年整改、未对应上年问题的", level=2)
        for rectification in view["unmatched_rectifications"]:
            _paragraph(
                document, f"{rectification.number}{rectification.problem or rectification.text}", style="List Bullet"
            )
    _heading(document, "与上年重复的文字", level=1)
    _paragraph(document, "本年各部分文字中，与上年同一部分相同的8字片段所占的比例（数字不计）。")
    for section in view["repetition"]:
        share = (
            "本年无文字"
            if section["share"] is None
            else f"{section['share']}（本年{section['characters']}字，上年{section['last_characters']}字）"
        )
        _paragraph(document, f"{section['heading']}：{share}", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic(buffer.getvalue())
