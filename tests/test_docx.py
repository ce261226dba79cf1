"""The DOCX exporter and importer: official layout, the template's tables, lossless round trips,
reports written in Word, edits made in Word, reference documents, and a look through LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import statistics
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import attrs
import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings

import govreport as g
from govreport.spec import SECTIONS, TABLES, GridRole, TableSpec
from strategies import examples, reports
from template_grid import TEMPLATE, template_grid, template_widths

ROOT = Path(__file__).parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_WIDTH = 8844  # 156 mm in twips


@pytest.fixture(scope="module")
def complete() -> g.Report:
    return g.load(ROOT / "examples" / "xinghe-2023" / "report.json")


@pytest.fixture(scope="module")
def sample() -> g.Report:
    return g.load(ROOT / "examples" / "wangfu-2022" / "report.json")


@pytest.fixture(scope="module")
def exported(complete) -> bytes:
    return g.export(complete, "docx")


@pytest.fixture(scope="module")
def document(exported) -> docx.document.Document:
    return docx.Document(io.BytesIO(exported))


@pytest.fixture(scope="module")
def template() -> docx.document.Document:
    return docx.Document(str(TEMPLATE))


def part(data: bytes, name: str) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ET.fromstring(archive.read(name))


def read(data: bytes) -> g.Imported:
    from govreport.importers.docx import read_docx

    return read_docx(data, source="test.docx")


def rules(imported: g.Imported) -> list[str]:
    return [finding.rule for finding in imported.findings]


# -- tables: the official template's grid ----------------------------------------------------------


def blank_report() -> g.Report:
    return g.Report(metadata=g.Metadata(issuing_body="某机关", year=2023, body_kind="other"))


@pytest.mark.parametrize("index", range(3), ids=[spec.key for spec in TABLES])
def test_blank_tables_are_the_official_template_cell_for_cell(template, index):
    exported = docx.Document(io.BytesIO(g.export(blank_report(), "docx")))
    assert template_grid(exported.tables[index]) == template_grid(template.tables[index])


@pytest.mark.parametrize("index", range(3), ids=[spec.key for spec in TABLES])
def test_tables_keep_grid_spans_and_labels_and_show_every_value(template, document, complete, index):
    spec: TableSpec = TABLES[index]
    ours = {(r, c, rs, cs): text for r, c, rs, cs, text in template_grid(document.tables[index])}
    official = {(r, c, rs, cs): text for r, c, rs, cs, text in template_grid(template.tables[index])}
    assert ours.keys() == official.keys()  # same cells, same spans
    values = {(cell.row, cell.column): cell.value for cell in spec.grid if cell.role is GridRole.VALUE}
    for (r, c, rs, cs), text in ours.items():
        if (r, c) in values:
            assert text == str(complete.tables[index][values[(r, c)]])
        else:
            assert text == official[(r, c, rs, cs)]


@pytest.mark.parametrize("index", range(3), ids=[spec.key for spec in TABLES])
def test_table_widths_keep_the_template_proportions_and_fit_the_text_area(template, document, index):
    ours = template_widths(document.tables[index])
    official = template_widths(template.tables[index])
    assert sum(ours) == TEXT_WIDTH
    for mine, theirs in zip(ours, official, strict=True):
        assert abs(mine - theirs * TEXT_WIDTH / sum(official)) <= len(ours)
    properties = document.tables[index]._tbl.tblPr
    assert properties.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    assert properties.find(f"{W}tblW").get(f"{W}w") == str(TEXT_WIDTH)


def test_rows_do_not_split_and_headers_repeat(document):
    for spec, table in zip(TABLES, document.tables, strict=True):
        rows = table._tbl.findall(f"{W}tr")
        assert len(rows) == spec.n_rows
        for r, row in enumerate(rows):
            properties = row.find(f"{W}trPr")
            assert properties.find(f"{W}cantSplit") is not None
            assert (properties.find(f"{W}tblHeader") is not None) == (r < spec.header_rows)


def test_each_table_is_kept_on_one_page_and_captions_are_shaded_as_in_the_template(document):
    for spec, table in zip(TABLES, document.tables, strict=True):
        rows = table._tbl.findall(f"{W}tr")
        for r, row in enumerate(rows):
            kept = {p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")}
            assert kept == {r < len(rows) - 1}, (spec.key, r)
        groups = {(cell.row, cell.column) for cell in spec.grid if cell.role is GridRole.GROUP}
        for r, row in enumerate(rows):
            for tc in row.findall(f"{W}tc"):
                shading = tc.find(f"{W}tcPr/{W}shd")
                text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
                is_group = any(r == gr for gr, _ in groups) and text.startswith("第二十条")
                assert (shading is not None and shading.get(f"{W}fill") == "C6D9F1") == is_group, text


def test_paragraphs_keep_widow_control_and_fonts_name_windows_stand_ins(exported):
    controls = list(part(exported, "word/styles.xml").iter(f"{W}widowControl"))
    assert controls
    assert all(control.get(f"{W}val") in (None, "1", "true") for control in controls)
    fonts = {
        font.get(f"{W}name"): font.find(f"{W}altName").get(f"{W}val").split(",")
        for font in part(exported, "word/fontTable.xml").iter(f"{W}font")
        if font.find(f"{W}altName") is not None
    }
    assert fonts["仿宋_GB2312"] == ["仿宋", "FangSong"]
    assert fonts["楷体_GB2312"] == ["楷体", "KaiTi"]
    assert fonts["方正小标宋简体"] == ["宋体", "SimSun"]


def test_table_cells_are_centred_vertically_in_the_table_style(exported, document):
    for table in document.tables:
        cells = list(table._tbl.iter(f"{W}tc"))
        assert all(tc.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "center" for tc in cells)
        assert {p.style.name for row in table.rows for c in row.cells for p in c.paragraphs} == {"GovReport Table Text"}
        assert table.style.name == "GovReport Table"
    styles = part(exported, "word/styles.xml")
    table_style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "GovReportTable")
    borders = table_style.find(f"{W}tblPr/{W}tblBorders")
    assert {b.tag.removeprefix(W): b.get(f"{W}val") for b in borders} == dict.fromkeys(
        ("top", "left", "bottom", "right", "insideH", "insideV"), "single"
    )
    text_style = document.styles["GovReport Table Text"]
    assert text_style.font.size == Pt(10.5)
    assert text_style.element.rPr.rFonts is None  # 仿宋 from Normal


def test_blank_not_applicable_and_zero_are_distinct(sample):
    report = attrs.evolve(
        sample,
        applications=sample.applications.with_values(
            {
                ("granted", "natural_person"): 0,
                ("granted", "total"): g.Cell.not_applicable("/"),
                ("granted", "commercial_enterprise"): g.Cell.not_applicable("—"),
            }
        ),
    )
    for blank, shown in (("", ""), ("·", "·")):
        table = docx.Document(io.BytesIO(g.export(report, "docx", blank=blank))).tables[1]
        row = [cell.text for cell in table.rows[5].cells]  # （一）予以公开
        assert row[3:] == ["0", "—", shown, shown, shown, shown, "/"]
        back = read(g.export(report, "docx", blank=blank)).report
        assert back.applications == report.applications  # a blank shown as "·" still reads back blank


# -- page, styles, fonts ---------------------------------------------------------------------------


def test_page_setup_is_gb_t_9704(document):
    section = document.sections[0]
    twips = {
        name: getattr(section, name).twips
        for name in ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin", "right_margin")
    }
    assert twips == {
        "page_width": 11906,  # 210 mm
        "page_height": 16838,  # 297 mm
        "top_margin": 2098,  # 37 mm
        "bottom_margin": 1984,  # 35 mm
        "left_margin": 1587,  # 28 mm
        "right_margin": 1474,  # 26 mm
    }
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}linePitch") == "579"
    assert document.settings.odd_and_even_pages_header_footer


def test_styles_are_our_own_with_the_east_asian_slot_set(exported, document):
    styles = part(exported, "word/styles.xml")
    text = ET.tostring(styles, encoding="unicode")
    assert "eastAsiaTheme" not in text
    assert "asciiTheme" not in text
    names = {s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    assert not any(name.lower().startswith("heading") for name in names)  # no default blue headings
    assert {p.style.name for p in document.paragraphs} <= {name for name in names if name.startswith("GovReport")}
    colours = {c.get(f"{W}val") for c in styles.iter(f"{W}color")}
    assert colours == {"000000"}

    def east_asian(name: str) -> str | None:
        return document.styles[name].element.rPr.rFonts.get(f"{W}eastAsia")

    normal = document.styles["Normal"]
    assert east_asian("Normal") == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    spacing = normal.element.pPr.find(f"{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule"), spacing.get(f"{W}after")) == ("579", "exact", "0")
    indent = normal.element.pPr.find(f"{W}ind")
    assert indent.get(f"{W}firstLineChars") == "200"
    title = document.styles["GovReport Title"]
    assert east_asian("GovReport Title") == "方正小标宋简体"
    assert title.font.size == Pt(22)
    assert title.font.bold is False
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian("GovReport Section Heading") == "黑体"
    assert east_asian("GovReport Heading 2") == "楷体_GB2312"
    for level in range(3, 7):
        assert document.styles[f"GovReport Heading {level}"].element.rPr.rFonts is None  # 仿宋 from Normal
    for name in ("GovReport Signature", "GovReport Date"):
        assert document.styles[name].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_document_reads_as_the_report(document, complete):
    paragraphs = list(document.paragraphs)
    assert [p.text for p in paragraphs[:2]] == ["虚构市星河区人民政府", "2023年政府信息公开工作年度报告"]
    headings = [p.text for p in paragraphs if p.style.name == "GovReport Section Heading"]
    assert headings == [section.heading for section in SECTIONS]
    assert (paragraphs[-2].text, paragraphs[-1].text) == ("虚构市星河区人民政府", "2024年3月20日")
    assert paragraphs[-1].style.name == "GovReport Date"
    subheading = next(p for p in paragraphs if p.text == "（一）主动公开")
    assert subheading.style.name == "GovReport Heading 2"
    assert [r.style.name for r in subheading.runs] == ["GovReport Number", "Default Paragraph Font"]


def test_page_numbers_are_page_fields_outside_on_odd_and_even_pages(document):
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        (paragraph,) = footer.paragraphs
        xml = paragraph._p
        assert [f.get(f"{W}fldCharType") for f in xml.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
        assert [i.text for i in xml.iter(f"{W}instrText")] == [" PAGE "]
        assert paragraph.text == "\u2014 1 \u2014"
        assert paragraph.alignment == (WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT)
        assert xml.pPr.find(f"{W}ind").get(f"{W}{side}Chars") == "100"
        assert paragraph.style.font.size == Pt(14)
        assert paragraph.style.element.rPr.rFonts.get(f"{W}eastAsia") == "宋体"


def test_export_is_deterministic(complete, exported):
    again = g.export(complete, "docx")
    assert again == exported
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2024-03-20T00:00:00Z" in core  # the signature's date, not the clock


def test_python_docx_is_loaded_only_when_needed():
    # The exporter and importer write and read the package with the standard library; neither
    # listing formats nor exporting loads python-docx or the WordprocessingML modules early.
    script = (
        "import sys, govreport as g\n"
        "g.list_formats()\n"
        "assert not any(m == 'docx' or m.startswith(('docx.', 'govreport.wordml')) for m in sys.modules)\n"
        "g.export(g.load('examples/wangfu-2022/report.json'), 'docx')\n"
        "assert 'govreport.wordml.writer' in sys.modules and 'docx' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)


# -- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["xinghe-2023", "wangfu-2022"])
def test_examples_round_trip_without_findings(name):
    report = g.load(ROOT / "examples" / name / "report.json")
    imported = read(g.export(report, "docx"))
    assert imported.report == report
    assert imported.findings == ()


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_export_then_import_is_lossless(report):
    """Any report, control characters included: XML cannot hold most of them, so the visible text
    leaves them out and the structure record restores them (see docs/docx.md)."""
    data = g.export(report, "docx")
    document = part(data, "word/document.xml")  # parses: only XML-legal characters were written
    assert document is not None
    assert read(data).report == report


CONTROL = "\x01\x0b\x0c\ufffe"


def control_report(sample: g.Report) -> g.Report:
    overview = (g.Paragraph(text=f"含控制字符{CONTROL}的段落"), *sample.overview)
    table = sample.applications.with_values({("granted", "total"): g.Cell.blank(raw=f"x{CONTROL}")})
    return attrs.evolve(sample, overview=overview, applications=table)


def test_characters_xml_cannot_hold_are_left_out_and_restored(sample):
    report = control_report(sample)
    data = g.export(report, "docx")
    shown = docx.Document(io.BytesIO(data))
    assert any(p.text == "含控制字符的段落" for p in shown.paragraphs)
    assert shown.tables[1].rows[5].cells[9].text == "x"
    assert read(data).report == report


def test_characters_left_out_cannot_come_back_into_an_edited_paragraph(sample):
    data = g.export(control_report(sample), "docx")
    edited = docx.Document(io.BytesIO(data))
    paragraph = next(p for p in edited.paragraphs if p.text == "含控制字符的段落")
    paragraph.runs[0].text = "改过的段落"
    imported = read(save(edited))
    assert imported.report.overview[0] == g.Paragraph(text="改过的段落")
    lost = [f for f in imported.findings if f.rule == "import.characters_lost"]
    assert len(lost) == 1
    assert "\\x01" in (lost[0].expected or "")


def save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- edited in Word ---------------------------------------------------------------------------------


def test_edits_made_in_word_are_what_is_imported(complete, exported):
    edited = docx.Document(io.BytesIO(exported))
    paragraphs = edited.paragraphs
    # A value changed in table 三 (一、本年新收 × 总计).
    edited.tables[1].rows[3].cells[9].text = "330"
    # A paragraph of the overview rewritten, and a new one typed after it.
    first = next(p for p in paragraphs if p.text == complete.overview[0].text)
    first.runs[0].text = "改写后的概述。"
    following = paragraphs[paragraphs.index(first) + 1]
    following.insert_paragraph_before("新加的一段。", style="GovReport Body")
    # The problems of section 五 (one run-in paragraph) deleted.
    problems = next(p for p in paragraphs if "一是政策解读的针对性" in p.text)
    problems._p.getparent().remove(problems._p)
    imported = read(save(edited))
    report = imported.report
    assert report.applications["new_requests", "total"] == g.Cell.number(330)
    assert report.overview[:3] == (
        g.Paragraph(text="改写后的概述。"),
        g.Paragraph(text="新加的一段。"),
        complete.overview[1],
    )
    assert report.remediation.problems.items == ()
    assert [m.key for m in report.remediation.measures.items] == ["m1", "m2", "m3", "m4"]
    assert all(m.answers == () for m in report.remediation.measures.items)
    assert report.metadata == complete.metadata  # kept by the record
    assert report.other_matters == complete.other_matters
    assert rules(imported).count("import.answer_dropped") == 4
    assert "import.paragraph_added" in rules(imported)


def without_record(data: bytes) -> bytes:
    """The file as a tool that drops custom document properties would save it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if info.filename != "docProps/custom.xml":
                target.writestr(info, source.read(info))
    return buffer.getvalue()


