"""``govreport collect``: reports into a corpus (DuckDB, Parquet or CSV), resumable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.commands.parsing import EXIT_FINDINGS as EXIT_FAILURES, EXIT_INTERNAL, EXIT_OK

if TYPE_CHECKING:
    from govreport.batch import Progress
    from govreport.dataset.worker import Collected


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    from govreport.commands.parsing import add_batch_options, add_global_options, add_input_format

    collecting = commands.add_parser(
        "collect",
        help="collect reports into a corpus for SQL: DuckDB (default), Parquet or CSV",
        description="Read and check report files, directories (searched recursively) or globs, and add one row "
        "per report, table cell, finding and section text to a corpus: a .duckdb file, or a .parquet or .csv folder "
        "of one file per table (docs/dataset.md). Inputs already collected (by content) are skipped, so a run that "
        "was stopped is resumed by running it again. Exit 0 when every input was collected, 1 when some failed "
        "(each is recorded in the table failures, and the others are collected), 2 on a bad command line or output.",
    )
    add_global_options(collecting, in_subcommand=True)
    collecting.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="report files (any importable kind), directories or globs"
    )
    collecting.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="CORPUS",
        help="the corpus: NAME.duckdb (a file), NAME.parquet or NAME.csv (a folder); added to if it exists",
    )
    add_batch_options(collecting)
    add_input_format(collecting)
    collecting.add_argument(
        "--batch-size",
        type=_positive,
        default=100,
        metavar="N",
        help="reports per committed batch (default 100): at most this many are redone after an interrupt",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expects at least 1, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from govreport.batch import default_jobs
    from govreport.console import printable
    from govreport.dataset.collect import collect

    def show(outcome: Collected, progress: Progress) -> None:
        # Importer findings are in the corpus (table findings); printed only when asked for.
        if args.verbose and not args.quiet:
            for note in outcome.notes:
                progress.message(printable(note), sys.stderr)

    skipped: list[str] = []
    summary = collect(
        args.inputs,
        args.output,
        input_format=args.input_format,
        jobs=args.jobs or default_jobs(),
        timeout=args.timeout,
        batch_size=args.batch_size,
        skipped=skipped,
        progress=not args.quiet,
        on_outcome=show,
    )
    if args.verbose:
        for line in skipped:
            print(f"govreport: skipped {printable(line)}", file=sys.stderr)
    for error in summary.errors:
        print(f"govreport: error: {printable(error)}", file=sys.stderr)
    if not args.quiet:
        print(
            f"govreport: {summary.collected} collected, {summary.skipped} already in the corpus, "
            f"{summary.duplicates} same as another input, {summary.failed} failed, of {summary.inputs} inputs",
            file=sys.stderr,
        )
        print(summary.output, file=args.out)
    if summary.internal:
        print("govreport: an input failed on an internal error (a bug; rerun with --debug)", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_FAILURES if summary.failed else EXIT_OK
