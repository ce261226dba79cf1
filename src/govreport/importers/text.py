"""The ``text`` importer: a report in plain text, as published, converted from PDF, or exported by us.

Nothing is guessed silently: what is inferred (the kind of body, pairs of problems and
measures) and what is removed (debris, page marks) or cannot be placed is reported as a
finding; a table that is missing or unreadable becomes blank cells, never zeros.
"""

from __future__ import annotations

from collections.abc import Sequence

from govreport.findings import Finding, Location, Severity
from govreport.formats import Imported, Importer
from govreport.hookspecs import hookimpl
from govreport.importers.text_blocks import classify
from govreport.importers.text_decode import decode_report_text
from govreport.importers.text_lines import Line, split_lines
from govreport.importers.text_metadata import (
    body_kind_of,
    canonical_title,
    contact_of,
    period_of,
    publication_of,
    split_title,
)
from govreport.importers.text_narrative import read_other_matters, read_remediation
from govreport.importers.text_sections import Layout, cut, join_wrapped, parse_date
from govreport.model import (
    TABLE_TYPES,
    Block,
    Metadata,
    Paragraph,
    Report,
    Signature,
    StatisticsTable,
)
from govreport.spec import TABLES

#: The longest section 二, 三 or 四 read as a table, in characters. A table section has a few
#: thousand, and a whole report some 40,000 if later headings were missed; a longer one would cost
#: seconds a MB for every word and number in it.
MAX_TABLE_SECTION_CHARS = 200_000


def _texts(lines: Sequence[Line]) -> list[str]:
    return [line.stripped for line in join_wrapped(tuple(lines))]


def _blocks(lines: Sequence[Line]) -> tuple[Block, ...]:
    return tuple(classify(text) for text in _texts(lines))


def _table(key: str, lines: Sequence[Line], findings: list[Finding]) -> StatisticsTable:
    from govreport.importers.text_ascii import read_ascii_table
    from govreport.importers.text_tables import read_table

    cls = TABLE_TYPES[key]
    spec = cls.SPEC
    size = sum(len(line.text) for line in lines)
    if size > MAX_TABLE_SECTION_CHARS:
        # Reading a table costs time and memory for every word and number in it; text this long
        # is no table (perhaps the next section's heading was not found), so it is kept as notes.
        findings.append(
            Finding(
                rule="import.table_too_long",
                severity=Severity.WARNING,
                message=f"第{spec.number}部分有{size}个字符，远多于一张表格，没有按表格读取，各单元格按空白处理，文字作为表格下的说明保留",
                location=Location(section=key, table=key),
            )
        )
        return cls.from_values({}, notes=tuple(Paragraph(text=line.stripped) for line in lines if line.stripped))
    if any(line.stripped.startswith("+-") for line in lines):  # drawn by our text exporter
        result = read_ascii_table(cls, lines)
    else:
        result = read_table(spec, lines)
    findings.extend(result.findings)
    return cls.from_values(dict(result.cells), notes=result.notes)


def metadata_of_layout(layout: Layout, findings: list[Finding]) -> tuple[Metadata, str | None]:
    """The metadata, and the issuing body as the title names it (for the signature check)."""
    title = "".join(line.stripped for line in layout.title)
    preamble = "".join(line.stripped for line in layout.preamble)
    parsed = split_title(title) if title else None
    if parsed is None:
        findings.append(
            Finding(
                rule="import.title_missing",
                severity=Severity.WARNING,
                message="没有找到“××××年政府信息公开工作年度报告”格式的标题，机关名称和年度需要补充",
                location=Location(section="metadata", source="line 1"),
                found=title or None,
            )
        )
        period = period_of(preamble)
        year = period.start.year if period else 0
        body = ""
        written_title: str | None = title or None
    else:
        body, year = parsed
        period = period_of(preamble)
        written_title = canonical_title(title, body, year)
    place, website = publication_of(preamble)
    metadata = Metadata(
        issuing_body=body,
        year=year,
        body_kind=body_kind_of(body, findings),
        title=written_title,
        period=period,
        published_at=place,
        website=website,
        contact=contact_of(preamble),
    )
    return metadata, body or None


def signature_of_layout(layout: Layout, body: str | None, findings: list[Finding]) -> Signature | None:
    if not layout.signature:
        findings.append(
            Finding(
                rule="import.signature_missing",
                severity=Severity.WARNING,
                message="没有找到落款（发布机关和日期）",
                location=Location(section="signature"),
            )
        )
        return None
    date = parse_date(layout.signature[-1].stripped)
    authority = layout.signature[0].stripped if len(layout.signature) == 2 else (body or "")
    return Signature(authority=authority, date=date)


def read_text(data: bytes, *, source: str | None = None) -> Imported:
    text, _encoding = decode_report_text(data, source=source)
    from govreport.importers.text_annotated import read_annotated

    annotated = read_annotated(text, source=source)
    if annotated is not None:
        return annotated
    return read_plain_text(text)


def read_plain_text(text: str) -> Imported:
    """A report from text as people publish it: headings found by the spec's section titles."""
    findings: list[Finding] = []
    lines = split_lines(text, findings)
    layout = cut(lines, findings)
    metadata, body = metadata_of_layout(layout, findings)
    tables = {spec.key: _table(spec.key, layout.sections[spec.key], findings) for spec in TABLES}
    report = Report(
        metadata=metadata,
        preamble=tuple(Paragraph(text=t) for t in _texts(layout.preamble)),
        overview=_blocks(layout.sections["overview"]),
        active_disclosure=tables["active_disclosure"],  # type: ignore[arg-type]
        applications=tables["applications"],  # type: ignore[arg-type]
        review_litigation=tables["review_litigation"],  # type: ignore[arg-type]
        remediation=read_remediation(_texts(layout.sections["remediation"]), findings),
        other_matters=read_other_matters(_texts(layout.sections["other_matters"])),
        signature=signature_of_layout(layout, body, findings),
    )
    return Imported(report=report, findings=tuple(findings))


def looks_like_text_report(data: bytes) -> bool:
    """Text (UTF-8 or GB18030) that names the report's title or a section of the format."""
    head = data[:65536]
    if b"\x00" in head:
        return False
    return any("政府信息公开" in head.decode(encoding, errors="ignore") for encoding in ("utf-8", "gb18030"))


TEXT = Importer(
    name="text",
    description="A report in plain text: as published, from pdftotext, from a web page, or our text export",
    extensions=(".txt", ".text"),
    read=read_text,
    detect=looks_like_text_report,
)


@hookimpl
def register_importers() -> list[Importer]:
    return [TEXT]
