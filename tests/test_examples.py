"""The checked-in examples: every report document is canonical and valid, and every script runs."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import govreport
from govreport.spec import (
    APPLICANT_PARTS,
    OUTCOME_PARTS,
    RESULT_ROWS,
    ActiveColumn,
    ActiveRow,
    Applicant,
    ApplicationRow,
    BodyKind,
    Outcome,
    ReviewRow,
    deadline,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REPORTS = sorted(EXAMPLES.glob("**/report.json"))
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
XINGHE = EXAMPLES / "xinghe-2023" / "report.json"
WANGFU = EXAMPLES / "wangfu-2022" / "report.json"

APPLICANT_COLUMNS = APPLICANT_PARTS


def _name(path: Path) -> str:
    return path.relative_to(EXAMPLES).as_posix()


def identity_violations(report: govreport.Report) -> list[str]:
    """Every identity of FORMAT-2021.md that does not hold, recomputed from the cells of 三 and 四."""
    tables = (report.applications, report.review_litigation)
    not_numbers = [
        f"table {table.SPEC.number} {spec.row}/{spec.column} is not a number"
        for table in tables
        for spec, cell in table.items()
        if not cell.is_number
    ]
    if not_numbers:
        return not_numbers

    def value(table: govreport.StatisticsTable, row: str, column: str) -> int:
        number = table[row, column].value
        assert isinstance(number, int)
        return number

    def app(row: str, column: str) -> int:
        return value(report.applications, row, column)

    problems: list[str] = []
    for column in Applicant:
        supply = app(ApplicationRow.NEW_REQUESTS, column) + app(ApplicationRow.CARRIED_OVER, column)
        handled = app(ApplicationRow.RESULTS_TOTAL, column) + app(ApplicationRow.CARRIED_FORWARD, column)
        if supply != handled:
            problems.append(f"table 三 {column}: 一 + 二 = {supply} but 三（七） + 四 = {handled}")
        results = sum(app(row, column) for row in RESULT_ROWS)
        if results != app(ApplicationRow.RESULTS_TOTAL, column):
            total = app(ApplicationRow.RESULTS_TOTAL, column)
            problems.append(f"table 三 {column}: results add up to {results}, （七）总计 is {total}")
    for row in ApplicationRow:
        parts = sum(app(row, column) for column in APPLICANT_COLUMNS)
        if parts != app(row, Applicant.TOTAL):
            problems.append(f"table 三 {row}: columns add up to {parts}, 总计 is {app(row, Applicant.TOTAL)}")
    for review_row in ReviewRow:
        outcomes = sum(value(report.review_litigation, review_row, outcome) for outcome in OUTCOME_PARTS)
        total = value(report.review_litigation, review_row, Outcome.TOTAL)
        if outcomes != total:
            problems.append(f"table 四 {review_row}: outcomes add up to {outcomes}, 总计 is {total}")
    return problems


def test_the_examples_are_found() -> None:
    assert XINGHE in REPORTS
    assert WANGFU in REPORTS
    assert EXAMPLES / "build_report.py" in SCRIPTS


def test_result_rows_are_the_21_rows_of_the_format() -> None:
    # （一）1 +（二）1 +（三）8 +（四）3 +（五）5 +（六）3
    assert len(RESULT_ROWS) == 21
    assert ApplicationRow.RESULTS_TOTAL not in RESULT_ROWS
    assert len(APPLICANT_COLUMNS) == 6


@pytest.mark.parametrize("path", REPORTS, ids=_name)
def test_report_loads_and_redumps_byte_identically(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = govreport.load(path)
    assert govreport.dumps(report) == text


# --- xinghe-2023: fictional, complete and consistent ----------------------------------------------


@pytest.fixture(scope="module")
def xinghe() -> govreport.Report:
    return govreport.load(XINGHE)


def test_xinghe_has_a_number_in_every_cell(xinghe: govreport.Report) -> None:
    not_numbers = [
        f"{table.SPEC.key} {spec.row}/{spec.column}"
        for table in xinghe.tables
        for spec, cell in table.items()
        if not cell.is_number
    ]
    assert not_numbers == []
    assert sum(len(table.cells) for table in xinghe.tables) == 10 + 175 + 15


def test_xinghe_identities_hold(xinghe: govreport.Report) -> None:
    assert identity_violations(xinghe) == []


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (ApplicationRow.GRANTED, Applicant.NATURAL_PERSON),  # breaks a column sum and a row sum
        (ApplicationRow.CARRIED_FORWARD, Applicant.TOTAL),  # breaks 一 + 二 = 三 + 四
        (ApplicationRow.OTHER_OTHER, Applicant.TOTAL),  # breaks the results sum and its row
    ],
)
def test_identity_check_catches_a_changed_cell(xinghe: govreport.Report, row: str, column: str) -> None:
    value = xinghe.applications[row, column].value
    assert isinstance(value, int)
    broken = attrs.evolve(xinghe, applications=xinghe.applications.with_values({(row, column): value + 1}))
    assert identity_violations(broken) != []


def test_identity_check_catches_table_four(xinghe: govreport.Report) -> None:
    table = xinghe.review_litigation
    upheld = table[ReviewRow.LAWSUIT_DIRECT, Outcome.UPHELD].value
    assert isinstance(upheld, int)
    broken = attrs.evolve(
        xinghe, review_litigation=table.with_values({(ReviewRow.LAWSUIT_DIRECT, Outcome.UPHELD): upheld + 1})
    )
    assert identity_violations(broken) == ["table 四 lawsuit_direct: outcomes add up to 6, 总计 is 5"]


def test_xinghe_is_a_fictional_district_government(xinghe: govreport.Report) -> None:
    meta = xinghe.metadata
    assert meta.issuing_body == "虚构市星河区人民政府"
    assert meta.body_kind is BodyKind.PEOPLE_GOVERNMENT
    assert meta.year == 2023
    assert meta.period == govreport.Period.calendar_year(2023)
    assert "虚构示例" in xinghe.preamble[0].text
    assert meta.website is not None
    assert meta.website.endswith(".example")
    assert xinghe.signature == govreport.Signature(authority=meta.issuing_body, date=dt.date(2024, 3, 20))
    assert xinghe.signature.date is not None
    assert xinghe.signature.date <= deadline(meta.body_kind, meta.year)
    # A district government cannot make 规章.
    regulations = (ActiveColumn.ISSUED, ActiveColumn.REPEALED, ActiveColumn.IN_FORCE)
    assert [xinghe.active_disclosure[ActiveRow.REGULATIONS, column].value for column in regulations] == [0, 0, 0]


def test_xinghe_sections_are_complete(xinghe: govreport.Report) -> None:
    headings = [block.full_text for block in xinghe.overview if isinstance(block, govreport.Heading)]
    assert headings == [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ]
    assert any(isinstance(block, govreport.Item) and block.number == "一是" for block in xinghe.overview)
    overview = "".join(block.text for block in xinghe.overview)
    for words in ("工作考核", "社会评议", "责任追究"):
        assert words in overview

    remediation = xinghe.remediation
    assert remediation.previous.items
    assert all(item.problem and item.text for item in remediation.previous.items)
    assert [problem.key for problem in remediation.problems.items] == ["p1", "p2", "p3"]
    for problem in remediation.problems.items:
        assert remediation.measures_for(problem.key), f"no measure answers {problem.key}"

    items = xinghe.other_matters.items
    assert [item.number for item in items] == [f"{n}." for n in range(1, len(items) + 1)]
    topics = {item.topic for item in items}
    assert {govreport.OtherTopic.PROCESSING_FEE, govreport.OtherTopic.PROPOSALS} <= topics
    assert govreport.OtherTopic.WORK_PRIORITIES in topics
    # No fee charged, so no application was dropped for an unpaid fee.
    fee = xinghe.other_matters.processing_fee_statement
    assert fee is not None
    assert "未向申请人收取信息处理费" in fee.text
    assert xinghe.applications[ApplicationRow.OTHER_FEE_UNPAID, Applicant.TOTAL].value == 0

    contact = xinghe.metadata.contact
    assert all((contact.address, contact.postcode, contact.phone, contact.email, xinghe.metadata.published_at))


def test_xinghe_narrative_states_the_table_figures(xinghe: govreport.Report) -> None:
    text = "".join(block.text for block in xinghe.overview)

    def count(table: govreport.StatisticsTable, row: str, column: str) -> int:
        value = table[row, column].value
        assert isinstance(value, int)
        return value

    def total(row: str) -> int:
        return count(xinghe.applications, row, Applicant.TOTAL)

    def review(row: str, outcome: str = Outcome.TOTAL) -> int:
        return count(xinghe.review_litigation, row, outcome)

    active = xinghe.active_disclosure
    lawsuits = review(ReviewRow.LAWSUIT_DIRECT) + review(ReviewRow.LAWSUIT_AFTER_REVIEW)
    expected = [
        f"共新收政府信息公开申请{total(ApplicationRow.NEW_REQUESTS)}件",
        f"上年结转{total(ApplicationRow.CARRIED_OVER)}件",
        f"自然人申请{xinghe.applications[ApplicationRow.NEW_REQUESTS, Applicant.NATURAL_PERSON].value}件",
        f"全年办结{total(ApplicationRow.RESULTS_TOTAL)}件",
        f"予以公开{total(ApplicationRow.GRANTED)}件",
        f"部分公开{total(ApplicationRow.PARTIALLY_GRANTED)}件",
        f"结转下年度继续办理{total(ApplicationRow.CARRIED_FORWARD)}件",
        f"被申请行政复议{review(ReviewRow.ADMINISTRATIVE_REVIEW)}件",
        f"结果纠正{review(ReviewRow.ADMINISTRATIVE_REVIEW, Outcome.CORRECTED)}件",
        f"被提起行政诉讼{lawsuits}件",
        f"制发行政规范性文件{active[ActiveRow.NORMATIVE_DOCUMENTS, ActiveColumn.ISSUED].value}件",
        f"现行有效行政规范性文件{active[ActiveRow.NORMATIVE_DOCUMENTS, ActiveColumn.IN_FORCE].value}件",
    ]
    assert [phrase for phrase in expected if phrase not in text] == []


# --- wangfu-2022: the sample report, only what its text states ----------------------------------

WANGFU_FILLED: dict[tuple[str, str, str], int] = {
    ("applications", ApplicationRow.NEW_REQUESTS, Applicant.TOTAL): 5,
    ("applications", ApplicationRow.RESULTS_TOTAL, Applicant.TOTAL): 5,
    ("applications", ApplicationRow.CARRIED_FORWARD, Applicant.TOTAL): 0,
    ("active_disclosure", ActiveRow.NORMATIVE_DOCUMENTS, ActiveColumn.ISSUED): 0,
    **{("review_litigation", row, outcome): 0 for row in ReviewRow for outcome in Outcome},
}


def test_wangfu_fills_exactly_what_its_text_states() -> None:
    report = govreport.load(WANGFU)
    filled = {
        (table.SPEC.key, spec.row, spec.column): cell.value
        for table in report.tables
        for spec, cell in table.items()
        if cell.is_number
    }
    assert filled == WANGFU_FILLED
    assert len(filled) == 19
    others = [
        cell
        for table in report.tables
        for spec, cell in table.items()
        if (table.SPEC.key, spec.row, spec.column) not in WANGFU_FILLED
    ]
    assert len(others) == 10 + 175 + 15 - 19
    assert all(cell == govreport.BLANK for cell in others)


# --- scripts: every examples/*.py runs -------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS, ids=_name)
def test_example_script_runs(script: Path, tmp_path: Path) -> None:
    before = sorted(path.relative_to(EXAMPLES) for path in EXAMPLES.rglob("*") if "__pycache__" not in path.parts)
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    after = sorted(path.relative_to(EXAMPLES) for path in EXAMPLES.rglob("*") if "__pycache__" not in path.parts)
    assert after == before, "an example script wrote into the repository"
    assert any(tmp_path.iterdir()), "the script wrote nothing to its output directory"
