"""Finding a pattern in every passage of the report, one finding per match."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit
from govreport.checks.support.narrative import excerpt
from govreport.findings import Finding


def scan(context: CheckContext, emit: Emit, pattern: re.Pattern[str], message: str) -> Iterator[Finding]:
    for passage in context.passages:
        for match in pattern.finditer(passage.text):
            found = match.group(0)
            yield emit(
                message.format(found=found),
                passage.location(excerpt(passage.text, match.start(), match.end())),
                found=found,
            )
