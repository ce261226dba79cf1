"""The rule ``writing.debris``: debris of a document conversion left in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.narrative import excerpt
from govreport.findings import Finding
from govreport.rules.writing._scan import joined_text

rules = RuleSet()

# What a conversion from Word, PDF or HTML leaves behind. A bracket's inside stops at the next "[":
# "[bookmark:" repeated with no "]" would otherwise make every match scan to the end (quadratic).
_DEBRIS_WORDS = (
    r"\[bookmark:[^\[\]]*\]|_GoBack|_Toc\d+|_Hlk\d+|\[image:?[^\[\]]*\]|HYPERLINK|MERGEFORMAT|PAGEREF"
    r"|</?[A-Za-z][^<>]*>|&(?:nbsp|lt|gt|amp|quot|#\d+);"
)
_DEBRIS_CHARACTERS = r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\u200b-\u200d\ufeff]"
DEBRIS = re.compile(_DEBRIS_WORDS + "|" + _DEBRIS_CHARACTERS)
# Whether a text holds any debris, as two searches: the words (every branch starting with a plain
# character) and the characters (a class alone) are each found by a fast scan; together, one class
# among the words' plain characters makes the engine try every branch at every character.
_ANY_WORD = re.compile(_DEBRIS_WORDS)
_ANY_CHARACTER = re.compile(_DEBRIS_CHARACTERS)


@rules.rule(
    "writing.debris",
    "warning",
    "Debris of a document conversion in the text: [bookmark: _GoBack], _Toc…, HYPERLINK, HTML tags or "
    "entities, replacement or private-use characters, zero-width spaces, control characters.",
)
def debris(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    joined = joined_text(context)
    if _ANY_WORD.search(joined) is None and _ANY_CHARACTER.search(joined) is None:
        return  # as for the other writing rules: the whole text searched first (see _scan)
    for passage in context.passages:
        for match in DEBRIS.finditer(passage.text):
            found = match.group(0)
            shown = found if found.isprintable() and found.strip() else f"U+{ord(found[0]):04X}"
            yield emit(
                f"文中有文档转换残留文字“{shown}”",
                passage.location(excerpt(passage.text, match.start(), match.end())),
                found=shown,
            )
