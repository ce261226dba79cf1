"""The report as a .docx in the official document format, with its structure record.

Every paragraph is written with the style of its kind and recorded with its slot (see
:mod:`govreport.wordml.record`); tables come from :mod:`govreport.wordml.tables`; the package
from :mod:`govreport.wordml.package`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from govreport.exporting import cell_text, format_date, refuse_surrogates, signature_indents, title_lines
from govreport.model import Block, Cell, Heading, Item, Paragraph, Report, StatisticsTable
from govreport.model.report import Measure, Rectification, RemediationPart, Signature
from govreport.serialize import to_document
from govreport.wordml import package as pkg, record, styles, tables
from govreport.wordml.section import plan_section
from govreport.wordml.vocabulary import (
    OTHER_INTRO,
    OTHER_ITEMS,
    PART_ITEM_KINDS,
    PREAMBLE,
    REMEDIATION_CLOSING,
    REMEDIATION_INTRO,
    REMEDIATION_PART_KEYS,
    REQUIRED_STYLES,
    SIGNATURE_AUTHORITY,
    SIGNATURE_DATE,
    TABLE_STYLE,
    TITLE,
    Kind,
    Role,
    notes_slot,
    part_slot,
    section_slot,
    style_id,
)
from govreport.wordml.xmltext import attribute, has_illegal, run, strip_illegal

_ROOT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>'
)

Segment = tuple[str, Role | None]


class _Body:
    """The document body as it is written, and the record of its paragraphs."""

    def __init__(self, ids: Mapping[str, str]) -> None:
        self.ids = ids
        self.xml: list[str] = []
        self.entries: list[record.ParagraphEntry] = []
        #: whether the last thing written was a table: the next paragraph keeps a line's distance
        self.after_table = False

    def paragraph(
        self,
        kind: Kind,
        segments: Sequence[Segment],
        slot: str,
        data: dict[str, Any] | None = None,
        *,
        indent: str = "",
        fixed_spacing: bool = False,
    ) -> None:
        """One paragraph of a style; ``indent`` (a ``w:ind``) overrides the style's. With
        ``fixed_spacing`` no space is added between Chinese text and digits or Latin letters, so
        the line is exactly as wide as its characters (the signature lines are placed by width)."""
        data = dict(data or {})
        visible = [strip_illegal(text) for text, _role in segments]
        if any(has_illegal(text) for text, _role in segments):
            # Shown without them; the record keeps the original for the importer.
            data["raw"] = [text for text, _role in segments]
        runs = "".join(
            run(text, self.ids[role.style_name] if role else None)
            for text, (_original, role) in zip(visible, segments, strict=True)
        )
        style = self.ids[kind.style_name]
        # Direct formatting, in the order the schema requires: autoSpaceDE/DN, spacing, ind.
        properties = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>' if fixed_spacing else ""
        if self.after_table:
            # A blank line between a table and what follows (its notes, the next heading), as
            # space before the paragraph: no empty paragraph for an importer to account for.
            properties += f'<w:spacing w:before="{styles.LINE}"/>'
            self.after_table = False
        properties += indent
        self.xml.append(f'<w:p><w:pPr><w:pStyle w:val="{attribute(style)}"/>{properties}</w:pPr>{runs}</w:p>')
        self.entries.append(
            record.ParagraphEntry(
                slot=slot, fingerprint=record.fingerprint(kind.style_name, "".join(visible)), data=data
            )
        )

    def keep_last_with_next(self) -> None:
        """Keep the paragraph just written on the page of the one that follows."""
        last = self.xml[-1]
        if not last.startswith("<w:p>"):
            return  # a table keeps its rows together already
        end = last.index("/>", last.index("<w:pStyle")) + 2  # w:keepNext comes right after w:pStyle
        self.xml[-1] = last[:end] + "<w:keepNext/>" + last[end:]

    def block(self, block: Block, slot: str) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(Kind.BODY, [(block.text, None)], slot)
        elif isinstance(block, Heading):
            self.paragraph(Kind.heading(block.level), [(block.number, Role.NUMBER), (block.text, None)], slot)
        elif isinstance(block, Item):
            self.paragraph(Kind.ITEM, [(block.number, Role.NUMBER), (block.text, None)], slot)
        else:  # pragma: no cover - the model has no other block
            raise TypeError(f"not a block: {block!r}")

    def blocks(self, blocks: Sequence[Block], slot: str) -> None:
        for block in blocks:
            self.block(block, slot)


def _item_segments(item: Any) -> list[Segment]:
    segments: list[Segment] = [(item.number, Role.NUMBER)]
    if isinstance(item, Rectification):
        segments.append((item.problem, Role.RESTATED))
    segments.append((item.text, None))
    return segments


def _item_data(item: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if item.key:
        data["key"] = item.key
    if isinstance(item, Measure) and item.answers:
        data["answers"] = list(item.answers)
    return data


def _part(body: _Body, key: str, part: RemediationPart[Any], empty_run_in: list[str]) -> None:
    if part.heading is not None:
        body.block(part.heading, part_slot(key, "heading"))
    intro = list(part.intro)
    kind = PART_ITEM_KINDS[key]
    items_slot = part_slot(key, "items")
    if not (part.run_in and part.items):
        body.blocks(intro, part_slot(key, "intro"))
        for item in part.items:
            body.paragraph(kind, _item_segments(item), items_slot, _item_data(item))
        if part.run_in:
            empty_run_in.append(key)
        return
    # Items run into one paragraph after the introduction's last sentence, as the text exporter
    # writes them; the record keeps where each segment ends.
    lead = intro.pop() if intro and isinstance(intro[-1], Paragraph) else None
    body.blocks(intro, part_slot(key, "intro"))
    segments: list[Segment] = [(lead.text, Role.LEAD)] if isinstance(lead, Paragraph) else []
    for item in part.items:
        segments += _item_segments(item)
    data = {
        "run_in": [len(strip_illegal(text)) for text, _role in segments],
        "lead": lead is not None,
        "items": [_item_data(item) for item in part.items],
    }
    body.paragraph(kind, segments, items_slot, data)


def _cell_entry(cell: Cell) -> dict[str, Any]:
    return {"state": cell.state.value, "raw": cell.raw}


def _table(body: _Body, table: StatisticsTable, blank: str, cells: dict[str, dict[str, list[Any]]]) -> None:
    spec = table.SPEC
    values: dict[tuple[str, str], str] = {}
    for cell_spec, cell in table.items():
        shown = strip_illegal(cell_text(cell, blank))
        values[(cell_spec.row, cell_spec.column)] = shown
        if (cell.is_blank and cell.raw is not None) or Cell.from_text(shown, cell_spec.kind) != cell:
            # Printed, the cell would read back as something else ("/" for a blank holding "/"
            # as text, or a blank option), or as text the importer reports as unreadable ("约5",
            # which is what was exported): the record says what it is.
            cells.setdefault(spec.key, {})[f"{cell_spec.row}/{cell_spec.column}"] = [shown, _cell_entry(cell)]
    body.xml.append(
        tables.table_xml(
            spec, values, text_style=body.ids[Kind.TABLE_TEXT.style_name], table_style=body.ids[TABLE_STYLE]
        )
    )
    body.after_table = True


def _right_indent(characters: float) -> str:
    return styles.indent(0, right_chars=round(characters * 100))


def _signature(body: _Body, signature: Signature) -> None:
    """The authority centred over the date, the date four characters in (GB/T 9704 7.3.5)."""
    date = format_date(signature.date)
    authority_right, date_right = signature_indents(strip_illegal(signature.authority), date)
    body.paragraph(
        Kind.SIGNATURE,
        [(signature.authority, None)],
        SIGNATURE_AUTHORITY,
        indent=_right_indent(authority_right),
        fixed_spacing=True,
    )
    if signature.date is not None:
        body.paragraph(
            Kind.DATE,
            [(date, None)],
            SIGNATURE_DATE,
            {"date": signature.date.isoformat()},
            indent=_right_indent(date_right),
            fixed_spacing=True,
        )


def footer_xml(ids: Mapping[str, str], justify: str) -> bytes:
    """“— N —” with a PAGE field, one character in from the outer edge."""
    side = "right" if justify == "right" else "left"
    inner = "left" if side == "right" else "right"
    char = styles.PAGE_NUMBER_SIZE * 10
    indent = (
        f'<w:ind w:{side}Chars="100" w:{side}="{char}" w:{inner}Chars="0" w:{inner}="0" '
        'w:firstLineChars="0" w:firstLine="0"/>'
    )
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    style = attribute(ids[Kind.PAGE_NUMBER.style_name])
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{indent}<w:jc w:val="{justify}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">\u2014 </w:t></w:r>{field}<w:r><w:t xml:space="preserve"> \u2014</w:t></w:r>'
        "</w:p></w:ftr>"
    ).encode()


def compose(
    report: Report, *, blank: str, ids: Mapping[str, str], section: str | None = None
) -> tuple[str, record.StructureRecord]:
    """document.xml (ending with ``section``, the ``w:sectPr``: ours by default) and the structure record."""
    body = _Body(ids)
    cells: dict[str, dict[str, list[Any]]] = {}
    empty_run_in: list[str] = []
    titles = [strip_illegal(line) for line in title_lines(report)]
    for line in title_lines(report):
        body.paragraph(Kind.TITLE, [(line, None)], TITLE)
    body.blocks(report.preamble, PREAMBLE)
    for spec, content in report.sections():
        body.paragraph(Kind.SECTION, [(spec.heading, None)], section_slot(spec.key))
        if spec.key == "overview":
            body.blocks(report.overview, "overview")
        elif isinstance(content, StatisticsTable):
            _table(body, content, blank, cells)
            body.blocks(content.notes, notes_slot(spec.key))
        elif spec.key == "remediation":
            remediation = report.remediation
            body.blocks(remediation.intro, REMEDIATION_INTRO)
            for key in REMEDIATION_PART_KEYS:
                _part(body, key, getattr(remediation, key), empty_run_in)
            body.blocks(remediation.closing, REMEDIATION_CLOSING)
        elif spec.key == "other_matters":
            body.blocks(report.other_matters.intro, OTHER_INTRO)
            for item in report.other_matters.items:
                data = {"topic": item.topic.value} if item.topic.value != "other" else {}
                body.paragraph(Kind.OTHER_ITEM, [(item.number, Role.NUMBER), (item.text, None)], OTHER_ITEMS, data)
    if report.signature is not None:
        # The signature never stands alone on the last page: the text's last lines come with it.
        body.keep_last_with_next()
        _signature(body, report.signature)
    body.xml.append(section if section is not None else plan_section(None).section)
    structure = record.StructureRecord(
        metadata=to_document(report)["metadata"],
        title=tuple(titles),
        cells=cells,
        paragraphs=tuple(body.entries),
        empty_run_in=tuple(empty_run_in),
    )
    return _ROOT + "".join(body.xml) + "</w:body></w:document>", structure


def render_docx(report: Report, *, blank: str = "", reference_docx: Path | None = None) -> bytes:
    """The whole .docx file."""
    reference = None
    if reference_docx is not None:
        from govreport.wordml.reference import load_reference, warn

        reference = load_reference(reference_docx)  # fails before anything is built or written
        warn(reference)
    ids = reference.ids if reference is not None else {name: style_id(name) for name in REQUIRED_STYLES}
    plan = plan_section(reference)
    document, structure = compose(report, blank=blank, ids=ids, section=plan.section)
    record_json = structure.to_json()
    # The record could keep a lone surrogate, but the report it gave back could not be loaded,
    # saved as JSON or exported to text: refused, as by every exporter. Every text that holds
    # one is in the record (escaped, as \udXXX), so only a record with such escapes is searched.
    if "\\ud" in record_json:
        refuse_surrogates(report, "docx")
    signature = report.signature
    date = f"{signature.date.isoformat()}T00:00:00Z" if signature is not None and signature.date else None
    parts = pkg.DocumentParts(
        document=document.encode("utf-8"),
        styles=reference.styles if reference is not None else styles.styles_xml().encode("utf-8"),
        settings=styles.settings_xml(even_and_odd=plan.even_and_odd).encode("utf-8"),
        font_table=styles.font_table_xml().encode("utf-8"),
        odd_footer=footer_xml(ids, "right") if plan.our_footers else None,
        even_footer=footer_xml(ids, "left") if plan.our_footers else None,
        core=pkg.core_properties(
            title=strip_illegal(report.title),
            creator=strip_illegal(report.metadata.issuing_body),
            date=date,
        ),
        app=pkg.app_properties(),
        custom=record.custom_properties_xml(record_json).encode("utf-8"),
        theme=reference.theme if reference is not None else None,
        numbering=reference.numbering if reference is not None else None,
        extra=plan.extra,
        extra_relationships=plan.extra_relationships,
    )
    return pkg.build_package(parts)
