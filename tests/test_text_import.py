"""The text importer: the user's sample, our own export, and text as PDFs and web pages give it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import govreport as g
import text_fixtures
from govreport.importers.text import read_text
from strategies import examples, reports

ROOT = Path(__file__).parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed-wangfu-2022.txt"
SAMPLE = ROOT / "examples" / "wangfu-2022" / "report.json"
COMPLETE = ROOT / "examples" / "xinghe-2023" / "report.json"


def rules(imported: g.Imported) -> list[str]:
    return [finding.rule for finding in imported.findings]


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_our_text_export_reads_back_exactly(report):
    text = g.export(report, "text", annotations=True)
    imported = read_text(text)
    assert imported.report == report
    assert imported.findings == ()


@pytest.mark.parametrize("path", [SAMPLE, COMPLETE], ids=["sample", "complete"])
def test_examples_read_back_exactly_at_any_width(path):
    report = g.load(path)
    for width in (60, 100, 160):
        assert read_text(g.export(report, "text", width=width, annotations=True)).report == report


def test_the_seed_imports_with_everything():
    imported = read_text(SEED.read_bytes(), source=str(SEED))
    report = imported.report
    expected = g.load(SAMPLE)
    # Everything but the tables, which the seed lost, is exactly the hand-made example.
    for field in ("metadata", "preamble", "overview", "remediation", "other_matters", "signature"):
        assert getattr(report, field) == getattr(expected, field), field
    for table in report.tables:
        assert all(cell.is_blank for _, cell in table.items())
    found = rules(imported)
    assert found.count("import.table_missing") == 3
    assert "import.debris" in found
    debris = next(f for f in imported.findings if f.rule == "import.debris")
    assert debris.found == "[bookmark: _GoBack]"
    assert debris.location.source == "line 20"


def test_the_seed_parts_are_all_found():
    report = read_text(SEED.read_bytes()).report
    assert [h.number for h in report.overview if isinstance(h, g.Heading)] == [
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
    ]
    remediation = report.remediation
    assert len(remediation.previous.items) == 3
    assert [p.number for p in remediation.problems.items] == ["一是", "二是", "三是"]
    assert remediation.problems.run_in
    assert len(remediation.measures.items) == 3
    assert [item.topic for item in report.other_matters.items] == [
        g.OtherTopic.PROCESSING_FEE,
        g.OtherTopic.PROPOSALS,
        g.OtherTopic.NOTHING_ELSE,
    ]
    assert report.signature == g.Signature(authority="青州市王府街道办事处", date=dt.date(2023, 1, 29))


def test_an_edited_export_is_read_from_its_text(tmp_path):
    report = g.load(COMPLETE)
    text = g.export(report, "text", annotations=True).decode("utf-8")
    index, first = next((i, b) for i, b in enumerate(report.overview) if i > 0 and isinstance(b, g.Paragraph))
    assert isinstance(first, g.Paragraph)
    edited = text.replace(first.text, first.text + "（补充一句。）", 1)
    imported = read_text(edited.encode("utf-8"))
    assert "import.text_edited" in rules(imported)
    assert imported.report.overview[index] == g.Paragraph(text=first.text + "（补充一句。）")
    assert imported.report.metadata == report.metadata  # from the annotations
    assert imported.report.applications == report.applications  # read from the drawn table


def test_without_annotations_the_text_is_read_as_any_text():
    report = g.load(COMPLETE)
    text = g.export(report, "text", annotations=False)
    assert b"govreport:annotations" not in text
    imported = read_text(text)
    back = imported.report
    assert back.tables == report.tables
    assert back.preamble == report.preamble
    assert back.overview == report.overview
    assert back.other_matters.items == tuple(attrs.evolve(i) for i in report.other_matters.items)
    assert back.signature == report.signature


def test_annotations_do_not_change_the_text_above_them():
    report = g.load(COMPLETE)
    plain = g.export(report, "text", annotations=False).decode("utf-8")
    annotated = g.export(report, "text", annotations=True).decode("utf-8")
    assert annotated.startswith(plain)


# --- text as PDFs and web pages give it -------------------------------------------------------------

LAYOUTS = {
    "pdftotext-layout": text_fixtures.pdftotext_layout,
    "pdftotext-raw": text_fixtures.pdftotext_raw,
    "web-pipes": text_fixtures.web_flattened,
    "web-tabs": lambda report: text_fixtures.web_flattened(report, "\t"),
}


@pytest.fixture(scope="module")
def department() -> g.Report:
    return text_fixtures.department_report()


def wrong_cells(read: g.Report, expected: g.Report) -> list[tuple[str, str, str, str]]:
    return [
        (spec.row, spec.column, str(got), str(want))
        for got_table, want_table in zip(read.tables, expected.tables, strict=True)
        for (spec, got), (_, want) in zip(got_table.items(), want_table.items(), strict=True)
        if got != want
    ]


@pytest.mark.parametrize("body", text_fixtures.BODIES, ids=lambda body: f"{body[0]}-{body[2]}")
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_table_value_lands_in_its_cell(body, layout):
    expected = text_fixtures.fixture_report(*body)
    imported = read_text(LAYOUTS[layout](expected).encode("utf-8"))
    assert wrong_cells(imported.report, expected) == []
    metadata = imported.report.metadata
    assert (metadata.issuing_body, metadata.body_kind, metadata.year) == body[:3]
    assert imported.report.signature == expected.signature
    assert not [f for f in imported.findings if f.rule.startswith(("import.row", "import.value", "import.table"))]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_narrative_metadata_and_signature_survive(department, layout):
    report = read_text(LAYOUTS[layout](department).encode("utf-8")).report
    assert report.metadata.issuing_body == "虚构市星河区交通运输局"
    assert report.metadata.year == 2023
    assert report.metadata.body_kind is g.BodyKind.GOVERNMENT_DEPARTMENT
    assert report.signature == department.signature
    assert report.preamble == department.preamble
    assert report.overview == department.overview
    assert [i.text for i in report.other_matters.items] == [i.text for i in department.other_matters.items]
    assert [i.topic for i in report.other_matters.items] == [i.topic for i in department.other_matters.items]
    assert [p.text for p in report.remediation.problems.items] == [
        p.text for p in department.remediation.problems.items
    ]
    assert [m.text for m in report.remediation.measures.items] == [
        m.text for m in department.remediation.measures.items
    ]


def test_layout_text_keeps_the_title_variant_and_reports_page_marks(department):
    imported = read_text(text_fixtures.pdftotext_layout(department).encode("utf-8"))
    assert imported.report.metadata.title == "2023年度虚构市星河区交通运输局政府信息公开工作年度报告"
    marks = [f for f in imported.findings if f.rule == "import.page_mark"]
    assert [f.found for f in marks] == ["- 4 -", "- 9 -"]


def test_a_note_with_a_year_and_a_phone_number_shifts_nothing(department):
    text = text_fixtures.pdftotext_layout(department)
    assert "2023年12月31日，咨询电话0536-1234567" in text
    report = read_text(text.encode("utf-8")).report
    assert wrong_cells(report, department) == []
    assert any("0536-1234567" in p.text for p in report.applications.notes)


def test_a_row_with_too_few_values_stays_blank_with_a_finding(department):
    text = text_fixtures.pdftotext_layout(department)
    row = next(line for line in text.splitlines() if "二、上年结转政府信息公开申请数量" in line)
    shortened = row.rsplit(maxsplit=1)[0]  # the 总计 value lost
    imported = read_text(text.replace(row, shortened).encode("utf-8"))
    table = imported.report.applications
    assert all(table["carried_over", column.key].is_blank for column in table.SPEC.columns)
    finding = next(f for f in imported.findings if f.rule == "import.row_unplaced")
    assert (finding.location.table, finding.location.row) == ("applications", "carried_over")
    assert "找到6个数值，应为7个" in finding.message
    others = wrong_cells(imported.report, department)
    assert {(row, column) for row, column, _, _ in others} == {("carried_over", c.key) for c in table.SPEC.columns}


def test_blank_and_not_applicable_cells_in_a_web_table(department):
    report = attrs.evolve(
        department,
        applications=department.applications.with_values(
            {
                ("granted", "research_institution"): None,
                ("granted", "legal_service_institution"): g.Cell.not_applicable("—"),
            }
        ),
    )
    read = read_text(text_fixtures.web_flattened(report).encode("utf-8")).report
    assert read.applications["granted", "research_institution"].is_blank
    assert read.applications["granted", "legal_service_institution"] == g.Cell.not_applicable("—")
    assert wrong_cells(read, report) == []


def test_an_unreadable_cell_is_blank_with_a_finding_naming_it(department):
    text = text_fixtures.web_flattened(department)
    value = str(department.applications["granted", "natural_person"])
    row = next(line for line in text.splitlines() if "（一）予以公开" in line)
    imported = read_text(text.replace(row, row.replace(f"|{value}|", "|约5|", 1)).encode("utf-8"))
    cell = imported.report.applications["granted", "natural_person"]
    assert cell == g.Cell.blank("约5")
    finding = next(f for f in imported.findings if f.rule == "import.cell_unreadable")
    assert (finding.location.table, finding.location.row, finding.location.column) == (
        "applications",
        "granted",
        "natural_person",
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_encodings(encoding):
    text = SEED.read_text(encoding="utf-8").replace("\xa0", " ")  # GBK has no no-break space
    report = read_text(text.encode(encoding)).report
    assert report.metadata.issuing_body == "青州市王府街道办事处"
    assert report.signature is not None


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\x00\x01\x02binary\x00" * 100, "乱码".encode("utf-16")],
    ids=["all-bytes", "nul", "utf-16"],
)
def test_what_is_not_text_is_a_clear_error(data):
    with pytest.raises(g.GovReportError, match=r"not (UTF-8 or GB18030 text|a text file)"):
        read_text(data, source="x.txt")


def test_cli_imports_and_renders_text(tmp_path, run_cli):
    source = tmp_path / "seed.txt"
    source.write_bytes(SEED.read_bytes())
    result = run_cli("import", str(source), "-o", str(tmp_path / "seed.json"))
    assert result.returncode == 0, result.stderr
    assert "[import.debris]" in result.stderr
    assert "[import.table_missing]" in result.stderr
    assert g.load(tmp_path / "seed.json").metadata.issuing_body == "青州市王府街道办事处"
    rendered = run_cli("render", str(source), "--to", "json,text", "-o", str(tmp_path / "out"))
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "out" / "seed.txt").exists()
