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


#: A paragraph of a table cell: (text, bold), right-aligned unless it is a label.
Line = tuple[str, bool]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIPS_PER_CM = 567


def _cell_xml(lines: list[Line], width: int, *, label: bool = False) -> str:
    from govreport.wordml.xmltext import escape

    paragraphs = []
    for text, bold in lines or [("", False)]:
        # Figures in 9 pt (bold: this year), last year and the change in 8 pt; labels in 8 pt.
        size = 18 if bold and not label else 16
        properties = ("<w:b/>" if bold else "") + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        align = "" if label else '<w:pPr><w:jc w:val="right"/></w:pPr>'
        run = f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(strip_illegal(text))}</w:t></w:r>'
        paragraphs.append(f"<w:p>{align}{run if text else ''}</w:p>")
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paragraphs)}</w:tc>'


def _table(document: Any, header: list[str], rows: list[list[list[Line]]], widths_cm: list[float]) -> None:
    """A grid table written as WordprocessingML in one piece (python-docx builds one cell at a time,
    forty times slower); the first row repeats on every page a long table runs over."""
    from docx.oxml import parse_xml

    widths = [round(cm * _TWIPS_PER_CM) for cm in widths_cm]
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    head = "".join(_cell_xml([(text, True)], width, label=True) for text, width in zip(header, widths, strict=True))
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"  # a cell's three lines stay on one page
        + "".join(
            _cell_xml(lines, width, label=(i == 0)) for i, (lines, width) in enumerate(zip(row, widths, strict=True))
        )
        + "</w:tr>"
        for row in rows
    )
    xml = (
        f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>{body}</w:tbl>"
    )
    document.element.body.sectPr.addprevious(parse_xml(xml))


def _list(document: Any, table: dict[str, Any]) -> None:
    rows = [
        [
            [(f"{row['label']} › {cell['column_label']}", False)],
            [(cell["this"], True)],
            [(cell["last"], False)],
            [(cell["change"], False)],
        ]
        for row in table["rows"]
        for cell in row["cells"]
    ]
    _table(document, ["", "本年", "上年", "变化"], rows, [12.0, 3.0, 3.0, 3.0])


def _matrix(document: Any, table: dict[str, Any]) -> None:
    columns = table["columns"]
    rows = []
    for row in table["rows"]:
        line: list[list[Line]] = [[(row["label"], False)]]
        for column in columns:
            cell = row["by_column"].get(column["key"])
            if cell is None:
                line.append([])
                continue
            lines = [(cell["this"], True), ("上年 " + cell["last"], False)]
            if cell["change"]:
                lines.append((cell["change"], False))
            line.append(lines)
        rows.append(line)
    other = (26.1 - 7.5) / max(1, len(columns))
    _table(document, ["", *(column["label"] for column in columns)], rows, [7.5] + [other] * len(columns))


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
    document.core_properties.title = strip_illegal(title)[:255]  # the longest a core property may be
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
    _table(
        document,
        ["", "上年", "本年", "比对"],
        [
            [
                [(link["label"], False)],
                [(link["last"], False)],
                [(link["this"], False)],
                [(_AGREEMENT[link["agreement"]], False)],
            ]
            for link in view["carry_over"]
        ],
        [8.0, 3.0, 3.0, 3.0],
    )
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
