"""Reading DOCX files that people wrote, not govreport's own exports.

The documents are made the way offices make them: typed in Word (python-docx, tables merged cell
by cell as in the official template), the official template filled in, tracked changes left in,
text in text boxes (as Word and WPS write them), the tables inside layout tables, and files that
LibreOffice made from our web page and re-saved from our DOCX export. Every table value is
distinct (``text_fixtures.distinct_tables``), so a value read into the wrong cell shows; a cell
that holds no number never becomes one.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import govreport as g
from govreport.spec import SECTIONS, TABLES, TableSpec
from template_grid import TEMPLATE
from text_fixtures import department_report

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)
LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# -- the report an office types -----------------------------------------------------------------------

BODY = "虚构市云岭区民政局"
TITLE = f"{BODY}2023年政府信息公开工作年度报告"
SIGNED = dt.date(2024, 1, 26)
PREAMBLE = (
    "本报告依据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自2023年1月1日至2023年12月31日。",
)
OVERVIEW = ("（一）主动公开", "全年主动公开政府信息1200条。", "（二）依申请公开", "全年新收政府信息公开申请326件。")
OVERVIEW_READ = (
    g.Heading(number="（一）", text="主动公开", level=2),
    g.Paragraph(text="全年主动公开政府信息1200条。"),
    g.Heading(number="（二）", text="依申请公开", level=2),
    g.Paragraph(text="全年新收政府信息公开申请326件。"),
)
REMEDIATION = (
    "（一）上年度问题整改情况",
    "1、政策解读不够深入的问题已整改，全年发布解读材料30篇。",
    "（二）存在的主要问题",
    "工作中仍存在一些不足：一是公开内容不够全面；二是解读形式较为单一。",
    "（三）改进措施",
    "一是进一步扩大公开范围，做到应公开尽公开。",
    "二是丰富政策解读形式，提高解读质量。",
)
OTHER_MATTERS = ("1、本机关2023年未收取信息处理费。",)
#: What reading the typed report finds, and all: the kind of body inferred from its name, and the
#: measures of section 五 linked to its problems by their order.
TYPED_RULES = ["import.body_kind_inferred", "import.measures_paired"]


@pytest.fixture(scope="module")
def expected() -> g.Report:
    """The values typed: every one of the 200 distinct."""
    return department_report()


def add_official_table(container: Any, spec: TableSpec, table: g.StatisticsTable) -> Any:
    """The spec's table as a person makes it in Word: a grid, cells merged as in the template
    (python-docx ``merge``), then the labels and values typed in. ``container`` is the document
    or a table cell."""
    made = container.add_table(rows=spec.n_rows, cols=spec.n_columns)
    made.style = "Table Grid"
    for cell in spec.grid:
        if cell.rowspan > 1 or cell.colspan > 1:
            made.cell(cell.row, cell.column).merge(
                made.cell(cell.row + cell.rowspan - 1, cell.column + cell.colspan - 1)
            )
    for cell in spec.grid:
        text = str(table[cell.value]) if cell.value is not None else cell.text
        if text:
            made.cell(cell.row, cell.column).text = text
    return made


def one_cell_table(container: Any) -> Any:
    """A borderless one-cell table used for layout; its cell, which starts with an empty paragraph."""
    return container.add_table(rows=1, cols=1).cell(0, 0)


def typed_document(report: g.Report, layout: str = "plain") -> docx.document.Document:
    """The report as an office types it. ``layout``: "plain"; "each" (every table in a one-cell
    layout table); "beside" (every table in the right cell of a two-cell layout table, 附表 in the
    left); "whole" (the whole report in a one-cell layout table); "whole+each" (both: tables two
    layout tables deep)."""
    document = docx.Document()
    body: Any = one_cell_table(document) if layout.startswith("whole") else document
    body.add_paragraph(TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in PREAMBLE:
        body.add_paragraph(line)
    body.add_paragraph(SECTIONS[0].heading)
    for line in OVERVIEW:
        body.add_paragraph(line)
    for number, (spec, table) in enumerate(zip(TABLES, report.tables, strict=True), start=1):
        body.add_paragraph(SECTIONS[number].heading)
        if layout.endswith("each"):
            add_official_table(one_cell_table(body), spec, table)
        elif layout == "beside":
            row = body.add_table(rows=1, cols=2).rows[0]
            row.cells[0].text = f"附表{number}"
            add_official_table(row.cells[1], spec, table)
        else:
            add_official_table(body, spec, table)
    body.add_paragraph(SECTIONS[4].heading)
    for line in REMEDIATION:
        body.add_paragraph(line)
    body.add_paragraph(SECTIONS[5].heading)
    for line in OTHER_MATTERS:
        body.add_paragraph(line)
    for line in (BODY, f"{SIGNED.year}年{SIGNED.month}月{SIGNED.day}日"):
        body.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return document


def save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(data: bytes, tmp_path: Path, name: str = "report.docx") -> g.Imported:
    path = tmp_path / name
    path.write_bytes(data)
    return g.read(path)


def rules(imported: g.Imported) -> list[str]:
    return [finding.rule for finding in imported.findings]


def wrong_cells(
    report: g.Report, expected: g.Report, allowed: Iterable[tuple[str, tuple[str, str]]] = ()
) -> list[tuple[str, str, str, str, str]]:
    """Every cell not read as expected: (table, row, column, read, expected); ``allowed`` cells are
    left out (the test checks them itself)."""
    skip = set(allowed)
    wrong = []
    for spec, read_table, table in zip(TABLES, report.tables, expected.tables, strict=True):
        for (cell_spec, got), (_, want) in zip(read_table.items(), table.items(), strict=True):
            if (spec.key, (cell_spec.row, cell_spec.column)) not in skip and got != want:
                wrong.append((spec.key, cell_spec.row, cell_spec.column, repr(got), repr(want)))
    return wrong


def assert_typed_report_read(
    imported: g.Imported, expected: g.Report, notes: list[tuple[g.Block, ...]] | None = None
) -> None:
    """Every value in its cell, no text of a table kept as its notes (or the ``notes`` given), every
    section and the signature."""
    report = imported.report
    assert wrong_cells(report, expected) == []
    assert [table.notes for table in report.tables] == (notes or [(), (), ()])
    assert "import.section_missing" not in rules(imported)
    assert (report.metadata.issuing_body, report.metadata.year) == (BODY, 2023)
    assert report.metadata.period == g.Period.calendar_year(2023)
    assert report.preamble == tuple(g.Paragraph(text=line) for line in PREAMBLE)
    assert report.overview == OVERVIEW_READ
    remediation = report.remediation
    assert [item.text for item in remediation.previous.items] == [
        "政策解读不够深入的问题已整改，全年发布解读材料30篇。"
    ]
    assert [(item.number, item.text) for item in remediation.problems.items] == [
        ("一是", "公开内容不够全面；"),
        ("二是", "解读形式较为单一。"),
    ]
    assert [item.text for item in remediation.measures.items] == [
        "进一步扩大公开范围，做到应公开尽公开。",
        "丰富政策解读形式，提高解读质量。",
    ]
    assert [(item.number, item.text) for item in report.other_matters.items] == [
        ("1、", "本机关2023年未收取信息处理费。")
    ]
    assert report.signature == g.Signature(authority=BODY, date=SIGNED)


def grid_cell(spec: TableSpec, address: tuple[str, str]) -> tuple[int, int]:
    """Where a value stands in the printed grid (row, column)."""
    (cell,) = (cell for cell in spec.grid if cell.value == address)
    return cell.row, cell.column


def value_cell(document: docx.document.Document, key: str, address: tuple[str, str]) -> Any:
    """The python-docx cell of a value of a typed document (plain layout)."""
    index = [spec.key for spec in TABLES].index(key)
    return document.tables[index].cell(*grid_cell(TABLES[index], address))


# -- 1. typed in Word; the official template filled in -------------------------------------------------


def test_a_report_typed_in_word_has_every_value_in_its_cell_and_every_section(expected, tmp_path):
    imported = read(save(typed_document(expected)), tmp_path)
    assert_typed_report_read(imported, expected)
    # Nothing else to report: the kind of body is inferred from its name, and that is all.
    assert sorted(rules(imported)) == TYPED_RULES


def replace_paragraph(paragraph: Any, lines: Iterable[str]) -> None:
    for line in lines:
        paragraph.insert_paragraph_before(line)
    paragraph._p.getparent().remove(paragraph._p)


def template_with_values(expected):
    """The official template with the report's values typed into its value cells."""
    document = docx.Document(str(TEMPLATE))
    # The template's value cells hold ideographic spaces; typing a value replaces them.
    for spec, table, report_table in zip(TABLES, document.tables, expected.tables, strict=True):
        for cell in spec.grid:
            if cell.value is not None:
                table.cell(cell.row, cell.column).text = str(report_table[cell.value])
    return document


