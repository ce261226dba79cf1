"""``govreport.collect``: many reports into one corpus file, resumable, one input at a time.

Each input is read and checked in a worker process (the pool of :mod:`govreport.batch`); the rows
come back to this process, the single writer, in input order, and are committed in batches. Before
an input is handed out its content hash is looked up: a report already in the corpus is not read
again, only its path is recorded. Nothing here holds more than a batch and the pool's window of
results, so memory does not grow with the number of inputs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govreport.errors import GovReportError

if TYPE_CHECKING:
    from govreport.batch import Progress
    from govreport.dataset.worker import Collected

#: The kinds of corpus output, by the suffix of ``output``.
OUTPUT_KINDS = {".duckdb": "duckdb", ".parquet": "parquet", ".csv": "csv"}
#: How many inputs are hashed and looked up in the corpus at once, ahead of the pool.
_LOOKAHEAD = 64
#: The DuckDB file inside a ``.parquet`` or ``.csv`` folder that a re-run resumes from.
STORE_NAME = "corpus.duckdb"


@attrs.frozen(kw_only=True)
class CollectSummary:
    """What a collect did. ``collected`` reports were added; ``skipped`` inputs were in the corpus
    already (by content) and ``duplicates`` had the same content as an earlier input of this run —
    only their paths were recorded; ``failed`` inputs could not be read or checked (each is a row of
    the ``failures`` table). ``store`` is the DuckDB file; ``written``, the Parquet or CSV files."""

    output: Path
    store: Path
    inputs: int
    collected: int
    skipped: int
    duplicates: int
    failed: int
    errors: tuple[str, ...] = ()
    internal: bool = False
    written: tuple[Path, ...] = ()


def output_kind(output: Path) -> str:
    """``duckdb``, ``parquet`` or ``csv``, from the suffix of ``output``; a clear error otherwise."""
    kind = OUTPUT_KINDS.get(output.suffix.lower())
    if kind is None:
        raise GovReportError(
            f"{output}: the corpus is a .duckdb file, or a .parquet or .csv folder (one file per table); "
            f"{output.suffix or 'no suffix'} is none of them"
        )
    return kind


def _store_path(output: Path, kind: str) -> Path:
    if kind == "duckdb":
        if output.is_dir():
            raise GovReportError(f"{output}: is a folder; a .duckdb corpus is one file")
        return output
    if output.exists() and not output.is_dir():
        raise GovReportError(f"{output}: is a file; a .{kind} corpus is a folder of one file per table")
    return output / STORE_NAME


def collect(
    inputs: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    input_format: str | None = None,
    jobs: int = 1,
    timeout: float | None = None,
    batch_size: int = 100,
    skipped: list[str] | None = None,
    progress: bool = False,
    on_outcome: Callable[[Collected, Progress], None] | None = None,
) -> CollectSummary:
    """Collect report files, folders (searched for reports) and globs into the corpus ``output``:
    a ``.duckdb`` file, or a ``.parquet`` or ``.csv`` folder (see docs/dataset.md).

    Inputs already in the corpus (by the SHA-256 of their bytes) are skipped; an input that fails is
    recorded in ``failures`` and the others go on. ``jobs`` worker processes read and check (1 and no
    ``timeout``: in this process). An interrupt leaves every committed batch in the file (at most
    ``batch_size`` reports are redone by the next run) and propagates.

    ``skipped`` collects, as in the command's ``-v``, the files a folder search passed over;
    ``progress`` draws a progress bar on standard error when it is a terminal; ``on_outcome`` is
    called with each input's outcome (its ``notes`` are the importer's findings) and the bar, whose
    ``message`` prints a line without breaking the bar.
    """
    from govreport.batch import Progress, expand_inputs, recognises_report, run_each
    from govreport.dataset.store import CorpusStore, require_duckdb
    from govreport.dataset.worker import Collected, collect_one, content_hash
    from govreport.plugins import get_registry

    target = Path(output)
    kind = output_kind(target)
    require_duckdb()  # before anything is made
    registry = get_registry()
    if input_format:
        registry.importer(input_format)  # an unknown --from fails before anything is opened
    extensions = [ext for info in registry.formats() if info.kind == "importer" for ext in info.extensions]
    files = expand_inputs(
        [os.fspath(item) for item in inputs], extensions, recognises=recognises_report, skipped=skipped
    )
    store_path = _store_path(target, kind)
    resolved_store = os.path.realpath(store_path)
    if any(os.path.realpath(item.file) == resolved_store for item in files):
        raise GovReportError(f"{store_path} is one of the inputs; choose another output")
    bar = Progress(len(files) if progress else 0)
    skipped_count = [0]
    failed = 0
    errors: list[str] = []
    internal = False

    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GovReportError(f"{store_path.parent}: cannot make the folder: {exc.strerror or exc}") from None
    with CorpusStore(store_path, batch_size=batch_size) as store:

        def calls() -> Iterator[tuple[Any, ...]]:
            # Looked up as the pool asks for work, a chunk at a time (one query each): a report
            # already collected is never read again.
            for start in range(0, len(files), _LOOKAHEAD):
                chunk = [(item.file, content_hash(item.file)) for item in files[start : start + _LOOKAHEAD]]
                there = store.known([report_id for _, report_id in chunk if report_id is not None])
                for file, report_id in chunk:
                    if report_id is not None and report_id in there:
                        store.add_source(report_id, file)
                        skipped_count[0] += 1
                        bar.advance(False)
                        continue
                    yield (file, input_format)

        try:
            for outcome in run_each(collect_one, calls(), jobs=jobs, progress=bar, timeout=timeout):
                if not isinstance(outcome, Collected):  # its worker died or was stopped: the pool's outcome
                    outcome = Collected(
                        source=outcome.source, error=outcome.error, report_id=content_hash(outcome.source)
                    )
                if on_outcome is not None:
                    on_outcome(outcome, bar)
                if outcome.error is not None or outcome.rows is None:
                    error = outcome.error or f"{outcome.source}: no rows were made"
                    store.add_failure(outcome.source, outcome.report_id, error, internal=outcome.internal)
                    failed += 1
                    errors.append(error)
                    internal |= outcome.internal
                else:
                    store.add_report(outcome.rows, outcome.source)
        finally:
            # Also on an interrupt: the reports already back from the workers are whole; commit them.
            store.flush()
        written = tuple(store.export(target, kind)) if kind != "duckdb" else ()
    return CollectSummary(
        output=target,
        store=store_path,
        inputs=len(files),
        collected=store.collected,
        skipped=skipped_count[0],
        duplicates=store.duplicates,
        failed=failed,
        errors=tuple(errors),
        internal=internal,
        written=written,
    )
