"""The ``govreport`` command."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.errors import GovReportError

if TYPE_CHECKING:
    from govreport.formats import Exporter

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_FINDINGS = 1  # `govreport check` found errors


class _UsageError(GovReportError):
    """A mistake in the command line itself."""


def _version() -> str:
    from govreport import __version__

    return __version__


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expects at least 1, got {value}")
    return value


def _add_jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores; 1 runs in this process)",
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Write, check and publish annual reports on government information disclosure.",
    )
    parser.add_argument("--version", action="version", version=f"govreport {_version()}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    parser.add_argument(
        "--plugins",
        metavar="NAMES",
        help="load only these installed plugins (comma-separated entry-point names; '' for none)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    render = commands.add_parser(
        "render",
        help="render reports to one or more formats",
        description="Render report files, directories (searched recursively) or globs to one or more formats. "
        "Exit 0 when every input was rendered, 2 when any failed (the others are still written).",
    )
    render.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="report files (JSON, or any importable kind), directories or globs"
    )
    _add_jobs(render)
    render.add_argument("--to", required=True, metavar="FORMAT[,FORMAT...]", help="output formats, e.g. json,text")
    render.add_argument("-o", "--output-dir", type=Path, default=Path("."), metavar="DIR", help="default: .")
    render.add_argument("--from", dest="input_format", metavar="FORMAT", help="importer to use (default: by extension)")
    render.add_argument(
        "-O",
        "--option",
        action="append",
        default=[],
        metavar="[FORMAT.]NAME=VALUE",
        help="an exporter option, e.g. -O width=80 or -O text.width=80 (repeatable)",
    )

    importing = commands.add_parser("import", help="read a report from any importable file into a JSON document")
    importing.add_argument("input", metavar="INPUT", help="a report file (JSON, or any importable kind)")
    importing.add_argument("--from", dest="input_format", metavar="FORMAT", help="importer (default: detected)")
    importing.add_argument("-o", "--output", type=Path, metavar="FILE", help="the JSON file to write (default: stdout)")

    checking = commands.add_parser(
        "check",
        help="check reports as reviewers do; exit 1 if there are errors",
        description="Check reports (JSON, or any importable kind; files, directories or globs) against the rules "
        "of docs/checks.md. Exit 0 when nothing is an error, 1 when something is, 2 when an input cannot be read "
        "(the worst over all inputs).",
    )
    checking.add_argument("reports", nargs="+", metavar="REPORT", help="the reports to check")
    checking.add_argument(
        "--previous", metavar="LAST_YEAR", help="last year's report, for the cross-year rules (one REPORT only)"
    )
    _add_jobs(checking)
    checking.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    checking.add_argument("--dismissed", metavar="FILE", help="a dismissals file (JSON) of findings already reviewed")
    checking.add_argument("--from", dest="input_format", metavar="FORMAT", help="importer (default: detected)")

    commands.add_parser("formats", help="list formats, the plugins that provide them, and plugin failures")
    commands.add_parser("schema", help="print the JSON Schema of the report document")
    return parser


def _parse_options(raw: Sequence[str], exporters: Mapping[str, Exporter]) -> dict[str, dict[str, Any]]:
    """``-O`` values as {format: {option: value}}, checked and converted by each exporter.

    An unprefixed option goes to every format in ``--to`` that has it.
    """
    formats = list(exporters)
    per_format: dict[str, dict[str, str]] = {name: {} for name in formats}
    for item in raw:
        name, equals, value = item.partition("=")
        if not equals or not name:
            raise _UsageError(f"option {item!r} is not NAME=VALUE")
        target, dot, option = name.rpartition(".")
        if dot:
            if target not in per_format:
                raise _UsageError(f"option {item!r} names format {target!r}, which is not in --to")
            per_format[target][option] = value
            continue
        takers = [f for f in formats if any(o.name == option for o in exporters[f].options)]
        if not takers:
            listing = "; ".join(f"{f}: {', '.join(o.name for o in exporters[f].options) or 'none'}" for f in formats)
            raise _UsageError(f"no format in --to has an option {option!r} (options of {listing})")
        for taker in takers:
            per_format[taker][option] = value
    # Checked now, before any input is read: a misspelt option fails fast.
    return {name: exporters[name].resolve_options(given) for name, given in per_format.items()}


def _same_file(path: Path, others: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == other.resolve() for other in others)


def _finish(outcomes: Sequence[Any], total: int) -> bool:
    """Print the importer findings and then every failure, one line each; True if any failed."""
    for outcome in outcomes:
        for note in outcome.notes:
            print(note, file=sys.stderr)
    failed = [outcome for outcome in outcomes if outcome.error is not None]
    for outcome in failed:
        print(f"govreport: error: {outcome.error}", file=sys.stderr)
    if failed and total > 1:
        print(f"govreport: {len(failed)} of {total} inputs failed", file=sys.stderr)
    return bool(failed)


def _render(args: argparse.Namespace) -> int:
    from govreport.batch import Progress, default_jobs, expand_inputs, render_one, run_all
    from govreport.plugins import get_registry

    formats = [name.strip() for name in args.to.split(",") if name.strip()]
    if not formats:
        raise _UsageError("--to names no format")
    registry = get_registry()
    exporters = {name: registry.exporter(name) for name in formats}
    options = _parse_options(args.option, exporters)
    extensions = [ext for info in registry.formats() if info.kind == "importer" for ext in info.extensions]
    inputs = expand_inputs(args.inputs, extensions)
    input_files = {item.path.resolve(): item.path for item in inputs}
    # Where each output goes, checked before any input is read or anything rendered. An output found
    # in a directory or by a glob mirrors its subfolder, so two report.json in different folders of
    # one input directory go to different places; a collision left is refused.
    targets: dict[Path, tuple[Path, str, Path]] = {}
    calls: list[tuple[Any, ...]] = []
    for item in inputs:
        own: list[tuple[str, str]] = []
        for name, exporter in exporters.items():
            target = args.output_dir / item.relative.parent / (item.relative.stem + exporter.extension)
            resolved = target.resolve()
            if resolved in input_files:
                raise _UsageError(f"{target} would overwrite an input; choose another --output-dir")
            if resolved in targets:
                other_input, other_name, _ = targets[resolved]
                raise _UsageError(
                    f"{target} would be written twice: as {other_name} of {other_input} and as {name} of {item.path}"
                    "; give their folder (or a glob) instead, which mirrors its subfolders under --output-dir"
                )
            targets[resolved] = (item.path, name, target)
            own.append((name, os.fspath(target)))
        calls.append((os.fspath(item.path), args.input_format, own, options))
    jobs = args.jobs or default_jobs()
    # Each input is rendered and its outputs written atomically on its own: a failed input writes
    # nothing and leaves existing files alone, and does not stop the others.
    outcomes = run_all(render_one, calls, jobs, Progress(len(calls)))
    for outcome in outcomes:
        for target in outcome.written:
            print(target)
    return EXIT_USAGE if _finish(outcomes, len(calls)) else EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from govreport.api import dumps, read
    from govreport.files import write_file_atomically

    if args.output is not None and _same_file(args.output, [Path(args.input)]):
        raise _UsageError(f"{args.output} would overwrite the input; choose another --output")
    imported = read(args.input, args.input_format)
    for finding in imported.findings:
        print(f"{args.input}: {finding}", file=sys.stderr)
    text = dumps(imported.report)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_file_atomically(args.output, text.encode("utf-8"))
    except OSError as exc:
        raise GovReportError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(args.output)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from govreport.batch import Progress, check_one, default_jobs, expand_inputs, run_all
    from govreport.checks import Dismissals
    from govreport.plugins import get_registry

    registry = get_registry()
    extensions = [ext for info in registry.formats() if info.kind == "importer" for ext in info.extensions]
    inputs = expand_inputs(args.reports, extensions)
    if args.previous and len(inputs) != 1:
        raise _UsageError(f"--previous is last year's report of one REPORT, and {len(inputs)} reports were given")
    if args.dismissed:
        Dismissals.load(args.dismissed)  # a bad dismissals file stops everything before any check
    calls = [
        (os.fspath(item.path), args.input_format, args.previous, args.dismissed, args.output_format) for item in inputs
    ]
    outcomes = run_all(check_one, calls, args.jobs or default_jobs(), Progress(len(calls)))
    readable = [outcome for outcome in outcomes if outcome.error is None]
    if args.output_format == "json" and len(calls) > 1:
        documents = [json.loads(outcome.output) for outcome in readable]
        documents += [{"source": outcome.source, "error": outcome.error} for outcome in outcomes if outcome.error]
        sys.stdout.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
    else:
        for outcome in readable:
            sys.stdout.write(outcome.output)
    if _finish(outcomes, len(calls)):
        return EXIT_USAGE
    return EXIT_FINDINGS if any(outcome.has_errors for outcome in outcomes) else EXIT_OK


def _formats(_args: argparse.Namespace) -> int:
    from govreport.plugins import get_registry

    registry = get_registry()
    infos = registry.formats()
    for kind in ("exporter", "importer"):
        rows = [info for info in infos if info.kind == kind]
        print(f"{kind.capitalize()}s:")
        name_width = max((len(info.name) for info in rows), default=4)
        for info in rows:
            source = info.plugin
            origin = f"{source.distribution or '?'} {source.version or '?'}"
            origin += " (built-in)" if source.builtin else f" (plugin {source.name})"
            extensions = " ".join(info.extensions)
            print(f"  {info.name:<{name_width}}  {extensions:<6}  {origin}  {info.description}")
    problems = [str(failure) for failure in registry.failures] + registry.conflicts()
    if problems:
        print("Plugin failures:")
        for problem in problems:
            print(f"  {problem}")
    return EXIT_OK


def _schema(_args: argparse.Namespace) -> int:
    from govreport.schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "render": _render,
    "import": _import,
    "check": _check,
    "formats": _formats,
    "schema": _schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    from govreport.errors import PluginLoadWarning

    # Plugin failures are listed by `formats` and never stop other formats; no warning noise here.
    # Scoped, so that calling main() in-process leaves the caller's warning filters alone.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginLoadWarning)
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.plugins is not None:
        return _with_plugins(args.plugins, lambda: _run(parser, args))
    return _run(parser, args)


def _with_plugins(names: str, run: Callable[[], int]) -> int:
    """Run with a registry of the built-ins and the named plugins only, as GOVREPORT_PLUGINS does."""
    from govreport.plugins import build_registry, reset_registry

    only = [name.strip() for name in names.split(",") if name.strip()]
    reset_registry(lambda: build_registry(autoload=False, only=only))
    try:
        return run()
    finally:
        reset_registry()  # the next use in this process builds the registry from the environment again


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    debug = args.debug or os.environ.get("GOVREPORT_DEBUG", "").strip().lower() not in {"", "0", "false", "no", "off"}
    try:
        handler = _COMMANDS.get(args.command)
        if handler is not None:
            return handler(args)
        parser.print_help()
        return EXIT_USAGE
    except GovReportError as exc:
        print(f"govreport: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``govreport formats | head``): stop quietly, and keep Python
        # from complaining again when it flushes stdout at exit.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if debug:
            raise
        print(f"govreport: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", file=sys.stderr)
        return EXIT_INTERNAL