def test_the_official_template_filled_in_reads_every_value(expected, tmp_path):
    document = template_with_values(expected)
    paragraphs = document.paragraphs
    (title,) = (p for p in paragraphs if p.text == "政府信息公开工作年度报告格式模板")
    title.text = TITLE
    (overview_heading,) = (p for p in paragraphs if p.text == SECTIONS[0].heading)
    for line in PREAMBLE:
        overview_heading.insert_paragraph_before(line)
    placeholders = [p for p in paragraphs if p.text.startswith("（文字描述")]
    assert len(placeholders) == 3
    for placeholder, lines in zip(placeholders, (OVERVIEW, REMEDIATION, OTHER_MATTERS), strict=True):
        replace_paragraph(placeholder, lines)
    for line in (BODY, f"{SIGNED.year}年{SIGNED.month}月{SIGNED.day}日"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    imported = read(save(document), tmp_path)
    assert_typed_report_read(imported, expected)
    assert sorted(rules(imported)) == TYPED_RULES


def test_the_official_template_with_only_its_values_filled_in(expected, tmp_path):
    document = template_with_values(expected)
    imported = read(save(document), tmp_path)
    assert wrong_cells(imported.report, expected) == []
    found = rules(imported)
    assert "import.section_missing" not in found
    assert "import.table_empty" not in found
    assert found.count("import.placeholder") == 3
    assert "import.title_missing" in found
    assert "import.signature_missing" in found


# -- 2. tracked changes -------------------------------------------------------------------------------

_CHANGE = 'w:author="审核人" w:date="2024-01-20T10:00:00Z"'
_ids = iter(range(100, 10_000))


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def inserted(text: str) -> str:
    return f'<w:ins w:id="{next(_ids)}" {_CHANGE}>{run(text)}</w:ins>'


def deleted(text: str) -> str:
    return f'<w:del w:id="{next(_ids)}" {_CHANGE}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


def moved_from(text: str) -> str:
    return f'<w:moveFrom w:id="{next(_ids)}" {_CHANGE}><w:r><w:t>{text}</w:t></w:r></w:moveFrom>'


def moved_to(text: str) -> str:
    return f'<w:moveTo w:id="{next(_ids)}" {_CHANGE}>{run(text)}</w:moveTo>'


def set_runs(paragraph: Any, xml: str) -> None:
    """The paragraph's content replaced by ``xml`` (runs and tracked changes); its properties kept."""
    p = paragraph._p
    for child in list(p):
        if child.tag != f"{{{W_NS}}}pPr":
            p.remove(child)
    for child in parse_xml(f"<w:p {NAMESPACES}>{xml}</w:p>"):
        p.append(child)


def mark_deleted(paragraph: Any) -> None:
    """The paragraph's mark deleted as a tracked change: accepting it joins the paragraph to the next."""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr {NAMESPACES}><w:del w:id="{next(_ids)}" {_CHANGE}/></w:rPr>')
    )


