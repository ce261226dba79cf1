"""govreport: write, check and publish annual reports on government information disclosure.

``import govreport`` loads the model and the spec only; JSON handling, plugins, templates and
python-docx load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govreport.api import dump, dumps, export, export_file, list_formats, load, loads, plugin_failures, read
from govreport.errors import (
    DuplicateFormatError,
    ExportError,
    GovReportError,
    PluginError,
    ReportValidationError,
    UnknownFormatError,
)
from govreport.findings import Finding, Location, Severity
from govreport.model import (
    BLANK,
    ActiveDisclosureTable,
    ApplicationsTable,
    Block,
    Cell,
    CellState,
    Contact,
    Heading,
    Item,
    Measure,
    Metadata,
    OtherItem,
    OtherMatters,
    OtherTopic,
    Paragraph,
    Period,
    Problem,
    Rectification,
    Remediation,
    RemediationPart,
    Report,
    ReviewLitigationTable,
    Signature,
    StatisticsTable,
)
from govreport.spec import BodyKind, Edition

if TYPE_CHECKING:
    from govreport.formats import Exporter, ExportOption, Imported, Importer

__version__ = "0.1.0"

_LAZY = {
    "hookimpl": "govreport.hookspecs",
    "Exporter": "govreport.formats",
    "ExportOption": "govreport.formats",
    "Importer": "govreport.formats",
    "Imported": "govreport.formats",
}


def __getattr__(name: str) -> Any:
    # pluggy and the plugin types load only when a plugin or a caller asks for them.
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)


__all__ = [
    "BLANK",
    "ActiveDisclosureTable",
    "ApplicationsTable",
    "Block",
    "BodyKind",
    "Cell",
    "CellState",
    "Contact",
    "DuplicateFormatError",
    "Edition",
    "ExportError",
    "ExportOption",
    "Exporter",
    "Finding",
    "GovReportError",
    "Heading",
    "Imported",
    "Importer",
    "Item",
    "Location",
    "Measure",
    "Metadata",
    "OtherItem",
    "OtherMatters",
    "OtherTopic",
    "Paragraph",
    "Period",
    "PluginError",
    "Problem",
    "Rectification",
    "Remediation",
    "RemediationPart",
    "Report",
    "ReportValidationError",
    "ReviewLitigationTable",
    "Severity",
    "Signature",
    "StatisticsTable",
    "UnknownFormatError",
    "__version__",
    "dump",
    "dumps",
    "export",
    "export_file",
    "hookimpl",
    "list_formats",
    "load",
    "loads",
    "plugin_failures",
    "read",
]
