"""The JSON Schema agrees with the loader: what loads validates, what the schema rejects fails to load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

import govreport as g
from govreport.schema import json_schema
from govreport.serialize import to_document
from strategies import examples, reports

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("**/report.json"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_validate(validator, path):
    validator.validate(json.loads(path.read_text(encoding="utf-8")))


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_every_dumped_report_validates(validator, report):
    validator.validate(json.loads(g.dumps(report)))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["applications"]["cells"]["granted"].update(total=-1),
        lambda d: d["applications"]["cells"]["granted"].update(total=1.5),
        lambda d: d["applications"]["cells"]["granted"].update(bogus=1),
        lambda d: d["metadata"].update(colour="red"),
        lambda d: d.pop("remediation"),
        lambda d: d.update(schema_version=2),
        lambda d: d["overview"].append({"type": "table", "text": "x"}),
        lambda d: d["metadata"].update(body_kind="city"),
    ],
)
def test_schema_and_loader_reject_the_same_documents(validator, mutate):
    document = to_document(g.load(EXAMPLES[0]))
    mutate(document)
    assert list(validator.iter_errors(document))
    with pytest.raises(g.ReportValidationError):
        g.loads(json.dumps(document))


def test_schema_covers_every_table_row_and_column(validator):
    schema = json_schema()
    cells = schema["$defs"]["ApplicationsTable"]["properties"]["cells"]["properties"]
    assert len(cells) == 25
    assert all(len(row["properties"]) == 7 for row in cells.values())
    assert cells["refused_security_stability"]["description"].endswith("3.危及\u201c三安全一稳定\u201d")


def test_cli_prints_the_schema():
    result = subprocess.run(
        [sys.executable, "-c", "from govreport.cli import main; raise SystemExit(main(['schema']))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == json_schema()
