"""The catalogue of import findings: every rule an importer reports, with its severity and when.

Importers make their findings through :func:`finding`, which takes the severity from here, so a
rule id that is not catalogued is a bug caught at once (and by the tests); ``docs/importers.md``
shows :func:`rules_table`, and a test keeps the page and this catalogue the same.
``python -m govreport.reading.catalog`` prints the table.
"""

from __future__ import annotations

import attrs

from govreport.findings import Finding, Location, Severity


@attrs.frozen(kw_only=True)
class ImportRule:
    """One kind of import finding: a stable id, its severity, and when it is reported."""

    id: str
    severity: Severity
    summary: str


_W, _I = Severity.WARNING, Severity.INFO

RULES: tuple[ImportRule, ...] = (
    # -- the input as a whole --
    ImportRule(id="import.debris", severity=_W, summary="conversion debris such as `[bookmark: _GoBack]` was removed"),
    ImportRule(
        id="import.page_mark",
        severity=_I,
        summary='a page number ("- 4 -", "第3页") was removed, or a PDF page\'s running header or footer',
    ),
    ImportRule(
        id="import.page_scanned",
        severity=_W,
        summary="a PDF page has no text layer (a scanned picture): its content could not be read; "
        "a PDF with no text at all is refused",
    ),
    ImportRule(
        id="import.bytes_unreadable",
        severity=_W,
        summary="a few bytes of a web page are not characters of the encoding it declares: each is shown as U+FFFD",
    ),
    ImportRule(
        id="import.page_furniture",
        severity=_I,
        summary="a saved web page's navigation, banner, footer, share buttons or related links were left out "
        "(the report's article was read); or a crawler's header above a page's text (发布时间, 原文链接 …)",
    ),
    ImportRule(
        id="import.text_unplaced",
        severity=_I,
        summary="text with no place of its own, kept in the nearest place: text in a table that is no label (also "
        "beside an ASCII drawing, or glued to a label) as a note under the table; text after a section's heading "
        "on its line as the section's first paragraph; a header or footer of a document (not imported)",
    ),
    ImportRule(
        id="import.object_unplaced",
        severity=_W,
        summary="a picture, text box, equation, footnote or comment that a report has no place for: its text is in "
        "the finding",
    ),
    ImportRule(
        id="import.placeholder",
        severity=_I,
        summary="a placeholder of the official template (（文字描述）) was removed",
    ),
    # -- parts of the report --
    ImportRule(id="import.title_missing", severity=_W, summary="no title naming the body and the year"),
    ImportRule(
        id="import.title_edited",
        severity=_I,
        summary="the title of our own DOCX export was edited out of shape: body and year kept from the export",
    ),
    ImportRule(id="import.body_kind_inferred", severity=_I, summary="the kind of body was inferred from its name"),
    ImportRule(
        id="import.heading_variant",
        severity=_I,
        summary="a section's heading differs from the format's: a typo in its title, or the title under another "
        "number (a report that added a section before it); read as that section's heading",
    ),
    ImportRule(id="import.section_missing", severity=_W, summary="a section's heading was not found"),
    ImportRule(id="import.section_empty", severity=_W, summary="a section's heading stands with nothing under it"),
    ImportRule(id="import.signature_missing", severity=_W, summary="no date at the end"),
    ImportRule(id="import.date_unreadable", severity=_W, summary="the signature's date cannot be read"),
    ImportRule(id="import.measures_paired", severity=_I, summary="measures were linked to problems by position"),
    ImportRule(
        id="import.remediation_unstructured", severity=_I, summary="section 五 has no recognisable sub-headings"
    ),
    # -- tables --
    ImportRule(id="import.table_missing", severity=_W, summary="a table is not there: every cell of it is blank"),
    ImportRule(id="import.table_empty", severity=_I, summary="a table was found but every cell of it is blank"),
    ImportRule(
        id="import.table_unreadable",
        severity=_W,
        summary="an ASCII table's drawing does not fit the format (text typed into a box pushed its edge): its rows "
        "are read by their labels instead",
    ),
    ImportRule(
        id="import.table_too_long",
        severity=_W,
        summary="a table section is far too long to be a table (over 200,000 characters): every cell is blank, its "
        "text kept as notes",
    ),
    ImportRule(
        id="import.table_unrecognised",
        severity=_W,
        summary="a table that is none of the format's three (its labels do not match): its text is in the finding",
    ),
    ImportRule(
        id="import.table_joined",
        severity=_I,
        summary="a table continued on the next page (or split in two on a web page) was read as one",
    ),
    ImportRule(
        id="import.table_elsewhere",
        severity=_I,
        summary="a table was printed under a heading of its own outside its section (after the narrative, as "
        "附表): read as that section's table",
    ),
    ImportRule(id="import.row_missing", severity=_W, summary="a row's label was not found: the row is blank"),
    ImportRule(
        id="import.row_unplaced",
        severity=_W,
        summary="a row's values do not match its columns (too many or too few): the row is blank",
    ),
    ImportRule(
        id="import.cell_missing",
        severity=_W,
        summary="a cell of a table's grid cannot be found (its row's or its column's label is not in the table): "
        "the cell is blank",
    ),
    ImportRule(
        id="import.cell_unreadable",
        severity=_W,
        summary="a cell is not a number or a mark: blank, its text kept as `raw`",
    ),
    ImportRule(
        id="import.value_unplaced",
        severity=_W,
        summary="a number in a table belongs to no row it could be matched to (also one glued to a row's label, "
        "规章3001)",
    ),
    ImportRule(
        id="import.table_text_unplaced",
        severity=_W,
        summary="a cell of a table's grid is neither a label nor a value, or a label cell holds more than its label",
    ),
    ImportRule(
        id="import.label_approximate",
        severity=_W,
        summary="a printed label differs from the format's (a typo, a missing or extra word) and was matched to the "
        "closest one: the finding names the printed label",
    ),
    ImportRule(
        id="import.value_derived",
        severity=_W,
        summary="a group of table 三 (（三）…（六）) was printed as one row of 0s instead of its sub-rows: each "
        "sub-row is 0 (the sub-rows cannot be negative), derived, not read",
    ),
    ImportRule(
        id="import.group_row",
        severity=_W,
        summary="a group of table 三 was printed as one row with a number other than 0: how it divides among the "
        "sub-rows is not known, so they stay blank",
    ),
    # -- our own exports --
    ImportRule(
        id="import.text_edited", severity=_I, summary="our text export was edited after export: read as plain text"
    ),
    ImportRule(
        id="import.annotations_unreadable",
        severity=_W,
        summary="the annotation block of our text export is damaged: read as plain text",
    ),
    ImportRule(
        id="import.record_unreadable",
        severity=_W,
        summary="the structure record of our DOCX export cannot be read: read as any other Word document",
    ),
    ImportRule(
        id="import.paragraph_added",
        severity=_I,
        summary="a paragraph added in Word to our DOCX export was placed by its style and position",
    ),
    ImportRule(
        id="import.characters_lost",
        severity=_W,
        summary="a paragraph of our DOCX export held characters Word cannot keep and was edited: they are gone",
    ),
    ImportRule(
        id="import.key_repeated",
        severity=_W,
        summary="an item of section 五 was copied in Word: the copy gets a key of its own",
    ),
    ImportRule(
        id="import.answer_dropped",
        severity=_W,
        summary="a problem a measure answered was deleted in Word: the link is dropped",
    ),
)

RULE_INDEX: dict[str, ImportRule] = {rule.id: rule for rule in RULES}


def finding(
    rule: str,
    message: str,
    location: Location | None = None,
    *,
    found: str | None = None,
    expected: str | None = None,
) -> Finding:
    """A finding of a catalogued import rule, with the rule's severity."""
    spec = RULE_INDEX[rule]  # a KeyError here is a bug: every import finding is catalogued
    return Finding(
        rule=rule,
        severity=spec.severity,
        message=message,
        location=location or Location(),
        found=found,
        expected=expected,
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_table() -> str:
    """The catalogue as a Markdown table (``docs/importers.md``)."""
    lines = ["| rule | severity | when |", "|---|---|---|"]
    lines += [f"| `{rule.id}` | {rule.severity.value} | {_cell(rule.summary)} |" for rule in RULES]
    return "\n".join(lines)


if __name__ == "__main__":
    print(rules_table())
