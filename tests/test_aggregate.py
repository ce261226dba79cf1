"""govreport.aggregate: a region's reports summed cell by cell, blanks never taken for 0."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import govreport as g
from many_reports import CORPUS, WANGFU, XINGHE, cells_of, split
from strategies import examples, reports


def _as(report: g.Report, body: str, year: int = 2023) -> g.Report:
    return attrs.evolve(report, metadata=attrs.evolve(report.metadata, issuing_body=body, year=year))


def test_departments_add_up_to_the_whole() -> None:
    whole = g.load(XINGHE)
    parts = split(whole, 5, seed=3)
    assert all(cells_of(part) != cells_of(whole) for part in parts)  # each part holds other figures
    total = g.aggregate(parts, body="虚构市星河区", year=2023)
    assert cells_of(total.report) == cells_of(whole)
    assert total.findings == ()
    assert total.inputs == tuple(part.metadata.issuing_body for part in parts)
    source = total.source("applications", "granted", "total")
    assert source.numbers == total.inputs
    assert source.blank == ()
    assert total.report.metadata.issuing_body == "虚构市星河区"
    assert total.report.metadata.year == 2023
    assert total.report.metadata.period == g.Period.calendar_year(2023)
    # The total is a report like any other: every exporter renders it, and it checks clean.
    for name in ("json", "text", "html", "docx"):
        assert g.export(total.report, name)
    table_rules = {f.rule for f in g.check(total.report).findings if f.location.table is not None}
    assert table_rules == set()


def test_a_blank_in_any_input_leaves_the_cell_blank_and_names_the_input() -> None:
    xinghe = g.load(XINGHE)
    holes = xinghe.applications.with_values({("granted", "natural_person"): None})
    inputs = {"a.json": xinghe, "b.json": _as(attrs.evolve(xinghe, applications=holes), "另一机关")}
    total = g.aggregate(inputs, body="合计", year=2023)
    cell = total.report.applications["granted", "natural_person"]
    assert cell.is_blank  # never the sum of the others, never 0
    source = total.source("applications", "granted", "natural_person")
    assert source.blank == ("b.json",)
    assert source.numbers == ("a.json",)
    (finding,) = [f for f in total.findings if f.rule == "aggregate.blank"]
    assert "b.json" in finding.message
    assert finding.location.row == "granted"
    assert finding.location.column == "natural_person"
    assert finding.severity is g.Severity.WARNING
    granted = xinghe.applications["granted", "total"].value
    assert isinstance(granted, int)
    assert total.report.applications["granted", "total"].value == 2 * granted


def test_not_applicable_in_some_inputs_sums_the_others_and_says_so() -> None:
    xinghe = g.load(XINGHE)
    township = xinghe.active_disclosure.with_values({("regulations", "issued"): g.Cell.not_applicable("/")})
    inputs = {"district.json": xinghe, "town.json": _as(attrs.evolve(xinghe, active_disclosure=township), "镇")}
    total = g.aggregate(inputs, body="合计", year=2023)
    assert total.report.active_disclosure["regulations", "issued"] == xinghe.active_disclosure["regulations", "issued"]
    (finding,) = [f for f in total.findings if f.rule == "aggregate.not_applicable"]
    assert "town.json" in finding.message
    assert finding.severity is g.Severity.INFO
    both = g.aggregate(
        {"a": _as(attrs.evolve(xinghe, active_disclosure=township), "甲"), "b": inputs["town.json"]},
        body="合计",
        year=2023,
    )
    assert both.report.active_disclosure["regulations", "issued"].is_not_applicable


def test_amounts_are_summed_exactly() -> None:
    xinghe = g.load(XINGHE)
    fees = xinghe.active_disclosure.with_values({("fees", "amount"): Decimal("0.1")})
    inputs = [_as(attrs.evolve(xinghe, active_disclosure=fees), f"机关{i}") for i in range(3)]
    total = g.aggregate(inputs, body="合计", year=2023)
    assert total.report.active_disclosure["fees", "amount"].value == Decimal("0.3")  # not 0.30000000000000004


def test_refusals_list_every_offending_input() -> None:
    xinghe, wangfu = g.load(XINGHE), g.load(WANGFU)
    inputs = {
        "x.json": xinghe,
        "w.json": wangfu,  # 2022
        "old.json": _as(xinghe, "旧机关", 2021),
        "again.json": _as(xinghe, " 虚构市星河区人民政府 "),  # the same body, spaced differently
    }
    with pytest.raises(g.AggregateError) as raised:
        g.aggregate(inputs, body="合计", year=2023)
    problems = raised.value.problems
    assert problems[0] == "w.json: a report of 2022, not 2023"
    assert problems[1] == "old.json: a report of 2021, not 2023"
    assert problems[2].startswith("x.json, again.json: the same body")
    assert len(problems) == 3
    assert isinstance(raised.value, g.GovReportError)
    assert isinstance(raised.value, ValueError)
    with pytest.raises(g.AggregateError, match="no input report"):
        g.aggregate([], body="合计", year=2023)
    with pytest.raises(g.AggregateError, match="not a report"):
        g.aggregate({"x.json": xinghe, "y": "a string"}, body="合计", year=2023)  # type: ignore[dict-item]


def test_a_real_report_and_the_example_add_up() -> None:
    hongze = g.read(CORPUS / "hongze-2023.pdf").report
    xinghe = g.load(XINGHE)
    total = g.aggregate({"hongze-2023.pdf": hongze, "xinghe-2023.json": xinghe}, body="合计", year=2023)
    for table, mine, theirs in zip(total.report.tables, hongze.tables, xinghe.tables, strict=True):
        for (spec, cell), a, b in zip(table.items(), mine.cells, theirs.cells, strict=True):
            if a.is_number and b.is_number:
                assert a.value is not None
                assert b.value is not None
                assert cell.value == a.value + b.value, (table.SPEC.key, spec.row, spec.column)
            else:
                assert not cell.is_number, (table.SPEC.key, spec.row, spec.column)
    # 表四 of the 2023 report is wrong as published (行政复议 10/1/0/0, 总计 0): the total shows it.
    rules = {f.rule for f in g.check(total.report).findings}
    assert "table.review_litigation.total" in rules


# -- properties -----------------------------------------------------------------------------------------


@settings(max_examples=examples(60))
@given(report=reports)
def test_aggregating_one_report_gives_its_tables(report: g.Report) -> None:
    total = g.aggregate([report], body="合计", year=report.metadata.year)
    assert cells_of(total.report) == cells_of(report)


@st.composite
def report_sets(draw: st.DrawFn) -> list[g.Report]:
    drawn = draw(st.lists(reports, min_size=2, max_size=6))
    return [_as(report, f"机关{i}", 2023) for i, report in enumerate(drawn)]


@settings(max_examples=examples(60))
@given(inputs=report_sets(), data=st.data())
def test_aggregate_of_a_split_equals_aggregate_of_the_whole(inputs: list[g.Report], data: st.DataObject) -> None:
    cut = data.draw(st.integers(min_value=1, max_value=len(inputs) - 1))
    whole = g.aggregate(inputs, body="合计", year=2023)
    first = g.aggregate(inputs[:cut], body="甲", year=2023)
    second = g.aggregate(inputs[cut:], body="乙", year=2023)
    again = g.aggregate([first.report, second.report], body="合计", year=2023)
    assert cells_of(again.report) == cells_of(whole.report)
    # And every cell that is blank in the total is blank in at least one input, named in a finding.
    blank_findings = {
        (f.location.table, f.location.row, f.location.column) for f in whole.findings if f.rule == "aggregate.blank"
    }
    for source in whole.sources:
        assert bool(source.blank) == ((source.table, source.row, source.column) in blank_findings)


@settings(max_examples=examples(40))
@given(report=reports, parts=st.integers(min_value=2, max_value=5), seed=st.integers(0, 1000))
def test_departments_of_any_report_add_up_to_it(report: g.Report, parts: int, seed: int) -> None:
    total = g.aggregate(split(report, parts, seed), body="合计", year=report.metadata.year)
    assert cells_of(total.report) == cells_of(report)


def test_amounts_are_summed_without_rounding() -> None:
    # 32 significant digits: Python's default decimal context (28) would round the sum.
    base = g.load(XINGHE)
    first, second = Decimal("503964660977439.80471578323851234"), Decimal("496035338924643.70169470959551234")
    reports = []
    for k, amount in enumerate((first, second)):
        table = base.active_disclosure.with_values({("fees", "amount"): g.Cell.number(amount)})
        metadata = attrs.evolve(base.metadata, issuing_body=f"部门{k}")
        reports.append(attrs.evolve(base, metadata=metadata, active_disclosure=table))
    total = g.aggregate(reports, body="合计", year=base.metadata.year)
    assert total.report.active_disclosure["fees", "amount"].value == Decimal("999999999902083.50641049283402468")
    comparison = g.compare(reports[0], reports[1])
    assert comparison.cell("active_disclosure", "fees", "amount").change == Decimal("-7929322052796.10302107364300000")
