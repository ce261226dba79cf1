"""The default reference document: a .docx to start a house style from, as pandoc's
``--print-default-data-file reference.docx`` gives one.

It has every style an export uses, the official page setup and the page-number footers, and one
paragraph in each style that says what the style is for (and a small table in the table styles),
so that a person can open it in Word, change how each kind of paragraph looks, add a letterhead in
the header, save it, and pass it as ``reference_docx``. Only its styles, page setup, headers and
footers are used; its text never is.
"""

from __future__ import annotations

from govreport.wordml import package as pkg, styles
from govreport.wordml.section import plan_section
from govreport.wordml.vocabulary import REQUIRED_STYLES, TABLE_STYLE, Kind, Role, style_id
from govreport.wordml.writer import footer_xml
from govreport.wordml.xmltext import run

_ROOT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>'
)

#: What each paragraph style is for, shown in a paragraph of that style.
_PURPOSE: dict[Kind, str] = {
    Kind.TITLE: "标题：机关名称、“××××年政府信息公开工作年度报告”（GovReport Title）",
    Kind.SECTION: "一、一级标题（GovReport Section Heading）",
    Kind.HEADING_2: "（一）二级标题（GovReport Heading 2）",
    Kind.HEADING_3: "1.三级标题（GovReport Heading 3）",
    Kind.HEADING_4: "（1）四级标题（GovReport Heading 4）",
    Kind.HEADING_5: "五级标题（GovReport Heading 5）",
    Kind.HEADING_6: "六级标题（GovReport Heading 6）",
    Kind.BODY: "正文段落（GovReport Body）：三号仿宋，首行缩进两字，每页22行、每行28字。",
    Kind.ITEM: "一是正文中的编号条目（GovReport Item）。",
    Kind.RECTIFICATION: "1.上年度问题的整改情况（GovReport Rectification）。",
    Kind.PROBLEM: "一是存在的主要问题（GovReport Problem）。",
    Kind.MEASURE: "一是改进措施（GovReport Measure）。",
    Kind.OTHER_ITEM: "1.第六部分的事项（GovReport Other Item）。",
    Kind.SIGNATURE: "发文机关署名（GovReport Signature）",
    Kind.DATE: "成文日期（GovReport Date）",
}


def _paragraph(kind: Kind, content: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id(kind.style_name)}"/></w:pPr>{content}</w:p>'


def _sample_table() -> str:
    """Two rows in the table styles: a label and a value, as the statistics tables hold them."""
    width = styles.TEXT_WIDTH // 2
    text_style = style_id(Kind.TABLE_TEXT.style_name)

    def cell(text: str) -> str:
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{text_style}"/></w:pPr>{run(text)}</w:p></w:tc>'
        )

    rows = "".join(
        f"<w:tr>{cell(label)}{cell(value)}</w:tr>"
        for label, value in (("表格文字（GovReport Table Text）", "表格（GovReport Table）"), ("规章", "0"))
    )
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id(TABLE_STYLE)}"/><w:tblW w:w="{2 * width}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/><w:gridCol w:w="{width}"/></w:tblGrid>{rows}</w:tbl>'
    )


def document_xml() -> str:
    body = []
    for kind, purpose in _PURPOSE.items():
        if kind is Kind.ITEM:  # the parts of a numbered paragraph have character styles
            number, lead, restated = (style_id(role.style_name) for role in (Role.NUMBER, Role.LEAD, Role.RESTATED))
            content = (
                run("条目前的引导语（GovReport Lead），", lead)
                + run("一是", number)
                + run("编号（GovReport Number），", None)
                + run("整改所针对的上年度问题（GovReport Restated Problem）。", restated)
            )
            body.append(_paragraph(Kind.BODY, content))
        body.append(_paragraph(kind, run(purpose)))
        if kind is Kind.SECTION:
            body.append(_sample_table())
    body.append(plan_section(None).section)
    return _ROOT + "".join(body) + "</w:body></w:document>"


def default_reference_docx() -> bytes:
    """The default reference document, as the bytes of a .docx file."""
    ids = {name: style_id(name) for name in REQUIRED_STYLES}
    parts = pkg.DocumentParts(
        document=document_xml().encode("utf-8"),
        styles=styles.styles_xml().encode("utf-8"),
        settings=styles.settings_xml().encode("utf-8"),
        font_table=styles.font_table_xml().encode("utf-8"),
        odd_footer=footer_xml(ids, "right"),
        even_footer=footer_xml(ids, "left"),
        core=pkg.core_properties(title="govreport reference document", creator="govreport", date=None),
        app=pkg.app_properties(),
        custom=None,
    )
    return pkg.build_package(parts)
