"""govreport: write, check and publish annual reports on government information disclosure.

``import govreport`` loads nothing but this module (it must stay cheap: every ``govreport``
command and every worker process of a batch pays for it). Each public name loads its module on
first use: the model and the spec with the first model name, JSON handling with ``load``,
plugins, templates and the Word writer with the first export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from govreport.checks import Check, CheckContext, CheckResult, Dismissal, Dismissals, RuleSet
    from govreport.dataset.collect import CollectSummary, collect
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
    from govreport.formats import Exporter, ExportOption, Imported, Importer
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

__version__ = "0.1.0"

_LAZY = {
    **dict.fromkeys(
        ("check", "dump", "dumps", "export", "export_file", "list_formats", "load", "loads", "plugin_failures", "read"),
        "govreport.api",
    ),
    **dict.fromkeys(
        (
            "DuplicateFormatError",
            "ExportError",
            "GovReportError",
            "InputFileError",
            "OptionError",
            "PluginError",
            "ReadError",
            "ReportValidationError",
            "UnknownFormatError",
        ),
        "govreport.errors",
    ),
    **dict.fromkeys(("Finding", "Location", "Severity"), "govreport.findings"),
    **dict.fromkeys(
        (
            "BLANK",
            "ActiveDisclosureTable",
            "ApplicationsTable",
            "Block",
            "Cell",
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
        ),
        "govreport.model",
    ),
    **dict.fromkeys(("BodyKind", "Edition"), "govreport.spec"),
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
    "collect": "govreport.dataset.collect",
    "CollectSummary": "govreport.dataset.collect",
}


def __getattr__(name: str) -> Any:
    # Every public name loads its module on first use, and is then cached here.
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
    "CollectSummary",
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
    "collect",
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
