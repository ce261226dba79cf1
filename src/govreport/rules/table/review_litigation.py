"""The rule ``table.review_litigation.total``: each row of table 四 adds up to its total."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding
from govreport.rules.table._balance import check_identity, identities_of
from govreport.rules.table._identities import REVIEW_TOTAL

rules = RuleSet()


@rules.rule(
    REVIEW_TOTAL,
    "error",
    "Table 四, in each of its three rows (`administrative_review`, `lawsuit_direct`, `lawsuit_after_review`): "
    "`total` ≠ `upheld` + `corrected` + `other` + `pending`.",
)
def review_total(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for identity in identities_of(REVIEW_TOTAL):
        yield from check_identity(identity, context, emit)
