"""The typed report model: frozen, keyword-only attrs classes."""

from govreport.model.blocks import BLOCK_TYPES, Block, Heading, Item, Paragraph
from govreport.model.cells import BLANK, Cell, CellState
from govreport.model.report import (
    Contact,
    Measure,
    Metadata,
    OtherItem,
    OtherMatters,
    OtherTopic,
    Period,
    Problem,
    Rectification,
    Remediation,
    RemediationPart,
    Report,
    Signature,
)
from govreport.model.tables import (
    TABLE_TYPES,
    ActiveDisclosureTable,
    ApplicationsTable,
    CellInput,
    ReviewLitigationTable,
    StatisticsTable,
)

__all__ = [
    "BLANK",
    "BLOCK_TYPES",
    "TABLE_TYPES",
    "ActiveDisclosureTable",
    "ApplicationsTable",
    "Block",
    "Cell",
    "CellInput",
    "CellState",
    "Contact",
    "Heading",
    "Item",
    "Measure",
    "Metadata",
    "OtherItem",
    "OtherMatters",
    "OtherTopic",
    "Paragraph",
    "Period",
    "Problem",
    "Rectification",
    "Remediation",
    "RemediationPart",
    "Report",
    "ReviewLitigationTable",
    "Signature",
    "StatisticsTable",
]