def mark_inserted(paragraph: Any) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr {NAMESPACES}><w:ins w:id="{next(_ids)}" {_CHANGE}/></w:rPr>')
    )


def paragraph_with(document: docx.document.Document, text: str) -> Any:
    """The one paragraph with this text, wherever it stands (in a layout table too)."""
    (found,) = (
        paragraph
        for element in document.element.body.iter(qn("w:p"))
        if (paragraph := Paragraph(element, document._body)).text == text
    )
    return found


def test_tracked_changes_are_read_as_accepted(expected, tmp_path):
    document = typed_document(expected)
    # In a paragraph: "1100" deleted, "1200" inserted; a word moved within it.
    set_runs(
        paragraph_with(document, "全年主动公开政府信息1200条。"),
        run("全年")
        + moved_from("通过网站")
        + run("主动公开政府信息")
        + deleted("1100")
        + inserted("1200")
        + run("条。"),
    )
    set_runs(
        paragraph_with(document, "全年新收政府信息公开申请326件。"),
        run("全年") + moved_to("新收") + run("政府信息公开申请") + deleted("3") + run("326件。"),
    )
    # A section heading with a deleted word in it is still the heading.
    set_runs(
        paragraph_with(document, SECTIONS[2].heading),
        run("三、收到和处理") + deleted("依申请") + run("政府信息公开申请情况"),
    )
    # A whole paragraph deleted (its text and its mark), and one inserted.
    gone = paragraph_with(document, "（二）依申请公开").insert_paragraph_before("")
    set_runs(gone, deleted("这一段已被删除，不应导入。"))
    mark_deleted(gone)
    added = paragraph_with(document, BODY).insert_paragraph_before("")  # the signature's first line
    set_runs(added, inserted("2、本机关2023年新增的事项。"))
    mark_inserted(added)
    # Two paragraphs joined by deleting the mark between them.
    preamble = paragraph_with(document, PREAMBLE[0])
    half = len(PREAMBLE[0]) // 2
    first_half = preamble.insert_paragraph_before(PREAMBLE[0][:half])
    preamble.text = PREAMBLE[0][half:]
    mark_deleted(first_half)
    # In value cells: a deleted "7" and an inserted "9"; a number deleted, nothing inserted; a
    # number typed over two lines with the break between them deleted.
    set_runs(
        value_cell(document, "applications", ("new_requests", "natural_person")).paragraphs[0],
        deleted("7") + inserted("9"),
    )
    set_runs(
        value_cell(document, "review_litigation", ("administrative_review", "upheld")).paragraphs[0], deleted("2001")
    )
    fee = value_cell(document, "active_disclosure", ("fees", "amount"))
    fee.text = "30"
    fee.add_paragraph("10.25")
    mark_deleted(fee.paragraphs[0])
    licensing = value_cell(document, "active_disclosure", ("licensing", "decisions"))
    set_runs(licensing.paragraphs[0], run("30") + deleted("99") + inserted("0") + run("7"))

    imported = read(save(document), tmp_path)
    report = imported.report
    assert report.applications["new_requests", "natural_person"] == g.Cell.number(9)
    assert report.review_litigation["administrative_review", "upheld"] == g.Cell.blank()  # never the deleted 2001
    assert report.active_disclosure["fees", "amount"] == expected.active_disclosure["fees", "amount"]
    assert report.active_disclosure["licensing", "decisions"] == g.Cell.number(3007)
    changed = {
        ("applications", ("new_requests", "natural_person")),
        ("review_litigation", ("administrative_review", "upheld")),
    }
    assert wrong_cells(report, expected, changed) == []
    assert report.preamble == (g.Paragraph(text=PREAMBLE[0]),)
    assert report.overview == OVERVIEW_READ
    assert [item.full_text for item in report.other_matters.items] == [
        "1、本机关2023年未收取信息处理费。",
        "2、本机关2023年新增的事项。",
    ]
    assert "import.section_missing" not in rules(imported)
    assert "import.heading_variant" not in rules(imported)
    # Accepted changes are no finding, and the deleted text is reported nowhere either.
    assert sorted(rules(imported)) == TYPED_RULES
    assert not any("删除" in (finding.found or "") for finding in imported.findings)


