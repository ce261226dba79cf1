"""What every command of ``govreport`` shares: the exit statuses, the parser that errs in one line,
the global and batch options (so that a command in a module of its own, or a plugin's, takes them as
the built-in ones do)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from govreport.errors import GovReportError

# The exit statuses (docs/cli.md has the table). 70 is EX_SOFTWARE of sysexits.h, "internal software
# error": distinct from 1 and 2, which scripts read, and from 128 + N, which a shell gives a signal.
EXIT_OK = 0
EXIT_FINDINGS = 1  # `govreport check` found errors
EXIT_USAGE = 2  # a bad command line, or an input that cannot be read or rendered
EXIT_INTERNAL = 70  # a bug of govreport's
EXIT_INTERRUPTED = 128  # + the signal's number: 130 for Ctrl-C (SIGINT), 143 for SIGTERM, 129 for SIGHUP


class UsageError(GovReportError):
    """A mistake in the command line itself."""


class InternalError(Exception):
    """An input failed on a bug of govreport's (its line is already printed)."""


def version() -> str:
    from govreport.version import __version__

    return __version__


def jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expects at least 1, got {value}")
    return value


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expects a positive number of seconds, got {text!r}")
    return value


class Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line after the usage, on standard error, status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def add_global_options(parser: argparse.ArgumentParser, *, in_subcommand: bool) -> None:
    """Options of the whole command, accepted before the subcommand and after it (as in pytest, ruff
    or pandoc). Below a subcommand they default to nothing, so that they never undo the same option
    given before it."""

    def default(value: Any) -> Any:
        return argparse.SUPPRESS if in_subcommand else value

    parser.add_argument(
        "-V", "--version", action="version", version=f"govreport {version()}", help="print the version and exit"
    )
    parser.add_argument(
        "--debug", action="store_true", default=default(False), help="show a traceback on internal errors"
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="print only errors: no written paths, no importer findings, no progress bar; check prints only "
        "findings of severity error",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=default(0),
        help="say more: the files a folder was searched for and skipped, and why",
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=default("zh"),
        help="the language of findings: zh, the report's own (default), or en for developers",
    )
    parser.add_argument(
        "--plugins",
        metavar="NAMES",
        default=default(None),
        help="load only these installed plugins (comma-separated entry-point names; '' for none)",
    )


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=jobs,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores; 1 runs in this process)",
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=None,
        metavar="SECONDS",
        help="stop an input that takes longer (a hanging plugin) and report it as failed; the others go on "
        "(default: no limit; runs in worker processes even with -j 1)",
    )


def add_input_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="input_format", metavar="FORMAT", help="importer to use (default: by extension, then content)"
    )


def add_text_or_json(parser: argparse.ArgumentParser, what: str) -> None:
    """``-t/--to/--format text|json``: how a command prints ``what`` (findings, a listing)."""
    parser.add_argument(
        "-t",
        "--to",
        "--format",
        dest="output_format",
        choices=("text", "json"),
        default="text",
        help=f"how to print {what}: text (default) or json, for scripts (--format is the same option)",
    )
