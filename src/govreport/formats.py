"""What a plugin registers: exporters (report → bytes), importers (bytes → report) and comparison
exporters (a comparison of two years → bytes)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govreport.errors import OptionError as OptionError  # also importable from here
from govreport.findings import Finding
from govreport.model import Report

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
