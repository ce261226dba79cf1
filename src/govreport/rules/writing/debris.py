"""The rule ``writing.debris``: debris of a document conversion left in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.narrative import excerpt
from govreport.findings import Finding

rules = RuleSet()

# What a conversion from Word, PDF or HTML leaves behind. A bracket's inside stops at the next "[":
# "[bookmark:" repeated with no "]" would otherwise make every match scan to the end (quadratic).
DEBRIS = re.compile(
    r"\[bookmark:[^\[\]]*\]|_GoBack|_Toc\d+|_Hlk\d+|\[image:?[^\[\]]*\]|HYPERLINK|MERGEFORMAT|PAGEREF"
    r"|</?[A-Za-z][^<>]*>|&(?:nbsp|lt|gt|amp|quot|#\d+);"
    r"|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\u200b-\u200d\ufeff]"
)


@rules.rule(
    "writing.debris",
    "warning",
    "Debris of a document conversion in the text: [bookmark: _GoBack], _Toc…, HYPERLINK, HTML tags or "
    "entities, replacement or private-use characters, zero-width spaces, control characters.",
)
def debris(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for passage in context.passages:
        for match in DEBRIS.finditer(passage.text):
            found = match.group(0)
            shown = found if found.isprintable() and found.strip() else f"U+{ord(found[0]):04X}"
            yield emit(
                f"文中有文档转换残留文字“{shown}”",
                passage.location(excerpt(passage.text, match.start(), match.end())),
                found=shown,
            )