# -- 3. text boxes --------------------------------------------------------------------------------------


def _box_content(text: str) -> str:
    return f'<w:txbxContent><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:txbxContent>'


def word_text_box(text: str) -> Any:
    """A run holding a text box as Word writes it: a DrawingML shape (wps:wsp), and a VML copy of it
    (v:textbox) for older readers in mc:Fallback."""
    return parse_xml(
        f"<w:r {NAMESPACES}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="3000000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{next(_ids)}" name="文本框"/><wp:cNvGraphicFramePr/><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3000000" cy="500000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx>{_box_content(text)}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t">'
        "<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="_x0000_s1026" type="#_x0000_t202" style="width:236pt;height:39pt">'
        f"<v:textbox>{_box_content(text)}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def wps_text_box(text: str) -> Any:
    """A run holding a text box as WPS writes it: VML only (w:pict, v:shape, v:textbox)."""
    return parse_xml(
        f'<w:r {NAMESPACES}><w:pict><v:shape id="_x0000_s1030" o:spt="202" type="#_x0000_t202" '
        f'style="width:236pt;height:39pt"><v:textbox>{_box_content(text)}</v:textbox></v:shape></w:pict></w:r>'
    )


def test_text_in_text_boxes_is_read_where_the_box_stands(expected, tmp_path):
    document = typed_document(expected)
    # The title typed into a text box (an empty paragraph holding it), as a letterhead often is.
    title = paragraph_with(document, TITLE)
    set_runs(title, "")
    title._p.append(wps_text_box(TITLE))
    # A paragraph of the overview in a Word text box, anchored in the paragraph before it.
    anchor = paragraph_with(document, "全年主动公开政府信息1200条。")
    anchor._p.append(word_text_box("文本框中的一段：全年答复咨询300次。"))
    # Section 五's heading in a WPS text box.
    heading = paragraph_with(document, SECTIONS[4].heading)
    set_runs(heading, "")
    heading._p.append(wps_text_box(SECTIONS[4].heading))
    # A matter of section 六 in a WPS text box after the first.
    paragraph_with(document, OTHER_MATTERS[0])._p.append(wps_text_box("2、文本框中的事项。"))
    # A value in a text box in its cell.
    cell = value_cell(document, "applications", ("granted", "total"))
    cell.text = ""
    cell.paragraphs[0]._p.append(word_text_box(str(expected.applications["granted", "total"])))

    imported = read(save(document), tmp_path)
    report = imported.report
    assert wrong_cells(report, expected) == []
    assert (report.metadata.issuing_body, report.metadata.year) == (BODY, 2023)
    assert (
        report.overview
        == (
            *OVERVIEW_READ[:2],
            g.Paragraph(text="文本框中的一段：全年答复咨询300次。"),  # once: the VML copy is not read again
            *OVERVIEW_READ[2:],
        )
    )
    assert [item.number + item.problem + item.text for item in report.remediation.previous.items] == [REMEDIATION[1]]
    assert [item.full_text for item in report.other_matters.items] == [OTHER_MATTERS[0], "2、文本框中的事项。"]
    assert report.signature == g.Signature(authority=BODY, date=SIGNED)
    # Text boxes whose text was placed are no finding.
    assert sorted(rules(imported)) == TYPED_RULES


def test_a_picture_without_text_is_a_finding_and_moves_nothing(expected, tmp_path):
    document = typed_document(expected)
    anchor = paragraph_with(document, "全年主动公开政府信息1200条。")
    # A shape with no text box (a line drawn under the title, a seal).
    anchor._p.append(parse_xml(f'<w:r {NAMESPACES}><w:pict><v:line from="0,0" to="100pt,0"/></w:pict></w:r>'))
    imported = read(save(document), tmp_path)
    assert_typed_report_read(imported, expected)
    (unplaced,) = (f for f in imported.findings if f.rule == "import.object_unplaced")
    assert unplaced.location.source is not None
    assert unplaced.location.source.startswith("paragraph")


# -- 4. nested tables -------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["each", "beside", "whole", "whole+each"])
def test_tables_inside_layout_tables_are_read_once(expected, tmp_path, layout):
    imported = read(save(typed_document(expected, layout)), tmp_path)
    # The tables' labels and values are not read a second time as paragraphs of their sections
    # (their notes); the text beside a table in the layout table is.
    beside: list[tuple[g.Block, ...]] = [(g.Paragraph(text=f"附表{n}"),) for n in (1, 2, 3)]
    assert_typed_report_read(imported, expected, beside if layout == "beside" else None)
    assert sorted(rules(imported)) == TYPED_RULES


def test_a_value_typed_into_a_table_in_its_cell_is_the_cell_value(expected, tmp_path):
    document = typed_document(expected)
    cell = value_cell(document, "applications", ("granted", "total"))
    cell.text = ""
    inner = cell.add_table(rows=1, cols=1)
    inner.cell(0, 0).text = str(expected.applications["granted", "total"])
    imported = read(save(document), tmp_path)
    assert_typed_report_read(imported, expected)
    # The table is still the report's table 三 (not taken for a layout table), and the small table
    # in its cell is no table of its own.
    assert sorted(rules(imported)) == TYPED_RULES


def dangling_relationship(data: bytes) -> bytes:
    """The package with a relationship to a part that is not there (python-docx refuses to open it)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdGone" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="media/gone.png"/></Relationships>',
                )
            target.writestr(info, content)
    return buffer.getvalue()


def spy(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[Any]:
    """Record what ``module.name`` returns each time it is called."""
    returned: list[Any] = []
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        returned.append(result)
        return result

    monkeypatch.setattr(module, name, wrapper)
    return returned


def test_layout_tables_read_the_same_when_python_docx_cannot_open_the_file(expected, tmp_path, monkeypatch):
    from govreport.wordml import foreign

    opened = spy(monkeypatch, foreign, "open_document")
    document = typed_document(expected, "whole+each")
    mark_deleted(paragraph_with(document, TITLE).insert_paragraph_before(""))
    imported = read(dangling_relationship(save(document)), tmp_path)
    assert opened == [None]  # our own reader of the package took over
    assert_typed_report_read(imported, expected)
    assert sorted(rules(imported)) == TYPED_RULES


# -- 5. through LibreOffice --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice(expected, tmp_path_factory) -> dict[str, bytes]:
    """Our web page and our DOCX export, each made into a DOCX by LibreOffice, in one run of it."""
    assert LIBREOFFICE, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    folder = tmp_path_factory.mktemp("libreoffice")
    (folder / "from-html.html").write_bytes(g.export(expected, "html"))
    (folder / "from-docx.docx").write_bytes(g.export(expected, "docx"))
    out = folder / "out"
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(folder / "from-html.html"),
            str(folder / "from-docx.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: (out / f"{name}.docx").read_bytes() for name in ("from-html", "from-docx")}


def printed_remediation(report: g.Report) -> list[str]:
    """Section 五 as printed: each part's heading and items (a rectification's problem and text together)."""
    remediation = report.remediation
    lines = [str(block) for block in remediation.intro]
    for part in (remediation.previous, remediation.problems, remediation.measures):
        lines.append(part.heading.full_text if part.heading else "")
        lines += [str(block) for block in part.intro]
        lines += [item.number + getattr(item, "problem", "") + item.text for item in part.items]
    return lines + [str(block) for block in remediation.closing]


def assert_narrative_read(report: g.Report, expected: g.Report) -> None:
    assert report.metadata == expected.metadata
    assert report.preamble == expected.preamble
    assert report.overview == expected.overview
    assert printed_remediation(report) == printed_remediation(expected)
    assert report.other_matters == expected.other_matters
    assert report.signature == expected.signature


def test_a_docx_libreoffice_made_from_our_web_page(libreoffice, expected, tmp_path):
    data = libreoffice["from-html"]
    assert b"govreport.structure" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    imported = read(data, tmp_path)
    report = imported.report
    assert wrong_cells(report, expected) == []
    assert_narrative_read(report, expected)
    for spec, table in zip(TABLES, report.tables, strict=True):
        # The page's table caption (hidden on screen, for screen readers) is a visible paragraph
        # in LibreOffice's file; it repeats the section's heading, and is all the notes hold.
        assert all(note == g.Paragraph(text=spec.caption) for note in table.notes), table.notes
    found = set(rules(imported))
    # LibreOffice keeps the page's <meta> it does not understand as a comment: reported, not imported.
    assert found <= {"import.body_kind_inferred", "import.object_unplaced"}, imported.findings
    assert all(
        "Content-Security-Policy" in (f.found or "") for f in imported.findings if f.rule == "import.object_unplaced"
    )


def without_custom_properties(data: bytes) -> bytes:
    """The package as a tool that drops custom document properties saves it: the part, its
    relationship and its content type gone."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/custom.xml":
                continue
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                content = re.sub(rb"<(Relationship|Override)\b[^>]*docProps/custom\.xml[^>]*/>", b"", content)
                assert b"custom.xml" not in content
            target.writestr(info, content)
    return buffer.getvalue()


