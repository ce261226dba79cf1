"""The ``xlsx`` exporter: the three official tables as Excel sheets, for statistics staff.

Only the format's description lives here, so that ``govreport formats`` stays fast: openpyxl
loads when the first workbook is rendered (``govreport_xlsx.workbook``).
"""

from __future__ import annotations

import govreport
from govreport.hookspecs import hookimpl
from govreport.model import Report


def render_xlsx(report: Report, *, blank: str = "") -> bytes:
    from govreport_xlsx.workbook import render_workbook

    return render_workbook(report, blank=blank)


XLSX = govreport.Exporter(
    name="xlsx",
    description="Excel workbook: one sheet per official table with the template's merged cells, plus the text",
    extension=".xlsx",
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    render=render_xlsx,
    options=(
        govreport.ExportOption(
            name="blank", type="str", default="", help="text for a blank cell (default: the cell stays empty)"
        ),
    ),
)


@hookimpl  # from govreport.hookspecs: the same marker, typed
def register_exporters() -> list[govreport.Exporter]:
    return [XLSX]
