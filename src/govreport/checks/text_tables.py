"""Built-in rules: figures the narrative states, against the tables (warnings).

:mod:`govreport.checks.text_claims` reads the figures (from the same clause as their keyword);
these rules compare them with the cells they speak of. They are warnings: the narrative's scope
can differ from the table's (a city-wide count is not the body's own table).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.labels import cell_location, cell_name, cells_named, number, table_name, total
from govreport.checks.narrative import shorten
from govreport.checks.text_claims import fee_statements, statements, total_of
from govreport.findings import Finding
from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.spec import (
    ACTIVE_DISCLOSURE,
    APPLICATIONS,
    REVIEW_LITIGATION,
    ActiveColumn,
    ActiveRow,
    Applicant,
    ApplicationRow,
    Outcome,
    ReviewRow,
)

_A, _R = APPLICATIONS.key, REVIEW_LITIGATION.key
_TOTAL = Applicant.TOTAL
_REVIEW = REVIEW_LITIGATION.row(ReviewRow.ADMINISTRATIVE_REVIEW).label
_LITIGATION = REVIEW_LITIGATION.row(ReviewRow.LAWSUIT_DIRECT).groups[0]
_FEE = ACTIVE_DISCLOSURE.row(ActiveRow.FEES).label

rules = RuleSet()


def _compare(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    cells = context.cells
    for statement in statements(context, emit.rule):
        claim = statement.claim
        table_value = total(cells[address] for address in claim.cells)
        if table_value is None or statement.value == table_value:
            continue
        alternatives = [total(cells[address] for address in sums) for sums in claim.alternatives]
        if statement.value in alternatives:
            continue
        if len(claim.cells) == 1:
            named = cell_name(*claim.cells[0])
        else:
            named = f"{table_name(claim.cells[0][0])}{cells_named(claim.cells)}之和"
        single = claim.cells[0] if len(claim.cells) == 1 else None
        cell = {"table": claim.cells[0][0]}
        if single is not None:
            cell |= {"row": single[1], "column": single[2]}
        yield emit(
            f"正文称{claim.what}{statement.value}件，但{named}为{number(table_value)}",
            statement.passage.location(shorten(statement.sentence, 80), **cell),
            expected=table_value,
            found=statement.value,
            cells=[cell_location(*address) for address in claim.cells],
        )


def _rule(rule_id: str, summary: str, example: str) -> None:
    @rules.rule(rule_id, "warning", summary, example=example)
    def compare(context: CheckContext, emit: Emit) -> Iterator[Finding]:
        return _compare(context, emit)


_rule(
    "text.applications.received",
    "The narrative's number of applications received (新收/收到/受理…申请 N件, or 未收到 = 0) differs from "
    "table 三 `new_requests` × `total` (or from new plus carried over).",
    f"正文称本年新收政府信息公开申请6件，但{cell_name(_A, ApplicationRow.NEW_REQUESTS, _TOTAL)}为5",
)
_rule(
    "text.applications.carried_over",
    "The narrative's number carried over from last year (上年结转 N件) differs from table 三 `carried_over` × `total`.",
    f"正文称上年结转的申请2件，但{cell_name(_A, ApplicationRow.CARRIED_OVER, _TOTAL)}为0",
)
_rule(
    "text.applications.carried_forward",
    "The narrative's number carried forward (结转下年度 N件) differs from table 三 `carried_forward` × `total`.",
    f"正文称结转下年度继续办理的申请3件，但{cell_name(_A, ApplicationRow.CARRIED_FORWARD, _TOTAL)}为0",
)
_rule(
    "text.applications.handled",
    "The narrative's number of applications handled (办结 N件, in a sentence about applications) differs from "
    "table 三 `results_total` × `total`.",
    f"正文称本年办结的申请320件，但{cell_name(_A, ApplicationRow.RESULTS_TOTAL, _TOTAL)}为322",
)
_rule(
    "text.applications.results",
    "A result the narrative counts (予以公开 N件, 不予公开 N件…) differs from the sum of its rows in table 三's "
    "`total` column.",
    f"正文称办理结果“予以公开”140件，但{cell_name(_A, ApplicationRow.GRANTED, _TOTAL)}为139",
)
_rule(
    "text.review_litigation.reviews",
    "The narrative's number of administrative reviews (or of one of their outcomes) differs from table 四 "
    "`administrative_review`; 未发生…复议 states 0.",
    f"正文称{_REVIEW}0件，但{cell_name(_R, ReviewRow.ADMINISTRATIVE_REVIEW, Outcome.TOTAL)}为2",
)
_rule(
    "text.review_litigation.lawsuits",
    "The narrative's number of lawsuits (all, `lawsuit_direct` or `lawsuit_after_review`) differs from table 四; "
    "未发生…诉讼 states 0.",
    f"正文称{_LITIGATION}8件，但表四"
    f"{cells_named(total_of(_R, ReviewRow.LAWSUIT_DIRECT) + total_of(_R, ReviewRow.LAWSUIT_AFTER_REVIEW))}之和为7",
)
_rule(
    "text.active_disclosure.documents",
    "The narrative's number of 规范性文件 (or 规章) issued, repealed or in force differs from table 二; "
    "未制发 states 0.",
    f"正文称制发规范性文件6件，但{cell_name(ACTIVE_DISCLOSURE.key, ActiveRow.NORMATIVE_DOCUMENTS, 'issued')}为5",
)
_rule(
    "text.active_disclosure.decisions",
    "The narrative's number of licensing, penalty or enforcement decisions differs from table 二.",
    f"正文称{ACTIVE_DISCLOSURE.row(ActiveRow.PENALTY).label}决定1375件，"
    f"但{cell_name(ACTIVE_DISCLOSURE.key, ActiveRow.PENALTY, 'decisions')}为1357",
)


@rules.rule(
    "text.active_disclosure.fees",
    "warning",
    "The fee amount the narrative states (in 万元 or 元) differs from table 二 `fees` × `amount` (万元).",
    example=f"正文称{_FEE}3862.4175万元，但{cell_name(ACTIVE_DISCLOSURE.key, ActiveRow.FEES, 'amount')}为3826.4175万元",
)
def fees(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    cell = context.report.active_disclosure[ActiveRow.FEES, ActiveColumn.AMOUNT]
    if not cell.is_number or cell.value is None:
        return
    table_value = Decimal(cell.value)
    for passage, sentence, amount, unit in fee_statements(context):
        in_wan = amount if unit == "万元" else amount / 10000
        if in_wan != table_value:
            yield emit(
                f"正文称{_FEE}{number(amount)}{unit}，但"
                f"{cell_name(ACTIVE_DISCLOSURE.key, ActiveRow.FEES, ActiveColumn.AMOUNT)}为{number(table_value)}万元",
                passage.location(
                    shorten(sentence, 80),
                    table=ACTIVE_DISCLOSURE.key,
                    row=ActiveRow.FEES,
                    column=ActiveColumn.AMOUNT,
                ),
                expected=f"{number(table_value)}万元",
                found=f"{number(amount)}{unit}",
            )


@hookimpl
def register_checks() -> list[Check]:
    return list(rules.checks)
