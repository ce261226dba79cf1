"""Text as people publish it (not our own annotated export), read through the reading layer."""

from __future__ import annotations

from govreport.formats import Imported
from govreport.importers.text_lines import parse_text


def read_plain_text(text: str) -> Imported:
    """A report from text as people publish it: its lines, assembled by the reading layer."""
    from govreport.importers.text_crawled import uncrawled
    from govreport.reading.assemble import assemble

    return assemble(uncrawled(parse_text(text)))
