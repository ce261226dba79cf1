"""Build the workbook: one sheet per table laid out as the official template, and a text sheet."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from govreport.exporters.common import block_text, format_date
from govreport.exporters.text import part_lines
from govreport.model import Block, Report, StatisticsTable
from govreport.spec import BODY_KIND_LABELS, SECTION_INDEX, GridRole, TableSpec, ValueKind

#: Sheet row where the grid starts (1-based): row 1 holds the table's caption.
GRID_TOP = 3
FONT = "SimSun"  # 宋体, as in the template; LibreOffice substitutes a CJK font where it is missing
COUNT_FORMAT = "0"
#: 万元 with two to four decimals: 86.5 shows as 86.50, and 0.1234 is not rounded away.
AMOUNT_FORMAT = "0.00##"
NOT_APPLICABLE_FILL = PatternFill(fill_type="solid", start_color="FFE7E6E6", end_color="FFE7E6E6")
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
#: points per Excel width unit at 10.5 pt: the template's widths are in twentieths of a point
POINTS_PER_WIDTH_UNIT = 5.25
#: a table with more grid columns than this (四's fifteen) prints landscape; all fit the page's width
PORTRAIT_MAX_COLUMNS = 10
LINE_HEIGHT = 14.0
# Every part gets the same time, so that the same report gives the same bytes.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_DATE = dt.datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def display_width(text: str) -> int:
    """Width in Excel units: a CJK (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clean(text: str) -> str:
    # XML 1.0 cannot hold most control characters; openpyxl refuses them rather than drop them.
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def cell_at(sheet: Worksheet, row: int, column: int) -> Cell:
    """The cell that holds a value: a merged range's top-left one, never one it covers."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell), f"{cell.coordinate} is covered by a merged range"
    return cell


def put_text(cell: Cell, text: str) -> None:
    """Text that stays text: "=1+1" from a report is not a formula for Excel to run."""
    cell.value = clean(text)
    cell.data_type = "s"


def column_widths(spec: TableSpec) -> list[float]:
    """The template's relative widths, scaled so that the narrowest column holds five digits."""
    units = [twips / 20 / POINTS_PER_WIDTH_UNIT for twips in spec.grid_widths]
    scale = max(1.0, 8.0 / min(units))
    return [round(width * scale, 1) for width in units]


def write_table(sheet: Worksheet, table: StatisticsTable, blank: str) -> None:
    spec = table.SPEC
    widths = column_widths(spec)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(index)].width = width
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=spec.n_columns)
    put_text(cell_at(sheet, 1, 1), spec.caption)
    sheet.cell(row=1, column=1).font = Font(name=FONT, size=14, bold=True)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 24

    needed = [LINE_HEIGHT + 4] * spec.n_rows  # height each grid row needs for its wrapped text
    for grid_cell in spec.grid:
        top, left = GRID_TOP + grid_cell.row, 1 + grid_cell.column
        bottom, right = top + grid_cell.rowspan - 1, left + grid_cell.colspan - 1
        if grid_cell.rowspan > 1 or grid_cell.colspan > 1:
            sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
        for row in range(top, bottom + 1):  # borders on every cell of a merged range, or they do not print
            for column in range(left, right + 1):
                sheet.cell(row=row, column=column).border = BORDER
        cell = cell_at(sheet, top, left)
        cell.font = Font(name=FONT, size=10.5)
        if grid_cell.value is None:
            put_text(cell, grid_cell.text)
            horizontal = "left" if grid_cell.role is GridRole.ROW_HEADER else "center"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            cell.font = Font(name=FONT, size=10.5, bold=grid_cell.role is GridRole.GROUP)
            available = sum(widths[left - 1 : right]) - 1
            lines = max(1, math.ceil(display_width(grid_cell.text) / max(available, 1.0)))
            per_row = (lines * LINE_HEIGHT + 4) / grid_cell.rowspan
            for row in range(grid_cell.row, grid_cell.row + grid_cell.rowspan):
                needed[row] = max(needed[row], per_row)
        else:
            write_value(cell, table, grid_cell.value, blank)
    for row, height in enumerate(needed):
        sheet.row_dimensions[GRID_TOP + row].height = round(height, 1)
    setup_page(sheet, spec)


def write_value(cell: Cell, table: StatisticsTable, address: tuple[str, str], blank: str) -> None:
    value = table[address]
    kind = table.SPEC.cells[table.SPEC.cell_index[address]].kind
    cell.alignment = Alignment(horizontal="right", vertical="center")
    if value.is_number:
        cell.value = value.value  # an int, or a Decimal kept exact in the file
        cell.number_format = AMOUNT_FORMAT if kind is ValueKind.AMOUNT else COUNT_FORMAT
    elif value.is_not_applicable:
        put_text(cell, value.raw or "/")
        cell.fill = NOT_APPLICABLE_FILL  # n/a looks different from blank even where its mark is unusual
        cell.alignment = Alignment(horizontal="center", vertical="center")
    elif value.raw is not None:
        put_text(cell, value.raw)  # a blank written as text ("约5") keeps its text
        cell.font = Font(name=FONT, size=10.5, italic=True)
    elif blank:
        put_text(cell, blank)