def test_our_docx_resaved_by_libreoffice_without_its_record_reads_through_the_foreign_path(
    libreoffice, expected, tmp_path, monkeypatch
):
    from govreport.wordml import foreign

    data = libreoffice["from-docx"]
    # LibreOffice 7 keeps the custom properties that hold our record (test_docx.py reads such a
    # file back by its record); a tool that drops them leaves a document like any other.
    assert b"govreport.structure" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/custom.xml")
    opened = spy(monkeypatch, foreign, "open_document")
    imported = read(without_custom_properties(data), tmp_path)
    assert len(opened) == 1
    assert opened[0] is not None
    report = imported.report
    assert wrong_cells(report, expected) == []
    assert [table.notes for table in report.tables] == [table.notes for table in expected.tables]
    assert_narrative_read(report, expected)
    assert rules(imported) == ["import.body_kind_inferred"]


# -- 6. never a wrong number --------------------------------------------------------------------------------

NOT_NUMBERS = [
    ("applications", ("granted", "total"), "—"),
    ("applications", ("carried_over", "other_organization"), "若干"),
    ("review_litigation", ("administrative_review", "total"), ""),
    ("active_disclosure", ("fees", "amount"), "若干"),
    ("active_disclosure", ("regulations", "issued"), "—"),
    ("applications", ("new_requests", "natural_person"), "约5"),
    ("applications", ("results_total", "total"), "5件"),
    ("review_litigation", ("lawsuit_direct", "pending"), "1.5"),
    ("active_disclosure", ("licensing", "decisions"), "\u3000"),
]


