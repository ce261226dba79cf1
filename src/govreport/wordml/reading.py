"""Reading a .docx into a report: the package, the body, the tables, then our record or the text."""

from __future__ import annotations

from govreport.findings import Finding, Location, Severity
from govreport.formats import Imported
from govreport.wordml.archive import Package
from govreport.wordml.body import Para, Table, read_body
from govreport.wordml.grid import identify
from govreport.wordml.own import read_own, restored
from govreport.wordml.record import StructureRecord, record_text
from govreport.wordml.values import build_tables, unplaced_tables
from govreport.wordml.written import object_findings, read_written


def _record(package: Package, findings: list[Finding]) -> StructureRecord | None:
    text = record_text(package.custom_properties())
    if text is None:
        return None
    try:
        return StructureRecord.from_json(text)
    except ValueError as exc:
        findings.append(
            Finding(
                rule="import.record_unreadable",
                severity=Severity.WARNING,
                message="文档中保存的结构信息无法读取，按普通 Word 文档导入",
                location=Location(section="metadata"),
                found=str(exc),
            )
        )
        return None


def read_document(data: bytes, *, source: str | None = None) -> Imported:
    package = Package(data, source=source)
    body = read_body(package)
    findings: list[Finding] = []
    paragraphs = [element for element in body.elements if isinstance(element, Para)]
    located, others = identify([element for element in body.elements if isinstance(element, Table)])
    object_findings(paragraphs, findings)
    findings.extend(
        Finding(
            rule="import.object_unplaced",
            severity=Severity.WARNING,
            message="文档正文中有段落和表格以外的内容，没有导入",
            location=Location(source="document body"),
            found=text,
        )
        for text in body.skipped
    )
    record = _record(package, findings)
    if record is not None:
        metadata, overrides = restored(record, findings)
        tables = build_tables(located, overrides, findings, report_empty=False)
        unplaced_tables(others, findings)
        report = read_own(paragraphs, tables, record, metadata, findings)
    else:
        tables = build_tables(located, {}, findings, report_empty=True)
        unplaced_tables(others, findings)
        report = read_written(paragraphs, tables, findings)
    return Imported(report=report, findings=tuple(findings))
