"""The rules ``plausibility.*``: figures that are possible arithmetic but unlikely in fact: 规章 from a
body that cannot make 规章, and a fee amount that looks like 元 entered where the table asks for 万元.
"""

from __future__ import annotations

from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.rules.plausibility import fees, regulations


@hookimpl
def register_checks() -> list[Check]:
    # the order the rules run in, and their findings come in
    return [
        *regulations.rules.checks,
        *fees.rules.checks,
    ]