def test_an_export_without_its_record_still_reads_by_styles_and_text(complete, exported):
    imported = read(without_record(exported))
    report = imported.report
    assert report.tables == complete.tables
    assert report.preamble == complete.preamble
    assert report.overview == complete.overview
    assert (report.metadata.issuing_body, report.metadata.year) == ("虚构市星河区人民政府", 2023)
    assert report.metadata.period == complete.metadata.period
    assert report.signature == complete.signature
    assert [item.text for item in report.other_matters.items] == [item.text for item in complete.other_matters.items]
    assert "import.section_missing" not in rules(imported)


# -- the official template --------------------------------------------------------------------------


def test_the_official_template_imports_blank_with_every_section():
    imported = g.read(TEMPLATE)
    report = imported.report
    assert all(cell.is_blank and cell.raw is None for table in report.tables for cell in table.cells)
    found = rules(imported)
    assert "import.section_missing" not in found
    assert "import.table_missing" not in found
    empty = {f.location.section for f in imported.findings if f.rule == "import.section_empty"}
    assert empty == {"overview", "remediation", "other_matters"}
    assert found.count("import.placeholder") == 3  # （文字描述） is not report text
    assert found.count("import.table_empty") == 3
    assert report.overview == ()
    assert report.other_matters == g.OtherMatters()


