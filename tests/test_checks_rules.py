"""Every built-in rule: a report that trips it, and one that passes it.

The tripping cases are in ``tests/rule_cases.py`` (the rule catalogue of ``docs/checks.md`` takes its
examples from them). Each starts from the complete fictional example (``examples/xinghe-2023``, on
which every rule passes) and changes one thing. ``test_every_rule_has_a_case`` keeps the table
complete: a new rule without its two tests fails here.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import govreport
from govreport.model import (
    ApplicationsTable,
    Cell,
    Item,
    OtherItem,
    OtherMatters,
    Paragraph,
    Period,
    RemediationPart,
)
from govreport.spec import BodyKind
from rule_cases import (
    TRIPS,
    Build,
    fee_unpaid,
    no_fee_statement,
    other_items,
    previous_with,
    remediation,
    without_overview_blocks,
)
from test_checks_support import (
    add_paragraph,
    all_rule_ids,
    findings,
    last_year_of,
    signed,
    wangfu,
    with_cells,
    with_metadata,
    with_overview_text,
    xinghe,
)

pytestmark = pytest.mark.usefixtures("clean_registry")

CASES = [
    pytest.param(rule, build, previous, id=f"{rule}-{i}")
    for rule, cases in TRIPS.items()
    for i, (build, previous) in enumerate(cases)
]


def test_every_rule_has_a_case() -> None:
    assert set(all_rule_ids()) == set(TRIPS), "every registered rule needs a tripping report here"


@pytest.mark.parametrize(("rule", "build", "previous"), CASES)
def test_rule_trips(rule: str, build: Build, previous: Build | None) -> None:
    found = findings(rule, build(), previous() if previous else None)
    assert found, f"{rule} did not fire"
    for finding in found:
        assert finding.rule == rule
        assert finding.message
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding.message), "messages are in Chinese"
        assert finding.location.section or finding.location.table


@pytest.mark.parametrize("rule", sorted(TRIPS))
def test_rule_passes_the_complete_example(rule: str) -> None:
    report = xinghe()
    assert findings(rule, report, last_year_of(report)) == []


# -- what the findings say, rule by rule ---------------------------------------------------------------


def test_blank_cells_are_counted_and_located() -> None:
    report = with_cells(
        xinghe(), "applications", {("granted", "research_institution"): None, ("granted", "total"): None}
    )
    (finding,) = findings("table.blank", report)
    assert finding.found == "2"
    assert [(c.table, c.row, c.column) for c in finding.cells] == [
        ("applications", "granted", "research_institution"),
        ("applications", "granted", "total"),
    ]
    assert finding.location.table == "applications"
    assert "2个空白单元格" in finding.message


def test_incomplete_identity_names_the_blank_cells_and_does_not_take_them_as_zero() -> None:
    report = with_cells(xinghe(), "applications", {("carried_over", "total"): None})
    # with the blank taken as 0 the balance of the total column would fail; it must not be checked
    assert findings("table.applications.balance", report) == []
    incomplete = findings("table.identity.incomplete", report)
    balance = next(f for f in incomplete if f.location.row is None)
    assert balance.location.column == "total"
    assert [(c.row, c.column) for c in balance.cells] == [("carried_over", "total")]
    assert "二、上年结转政府信息公开申请数量" in balance.message
    assert "为空白" in balance.message
    assert balance.formula == "「总计」列：一 + 二 = 三（七） + 四"
    row = next(f for f in incomplete if f.location.row == "carried_over")
    assert row.location.column == "total"


def test_all_blank_identities_are_left_to_table_blank() -> None:
    assert findings("table.identity.incomplete", attrs.evolve(xinghe(), applications=ApplicationsTable())) == []


def test_not_applicable_is_not_blank() -> None:
    report = with_cells(xinghe(), "applications", {("granted", "research_institution"): Cell.not_applicable()})
    assert findings("table.blank", report) == []
    (finding,) = findings("table.not_applicable", report)
    assert [(c.row, c.column) for c in finding.cells] == [("granted", "research_institution")]


def test_section_empty_names_the_section() -> None:
    (finding,) = findings("structure.section.empty", attrs.evolve(xinghe(), other_matters=OtherMatters()))
    assert finding.location.section == "other_matters"
    assert "六、其他需要报告的事项" in finding.message


def test_overview_parts_accept_the_usual_short_headings() -> None:
    # the sample's headings are 主动公开工作情况, 依申请公开办理情况, 政府信息管理情况, 平台建设情况, 监督保障情况
    assert findings("structure.overview.parts", wangfu()) == []
    (finding,) = findings("structure.overview.parts", without_overview_blocks(xinghe(), "平台建设"))
    assert "（四）政府信息公开平台建设" in finding.message


def test_supervision_is_only_asked_of_a_peoples_government() -> None:
    report = without_overview_blocks(xinghe(), "评议")
    (finding,) = findings("structure.overview.supervision", report)
    assert finding.message.endswith("未见：社会评议")
    assert (
        findings("structure.overview.supervision", with_metadata(report, body_kind=BodyKind.GOVERNMENT_DEPARTMENT))
        == []
    )


def test_remediation_previous_accepts_a_sentence_instead_of_a_part() -> None:
    report = remediation(
        xinghe(), previous=RemediationPart(), intro=(Paragraph(text="针对上年度报告指出的问题，已全部整改到位。"),)
    )
    assert findings("structure.remediation.previous", report) == []


def test_measures_name_the_unanswered_problem() -> None:
    report = remediation(
        xinghe(), measures=RemediationPart(items=(govreport.Measure(key="m1", text="改进。", answers=("p1",)),))
    )
    found = findings("structure.remediation.measures", report)
    assert [f.location.source for f in found] == [
        "$.remediation.problems.items[1].text",
        "$.remediation.problems.items[2].text",
    ]


def test_processing_fee_is_never_inferred_from_table_fees() -> None:
    # table 二 has 行政事业性收费 (3862.4175 万元), and 六 no longer mentions 信息处理费: still a finding
    report = no_fee_statement(xinghe())
    assert report.active_disclosure.value("fees", "amount")
    assert findings("structure.other.processing_fee", report)


def test_processing_fee_mentioned_in_any_item_is_enough() -> None:
    report = other_items(no_fee_statement(xinghe()), lambda item: True)
    item = OtherItem(number="5.", text="本年度未收取信息处理费。")
    report = attrs.evolve(
        report, other_matters=attrs.evolve(report.other_matters, items=(*report.other_matters.items, item))
    )
    assert findings("structure.other.processing_fee", report) == []


def test_fee_unpaid_with_a_fee_statement_passes() -> None:
    assert findings("structure.other.fee_unpaid", fee_unpaid(xinghe())) == []
    (finding,) = findings("structure.other.fee_unpaid", no_fee_statement(fee_unpaid(xinghe())))
    assert (finding.location.row, finding.location.column) == ("other_fee_unpaid", "total")


def test_deadline_depends_on_the_body_kind() -> None:
    (late,) = findings("metadata.deadline", signed(xinghe(), dt.date(2024, 4, 2)))
    assert late.severity is govreport.Severity.ERROR
    assert late.expected == "2024年3月31日前"
    assert late.found == "2024年4月2日"
    (township,) = findings("metadata.deadline", signed(wangfu(), dt.date(2023, 2, 1)))
    assert township.severity is govreport.Severity.WARNING
    assert findings("metadata.deadline", signed(xinghe(), dt.date(2024, 3, 31))) == []


def test_a_report_without_a_year_is_one_error_and_no_rule_fails() -> None:
    # 0 is what an import that found no title gives; the period and deadline rules raised on it
    import govreport

    result = govreport.check(with_metadata(xinghe(), year=0))
    assert result.failures == ()
    assert [f.rule for f in result.findings if f.rule.startswith("metadata.")] == ["metadata.year"]


def test_period_stated_in_the_preamble_is_compared() -> None:
    report = add_paragraph(xinghe(), "preamble", "统计期限为2022年1月1日至2022年12月31日。")
    (finding,) = findings("metadata.period", report)
    assert finding.location.section == "preamble"
    assert finding.found == "2022年1月1日至2022年12月31日"


def test_text_figure_location_and_values() -> None:
    report = with_overview_text(xinghe(), "共新收政府信息公开申请326件", "共新收政府信息公开申请327件")
    (finding,) = findings("text.applications.received", report)
    assert (finding.expected, finding.found) == ("326", "327")
    where = finding.location
    assert (where.section, where.part, where.table, where.row, where.column) == (
        "overview",
        "（二）依申请公开",
        "applications",
        "new_requests",
        "total",
    )
    assert where.paragraph == 8
    assert where.excerpt is not None
    assert "327件" in where.excerpt


def test_received_may_include_carried_over() -> None:
    report = with_overview_text(xinghe(), "共新收政府信息公开申请326件", "共收到政府信息公开申请340件")
    assert findings("text.applications.received", report) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("本年度共收到政府信息公开申请五件。", 5),
        ("本年度共受理政府信息公开申请十二件。", 12),
        ("收到政府信息公开申请1,234件。", 1234),
    ],
)
def test_text_figures_in_chinese_numerals_and_with_commas(text: str, value: int) -> None:
    report = add_paragraph(xinghe(), "overview", text)
    (finding,) = findings("text.applications.received", report)
    assert finding.found == str(value)


def test_text_figures_follow_their_own_keyword() -> None:
    # 9 is the reviews; 6, 1, 1, 1 are the outcomes: none of them is taken for another
    text = "全年被申请行政复议9件，其中结果维持6件、结果纠正1件、其他结果1件、尚未审结1件。"
    report = add_paragraph(xinghe(), "overview", text)
    assert findings("text.review_litigation.reviews", report) == []
    assert findings("text.review_litigation.lawsuits", report) == []


def test_writing_ignores_ellipsis_dash_and_urls() -> None:
    report = add_paragraph(xinghe(), "overview", "详见www.xinghe.example——包括通知、公告……。")
    for rule in ("writing.punctuation.doubled", "writing.placeholder", "writing.missing_number", "writing.debris"):
        assert findings(rule, report) == [], rule


def test_writing_locates_the_passage() -> None:
    report = add_paragraph(xinghe(), "overview", "全年工作有序推进。。")
    (finding,) = findings("writing.punctuation.doubled", report)
    assert finding.location.section == "overview"
    assert finding.location.paragraph == len(report.overview)
    assert finding.location.source == f"$.overview[{len(report.overview) - 1}]"
    assert finding.location.part == "（五）监督保障"
    assert finding.found == "。。"


def test_missing_number_examples() -> None:
    report = add_paragraph(xinghe(), "overview", "共对项政策法规进行了解读，依申请公开较增加3件。")
    found = findings("writing.missing_number", report)
    assert [f.found for f in found] == ["共对项", "较增"]


def test_repeated_text_share_per_section() -> None:
    previous = with_metadata(xinghe(), year=2022, period=Period.calendar_year(2022))
    found = findings("years.text.repeated", xinghe(), previous)
    assert {f.location.section for f in found} == {"overview", "remediation", "other_matters"}
    assert all(f.found == "100%" and f.severity is govreport.Severity.WARNING for f in found)


def test_repeated_text_below_half_is_an_info() -> None:
    from govreport.repetition import repeated_share

    assert repeated_share("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", "甲乙丙丁戊己庚辛壬癸") == 0.5
    assert repeated_share("完全不同的一句话呀", "甲乙丙丁戊己庚辛壬癸") == 0.0


def test_stale_year_needs_the_same_sentence_last_year() -> None:
    # 2022 named in the 2023 report on its own (a comparison, last year's report) is fine
    report = add_paragraph(xinghe(), "overview", "2022年，区政府全面完成政务公开各项任务。")
    assert findings("years.text.stale_year", report, last_year_of(xinghe())) == []


def test_carried_over_across_years_names_the_column() -> None:
    previous = previous_with(applications__carried_forward__natural_person=11)()
    (finding,) = findings("years.carried_over", xinghe(), previous)
    assert (finding.location.row, finding.location.column) == ("carried_over", "natural_person")
    assert (finding.expected, finding.found) == ("11", "12")


def test_cross_year_rules_skip_without_last_year() -> None:
    report = xinghe()
    assert govreport.check(report).checks == tuple(r for r in all_rule_ids() if not r.startswith("years."))


def test_jump_ignores_small_numbers() -> None:
    previous = previous_with(review_litigation__lawsuit_direct__total=1)()
    assert findings("years.jump", xinghe(), previous) == []


def test_regulations_by_a_city_government_are_fine() -> None:
    report = with_metadata(xinghe(), issuing_body="虚构市人民政府")
    report = attrs.evolve(report, signature=attrs.evolve(report.signature, authority="虚构市人民政府"))
    report = with_cells(report, "active_disclosure", {("regulations", "issued"): 2, ("regulations", "in_force"): 30})
    assert findings("plausibility.regulations.level", report) == []


def test_body_level_from_the_name() -> None:
    from govreport.checks.support.bodies import Level, body_level

    other = BodyKind.OTHER
    assert body_level("青州市王府街道办事处", other) is Level.TOWNSHIP
    assert body_level("某某县某某镇人民政府", other) is Level.TOWNSHIP
    assert body_level("某某市某某区教育局", other) is Level.COUNTY
    assert body_level("某某县市场监督管理局", other) is Level.COUNTY
    assert body_level("广西壮族自治区人民政府", other) is Level.UNKNOWN
    assert body_level("阿里地区行政公署", other) is Level.UNKNOWN
    assert body_level("某某市城乡建设局", other) is Level.UNKNOWN
    assert body_level("某某市人民政府", BodyKind.TOWNSHIP) is Level.TOWNSHIP


def test_chinese_numerals() -> None:
    from govreport.checks.support.numbers import chinese_numeral, counts

    assert [chinese_numeral(t) for t in ("五", "十二", "二十", "一百零五", "两千", "三万五千")] == [
        5,
        12,
        20,
        105,
        2000,
        35000,
    ]
    assert chinese_numeral("一二") is None
    assert [value for value, _s, _e in counts("收到申请五件，每一件都已办理，共３件、1,200件，零件若干")] == [
        5,
        3,
        1200,
    ]


def test_item_problems_restated_are_text_too() -> None:
    report = remediation(
        xinghe(),
        previous=RemediationPart(items=(govreport.Rectification(problem="XX问题。", text="已整改。"),)),
    )
    (finding,) = findings("writing.placeholder", report)
    assert finding.location.source == "$.remediation.previous.items[0].problem"
    assert finding.location.part == "上年度问题整改情况"


def test_heading_and_item_blocks_are_read() -> None:
    report = attrs.evolve(xinghe(), overview=(*xinghe().overview, Item(number="六是", text="加强XX管理。")))
    (finding,) = findings("writing.placeholder", report)
    assert finding.location.excerpt is not None
    assert "XX" in finding.location.excerpt


def test_a_figure_longer_than_python_converts_is_no_count_and_no_rule_fails() -> None:
    # Hostile text: 5,000 digits before 件. Every rule that reads figures runs; none states it.
    import sys

    import attrs

    from govreport.checks.support.numbers import counts, first_count
    from govreport.model import Paragraph
    from govreport.testing import complete_report

    huge = "1" * (sys.get_int_max_str_digits() + 1)
    assert counts(f"收到{huge}件，办结3件") == [(3, 6 + len(huge), 8 + len(huge))]
    assert first_count(f"收到{huge}件") is None
    report = complete_report()
    report = attrs.evolve(report, overview=(Paragraph(text=f"本年收到申请{huge}件。"), *report.overview))
    result = govreport.check(report)
    assert result.failures == ()
    assert "check.failed" not in result.rules()
