"""The rules ``text.*``: figures the narrative states, against the tables (warnings).

:mod:`govreport.rules.text._claims` reads the figures (from the same clause as their keyword);
these rules compare them with the cells they speak of. They are warnings: the narrative's scope
can differ from the table's (a city-wide count is not the body's own table).
"""

from __future__ import annotations

from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.rules.text import active_disclosure, applications, review_litigation


@hookimpl
def register_checks() -> list[Check]:
    # the order the rules run in, and their findings come in
    return [
        *applications.rules.checks,
        *review_litigation.rules.checks,
        *active_disclosure.rules.checks,
    ]