# -- a report written in Word by a person --------------------------------------------------------------

HUMAN_BODY = "某某市某某区教育局"


def human_label(text: str) -> str:
    """How people type the labels: 1、 for 1., straight quotes."""
    text = re.sub(r"^(\d)\.", r"\1、", text)
    return text.replace("\u201c", '"').replace("\u201d", '"')


def human_values(spec: TableSpec, offset: int) -> dict[tuple[str, str], str]:
    """A distinct number in every cell, so that a shifted value shows."""
    values = {(cell.row, cell.column): str(offset + i) for i, cell in enumerate(spec.cells)}
    if spec.key == "active_disclosure":
        values[("fees", "amount")] = "3862.4175"
    if spec.key == "applications":
        values[("granted", "total")] = "—"
        values[("carried_over", "natural_person")] = "约5"
    return values


def add_official_table(
    document: docx.document.Document,
    spec: TableSpec,
    values: dict[tuple[str, str], str],
    *,
    extra_row: int | None = None,
    extra_column: str | None = None,
) -> None:
    """The spec's table as a person makes it in Word: merge first, then type; optionally with an
    empty row inserted at ``extra_row`` and a column added on the right (``extra_column`` its heading)."""
    n_rows = spec.n_rows + (extra_row is not None)
    table = document.add_table(rows=n_rows, cols=spec.n_columns + (extra_column is not None))
    table.style = "Table Grid"

    def row_of(r: int) -> int:
        return r + 1 if extra_row is not None and r >= extra_row else r

    for cell in spec.grid:
        if cell.rowspan > 1 or cell.colspan > 1:
            top = table.cell(row_of(cell.row), cell.column)
            top.merge(table.cell(row_of(cell.row + cell.rowspan - 1), cell.column + cell.colspan - 1))
    rows = table.rows
    for cell in spec.grid:
        text = values.get(cell.value, "") if cell.value is not None else human_label(cell.text)
        if text:
            rows[row_of(cell.row)].cells[cell.column].text = text
    if extra_column is not None:
        rows[0].cells[spec.n_columns].text = extra_column