@pytest.mark.parametrize(("key", "address", "text"), NOT_NUMBERS, ids=[f"{k}-{a[0]}-{a[1]}" for k, a, _ in NOT_NUMBERS])
def test_a_cell_without_a_number_is_never_read_as_one(expected, tmp_path, key, address, text):
    document = typed_document(expected)
    value_cell(document, key, address).text = text
    imported = read(save(document), tmp_path)
    cell = getattr(imported.report, key)[address]
    assert not cell.is_number
    assert cell.value is None
    assert wrong_cells(imported.report, expected, {(key, address)}) == []
    import_findings = [f for f in imported.findings if f.rule.startswith("import.cell")]
    checked = g.check(imported.report, imported=imported.findings).findings

    def cells_named(rule: str) -> list[tuple[str | None, str | None, str | None]]:
        return [(c.table, c.row, c.column) for f in checked if f.rule == rule for c in f.cells]

    stripped = text.strip().strip("\u3000")
    if stripped == "—":
        # A dash is the format's "not applicable": kept as such (not blank, not 0) and listed by the check.
        assert cell == g.Cell.not_applicable(stripped)
        assert import_findings == []
        assert (key, *address) in cells_named("table.not_applicable")
    elif not stripped:
        # Nothing typed: a blank, which the importer does not report cell by cell; the check names it.
        assert cell == g.Cell.blank()
        assert import_findings == []
        assert (key, *address) in cells_named("table.blank")
    else:
        # Words or a number of the wrong kind: blank, the text kept, a finding naming the cell.
        assert cell == g.Cell.blank(raw=stripped)
        (finding,) = import_findings
        assert finding.rule == "import.cell_unreadable"
        assert (finding.location.table, finding.location.row, finding.location.column) == (key, *address)
        assert finding.found == stripped
        (value_type,) = (f for f in checked if f.rule == "table.value.type")
        assert (value_type.location.table, value_type.location.row, value_type.location.column) == (key, *address)