def setup_page(sheet: Worksheet, spec: TableSpec) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if spec.n_columns > PORTRAIT_MAX_COLUMNS else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed, never shrunk to one
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    if spec.header_rows:
        first = GRID_TOP
        sheet.print_title_rows = f"{first}:{first + spec.header_rows - 1}"
    sheet.print_area = f"A1:{_letter(spec.n_columns)}{GRID_TOP + spec.n_rows - 1}"


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def metadata_rows(report: Report) -> Iterator[tuple[str, str]]:
    meta = report.metadata
    contact = meta.contact
    yield "标题", meta.display_title
    yield "机关", meta.issuing_body
    yield "年度", str(meta.year)
    yield "机关类别", BODY_KIND_LABELS.get(meta.body_kind, str(meta.body_kind))
    yield "格式版本", str(meta.edition.value)
    if meta.period is not None:
        yield "统计期间", f"{format_date(meta.period.start)}至{format_date(meta.period.end)}"
    for label, value in (
        ("发布位置", meta.published_at),
        ("网站", meta.website),
        ("联系机构", contact.organization),
        ("地址", contact.address),
        ("邮编", contact.postcode),
        ("电话", contact.phone),
        ("电子邮箱", contact.email),
    ):
        if value is not None:
            yield label, value
    if report.signature is not None:
        yield "落款", report.signature.authority
        if report.signature.date is not None:
            yield "日期", format_date(report.signature.date)
    yield "说明", "表中灰底单元格为不适用（原文标记照录），空白单元格为未填报。"


def narrative_rows(report: Report) -> Iterator[tuple[str, str]]:
    """(section heading or "", line) for every line of text, in reading order."""

    def lines(blocks: tuple[Block, ...]) -> list[str]:
        return [block_text(block) for block in blocks]

    yield from (("", line) for line in lines(report.preamble))
    sections: list[tuple[str, list[str]]] = [
        ("overview", lines(report.overview)),
        ("active_disclosure", ["（见表二）", *lines(report.active_disclosure.notes)]),
        ("applications", ["（见表三）", *lines(report.applications.notes)]),
        ("review_litigation", ["（见表四）", *lines(report.review_litigation.notes)]),
    ]
    remediation = report.remediation
    text = lines(remediation.intro)
    for part in (remediation.previous, remediation.problems, remediation.measures):
        text += part_lines(part)
    sections.append(("remediation", text + lines(remediation.closing)))
    other = report.other_matters
    sections.append(("other_matters", lines(other.intro) + [item.number + item.text for item in other.items]))
    for key, section_lines in sections:
        yield SECTION_INDEX[key].heading, ""
        yield from (("", line) for line in section_lines)


def write_text_sheet(sheet: Worksheet, report: Report) -> None:
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 90
    row = 1
    for label, value in metadata_rows(report):
        put_text(cell_at(sheet, row, 1), label)
        sheet.cell(row=row, column=1).font = Font(name=FONT, size=10.5, bold=True)
        write_wrapped(sheet, row, value)
        row += 1
    row += 1
    put_text(cell_at(sheet, row, 1), "正文")
    sheet.cell(row=row, column=1).font = Font(name=FONT, size=12, bold=True)
    row += 1
    for heading, line in narrative_rows(report):
        if heading:
            put_text(cell_at(sheet, row, 2), heading)
            sheet.cell(row=row, column=2).font = Font(name=FONT, size=10.5, bold=True)
        else:
            write_wrapped(sheet, row, line)
        row += 1
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def write_wrapped(sheet: Worksheet, row: int, text: str) -> None:
    cell = cell_at(sheet, row, 2)
    put_text(cell, text)
    cell.font = Font(name=FONT, size=10.5)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    lines = max(1, math.ceil(display_width(text) / 88))
    sheet.row_dimensions[row].height = lines * LINE_HEIGHT + 2


def render_workbook(report: Report, *, blank: str = "") -> bytes:
    book = Workbook()
    book.properties.created = FIXED_DATE  # openpyxl would stamp the time of rendering
    book.properties.creator = "govreport-xlsx"
    text_sheet = book.active
    assert text_sheet is not None  # a new workbook always has one sheet
    text_sheet.title = "报告信息"
    write_text_sheet(text_sheet, report)
    for table in report.tables:
        # Sheet names may not hold []:*?/\ ; the captions (二、主动公开政府信息情况) hold none.
        write_table(book.create_sheet(table.SPEC.caption[:31]), table, blank)
    book.active = 1  # open on table 二
    out = io.BytesIO()
    book.save(out)
    return reproducible(out.getvalue())


def reproducible(data: bytes) -> bytes:
    """The same package with fixed part times and a fixed modification date."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"<dcterms:modified\1>2000-01-01T00:00:00Z</dcterms:modified>", content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
