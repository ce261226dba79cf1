"""Many inputs at once: expanding files, directories and globs, and running one function per input
in a process pool, with a progress bar on a terminal and failures collected rather than fatal.

The functions run for each input (:func:`render_one`, :func:`check_one`) are plain module-level
functions of picklable arguments returning small picklable results: they are what a cluster
engine (Dask, Ray, ``multiprocessing``) maps over a list of paths too. See docs/performance.md.
"""

from __future__ import annotations

import glob
import multiprocessing
import multiprocessing.context
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from govreport.errors import GovReportError, InputFileError
from govreport.pool import CallTimedOut, Context, Failure, Pool

_MAGIC = frozenset("*?[")


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class Input:
    """One input file and the path its outputs take under the output directory (without suffix).

    Kept as two strings (a batch may be every body in the country: a few hundred bytes each)."""

    file: str
    relative_file: str

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def relative(self) -> Path:
        return Path(self.relative_file)


def _has_magic(text: str) -> bool:
    return any(char in _MAGIC for char in text)


def _glob_base(pattern: str) -> str:
    """The directory part of a glob pattern before its first wildcard."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if _has_magic(part):
            break
        fixed.append(part)
    return os.fspath(Path(*fixed)) if fixed else "."


def _files_under(directory: str, wanted: tuple[str, ...]) -> list[str]:
    """The report files below ``directory``, ordered as paths are (component by component)."""
    files = [
        os.path.join(folder, name)
        for folder, _subfolders, names in os.walk(directory)
        for name in names
        if name.lower().endswith(wanted) and not name.startswith(".")
    ]
    files = [file for file in files if os.path.isfile(file)]
    files.sort(key=lambda file: os.path.relpath(file, directory).split(os.sep))
    return files


def expand_inputs(raw: Sequence[str], extensions: Iterable[str]) -> list[Input]:
    """Files, directories (searched recursively for files with one of ``extensions``) and globs,
    in the order given, each file once. Each has the path its outputs mirror: a file's own name; a
    file found in a directory, its path relative to that directory; a glob's match, its path
    relative to the pattern's directory before the first wildcard.

    A file named on the command line is taken whatever its extension. Raises :class:`InputFileError`
    for a directory with no report in it or a glob that matches nothing. A missing plain file is
    kept: reading it fails with the usual message, as one failed input of the batch.
    """
    wanted = tuple(ext.lower() for ext in extensions)
    inputs: list[Input] = []
    # The same file named twice (directly, by a directory, by a glob) is taken once. Only a hash of
    # each resolved path is kept; a repeated hash is confirmed against the file it names.
    seen: dict[int, int] = {}

    def add(file: str, base: str) -> None:
        resolved = os.path.realpath(file)
        key = hash(resolved)
        if key in seen and os.path.realpath(inputs[seen[key]].file) == resolved:
            return
        seen.setdefault(key, len(inputs))
        inputs.append(Input(file=file, relative_file=os.path.relpath(os.path.abspath(file), os.path.abspath(base))))

    for item in raw:
        if os.path.isdir(item):
            files = _files_under(item, wanted)
            if not files:
                raise InputFileError(
                    f"{item}: is a directory with no report file in it ({', '.join(sorted(set(wanted)))})"
                )
            for file in files:
                add(file, item)
        elif not os.path.exists(item) and _has_magic(item):
            matches = [match for match in glob.glob(item, recursive=True) if os.path.isfile(match)]
            if not matches:
                raise InputFileError(f"{item}: no file matches this pattern")
            matches.sort(key=lambda match: Path(match).parts)
            base = _glob_base(item)
            for match in matches:
                add(match, base)
        else:
            add(item, os.path.dirname(item) or ".")
    return inputs


# -- the work for one input ------------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one input: the files written, the findings to show, or the error."""

    source: str
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # importer findings, for standard error
    output: str = ""  # what `check` prints for this input
    error: str | None = None
    has_errors: bool = False  # `check`: the report has error findings


def _describe(source: str, exc: BaseException) -> str:
    """One line saying what went wrong with ``source``, starting with its name."""
    if isinstance(exc, GovReportError):
        message = str(exc)
    elif isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        message = f"cannot write {where}{exc.strerror or exc}"
    else:
        message = f"internal error: {type(exc).__name__}: {exc}"
    return message if message.startswith(source) else f"{source}: {message}"


def _importer_named(source: str, input_format: str | None) -> str:
    """Which importer, from which plugin, reads ``source`` (for a message; "" if none does)."""
    from govreport.plugins import get_registry

    registry = get_registry()
    try:
        importer = registry.importer(input_format) if input_format else registry.importer_for(source)
    except GovReportError:
        return ""
    return f" with importer {importer.name!r} (plugin {registry.importer_source(importer.name)})"


def _exporter_named(name: str) -> str:
    from govreport.plugins import get_registry

    return f"format {name!r} (plugin {get_registry().exporter_source(name)})"