def human_document() -> bytes:
    document = docx.Document()
    for line in (HUMAN_BODY, "2023年政府信息公开工作年度报告"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(
        "本报告依据《中华人民共和国政府信息公开条例》编制。统计期限自2023年1月1日至2023年12月31日。"
        "如有疑问请与本局办公室联系（地址：某某路1号，邮编：100000，电话：010-12345678）。"
    )
    sections = {section.key: section for section in SECTIONS}
    document.add_paragraph(sections["overview"].heading)
    document.add_paragraph("（一）主动公开")
    document.add_paragraph("全年主动公开政府信息1200条。")
    document.add_paragraph("1、加强组织领导，明确专人负责政务公开工作，确保各项任务落实到位。")
    # The tables in another order than the sections: 四, 二, 三.
    order = [TABLES[2], TABLES[0], TABLES[1]]
    for section_key, spec, offset in zip(
        ("active_disclosure", "applications", "review_litigation"), order, (900, 100, 200), strict=True
    ):
        heading = sections[section_key].heading
        if section_key == "review_litigation":
            heading = f"四、{sections[section_key].variants[0]}"  # the title variant
        document.add_paragraph(heading)
        extra = {"applications": {"extra_row": 9, "extra_column": "备注"}, "active_disclosure": {"extra_row": 3}}
        add_official_table(document, spec, human_values(spec, offset), **extra.get(spec.key, {}))
    document.add_paragraph(f"五、{sections['remediation'].variants[0]}")
    document.add_paragraph("（一）上年度问题整改情况")
    document.add_paragraph("1、政策解读不够深入的问题已整改，全年发布解读材料30篇。")
    document.add_paragraph("（二）存在的主要问题")
    document.add_paragraph("工作中仍存在一些不足：一是公开内容不够全面；二是解读形式较为单一。")
    document.add_paragraph("（三）改进措施")
    document.add_paragraph("一是进一步扩大公开范围，做到应公开尽公开。")
    document.add_paragraph("二是丰富政策解读形式，提高解读质量。")
    document.add_paragraph(sections["other_matters"].heading)
    document.add_paragraph("1、本机关2023年未收取信息处理费。")
    contact = document.add_table(rows=2, cols=2)
    contact.rows[0].cells[0].text, contact.rows[0].cells[1].text = "联系人", "张三"
    for line in (HUMAN_BODY, "2024年1月20日"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return save(document)


@pytest.fixture(scope="module")
def human() -> g.Imported:
    return read(human_document())


def test_a_report_written_in_word_finds_every_section_and_the_metadata(human):
    report = human.report
    assert "import.section_missing" not in rules(human)
    assert (report.metadata.issuing_body, report.metadata.year) == (HUMAN_BODY, 2023)
    assert report.metadata.title is None
    assert report.metadata.body_kind is g.BodyKind.GOVERNMENT_DEPARTMENT
    assert report.metadata.period == g.Period.calendar_year(2023)
    assert report.metadata.contact.phone == "010-12345678"
    assert report.overview == (
        g.Heading(number="（一）", text="主动公开", level=2),
        g.Paragraph(text="全年主动公开政府信息1200条。"),
        g.Item(number="1、", text="加强组织领导，明确专人负责政务公开工作，确保各项任务落实到位。"),
    )
    assert report.signature == g.Signature(authority=HUMAN_BODY, date=dt.date(2024, 1, 20))


def test_a_report_written_in_word_has_every_value_in_its_cell(human):
    report = human.report
    for spec, offset in zip(TABLES, (100, 200, 900), strict=True):
        table = report.tables[TABLES.index(spec)]
        for address, text in human_values(spec, offset).items():
            cell = table[address]
            if text == "—":
                assert cell == g.Cell.not_applicable("—")
            elif text == "约5":
                assert cell == g.Cell.blank(raw="约5")
            elif spec.cells[spec.cell_index[address]].kind.value == "amount":
                assert cell == g.Cell.number(Decimal(text))
            else:
                assert cell == g.Cell.number(int(text)), address


def test_a_report_written_in_word_keeps_its_narrative_structure(human):
    remediation = human.report.remediation
    assert [item.text for item in remediation.previous.items] == [
        "政策解读不够深入的问题已整改，全年发布解读材料30篇。"
    ]
    assert remediation.problems.run_in
    assert [(p.number, p.text) for p in remediation.problems.items] == [
        ("一是", "公开内容不够全面；"),
        ("二是", "解读形式较为单一。"),
    ]
    assert [m.number for m in remediation.measures.items] == ["一是", "二是"]
    (item,) = human.report.other_matters.items
    assert item.topic is g.OtherTopic.PROCESSING_FEE


def test_what_cannot_be_placed_in_a_report_written_in_word_is_a_finding(human):
    by_rule: dict[str, list[g.Finding]] = {}
    for finding in human.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    (unreadable,) = by_rule["import.cell_unreadable"]
    assert (unreadable.location.table, unreadable.location.row, unreadable.location.column) == (
        "applications",
        "carried_over",
        "natural_person",
    )
    assert unreadable.found == "约5"
    (unrecognised,) = by_rule["import.table_unrecognised"]
    assert unrecognised.found is not None
    assert "张三" in unrecognised.found
    (unplaced,) = by_rule["import.table_text_unplaced"]
    assert unplaced.found == "备注"
    assert "import.cell_missing" not in by_rule
    assert "import.body_kind_inferred" in by_rule


def one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1 × 1, 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def test_pictures_are_findings(tmp_path):
    document = docx.Document(io.BytesIO(human_document()))
    picture = tmp_path / "dot.png"
    picture.write_bytes(one_pixel_png())
    document.paragraphs[3].add_run().add_picture(str(picture))
    imported = read(save(document))
    assert "import.object_unplaced" in rules(imported)


# -- reference documents ----------------------------------------------------------------------------


def test_a_reference_docx_supplies_the_styles(complete, exported, tmp_path):
    reference = docx.Document(io.BytesIO(exported))
    reference.styles["GovReport Body"].font.size = Pt(15)
    path = tmp_path / "house-style.docx"
    reference.save(str(path))
    data = g.export(complete, "docx", reference_docx=path)
    styled = docx.Document(io.BytesIO(data))
    assert styled.styles["GovReport Body"].font.size == Pt(15)
    assert read(data).report == complete


# -- the command line -------------------------------------------------------------------------------


def test_cli_renders_and_imports_docx(run_cli, tmp_path, complete):
    source = tmp_path / "report.docx"
    source.write_bytes(g.export(complete, "docx"))
    out = tmp_path / "out"
    result = run_cli("render", source, "--to", "json,text", "-o", out)
    assert result.returncode == 0, result.stderr
    assert g.load(out / "report.json") == complete
    assert "一、总体情况" in (out / "report.txt").read_text(encoding="utf-8")
    result = run_cli("import", source, "-o", tmp_path / "x.json")
    assert result.returncode == 0, result.stderr
    assert g.load(tmp_path / "x.json") == complete
    renamed = tmp_path / "report.bin"
    renamed.write_bytes(source.read_bytes())
    result = run_cli("import", renamed)  # no known extension: recognised by its content
    assert result.returncode == 0, result.stderr
    assert g.loads(result.stdout) == complete


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"PK", "not a Word document"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 100, "password-protected"),
        (None, "without a Word document"),
        ("doctype", "document type declaration"),
    ],
    ids=["not-a-zip", "encrypted-or-doc", "no-document", "doctype"],
)
def test_files_that_are_not_word_documents_are_clear_errors(run_cli, tmp_path, data, fragment):
    if data is None or data == "doctype":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            if data is None:
                archive.writestr("word/other.xml", "<x/>")
            else:
                archive.writestr(
                    "word/document.xml",
                    '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><d>&a;</d>',
                )
        data = buffer.getvalue()
    source = tmp_path / "bad.docx"
    source.write_bytes(data)
    result = run_cli("import", source)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr
    assert "bad.docx" in result.stderr


