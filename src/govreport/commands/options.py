"""What the compare and aggregate commands share: ``-O`` options, reading inputs, printing findings."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from govreport.errors import GovReportError

if TYPE_CHECKING:
    from govreport.findings import Finding
    from govreport.formats import ExportOption, Imported


class _WithOptions(Protocol):
    @property
    def options(self) -> tuple[ExportOption, ...]: ...

    def resolve_options(self, given: Mapping[str, Any]) -> dict[str, Any]: ...


def add_common(parser: argparse.ArgumentParser) -> None:
    """The options every command accepts after its name (--quiet, --lang, ...), as the built-in ones take them."""
    from govreport.commands.parsing import add_global_options

    add_global_options(parser, in_subcommand=True)


def add_batch(parser: argparse.ArgumentParser) -> None:
    """-j/--jobs and --timeout, as govreport.commands.parsing defines them for render and check."""
    from govreport.commands.parsing import add_batch_options

    add_batch_options(parser)


def formats_given(raw: Sequence[str], default: str) -> list[str]:
    """The names of every ``--to`` (repeated or comma-separated), each once; an empty one is refused."""
    names: list[str] = []
    for item in raw or [default]:
        for name in item.split(","):
            name = name.strip()
            if not name:
                raise GovReportError(f"--to {item!r} has an empty format name")
            if name not in names:
                names.append(name)
    return names


def parse_options(raw: Sequence[str], exporters: Mapping[str, _WithOptions]) -> dict[str, dict[str, Any]]:
    """``-O [FORMAT.]NAME=VALUE`` as {format: options}, checked by each exporter before anything is read;
    an unprefixed option goes to every format that has it."""
    per_format: dict[str, dict[str, str]] = {name: {} for name in exporters}
    for item in raw:
        name, equals, value = item.partition("=")
        if not equals or not name:
            raise GovReportError(f"option {item!r} is not NAME=VALUE")
        target, dot, option = name.rpartition(".")
        if dot:
            if target not in per_format:
                raise GovReportError(f"option {item!r} names format {target!r}, which is not in --to")
            per_format[target][option] = value
            continue
        takers = [f for f, exporter in exporters.items() if any(o.name == option for o in exporter.options)]
        if not takers:
            listing = "; ".join(
                f"{f}: {', '.join(o.name for o in exporter.options) or 'none'}" for f, exporter in exporters.items()
            )
            raise GovReportError(f"no format in --to has an option {option!r} (options of {listing})")
        for taker in takers:
            per_format[taker][option] = value
    # Checked now, before any input is read: a misspelt option fails fast.
    return {name: exporters[name].resolve_options(given) for name, given in per_format.items()}


def read_input(path: str, input_format: str | None) -> Imported:
    from govreport.api import read
    from govreport.sandbox import plugin_code

    with plugin_code():
        return read(path, input_format)


def print_findings(source: str, findings: Iterable[Finding], args: argparse.Namespace, stream: Any = None) -> None:
    """One line per finding (``SOURCE: …``), on standard error unless a stream is given; nothing with -q."""
    from govreport.console import printable
    from govreport.findings import finding_lines

    if args.quiet:
        return
    for line in finding_lines(source, findings, lang=args.lang):
        print(printable(line), file=stream or sys.stderr)


def refuse_overwriting(outputs: Iterable[Path], inputs: Iterable[str], *, force: bool) -> None:
    """An output that is an input, a folder, or read-only (without --force) stops the command first."""
    from govreport.files import is_read_only

    resolved_inputs = {os.path.realpath(path) for path in inputs}
    for output in outputs:
        if os.path.realpath(output) in resolved_inputs:
            raise GovReportError(f"{output} would overwrite an input; choose another output")
        if output.is_dir():
            raise GovReportError(f"{output}: is a folder, not a file")
        if not force and is_read_only(output):
            raise GovReportError(f"{output} is read-only; pass --force to replace it")
