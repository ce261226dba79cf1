"""The rules ``metadata.*``: title, year, statistics period, body and signature agree; the signature
date falls after the period and within the deadline for the body's kind.
"""

from __future__ import annotations

from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.rules.metadata import body_kind, deadline, period, signature, title, year


@hookimpl
def register_checks() -> list[Check]:
    # the order the rules run in, and their findings come in
    return [
        *year.rules.checks,
        *title.rules.checks,
        *period.rules.checks,
        *body_kind.rules.checks,
        *signature.rules.checks,
        *deadline.rules.checks,
    ]
