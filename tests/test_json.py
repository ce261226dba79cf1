"""The JSON document: lossless both ways, strict on the way in, every problem with its path."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import govreport as g
from govreport.serialize import SCHEMA_VERSION, to_document
from strategies import examples, reports

SAMPLE = Path(__file__).parents[1] / "examples" / "wangfu-2022" / "report.json"


@pytest.fixture
def document() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def problems_of(document: object) -> tuple[str, ...]:
    with pytest.raises(g.ReportValidationError) as caught:
        g.loads(json.dumps(document, ensure_ascii=False))
    return caught.value.problems


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_dump_then_load_is_lossless(report):
    text = g.dumps(report)
    assert g.loads(text) == report
    assert g.loads(text.encode("utf-8")) == report
    assert g.dumps(g.loads(text)) == text  # and the text is stable


def test_json_exporter_writes_the_same_document(document):
    report = g.loads(json.dumps(document))
    assert g.export(report, "json") == g.dumps(report).encode("utf-8")
    assert g.loads(g.export(report, "json", indent=0)) == report


def test_load_and_dump_files(tmp_path):
    report = g.load(SAMPLE)
    target = tmp_path / "copy.json"
    g.dump(report, target)
    assert target.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")
    assert g.load(str(target)) == report


def test_amounts_stay_exact_decimals():
    table = g.ActiveDisclosureTable.from_values({("fees", "amount"): Decimal("96171.60")})
    report = g.Report(metadata=g.Metadata(issuing_body="x", year=2022, body_kind="township"), active_disclosure=table)
    document = to_document(report)
    assert document["active_disclosure"]["cells"]["fees"]["amount"] == "96171.60"
    back = g.loads(g.dumps(report)).active_disclosure["fees", "amount"]
    assert isinstance(back.value, Decimal)
    assert str(back.value) == "96171.60"


def test_amount_as_json_number_is_read_exactly(document):
    document["active_disclosure"]["cells"]["fees"]["amount"] = 59237.2449
    cell = g.loads(json.dumps(document)).active_disclosure["fees", "amount"]
    assert cell.value == Decimal("59237.2449")


def test_blank_is_never_zero(document):
    report = g.loads(json.dumps(document))
    assert report.applications["granted", "total"].is_blank
    assert report.applications["granted", "total"].value is None
    assert to_document(report)["applications"]["cells"]["granted"]["total"] is None


def test_a_cell_left_out_is_blank(document):
    del document["applications"]["cells"]["granted"]
    del document["review_litigation"]["cells"]
    report = g.loads(json.dumps(document))
    assert report.applications["granted", "natural_person"].is_blank
    assert report.review_litigation["administrative_review", "total"].is_blank


def test_three_cell_states_round_trip(document):
    cells = document["applications"]["cells"]
    cells["granted"]["natural_person"] = "/"
    cells["granted"]["commercial_enterprise"] = {"state": "blank", "raw": "约5"}
    cells["granted"]["research_institution"] = {"state": "not_applicable", "raw": "不涉及"}
    cells["granted"]["total"] = 0
    report = g.loads(json.dumps(document))
    table = report.applications
    assert table["granted", "natural_person"] == g.Cell.not_applicable("/")
    assert table["granted", "commercial_enterprise"] == g.Cell.blank("约5")
    assert table["granted", "research_institution"] == g.Cell.not_applicable("不涉及")
    assert table["granted", "total"] == g.Cell.number(0)
    assert g.loads(g.dumps(report)) == report


def test_every_problem_is_listed_with_its_path(document):
    document["metadata"]["year"] = "2022"  # wrong type
    document["metadata"]["colour"] = "red"  # unknown key
    document["applications"]["cells"]["granted"]["total"] = -3  # negative count
    document["applications"]["cells"]["carried_over"]["total"] = 2.5  # fraction where a count belongs
    document["active_disclosure"]["cells"]["fees"]["amount"] = Decimal("12345678901234567.891")  # loses digits
    del document["other_matters"]  # missing section
    text = json.dumps(document, ensure_ascii=False, default=str).replace(
        '"12345678901234567.891"', "12345678901234567.891"
    )
    with pytest.raises(g.ReportValidationError) as caught:
        g.loads(text, source="bad.json")
    problems = caught.value.problems
    assert len(problems) == 6, problems
    joined = "\n".join(problems)
    for path in (
        "$.metadata.year",
        "$.metadata",
        "$.applications.cells.granted.total",
        "$.applications.cells.carried_over.total",
        "$.active_disclosure.cells.fees.amount",
        "$.other_matters",
    ):
        assert f"{path}:" in joined
    assert "colour" in joined
    assert "would lose digits" in joined
    assert str(caught.value).startswith("bad.json: not a valid report (6 problems)")
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (lambda d: d["applications"]["cells"].update(bogus={}), "$.applications.cells.bogus", "no row"),
        (lambda d: d["applications"]["cells"]["granted"].update(x=1), "$.applications.cells.granted.x", "no column"),
        (
            lambda d: d["applications"]["cells"]["granted"].update(total=True),
            "$.applications.cells.granted.total",
            "boolean",
        ),
        (
            lambda d: d["applications"]["cells"]["granted"].update(total="5"),
            "$.applications.cells.granted.total",
            "integer",
        ),
        (lambda d: d["overview"].insert(0, {"type": "table"}), "$.overview[0]", "type"),
        (lambda d: d["overview"][0].update(text=None), "$.overview[0].text", "string"),
        (lambda d: d["metadata"].update(body_kind="city"), "$.metadata.body_kind", "one of"),
        (lambda d: d["signature"].update(date="29/01/2023"), "$.signature.date", "YYYY-MM-DD"),
        (lambda d: d["remediation"]["measures"]["items"][0].update(answers=["p9"]), "$.remediation", "p9"),
        (lambda d: d.pop("applications"), "$.applications", "missing"),
        (lambda d: d["metadata"].pop("issuing_body"), "$.metadata.issuing_body", "missing"),
        (lambda d: d["preamble"][0].update(text="\ud800"), "$.preamble[0].text", "surrogate"),
    ],
)
def test_single_problems(document, mutate, path, words):
    mutate(document)
    problems = problems_of(document)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:")
    assert words in problems[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{", "not valid JSON at line 1"),
        ('{"a": NaN}', "NaN"),
        ('{"a": 1, "a": 2}', "duplicate key"),
        ("[]", "expected a report object"),
        ("{}", "$.schema_version: required key missing"),
        ('{"schema_version": 99}', "newer govreport"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_documents(text, words):
    with pytest.raises(g.ReportValidationError) as caught:
        g.loads(text)
    assert words in str(caught.value)


def test_invalid_utf8_is_a_clear_error():
    with pytest.raises(g.ReportValidationError, match="not UTF-8"):
        g.loads(b'{"schema_version": 1, "x": "\xff"}')


def test_schema_version_is_written(document):
    report = g.loads(json.dumps(document))
    assert json.loads(g.dumps(report))["schema_version"] == SCHEMA_VERSION


def test_nothing_half_loads(document):
    broken = copy.deepcopy(document)
    broken["signature"]["date"] = "never"
    with pytest.raises(g.ReportValidationError):
        g.loads(json.dumps(broken))
