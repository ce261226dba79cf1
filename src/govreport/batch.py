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
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from govreport.errors import GovReportError, InputFileError

_MAGIC = frozenset("*?[")


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Input:
    """One input file and the path its outputs take under the output directory (without suffix)."""

    path: Path
    relative: Path


def _has_magic(text: str) -> bool:
    return any(char in _MAGIC for char in text)


def _glob_base(pattern: str) -> Path:
    """The directory part of a glob pattern before its first wildcard."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if _has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


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
    found: list[tuple[Path, Path]] = []  # (file, the directory its relative path starts from)
    for item in raw:
        path = Path(item)
        if path.is_dir():
            files = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.name.lower().endswith(wanted)
                and not candidate.name.startswith(".")
                and candidate.is_file()
            )
            if not files:
                raise InputFileError(
                    f"{item}: is a directory with no report file in it ({', '.join(sorted(set(wanted)))})"
                )
            found += [(file, path) for file in files]
        elif not path.exists() and _has_magic(item):
            matches = sorted(Path(match) for match in glob.glob(item, recursive=True) if Path(match).is_file())
            if not matches:
                raise InputFileError(f"{item}: no file matches this pattern")
            base = _glob_base(item)
            found += [(match, base) for match in matches]
        else:
            found.append((path, path.parent))
    seen: set[Path] = set()
    unique: list[tuple[Path, Path]] = []
    for file, base in found:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            unique.append((file, base))
    return [
        Input(path=file, relative=Path(os.path.abspath(file)).relative_to(os.path.abspath(base)))
        for file, base in unique
    ]


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


def _describe(exc: BaseException) -> str:
    if isinstance(exc, GovReportError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"cannot write {where}{exc.strerror or exc}"
    return f"internal error: {type(exc).__name__}: {exc}"


def render_one(
    source: str,
    input_format: str | None,
    targets: Sequence[tuple[str, str]],
    options: dict[str, dict[str, Any]],
) -> Outcome:
    """Read ``source``, render it to each ``(format, target path)`` and write all of its targets
    atomically (all or none; existing files are left alone on failure). Never raises on bad input."""
    from govreport.api import export, read
    from govreport.files import write_files_atomically

    outcome = Outcome(source=source)
    try:
        imported = read(source, input_format)
        outcome.notes = [f"{source}: {finding}" for finding in imported.findings]
        outputs = {Path(target): export(imported.report, name, **options[name]) for name, target in targets}
        write_files_atomically(outputs)
    except Exception as exc:  # noqa: BLE001 - one input's failure is reported, never fatal to the batch
        outcome.error = _describe(exc)
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
    try:
        dismissals = None
        if dismissed:
            if dismissed not in _dismissals_cache:
                _dismissals_cache[dismissed] = Dismissals.load(dismissed)
            dismissals = _dismissals_cache[dismissed]
        imported = read(source, input_format)
        last_year = read(previous).report if previous else None
        result = check(imported.report, last_year, dismissed=dismissals, imported=imported.findings)
        render = render_json if output_format == "json" else render_text
        outcome.output = render(result, source=source, title=imported.report.title)
        outcome.has_errors = result.has_errors
    except Exception as exc:  # noqa: BLE001
        outcome.error = _describe(exc)
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
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // self.total
        failures = f", {self.failed} failed" if self.failed else ""
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}{failures}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers started from a clean server process (forkserver) rather than forked from this one:
    they do not inherit the list of inputs, so their memory does not grow with the batch. The
    server preloads govreport's batch code; each worker loads the plugins once, on first use."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["govreport.batch", "govreport.api"])
        return context
    return multiprocessing.get_context("spawn")


def run_all(
    function: Callable[..., Outcome], calls: Sequence[tuple[Any, ...]], jobs: int, progress: Progress
) -> list[Outcome]:
    """``function(*call)`` for every call, in a pool of ``jobs`` processes (in this process when
    ``jobs`` is 1 or there is one call); the outcomes in the order of the calls."""
    if jobs <= 1 or len(calls) <= 1:
        outcomes = []
        for call in calls:
            outcome = function(*call)
            progress.advance(outcome.error is not None)
            outcomes.append(outcome)
        return outcomes
    results: list[Outcome | None] = [None] * len(calls)
    # At most a few tasks per worker in flight: memory stays flat however many inputs there are.
    window = jobs * 4
    with ProcessPoolExecutor(max_workers=min(jobs, len(calls)), mp_context=_worker_context()) as pool:
        pending: dict[Future[Outcome], int] = {}
        queue: Iterator[tuple[int, tuple[Any, ...]]] = iter(enumerate(calls))
        try:
            while True:
                for index, call in queue:
                    pending[pool.submit(function, *call)] = index
                    if len(pending) >= window:
                        break
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    index = pending.pop(future)
                    try:
                        outcome = future.result()
                    except Exception as exc:  # noqa: BLE001 - a worker died (killed, out of memory)
                        outcome = Outcome(source=str(calls[index][0]), error=f"worker failed: {exc}")
                    results[index] = outcome
                    progress.advance(outcome.error is not None)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [outcome for outcome in results if outcome is not None]
