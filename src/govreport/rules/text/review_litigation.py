"""The rules ``text.review_litigation.*``: the review and lawsuit figures the narrative states, against table 四."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding
from govreport.rules.text._compare import compare_with_tables

rules = RuleSet()


@rules.rule(
    "text.review_litigation.reviews",
    "warning",
    "The narrative's number of administrative reviews (or of one of their outcomes) differs from "
    "table 四 `administrative_review`; 未发生…复议 states 0.",
)
def reviews(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)


@rules.rule(
    "text.review_litigation.lawsuits",
    "warning",
    "The narrative's number of lawsuits (all, `lawsuit_direct` or `lawsuit_after_review`) differs "
    "from table 四; 未发生…诉讼 states 0.",
)
def lawsuits(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)