def _timed_out(source: str, exc: CallTimedOut, step: str) -> str:
    return f"{source}: timed out after {exc.seconds:g} s while {step}"


def render_one(
    source: str,
    input_format: str | None,
    targets: Sequence[tuple[str, str]],
    options: dict[str, dict[str, Any]],
) -> Outcome:
    """Read ``source``, render it to each ``(format, target path)`` and write all of its targets
    atomically (all or none; existing files are left alone on failure). Never raises on bad input;
    a time limit that runs out (see :mod:`govreport.pool`) is reported with the step it stopped."""
    from govreport.api import export, read
    from govreport.files import write_files_atomically
    from govreport.findings import finding_lines

    outcome = Outcome(source=source)
    step = "reading"
    try:
        imported = read(source, input_format)
        outcome.notes = finding_lines(source, imported.findings)
        outputs: dict[Path, bytes] = {}
        for name, target in targets:
            step = f"exporting to {_exporter_named(name)}"
            outputs[Path(target)] = export(imported.report, name, **options[name])
        step = "writing the outputs"
        write_files_atomically(outputs)
    except CallTimedOut as exc:
        if step == "reading":
            step += _importer_named(source, input_format)
        outcome.error = _timed_out(source, exc, step)
        return outcome
    except Exception as exc:  # noqa: BLE001 - one input's failure is reported, never fatal to the batch
        outcome.error = _describe(source, exc)
        return outcome
    outcome.written = [target for _name, target in targets]
    return outcome


_dismissals_cache: dict[str, Any] = {}


def check_one(
    source: str,
    input_format: str | None,
    previous: str | None,
    dismissed: str | None,
    output_format: str,
) -> Outcome:
    """Read and check ``source``; the rendered findings are in ``output``. Never raises on bad input."""
    from govreport.api import check, read
    from govreport.checks import Dismissals
    from govreport.checks.output import render_json, render_text

    outcome = Outcome(source=source)
    step = "reading"
    try:
        dismissals = None
        if dismissed:
            if dismissed not in _dismissals_cache:
                _dismissals_cache[dismissed] = Dismissals.load(dismissed)
            dismissals = _dismissals_cache[dismissed]
        imported = read(source, input_format)
        step = f"reading last year's report {previous}"
        last_year = read(previous).report if previous else None
        step = "checking"
        result = check(imported.report, last_year, dismissed=dismissals, imported=imported.findings)
        render = render_json if output_format == "json" else render_text
        outcome.output = render(result, source=source, title=imported.report.title)
        outcome.has_errors = result.has_errors
    except CallTimedOut as exc:
        if step == "reading":
            step += _importer_named(source, input_format)
        outcome.error = _timed_out(source, exc, step)
    except Exception as exc:  # noqa: BLE001
        outcome.error = _describe(source, exc)
    return outcome


# -- running many ----------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on a terminal; nothing at all otherwise."""

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.failed = 0
        self.enabled = total > 1 and self.stream.isatty()

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        self._draw()

    def _draw(self) -> None:
        if not self.enabled or not self.done:
            return
        width = 30
        filled = width * self.done // self.total
        failures = f", {self.failed} failed" if self.failed else ""
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}{failures}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()

    def message(self, text: str, stream: IO[str], end: str = "\n") -> None:
        """Print ``text`` to ``stream`` without mixing it into the bar: the bar is cleared first
        and drawn again below it."""
        redraw = self.enabled and 0 < self.done < self.total
        if redraw:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        stream.write(text + end)
        if redraw:
            stream.flush()
            self._draw()


def _worker_context() -> Context:
    """Workers started from a clean server process (forkserver) rather than forked from this one:
    they do not inherit the list of inputs, so their memory does not grow with the batch. The
    server preloads govreport's batch code; each worker loads the plugins once, on first use."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["govreport.batch", "govreport.api"])
        return context
    return multiprocessing.get_context("spawn")


def _lost_outcome(failure: Failure) -> Outcome:
    return Outcome(source=str(failure.arguments[0]), error=f"{failure.arguments[0]}: {failure.message}")


def run_each(
    function: Callable[..., Outcome],
    calls: Iterable[tuple[Any, ...]],
    *,
    jobs: int,
    progress: Progress,
    timeout: float | None = None,
) -> Iterator[Outcome]:
    """``function(*call)`` for every call, the outcomes in the order of the calls, each as soon as
    it is known; ``calls`` is consumed as the work goes, so neither holds the whole batch.

    With ``jobs`` 1 and no ``timeout`` the calls run in this process; otherwise in a pool of
    ``jobs`` worker processes (see :mod:`govreport.pool`), where a call that overruns ``timeout``
    seconds is stopped and reported as failed and the others go on.
    """
    if jobs <= 1 and timeout is None:
        for call in calls:
            outcome = function(*call)
            progress.advance(outcome.error is not None)
            yield outcome
        return
    pool = Pool(function, _lost_outcome, jobs=jobs, timeout=timeout, context=_worker_context())
    for outcome in pool.run(calls):
        progress.advance(outcome.error is not None)
        yield outcome
