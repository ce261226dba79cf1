"""Reading our own text export exactly, through its annotation block (see exporters/text_annotations)."""

from __future__ import annotations

from govreport.errors import ReportValidationError
from govreport.exporters.text_annotations import body_digest, fill, split_annotations
from govreport.findings import Location
from govreport.formats import Imported
from govreport.reading.catalog import finding


def read_annotated(text: str, *, source: str | None = None) -> Imported | None:
    """The report, when the text ends with an annotation block; None otherwise."""
    from govreport.importers.text_plain import read_plain_text
    from govreport.serialize import from_document, parse_json, to_document

    parts = split_annotations(text)
    if parts is None:
        return None
    body, digest, block = parts
    try:
        skeleton = parse_json(block, source=source)
    except ReportValidationError as exc:
        plain = read_plain_text(body)
        problem = finding(
            "import.annotations_unreadable",
            f"文末的 govreport 注释块无法读取（{exc.problems[0]}），已按普通文本导入",
            Location(source="annotations"),
        )
        return Imported(report=plain.report, findings=(*plain.findings, problem))
    if body_digest(body) == digest:
        return Imported(report=from_document(fill(skeleton, body), source=source))
    # Edited after export: the text is the truth for what it shows; what it cannot show (the
    # metadata) comes from the annotations.
    plain = read_plain_text(body)
    document = to_document(plain.report)
    if isinstance(skeleton, dict) and "metadata" in skeleton:
        document["metadata"] = skeleton["metadata"]
    try:
        report = from_document(document, source=source)
    except ReportValidationError:
        report = plain.report
    edited = finding(
        "import.text_edited",
        "文本在导出后被修改过，已按修改后的文本重新识别结构，机关类别等元数据取自注释块",
        Location(source="annotations"),
    )
    kept = tuple(f for f in plain.findings if f.rule != "import.body_kind_inferred")
    return Imported(report=report, findings=(*kept, edited))
