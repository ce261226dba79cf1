"""The rules ``structure.*``: sections that must say something, and say what.

The model keeps the six sections in the official order, so what can go wrong is content: an
empty section, a 一 without its usual sub-parts, a 五 that is only "无" or forgets last year's
problems, a 六 silent on 信息处理费.
"""

from __future__ import annotations

from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.rules.structure import other, overview, remediation, section


@hookimpl
def register_checks() -> list[Check]:
    # the order the rules run in, and their findings come in
    return [
        *section.rules.checks,
        *overview.rules.checks,
        *remediation.rules.checks,
        *other.rules.checks,
    ]
