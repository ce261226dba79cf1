"""``govreport compare LAST THIS``: two years of one body's report, compared, in any comparison format."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from govreport.commands.options import (
    add_common,
    formats_given,
    parse_options,
    print_findings,
    read_input,
    refuse_overwriting,
)
from govreport.errors import GovReportError

#: The formats written to standard output as text; the others are binary and need a file.
_TEXT_MEDIA = ("text/", "application/json")


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    parser = commands.add_parser(
        "compare",
        help="compare last year's report with this year's: every cell, the carry-over, problems, repeated text",
        description="Compare two reports of one body (JSON, or any importable kind, e.g. the published PDFs): "
        "every cell of the three tables with both years and the change, the carry-over of applications per "
        "column, last year's problems against this year's rectifications, and the share of each section's text "
        "repeated from last year. Exit 0 when compared, 2 when an input cannot be read or an output written.",
    )
    add_common(parser)
    parser.add_argument("last", metavar="LAST", help="last year's report")
    parser.add_argument("this", metavar="THIS", help="this year's report")
    parser.add_argument(
        "-t",
        "--to",
        action="append",
        default=[],
        metavar="FORMAT[,FORMAT...]",
        help="comparison formats: text (default), json, html, docx or a plugin's (govreport formats lists them)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="with one format, the file to write (default, or -: standard output, for text formats); with "
        "several, the folder each is written to as THIS-compare.EXT",
    )
    parser.add_argument(
        "-O",
        "--option",
        action="append",
        default=[],
        metavar="[FORMAT.]NAME=VALUE",
        help="an option of a comparison format, e.g. -O changed_only=yes (repeatable)",
    )
    parser.add_argument("--force", action="store_true", help="replace outputs that are read-only (chmod a-w)")
    parser.add_argument(
        "--from", dest="input_format", metavar="FORMAT", help="importer to use (default: by extension, then content)"
    )


def _targets(args: argparse.Namespace, exporters: dict[str, Any]) -> dict[str, Path] | None:
    """Where each format is written; None for standard output."""
    if len(exporters) == 1 and args.output in (None, "-"):
        ((name, exporter),) = exporters.items()
        if not exporter.media_type.startswith(_TEXT_MEDIA):
            raise GovReportError(f"{name} is not text; give -o FILE to write it")
        return None
    if len(exporters) == 1:
        return {next(iter(exporters)): Path(args.output)}
    if args.output in (None, "-"):
        raise GovReportError(f"{len(exporters)} formats need -o FOLDER to write them to")
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise GovReportError(f"{folder}: is a file; with several formats -o names a folder")
    stem = Path(args.this).stem
    targets = {name: folder / f"{stem}-compare{exporter.extension}" for name, exporter in exporters.items()}
    by_path: dict[Path, list[str]] = {}
    for name, target in targets.items():
        by_path.setdefault(target, []).append(name)
    for target, names in by_path.items():
        if len(names) > 1:
            raise GovReportError(f"{target} would be written by {' and '.join(names)}; give them one at a time")
    return targets


def run(args: argparse.Namespace) -> int:
    from govreport.api import compare, export_comparison
    from govreport.files import write_files_atomically
    from govreport.plugins import get_registry
    from govreport.sandbox import plugin_code

    with plugin_code():
        registry = get_registry()
    exporters = {name: registry.comparison_exporter(name) for name in formats_given(args.to, "text")}
    options = parse_options(args.option, exporters)
    targets = _targets(args, exporters)
    if targets is not None:
        refuse_overwriting(targets.values(), [args.last, args.this], force=args.force)
    last, this = read_input(args.last, args.input_format), read_input(args.this, args.input_format)
    print_findings(args.last, last.findings, args)
    print_findings(args.this, this.findings, args)
    comparison = compare(last.report, this.report)
    print_findings(f"{args.last} → {args.this}", comparison.findings, args)
    with plugin_code():
        outputs = {name: export_comparison(comparison, name, **options[name]) for name in exporters}
    if targets is None:
        (data,) = outputs.values()
        args.out.write(data.decode("utf-8"))
        return 0
    # Every output is rendered before any is written, and all are written or none.
    write_files_atomically({targets[name]: data for name, data in outputs.items()})
    if not args.quiet:
        for target in targets.values():
            print(os.fspath(target), file=args.out)
    return 0
