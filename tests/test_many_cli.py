"""``govreport compare`` and ``govreport aggregate`` as a person runs them."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import attrs
import pytest

import govreport as g
from many_reports import CORPUS, WANGFU, XINGHE, cells_of, split, year_before

Run = Callable[..., CompletedProcess[str]]
LAST, THIS = CORPUS / "hongze-2023.pdf", CORPUS / "hongze-2024.pdf"


def _one_error_line(result: CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("govreport: error: ")]
    assert len(errors) == 1, result.stderr
    return errors[0]


# -- compare ----------------------------------------------------------------------------------------------


def test_compare_the_published_pdfs_as_json(run_cli: Run) -> None:
    result = run_cli("compare", LAST, THIS, "--to", "json", "-q")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["comparison_version"] == 1
    assert (document["last"]["year"], document["this"]["year"]) == (2023, 2024)
    assert sum(len(cells) for cells in document["tables"].values()) == 200
    natural = next(
        c for c in document["tables"]["applications"] if (c["row"], c["column"]) == ("new_requests", "natural_person")
    )
    assert natural == {"row": "new_requests", "column": "natural_person", "last": 21, "this": 95, "change": 74}
    fees = document["tables"]["active_disclosure"][-1]
    assert (fees["last"], fees["this"], fees["change"]) == ("7730.28", "7545", "-185.28")  # exact, as text
    assert {link["agreement"] for link in document["carry_over"]} == {"agree"}
    assert result.stderr == ""  # -q: no import findings


def test_compare_to_every_format_in_a_folder(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("compare", LAST, THIS, "--to", "text,html", "--to", "docx,json", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"hongze-2024-compare.{ext}" for ext in ("docx", "html", "json", "txt")]
    assert result.stdout.splitlines() == [
        str(tmp_path / "out" / f"hongze-2024-compare.{e}") for e in ("txt", "html", "docx", "json")
    ]
    assert "import.page_mark" in result.stderr  # the importers' findings, on standard error
    page = (tmp_path / "out" / "hongze-2024-compare.html").read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    with zipfile.ZipFile(tmp_path / "out" / "hongze-2024-compare.docx") as archive:
        assert "9487" in archive.read("word/document.xml").decode("utf-8")
    text = (tmp_path / "out" / "hongze-2024-compare.txt").read_text(encoding="utf-8")
    assert "上年 21，本年 95，变化 +74" in text
    assert "六、其他需要报告的事项：100%" in text


def test_compare_options_are_the_formats(run_cli: Run, tmp_path: Path) -> None:
    last, this = tmp_path / "last.json", tmp_path / "this.json"
    xinghe = g.load(XINGHE)
    g.dump(year_before(xinghe), last)
    g.dump(xinghe, this)
    full = run_cli("compare", last, this)
    changed = run_cli("compare", last, this, "-O", "changed_only=yes", "-O", "text.blank=（空）")
    assert full.returncode == changed.returncode == 0
    assert len(changed.stdout.splitlines()) < len(full.stdout.splitlines())
    assert "（只列出有变化的项）" in changed.stdout
    assert "变化 0" not in changed.stdout
    assert "上年问题与本年整改" in full.stdout
    bad = run_cli("compare", tmp_path / "missing.json", this, "-O", "width=3")
    assert bad.returncode == 2
    assert "no format in --to has an option 'width'" in _one_error_line(bad)  # before any input is read


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--to", "docx"], "docx is not text; give -o FILE"),
        (["--to", "pdf"], "unknown comparison exporter 'pdf'; known: docx, html, json, text"),
        (["--to", "json,text"], "2 formats need -o FOLDER"),
    ],
)
def test_compare_usage_errors(run_cli: Run, arguments: list[str], message: str) -> None:
    result = run_cli("compare", XINGHE, XINGHE, *arguments)
    assert result.returncode == 2
    assert message in _one_error_line(result)


def test_compare_reads_nothing_that_is_not_there_and_clobbers_nothing(run_cli: Run, tmp_path: Path) -> None:
    missing = run_cli("compare", tmp_path / "nope.json", XINGHE)
    assert missing.returncode == 2
    assert _one_error_line(missing).endswith("nope.json: no such file")
    kept = tmp_path / "kept.html"
    kept.write_text("keep me", encoding="utf-8")
    kept.chmod(stat.S_IRUSR)
    refused = run_cli("compare", WANGFU, XINGHE, "--to", "html", "-o", kept)
    assert refused.returncode == 2
    assert "read-only; pass --force" in _one_error_line(refused)
    assert kept.read_text(encoding="utf-8") == "keep me"
    forced = run_cli("compare", WANGFU, XINGHE, "--to", "html", "-o", kept, "--force")
    assert forced.returncode == 0, forced.stderr
    assert kept.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    onto_input = run_cli("compare", WANGFU, tmp_path / "this.json", "--to", "json", "-o", WANGFU)
    assert onto_input.returncode == 2
    assert "would overwrite an input" in _one_error_line(onto_input)


def test_formats_lists_the_comparison_exporters(run_cli: Run) -> None:
    text = run_cli("formats")
    assert text.returncode == 0
    listing = text.stdout.split("Comparison exporters:\n", 1)[1]
    assert [line.split()[0] for line in listing.splitlines()[:4]] == ["docx", "html", "json", "text"]
    document = json.loads(run_cli("formats", "--format", "json").stdout)
    names = [entry["name"] for entry in document["comparison_exporters"]]
    assert names == ["docx", "html", "json", "text"]
    assert {o["name"] for o in document["comparison_exporters"][1]["options"]} == {
        "blank",
        "changed_only",
        "template_dir",
    }


PLUGIN = """
import govreport

