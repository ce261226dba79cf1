"""The xlsx exporter: conformance, the template's merged cells, typed numbers, A4 printing."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from govreport_xlsx import XLSX
from govreport_xlsx.workbook import (
    AMOUNT_FORMAT,
    CELL_LIMIT,
    COUNT_FORMAT,
    GRID_TOP,
    MAX_ROW_HEIGHT,
    NOT_APPLICABLE_FILL,
)

import govreport
from govreport.plugins import build_registry
from govreport.spec import TABLES, GridRole, TableSpec, ValueKind
from govreport.testing import HOSTILE_TEXT, check_exporter, complete_report, hostile_report, not_applicable_report

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "wangfu-2022" / "report.json"


def workbook(report: govreport.Report) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(XLSX.render(report, blank="")))


def test_conformance() -> None:
    check_exporter(XLSX)


def test_installed_as_a_plugin() -> None:
    registry = build_registry(only=["xlsx"])
    assert registry.exporter("xlsx").name == "xlsx"
    source = registry.exporter_source("xlsx")
    assert (source.name, source.distribution) == ("xlsx", "govreport-xlsx")


def test_one_sheet_per_table_with_the_template_merged_ranges() -> None:
    book = workbook(govreport.load(EXAMPLE))
    assert book.sheetnames == ["报告信息", *(spec.caption for spec in TABLES)]
    for spec in TABLES:
        sheet = book[spec.caption]
        expected = {f"A1:{openpyxl.utils.get_column_letter(spec.n_columns)}1"}  # the caption
        for cell in spec.grid:
            if cell.rowspan > 1 or cell.colspan > 1:
                top, left = GRID_TOP + cell.row, 1 + cell.column
                expected.add(
                    f"{openpyxl.utils.get_column_letter(left)}{top}:"
                    f"{openpyxl.utils.get_column_letter(left + cell.colspan - 1)}{top + cell.rowspan - 1}"
                )
        assert {str(r) for r in sheet.merged_cells.ranges} == expected
        for cell in spec.grid:  # every label from the spec, where the template has it
            if cell.value is None:
                assert sheet.cell(row=GRID_TOP + cell.row, column=1 + cell.column).value == (cell.text or None)


def test_numbers_are_numbers_and_amounts_decimals_with_a_format() -> None:
    report = complete_report()
    book = workbook(report)
    for table in report.tables:
        sheet = book[table.SPEC.caption]
        for grid_cell in table.SPEC.grid:
            if grid_cell.value is None:
                continue
            cell = sheet.cell(row=GRID_TOP + grid_cell.row, column=1 + grid_cell.column)
            expected = table[grid_cell.value].value
            kind = table.SPEC.cells[table.SPEC.cell_index[grid_cell.value]].kind
            if kind is ValueKind.AMOUNT:
                assert isinstance(cell.value, float)
                assert Decimal(str(cell.value)) == expected
                assert cell.number_format == AMOUNT_FORMAT
            else:
                assert type(cell.value) is int
                assert cell.value == expected


def test_blank_and_not_applicable_are_distinct() -> None:
    report = not_applicable_report()
    book = workbook(report)
    seen = set()
    for table in report.tables:
        sheet = book[table.SPEC.caption]
        for grid_cell in table.SPEC.grid:
            if grid_cell.value is None:
                continue
            value = table[grid_cell.value]
            cell = sheet.cell(row=GRID_TOP + grid_cell.row, column=1 + grid_cell.column)
            if value.is_not_applicable:
                assert cell.value == value.raw
                assert cell.fill.fgColor.rgb == NOT_APPLICABLE_FILL.fgColor.rgb
                seen.add("n/a")
            elif value.is_blank:
                assert cell.value == value.raw
                assert cell.fill.fill_type is None
                seen.add("blank" if value.raw is None else "blank with text")
    assert seen == {"n/a", "blank", "blank with text"}


def test_text_sheet_holds_metadata_and_narrative_and_formulas_stay_text() -> None:
    report = hostile_report()
    sheet = workbook(report)["报告信息"]
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert report.metadata.display_title in values
    assert HOSTILE_TEXT in values  # published_at, narrative: kept as text, not run as "=SUM(...)"
    assert "一、总体情况" in values
    assert "六、其他需要报告的事项" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_printable_on_a4_and_readable_widths() -> None:
    book = workbook(complete_report())
    for spec in TABLES:
        sheet = book[spec.caption]
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(spec.n_columns)]
        assert min(widths) >= 8  # five digits and a margin
    assert book[TABLES[1].caption].print_title_rows == f"${GRID_TOP}:${GRID_TOP + TABLES[1].header_rows - 1}"


def test_headers_and_labels_stay_in_view_and_numbers_are_centred() -> None:
    book = workbook(complete_report())
    # Frozen under the caption and header rows, right of the label columns.
    assert [book[spec.caption].freeze_panes for spec in TABLES] == [
        f"B{GRID_TOP}",
        f"D{GRID_TOP + 3}",
        f"A{GRID_TOP + 3}",
    ]
    for spec in TABLES:
        sheet = book[spec.caption]
        for grid_cell in spec.grid:
            if grid_cell.value is not None:
                cell = sheet.cell(row=GRID_TOP + grid_cell.row, column=1 + grid_cell.column)
                assert cell.alignment.horizontal == "center"


def test_every_sheet_numbers_its_pages_and_the_body_is_the_author() -> None:
    report = complete_report()
    book = workbook(report)
    for sheet in book.worksheets:
        assert sheet.oddFooter.center.text == "— &P —"
    assert book.properties.creator == report.metadata.issuing_body
    assert book.properties.title == report.title
    year = next(row[1] for row in book["报告信息"].iter_rows(values_only=True) if row[0] == "年度")
    assert year == report.metadata.year
    assert isinstance(year, int)


def test_column_labels_fit_their_column_on_one_line() -> None:
    book = workbook(complete_report())
    for spec in TABLES:
        sheet = book[spec.caption]
        for cell in spec.grid:
            if cell.role is GridRole.COLUMN_HEADER and cell.colspan == 1 and cell.column > 0:
                width = sheet.column_dimensions[openpyxl.utils.get_column_letter(1 + cell.column)].width
                assert width >= 2 * len(cell.text) + 2, cell.text


def test_libreoffice_converts_it_to_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed: apt-get install libreoffice-calc-nogui"
    source = tmp_path / "report.xlsx"
    source.write_bytes(XLSX.render(govreport.load(EXAMPLE), blank=""))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    info = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], check=True, capture_output=True, text=True)
    assert "595.3" in info.stdout
    assert "841.89" in info.stdout
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    for label in ("三、收到和处理政府信息公开申请情况", "行政事业性收费", "申请人情况"):
        assert label in text
    # Every page has its number in the footer, and no column label is broken across two lines:
    # each is one word of the printed page (pdftotext splits words at line ends).
    pages = text.split("\f")[:-1]
    assert pages
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in re.sub(r"\s", "", page), f"page {number} has no page number"
    words = set(
        re.findall(
            r">([^<]+)</word>",
            subprocess.run(
                ["pdftotext", "-bbox", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True
            ).stdout,
        )
    )
    for spec in TABLES:
        for cell in spec.grid:
            if cell.role is GridRole.COLUMN_HEADER and cell.colspan == 1 and cell.column > 0:
                assert cell.text in words, f"{cell.text!r} is broken across lines"


@pytest.mark.parametrize("blank", ["", "—"])
def test_blank_option(blank: str) -> None:
    book = workbook_with(blank)
    cell = book[TABLES[0].caption].cell(row=GRID_TOP + 2, column=2)  # 规章 › 本年制发件数, blank in the sample
    assert cell.value == (blank or None)


def workbook_with(blank: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(
        io.BytesIO(XLSX.render(govreport.Report(metadata=complete_report().metadata), blank=blank))
    )


# -- what Excel cannot hold (see the README) ---------------------------------------------------------

CONTROL = "".join(chr(code) for code in range(32)) + "\ufffe\uffff"


def text_sheet_values(report: govreport.Report) -> list[str]:
    sheet = workbook(report)["报告信息"]
    return [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]


def test_characters_xml_cannot_hold_are_left_out() -> None:
    report = complete_report()
    report = attrs.evolve(report, overview=(govreport.Paragraph(text=f"前{CONTROL}后"),))
    values = text_sheet_values(report)
    assert "前\t\n\r后" in values  # tab, line feed and carriage return are XML text
    assert not any("\ufffd" in value for value in values)


def test_a_line_longer_than_a_cell_goes_on_below() -> None:
    long = "长" * 40_000 + "🙂" * 10  # an emoji counts two towards Excel's limit
    report = attrs.evolve(complete_report(), overview=(govreport.Paragraph(text=long),))
    sheet = workbook(report)["报告信息"]
    column = [cell.value for cell in sheet["B"] if isinstance(cell.value, str)]
    start = next(i for i, value in enumerate(column) if value.startswith("长"))
    assert len(column[start]) == CELL_LIMIT
    assert column[start] + column[start + 1] == long
    heights = [dimension.height for dimension in sheet.row_dimensions.values() if dimension.height]
    assert max(heights) <= MAX_ROW_HEIGHT


def test_a_table_cell_longer_than_a_cell_holds_is_refused() -> None:
    report = complete_report()
    table = report.applications.with_values({("granted", "total"): govreport.Cell.blank(raw="x" * 40_000)})
    with pytest.raises(govreport.ExportError, match=r"format 'xlsx' cannot hold the text of table 三, row 'granted'"):
        XLSX.render(attrs.evolve(report, applications=table), blank="")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10**15 + 1, "1000000000000001"),  # 16 digits: Excel keeps 15
        (2**53 + 1, "9007199254740993"),  # not even a double
        (Decimal("123456789.987654321"), "123456789.987654321"),
        (Decimal("1E-25"), "0.0000000000000000000000001"),
    ],
)
def test_numbers_excel_would_round_are_written_as_text(value: int | Decimal, shown: str) -> None:
    report = complete_report()
    table = report.applications if isinstance(value, int) else report.active_disclosure
    address = ("granted", "total") if isinstance(value, int) else ("fees", "amount")
    changed = attrs.evolve(report, **{table.SPEC.key: table.with_values({address: value})})
    cell = cell_of(changed, table.SPEC, address)
    assert cell.value == shown
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("value", "number_format"),
    [
        (10**15, COUNT_FORMAT),
        (Decimal("1E+15"), AMOUNT_FORMAT),
        (Decimal("0.000000123"), "0.00#######"),  # every decimal shown, not 0.00
        (Decimal("86.50"), AMOUNT_FORMAT),
    ],
)
def test_numbers_excel_holds_stay_numbers_with_every_decimal_shown(value: int | Decimal, number_format: str) -> None:
    report = complete_report()
    table = report.applications if isinstance(value, int) else report.active_disclosure
    address = ("granted", "total") if isinstance(value, int) else ("fees", "amount")
    changed = attrs.evolve(report, **{table.SPEC.key: table.with_values({address: value})})
    cell = cell_of(changed, table.SPEC, address)
    assert cell.data_type == "n"
    assert Decimal(str(cell.value)) == value
    assert cell.number_format == number_format


def cell_of(report: govreport.Report, spec: TableSpec, address: tuple[str, str]) -> openpyxl.cell.cell.Cell:
    grid_cell = next(cell for cell in spec.grid if cell.value == address)
    sheet = workbook(report)[spec.caption]
    return sheet.cell(row=GRID_TOP + grid_cell.row, column=1 + grid_cell.column)


def test_a_lone_surrogate_is_refused() -> None:
    report = attrs.evolve(complete_report(), overview=(govreport.Paragraph(text="a\ud800b"),))
    with pytest.raises(govreport.ExportError, match="format 'xlsx' cannot hold a lone surrogate"):
        XLSX.render(report, blank="")
