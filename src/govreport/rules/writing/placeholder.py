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
PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9.@/])[XxＸｘ]{2,}(?![A-Za-z0-9.@/])"
    r"|(?<![A-Za-z0-9.@/×])[XxＸｘ×](?=[年月日件条项个次人名万元%％])"
    r"|×{2,}|＊{2,}|\*{2,}|○{2,}|＿{2,}|_{2,}"
    r"|【\s*】|〔\s*〕|（\s*）|\(\s*\)"
)


@rules.rule(
    "writing.placeholder",
    "error",
    "A placeholder left from a template: XX, ××, ＿＿, ○○, 【】, （ ）, or a lone X before a unit (X月, X件).",
)
def placeholder(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    yield from scan(context, emit, PLACEHOLDER, "文中有未填写的占位符“{found}”")