def render(comparison, *, separator=","):
    lines = [separator.join(("table", "row", "column", "change"))]
    for cell in comparison.cells:
        if cell.changed:
            lines.append(separator.join((cell.table, cell.row, cell.column, str(cell.change))))
    return ("\\n".join(lines) + "\\n").encode("utf-8")

CHANGES = govreport.ComparisonExporter(
    name="changes-csv", description="Changed cells as CSV", extension=".csv", media_type="text/csv",
    render=render, options=(govreport.ExportOption(name="separator", type="str", default=",", help="between fields"),),
)

@govreport.hookimpl
def register_comparison_exporters():
    return [CHANGES]
"""


def test_a_plugin_adds_a_comparison_format(run_cli: Run, plugin_site, tmp_path: Path) -> None:
    plugin_site.add(
        "govreport-changes", entry_points={"changes": "govreport_changes"}, modules={"govreport_changes": PLUGIN}
    )
    env = plugin_site.env()
    listing = run_cli("formats", env=env)
    assert "changes-csv" in listing.stdout.split("Comparison exporters:", 1)[1]
    result = run_cli("compare", LAST, THIS, "--to", "changes-csv", "-O", "separator=;", "-q", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "table;row;column;change"
    assert "applications;new_requests;natural_person;74" in lines
    comparison = g.compare(g.read(LAST).report, g.read(THIS).report)
    assert len(lines) == 1 + sum(1 for cell in comparison.cells if cell.changed) == 1 + 7 + 16 + 7


# -- aggregate --------------------------------------------------------------------------------------------


def _departments(folder: Path, parts: int = 4) -> g.Report:
    whole = g.load(XINGHE)
    folder.mkdir()
    for k, part in enumerate(split(whole, parts, seed=11)):
        g.dump(part, folder / f"dept{k + 1}.json")
    return whole


def test_aggregate_a_folder_of_departments(run_cli: Run, tmp_path: Path) -> None:
    whole = _departments(tmp_path / "depts")
    total = tmp_path / "total.json"
    result = run_cli("aggregate", tmp_path / "depts", "--body", "虚构市星河区", "--year", "2023", "-o", total)
    assert result.returncode == 0, result.stderr
    assert cells_of(g.load(total)) == cells_of(whole)
    assert g.load(total).metadata.issuing_body == "虚构市星河区"
    assert result.stdout.strip().endswith("共0个错误、0个警告、0个提示（另有4个因合计报告没有正文而忽略）")
    as_json = run_cli(
        "aggregate", tmp_path / "depts", "--body", "区", "--year", "2023", "-o", tmp_path / "t.html", "--format", "json"
    )
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["summary"] == {"errors": 0, "warnings": 0, "infos": 0, "dismissed": 4}
    assert (tmp_path / "t.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    in_workers = run_cli(
        "aggregate",
        tmp_path / "depts",
        "--body",
        "虚构市星河区",
        "--year",
        "2023",
        "-o",
        tmp_path / "j2.json",
        "-j",
        "2",
    )
    assert in_workers.returncode == 0, in_workers.stderr
    assert (tmp_path / "j2.json").read_bytes() == total.read_bytes()


def test_aggregate_exits_1_when_the_total_has_errors(run_cli: Run, tmp_path: Path) -> None:
    total = tmp_path / "total.json"
    result = run_cli("aggregate", CORPUS / "hongze-2023.pdf", XINGHE, "--body", "合计", "--year", "2023", "-o", total)
    assert result.returncode == 1, result.stderr
    assert "[table.review_litigation.total]" in result.stdout
    assert total.exists()


def test_aggregate_blank_cells_are_findings_naming_the_inputs(run_cli: Run, tmp_path: Path) -> None:
    xinghe = g.load(XINGHE)
    other = attrs.evolve(
        xinghe,
        metadata=attrs.evolve(xinghe.metadata, issuing_body="另一区"),
        applications=xinghe.applications.with_values({("granted", "natural_person"): None}),
    )
    g.dump(other, tmp_path / "other.json")
    result = run_cli(
        "aggregate", XINGHE, tmp_path / "other.json", "--body", "合计", "--year", "2023", "-o", tmp_path / "total.json"
    )
    lines = [line for line in result.stdout.splitlines() if "[aggregate.blank]" in line]
    assert len(lines) == 1
    assert "other.json此项空白" in lines[0]
    assert g.load(tmp_path / "total.json").applications["granted", "natural_person"].is_blank


def test_aggregate_refuses_other_years_and_the_same_body_twice(run_cli: Run, tmp_path: Path) -> None:
    xinghe = g.load(XINGHE)
    g.dump(
        attrs.evolve(xinghe, metadata=attrs.evolve(xinghe.metadata, issuing_body="虚构市星河区人民政府 ")),
        tmp_path / "again.json",
    )
    total = tmp_path / "total.json"
    total.write_text("old", encoding="utf-8")
    result = run_cli(
        "aggregate", XINGHE, WANGFU, tmp_path / "again.json", "--body", "合计", "--year", "2023", "-o", total
    )
    assert result.returncode == 2
    line = _one_error_line(result)
    assert f"{WANGFU}: a report of 2022, not 2023" in line
    assert f"{XINGHE}, {tmp_path / 'again.json'}: the same body" in line
    assert total.read_text(encoding="utf-8") == "old"


def test_aggregate_lists_every_input_it_cannot_read(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    result = run_cli(
        "aggregate",
        XINGHE,
        tmp_path / "notes.txt",
        tmp_path / "broken.json",
        "--body",
        "合计",
        "--year",
        "2023",
        "-o",
        tmp_path / "total.json",
    )
    assert result.returncode == 2
    line = _one_error_line(result)
    assert "notes.txt: not a report" in line
    assert "broken.json" in line
    assert not (tmp_path / "total.json").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--body-kind", "city"], "--body-kind 'city' is not one of"),
        (["-o", "total.pdf"], "unknown output extension '.pdf'"),
    ],
)
def test_aggregate_usage_errors(run_cli: Run, tmp_path: Path, arguments: list[str], message: str) -> None:
    base = ["aggregate", XINGHE, "--body", "合计", "--year", "2023", "-o", tmp_path / "total.json"]
    result = run_cli(*base, *arguments, cwd=tmp_path)
    assert result.returncode == 2
    assert message in _one_error_line(result)
    assert not any(name.startswith("total") for name in os.listdir(tmp_path))


def test_two_formats_that_would_write_one_file_are_refused(tmp_path: Path) -> None:
    import argparse

    from govreport.commands.compare import _targets
    from govreport.errors import GovReportError
    from govreport.plugins import get_registry

    registry = get_registry()
    json_format = registry.comparison_exporter("json")
    twin = attrs.evolve(json_format, name="json2")
    args = argparse.Namespace(output=str(tmp_path), this="this.pdf")
    with pytest.raises(GovReportError, match="would be written by json and json2"):
        _targets(args, {"json": json_format, "json2": twin})
    targets = _targets(args, {"json": json_format, "html": registry.comparison_exporter("html")})
    assert targets == {"json": tmp_path / "this-compare.json", "html": tmp_path / "this-compare.html"}


def test_aggregate_never_sums_its_own_earlier_total(run_cli: Run, tmp_path: Path) -> None:
    _departments(tmp_path / "depts", parts=2)
    total = tmp_path / "depts" / "total.json"
    first = run_cli("aggregate", tmp_path / "depts", "--body", "合计", "--year", "2023", "-o", total)
    assert first.returncode == 0, first.stderr
    again = run_cli("aggregate", tmp_path / "depts", "--body", "合计", "--year", "2023", "-o", total, "--lang", "en")
    assert again.returncode == 2  # the folder now holds the total: refused, not summed in
    assert "would overwrite an input" in _one_error_line(again)
    total.unlink()
    english = run_cli("aggregate", tmp_path / "depts", "--body", "合计", "--year", "2023", "-o", total, "--lang", "en")
    assert english.stdout.strip().endswith("0 errors, 0 warnings, 0 infos (4 set apart: a total has no narrative)")


def test_an_importer_bug_is_an_internal_error_of_the_aggregate(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    from govreport import api
    from govreport.cli import main

    def broken(path: object, format: str | None = None) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(api, "read", broken)
    status = main(
        ["aggregate", str(XINGHE), "--body", "合计", "--year", "2023", "-o", str(tmp_path / "t.json"), "-j", "1"]
    )
    assert status == 70
    errors = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: a bug" in errors
    assert not (tmp_path / "t.json").exists()


def test_aggregate_writes_where_each_cell_came_from(run_cli: Run, tmp_path: Path) -> None:
    xinghe = g.load(XINGHE)
    other = attrs.evolve(
        xinghe,
        metadata=attrs.evolve(xinghe.metadata, issuing_body="另一区"),
        applications=xinghe.applications.with_values({("granted", "natural_person"): None}),
        active_disclosure=xinghe.active_disclosure.with_values({("fees", "amount"): g.Cell.not_applicable()}),
    )
    g.dump(other, tmp_path / "other.json")
    result = run_cli(
        "aggregate", XINGHE, tmp_path / "other.json", "--body", "合计", "--year", "2023",
        "-o", tmp_path / "total.json", "--sources", tmp_path / "sources.json",
    )  # fmt: skip
    assert result.returncode == 1, result.stderr  # the blank cell is a table.blank error in the total
    document = json.loads((tmp_path / "sources.json").read_text(encoding="utf-8"))
    assert document["inputs"] == [str(XINGHE), str(tmp_path / "other.json")]
    cells = {(c["table"], c["row"], c["column"]): c for c in document["cells"]}
    assert len(cells) == 200
    assert cells["applications", "granted", "natural_person"] == {
        "table": "applications", "row": "granted", "column": "natural_person",
        "numbers": [0], "blank": [1], "not_applicable": [],
    }  # fmt: skip
    assert cells["active_disclosure", "fees", "amount"]["not_applicable"] == [1]
    assert cells["applications", "granted", "total"]["numbers"] == [0, 1]
    assert {f["rule"] for f in document["findings"]} == {"aggregate.blank", "aggregate.not_applicable"}
    same = run_cli("aggregate", XINGHE, "--body", "合计", "--year", "2023", "-o", tmp_path / "t.json",
                   "--sources", tmp_path / "t.json")  # fmt: skip
    assert same.returncode == 2
    assert "give --sources another name" in _one_error_line(same)
