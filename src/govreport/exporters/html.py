"""The ``html`` exporter: one standalone, accessible, printable HTML5 page (or a fragment to embed).

The page has inline CSS only and loads nothing (a Content-Security-Policy says so to the
browser as well), so it can be saved, mailed or published as it is. The tables reproduce the
official template's grid from :mod:`govreport.spec` (see :mod:`govreport.exporters.html_table`),
section 五 pairs each problem with its measures (:mod:`govreport.exporters.html_remediation`).

Templates autoescape: every piece of report text is escaped, and report data is only ever
passed to the templates as values, never compiled as a template. See docs/html.md.
"""

from __future__ import annotations

import re
from pathlib import Path

from govreport.errors import OptionError
from govreport.exporters.html_remediation import remediation_view
from govreport.exporters.html_table import table_view
from govreport.exporting import encode_utf8, format_date, signature_indents, title_lines
from govreport.formats import Exporter, ExportOption
from govreport.hookspecs import hookimpl
from govreport.model import Report
from govreport.spec import SECTION_INDEX
from govreport.templating import html_text, render

DEFAULT_ID_PREFIX = "govreport"
# Ids and the class names derived from them must stay plain: they are not escaped into CSS.
_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def render_html(
    report: Report,
    *,
    fragment: bool = False,
    blank: str = "",
    id_prefix: str = DEFAULT_ID_PREFIX,
    template_dir: Path | None = None,
    reading_aids: bool = False,
) -> bytes:
    if not _ID_PREFIX.fullmatch(id_prefix):
        raise OptionError(
            f"option 'id_prefix' of format 'html' must be a letter, then letters, digits, - or _: {id_prefix!r}"
        )
    from govreport.version import __version__

    context = {
        "report": report,
        "fragment": fragment,
        "prefix": id_prefix,
        "version": __version__,
        "sections": SECTION_INDEX,
        "title_lines": title_lines(report),
        "tables": [table_view(table, id_prefix=id_prefix, blank=blank) for table in report.tables],
        "remediation": remediation_view(report.remediation, id_prefix=id_prefix, reading_aids=reading_aids),
        "format_date": format_date,
        "reading_aids": reading_aids,
        "signature_right": _date_indent(report),
    }
    html = render("html", "report.html.j2", context, template_dir=template_dir, autoescape=True)
    if template_dir is not None:
        # A user's template may print report text as Markup (|safe, |e, |join, ~ with markup), which
        # the environment prints as it is, and may hold such characters itself: the whole page is
        # cleaned. Removing a character cannot make markup: every "<" and "&" is escaped already.
        html = html_text(html)
    return encode_utf8(html, report, "html")


def _date_indent(report: Report) -> float:
    """How far in from the right the date stands, in characters (GB/T 9704 7.3.5; the authority is
    centred over the date by the style sheet); without a date, how far the authority stands."""
    signature = report.signature
    if signature is None:
        return 0.0
    authority, date = signature_indents(signature.authority, format_date(signature.date))
    return date if signature.date is not None else authority


HTML = Exporter(
    name="html",
    description="A standalone, accessible, printable HTML5 page (or a fragment to embed)",
    extension=".html",
    media_type="text/html; charset=utf-8",
    render=render_html,
    options=(
        ExportOption(
            name="fragment",
            type="bool",
            default=False,
            help="only the report's <article> with CSS scoped to it, for embedding in a page",
        ),
        ExportOption(name="blank", type="str", default="", help="mark shown in a blank table cell (default: empty)"),
        ExportOption(
            name="id_prefix",
            type="str",
            default=DEFAULT_ID_PREFIX,
            help="prefix of every id, so that two reports can share a page",
        ),
        ExportOption(name="template_dir", type="path", help="directory of templates that override the defaults"),
        ExportOption(
            name="reading_aids",
            type="bool",
            default=False,
            help="links between each problem of section 五 and its measures (not report text; off by default)",
        ),
    ),
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [HTML]
