"""What a plugin author needs to test a plugin: sample reports, a conformance check for exporters and
a way to run a plugin's command as ``govreport`` would.

``check_exporter(exporter)`` renders every sample and raises :class:`ConformanceError` naming the
sample and the rule on the first thing an exporter of this project must not do::

    from govreport.testing import check_exporter
    from govreport_csv import CSV

    def test_conformance() -> None:
        check_exporter(CSV)

Every exporter of govreport, built-in or plugin, passes it (tests/test_conformance.py).
``run_command(command, *args)`` runs ``govreport NAME ARGS`` in this process with that command
registered, and ``check_command(command)`` raises :class:`ConformanceError` unless it behaves as the
command line expects of every command.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from govreport.formats import Command, ComparisonExporter, Exporter
from govreport.model import (
    BLANK,
    ActiveDisclosureTable,
    ApplicationsTable,
    Cell,
    Heading,
    Item,
    Metadata,
    OtherItem,
    OtherMatters,
    Paragraph,
    Period,
    Report,
    ReviewLitigationTable,
    Signature,
    StatisticsTable,
)
from govreport.spec import NOT_APPLICABLE_MARKS, BodyKind, ValueKind

__all__ = [
    "HOSTILE_TEXT",
    "RAW_BLANK_TEXT",
    "CommandRun",
    "ConformanceError",
    "blank_report",
    "check_command",
    "check_comparison_exporter",
    "check_exporter",
    "complete_report",
    "hostile_report",
    "not_applicable_report",
    "run_command",
    "samples",
    "text_of_output",
    "zip_xml_text",
]

#: Text that breaks naive escaping in every format govreport knows: markup, templates, Markdown,
#: CSV and spreadsheet formulas, XML, right-to-left and wide characters.
HOSTILE_TEXT = (
    "=SUM(1,2) <script>alert('x')</script> & &amp; \"quoted\" 'single' {{ report }} {% raw %} ${x} "
    "| pipe | **bold** _em_ `code` # not a heading [link](javascript:x) \\backslash\\ "
    "]]> <!-- comment --> ,comma;semicolon\t tab \u202eRTL\u202c 𠀋 emoji 🙂 zero\u200bwidth"
)

#: What a blank cell keeps when it was written as something that is not a number.
RAW_BLANK_TEXT = "约5"

_AMOUNT = Decimal("86.50")  # a trailing zero: the exporter must keep the value, not the string


def _metadata(**changes: Any) -> Metadata:
    base = Metadata(
        issuing_body="示例市人民政府办公室",
        year=2023,
        body_kind=BodyKind.GOVERNMENT_DEPARTMENT,
        period=Period.calendar_year(2023),
        published_at="示例市人民政府门户网站",
        website="https://www.example.gov.cn",
    )
    return attrs.evolve(base, **changes)


TableT = TypeVar("TableT", bound=StatisticsTable)


def _numbered(table: type[TableT], start: int) -> TableT:
    # Every count distinct, and far from the years and numbers of the narrative, so that finding
    # one value in the output says that this very cell was written.
    cells = []
    for i, spec in enumerate(table.SPEC.cells):
        cells.append(Cell.number(_AMOUNT + i if spec.kind is ValueKind.AMOUNT else start + i))
    return table(cells=tuple(cells))


def complete_report() -> Report:
    """Every cell a number (each one different), every section written, signed and dated."""
    return Report(
        metadata=_metadata(),
        preamble=(Paragraph(text="本报告根据《中华人民共和国政府信息公开条例》编制。"),),
        overview=(Heading(number="（一）", text="主动公开"), Paragraph(text="全年主动公开政府信息。")),
        active_disclosure=_numbered(ActiveDisclosureTable, 3001),
        applications=_numbered(ApplicationsTable, 4001),
        review_litigation=_numbered(ReviewLitigationTable, 5001),
        other_matters=OtherMatters(items=(OtherItem(number="（一）", text="本年度无需另行说明的情况。"),)),
        signature=Signature(authority="示例市人民政府办公室", date=dt.date(2024, 1, 20)),
    )


def blank_report() -> Report:
    """Only what a report cannot do without: every cell blank, every section empty."""
    return Report(metadata=Metadata(issuing_body="空白机关", year=2023, body_kind=BodyKind.OTHER))


def not_applicable_report() -> Report:
    """The three states side by side: numbers, n/a cells in every mark, blanks with and without text."""
    marks = sorted(NOT_APPLICABLE_MARKS)

    def mix(index: int, cell: Cell) -> Cell:
        if index % 3 == 1:
            return Cell.not_applicable(marks[index % len(marks)])
        if index % 6 == 2:
            return BLANK
        if index % 6 == 5:
            return Cell.blank(raw=RAW_BLANK_TEXT)
        return cell

    return _with_cells(complete_report(), mix)


def _with_cells(report: Report, change: Callable[[int, Cell], Cell]) -> Report:
    """The report with each cell of the three tables replaced by ``change(index in its table, cell)``."""

    def apply(table: TableT) -> TableT:
        return attrs.evolve(table, cells=tuple(change(i, cell) for i, cell in enumerate(table.cells)))

    return attrs.evolve(
        report,
        active_disclosure=apply(report.active_disclosure),
        applications=apply(report.applications),
        review_litigation=apply(report.review_litigation),
    )


def hostile_report() -> Report:
    """Text in every free-text field that an exporter must escape, not interpret."""
    report = complete_report()
    text = HOSTILE_TEXT
    return attrs.evolve(
        report,
        metadata=_metadata(issuing_body=f"机关{text}", title=f"标题{text}", published_at=text, website=text),
        preamble=(Paragraph(text=text), Paragraph(text="x" * 2000)),
        overview=(Heading(number="（一）", text=text), Item(number="1.", text=text), Paragraph(text=text)),
        active_disclosure=attrs.evolve(report.active_disclosure, notes=(Paragraph(text=text),)),
        other_matters=OtherMatters(intro=(Paragraph(text=text),), items=(OtherItem(number="（一）", text=text),)),
        signature=Signature(authority=text, date=dt.date(2024, 1, 20)),
    )


def samples() -> dict[str, Report]:
    """The sample reports by name: complete, blank, not_applicable, hostile."""
    return {
        "complete": complete_report(),
        "blank": blank_report(),
        "not_applicable": not_applicable_report(),
        "hostile": hostile_report(),
    }


class ConformanceError(AssertionError):
    """An exporter broke a rule of :func:`check_exporter`; the message names the sample and the rule."""


_TAG = re.compile(r"<[^>]*>")


def zip_xml_text(data: bytes, members: Iterable[str] | None = None) -> str:
    """The text of the XML members of a ZIP package (``.docx``, ``.xlsx``), tags removed.

    ``members`` limits it to the named parts, e.g. ``["word/document.xml"]`` to look only at what
    a reader sees, not at a copy of the data the package keeps for itself.
    """
    import html

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = list(members) if members is not None else sorted(n for n in archive.namelist() if n.endswith(".xml"))
        # A tag ends a word: "<v>12</v><v>13</v>" is "12 13", not "1213".
        return "\n".join(html.unescape(_TAG.sub(" ", archive.read(name).decode("utf-8"))) for name in names)


def text_of_output(data: bytes) -> str:
    """The readable text of an output: the XML text of a ZIP package, else the bytes as UTF-8."""
    if data[:4] == b"PK\x03\x04":
        return zip_xml_text(data)
    return data.decode("utf-8-sig", errors="replace")


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _numbers_in(text: str) -> set[Decimal]:
    found = set()
    for token in _NUMBER.findall(_THOUSANDS.sub("", text)):
        try:
            found.add(Decimal(token).normalize())
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            continue
    return found


def _render(exporter: Exporter, report: Report, options: Mapping[str, Any], sample: str) -> bytes:
    resolved = exporter.resolve_options(options)
    try:
        data = exporter.render(report, **resolved)
    except Exception as exc:
        raise ConformanceError(
            f"{exporter.name}: sample {sample!r}: render raised {type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(data, bytes):
        raise ConformanceError(f"{exporter.name}: sample {sample!r}: render returned {type(data).__name__}, not bytes")
    if not data:
        raise ConformanceError(f"{exporter.name}: sample {sample!r}: render returned no bytes")
    return data


def check_exporter(
    exporter: Exporter,
    *,
    options: Mapping[str, Any] | None = None,
    text_of: Callable[[bytes], str] = text_of_output,
) -> None:
    """Raise :class:`ConformanceError` unless the exporter, for every sample report:

    - returns non-empty ``bytes`` without raising;
    - returns the same bytes when rendering the same report again (no clock, no randomness);
    - shows every number of the three tables (found in ``text_of(output)``, compared as decimals,
      so ``86.5`` and ``86.50`` are the same value);
    - keeps the text of a blank cell written as text (``约5``), and tells blank from n/a: a report
      whose cells are all blank does not give the same output as one whose cells are all n/a.

    ``options`` are passed to every render; ``text_of`` turns an output into searchable text
    (by default UTF-8, or the XML text of a ZIP package such as .docx or .xlsx).
    """
    options = dict(options or {})
    outputs = {}
    for name, report in samples().items():
        first = _render(exporter, report, options, name)
        if _render(exporter, report, options, name) != first:
            raise ConformanceError(f"{exporter.name}: sample {name!r}: two renders of the same report differ")
        outputs[name] = first
        shown = _numbers_in(text_of(first))
        for table in report.tables:
            for spec, cell in table.items():
                value = cell.value
                if value is not None and Decimal(value).normalize() not in shown:
                    raise ConformanceError(
                        f"{exporter.name}: sample {name!r}: table {table.SPEC.number}, row {spec.row!r}, "
                        f"column {spec.column!r}: the value {cell} does not appear in the output"
                    )
    if RAW_BLANK_TEXT not in text_of(outputs["not_applicable"]):
        raise ConformanceError(
            f"{exporter.name}: sample 'not_applicable': a blank cell's text {RAW_BLANK_TEXT!r} does not appear"
        )
    all_not_applicable = _with_cells(blank_report(), lambda _index, _cell: Cell.not_applicable("/"))
    if _render(exporter, all_not_applicable, options, "all n/a") == outputs["blank"]:
        raise ConformanceError(f"{exporter.name}: blank cells and n/a cells give the same output")


# -- commands ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CommandRun:
    """What ``govreport NAME ARGS`` did: its exit status and what it wrote."""

    status: int
    stdout: str
    stderr: str


def run_command(command: Command, *args: str) -> CommandRun:
    """Run ``govreport NAME ARGS`` in this process, with govreport's built-in plugins and a plugin
    that registers ``command`` only (no installed plugin); the registry is put back afterwards."""
    import contextlib
    import types

    from govreport.cli import main
    from govreport.plugins import PluginSource, build_registry, reset_registry

    plugin = types.ModuleType(f"plugin_of_{command.name.replace('-', '_')}")

    def register_commands() -> list[Command]:
        return [command]

    from govreport.hookspecs import hookimpl

    plugin.register_commands = hookimpl(register_commands)  # type: ignore[attr-defined]
    registry = build_registry(autoload=False)
    if not registry.add_plugin(plugin, PluginSource(name=plugin.__name__)) or registry.failures:
        raise ConformanceError(f"command {command.name!r}: not registered: {registry.failures}")
    stdout, stderr = io.StringIO(), io.StringIO()
    reset_registry(lambda: registry)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = main([command.name, *args])
            except SystemExit as exc:  # argparse's --help and usage errors
                status = exc.code if isinstance(exc.code, int) else 2
    finally:
        reset_registry()
    return CommandRun(status=status, stdout=stdout.getvalue(), stderr=stderr.getvalue())


def check_command(command: Command) -> None:
    """Raise :class:`ConformanceError` unless the command, run as ``govreport`` runs it:

    - is a :class:`govreport.Command` whose arguments can be declared;
    - answers ``--help`` with status 0 and a usage line naming it;
    - refuses an option it does not have with status 2 and a one-line error, no traceback.
    """
    if not isinstance(command, Command):
        raise ConformanceError(f"{command!r} is not a govreport.Command")
    shown = run_command(command, "--help")
    if shown.status != 0 or f"govreport {command.name}" not in shown.stdout:
        raise ConformanceError(f"command {command.name!r}: --help gave status {shown.status}: {shown.stderr.strip()}")
    refused = run_command(command, "--no-such-option-anywhere")
    lines = refused.stderr.strip().splitlines()
    if refused.status != 2 or not lines or "Traceback" in refused.stderr:
        raise ConformanceError(
            f"command {command.name!r}: an unknown option gave status {refused.status}, not 2: {refused.stderr.strip()}"
        )


# -- comparison exporters -------------------------------------------------------------------------


def _comparison_samples() -> dict[str, tuple[Report, Report]]:
    """Pairs of (last year, this year): every cell changed, every cell blank, n/a against numbers,
    text that must be escaped."""
    complete = complete_report()
    last = attrs.evolve(complete, metadata=_metadata(year=2022))
    changed = _with_cells(
        last, lambda index, cell: Cell.number(cell.value + index + 1) if isinstance(cell.value, int) else cell
    )
    return {
        "changed": (changed, complete),
        "blank": (blank_report(), blank_report()),
        "not_applicable": (last, not_applicable_report()),
        "hostile": (hostile_report(), hostile_report()),
    }


def check_comparison_exporter(exporter: ComparisonExporter, *, options: Mapping[str, Any] | None = None) -> None:
    """Raise :class:`ConformanceError` unless the comparison exporter, for every sample pair, returns
    non-empty ``bytes`` without raising, and the same bytes when rendering the same comparison again."""
    from govreport.many.compare import compare

    resolved = exporter.resolve_options(dict(options or {}))
    for name, (last, this) in _comparison_samples().items():
        comparison = compare(last, this)
        outputs = []
        for _ in range(2):
            try:
                data = exporter.render(comparison, **resolved)
            except Exception as exc:
                raise ConformanceError(
                    f"{exporter.name}: sample pair {name!r}: render raised {type(exc).__name__}: {exc}"
                ) from exc
            if not isinstance(data, bytes) or not data:
                raise ConformanceError(f"{exporter.name}: sample pair {name!r}: render returned no bytes")
            outputs.append(data)
        if outputs[0] != outputs[1]:
            raise ConformanceError(f"{exporter.name}: sample pair {name!r}: two renders of the same comparison differ")
