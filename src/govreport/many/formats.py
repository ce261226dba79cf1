"""The built-in formats of a comparison of two years: json, text, html and docx.

Registered through the ``register_comparison_exporters`` hook, exactly as a third party's format
would be. Text and HTML come from Jinja2 templates (``comparison.txt.j2``, ``comparison.html.j2``)
that a user template directory can override block by block.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.formats import ComparisonExporter, ExportOption
from govreport.hookspecs import hookimpl

if TYPE_CHECKING:
    from govreport.many.compare import Comparison


def render_json(comparison: Comparison, *, indent: int = 2) -> bytes:
    from govreport.many.views import comparison_document

    document = comparison_document(comparison)
    return (json.dumps(document, ensure_ascii=False, indent=indent if indent > 0 else None) + "\n").encode("utf-8")


def render_text(
    comparison: Comparison, *, blank: str = "", changed_only: bool = False, template_dir: Path | None = None
) -> bytes:
    from govreport.exporting import terminal_safe
    from govreport.many.views import context
    from govreport.templating import render

    text = render(
        "text",
        "comparison.txt.j2",
        context(comparison, blank=blank, changed_only=changed_only),
        template_dir=template_dir,
    )
    return terminal_safe(text).encode("utf-8")


def render_html(
    comparison: Comparison, *, blank: str = "", changed_only: bool = False, template_dir: Path | None = None
) -> bytes:
    from govreport.many.views import context
    from govreport.templating import html_text, render

    page = render(
        "html",
        "comparison.html.j2",
        context(comparison, blank=blank, changed_only=changed_only),
        template_dir=template_dir,
        autoescape=True,
    )
    # The whole page cleaned of what HTML calls a parse error, as the report's page from a template
    # directory is (the environment's finalize cleans what the built-in template prints already).
    return html_text(page).encode("utf-8")


def render_docx(comparison: Comparison, *, blank: str = "", changed_only: bool = False) -> bytes:
    from govreport.many.docx import comparison_docx

    return comparison_docx(comparison, blank=blank, changed_only=changed_only)


_BLANK = ExportOption(name="blank", type="str", default="", help="mark shown for a blank cell (default: empty)")
_CHANGED_ONLY = ExportOption(
    name="changed_only", type="bool", default=False, help="list only the cells whose value or state differs"
)
_TEMPLATE_DIR = ExportOption(name="template_dir", type="path", help="directory of templates that override the defaults")

JSON = ComparisonExporter(
    name="json",
    description="The comparison as a JSON document: every cell with both years and the change",
    extension=".json",
    media_type="application/json",
    render=render_json,
    options=(ExportOption(name="indent", type="int", default=2, help="spaces per level; 0 for one line"),),
)
TEXT = ComparisonExporter(
    name="text",
    description="The comparison as plain text",
    extension=".txt",
    media_type="text/plain; charset=utf-8",
    render=render_text,
    options=(_BLANK, _CHANGED_ONLY, _TEMPLATE_DIR),
)
HTML = ComparisonExporter(
    name="html",
    description="The comparison as a standalone HTML5 page, readable on a phone",
    extension=".html",
    media_type="text/html; charset=utf-8",
    render=render_html,
    options=(_BLANK, _CHANGED_ONLY, _TEMPLATE_DIR),
)
DOCX = ComparisonExporter(
    name="docx",
    description="The comparison as a Word document (A4, tables with both years and the change)",
    extension=".docx",
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    render=render_docx,
    options=(_BLANK, _CHANGED_ONLY),
)


@hookimpl
def register_comparison_exporters() -> list[ComparisonExporter]:
    return [JSON, TEXT, HTML, DOCX]
