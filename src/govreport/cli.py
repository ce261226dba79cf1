"""The ``govreport`` command."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import signal
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from govreport.commands import aggregate as aggregate_command, collect as collect_command, compare as compare_command
from govreport.errors import GovReportError

if TYPE_CHECKING:
    from array import array

    from govreport.batch import Input, Outcome, Progress
    from govreport.formats import Command, Exporter
    from govreport.plugins import PluginSource

from govreport.commands.parsing import (
    EXIT_FINDINGS as EXIT_FINDINGS,
    EXIT_INTERNAL as EXIT_INTERNAL,
    EXIT_INTERRUPTED as EXIT_INTERRUPTED,
    EXIT_OK as EXIT_OK,
    EXIT_USAGE as EXIT_USAGE,
    InternalError as _InternalError,
    Parser as _Parser,
    UsageError as _UsageError,
    add_batch_options as _add_batch_options,
    add_global_options as _add_global_options,
    add_input_format as _add_input_format,
    add_text_or_json,
)


def _add_render(commands: argparse._SubParsersAction[_Parser]) -> None:
    render = commands.add_parser(
        "render",
        help="render reports to one or more formats",
        description="Render report files, directories (searched recursively) or globs to one or more formats. "
        "Exit 0 when every input was rendered, 2 when any failed (the others are still written).",
    )
    _add_global_options(render, in_subcommand=True)
    render.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="report files (JSON, or any importable kind), directories or globs"
    )
    _add_batch_options(render)
    render.add_argument(
        "-t",
        "--to",
        action="append",
        default=[],
        metavar="FORMAT[,FORMAT...]",
        help="output formats, e.g. json,text (repeatable: --to json --to text)",
    )
    render.add_argument(
        "-o",
        "--output-dir",
        default=".",
        metavar="DIR",
        help="the folder the outputs go to (default: .); - writes a single output to standard output",
    )
    render.add_argument("--force", action="store_true", help="replace outputs that are read-only (chmod a-w)")
    _add_input_format(render)
    render.add_argument(
        "-O",
        "--option",
        action="append",
        default=[],
        metavar="[FORMAT.]NAME=VALUE",
        help="an exporter option, e.g. -O width=80 or -O text.width=80 (repeatable)",
    )


def _add_import(commands: argparse._SubParsersAction[_Parser]) -> None:
    importing = commands.add_parser("import", help="read a report from any importable file into a JSON document")
    _add_global_options(importing, in_subcommand=True)
    importing.add_argument("input", metavar="INPUT", help="a report file (JSON, or any importable kind)")
    _add_input_format(importing)
    importing.add_argument(
        "-o", "--output", metavar="FILE", help="the JSON file to write (default, or -: standard output)"
    )
    importing.add_argument("--force", action="store_true", help="replace an output that is read-only (chmod a-w)")


def _add_check(commands: argparse._SubParsersAction[_Parser]) -> None:
    checking = commands.add_parser(
        "check",
        help="check reports as reviewers do; exit 1 if there are errors",
        description="Check reports (JSON, or any importable kind; files, directories or globs) against the rules "
        "of docs/checks.md. Exit 0 when nothing is an error, 1 when something is, 2 when an input cannot be read "
        "(the worst over all inputs).",
    )
    _add_global_options(checking, in_subcommand=True)
    checking.add_argument("reports", nargs="+", metavar="REPORT", help="the reports to check")
    checking.add_argument(
        "--previous", metavar="LAST_YEAR", help="last year's report, for the cross-year rules (one REPORT only)"
    )
    _add_batch_options(checking)
    add_text_or_json(checking, "the findings")
    checking.add_argument("--dismissed", metavar="FILE", help="a dismissals file (JSON) of findings already reviewed")
    _add_input_format(checking)


def _add_formats(commands: argparse._SubParsersAction[_Parser]) -> None:
    listing = commands.add_parser(
        "formats",
        help="list formats, the plugins that provide them, and plugin failures",
        description="List every exporter and importer with its plugin, and the plugins that failed; with NAME, "
        "that format alone, with every option of the exporter, its type and its default.",
    )
    _add_global_options(listing, in_subcommand=True)
    listing.add_argument("name", nargs="?", metavar="NAME", help="one format, with its options")
    add_text_or_json(listing, "the formats")


def _add_schema(commands: argparse._SubParsersAction[_Parser]) -> None:
    schema = commands.add_parser("schema", help="print the JSON Schema of the report document")
    _add_global_options(schema, in_subcommand=True)


def _add_completion(commands: argparse._SubParsersAction[_Parser]) -> None:
    completion = commands.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or tcsh)",
        description="Print a completion script for the shell, made from this parser: "
        'eval "$(govreport completion bash)" in ~/.bashrc, or save it where the shell loads completions.',
    )
    _add_global_options(completion, in_subcommand=True)
    completion.add_argument("shell", choices=("bash", "zsh", "tcsh"), help="the shell")


def _add_reference_docx(commands: argparse._SubParsersAction[_Parser]) -> None:
    reference = commands.add_parser(
        "reference-docx",
        help="write the default reference document, to start a house style for DOCX exports from",
        description="Write the .docx that the docx exporter's reference_docx option takes: every style an export "
        "uses, the official page setup and page numbers, a paragraph in each style. Change it in Word (styles, "
        "page, a letterhead in the header) and pass it with -O reference_docx=FILE.",
    )
    _add_global_options(reference, in_subcommand=True)
    reference.add_argument(
        "-o", "--output", type=Path, default=Path("reference.docx"), metavar="FILE", help="default: reference.docx"
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govreport",
        description="Write, check and publish annual reports on government information disclosure.",
        epilog="Plugins can add commands; `govreport formats` lists them.",
    )
    _add_global_options(parser, in_subcommand=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_render(commands)
    _add_import(commands)
    _add_check(commands)
    _add_formats(commands)
    _add_schema(commands)
    _add_completion(commands)
    _add_reference_docx(commands)
    compare_command.add_parser(commands)
    aggregate_command.add_parser(commands)
    collect_command.add_parser(commands)
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action


def _subcommand(parser: argparse.ArgumentParser, name: str | None) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            chosen: argparse.ArgumentParser = action.choices[name]
            return chosen
    return parser


def _refuse_unknown(parser: argparse.ArgumentParser, args: argparse.Namespace, extras: list[str]) -> None:
    """An argument no option takes: one line, naming the option it most likely meant (--too → --to)."""
    if not extras:
        return
    sub = _subcommand(parser, getattr(args, "command", None))
    known = [option for action in sub._actions for option in action.option_strings if option.startswith("--")]
    message = f"unrecognized arguments: {' '.join(extras)}"
    unknown = next((extra.split("=", 1)[0] for extra in extras if extra.startswith("--")), None)
    if unknown:
        close = difflib.get_close_matches(unknown, known, n=1)
        if close:
            message += f" (did you mean {close[0]}?)"
    sub.error(message)


def _formats_given(raw: Sequence[str]) -> list[str]:
    """The format names of every ``--to`` (repeated or comma-separated), each once; an empty one is refused."""
    names: list[str] = []
    for item in raw:
        for name in item.split(","):
            name = name.strip()
            if not name:
                raise _UsageError(f"--to {item!r} has an empty format name")
            if name not in names:
                names.append(name)
    if not names:
        raise _UsageError("render needs --to FORMAT (govreport formats lists them)")
    return names


def _parse_options(raw: Sequence[str], exporters: Mapping[str, Exporter]) -> dict[str, dict[str, Any]]:
    """``-O`` values as {format: {option: value}}, checked and converted by each exporter (as every
    command that renders takes them: :func:`govreport.commands.options.parse_options`)."""
    from govreport.commands.options import parse_options

    return parse_options(raw, exporters)


def _same_file(path: Path, others: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == other.resolve() for other in others)


class _Failures:
    """The inputs that failed, kept (one line each) to be listed after the batch."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.errors: list[str] = []
        self.total = 0
        self.internal = False
        self.quiet = quiet

    def add(self, outcome: Outcome, progress: Progress) -> None:
        self.total += 1
        if not self.quiet:
            for note in outcome.notes:
                progress.message(_printable(note), sys.stderr)
        if outcome.error is not None:
            self.errors.append(outcome.error)
            self.internal |= outcome.internal

    def report(self) -> bool:
        """Print every failure, one line each; True if any input failed."""
        for error in self.errors:
            print(f"govreport: error: {_printable(error)}", file=sys.stderr)
        if self.errors and self.total > 1:
            print(f"govreport: {len(self.errors)} of {self.total} inputs failed", file=sys.stderr)
        if self.internal:
            raise _InternalError
        return bool(self.errors)


