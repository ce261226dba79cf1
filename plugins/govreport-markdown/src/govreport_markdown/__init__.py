"""The ``markdown`` exporter: govreport's text template, made Markdown by overriding blocks and helpers.

The text template (``default:report.txt.j2``) calls helpers for everything it prints: ``table``,
``lines_of``, ``part_lines``, ``right``. Passing Markdown versions of them, and section headings
with ``##`` in front, makes the whole template Markdown; ``templates/report.md.j2`` overrides the
two blocks that print text without a helper (the title and section 六's items).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import govreport
from govreport.exporting import block_text, encode_utf8, format_date, part_lines, render_template, terminal_safe
from govreport.hookspecs import hookimpl
from govreport.model import Block, Report, StatisticsTable
from govreport.spec import SECTION_INDEX
from govreport_markdown.escape import escape
from govreport_markdown.tables import markdown_table

TEMPLATES = Path(str(files("govreport_markdown") / "templates"))


def render_markdown(report: Report, *, blank: str = "") -> bytes:
    def paragraphs(lines: Sequence[str]) -> list[str]:
        # The text template prints one line per block; in Markdown a blank line ends a paragraph.
        return [escape(line) + "\n" for line in lines]

    def lines_of(blocks: Sequence[Block]) -> list[str]:
        return paragraphs([block_text(block) for block in blocks])

    def table(t: StatisticsTable) -> str:
        return markdown_table(t, blank)

    # The template reads `sections.overview.heading`; a mapping of headings is all it needs.
    sections = {key: {"heading": f"## {escape(spec.heading)}"} for key, spec in SECTION_INDEX.items()}
    context: dict[str, Any] = {
        "report": report,
        "sections": sections,
        "escape": escape,
        "table": table,
        "lines_of": lines_of,
        "part_lines": lambda part: paragraphs(part_lines(part)),
        "right": lambda text: escape(text) + "\n",
        "centre": escape,
        "format_date": format_date,
        "title_lines": lambda report: [report.metadata.display_title],
        "width": 0,
    }
    text = render_template("report.md.j2", context, base="text", template_dir=TEMPLATES)
    # One blank line between blocks is all Markdown needs; the text template's spacing adds more.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return encode_utf8(terminal_safe(text.strip("\n")) + "\n", report, "markdown")


MARKDOWN = govreport.Exporter(
    name="markdown",
    description="Markdown (CommonMark with GitHub tables); spanned headers flattened into label paths",
    extension=".md",
    media_type="text/markdown; charset=utf-8",
    render=render_markdown,
    options=(govreport.ExportOption(name="blank", type="str", default="", help="how a blank table cell is shown"),),
)


@hookimpl  # from govreport.hookspecs: the same marker, typed
def register_exporters() -> list[govreport.Exporter]:
    return [MARKDOWN]
