"""The ``docx`` exporter: the report as a Word document in the official document format.

GB/T 9704-2012 page setup and typography, the three tables with the official template's grid
and merged cells, page numbers “— N —” on the outer side, and a structure record that lets the
``docx`` importer read the file back into the same report. See docs/docx.md.

Nothing heavy loads with this module: the writer (``govreport.wordml``) is imported when the
first document is rendered.
"""

from __future__ import annotations

from pathlib import Path

from govreport.formats import Exporter, ExportOption
from govreport.hookspecs import hookimpl
from govreport.model import Report


def render_docx(report: Report, *, blank: str = "", reference_docx: Path | None = None) -> bytes:
    from govreport.wordml.writer import render_docx as render

    return render(report, blank=blank, reference_docx=reference_docx)


DOCX = Exporter(
    name="docx",
    description="Word document in the official document format (GB/T 9704), readable back by the docx importer",
    extension=".docx",
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    render=render_docx,
    options=(
        ExportOption(name="blank", type="str", default="", help="how a blank table cell is shown"),
        ExportOption(
            name="reference_docx",
            type="path",
            help="a .docx whose styles replace govreport's (it must define every GovReport style)",
        ),
    ),
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [DOCX]