def _printable(text: str) -> str:
    from govreport.console import printable

    return printable(text)


def _output_targets(
    inputs: Sequence[Input], exporters: Mapping[str, Exporter], output_dir: Path, *, force: bool = True
) -> Callable[[Input], list[tuple[str, str]]]:
    """Where each input's outputs go, all checked before any input is read or anything rendered.

    An output found in a directory or by a glob mirrors its subfolder, so two report.json in
    different folders of one input directory go to different places; a collision left is refused,
    and so is an existing output that is read-only, unless ``force``.
    A hash that repeats is confirmed by comparing the paths themselves, so no repeat is missed
    and no false one is refused.
    """
    from govreport.files import is_read_only

    directory = os.fspath(output_dir)
    extensions = [(name, exporter.extension) for name, exporter in exporters.items()]

    def targets_of(item: Input) -> list[tuple[str, str]]:
        folder, stem = os.path.split(os.path.splitext(item.relative_file)[0])
        # One join an input, not one a format: the batch asks twice for each of its inputs.
        base = os.path.join(directory, folder, stem)
        return [(name, base + extension) for name, extension in extensions]

    # Only a hash of each path is kept, 8 bytes a path in an array (the batch may be the whole
    # country; a set of ints took eight times that): a repeated hash sends us back over the inputs
    # to find the two paths and compare them.
    from array import array
    from bisect import bisect_left
    from itertools import pairwise

    from govreport.batch import real_paths

    real_path = real_paths()
    input_keys = _sorted_keys(array("q", (hash(real_path(item.file)) for item in inputs)))
    target_keys = array("q", (hash(real_path(target)) for item in inputs for _name, target in targets_of(item)))
    ordered = _sorted_keys(target_keys)
    repeated = {key for key, following in pairwise(ordered) if key == following}
    del ordered

    def is_input_key(key: int) -> bool:
        at = bisect_left(input_keys, key)
        return at < len(input_keys) and input_keys[at] == key

    seen: set[int] = set()  # of the repeated hashes only
    position = 0
    for item in inputs:
        for name, target in targets_of(item):
            key = target_keys[position]
            position += 1
            if is_input_key(key):
                resolved = real_path(target)
                if any(real_path(other.file) == resolved for other in inputs):
                    raise _UsageError(f"{target} would overwrite an input; choose another --output-dir")
            if key in repeated:
                if key in seen:
                    _refuse_a_repeat(inputs, targets_of, item, name, target, real_path(target))
                seen.add(key)
            if not force and is_read_only(target):
                raise _UsageError(f"{target} is read-only; pass --force to replace it")
            if len(os.fsencode(os.path.basename(target))) > 255:
                raise _UsageError(f"{target}: the file name is longer than 255 bytes; rename the input")
    return targets_of


