"""The tripping cases of the built-in rules, and the rule catalogue of ``docs/checks.md`` made from them.

``TRIPS`` maps every built-in rule id to reports that trip it (``tests/test_checks_rules.py`` runs
them). The example a rule shows in the catalogue is the message of the first finding it gives on
its first case, so the page never shows a message the rule does not write. Regenerate the page's
table with ``python tests/rule_cases.py --write``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import attrs

import govreport
from govreport.model import (
    ApplicationsTable,
    Cell,
    Heading,
    OtherItem,
    OtherMatters,
    OtherTopic,
    Paragraph,
    Period,
    Remediation,
    RemediationPart,
    Report,
)
from govreport.spec import BodyKind
from test_checks_support import (
    REPO,
    add_paragraph,
    findings,
    last_year_of,
    signed,
    wangfu,
    with_cells,
    with_metadata,
    with_overview_text,
    xinghe,
)

PAGE = REPO / "docs" / "checks.md"
START, END = "<!-- rules:start -->\n", "\n<!-- rules:end -->"
REGENERATE = "python tests/rule_cases.py --write"

Build = Callable[[], Report]
Case = tuple[Build, Build | None]  # (tripping report, previous year's report or None)


def without_overview_blocks(report: Report, *needles: str) -> Report:
    blocks = tuple(
        b
        for b in report.overview
        if not any(n in (b.text if isinstance(b, Paragraph) else b.full_text) for n in needles)
    )
    return attrs.evolve(report, overview=blocks)


def remediation(report: Report, **changes: object) -> Report:
    return attrs.evolve(report, remediation=attrs.evolve(report.remediation, **changes))


def other_items(report: Report, keep: Callable[[OtherItem], bool]) -> Report:
    items = tuple(item for item in report.other_matters.items if keep(item))
    return attrs.evolve(report, other_matters=attrs.evolve(report.other_matters, items=items))


def no_fee_statement(report: Report) -> Report:
    return other_items(report, lambda item: item.topic is not OtherTopic.PROCESSING_FEE)


def fee_unpaid(report: Report) -> Report:
    return with_cells(
        report,
        "applications",
        {("other_fee_unpaid", "natural_person"): 1, ("other_fee_unpaid", "total"): 1},
    )


def previous_with(**cells: int) -> Build:
    def build() -> Report:
        previous = last_year_of(xinghe())
        for name, value in cells.items():
            table, row, column = name.split("__")
            previous = with_cells(previous, table, {(row, column): value})
        return previous

    return build


# rule id -> list of (tripping report, previous report) cases
TRIPS: dict[str, list[Case]] = {
    # -- single cells
    "table.value.type": [
        (lambda: with_cells(xinghe(), "applications", {("granted", "total"): Cell.from_text("约139")}), None),
        (lambda: with_cells(xinghe(), "active_disclosure", {("fees", "amount"): Cell.from_text("3862万")}), None),
    ],
    "table.blank": [(lambda: with_cells(xinghe(), "applications", {("granted", "research_institution"): None}), None)],
    "table.not_applicable": [
        (lambda: with_cells(xinghe(), "review_litigation", {("lawsuit_direct", "other"): Cell.not_applicable()}), None)
    ],
    # -- arithmetic
    "table.applications.balance": [
        (
            lambda: with_cells(
                xinghe(), "applications", {("new_requests", "natural_person"): 287, ("new_requests", "total"): 327}
            ),
            None,
        )
    ],
    "table.applications.results_total": [
        (lambda: with_cells(xinghe(), "applications", {("granted", "natural_person"): 122}), None)
    ],
    "table.applications.row_total": [(lambda: with_cells(xinghe(), "applications", {("granted", "total"): 140}), None)],
    "table.review_litigation.total": [
        (lambda: with_cells(xinghe(), "review_litigation", {("administrative_review", "upheld"): 7}), None)
    ],
    "table.identity.incomplete": [
        (lambda: with_cells(xinghe(), "applications", {("carried_over", "total"): None}), None),
        (lambda: with_cells(xinghe(), "review_litigation", {("lawsuit_direct", "other"): Cell.not_applicable()}), None),
    ],
    # -- structure
    "structure.section.empty": [
        (lambda: attrs.evolve(xinghe(), other_matters=OtherMatters()), None),
        (lambda: attrs.evolve(xinghe(), overview=()), None),
        (lambda: attrs.evolve(xinghe(), applications=ApplicationsTable()), None),
    ],
    "structure.overview.parts": [(lambda: without_overview_blocks(xinghe(), "平台建设"), None)],
    "structure.overview.supervision": [(lambda: without_overview_blocks(xinghe(), "评议"), None)],
    "structure.remediation.nothing": [
        (lambda: attrs.evolve(xinghe(), remediation=Remediation(intro=(Paragraph(text="无。"),))), None),
        (
            lambda: attrs.evolve(
                xinghe(),
                remediation=Remediation(
                    problems=RemediationPart(
                        heading=Heading(number="（一）", text="存在的主要问题"), intro=(Paragraph(text="暂无"),)
                    ),
                ),
            ),
            None,
        ),
        (
            lambda: attrs.evolve(
                xinghe(),
                remediation=Remediation(problems=RemediationPart(heading=Heading(number="（一）", text="存在的问题"))),
            ),
            None,
        ),
    ],
    "structure.remediation.previous": [
        (lambda: remediation(xinghe(), previous=RemediationPart()), None),
        # last year's report named more problems than this year says were rectified
        (
            lambda: xinghe(),
            lambda: remediation(
                last_year_of(xinghe()),
                problems=RemediationPart(items=tuple(govreport.Problem(text=f"问题{i}") for i in range(4))),
            ),
        ),
    ],
    "structure.remediation.measures": [
        (lambda: remediation(xinghe(), measures=RemediationPart()), None),
        (
            lambda: remediation(
                xinghe(),
                measures=RemediationPart(items=(govreport.Measure(key="m1", text="改进。", answers=("p1",)),)),
            ),
            None,
        ),
    ],
    "structure.other.processing_fee": [(lambda: no_fee_statement(xinghe()), None)],
    "structure.other.fee_unpaid": [(lambda: no_fee_statement(fee_unpaid(xinghe())), None)],
    # -- metadata
    "metadata.title": [
        (lambda: with_metadata(xinghe(), title="虚构市星河区人民政府2022年政府信息公开工作年度报告"), None),
        (lambda: with_metadata(xinghe(), title="星河区政务公开工作总结"), None),
    ],
    "metadata.year": [(lambda: with_metadata(xinghe(), year=0), None)],
    "metadata.period": [
        (lambda: with_metadata(xinghe(), period=Period.calendar_year(2022)), None),
        (lambda: with_metadata(xinghe(), period=Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 11, 30))), None),
        (lambda: add_paragraph(xinghe(), "preamble", "统计期限为2022年1月1日至2022年12月31日。"), None),
    ],
    "metadata.body_kind": [(lambda: with_metadata(xinghe(), body_kind=BodyKind.GOVERNMENT_DEPARTMENT), None)],
    "metadata.signature": [
        (lambda: attrs.evolve(xinghe(), signature=None), None),
        (lambda: signed(xinghe(), dt.date(2024, 3, 20), authority="虚构市星河区财政局"), None),
    ],
    "metadata.signature.date": [
        (lambda: signed(xinghe(), dt.date(2023, 12, 20)), None),
        (lambda: signed(xinghe(), None), None),
    ],
    "metadata.deadline": [
        (lambda: signed(xinghe(), dt.date(2024, 4, 2)), None),
        (lambda: signed(wangfu(), dt.date(2023, 2, 1)), None),
    ],
    # -- text against tables
    "text.applications.received": [
        (lambda: with_overview_text(xinghe(), "共新收政府信息公开申请326件", "共新收政府信息公开申请327件"), None),
        (lambda: add_paragraph(xinghe(), "overview", "本年度未收到政府信息公开申请。"), None),
    ],
    "text.applications.carried_over": [
        (lambda: with_overview_text(xinghe(), "上年结转14件", "上年结转十五件"), None),
    ],
    "text.applications.carried_forward": [
        (lambda: with_overview_text(xinghe(), "结转下年度继续办理18件", "结转下年度继续办理19件"), None),
    ],
    "text.applications.handled": [(lambda: with_overview_text(xinghe(), "全年办结322件", "全年办结321件"), None)],
    "text.applications.results": [(lambda: with_overview_text(xinghe(), "不予公开25件", "不予公开24件"), None)],
    "text.review_litigation.reviews": [
        (lambda: with_overview_text(xinghe(), "被申请行政复议9件", "被申请行政复议8件"), None),
        (lambda: with_overview_text(xinghe(), "结果维持6件", "结果维持5件"), None),
        (lambda: add_paragraph(xinghe(), "overview", "全年未发生因政府信息公开被申请行政复议的情况。"), None),
    ],
    "text.review_litigation.lawsuits": [
        (lambda: with_overview_text(xinghe(), "被提起行政诉讼8件", "被提起行政诉讼7件"), None),
        (lambda: with_overview_text(xinghe(), "复议后起诉3件", "复议后起诉4件"), None),
    ],
    "text.active_disclosure.documents": [
        (lambda: with_overview_text(xinghe(), "废止3件", "废止4件"), None),
        (lambda: add_paragraph(xinghe(), "overview", "2023年本机关未制发规范性文件。"), None),
    ],
    "text.active_disclosure.decisions": [
        (lambda: with_overview_text(xinghe(), "行政处罚决定1375件", "行政处罚决定1357件"), None),
    ],
    "text.active_disclosure.fees": [(lambda: with_overview_text(xinghe(), "3862.4175万元", "3862.4万元"), None)],
    # -- writing
    "writing.punctuation.doubled": [(lambda: add_paragraph(xinghe(), "overview", "全年工作有序推进。。"), None)],
    "writing.debris": [
        (lambda: add_paragraph(xinghe(), "overview", "[bookmark: _GoBack]全年工作有序推进。"), None),
        (lambda: add_paragraph(xinghe(), "preamble", "详见附件&nbsp;说明。"), None),
    ],
    "writing.placeholder": [
        (lambda: add_paragraph(xinghe(), "overview", "全年主动公开政府信息XX条。"), None),
        (lambda: add_paragraph(xinghe(), "overview", "于2023年X月召开培训会。"), None),
        (lambda: add_paragraph(xinghe(), "overview", "共发布信息××条，文号为星政发〔〕号，联系人＿＿。"), None),
    ],
    "writing.missing_number": [
        (lambda: add_paragraph(xinghe(), "overview", "共对项政策法规进行了解读。"), None),
        (lambda: add_paragraph(xinghe(), "overview", "依申请公开较增加3件。"), None),
    ],
    # -- across years
    "years.previous": [
        (lambda: xinghe(), lambda: with_metadata(last_year_of(xinghe()), year=2021, period=Period.calendar_year(2021))),
        (lambda: xinghe(), lambda: with_metadata(last_year_of(xinghe()), issuing_body="虚构市月亮区人民政府")),
    ],
    "years.carried_over": [(lambda: xinghe(), previous_with(applications__carried_forward__natural_person=11))],
    "years.in_force": [(lambda: xinghe(), previous_with(active_disclosure__normative_documents__in_force=37))],
    "years.text.repeated": [
        (lambda: xinghe(), lambda: with_metadata(xinghe(), year=2022, period=Period.calendar_year(2022))),
    ],
    "years.text.stale_year": [
        (
            lambda: add_paragraph(xinghe(), "overview", "2022年，区政府全面完成政务公开各项任务。"),
            lambda: add_paragraph(last_year_of(xinghe()), "overview", "2022年，区政府全面完成政务公开各项任务。"),
        ),
    ],
    "years.jump": [
        (lambda: xinghe(), previous_with(applications__new_requests__total=30)),
        (lambda: xinghe(), previous_with(active_disclosure__penalty__decisions=100)),
    ],
    # -- plausibility
    "plausibility.regulations.level": [
        (lambda: with_cells(xinghe(), "active_disclosure", {("regulations", "in_force"): 2}), None),
        (lambda: with_cells(wangfu(), "active_disclosure", {("regulations", "issued"): 1}), None),
    ],
    "plausibility.fees.unit": [
        (lambda: with_cells(xinghe(), "active_disclosure", {("fees", "amount"): 38624175}), None),
        (
            lambda: with_overview_text(
                with_cells(xinghe(), "active_disclosure", {("fees", "amount"): 3862}), "3862.4175万元", "3862元"
            ),
            None,
        ),
    ],
}


def failed_check_example() -> str:
    """The message of ``check.failed`` for a check that really raises, as the engine writes it."""
    from govreport.checks import CheckContext, CheckFailure
    from govreport.checks.engine import failure_finding, run_check
    from govreport.formats import Check

    def explode(context: CheckContext) -> list[govreport.Finding]:
        raise ZeroDivisionError("boom")

    broken = Check(id="bad.explode", severity="error", summary="A check that raises.", run=explode)
    _findings, failure = run_check(broken, "govreport-example", CheckContext(xinghe()))
    assert isinstance(failure, CheckFailure), "the broken check did not fail"
    return failure_finding(failure).message


def produced_examples() -> dict[str, str]:
    """Rule id -> the message of the first finding the rule gives on its first tripping case."""
    from govreport.checks import CHECK_FAILED

    examples = {}
    for rule, cases in TRIPS.items():
        build, previous = cases[0]
        found = findings(rule, build(), previous() if previous else None)
        if found:  # a rule that does not trip fails test_checks_rules.py; its example is left empty
            examples[rule] = found[0].message
    examples[CHECK_FAILED] = failed_check_example()
    return examples


def catalogue() -> str:
    """The table of built-in rules the page must show, examples included."""
    from govreport.checks.catalog import builtin_table

    return builtin_table(examples=produced_examples())


def shown_on_page(text: str) -> str:
    return text[text.index(START) + len(START) : text.index(END)]


def write_page(path: Path = PAGE) -> bool:
    """Put the catalogue into the page; whether it changed."""
    text = path.read_text(encoding="utf-8")
    shown = shown_on_page(text)
    table = catalogue()
    if shown == table:
        return False
    start = text.index(START) + len(START)
    path.write_text(text[:start] + table + text[start + len(shown) :], encoding="utf-8")
    return True


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        print(f"{PAGE}: {'rewritten' if write_page() else 'already up to date'}")
    elif sys.argv[1:]:
        sys.exit(f"usage: {REGENERATE}  (or no argument, to print the table)")
    else:
        print(catalogue())
