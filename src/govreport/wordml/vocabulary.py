"""The names a govreport .docx is written in: XML namespaces, our styles and the slots of the report.

The styles are the visible half of how an export carries the report's structure: every paragraph
has a style that names what kind of block it is (a sub-heading of level 3, a problem of section
五, the date of the signature), and the parts of a numbered paragraph are runs with character
styles (its number, the restated problem of a rectification). Word keeps styles when a person
edits the file. The slots are the other half: where in the report a paragraph belongs, recorded
in the document's custom properties (see :mod:`govreport.wordml.record`).
"""

from __future__ import annotations

import enum

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def w(tag: str) -> str:
    """``w:tag`` in ElementTree's ``{namespace}tag`` form."""
    return f"{{{W_NS}}}{tag}"


class Kind(enum.Enum):
    """What a paragraph of an export is; each kind has its own paragraph style."""

    TITLE = "GovReport Title"
    SECTION = "GovReport Section Heading"
    HEADING_2 = "GovReport Heading 2"
    HEADING_3 = "GovReport Heading 3"
    HEADING_4 = "GovReport Heading 4"
    HEADING_5 = "GovReport Heading 5"
    HEADING_6 = "GovReport Heading 6"
    BODY = "GovReport Body"
    ITEM = "GovReport Item"
    RECTIFICATION = "GovReport Rectification"
    PROBLEM = "GovReport Problem"
    MEASURE = "GovReport Measure"
    OTHER_ITEM = "GovReport Other Item"
    SIGNATURE = "GovReport Signature"
    DATE = "GovReport Date"
    TABLE_TEXT = "GovReport Table Text"
    PAGE_NUMBER = "GovReport Page Number"

    @property
    def style_name(self) -> str:
        return self.value

    @property
    def heading_level(self) -> int | None:
        """2–6 for a sub-heading kind, else None."""
        return HEADING_LEVELS.get(self)

    @classmethod
    def heading(cls, level: int) -> Kind:
        return cls[f"HEADING_{level}"]


HEADING_LEVELS: dict[Kind, int] = {Kind[f"HEADING_{level}"]: level for level in range(2, 7)}
BLOCK_KINDS: frozenset[Kind] = frozenset({Kind.BODY, Kind.ITEM, *HEADING_LEVELS})
ITEM_KINDS: frozenset[Kind] = frozenset({Kind.RECTIFICATION, Kind.PROBLEM, Kind.MEASURE, Kind.OTHER_ITEM})
KIND_BY_STYLE: dict[str, Kind] = {kind.style_name: kind for kind in Kind}


class Role(enum.Enum):
    """What a run inside a paragraph is; each role but plain text has its own character style."""

    NUMBER = "GovReport Number"  # （一） 1. 一是: the number of a heading or an item
    RESTATED = "GovReport Restated Problem"  # the problem a rectification restates
    LEAD = "GovReport Lead"  # the sentence that introduces items run into one paragraph

    @property
    def style_name(self) -> str:
        return self.value


ROLE_BY_STYLE: dict[str, Role] = {role.style_name: role for role in Role}

TABLE_STYLE = "GovReport Table"

#: Every style an export uses, by name: a reference document must define all of them.
REQUIRED_STYLES: tuple[str, ...] = (
    *(kind.style_name for kind in Kind),
    *(role.style_name for role in Role),
    TABLE_STYLE,
)


def style_id(name: str) -> str:
    """Our style ids are the names without spaces (what Word itself derives)."""
    return name.replace(" ", "")


# -- slots: where a paragraph belongs in the report ------------------------------------------------

REMEDIATION_PART_KEYS: tuple[str, ...] = ("previous", "problems", "measures")
#: The kind of paragraph each part of section 五 writes its items in.
PART_ITEM_KINDS: dict[str, Kind] = {"previous": Kind.RECTIFICATION, "problems": Kind.PROBLEM, "measures": Kind.MEASURE}

#: Slots that hold narrative blocks (Paragraph, Heading, Item), in the order they are written.
TITLE = "title"
PREAMBLE = "preamble"
SIGNATURE_AUTHORITY = "signature.authority"
SIGNATURE_DATE = "signature.date"
OTHER_INTRO = "other_matters.intro"
OTHER_ITEMS = "other_matters.items"
REMEDIATION_INTRO = "remediation.intro"
REMEDIATION_CLOSING = "remediation.closing"


def section_slot(key: str) -> str:
    """The slot of a section's own heading."""
    return f"section.{key}"


def notes_slot(table_key: str) -> str:
    return f"{table_key}.notes"


def part_slot(part: str, what: str) -> str:
    """``remediation.problems.heading`` / ``.intro`` / ``.items``."""
    return f"remediation.{part}.{what}"
