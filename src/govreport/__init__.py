"""govreport: write, check and publish annual reports on government information disclosure.

``import govreport`` loads the model and the spec only; JSON handling, plugins, templates and
python-docx load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govreport.api import (
    check,
    dump,
    dumps,
    export,
    export_file,
    list_formats,
    load,
    loads,
    plugin_failures,
    read,
)
from govreport.errors import (
    DuplicateFormatError,
    ExportError,
    GovReportError,
    InputFileError,
    OptionError,
    PluginError,
    ReadError,
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
    from govreport.checks import Check, CheckContext, CheckResult, Dismissal, Dismissals, RuleSet
    from govreport.formats import Exporter, ExportOption, Imported, Importer

__version__ = "0.1.0"

_LAZY = {
    "hookimpl": "govreport.hookspecs",
    "Exporter": "govreport.formats",
    "ExportOption": "govreport.formats",
    "Importer": "govreport.formats",
    "Imported": "govreport.formats",
    "Check": "govreport.checks",
    "CheckContext": "govreport.checks",
    "CheckResult": "govreport.checks",
    "Dismissal": "govreport.checks",
    "Dismissals": "govreport.checks",
    "RuleSet": "govreport.checks",
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
    "Check",
    "CheckContext",
    "CheckResult",
    "Contact",
    "Dismissal",
    "Dismissals",
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
    "InputFileError",
    "Item",
    "Location",
    "Measure",
    "Metadata",
    "OptionError",
    "OtherItem",
    "OtherMatters",
    "OtherTopic",
    "Paragraph",
    "Period",
    "PluginError",
    "Problem",
    "ReadError",
    "Rectification",
    "Remediation",
    "RemediationPart",
    "Report",
    "ReportValidationError",
    "ReviewLitigationTable",
    "RuleSet",
    "Severity",
    "Signature",
    "StatisticsTable",
    "UnknownFormatError",
    "__version__",
    "check",
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
