"""Helpers every exporter needs to write a report the same way: dates, titles, block text.

They live here, not in one exporter, so that the text, HTML and DOCX outputs cannot drift apart
(the date of the signature, the two-line title). ``govreport.exporters.text`` re-exports them
for code that imported them from there.
"""

from __future__ import annotations

import datetime as dt

from govreport.model import Block, Heading, Item, Paragraph, Report
from govreport.spec import report_title


def format_date(date: dt.date | None) -> str:
    """2023年1月29日: Arabic digits, no leading zeros."""
    return "" if date is None else f"{date.year}年{date.month}月{date.day}日"


def block_text(block: Block) -> str:
    """The text of a narrative block as printed, with its number (（一）, 1.) in front."""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Heading | Item):
        return block.full_text
    raise TypeError(f"not a block: {block!r}")


def title_lines(report: Report) -> list[str]:
    """The title as published: the body's name on the first line, the title proper on the second.

    A title that is not the canonical one is kept as written, on one line.
    """
    meta = report.metadata
    if meta.title is None or meta.title == report_title(meta.issuing_body, meta.year):
        return [meta.issuing_body, report_title("", meta.year)]
    return [meta.title]
