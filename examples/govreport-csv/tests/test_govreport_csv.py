from govreport_csv import CSV

from govreport.plugins import build_registry
from govreport.testing import check_exporter, complete_report


def test_conformance() -> None:
    check_exporter(CSV)


def test_one_row_per_cell() -> None:
    report = complete_report()
    lines = CSV.render(report).decode("utf-8-sig").splitlines()
    assert lines[0] == "table,row,column,state,value"
    assert len(lines) == 1 + sum(len(table.cells) for table in report.tables)


def test_installed() -> None:
    registry = build_registry(only=["csv"])
    assert registry.exporter_source("csv").distribution == "govreport-csv"
