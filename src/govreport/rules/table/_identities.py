"""The identities of the 2021 format as data, every one derived from the spec's rows and columns.

Each :class:`Identity` says that the sum of ``summed`` equals the sum of ``stated`` (the total as
the table states it). The rule that checks it, the row or column it applies to, and a symbolic
formula come with it, so the arithmetic rules and the "not checkable" rule share one list.
"""

from __future__ import annotations

import attrs

from govreport.checks.support.labels import Address, cell_location, column_label, row_label, short_row
from govreport.findings import Location
from govreport.spec import (
    APPLICANT_PARTS,
    APPLICATIONS,
    OUTCOME_PARTS,
    RESULT_ROWS,
    REVIEW_LITIGATION,
    Applicant,
    ApplicationRow,
    Outcome,
)

BALANCE = "table.applications.balance"
RESULTS_TOTAL = "table.applications.results_total"
ROW_TOTAL = "table.applications.row_total"
REVIEW_TOTAL = "table.review_litigation.total"


@attrs.frozen(kw_only=True)
class Identity:
    """sum(summed) == sum(stated), for one row or column of one table."""

    rule: str
    table: str
    #: the cells whose sum is expected
    summed: tuple[Address, ...]
    #: the cells that state the total (the total cell, or （七）+ 四 for the balance)
    stated: tuple[Address, ...]
    #: where a failure is reported: the total cell, or the column for the balance
    location: Location
    #: the identity in symbols, with the row or column it is applied to
    formula: str
    #: what was summed and what was stated, in words, for messages
    summed_name: str
    stated_name: str
    #: the row or column it applies to, in words: 「自然人」列
    where: str

    @property
    def cells(self) -> tuple[Address, ...]:
        return self.stated + self.summed


def _applications_balance() -> list[Identity]:
    table = APPLICATIONS.key
    found: list[Identity] = []
    first, second = ApplicationRow.NEW_REQUESTS, ApplicationRow.CARRIED_OVER
    results, forward = ApplicationRow.RESULTS_TOTAL, ApplicationRow.CARRIED_FORWARD
    for column in APPLICATIONS.columns:
        c = column.key
        left = f"{short_row(table, first)} + {short_row(table, second)}"
        right = f"{short_row(table, results)} + {short_row(table, forward)}"
        found.append(
            Identity(
                rule=BALANCE,
                table=table,
                summed=((table, first, c), (table, second, c)),
                stated=((table, results, c), (table, forward, c)),
                location=cell_location(table, column=c),
                formula=f"「{column.label}」列：{left} = {right}",
                summed_name=left,
                stated_name=right,
                where=f"「{column.label}」列",
            )
        )
    return found


def _applications_results() -> list[Identity]:
    table = APPLICATIONS.key
    results = ApplicationRow.RESULTS_TOTAL
    rhs = " + ".join(short_row(table, row) for row in RESULT_ROWS)
    return [
        Identity(
            rule=RESULTS_TOTAL,
            table=table,
            summed=tuple((table, row, column.key) for row in RESULT_ROWS),
            stated=((table, results, column.key),),
            location=cell_location(table, results, column.key),
            formula=f"「{column.label}」列：{short_row(table, results)} = {rhs}",
            summed_name=f"{short_row(table, RESULT_ROWS[0])}至{short_row(table, RESULT_ROWS[-1])}各项之和",
            stated_name=short_row(table, results),
            where=f"「{column.label}」列",
        )
        for column in APPLICATIONS.columns
    ]


def _applications_rows() -> list[Identity]:
    table = APPLICATIONS.key
    total = Applicant.TOTAL
    rhs = " + ".join(column_label(table, part) for part in APPLICANT_PARTS)
    return [
        Identity(
            rule=ROW_TOTAL,
            table=table,
            summed=tuple((table, row.key, part) for part in APPLICANT_PARTS),
            stated=((table, row.key, total),),
            location=cell_location(table, row.key, total),
            formula=f"「{row_label(table, row.key)}」行：{column_label(table, total)} = {rhs}",
            summed_name=f"{column_label(table, APPLICANT_PARTS[0])}至"
            f"{column_label(table, APPLICANT_PARTS[-1])}各列之和",
            stated_name=column_label(table, total),
            where=f"「{row_label(table, row.key)}」行",
        )
        for row in APPLICATIONS.rows
    ]


def _review_rows() -> list[Identity]:
    table = REVIEW_LITIGATION.key
    total = Outcome.TOTAL
    rhs = " + ".join(column_label(table, part) for part in OUTCOME_PARTS)
    return [
        Identity(
            rule=REVIEW_TOTAL,
            table=table,
            summed=tuple((table, row.key, part) for part in OUTCOME_PARTS),
            stated=((table, row.key, total),),
            location=cell_location(table, row.key, total),
            formula=f"「{row_label(table, row.key)}」：{column_label(table, total)} = {rhs}",
            summed_name=f"{column_label(table, OUTCOME_PARTS[0])}至{column_label(table, OUTCOME_PARTS[-1])}各项之和",
            stated_name=column_label(table, total),
            where=f"「{row_label(table, row.key)}」",
        )
        for row in REVIEW_LITIGATION.rows
    ]


#: Every identity that holds within one year's report, in the order they are checked.
IDENTITIES: tuple[Identity, ...] = (
    *_applications_balance(),
    *_applications_results(),
    *_applications_rows(),
    *_review_rows(),
)
