"""The contracts a plugin registers: exporters (report → bytes), importers (bytes → report), checks
(report → findings), commands (``govreport NAME``) and comparison exporters (a comparison of two
years → bytes)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govreport.command_names import BUILTIN_COMMANDS
from govreport.errors import OptionError as OptionError  # also importable from here
from govreport.findings import Finding, Severity
from govreport.model import Report

if TYPE_CHECKING:
    import argparse

    from govreport.checks.context import CheckContext

_OPTION_TYPES: dict[str, type] = {"str": str, "int": int, "bool": bool, "path": Path}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@attrs.frozen(kw_only=True)
class ExportOption:
    """One option an exporter accepts, e.g. ``width`` for text. ``type`` is str, int, bool or path."""

    name: str
    type: str = attrs.field(validator=attrs.validators.in_(_OPTION_TYPES))
    help: str
    default: Any = None
    #: the smallest value an int option accepts
    minimum: int | None = None

    def convert(self, value: Any, *, format_name: str) -> Any:
        """Check a value, converting command-line text to the option's type."""
        converted = self._convert(value, format_name=format_name)
        if self.minimum is not None and isinstance(converted, int) and converted < self.minimum:
            raise OptionError(
                f"option {self.name!r} of format {format_name!r} must be at least {self.minimum}, got {converted}"
            )
        return converted

    def _convert(self, value: Any, *, format_name: str) -> Any:
        expected = _OPTION_TYPES[self.type]
        if value is None and self.default is None:  # an optional option, passed as "not given"
            return None
        if isinstance(value, str) and expected is not str:
            text = value.strip()
            if expected is int:
                try:
                    return int(text)
                except ValueError:
                    pass
            elif expected is bool and text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            elif expected is Path:
                return Path(text)
            raise OptionError(f"option {self.name!r} of format {format_name!r} expects {self.type}, got {value!r}")
        if expected is Path and isinstance(value, str | Path):
            return Path(value)
        if isinstance(value, expected) and not (expected is int and isinstance(value, bool)):
            return value
        raise OptionError(
            f"option {self.name!r} of format {format_name!r} expects {self.type}, got {type(value).__name__}"
        )


@attrs.frozen(kw_only=True)
class Exporter:
    """An output format. ``render(report, **options)`` returns the whole file as bytes."""

    name: str
    description: str
    extension: str  # with the dot: ".json"
    media_type: str
    #: ``render(report, **options) -> bytes``; options as declared in ``options``
    render: Callable[..., bytes]
    options: tuple[ExportOption, ...] = ()

    def resolve_options(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """The options to call ``render`` with: defaults filled in, every given one checked."""
        return _resolve_options(self.name, self.options, given)


def _resolve_options(format_name: str, options: tuple[ExportOption, ...], given: Mapping[str, Any]) -> dict[str, Any]:
    known = {option.name: option for option in options}
    unknown = sorted(set(given) - set(known))
    if unknown:
        listing = ", ".join(known) or "none"
        raise OptionError(f"format {format_name!r} has no option {', '.join(unknown)}; its options: {listing}")
    resolved = {name: option.default for name, option in known.items()}
    for name, value in given.items():
        resolved[name] = known[name].convert(value, format_name=format_name)
    return resolved


@attrs.frozen(kw_only=True)
class Imported:
    """What an importer read: the report and what it noticed on the way (nothing is dropped silently)."""

    report: Report
    findings: tuple[Finding, ...] = ()


@attrs.frozen(kw_only=True)
class Importer:
    """An input format. ``read(data, source=...)`` turns a file's bytes into a report."""

    name: str
    description: str
    extensions: tuple[str, ...]  # with the dot: (".json",)
    #: ``read(data: bytes, *, source: str | None) -> Imported``
    read: Callable[..., Imported]
    #: ``detect(data) -> bool``: whether bytes look like this format, for files whose name says nothing
    detect: Callable[[bytes], bool] | None = None


#: ``run(context) -> findings``: what a check does with a report (and last year's, in the context)
CheckFunction = Callable[["CheckContext"], Iterable[Finding]]

#: Rule ids are dotted, lower case: ``table.applications.balance``, ``sd.contact.email``; the first
#: word is the rule's group (a built-in rule lives in ``govreport/rules/<group>/``).
RULE_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")


def _valid_id(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not RULE_ID.fullmatch(value):
        raise ValueError(f"a rule id is dotted lower-case words such as 'table.applications.balance', not {value!r}")


@attrs.frozen(kw_only=True)
class Check:
    """A rule of ``govreport check``. ``run(context)`` yields the findings; each must carry ``rule == id``."""

    id: str = attrs.field(validator=_valid_id)
    severity: Severity = attrs.field(converter=Severity)
    #: what trips the rule, in a sentence (shown by ``docs/checks.md``)
    summary: str
    run: CheckFunction
    #: only runs when last year's report is given
    needs_previous: bool = False
    #: an example of the message a finding of this rule carries (the built-in rules leave it empty:
    #: their catalogue shows what each one says on the case that trips it in the tests)
    example: str = ""

    @property
    def name(self) -> str:
        """The id, under the name the plugin registry files everything by."""
        return self.id

    def findings(self, report: Report, previous: Report | None = None) -> list[Finding]:
        """Run this check alone on a report; exceptions propagate (for testing a rule)."""
        from govreport.checks.context import CheckContext

        return list(self.run(CheckContext(report, previous)) or ())


_COMMAND_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def _valid_command_name(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not _COMMAND_NAME.fullmatch(value):
        raise ValueError(f"a command name is lower-case words joined by hyphens, such as 'publish-site', not {value!r}")
    if value in BUILTIN_COMMANDS:
        raise ValueError(f"{value!r} is one of govreport's own commands")


@attrs.frozen(kw_only=True)
class Command:
    """A subcommand a plugin adds: ``govreport NAME ARGS``.

    ``add_arguments(parser)`` declares its arguments on an :class:`argparse.ArgumentParser`;
    ``run(args)`` does the work and returns the exit status (0 done, 1 found problems, 2 bad input).
    ``args`` also carries the global options (``quiet``, ``verbose``, ``debug``, ``lang``) and
    ``out``, the stream for results. Raise a :class:`govreport.GovReportError` for bad input: the
    command line prints its message as one line and exits 2; anything else it reports as a failure of
    the plugin (exit 70), never as a traceback.
    """

    name: str = attrs.field(validator=_valid_command_name)
    help: str
    run: Callable[[argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None
    #: the longer text of ``govreport NAME --help`` (default: ``help``)
    description: str | None = None


@attrs.frozen(kw_only=True)
class ComparisonExporter:
    """An output format for a comparison of two years (``govreport.compare``):
    ``render(comparison, **options)`` returns the whole file as bytes."""

    name: str
    description: str
    extension: str  # with the dot: ".html"
    media_type: str
    #: ``render(comparison, **options) -> bytes``; options as declared in ``options``
    render: Callable[..., bytes]
    options: tuple[ExportOption, ...] = ()

    def resolve_options(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """The options to call ``render`` with: defaults filled in, every given one checked."""
        return _resolve_options(self.name, self.options, given)
