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
from govreport.pool import CallTimedOut, Context, Failure, Interrupted, Pool
from govreport.sandbox import plugin_code

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


#: Folders a search for reports never enters: what builds, version control and installs leave.
_SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules", "site-packages", "build", "dist", "htmlcov"})
_SKIPPED_FOLDER_ENDINGS = (".egg-info", ".dist-info")
#: How much of a file is read to tell a report by its content (an importer's ``detect``).
_SNIFF_BYTES = 1 << 20


def _skipped_folder(folder: str, name: str) -> str | None:
    """Why a search does not enter ``folder/name``, or None."""
    if name.startswith("."):
        return "a hidden folder"
    if name in _SKIPPED_FOLDERS or name.endswith(_SKIPPED_FOLDER_ENDINGS):
        return "a build or install folder"
    if os.path.exists(os.path.join(folder, name, "pyvenv.cfg")):
        return "a Python virtual environment"
    return None


def recognises_report(file: str) -> str | None:
    """Why ``file`` (found in a folder) is not a report, or None if it is one: it is empty, or the
    importer its extension names has a ``detect`` that does not recognise its content."""
    from govreport.plugins import get_registry

    try:
        with open(file, "rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not head.strip():
        return "an empty file"
    try:
        importer = get_registry().importer_for(file)
    except GovReportError:
        return "no importer reads files of this kind"
    if importer.detect is None:
        return None
    try:
        # A zip archive (.docx) keeps its table of contents at the end: the whole file is needed.
        data = head if len(head) < _SNIFF_BYTES or not head.startswith(b"PK") else Path(file).read_bytes()
        recognised = importer.detect(data)
    except Exception:  # noqa: BLE001 - one plugin's broken detect: the file is tried, and fails on its own
        return None
    return None if recognised else f"not a report by its content (the {importer.name} importer does not recognise it)"


def _files_under(
    directory: str,
    wanted: tuple[str, ...],
    recognises: Callable[[str], str | None] | None,
    skipped: list[str] | None,
) -> list[str]:
    """The report files below ``directory``, ordered as paths are (component by component)."""
    files: list[str] = []
    for folder, subfolders, names in os.walk(directory):
        for name in sorted(subfolders):
            why = _skipped_folder(folder, name)
            if why is not None:
                subfolders.remove(name)
                if skipped is not None:
                    skipped.append(f"{os.path.join(folder, name)}{os.sep}: {why}")
        for name in names:
            if not name.lower().endswith(wanted) or name.startswith("."):
                continue
            file = os.path.join(folder, name)
            if not os.path.isfile(file):
                continue
            why = recognises(file) if recognises is not None else None
            if why is not None:
                if skipped is not None:
                    skipped.append(f"{file}: {why}")
                continue
            files.append(file)
    # Ordered by the path below the directory, component by component: every file found starts
    # with the directory's own path as given (os.walk joins onto it), which is cut off, not resolved.
    # The separator as NUL, the one character no name holds and below every other: the order of
    # the lists of components, with a string a file as its key instead of a list.
    below = len(os.path.join(directory, ""))
    files.sort(key=lambda file: file[below:].replace(os.sep, "\0"))
    return files


def real_paths() -> Callable[[str], str]:
    """``os.path.realpath``, each folder resolved once: a batch's thousands of paths lie in a few
    folders, and resolving every path anew looked up each of its folders again (30 lookups a report)."""
    folders: dict[str, str] = {}

    def real_path(path: str) -> str:
        folder, name = os.path.split(path)
        if name in {"", ".", ".."}:
            return os.path.realpath(path)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder or os.curdir)
        joined = os.path.join(folders[folder], name)
        # The file itself may be a link (to an input, say): then it is resolved as realpath would.
        return os.path.realpath(joined) if os.path.islink(joined) else joined

    return real_path


