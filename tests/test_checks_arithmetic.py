"""The identities of tables 三 and 四: exact locations and values, and every cell of the complete example."""

from __future__ import annotations

import pytest

import govreport
from govreport.findings import Location, Severity
from govreport.rules.table._identities import IDENTITIES
from govreport.spec import APPLICANT_PARTS, APPLICATIONS, RESULT_ROWS, REVIEW_LITIGATION
from test_checks_support import findings, with_cells, xinghe

pytestmark = pytest.mark.usefixtures("clean_registry")


def _cell(table: str, row: str, column: str) -> Location:
    return Location(section=table, table=table, row=row, column=column)


def test_a_wrong_result_cell_fails_its_row_and_its_column_exactly() -> None:
    # 予以公开 × 自然人: 121 → 122
    report = with_cells(xinghe(), "applications", {("granted", "natural_person"): 122})
    result = govreport.check(report)
    errors = {f.rule: f for f in result.findings if f.severity is Severity.ERROR}
    assert set(errors) == {"table.applications.row_total", "table.applications.results_total"}

    row = errors["table.applications.row_total"]
    assert row.location == _cell("applications", "granted", "total")
    assert (row.expected, row.found) == ("140", "139")
    assert row.formula == (
        "「三、本年度办理结果 › （一）予以公开」行："
        "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他"
    )
    assert row.message == (
        "表三「三、本年度办理结果 › （一）予以公开」行不平衡：总计为139，"
        "但自然人至其他各列之和 = 122 + 11 + 1 + 1 + 3 + 2 = 140（少1）"
    )
    assert row.cells == (
        _cell("applications", "granted", "total"),
        *(_cell("applications", "granted", part) for part in APPLICANT_PARTS),
    )

    column = errors["table.applications.results_total"]
    assert column.location == _cell("applications", "results_total", "natural_person")
    assert (column.expected, column.found) == ("284", "283")
    assert column.formula is not None
    assert column.formula.startswith("「自然人」列：三（七） = 三（一） + 三（二） + 三（三）1")
    assert column.message == "表三「自然人」列不平衡：三（七）为283，但三（一）至三（六）3各项之和为284（少1）"
    assert _cell("applications", "granted", "natural_person") in column.cells
    assert len(column.cells) == 1 + len(RESULT_ROWS)


def test_the_balance_of_a_column_exactly() -> None:
    # 一 × 自然人 and 一 × 总计 both one more: the rows add up, the balance of two columns does not
    report = with_cells(
        xinghe(), "applications", {("new_requests", "natural_person"): 287, ("new_requests", "total"): 327}
    )
    found = findings("table.applications.balance", report)
    assert [(f.location.row, f.location.column) for f in found] == [(None, "natural_person"), (None, "total")]
    first = found[0]
    assert first.location == Location(section="applications", table="applications", column="natural_person")
    assert (first.expected, first.found) == ("299", "298")
    assert first.formula == "「自然人」列：一 + 二 = 三（七） + 四"
    assert first.message == (
        "表三「自然人」列不平衡：三（七） + 四 = 283 + 15 = 298，但一 + 二 = 287 + 12 = 299（少1）"
    )
    assert first.cells == tuple(
        _cell("applications", row, "natural_person")
        for row in ("results_total", "carried_forward", "new_requests", "carried_over")
    )
    assert (found[1].expected, found[1].found) == ("341", "340")


def test_table_four_exactly() -> None:
    report = with_cells(xinghe(), "review_litigation", {("lawsuit_after_review", "pending"): 2})
    (finding,) = findings("table.review_litigation.total", report)
    assert finding.location == _cell("review_litigation", "lawsuit_after_review", "total")
    assert (finding.expected, finding.found) == ("4", "3")
    assert finding.formula == "「行政诉讼 › 复议后起诉」：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"
    assert finding.message == (
        "表四「行政诉讼 › 复议后起诉」不平衡：总计为3，但结果维持至尚未审结各项之和 = 2 + 0 + 0 + 2 = 4（少1）"
    )
    assert finding.location.row_label == "行政诉讼 › 复议后起诉"
    assert finding.location.column_label == "总计"
    assert finding.location.table_label == "四、政府信息公开行政复议、行政诉讼情况"


def test_labels_come_with_the_keys() -> None:
    location = _cell("applications", "refused_state_secret", "commercial_enterprise")
    assert location.section_title == "三、收到和处理政府信息公开申请情况"
    assert location.row_label == "三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密"
    assert location.column_label == "申请人情况 › 法人或其他组织 › 商业企业"
    data = location.to_dict()
    assert data["row"] == "refused_state_secret"
    assert data["row_label"] == location.row_label
    assert data["column"] == "commercial_enterprise"
    assert data["column_label"] == location.column_label


def test_every_identity_of_the_format_is_there() -> None:
    counts = {}
    for identity in IDENTITIES:
        counts[identity.rule] = counts.get(identity.rule, 0) + 1
    assert counts == {
        "table.applications.balance": len(APPLICATIONS.columns),  # 7
        "table.applications.results_total": len(APPLICATIONS.columns),  # 7
        "table.applications.row_total": len(APPLICATIONS.rows),  # 25
        "table.review_litigation.total": len(REVIEW_LITIGATION.rows),  # 3
    }


ADDRESSES = [("applications", c.row, c.column) for c in APPLICATIONS.cells] + [
    ("review_litigation", c.row, c.column) for c in REVIEW_LITIGATION.cells
]
# One more in every cell; one less in every cell that is not 0 (the model has no negative counts).
CHANGES = [pytest.param(*address, +1, id=f"{address[1]}-{address[2]}+1") for address in ADDRESSES] + [
    pytest.param(*address, -1, id=f"{address[1]}-{address[2]}-1")
    for address in ADDRESSES
    if getattr(xinghe(), address[0]).value(address[1], address[2])
]


def test_every_cell_is_covered() -> None:
    assert len(ADDRESSES) == 175 + 15


@pytest.mark.parametrize(("table", "row", "column", "delta"), CHANGES)
def test_changing_any_cell_by_one_is_an_error_naming_it(table: str, row: str, column: str, delta: int) -> None:
    report = xinghe()
    value = getattr(report, table).value(row, column)
    changed = with_cells(report, table, {(row, column): value + delta})
    errors = [f for f in govreport.check(changed).findings if f.severity is Severity.ERROR]
    assert errors, "a changed cell went unnoticed"
    naming = [f for f in errors if _cell(table, row, column) in f.cells]
    assert naming, f"no error names {table}/{row}/{column}: {[str(f) for f in errors]}"
    for finding in naming:
        assert finding.location.table == table
        assert finding.formula
        assert finding.expected is not None
        assert finding.found is not None
        assert abs(int(finding.expected) - int(finding.found)) == 1
