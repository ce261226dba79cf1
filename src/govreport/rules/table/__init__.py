"""The rules ``table.*``: single cells and the identities of the 2021 format's tables.

A blank is a missing value, not 0: the cell rules count and locate blanks table by table, so a
reviewer sees at once how much of a table was left empty. Every identity is checked for every row
and column it applies to; one with a blank or not-applicable cell is not checked as if the blank were
0 but reported as not checkable (``table.identity.incomplete``) with the cells that stop it, unless
every cell of it is empty (then ``table.blank`` already says so, once per table).
"""

from __future__ import annotations

from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.rules.table import applications, blank, identity, not_applicable, review_litigation, value


@hookimpl
def register_checks() -> list[Check]:
    # the order the rules run in, and their findings come in
    return [
        *value.rules.checks,
        *blank.rules.checks,
        *not_applicable.rules.checks,
        *applications.rules.checks,
        *review_litigation.rules.checks,
        *identity.rules.checks,
    ]
