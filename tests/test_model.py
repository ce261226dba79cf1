"""The model: three-state cells, tables addressed by keys, frozen classes, remediation links."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import govreport as g
from govreport.spec import Applicant, ApplicationRow, ValueKind


def test_cells_have_three_states():
    assert g.Cell.number(0).is_number
    assert g.Cell.number(0) != g.BLANK
    assert g.BLANK.value is None
    assert g.Cell.not_applicable().raw == "/"
    assert g.Cell.not_applicable() != g.BLANK


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("5", ValueKind.COUNT, g.Cell.number(5)),
        (" ５ ", ValueKind.COUNT, g.Cell.number(5)),  # fullwidth digit
        ("1,021", ValueKind.COUNT, g.Cell.number(1021)),
        ("", ValueKind.COUNT, g.BLANK),
        ("\u3000", ValueKind.COUNT, g.BLANK),
        ("/", ValueKind.COUNT, g.Cell.not_applicable("/")),
        ("—", ValueKind.COUNT, g.Cell.not_applicable("—")),
        ("约5", ValueKind.COUNT, g.Cell.blank("约5")),
        ("1.5", ValueKind.COUNT, g.Cell.blank("1.5")),
        ("59237.2449", ValueKind.AMOUNT, g.Cell.number(Decimal("59237.2449"))),
    ],
)
def test_cells_from_printed_text(text, kind, expected):
    assert g.Cell.from_text(text, kind) == expected


@pytest.mark.parametrize(
    "make",
    [
        lambda: g.Cell.number(-1),
        lambda: g.Cell.number(True),
        lambda: g.Cell.number(1.5),
        lambda: g.Cell.number(Decimal("NaN")),
        lambda: g.Cell(state="blank", value=3),
        lambda: g.Cell(state="number"),
    ],
)
def test_invalid_cells_are_refused(make):
    with pytest.raises((TypeError, ValueError)):
        make()


def test_negative_zero_is_plain_zero():
    assert str(g.Cell.number(Decimal("-0.00"))) == "0.00"


def test_tables_are_addressed_by_keys():
    table = g.ApplicationsTable.from_rows({"new_requests": {"natural_person": 4, "total": 5}})
    assert table["new_requests", "total"] == g.Cell.number(5)
    assert table[ApplicationRow.NEW_REQUESTS, Applicant.NATURAL_PERSON].value == 4
    assert table.value("granted", "total") is None
    assert len(list(table.items())) == 175
    assert table.to_rows()["new_requests"]["total"].value == 5


def test_unknown_addresses_name_the_table_and_key():
    table = g.ActiveDisclosureTable()
    with pytest.raises(KeyError, match="has no row 'nope'"):
        table["nope", "issued"]
    with pytest.raises(KeyError, match="has no column 'nope'"):
        table["regulations", "nope"]
    with pytest.raises(KeyError, match="no cell at row 'licensing', column 'issued'"):
        table["licensing", "issued"]


def test_amount_cells_hold_decimals_and_counts_hold_ints():
    table = g.ActiveDisclosureTable.from_values({("fees", "amount"): 12})
    assert table["fees", "amount"].value == Decimal(12)
    with pytest.raises(TypeError, match="a count is an int"):
        g.ActiveDisclosureTable.from_values({("licensing", "decisions"): Decimal("1.5")})
    with pytest.raises(ValueError, match="holds 10 cells"):
        g.ActiveDisclosureTable(cells=(g.BLANK,))


def test_with_values_returns_a_new_table():
    blank = g.ReviewLitigationTable.blank()
    filled = blank.with_values({("administrative_review", "total"): 2})
    assert blank["administrative_review", "total"].is_blank
    assert filled["administrative_review", "total"].value == 2


def test_model_is_frozen_and_keyword_only():
    metadata = g.Metadata(issuing_body="某局", year=2022, body_kind=g.BodyKind.GOVERNMENT_DEPARTMENT)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        metadata.year = 2023  # type: ignore[misc]
    with pytest.raises(TypeError):
        g.Metadata("某局", 2022, g.BodyKind.OTHER)  # type: ignore[misc]


def test_title_defaults_to_the_canonical_one():
    metadata = g.Metadata(issuing_body="某局", year=2022, body_kind=g.BodyKind.OTHER)
    assert g.Report(metadata=metadata).title == "某局2022年政府信息公开工作年度报告"
    titled = attrs.evolve(metadata, title="另一个标题")
    assert g.Report(metadata=titled).title == "另一个标题"


def test_measures_point_at_problems():
    remediation = g.Remediation(
        problems=g.RemediationPart(items=(g.Problem(key="p1", text="公开不及时"),)),
        measures=g.RemediationPart(items=(g.Measure(key="m1", text="及时更新", answers=("p1",)),)),
    )
    assert remediation.problem("p1").text == "公开不及时"
    assert [m.key for m in remediation.measures_for("p1")] == ["m1"]
    with pytest.raises(ValueError, match="unknown problems: p2"):
        attrs.evolve(remediation, measures=g.RemediationPart(items=(g.Measure(text="x", answers=("p2",)),)))
    with pytest.raises(ValueError, match="repeated: p1"):
        g.Remediation(problems=g.RemediationPart(items=(g.Problem(key="p1", text="a"), g.Problem(key="p1", text="b"))))


def test_processing_fee_statement_is_found_by_topic():
    matters = g.OtherMatters(
        items=(
            g.OtherItem(number="1、", text="承办建议3件。", topic=g.OtherTopic.PROPOSALS),
            g.OtherItem(number="2、", text="未收取信息处理费。", topic=g.OtherTopic.PROCESSING_FEE),
        )
    )
    statement = matters.processing_fee_statement
    assert statement is not None
    assert statement.full_text == "2、未收取信息处理费。"
    assert g.OtherMatters().processing_fee_statement is None


def test_sections_come_in_the_official_order():
    report = g.load("examples/wangfu-2022/report.json")
    assert [spec.number for spec, _ in report.sections()] == list("一二三四五六")
    assert [t.SPEC.number for t in report.tables] == list("二三四")
