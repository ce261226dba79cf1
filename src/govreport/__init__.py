"""govreport: write, check and publish annual reports on government information disclosure.

``import govreport`` loads nothing but this module (it must stay cheap: every ``govreport``
command and every worker process of a batch pays for it). Each public name loads its module on
first use: the model and the spec with the first model name, JSON handling with ``load``,
plugins, templates and the Word writer with the first export.

The public names are listed once, in the ``TYPE_CHECKING`` block below: type checkers read it as
it is, and at run time :func:`__getattr__` reads the same block (once, on the first use of a name)
to learn which module holds each name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govreport.version import __version__ as __version__

if TYPE_CHECKING:
    from govreport.api import (
        aggregate as aggregate,
        check as check,
        compare as compare,
        dump as dump,
        dumps as dumps,
        export as export,
        export_comparison as export_comparison,
        export_comparison_file as export_comparison_file,
        export_file as export_file,
        list_formats as list_formats,
        load as load,
        loads as loads,
        plugin_failures as plugin_failures,
        read as read,
        reference_docx as reference_docx,
    )
    from govreport.checks import (
        CheckContext as CheckContext,
        CheckResult as CheckResult,
        Dismissal as Dismissal,
        Dismissals as Dismissals,
        RuleSet as RuleSet,
    )
    from govreport.dataset.collect import (
        CollectSummary as CollectSummary,
        collect as collect,
    )
    from govreport.errors import (
        DuplicateFormatError as DuplicateFormatError,
        ExportError as ExportError,
        GovReportError as GovReportError,
        InputFileError as InputFileError,
        OptionError as OptionError,
        PluginError as PluginError,
        ReadError as ReadError,
        ReportValidationError as ReportValidationError,
        UnknownFormatError as UnknownFormatError,
    )
    from govreport.findings import (
        Finding as Finding,
        Location as Location,
        Severity as Severity,
    )
    from govreport.formats import (
        Check as Check,
        Command as Command,
        ComparisonExporter as ComparisonExporter,
        Exporter as Exporter,
        ExportOption as ExportOption,
        Imported as Imported,
        Importer as Importer,
    )
    from govreport.hookspecs import hookimpl as hookimpl
    from govreport.many.aggregate import (
        Aggregate as Aggregate,
        AggregateError as AggregateError,
        CellSource as CellSource,
    )
    from govreport.many.compare import (
        Agreement as Agreement,
        CarryOver as CarryOver,
        CellChange as CellChange,
        Comparison as Comparison,
        ProblemMatch as ProblemMatch,
        SectionRepetition as SectionRepetition,
    )
    from govreport.model import (
        BLANK as BLANK,
        ActiveDisclosureTable as ActiveDisclosureTable,
        ApplicationsTable as ApplicationsTable,
        Block as Block,
        Cell as Cell,
        CellState as CellState,
        Contact as Contact,
        Heading as Heading,
        Item as Item,
        Measure as Measure,
        Metadata as Metadata,
        OtherItem as OtherItem,
        OtherMatters as OtherMatters,
        OtherTopic as OtherTopic,
        Paragraph as Paragraph,
        Period as Period,
        Problem as Problem,
        Rectification as Rectification,
        Remediation as Remediation,
        RemediationPart as RemediationPart,
        Report as Report,
        ReviewLitigationTable as ReviewLitigationTable,
        Signature as Signature,
        StatisticsTable as StatisticsTable,
    )
    from govreport.spec import (
        BodyKind as BodyKind,
        Edition as Edition,
    )


def _public_names() -> dict[str, str]:
    """Each public name and its module, read from this file's ``TYPE_CHECKING`` block."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    return {
        alias.asname or alias.name: statement.module
        for statement in block.body
        if isinstance(statement, ast.ImportFrom) and statement.module
        for alias in statement.names
    }


_modules: dict[str, str] = {}


def __getattr__(name: str) -> Any:
    # Every public name loads its module on first use, and is then cached here.
    if not _modules:
        _modules.update(_public_names())
    if name == "__all__":
        value: Any = sorted([*_modules, "__version__"])
    elif name in _modules:
        import importlib

        value = getattr(importlib.import_module(_modules[name]), name)
    else:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__getattr__("__all__")))
