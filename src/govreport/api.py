"""The public functions: load and dump JSON, export to any format, read any importable file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.errors import ExportError, GovReportError, InputFileError, ReadError, UnknownFormatError
from govreport.files import write_file_atomically
from govreport.model import Report

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from govreport.checks import CheckResult, Dismissals
    from govreport.findings import Finding
    from govreport.formats import Imported, Importer
    from govreport.many.aggregate import Aggregate
    from govreport.many.compare import Comparison
    from govreport.plugins import FormatInfo, PluginFailure, Registry
    from govreport.spec import BodyKind


def _registry() -> Registry:
    # Plugins (and pluggy) load on the first call that needs them, never at import.
    from govreport.plugins import get_registry

    return get_registry()


PathArg = str | os.PathLike[str]


#: No report file comes near this (a Word report with photographs of its seal is a few MB); a
#: larger one is refused before it is read. Each importer has its own, tighter limit.
MAX_INPUT_BYTES = 256 * 1024 * 1024


def _read_bytes(path: PathArg) -> bytes:
    name = os.fspath(path)
    megabytes = MAX_INPUT_BYTES // (1024 * 1024)
    try:
        # Looked at before opening: opening a FIFO blocks, reading /dev/zero never ends.
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(name)
        if not stat.S_ISREG(status.st_mode):
            raise InputFileError(f"{name}: not a regular file (a device, pipe or socket)")
        if status.st_size > MAX_INPUT_BYTES:
            raise InputFileError(
                f"{name}: {status.st_size // (1024 * 1024)} MB, larger than any report (the limit is {megabytes} MB)"
            )
        with open(path, "rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:  # it grew after we looked
            raise InputFileError(f"{name}: larger than any report (the limit is {megabytes} MB)")
        return data
    except InputFileError:
        raise
    except FileNotFoundError:
        raise InputFileError(f"{os.fspath(path)}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{os.fspath(path)}: is a directory, not a file") from None
    except OSError as exc:
        raise InputFileError(f"{os.fspath(path)}: cannot read: {exc.strerror or exc}") from None


def loads(data: str | bytes, *, source: str | None = None) -> Report:
    """A report from JSON text or bytes. Raises :class:`ReportValidationError` listing every problem."""
    from govreport.serialize import loads as _loads

    return _loads(data, source=source)


def load(path: PathArg) -> Report:
    """A report from a JSON file."""
    return loads(_read_bytes(path), source=os.fspath(path))


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text."""
    from govreport.serialize import dumps as _dumps

    return _dumps(report, indent=indent)


def dump(report: Report, path: PathArg, *, indent: int | None = 2) -> None:
    """Write the report as JSON, atomically."""
    write_file_atomically(Path(path), dumps(report, indent=indent).encode("utf-8"))


def export(report: Report, format: str, **options: Any) -> bytes:
    """The report rendered by the exporter named ``format`` (see :func:`list_formats`)."""
    registry = _registry()
    exporter = registry.exporter(format)
    resolved, source = exporter.resolve_options(options), registry.exporter_source(format)
    return _rendered(exporter.render, report, resolved, f"format {format!r}", source)


def _rendered(
    render: Callable[..., object], subject: object, options: dict[str, Any], what: str, source: object
) -> bytes:
    """``render(subject, **options)``, with whatever goes wrong in a plugin's code as an
    ``ExportError`` naming the format and its plugin (its own ``GovReportError`` passes unchanged)."""
    try:
        output = render(subject, **options)
    except GovReportError:
        raise
    except Exception as exc:
        raise ExportError(f"{what} (plugin {source}) failed: {type(exc).__name__}: {exc}") from exc
    if not isinstance(output, bytes):
        raise ExportError(f"{what} (plugin {source}) returned {type(output).__name__}, not bytes")
    return output


def format_for_path(path: PathArg) -> str:
    """The exporter whose extension matches the path's suffix."""
    suffix = Path(path).suffix.lower()
    matches = [info.name for info in list_formats() if info.kind == "exporter" and suffix in info.extensions]
    if not matches:
        known = sorted({ext for info in list_formats() if info.kind == "exporter" for ext in info.extensions})
        raise UnknownFormatError(suffix or os.fspath(path), known, kind="output extension")
    return matches[0]


def export_file(report: Report, path: PathArg, format: str | None = None, **options: Any) -> Path:
    """Render and write to ``path`` atomically; the format defaults to the one matching the suffix."""
    target = Path(path)
    data = export(report, format or format_for_path(target), **options)
    write_file_atomically(target, data)
    return target


