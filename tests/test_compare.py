"""govreport.compare: two years of one body, on the real pair of ../shared/corpus and on made pairs."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import govreport as g
from corpus_truth import truth_of
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, CARRY_OVER, REVIEW_LITIGATION, SECTIONS
from many_reports import CORPUS, REWORDED, UNANSWERED, WANGFU, XINGHE, year_before
from strategies import examples, reports

Address = tuple[str, str, str]


def truth_values(path: Path) -> dict[Address, Decimal | None]:
    """Every cell of a truth file as a number (None where the report does not let it be known)."""
    truth = truth_of(path)
    values: list[tuple[Address, Any]] = []
    values += [
        (("active_disclosure", c.row, c.column), v)
        for c, v in zip(ACTIVE_DISCLOSURE.cells, truth["table2"], strict=True)
    ]
    flat = [value for row in truth["table3"] for value in row]
    pairs = [(row.key, column.key) for row in APPLICATIONS.rows for column in APPLICATIONS.columns]
    values += [(("applications", r, c), v) for (r, c), v in zip(pairs, flat, strict=True)]
    values += [
        (("review_litigation", c.row, c.column), v)
        for c, v in zip(REVIEW_LITIGATION.cells, truth["table4"], strict=True)
    ]
    return {address: None if value is None else Decimal(str(value)) for address, value in values}


@pytest.fixture(scope="module")
def corpus_pair() -> tuple[g.Report, g.Report]:
    last = g.read(CORPUS / "hongze-2023.pdf").report
    this = g.read(CORPUS / "hongze-2024.pdf").report
    return last, this


@pytest.fixture(scope="module")
def corpus_comparison(corpus_pair: tuple[g.Report, g.Report]) -> g.Comparison:
    return g.compare(*corpus_pair)


# -- the real pair: 淮安市洪泽区人民政府 2023 and 2024, read from the published PDFs ---------------------


def test_every_cell_of_the_real_pair_has_both_years_and_the_change(corpus_comparison: g.Comparison) -> None:
    last = truth_values(CORPUS / "hongze-2023.truth.json")
    this = truth_values(CORPUS / "hongze-2024.truth.json")
    assert len(corpus_comparison.cells) == 200
    wrong = []
    for change in corpus_comparison.cells:
        address = (change.table, change.row, change.column)
        before, now = last[address], this[address]
        expected = None if before is None or now is None else now - before
        found = (change.last.value, change.this.value, change.change)
        if found != (before, now, expected):
            wrong.append(f"{address}: {found} != {(before, now, expected)}")
    assert wrong == []
    # A few by hand: applications by natural persons 21 → 95, fees 7730.28 → 7545 万元 (exact).
    assert corpus_comparison.cell("applications", "new_requests", "natural_person").change == 74
    fees = corpus_comparison.cell("active_disclosure", "fees", "amount")
    assert fees.change == Decimal("-185.28")
    assert isinstance(fees.change, Decimal)


def test_the_real_pair_carries_over_in_every_column(corpus_comparison: g.Comparison) -> None:
    assert [link.column for link in corpus_comparison.carry_over] == [c.key for c in APPLICATIONS.columns]
    assert {link.agreement for link in corpus_comparison.carry_over} == {g.Agreement.AGREE}
    # Consecutive years; 洪泽区人民政府 is 淮安市洪泽区人民政府: no compare.years, no compare.body.
    assert [f.rule for f in corpus_comparison.findings] == ["compare.remediation.unlisted"]


def test_repeated_text_of_the_real_pair_is_what_the_check_reports(
    corpus_pair: tuple[g.Report, g.Report], corpus_comparison: g.Comparison
) -> None:
    shares = {r.section: r.share for r in corpus_comparison.repetition}
    assert list(shares) == [section.key for section in SECTIONS]
    # The 2024 report copies its 2023 section 六 word for word, and about half of 一 and 五.
    assert shares["other_matters"] == 1.0
    assert 0.4 < (shares["overview"] or 0) < 0.7
    assert 0.3 < (shares["remediation"] or 0) < 0.6
    assert shares["applications"] is None  # no text under the table: nothing to measure, not 0%
    result = g.check(corpus_pair[1], previous=corpus_pair[0])
    reported = {f.location.section: f.found for f in result.findings if f.rule == "years.text.repeated"}
    assert reported == {"overview": f"{shares['overview']:.0%}", "remediation": f"{shares['remediation']:.0%}"}


def test_the_real_pair_names_no_problem_items(corpus_comparison: g.Comparison) -> None:
    # Both reports write 五 as running text (import.remediation_unstructured): nothing to pair, and
    # nothing is invented.
    assert corpus_comparison.matches == ()
    (finding,) = corpus_comparison.findings
    assert finding.message == (
        "2023年度报告未分条列出存在的问题，2024年度报告未分条列出上年度问题的整改情况，上年问题与本年整改无法逐条对应"
    )
    assert finding.severity is g.Severity.INFO
    assert corpus_comparison.unmatched_problems == ()
    assert corpus_comparison.unmatched_rectifications == ()


# -- made pairs -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xinghe_pair() -> tuple[g.Report, g.Report]:
    this = g.load(XINGHE)
    return year_before(this), this


def test_last_years_problems_are_paired_with_this_years_rectifications(
    xinghe_pair: tuple[g.Report, g.Report],
) -> None:
    last, this = xinghe_pair
    comparison = g.compare(last, this)
    pairs = [(m.problem.text, m.rectification.number) for m in comparison.matches]
    assert pairs == [(REWORDED[0], "1."), (REWORDED[1], "2."), (REWORDED[2], "3.")]
    assert all(0.6 <= m.score < 1 for m in comparison.matches)  # reworded: close, not equal
    assert [p.text for p in comparison.unmatched_problems] == [UNANSWERED]
    assert comparison.unmatched_rectifications == ()


def test_a_rectification_that_restates_nothing_is_matched_by_its_text(xinghe_pair: tuple[g.Report, g.Report]) -> None:
    last, this = xinghe_pair
    items = this.remediation.previous.items
    # The rectification's text names the problem; its restatement is gone.
    changed = attrs.evolve(items[1], problem="", text=f"针对{REWORDED[1]}的问题，建立了栏目巡查制度。")
    previous = attrs.evolve(this.remediation.previous, items=(items[0], changed, items[2]))
    this = attrs.evolve(this, remediation=attrs.evolve(this.remediation, previous=previous))
    comparison = g.compare(last, this)
    assert [m.rectification for m in comparison.matches][1] == changed


def test_an_unrelated_rectification_stays_unmatched(xinghe_pair: tuple[g.Report, g.Report]) -> None:
    last, this = xinghe_pair
    stray = g.Rectification(number="4.", problem="食堂菜品种类偏少", text="增加了两个窗口。")
    previous = attrs.evolve(this.remediation.previous, items=(*this.remediation.previous.items, stray))
    this = attrs.evolve(this, remediation=attrs.evolve(this.remediation, previous=previous))
    comparison = g.compare(last, this)
    assert comparison.unmatched_rectifications == (stray,)
    assert len(comparison.matches) == 3


def test_carry_over_disagreement_and_blanks(xinghe_pair: tuple[g.Report, g.Report]) -> None:
    last, this = xinghe_pair
    this_row, last_row = CARRY_OVER
    value = this.applications[this_row, "total"].value
    assert isinstance(value, int)
    changed = last.applications.with_values({(last_row, "total"): value + 1, (last_row, "natural_person"): None})
    comparison = g.compare(attrs.evolve(last, applications=changed), this)
    agreements = {link.column: link.agreement for link in comparison.carry_over}
    assert agreements["total"] is g.Agreement.DISAGREE
    assert agreements["natural_person"] is g.Agreement.UNKNOWN  # a blank is never taken for agreement
    assert agreements["commercial_enterprise"] is g.Agreement.AGREE


def test_a_blank_or_not_applicable_cell_has_no_change() -> None:
    wangfu = g.load(WANGFU)
    this = attrs.evolve(
        wangfu,
        metadata=attrs.evolve(wangfu.metadata, year=2023),
        active_disclosure=wangfu.active_disclosure.with_values({("regulations", "issued"): g.Cell.not_applicable()}),
    )
    comparison = g.compare(wangfu, this)
    blank = comparison.cell("applications", "granted", "natural_person")
    assert blank.last.is_blank
    assert blank.this.is_blank
    assert blank.change is None
    assert not blank.changed
    assert comparison.cell("active_disclosure", "regulations", "issued").change is None
    assert comparison.cell("applications", "new_requests", "total").change == 0
    assert {link.agreement for link in comparison.carry_over} == {g.Agreement.UNKNOWN}


def test_a_pair_of_other_years_or_bodies_is_compared_with_findings() -> None:
    xinghe, wangfu = g.load(XINGHE), g.load(WANGFU)
    comparison = g.compare(wangfu, xinghe)  # 2022 of one body, 2023 of another: consecutive years
    assert [f.rule for f in comparison.findings] == ["compare.body"]
    comparison = g.compare(xinghe, xinghe)
    assert [f.rule for f in comparison.findings] == ["compare.years"]
    assert comparison.findings[0].expected == "2022"
    assert comparison.findings[0].found == "2023"


# -- properties -----------------------------------------------------------------------------------------


@settings(max_examples=examples(40))
@given(last=reports, this=reports)
def test_every_change_is_this_minus_last_and_only_between_numbers(last: g.Report, this: g.Report) -> None:
    comparison = g.compare(last, this)
    assert len(comparison.cells) == 200
    for change in comparison.cells:
        if change.last.is_number and change.this.is_number:
            assert change.last.value is not None
            assert change.this.value is not None
            # As fractions: exact, like the comparison (Decimal's context would round past 28 digits).
            assert Fraction(change.change) == Fraction(change.this.value) - Fraction(change.last.value)
        else:
            assert change.change is None
    for repetition in comparison.repetition:
        assert repetition.share is None or 0 <= repetition.share <= 1
    for link in comparison.carry_over:
        if link.agreement is not g.Agreement.UNKNOWN:
            assert link.last_carried_forward.is_number
            assert link.this_carried_over.is_number


@settings(max_examples=examples(30))
@given(report=reports)
def test_a_report_compared_with_itself_has_no_change(report: g.Report) -> None:
    comparison = g.compare(report, report)
    assert all(change.change in (None, 0) for change in comparison.cells)
    assert all(r.share in (None, 1.0) or r.characters < 8 for r in comparison.repetition)


@settings(max_examples=examples(15))
@given(st.data())
def test_every_comparison_renders_in_every_built_in_format(data: st.DataObject) -> None:
    comparison = g.compare(data.draw(reports), data.draw(reports))
    for name in ("json", "text", "html", "docx"):
        output = g.export_comparison(comparison, name)
        assert output
        assert output == g.export_comparison(comparison, name)


def test_a_template_directory_overrides_one_block(xinghe_pair: tuple[g.Report, g.Report], tmp_path: Path) -> None:
    (tmp_path / "comparison.txt.j2").write_text(
        '{% extends "default:comparison.txt.j2" %}{% block title %}本局内部对比：{{ this.year }}\n{% endblock %}',
        encoding="utf-8",
    )
    comparison = g.compare(*xinghe_pair)
    text = g.export_comparison(comparison, "text", template_dir=tmp_path).decode("utf-8")
    assert text.startswith("本局内部对比：2023\n")
    assert "上年问题与本年整改" in text  # every other block as it was
    with pytest.raises(g.ExportError, match="template directory not found"):
        g.export_comparison(comparison, "html", template_dir=tmp_path / "missing")
    with pytest.raises(g.OptionError, match="has no option width"):
        g.export_comparison(comparison, "text", width=80)
    with pytest.raises(g.UnknownFormatError, match="unknown comparison exporter 'pdf'"):
        g.export_comparison(comparison, "pdf")


def test_the_html_escapes_report_text(xinghe_pair: tuple[g.Report, g.Report]) -> None:
    last, this = xinghe_pair
    hostile = attrs.evolve(this, metadata=attrs.evolve(this.metadata, issuing_body="<script>alert(1)</script>&"))
    page = g.export_comparison(g.compare(last, hostile), "html").decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in page


@pytest.mark.parametrize("name", ["json", "text", "html", "docx"])
def test_every_format_shows_every_cell_of_both_years_and_its_change(name: str) -> None:
    import re

    from govreport.testing import complete_report, text_of_output

    this = complete_report()  # every cell a different number
    last = attrs.evolve(
        this,
        metadata=attrs.evolve(this.metadata, year=2022),
        applications=this.applications.with_values(
            {
                (spec.row, spec.column): int(cell.value or 0) + 1000 + i
                for i, (spec, cell) in enumerate(this.applications.items())
            }
        ),
    )
    comparison = g.compare(last, this)
    shown = text_of_output(g.export_comparison(comparison, name))
    numbers = {Decimal(token).normalize() for token in re.findall(r"\d+(?:\.\d+)?", shown)}
    missing = [
        (change.table, change.row, change.column)
        for change in comparison.cells
        for value in (change.last.value, change.this.value, change.change)
        if value is not None and Decimal(abs(value)).normalize() not in numbers
    ]
    assert missing == []
    # Each change (−1000 − i) is a number no cell holds: finding it says the change itself was written.
    assert {change.change for change in comparison.table("applications")} == {-1000 - i for i in range(175)}


def test_the_built_in_comparison_formats_pass_the_conformance_check() -> None:
    from govreport.plugins import get_registry
    from govreport.testing import ConformanceError, check_comparison_exporter

    registry = get_registry()
    for name in ("json", "text", "html", "docx"):
        check_comparison_exporter(registry.comparison_exporter(name))
    clock = iter(range(10**6))
    restless = g.ComparisonExporter(
        name="restless",
        description="",
        extension=".txt",
        media_type="text/plain",
        render=lambda c: str(next(clock)).encode(),
    )
    with pytest.raises(ConformanceError, match="two renders of the same comparison differ"):
        check_comparison_exporter(restless)
