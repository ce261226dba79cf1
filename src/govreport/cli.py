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
    from govreport.batch import Input, Outcome, Progress
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


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expects a positive number of seconds, got {text!r}")
    return value


def _add_batch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores; 1 runs in this process)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="stop an input that takes longer (a hanging plugin) and report it as failed; the others go on "
        "(default: no limit; runs in worker processes even with -j 1)",
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
    _add_batch_options(render)
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
    _add_batch_options(checking)
    checking.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    checking.add_argument("--dismissed", metavar="FILE", help="a dismissals file (JSON) of findings already reviewed")
    checking.add_argument("--from", dest="input_format", metavar="FORMAT", help="importer (default: detected)")

    reference = commands.add_parser(
        "reference-docx",
        help="write the default reference document, to start a house style for DOCX exports from",
        description="Write the .docx that the docx exporter's reference_docx option takes: every style an export "
        "uses, the official page setup and page numbers, a paragraph in each style. Change it in Word (styles, "
        "page, a letterhead in the header) and pass it with -O reference_docx=FILE.",
    )
    reference.add_argument(
        "-o", "--output", type=Path, default=Path("reference.docx"), metavar="FILE", help="default: reference.docx"
    )
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


class _Failures:
    """The inputs that failed, kept (one line each) to be listed after the batch."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.total = 0

    def add(self, outcome: Outcome, progress: Progress) -> None:
        self.total += 1
        for note in outcome.notes:
            progress.message(note, sys.stderr)
        if outcome.error is not None:
            self.errors.append(outcome.error)

    def report(self) -> bool:
        """Print every failure, one line each; True if any input failed."""
        for error in self.errors:
            print(f"govreport: error: {error}", file=sys.stderr)
        if self.errors and self.total > 1:
            print(f"govreport: {len(self.errors)} of {self.total} inputs failed", file=sys.stderr)
        return bool(self.errors)


def _output_targets(
    inputs: Sequence[Input], exporters: Mapping[str, Exporter], output_dir: Path
) -> Callable[[Input], list[tuple[str, str]]]:
    """Where each input's outputs go, all checked before any input is read or anything rendered.

    An output found in a directory or by a glob mirrors its subfolder, so two report.json in
    different folders of one input directory go to different places; a collision left is refused.
    A hash that repeats is confirmed by comparing the paths themselves, so no repeat is missed
    and no false one is refused.
    """

    def targets_of(item: Input) -> list[tuple[str, str]]:
        folder, stem = os.path.split(os.path.splitext(item.relative_file)[0])
        return [
            (name, os.path.join(output_dir, folder, stem + exporter.extension)) for name, exporter in exporters.items()
        ]

    # Only a hash of each path is kept (8 bytes' worth a path: the batch may be the whole country);
    # a repeated hash sends us back over the inputs to find the two paths and compare them.
    input_keys = {hash(os.path.realpath(item.file)) for item in inputs}
    seen: set[int] = set()
    for item in inputs:
        for name, target in targets_of(item):
            resolved = os.path.realpath(target)
            key = hash(resolved)
            if key in input_keys and any(os.path.realpath(other.file) == resolved for other in inputs):
                raise _UsageError(f"{target} would overwrite an input; choose another --output-dir")
            if key in seen:
                _refuse_a_repeat(inputs, targets_of, item, name, target, resolved)
            seen.add(key)
    return targets_of


def _refuse_a_repeat(
    inputs: Sequence[Input],
    targets_of: Callable[[Input], list[tuple[str, str]]],
    item: Input,
    name: str,
    target: str,
    resolved: str,
) -> None:
    """Raise if an output before ``item``'s ``name`` (another input's, or another format's of the same
    input) is at ``resolved``, not just at a path with the same hash."""
    for other in inputs:
        for other_name, other_target in targets_of(other):
            if other is item and other_name == name:
                return  # everything before this target was compared
            if os.path.realpath(other_target) == resolved:
                raise _UsageError(
                    f"{target} would be written twice: as {other_name} of {other.file} and as {name} of "
                    f"{item.file}; give their folder (or a glob) instead, which mirrors its subfolders under "
                    "--output-dir"
                )


def _render(args: argparse.Namespace) -> int:
    from govreport.batch import Progress, default_jobs, expand_inputs, render_one, run_each
    from govreport.plugins import get_registry

    formats = [name.strip() for name in args.to.split(",") if name.strip()]
    if not formats:
        raise _UsageError("--to names no format")
    registry = get_registry()
    exporters = {name: registry.exporter(name) for name in formats}
    options = _parse_options(args.option, exporters)
    extensions = [ext for info in registry.formats() if info.kind == "importer" for ext in info.extensions]
    inputs = expand_inputs(args.inputs, extensions)
    targets_of = _output_targets(inputs, exporters, args.output_dir)
    # Made as the batch goes: nothing per input is held but its path and its targets' hashes.
    calls = ((os.fspath(item.path), args.input_format, targets_of(item), options) for item in inputs)
    jobs = min(args.jobs or default_jobs(), len(inputs))
    progress = Progress(len(inputs))
    failures = _Failures()
    # Each input is rendered and its outputs written atomically on its own: a failed input writes
    # nothing and leaves existing files alone, and does not stop the others.
    for outcome in run_each(render_one, calls, jobs=jobs, progress=progress, timeout=args.timeout):
        failures.add(outcome, progress)
        for target in outcome.written:
            progress.message(target, sys.stdout)
    return EXIT_USAGE if failures.report() else EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from govreport.api import dumps, read
    from govreport.files import write_file_atomically

    if args.output is not None and _same_file(args.output, [Path(args.input)]):
        raise _UsageError(f"{args.output} would overwrite the input; choose another --output")
    imported = read(args.input, args.input_format)
    from govreport.findings import finding_lines

    for line in finding_lines(args.input, imported.findings):
        print(line, file=sys.stderr)
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
    from govreport.batch import Progress, check_one, default_jobs, expand_inputs, run_each
    from govreport.checks import Dismissals
    from govreport.plugins import get_registry

    registry = get_registry()
    extensions = [ext for info in registry.formats() if info.kind == "importer" for ext in info.extensions]
    inputs = expand_inputs(args.reports, extensions)
    if args.previous and len(inputs) != 1:
        raise _UsageError(f"--previous is last year's report of one REPORT, and {len(inputs)} reports were given")
    if args.dismissed:
        Dismissals.load(args.dismissed)  # a bad dismissals file stops everything before any check
    calls = (
        (os.fspath(item.path), args.input_format, args.previous, args.dismissed, args.output_format) for item in inputs
    )
    jobs = min(args.jobs or default_jobs(), len(inputs))
    progress = Progress(len(inputs))
    failures = _Failures()
    as_array = args.output_format == "json" and len(inputs) > 1
    any_errors = False
    unreadable: list[dict[str, str]] = []
    written = 0
    # Printed as each input is done (in input order), so a national run holds no results.
    for outcome in run_each(check_one, calls, jobs=jobs, progress=progress, timeout=args.timeout):
        failures.add(outcome, progress)
        any_errors |= outcome.has_errors
        if outcome.error is not None:
            unreadable.append({"source": outcome.source, "error": outcome.error})
            continue
        if as_array:
            document = json.dumps(json.loads(outcome.output), ensure_ascii=False, indent=2)
            progress.message(("[\n" if written == 0 else ",\n") + _indented(document), sys.stdout, end="")
        else:
            progress.message(outcome.output, sys.stdout, end="")
        written += 1
    if as_array:
        # The inputs that could not be read come last, as before: an entry with their error.
        for entry in unreadable:
            document = json.dumps(entry, ensure_ascii=False, indent=2)
            sys.stdout.write(("[\n" if written == 0 else ",\n") + _indented(document))
            written += 1
        sys.stdout.write("\n]\n" if written else "[]\n")
    if failures.report():
        return EXIT_USAGE
    return EXIT_FINDINGS if any_errors else EXIT_OK


def _indented(document: str) -> str:
    """A JSON document indented one level, as an element of an array printed with indent=2."""
    return "\n".join("  " + line for line in document.splitlines())


def _reference_docx(args: argparse.Namespace) -> int:
    from govreport.files import write_file_atomically
    from govreport.wordml.default_reference import default_reference_docx

    try:
        write_file_atomically(args.output, default_reference_docx())
    except OSError as exc:
        raise GovReportError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(args.output)
    return EXIT_OK


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
    "reference-docx": _reference_docx,
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
