"""The rule ``writing.punctuation.doubled``: two sentence or clause marks in a row."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding
from govreport.rules.writing._scan import scan

rules = RuleSet()

# Two sentence or clause marks in a row (。。 ，。 ；；); ……, —— and ？！ are ordinary Chinese.
DOUBLED = re.compile(r"[。，、；：]{2,}|([！？])\1+")


@rules.rule(
    "writing.punctuation.doubled",
    "warning",
    "Two sentence or clause marks in a row: 。。 ，， ，。 ；； (…… and —— are not flagged).",
)
def doubled_punctuation(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    yield from scan(context, emit, DOUBLED, "标点重复：“{found}”")
