"""The checks on the examples: the complete one has no finding at all; the user's sample shows exactly
its doubled "。。" and its blank tables, and nothing false about its text."""

from __future__ import annotations

import pytest

import govreport
from govreport.findings import Severity
from test_checks_support import SEED, last_year_of, wangfu, xinghe

pytestmark = pytest.mark.usefixtures("clean_registry")


def test_the_complete_example_has_no_findings() -> None:
    result = govreport.check(xinghe())
    assert result.findings == ()
    assert result.failures == ()
    assert len(result.checks) >= 30


def test_the_complete_example_with_a_consistent_last_year_has_no_findings() -> None:
    report = xinghe()
    result = govreport.check(report, last_year_of(report))
    assert result.findings == ()
    assert {"years.carried_over", "years.in_force", "years.text.repeated"} <= set(result.checks)


def test_the_sample_shows_its_doubled_stop_and_its_blank_tables() -> None:
    result = govreport.check(wangfu())
    # its tables were lost on conversion: the blanks are its only errors
    assert {f.rule for f in result.findings if f.severity is Severity.ERROR} == {"table.blank"}
    summary = sorted((f.rule, f.location.section or "", f.location.row or "") for f in result.findings)
    assert summary == [
        ("table.blank", "active_disclosure", ""),
        ("table.blank", "applications", ""),
        ("table.identity.incomplete", "applications", ""),  # 一 + 二 = （七）+ 四 in 总计: 二 is blank
        ("table.identity.incomplete", "applications", "carried_forward"),
        ("table.identity.incomplete", "applications", "new_requests"),
        ("table.identity.incomplete", "applications", "results_total"),  # （七）总计 by row
        ("table.identity.incomplete", "applications", "results_total"),  # （七）总计 = sum of results
        ("writing.punctuation.doubled", "other_matters", ""),
    ]
    doubled = next(f for f in result.findings if f.rule == "writing.punctuation.doubled")
    assert doubled.location.paragraph == 2
    assert doubled.location.excerpt == "…复率、满意率均达100%。。"
    blank = {f.location.table: f for f in result.findings if f.rule == "table.blank"}
    assert (blank["active_disclosure"].found, blank["applications"].found) == ("9", "172")
    assert all(f.severity is Severity.INFO for f in result.findings if f.rule == "table.identity.incomplete")


def test_the_sample_text_agrees_with_its_tables() -> None:
    # 收到依申请公开件5件 = 5; 未发生…行政复议、…行政诉讼 = 0 and 0; 未制发规范性文件 = 0
    from govreport.checks.context import CheckContext
    from govreport.rules.text._claims import statements

    context = CheckContext(wangfu())
    stated = {
        rule: [s.value for s in statements(context, rule)]
        for rule in (
            "text.applications.received",
            "text.review_litigation.reviews",
            "text.review_litigation.lawsuits",
            "text.active_disclosure.documents",
        )
    }
    assert stated == {
        "text.applications.received": [5],
        "text.review_litigation.reviews": [0],
        "text.review_litigation.lawsuits": [0],
        "text.active_disclosure.documents": [0],
    }


def test_the_sample_as_text_adds_the_debris_and_blank_tables() -> None:
    imported = govreport.read(SEED)
    result = govreport.check(imported.report, imported=imported.findings)
    rules = [f.rule for f in result.findings]
    assert any("_GoBack" in (f.found or "") + f.message for f in result.findings)
    assert "writing.punctuation.doubled" in rules
    # its tables were lost in the conversion: each table section is reported as empty
    empty = [f.location.section for f in result.findings if f.rule == "structure.section.empty"]
    assert empty == ["active_disclosure", "applications", "review_litigation"]
    text_rules = [r for r in rules if r.startswith(("text.", "writing.missing", "writing.placeholder"))]
    assert text_rules == []


def test_debris_left_in_text_is_found() -> None:
    import attrs

    from govreport.model import Paragraph

    report = attrs.evolve(wangfu(), overview=(*wangfu().overview, Paragraph(text="[bookmark: _GoBack]四、…")))
    found = [f for f in govreport.check(report).findings if f.rule == "writing.debris"]
    assert [f.found for f in found] == ["[bookmark: _GoBack]"]