def _sorted_keys(keys: array[int], chunk: int = 4096) -> array[int]:
    """``keys`` sorted, into an array: sorted a chunk at a time and merged, so that no list of every
    key (a Python int each, five times an array's 8 bytes) is ever made."""
    from array import array
    from heapq import merge

    runs = [array("q", sorted(keys[start : start + chunk])) for start in range(0, len(keys), chunk)]
    return array("q", merge(*runs)) if len(runs) > 1 else (runs[0] if runs else array("q"))


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


def _importer_extensions() -> list[str]:
    from govreport.plugins import get_registry

    registry = get_registry()
    return [ext for info in registry.formats() if info.kind == "importer" for ext in info.extensions]


def _inputs(raw: Sequence[str], args: argparse.Namespace) -> list[Input]:
    """The inputs named, folders searched for reports by content; what was skipped said with -v."""
    from govreport.batch import expand_inputs, recognises_report

    skipped: list[str] = []
    inputs = expand_inputs(raw, _importer_extensions(), recognises=recognises_report, skipped=skipped)
    if args.verbose:
        for line in skipped:
            print(f"govreport: skipped {_printable(line)}", file=sys.stderr)
    return inputs


def _render(args: argparse.Namespace) -> int:
    from govreport.batch import Progress, default_jobs, remove_render_temporaries, render_one, run_each
    from govreport.files import probe_folder
    from govreport.plugins import get_registry

    formats = _formats_given(args.to)
    registry = get_registry()
    exporters = {name: registry.exporter(name) for name in formats}
    options = _parse_options(args.option, exporters)
    to_stdout = args.output_dir == "-"
    inputs = _inputs(args.inputs, args)
    if to_stdout and (len(inputs) != 1 or len(exporters) != 1):
        raise _UsageError(
            f"-o - writes one output to standard output; this is {len(inputs)} input(s) to {len(exporters)} format(s)"
        )
    output_dir = Path("." if to_stdout else args.output_dir)
    targets_of = _output_targets(inputs, exporters, output_dir, force=args.force or to_stdout)
    if not to_stdout:
        probe_folder(output_dir)  # an unwritable or wrong -o is found before any input is read
    # Made as the batch goes: nothing per input is held but its path and its targets' hashes.
    calls = (
        (os.fspath(item.path), args.input_format, targets_of(item), options, args.lang, to_stdout) for item in inputs
    )
    jobs = min(args.jobs or default_jobs(), len(inputs))
    progress = Progress(0 if args.quiet else len(inputs))
    failures = _Failures(quiet=args.quiet)
    # Each input is rendered and its outputs written atomically on its own: a failed input writes
    # nothing and leaves existing files alone, and does not stop the others.
    for outcome in run_each(
        render_one, calls, jobs=jobs, progress=progress, timeout=args.timeout, on_abandoned=remove_render_temporaries
    ):
        failures.add(outcome, progress)
        if to_stdout and outcome.error is None:
            args.out.write(outcome.output)
        if not args.quiet:
            for target in outcome.written:
                progress.message(target, args.out)
    return EXIT_USAGE if failures.report() else EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from govreport.api import dumps, read
    from govreport.files import is_read_only, write_file_atomically
    from govreport.findings import finding_lines
    from govreport.sandbox import plugin_code

    output = None if args.output in (None, "-") else Path(args.output)
    if output is not None and _same_file(output, [Path(args.input)]):
        raise _UsageError(f"{output} would overwrite the input; choose another --output")
    if output is not None and output.is_dir():
        raise _UsageError(f"{output}: is a folder; -o names the JSON file to write")
    if output is not None and not args.force and is_read_only(output):
        raise _UsageError(f"{output} is read-only; pass --force to replace it")
    with plugin_code():
        imported = read(args.input, args.input_format)
    if not args.quiet:
        for line in finding_lines(args.input, imported.findings, lang=args.lang):
            print(_printable(line), file=sys.stderr)
    text = dumps(imported.report)
    if output is None:
        args.out.write(text)
        return EXIT_OK
    write_file_atomically(output, text.encode("utf-8"))
    if not args.quiet:
        print(output, file=args.out)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from govreport.batch import Progress, check_one, default_jobs, run_each
    from govreport.checks import Dismissals
    from govreport.console import printable_json

    inputs = _inputs(args.reports, args)
    if args.previous and len(inputs) != 1:
        raise _UsageError(f"--previous is last year's report of one REPORT, and {len(inputs)} reports were given")
    if args.dismissed:
        Dismissals.load(args.dismissed)  # a bad dismissals file stops everything before any check
    calls = (
        (
            os.fspath(item.path),
            args.input_format,
            args.previous,
            args.dismissed,
            args.output_format,
            args.lang,
            args.quiet,
        )
        for item in inputs
    )
    jobs = min(args.jobs or default_jobs(), len(inputs))
    progress = Progress(0 if args.quiet else len(inputs))
    failures = _Failures(quiet=args.quiet)
    as_json = args.output_format == "json"
    as_array = as_json and len(inputs) > 1
    any_errors = False
    unreadable: list[dict[str, str]] = []
    written = 0
    out: IO[str] = args.out
    # Printed as each input is done (in input order), so a national run holds no results.
    for outcome in run_each(check_one, calls, jobs=jobs, progress=progress, timeout=args.timeout):
        failures.add(outcome, progress)
        any_errors |= outcome.has_errors
        if outcome.error is not None:
            unreadable.append({"source": outcome.source, "error": outcome.error})
            continue
        if as_array:
            document = json.dumps(json.loads(outcome.output), ensure_ascii=False, indent=2)
            progress.message(("[\n" if written == 0 else ",\n") + printable_json(_indented(document)), out, end="")
        elif as_json:
            progress.message(printable_json(outcome.output), out, end="")
        else:
            progress.message(_printable(outcome.output), out, end="")
        written += 1
    if as_array:
        # The inputs that could not be read come last, as before: an entry with their error.
        for entry in unreadable:
            document = json.dumps(entry, ensure_ascii=False, indent=2)
            out.write(("[\n" if written == 0 else ",\n") + printable_json(_indented(document)))
            written += 1
        out.write("\n]\n" if written else "[]\n")
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
    print(args.output, file=args.out)
    return EXIT_OK


