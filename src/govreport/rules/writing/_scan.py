"""Finding a pattern in every passage of the report, one finding per match."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit
from govreport.checks.support.narrative import excerpt
from govreport.findings import Finding


def joined_text(context: CheckContext) -> str:
    """Every passage of the report, joined by line breaks (once a run, shared by the writing rules)."""
    return context.memo("writing.joined", lambda: "\n".join(passage.text for passage in context.passages))


def scan(context: CheckContext, emit: Emit, pattern: re.Pattern[str], message: str) -> Iterator[Finding]:
    """A finding for each match of ``pattern`` in each passage.

    The passages are first searched together, joined by line breaks: almost every report has no
    match at all, and one search of the whole text is much faster than one per passage. That
    search can find more than the passages hold (a match across two of them) but never less, as
    long as the pattern treats a line break as it treats the start or end of the text — as every
    writing pattern does (none looks for a line break, or for its absence).
    """
    if pattern.search(joined_text(context)) is None:
        return
    for passage in context.passages:
        for match in pattern.finditer(passage.text):
            found = match.group(0)
            yield emit(
                message.format(found=found),
                passage.location(excerpt(passage.text, match.start(), match.end())),
                found=found,
            )
