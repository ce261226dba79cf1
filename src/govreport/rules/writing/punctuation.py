"""The rule ``writing.punctuation.doubled``: two sentence or clause marks in a row."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding
from govreport.rules.writing._scan import scan

rules = RuleSet()

# Two sentence or clause marks in a row (。。 ，。 ；；); ……, —— and ？！ are ordinary Chinese. A
# branch for each first mark (not [。，、；：]{2,} and ([！？])\1+): every branch starting with a
# plain character lets the engine skip ahead to one (tests/test_writing_patterns.py: the same matches).
DOUBLED = re.compile("|".join(f"{mark}[。，、；：]+" for mark in "。，、；：") + "|！！+|？？+")


@rules.rule(
    "writing.punctuation.doubled",
    "warning",
    "Two sentence or clause marks in a row: 。。 ，， ，。 ；； (…… and —— are not flagged).",
)
def doubled_punctuation(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    yield from scan(context, emit, DOUBLED, "标点重复：“{found}”")
