"""The rules ``text.applications.*``: the application figures the narrative states, against table 三."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding
from govreport.rules.text._compare import compare_with_tables

rules = RuleSet()


@rules.rule(
    "text.applications.received",
    "warning",
    "The narrative's number of applications received (新收/收到/受理…申请 N件, or 未收到 = 0) differs from "
    "table 三 `new_requests` × `total` (or from new plus carried over).",
)
def received(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)


@rules.rule(
    "text.applications.carried_over",
    "warning",
    "The narrative's number carried over from last year (上年结转 N件) differs from table 三 `carried_over` × `total`.",
)
def carried_over(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)


@rules.rule(
    "text.applications.carried_forward",
    "warning",
    "The narrative's number carried forward (结转下年度 N件) differs from table 三 `carried_forward` × `total`.",
)
def carried_forward(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)


@rules.rule(
    "text.applications.handled",
    "warning",
    "The narrative's number of applications handled (办结 N件, in a sentence about applications) "
    "differs from table 三 `results_total` × `total`.",
)
def handled(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)


@rules.rule(
    "text.applications.results",
    "warning",
    "A result the narrative counts (予以公开 N件, 不予公开 N件…) differs from the sum of its rows in table "
    "三's `total` column.",
)
def results(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)
