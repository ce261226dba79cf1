"""The rules ``years.*``: the report against last year's — carried-over applications, the stock of
documents in force, text repeated from last year, last year's year left behind, jumps in key totals.

They run only when last year's report is given (``check(report, previous=...)``,
``govreport check --previous``).
"""

from __future__ import annotations

from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.rules.years import carried_over, in_force, jump, previous, text


@hookimpl
def register_checks() -> list[Check]:
    # the order the rules run in, and their findings come in
    return [
        *previous.rules.checks,
        *carried_over.rules.checks,
        *in_force.rules.checks,
        *text.rules.checks,
        *jump.rules.checks,
    ]
