"""A govreport exporter plugin: every table cell as a CSV row, with the official labels."""

from __future__ import annotations

import csv
import io

import govreport
from govreport.exporting import encode_utf8


def render_csv(report: govreport.Report, *, blank: str = "") -> bytes:
    out = io.StringIO()
    # CRLF, as RFC 4180 has it: a field holding a line feed or a lone carriage return is quoted.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["table", "row", "column", "state", "value"])
    for table in report.tables:
        spec = table.SPEC
        for address, cell in table.items():
            row = " › ".join(spec.row(address.row).path)
            column = " › ".join(spec.column(address.column).path)
            # The state column keeps blank and n/a apart even where their text is the same.
            text = blank if cell == govreport.BLANK else str(cell)
            writer.writerow([spec.number, row, column, cell.state.value, text])
    # With a BOM, so that Excel reads UTF-8; a lone surrogate (only a report built in Python holds
    # one) is an ExportError naming where it is.
    return encode_utf8(out.getvalue(), report, "csv", bom=True)


CSV = govreport.Exporter(
    name="csv",
    description="Every table cell as a CSV row, with the official labels",
    extension=".csv",
    media_type="text/csv; charset=utf-8",
    render=render_csv,
    options=(govreport.ExportOption(name="blank", type="str", default="", help="how a blank cell is shown"),),
)


@govreport.hookimpl
def register_exporters() -> list[govreport.Exporter]:
    return [CSV]