def read(path: PathArg, format: str | None = None) -> Imported:
    """Import a file with the importer named ``format``, or the one its extension or content suggests."""
    registry = _registry()
    data = _read_bytes(path)
    if not data.strip():
        raise InputFileError(f"{os.fspath(path)}: an empty file, not a report")
    importer = registry.importer(format) if format else registry.importer_for(os.fspath(path), data)
    try:
        imported = importer.read(data, source=os.fspath(path))
    except GovReportError:
        raise
    except RecursionError:
        raise ReadError(f"{os.fspath(path)}: the input is nested too deeply to read") from None
    except Exception as exc:
        source = registry.importer_source(importer.name)
        raise ReadError(
            f"{os.fspath(path)}: importer {importer.name!r} (plugin {source}) failed: {type(exc).__name__}: {exc}"
        ) from exc
    from govreport.formats import Imported as ImportedType  # loaded with the registry already

    if not isinstance(imported, ImportedType) or not isinstance(imported.report, Report):
        source = registry.importer_source(importer.name)
        raise ReadError(
            f"{os.fspath(path)}: importer {importer.name!r} (plugin {source}) returned {type(imported).__name__}, "
            "not an Imported report"
        )
    if not format and not _recognised(importer, data):
        # Read without complaint, yet nothing in it says it is a report (a README.txt): no report at all.
        raise ReadError(
            f"{os.fspath(path)}: not a report: the {importer.name} importer does not recognise its content "
            f"(--from {importer.name} reads it anyway)"
        )
    return imported


def _recognised(importer: Importer, data: bytes) -> bool:
    if importer.detect is None:
        return True
    try:
        return bool(importer.detect(data))
    except Exception:  # noqa: BLE001 - a broken detect says nothing; the import itself succeeded
        return True


def reference_docx() -> bytes:
    """The default reference document (a .docx file's bytes), as ``govreport reference-docx`` writes it:
    the styles, page setup and footer the DOCX export uses, for an office to restyle in Word and pass
    back as the ``reference`` option."""
    from govreport.wordml.default_reference import default_reference_docx

    return default_reference_docx()


def list_formats() -> list[FormatInfo]:
    """Every registered exporter and importer with the plugin that provides it."""
    return _registry().formats()


def plugin_failures() -> list[PluginFailure]:
    """Plugins that could not be loaded, and why."""
    return list(_registry().failures)


def check(
    report: Report,
    previous: Report | None = None,
    *,
    dismissed: Dismissals | PathArg | None = None,
    imported: Iterable[Finding] = (),
) -> CheckResult:
    """Check a report with every registered rule (built-in and plugins'); see ``docs/checks.md``.

    ``previous`` is last year's report, for the cross-year rules. ``dismissed`` is a
    :class:`~govreport.checks.Dismissals` or the path of a dismissals file: the findings it lists
    are set apart in ``result.dismissed``. ``imported`` are findings an importer made (``read(path).findings``),
    listed and dismissable with the rest. A broken check becomes a ``check.failed`` finding, never an exception.
    """
    from govreport.checks import Dismissals, check as _check

    dismissals = dismissed if isinstance(dismissed, Dismissals) or dismissed is None else Dismissals.load(dismissed)
    return _check(report, previous, dismissals=dismissals, imported=imported, registry=_registry())


def compare(last: Report, this: Report) -> Comparison:
    """Last year's report and this year's of one body, compared: every cell with its change, the
    carry-over of applications, last year's problems against this year's rectifications, and the
    share of each section's text repeated (see ``docs/many-reports.md``)."""
    from govreport.many.compare import compare as _compare

    return _compare(last, this)


def aggregate(
    reports: Mapping[str, Report] | Iterable[Report],
    *,
    body: str,
    year: int,
    body_kind: BodyKind | str = "other",
) -> Aggregate:
    """The three tables of many bodies' reports of ``year`` summed cell by cell into a report of
    ``body``, with where each cell came from; a blank in any input leaves the cell blank (with a
    finding). Raises :class:`~govreport.many.aggregate.AggregateError` listing every input of
    another year and every body given twice."""
    from govreport.many.aggregate import aggregate as _aggregate

    return _aggregate(reports, body=body, year=year, body_kind=body_kind)


def export_comparison(comparison: Comparison, format: str, **options: Any) -> bytes:
    """The comparison rendered by the comparison exporter named ``format`` (json, text, html, docx or a plugin's)."""
    registry = _registry()
    exporter = registry.comparison_exporter(format)
    resolved, source = exporter.resolve_options(options), registry.comparison_exporter_source(format)
    return _rendered(exporter.render, comparison, resolved, f"comparison format {format!r}", source)


def comparison_format_for_path(path: PathArg) -> str:
    """The comparison exporter whose extension matches the path's suffix."""
    suffix = Path(path).suffix.lower()
    infos = [info for info in list_formats() if info.kind == "comparison"]
    matches = [info.name for info in infos if suffix in info.extensions]
    if not matches:
        known = sorted({ext for info in infos for ext in info.extensions})
        raise UnknownFormatError(suffix or os.fspath(path), known, kind="comparison output extension")
    return matches[0]


def export_comparison_file(comparison: Comparison, path: PathArg, format: str | None = None, **options: Any) -> Path:
    """Render the comparison and write it to ``path`` atomically; the format defaults to the suffix's."""
    target = Path(path)
    data = export_comparison(comparison, format or comparison_format_for_path(target), **options)
    write_file_atomically(target, data)
    return target
