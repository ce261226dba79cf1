"""Where each paragraph of our own export belongs, now that a person may have edited it.

The structure record's paragraph entries are aligned with the document's paragraphs by
fingerprint (style and text), as ``diff`` aligns lines. A paragraph that is unchanged takes its
entry's slot and everything the entry holds; one edited in place takes the slot (and keys) of the
entry it replaced; one added in Word is placed by its style and the paragraph before it, and
reported; an entry without a paragraph was deleted in Word.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

import attrs

from govreport.findings import Finding, Location
from govreport.model import Heading, Item
from govreport.reading.blocks import classify
from govreport.reading.catalog import finding
from govreport.reading.layout import section_of
from govreport.spec import SECTION_INDEX, SECTIONS, TABLES
from govreport.wordml.body import Para
from govreport.wordml.record import ParagraphEntry, fingerprint
from govreport.wordml.vocabulary import (
    BLOCK_KINDS,
    HEADING_LEVELS,
    OTHER_INTRO,
    OTHER_ITEMS,
    PART_ITEM_KINDS,
    PREAMBLE,
    REMEDIATION_CLOSING,
    REMEDIATION_INTRO,
    REMEDIATION_PART_KEYS,
    SIGNATURE_AUTHORITY,
    SIGNATURE_DATE,
    TITLE,
    Kind,
    notes_slot,
    part_slot,
    section_slot,
)

ITEM_SLOTS = {part_slot(part, "items"): kind for part, kind in PART_ITEM_KINDS.items()} | {OTHER_ITEMS: Kind.OTHER_ITEM}
#: Where a section's loose text goes: its narrative, a table's notes, the introduction of 五 or 六.
DEFAULT_CONTAINER = {
    "overview": "overview",
    **{table.key: notes_slot(table.key) for table in TABLES},
    "remediation": REMEDIATION_INTRO,
    "other_matters": OTHER_INTRO,
}
BLOCK_SLOTS = frozenset(
    {
        PREAMBLE,
        REMEDIATION_INTRO,
        REMEDIATION_CLOSING,
        OTHER_INTRO,
        *DEFAULT_CONTAINER.values(),
        *(part_slot(part, "intro") for part in REMEDIATION_PART_KEYS),
    }
)
HEADING_SLOTS = {part_slot(part, "heading"): part for part in REMEDIATION_PART_KEYS}


def kind_of(para: Para) -> Kind:
    """The paragraph's kind: by our style, or for a paragraph in another style, by its text."""
    if para.kind is not None:
        return para.kind
    block = classify(para.text.strip())
    if isinstance(block, Heading):
        return Kind.heading(block.level)
    return Kind.ITEM if isinstance(block, Item) else Kind.BODY


def accepts(slot: str, kind: Kind) -> bool:
    """Whether a paragraph of ``kind`` can stand in ``slot``."""
    if slot in BLOCK_SLOTS:
        return kind in BLOCK_KINDS
    if slot in HEADING_SLOTS:
        return kind in HEADING_LEVELS
    if slot in ITEM_SLOTS:
        return kind is ITEM_SLOTS[slot]
    fixed = {TITLE: Kind.TITLE, SIGNATURE_AUTHORITY: Kind.SIGNATURE, SIGNATURE_DATE: Kind.DATE}
    if slot in fixed:
        return kind is fixed[slot]
    return slot.startswith("section.") and kind is Kind.SECTION


@attrs.frozen(kw_only=True)
class Placed:
    para: Para
    slot: str
    entry: ParagraphEntry | None
    exact: bool  # style and text as exported


def align(
    paragraphs: Sequence[Para], entries: Sequence[ParagraphEntry]
) -> list[tuple[Para, ParagraphEntry | None, bool]]:
    """Each paragraph with the record entry it corresponds to (None for one added in Word)."""
    found = [fingerprint(para.style, para.text) for para in paragraphs]
    matcher = SequenceMatcher(None, [entry.fingerprint for entry in entries], found, autojunk=False)
    pairs: list[tuple[Para, ParagraphEntry | None, bool]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [(paragraphs[j], entries[i], True) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        for offset, j in enumerate(range(j1, j2)):
            entry = entries[i1 + offset] if tag == "replace" and i1 + offset < i2 else None
            if entry is not None and not accepts(entry.slot, kind_of(paragraphs[j])):
                entry = None
            pairs.append((paragraphs[j], entry, False))
    return pairs


def section_of_slot(slot: str) -> str | None:
    if slot.startswith("section."):
        return slot.removeprefix("section.")
    head = slot.split(".", 1)[0]
    return head if head in SECTION_INDEX else None


def _infer(para: Para, kind: Kind, section: str | None, last: str) -> str:
    """Where a paragraph added in Word goes: by its style, else after the paragraph before it."""
    if kind is Kind.SECTION or para.kind is None:
        index = section_of(para.text.strip(), -1)
        if index is not None:
            return section_slot(SECTIONS[index].key)
    if kind is Kind.TITLE and section is None and last in ("", TITLE):
        return TITLE
    if last == SIGNATURE_DATE or (last == SIGNATURE_AUTHORITY and kind is not Kind.DATE):
        # After the signature the report has no place; the end of 六 is the nearest one.
        return OTHER_ITEMS
    if kind is Kind.SIGNATURE:
        return SIGNATURE_AUTHORITY
    if kind is Kind.DATE:
        return SIGNATURE_DATE
    for slot, item_kind in ITEM_SLOTS.items():
        if kind is item_kind:
            return slot
    if section is None:
        return PREAMBLE
    if last in BLOCK_SLOTS and section_of_slot(last) in (section, None):
        return last
    if last in HEADING_SLOTS:
        return part_slot(HEADING_SLOTS[last], "intro")
    if last in ITEM_SLOTS:
        # After 六's items, text is one more item (as the text importer reads it), kept in order.
        return REMEDIATION_CLOSING if last != OTHER_ITEMS else OTHER_ITEMS
    return DEFAULT_CONTAINER.get(section, OTHER_INTRO)


def place(paragraphs: Sequence[Para], entries: Sequence[ParagraphEntry], findings: list[Finding]) -> list[Placed]:
    """Every paragraph that holds something, with its slot, in document order."""
    placed: list[Placed] = []
    section: str | None = None
    last = ""
    for para, entry, exact in align(paragraphs, entries):
        if entry is not None:
            slot = entry.slot
        elif not para.text.strip():
            continue  # an empty paragraph added in Word holds nothing
        else:
            slot = _infer(para, kind_of(para), section, last)
            findings.append(
                finding(
                    "import.paragraph_added",
                    f"第{para.position}段不在导出时的文档中（在 Word 中添加），按其样式和位置放入“{slot}”",
                    Location(section=section_of_slot(slot), source=f"paragraph {para.position}"),
                    found=para.text,
                )
            )
        section = section_of_slot(slot) or section
        last = slot
        placed.append(Placed(para=para, slot=slot, entry=entry, exact=exact))
    return placed
