"""The rule ``writing.placeholder``: a placeholder left from a template."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding
from govreport.rules.writing._scan import scan

rules = RuleSet()

# Placeholders a template leaves to be filled: XX, ××, ＿＿, ○○, 【】, （ ）, a lone X before a unit.
# Every branch starts with the one character it needs (the X branches look behind that character,
# not before it; ×{2,} is written ××+; a branch for each X, not one for a class of them): Python's
# engine then skips ahead to the characters that can start a match, which it does only when every
# branch starts with a plain character. tests/test_writing_patterns.py holds it equal to the plain form.
_REPEATED_X = "|".join(rf"{x}(?<![A-Za-z0-9.@/].)[XxＸｘ]+(?![A-Za-z0-9.@/])" for x in "XxＸｘ")
_X_BEFORE_A_UNIT = "|".join(rf"{x}(?<![A-Za-z0-9.@/×].)(?=[年月日件条项个次人名万元%％])" for x in "XxＸｘ×")
PLACEHOLDER = re.compile(
    _REPEATED_X + "|" + _X_BEFORE_A_UNIT + r"|××+|＊＊+|\*\*+|○○+|＿＿+|__+|【\s*】|〔\s*〕|（\s*）|\(\s*\)"
)


@rules.rule(
    "writing.placeholder",
    "error",
    "A placeholder left from a template: XX, ××, ＿＿, ○○, 【】, （ ）, or a lone X before a unit (X月, X件).",
)
def placeholder(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    yield from scan(context, emit, PLACEHOLDER, "文中有未填写的占位符“{found}”")