# -- speed --------------------------------------------------------------------------------------------


def median_seconds(action, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_export_and_import_take_at_most_five_empty_python_docx_documents(complete, exported):
    def empty_document() -> None:
        docx.Document().save(io.BytesIO())

    g.export(complete, "docx")  # warm up: the first call imports the writer
    baseline = median_seconds(empty_document)
    export = median_seconds(lambda: g.export(complete, "docx"))
    imported = median_seconds(lambda: read(exported))
    ratios = f"export {export / baseline:.2f}, import {imported / baseline:.2f}"
    print(f"docx ÷ empty python-docx document ({baseline * 1e3:.1f} ms): {ratios}")
    assert export <= 5 * baseline
    assert imported <= 5 * baseline


# -- a look through LibreOffice -------------------------------------------------------------------------

LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")


def test_libreoffice_renders_the_sample_with_every_label_and_value(complete, exported):
    # Never skipped: .ci/run installs LibreOffice and poppler-utils, and a missing one must show.
    assert LIBREOFFICE, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    assert POPPLER, "poppler-utils is not installed: apt-get install poppler-utils"
    build = ROOT / "build" / "docx-pages"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    source = build / "xinghe-2023.docx"
    source.write_bytes(exported)
    subprocess.run(
        [LIBREOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(build), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = build / "xinghe-2023.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 7 <= pages <= 12  # 9 with Noto CJK standing in for the official fonts
    # -raw keeps the order LibreOffice wrote the text in: a label wrapped inside its cell stays together.
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    compact = re.sub(r"\s", "", text)
    for spec, table in zip(TABLES, complete.tables, strict=True):
        for cell in spec.grid:
            label = re.sub(r"\s", "", cell.text)
            if not label:
                continue
            if cell.rowspan > 1 and label not in compact:
                # A label merged over many rows flows on when the table breaks inside it
                # (三、本年度办 | 理结果): both parts are there, in order.
                assert any(
                    label[:k] in compact and label[k:] in compact[compact.index(label[:k]) :]
                    for k in range(1, len(label))
                ), label
                continue
            assert label in compact, label
        for _, value in table.items():
            assert str(value) in compact
    for page in range(1, pages + 1):
        assert f"\u2014{page}\u2014" in compact  # the page number, on every page
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(build / "page")], check=True, timeout=120)
    assert len(list(build.glob("page-*.png"))) == pages


def test_an_export_saved_again_by_another_word_processor_reads_back_the_same(complete, exported, tmp_path):
    assert LIBREOFFICE, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    # LibreOffice rewrites every part of the package; styles, runs and custom properties survive.
    source = tmp_path / "in.docx"
    source.write_bytes(exported)
    subprocess.run(
        [LIBREOFFICE, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "out"), source],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = (tmp_path / "out" / "in.docx").read_bytes()
    assert resaved != exported
    imported = read(resaved)
    assert imported.report == complete
    assert imported.findings == ()