def _formats(args: argparse.Namespace) -> int:
    from govreport.format_listing import format_text, formats_json, formats_text
    from govreport.plugins import get_registry
    from govreport.sandbox import plugin_code

    with plugin_code():  # plugins are imported here: what they print must not reach the listing
        registry = get_registry()
    if args.output_format == "json":
        args.out.write(formats_json(registry, args.name))
    elif args.name:
        args.out.write(format_text(registry, args.name))
    else:
        args.out.write(formats_text(registry))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from govreport.schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2), file=args.out)
    return EXIT_OK


def _completion(args: argparse.Namespace) -> int:
    import shtab

    args.out.write(shtab.complete(_build_parser(), shell=args.shell))
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "render": _render,
    "import": _import,
    "check": _check,
    "reference-docx": _reference_docx,
    "formats": _formats,
    "schema": _schema,
    "completion": _completion,
    "compare": compare_command.run,
    "aggregate": aggregate_command.run,
    "collect": collect_command.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns its exit status (see the table in docs/cli.md)."""
    from govreport.errors import PluginLoadWarning

    # Plugin failures are listed by `formats` and never stop other formats; no warning noise here.
    # Scoped, so that calling main() in-process leaves the caller's warning filters alone.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginLoadWarning)
        return _main(argv)


def console() -> NoReturn:
    """The console script: :func:`main`, then exit; at once if a plugin left a non-daemon thread
    running, which would otherwise keep the finished command from exiting."""
    code = main()
    import threading

    lingering = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if lingering:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    raise SystemExit(code)


def _main(argv: Sequence[str] | None) -> int:
    from govreport.plugin_commands import wanted_command

    words = list(sys.argv[1:] if argv is None else argv)
    wanted = wanted_command(words)
    if wanted.command is not None and wanted.plugins is not None:
        # A plugin's command under --plugins: the registry it comes from is the one the option asks for.
        return _with_plugins(wanted.plugins, lambda: _parse_and_run(words, plugin_commands=True))
    return _parse_and_run(words, plugin_commands=wanted.command is not None)


def _parse_and_run(words: Sequence[str], *, plugin_commands: bool) -> int:
    parser = _build_parser()
    added: dict[str, tuple[Command, PluginSource]] = {}
    if plugin_commands:  # only for a command that is none of ours: plugins load for nothing else
        from govreport.plugin_commands import add_plugin_parsers, wanted_command

        try:
            added = add_plugin_parsers(_subparsers(parser), _add_global_options, wanted=wanted_command(words).command)
        except GovReportError as exc:
            print(f"govreport: error: {_printable(str(exc))}", file=sys.stderr)
            return EXIT_USAGE
    args, extras = parser.parse_known_args(words)
    _refuse_unknown(parser, args, extras)
    if args.command is None:
        parser.print_usage(sys.stderr)
        print("govreport: error: no command given (govreport --help lists them)", file=sys.stderr)
        return EXIT_USAGE
    if args.plugins is not None and not plugin_commands:
        return _with_plugins(args.plugins, lambda: _run(args))
    return _run(args, added)


def _with_plugins(names: str, run: Callable[[], int]) -> int:
    """Run with a registry of the built-ins and the named plugins only, as GOVREPORT_PLUGINS does."""
    from govreport.plugins import build_registry, reset_registry

    only = [name.strip() for name in names.split(",") if name.strip()]
    reset_registry(lambda: build_registry(autoload=False, only=only))
    try:
        return run()
    finally:
        reset_registry()  # the next use in this process builds the registry from the environment again


def _run(args: argparse.Namespace, plugin_commands: Mapping[str, tuple[Command, PluginSource]] | None = None) -> int:
    from govreport.console import results_on_stdout
    from govreport.plugin_commands import PluginCommandError, run_plugin_command
    from govreport.pool import Interrupted, raise_on_signals

    debug = args.debug or os.environ.get("GOVREPORT_DEBUG", "").strip().lower() not in {"", "0", "false", "no", "off"}
    handlers = raise_on_signals()
    try:
        with results_on_stdout() as args.out:
            if args.command in (plugin_commands or {}):
                command, source = (plugin_commands or {})[args.command]
                return run_plugin_command(command, source, args, debug=debug)
            return _COMMANDS[args.command](args)
    except Interrupted as exc:
        print("govreport: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED + exc.signum
    except GovReportError as exc:
        print(f"govreport: error: {_printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except _InternalError:
        print("govreport: an input failed on an internal error (a bug; rerun with --debug)", file=sys.stderr)
        return EXIT_INTERNAL
    except PluginCommandError:  # its line is printed
        return EXIT_INTERNAL
    except (SystemExit, KeyboardInterrupt) as exc:
        # Not ours (argparse exits before this, and a signal is Interrupted): a plugin's sys.exit or
        # KeyboardInterrupt, in this process.
        what = f"sys.exit({exc.code!r})" if isinstance(exc, SystemExit) else "KeyboardInterrupt"
        print(f"govreport: error: a plugin ended the command with {what}", file=sys.stderr)
        return EXIT_USAGE
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
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
