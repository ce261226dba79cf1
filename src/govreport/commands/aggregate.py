"""``govreport aggregate INPUTS --body NAME --year Y -o total.json``: a region's reports summed into one."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.commands.options import add_batch, add_common, read_input, refuse_overwriting
from govreport.commands.parsing import add_text_or_json
from govreport.errors import GovReportError

if TYPE_CHECKING:
    from govreport.batch import Outcome
    from govreport.checks import CheckResult, Dismissals
    from govreport.model import Report

#: What every total lacks by construction (it has tables, no narrative and no signature): set apart
#: as dismissed, so that the findings printed are about the figures.
_BY_CONSTRUCTION = (
    ("structure.section.empty", "overview"),
    ("structure.section.empty", "remediation"),
    ("structure.section.empty", "other_matters"),
    ("metadata.signature", "signature"),
)


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a year, got {text!r}") from None


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    parser = commands.add_parser(
        "aggregate",
        help="sum the tables of a region's reports of one year into one report",
        description="Sum the three tables of many bodies' reports (JSON, or any importable kind; files, folders "
        "or globs) cell by cell into one report of --body for --year, write it (JSON, or any export format by "
        "the suffix of -o), check it, and print the findings. A blank in any input leaves that cell blank, "
        "with a finding naming the inputs. Exit 0 when the total has no error, 1 when it has, 2 when an input "
        "cannot be read or is refused (another year, the same body twice).",
    )
    add_common(parser)
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="the reports to sum: files, folders or globs")
    parser.add_argument("--body", required=True, metavar="NAME", help="the issuing body of the total")
    parser.add_argument("--year", required=True, type=_year, metavar="YEAR", help="the year of every input")
    # Checked when the command runs: the spec (and attrs) must not load for --help.
    parser.add_argument(
        "--body-kind",
        default="other",
        metavar="KIND",
        help="the kind of body of the total: government_department, people_government, township or other "
        "(default: other)",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the total: .json, or any exporter's extension"
    )
    add_text_or_json(parser, "the findings")
    parser.add_argument(
        "--sources",
        metavar="FILE",
        help="also write where each cell came from (JSON: the inputs, and per cell those that gave a number, "
        "a blank or n/a)",
    )
    add_batch(parser)
    parser.add_argument("--force", action="store_true", help="replace an output that is read-only (chmod a-w)")
    parser.add_argument(
        "--from", dest="input_format", metavar="FORMAT", help="importer to use (default: by extension, then content)"
    )


def _dismissals() -> Dismissals:
    from govreport.checks import Dismissal, Dismissals

    reason = "合计报告只有统计表，没有正文和落款"
    return Dismissals(
        entries=tuple(
            Dismissal(rule=rule, where=(("section", section),), reason=reason) for rule, section in _BY_CONSTRUCTION
        )
    )


def _inputs(args: argparse.Namespace) -> list[str]:
    from govreport.batch import expand_inputs, recognises_report
    from govreport.plugins import get_registry

    extensions = [ext for info in get_registry().formats() if info.kind == "importer" for ext in info.extensions]
    return [item.file for item in expand_inputs(args.inputs, extensions, recognises=recognises_report)]


def read_tables(source: str, input_format: str | None, lang: str) -> Outcome:
    """Read one input (in a worker process with -j): its metadata and tables as a JSON document,
    the narrative left behind (a region's thousands of reports need not all be held), and its
    findings as lines. Never raises on a bad input."""
    from govreport.api import dumps
    from govreport.batch import Outcome
    from govreport.console import printable
    from govreport.findings import finding_lines
    from govreport.model import Report

    outcome = Outcome(source=source)
    try:
        imported = read_input(source, input_format)
    except GovReportError as exc:
        outcome.error = str(exc)
        return outcome
    except Exception as exc:  # noqa: BLE001 - one input's bug must not stop the others
        outcome.error, outcome.internal = f"{source}: internal error: {type(exc).__name__}: {exc}", True
        return outcome
    report = imported.report
    tables = Report(
        metadata=report.metadata,
        active_disclosure=report.active_disclosure,
        applications=report.applications,
        review_litigation=report.review_litigation,
    )
    outcome.output = dumps(tables, indent=None)
    outcome.notes = [printable(line) for line in finding_lines(source, imported.findings, lang=lang)]
    return outcome


def _read_all(paths: list[str], args: argparse.Namespace) -> dict[str, Report]:
    """Every input read (in -j worker processes); those that cannot be are listed together, not one at a time."""
    from govreport.api import loads
    from govreport.batch import Progress, default_jobs, run_each

    reports: dict[str, Report] = {}
    failures: list[str] = []
    internal = False
    progress = Progress(0 if args.quiet else len(paths))
    calls = ((path, args.input_format, args.lang) for path in paths)
    jobs = min(args.jobs or default_jobs(), max(1, len(paths)))
    for outcome in run_each(read_tables, calls, jobs=jobs, progress=progress, timeout=args.timeout):
        if outcome.error is not None:
            failures.append(outcome.error)
            internal |= outcome.internal
            continue
        if not args.quiet:
            for note in outcome.notes:
                progress.message(note, sys.stderr)
        reports[outcome.source] = loads(outcome.output, source=outcome.source)
    if failures and internal:
        # A bug of ours, not a bad input: every failure listed, then the command's status 70.
        from govreport.commands.parsing import InternalError
        from govreport.console import printable

        for failure in failures:
            print(f"govreport: error: {printable(failure)}", file=sys.stderr)
        raise InternalError
    if failures:
        from govreport.many.aggregate import AggregateError

        raise AggregateError(failures)
    return reports


def _printed(result: CheckResult, output: str, title: str, args: argparse.Namespace) -> str:
    from govreport.findings import Severity, finding_lines

    counts = {severity: result.count(severity) for severity in Severity}
    if args.output_format == "json":
        document = {
            "output": output,
            "title": title,
            "summary": {
                "errors": counts[Severity.ERROR],
                "warnings": counts[Severity.WARNING],
                "infos": counts[Severity.INFO],
                "dismissed": len(result.dismissed),
            },
            "findings": [finding.to_dict() for finding in result.findings],
            "dismissed": [finding.to_dict() for finding in result.dismissed],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    shown = [f for f in result.findings if f.severity is Severity.ERROR] if args.quiet else list(result.findings)
    lines = finding_lines(output, shown, lang=args.lang)
    if args.lang == "en":
        lines.append(
            f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} infos"
            f" ({len(result.dismissed)} set apart: a total has no narrative)"
        )
    else:
        lines.append(
            f"共{counts[Severity.ERROR]}个错误、{counts[Severity.WARNING]}个警告、{counts[Severity.INFO]}个提示"
            f"（另有{len(result.dismissed)}个因合计报告没有正文而忽略）"
        )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from govreport.api import aggregate, check, export, format_for_path
    from govreport.console import printable, printable_json
    from govreport.files import write_files_atomically
    from govreport.sandbox import plugin_code
    from govreport.spec import BodyKind

    kinds = [kind.value for kind in BodyKind]
    if args.body_kind not in kinds:
        raise GovReportError(f"--body-kind {args.body_kind!r} is not one of {', '.join(kinds)}")
    output = Path(args.output)
    if args.output == "-":
        raise GovReportError("aggregate writes the total to a file: give -o FILE (.json or an exporter's extension)")
    export_format = format_for_path(output)  # a wrong suffix fails before any input is read
    sources = Path(args.sources) if args.sources else None
    if sources is not None and sources.resolve() == output.resolve():
        raise GovReportError(f"{sources} is the total's file too; give --sources another name")
    paths = _inputs(args)
    refuse_overwriting([output] if sources is None else [output, sources], paths, force=args.force)
    total = aggregate(_read_all(paths, args), body=args.body, year=args.year, body_kind=args.body_kind)
    with plugin_code():
        data = export(total.report, export_format)
        result = check(total.report, dismissed=_dismissals(), imported=total.findings)
    files = {output: data}
    if sources is not None:
        document = json.dumps(total.sources_document(), ensure_ascii=False, indent=1) + "\n"
        files[sources] = document.encode("utf-8")
    write_files_atomically(files)  # both or neither
    if not args.quiet:
        for path in files:
            print(printable(os.fspath(path)), file=sys.stderr)
    printed = _printed(result, os.fspath(output), total.report.title, args)
    args.out.write(printable_json(printed) if args.output_format == "json" else printable(printed))
    return 1 if result.has_errors else 0
