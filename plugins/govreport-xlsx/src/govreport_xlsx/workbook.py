"""Build the workbook: one sheet per table laid out as the official template, and a text sheet.

What Excel cannot hold is decided here, once (see the plugin's README):

- characters XML 1.0 cannot hold (most C0 controls, U+FFFE, U+FFFF) are left out of the text,
  as the docx exporter leaves them out of what it shows; a lone surrogate, which is not Unicode
  text, is an ``ExportError``, as in every exporter;
- a number Excel would round (more than 15 significant digits, or more than 15 decimals) is
  written as text with every digit, not as a number;
- a line of the text sheet longer than a cell holds (32,767 characters) goes on in the rows
  below it; a table cell cannot, so a cell's text that long is an ``ExportError``.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from govreport.errors import ExportError
from govreport.exporting import block_text, format_date, part_lines, refuse_surrogates
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
#: Excel's tallest row, in points.
MAX_ROW_HEIGHT = 409.0
#: The most characters (UTF-16 code units) an Excel cell holds; openpyxl would cut the rest silently.
CELL_LIMIT = 32767
#: Excel keeps 15 significant digits of a number, and shows at most this many decimals exactly.
EXCEL_DIGITS = 15
#: What XML 1.0 cannot hold, even as a character reference.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Every part gets the same time, so that the same report gives the same bytes.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_DATE = dt.datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def display_width(text: str) -> int:
    """Width in Excel units: a CJK (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clean(text: str) -> str:
    """The text without what XML 1.0 cannot hold (openpyxl and lxml refuse it rather than drop it)."""
    return XML_ILLEGAL.sub("", text)


def excel_length(text: str) -> int:
    """Length as Excel counts it: in UTF-16 code units, so an emoji counts two."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def cell_pieces(text: str) -> list[str]:
    """The text cut into pieces a cell holds, never inside a character."""
    pieces: list[str] = []
    start = used = 0
    for index, char in enumerate(text):
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > CELL_LIMIT:
            pieces.append(text[start:index])
            start, used = index, 0
        used += size
    pieces.append(text[start:])
    return pieces


def held_as_number(value: int | Decimal) -> bool:
    """Whether Excel holds the number exactly: at most 15 significant digits and 15 decimals."""
    _sign, digits, exponent = Decimal(value).normalize().as_tuple()
    assert isinstance(exponent, int)  # a cell's number is finite
    return len(digits) <= EXCEL_DIGITS and -exponent <= EXCEL_DIGITS


def amount_format(value: Decimal) -> str:
    """AMOUNT_FORMAT, with room for every decimal of an amount that has more than four."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return AMOUNT_FORMAT if -exponent <= 4 else "0.00" + "#" * (-exponent - 2)


def cell_at(sheet: Worksheet, row: int, column: int) -> Cell:
    """The cell that holds a value: a merged range's top-left one, never one it covers."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell), f"{cell.coordinate} is covered by a merged range"
    return cell


def put_text(cell: Cell, text: str) -> None:
    """Text that stays text: "=1+1" from a report is not a formula for Excel to run."""
    text = clean(text)
    if excel_length(text) > CELL_LIMIT:
        raise ExportError(
            f"format 'xlsx' cannot hold {excel_length(text):,} characters in cell {cell.coordinate} of sheet "
            f"{cell.parent.title!r}: an Excel cell holds at most {CELL_LIMIT:,}"
        )
    cell.value = text
    cell.data_type = "s"


def label_columns(spec: TableSpec) -> int:
    """How many columns at the left hold labels only (table 二: 1, table 三: 3, table 四: 0)."""
    return min(cell.column for cell in spec.grid if cell.role is GridRole.VALUE)


def column_widths(spec: TableSpec) -> list[float]:
    """The template's relative widths, scaled so that the narrowest column holds five digits, and
    the value columns (all as wide as each other, as in the template) wide enough that every column
    label over a single one of them fits on one line: a label is never broken inside a word
    (社会公益组/织), since Excel and LibreOffice wrap Chinese text at any character."""
    units = [twips / 20 / POINTS_PER_WIDTH_UNIT for twips in spec.grid_widths]
    scale = max(1.0, 8.0 / min(units))
    widths = [round(width * scale, 1) for width in units]
    labels = label_columns(spec)
    header = max(
        (
            display_width(cell.text) + 2
            for cell in spec.grid
            if cell.role is GridRole.COLUMN_HEADER and cell.colspan == 1 and cell.column >= labels
        ),
        default=0,
    )
    return [width if column < labels else max(width, float(header)) for column, width in enumerate(widths)]


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
    length = excel_length(clean(value.raw or ""))
    if length > CELL_LIMIT:  # a cell of the grid cannot go on below, as a line of text can
        raise ExportError(
            f"format 'xlsx' cannot hold the text of table {table.SPEC.number}, row '{address[0]}', column "
            f"'{address[1]}': {length:,} characters, and an Excel cell holds at most {CELL_LIMIT:,}"
        )
    cell.alignment = Alignment(horizontal="center", vertical="center")  # as the template centres them
    if value.is_number and value.value is not None and not held_as_number(value.value):
        put_text(cell, str(value))  # every digit, rather than the 15 Excel would keep
        cell.number_format = "@"
    elif value.is_number:
        number = value.value
        cell.value = number  # an int, or a Decimal kept exact in the file
        amount = kind is ValueKind.AMOUNT and isinstance(number, Decimal)
        cell.number_format = amount_format(number) if amount and isinstance(number, Decimal) else COUNT_FORMAT
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
    # The caption and header rows and the label columns stay in view while the values scroll.
    sheet.freeze_panes = f"{_letter(1 + label_columns(spec))}{GRID_TOP + spec.header_rows}"
    page_numbers(sheet)


def page_numbers(sheet: Worksheet) -> None:
    """“— N —” at the foot of every printed page, as in the DOCX."""
    odd = sheet.oddFooter
    if odd is None:  # a worksheet openpyxl makes always has one
        raise ExportError("format 'xlsx': the worksheet has no footer to number its pages in")
    footer = odd.center
    footer.text = "— &P —"
    footer.size = 12
    footer.font = f"{FONT},Regular"


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(column)
    return letter


def metadata_rows(report: Report) -> Iterator[tuple[str, str | int]]:
    meta = report.metadata
    contact = meta.contact
    yield "标题", meta.display_title
    yield "机关", meta.issuing_body
    yield "年度", meta.year  # a number, to sort and filter by
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
        if isinstance(value, int):
            number = cell_at(sheet, row, 2)
            number.value = value
            number.number_format = COUNT_FORMAT  # 2022, not 2,022
            number.font = Font(name=FONT, size=10.5)
            number.alignment = Alignment(horizontal="left")
            row += 1
        else:
            row += write_wrapped(sheet, row, value)
    row += 1
    put_text(cell_at(sheet, row, 1), "正文")
    sheet.cell(row=row, column=1).font = Font(name=FONT, size=12, bold=True)
    row += 1
    for heading, line in narrative_rows(report):
        if heading:
            put_text(cell_at(sheet, row, 2), heading)
            sheet.cell(row=row, column=2).font = Font(name=FONT, size=10.5, bold=True)
            row += 1
        else:
            row += write_wrapped(sheet, row, line)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    page_numbers(sheet)


def write_wrapped(sheet: Worksheet, row: int, text: str) -> int:
    """Write a line of text in column B from ``row`` on; the number of rows it took.

    A line longer than a cell holds goes on in the rows below, rather than being cut.
    """
    pieces = cell_pieces(clean(text))
    for offset, piece in enumerate(pieces):
        cell = cell_at(sheet, row + offset, 2)
        put_text(cell, piece)
        cell.font = Font(name=FONT, size=10.5)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = max(1, math.ceil(display_width(piece) / 88))
        sheet.row_dimensions[row + offset].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 2)
    return len(pieces)


def render_workbook(report: Report, *, blank: str = "") -> bytes:
    refuse_surrogates(report, "xlsx")
    book = Workbook()
    book.properties.created = FIXED_DATE  # openpyxl would stamp the time of rendering
    # The body that issues the report is its author, as in the DOCX; the program is not.
    book.properties.creator = clean(report.metadata.issuing_body)
    book.properties.lastModifiedBy = clean(report.metadata.issuing_body)
    book.properties.title = clean(report.title)
    book.properties.language = "zh-CN"
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