def expand_inputs(
    raw: Sequence[str],
    extensions: Iterable[str],
    *,
    recognises: Callable[[str], str | None] | None = None,
    skipped: list[str] | None = None,
) -> list[Input]:
    """Files, directories (searched recursively for files with one of ``extensions``) and globs,
    in the order given, each file once. Each has the path its outputs mirror: a file's own name; a
    file found in a directory, its path relative to that directory; a glob's match, its path
    relative to the pattern's directory before the first wildcard.

    A search of a directory skips hidden folders, build and install folders (``__pycache__``,
    ``*.egg-info``, ``build``, ``dist``, a virtual environment) and, given ``recognises`` (a
    function that says why a file is not a report, or None), the files it refuses; each skip is
    added to ``skipped``, as ``PATH: why``.

    A file named on the command line is taken whatever its extension. Raises :class:`InputFileError`
    for a directory with no report in it or a glob that matches nothing. A missing plain file is
    kept: reading it fails with the usual message, as one failed input of the batch.
    """
    wanted = tuple(ext.lower() for ext in extensions)
    inputs: list[Input] = []
    # The same file named twice (directly, by a directory, by a glob) is taken once. Only a hash of
    # each resolved path is kept; a repeated hash is confirmed against the file it names.
    seen: dict[int, int] = {}
    real_path = real_paths()
    absolute_bases: dict[str, str] = {}  # a directory's files share their base: made absolute once

    def add(file: str, base: str) -> None:
        resolved = real_path(file)
        key = hash(resolved)
        if key in seen and real_path(inputs[seen[key]].file) == resolved:
            return
        seen.setdefault(key, len(inputs))
        if base not in absolute_bases:
            absolute_bases[base] = os.path.abspath(base)
        inputs.append(Input(file=file, relative_file=os.path.relpath(os.path.abspath(file), absolute_bases[base])))

    for item in raw:
        if os.path.isdir(item):
            files = _files_under(item, wanted, recognises, skipped)
            if not files:
                raise InputFileError(
                    f"{item}: is a directory with no report file in it ({', '.join(sorted(set(wanted)))}; "
                    "-v lists what was skipped)"
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
    internal: bool = False  # the error is a bug of govreport's (exit status 70), not a bad input


def _describe(source: str, exc: BaseException, step: str) -> tuple[str, bool]:
    """One line saying what went wrong with ``source``, starting with its name, and whether it is an
    internal error (a bug) rather than a bad input or a misbehaving plugin."""
    internal = False
    if isinstance(exc, GovReportError):
        message = str(exc)
    elif isinstance(exc, SystemExit):
        message = f"a plugin ended the process (sys.exit({exc.code!r})) while {step}"
    elif isinstance(exc, KeyboardInterrupt):
        message = f"a plugin raised KeyboardInterrupt while {step}"
    elif isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        message = f"cannot write {where}{exc.strerror or exc}"
    else:
        message = f"internal error: {type(exc).__name__}: {exc}"
        internal = True
    return (message if message.startswith(source) else f"{source}: {message}"), internal


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


def describe_failure(source: str, exc: BaseException, step: str) -> tuple[str, bool]:
    """One line saying why ``source`` failed at ``step`` (starting with its name), and whether it is an
    internal error: for other per-input functions (``govreport collect``'s) to report as these do."""
    return _describe(source, exc, step)


def timed_out_while(source: str, input_format: str | None, exc: CallTimedOut, step: str) -> str:
    """One line saying that ``source`` ran out of time at ``step`` (with the importer, if reading)."""
    if step == "reading":
        step += _importer_named(source, input_format)
    return _timed_out(source, exc, step)


def render_one(
    source: str,
    input_format: str | None,
    targets: Sequence[tuple[str, str]],
    options: dict[str, dict[str, Any]],
    lang: str = "zh",
    to_stdout: bool = False,
) -> Outcome:
    """Read ``source``, render it to each ``(format, target path)`` and write all of its targets
    atomically (all or none; existing files are left alone on failure); with ``to_stdout``, the one
    output is returned as ``output`` instead. Never raises on bad input, nor on a plugin that calls
    ``sys.exit`` or raises ``KeyboardInterrupt``; a time limit that runs out (see :mod:`govreport.pool`)
    is reported with the step it stopped; an interrupt (:class:`~govreport.pool.Interrupted`) propagates."""
    from govreport.api import export, read
    from govreport.files import write_files_atomically
    from govreport.findings import finding_lines

    outcome = Outcome(source=source)
    step = "reading"
    try:
        with plugin_code():
            imported = read(source, input_format)
            outcome.notes = finding_lines(source, imported.findings, lang=lang)
            outputs: dict[Path, bytes] = {}
            for name, target in targets:
                step = f"exporting to {_exporter_named(name)}"
                outputs[Path(target)] = export(imported.report, name, **options[name])
            step = "writing the outputs"
            if to_stdout:
                outcome.output = outputs.popitem()[1].decode("utf-8", "surrogateescape")
                return outcome
            write_files_atomically(outputs)
    except Interrupted:
        raise
    except CallTimedOut as exc:
        if step == "reading":
            step += _importer_named(source, input_format)
        outcome.error = _timed_out(source, exc, step)
        return outcome
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001 - one input's failure is reported, never fatal to the batch
        outcome.error, outcome.internal = _describe(source, exc, step)
        return outcome
    outcome.written = [target for _name, target in targets]
    return outcome


def remove_render_temporaries(arguments: tuple[Any, ...]) -> None:
    """After a worker rendering ``arguments`` was killed: remove the temporary files it may have left."""
    from govreport.files import remove_temporaries

    for _name, target in arguments[2]:
        remove_temporaries(Path(target))


_dismissals_cache: dict[str, Any] = {}


def check_one(
    source: str,
    input_format: str | None,
    previous: str | None,
    dismissed: str | None,
    output_format: str,
    lang: str = "zh",
    errors_only: bool = False,
) -> Outcome:
    """Read and check ``source``; the rendered findings are in ``output``. Never raises on bad input."""
    from govreport.api import check, read
    from govreport.checks import Dismissals
    from govreport.checks.output import render_json, render_text

    outcome = Outcome(source=source)
    step = "reading"
    try:
        with plugin_code():
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
            if output_format == "json":
                outcome.output = render_json(result, source=source, title=imported.report.title)
            else:
                outcome.output = render_text(
                    result, source=source, title=imported.report.title, lang=lang, errors_only=errors_only
                )
            outcome.has_errors = result.has_errors
    except Interrupted:
        raise
    except CallTimedOut as exc:
        if step == "reading":
            step += _importer_named(source, input_format)
        outcome.error = _timed_out(source, exc, step)
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001
        outcome.error, outcome.internal = _describe(source, exc, step)
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
    server loads govreport's batch code and runs its built-in plugins once
    (:mod:`govreport.forkserver_preload`), so that each worker starts with them; a worker loads
    third-party plugins itself, on first use."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["govreport.batch", "govreport.api", "govreport.forkserver_preload"])
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
    on_abandoned: Callable[[tuple[Any, ...]], None] | None = None,
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
    pool = Pool(
        function, _lost_outcome, jobs=jobs, timeout=timeout, context=_worker_context(), on_abandoned=on_abandoned
    )
    for outcome in pool.run(calls):
        progress.advance(outcome.error is not None)
        yield outcome
