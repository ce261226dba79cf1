"""The errors govreport raises. Each subclasses :class:`GovReportError`, and where one resembles
a builtin error it subclasses that too, so callers can catch either."""

from __future__ import annotations

from collections.abc import Sequence


class GovReportError(Exception):
    """Base class of every error govreport raises on purpose."""


class ReportValidationError(GovReportError, ValueError):
    """A document does not describe a valid report. Lists every problem with its JSON path."""

    def __init__(self, problems: Sequence[str], *, source: str | None = None) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.source = source
        where = f"{source}: " if source else ""
        if len(self.problems) == 1:  # one line, as every other error the command prints
            super().__init__(f"{where}not a valid report: {self.problems[0]}")
            return
        lines = [f"{where}not a valid report ({len(self.problems)} problems):", *(f"  {p}" for p in self.problems)]
        super().__init__("\n".join(lines))


class UnknownFormatError(GovReportError, LookupError):
    """No exporter or importer has the requested name."""

    def __init__(self, name: str, known: Sequence[str], *, kind: str = "format") -> None:
        self.name = name
        self.known = tuple(known)
        listing = ", ".join(self.known) if self.known else "none"
        super().__init__(f"unknown {kind} {name!r}; known: {listing}")

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return str(self.args[0])


class PluginError(GovReportError):
    """A plugin failed to load, registered something invalid, or failed while exporting."""


class DuplicateFormatError(PluginError):
    """Two plugins registered an exporter under the same name."""


class OptionError(GovReportError, ValueError):
    """An exporter option is unknown, has the wrong type or is out of range."""


class InputFileError(GovReportError, OSError):
    """An input file cannot be read (missing, a directory, no permission)."""


class ReadError(GovReportError):
    """An importer failed on its input in a way it did not report itself."""


class ExportError(GovReportError):
    """An exporter could not produce its output."""


class PluginLoadWarning(UserWarning):
    """A plugin could not be loaded; the others still work. (Also ``govreport.plugins.PluginLoadWarning``.)"""


class OutputFileError(GovReportError, OSError):
    """An output file cannot be written (no space, no permission, a file where a folder should be).

    The message names the output as the caller gave it, never the temporary file beside it."""
