"""The rules ``writing.*``: doubled punctuation, conversion debris, placeholders, and a measure word
with no number before it. They read every passage of the report, metadata included.
"""

from __future__ import annotations

from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.rules.writing import debris, missing_number, placeholder, punctuation


@hookimpl
def register_checks() -> list[Check]:
    # the order the rules run in, and their findings come in
    return [
        *punctuation.rules.checks,
        *debris.rules.checks,
        *placeholder.rules.checks,
        *missing_number.rules.checks,
    ]
