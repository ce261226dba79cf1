"""The corpus file: a DuckDB database with the tables of :mod:`govreport.dataset.rows`.

Reports are written in batches, each one transaction: a batch is in the file whole or not at all,
so a run stopped at any point (Ctrl-C, a kill, a power cut) leaves a valid file holding every batch
committed before, and the next run skips what it holds (by content hash). DuckDB is imported here,
on first use: ``import govreport`` never loads it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from govreport.dataset.rows import CELL_COUNT, COLUMNS, SCHEMA_VERSION, ReportRows, Row, layout_rows
from govreport.errors import GovReportError

if TYPE_CHECKING:
    import duckdb

_EXTRA = "pip install 'govreport[dataset]'"
#: DuckDB's memory for the writer, and how much it writes before a checkpoint. DuckDB keeps what
#: it committed in memory until a checkpoint writes it to the file, and its cache may take most of
#: the machine's memory: left at its defaults the writer grew from 115 MB (250 reports) to 172 MB
#: (2,000). Limited, and checkpointing often so that committed rows can leave memory, it stays at
#: 95-105 MB (250, 2,000 and 6,000 reports), for about 0.3 ms more per report. It spills to disk
#: beyond the limit; queries people run later open the file with their own settings.
WRITER_MEMORY = "16MB"
CHECKPOINT_EVERY = "2MB"
#: Reports whose cells go in one statement (10,000 cells).
_CELL_CHUNK = 50


_HASH = re.compile("[0-9a-f]{64}")
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP while DuckDB works, and deliver them after.

    DuckDB checks for a signal while a statement runs and turns the exception its handler raises
    into ``RuntimeError: Query interrupted``: the command would report an internal error instead of
    an interrupt. Recorded here instead, a signal is raised again once the statement (a whole
    batch's commit) is done, with the handler it had. Only the main thread can set handlers.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {
        signum: signal.signal(signum, lambda number, _frame: received.append(number)) for signum in _STOP_SIGNALS
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for number in dict.fromkeys(received):
            signal.raise_signal(number)


class CorpusError(GovReportError):
    """A corpus file that cannot be opened, is not a corpus, or is of another schema version."""


def require_duckdb() -> None:
    """Raise :class:`CorpusError` saying what to install if DuckDB is not there."""
    _duckdb()


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise CorpusError(f"collecting a corpus needs DuckDB, which is not installed: {_EXTRA}") from None
    return duckdb


def _base_type(sql_type: str) -> str:
    return sql_type.replace(" PRIMARY KEY", "").replace(" NOT NULL", "")


def _insert_statement(table: str) -> str:
    # One statement per table and batch: each column sent as one list, unnested side by side
    # (row-by-row executemany is about 100 times slower).
    columns = COLUMNS[table]
    selected = ", ".join(f"unnest(${i}::{_base_type(kind)}[])" for i, (_name, kind) in enumerate(columns, start=1))
    return f"INSERT INTO {table} SELECT {selected}"


# The cells of a batch: (state, value, text) of each report's cells one after the other, in layout
# order; the report, table, row, column and kind come from the position (k-th value: report k // N,
# layout position k % N + 1).
_INSERT_CELLS = f"""
INSERT INTO cells
SELECT $1[v.k // {CELL_COUNT} + 1], l.table_key, l.row_key, l.column_key, l.kind, v.state, v.value, v.text
FROM (
    SELECT unnest($2::VARCHAR[]) AS state, unnest($3::{_base_type(dict(COLUMNS["cells"])["value"])}[]) AS value,
           unnest($4::VARCHAR[]) AS text, unnest(range(len($2))) AS k
) v
JOIN layout l ON l.position = v.k % {CELL_COUNT} + 1
"""


class CorpusStore:
    """One open corpus file; a single writer (DuckDB allows one process to write a file at a time)."""

    def __init__(self, path: Path, *, batch_size: int = 100) -> None:
        self.path = path
        self.batch_size = max(1, batch_size)
        self._pending: list[ReportRows] = []
        #: reports added by this store, and those that were already there when they were added
        self.collected = 0
        self.duplicates = 0
        self._pending_sources: list[tuple[str, str]] = []
        self._pending_failures: list[Row] = []
        self._succeeded: list[str] = []
        with signals_deferred():
            self.connection = self._connect()

    # -- opening -----------------------------------------------------------------------------------

    def _connect(self) -> duckdb.DuckDBPyConnection:
        module = _duckdb()
        if self.path.is_dir():
            raise CorpusError(f"{self.path}: is a folder; a .duckdb corpus is one file")
        try:
            connection: duckdb.DuckDBPyConnection = module.connect(os.fspath(self.path))
        except module.Error as exc:
            raise CorpusError(f"{self.path}: cannot be opened as a DuckDB corpus: {_first_line(exc)}") from None
        try:
            connection.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
            # Committed rows stay in memory until a checkpoint writes them to the file, where the
            # limit can evict them: checkpointed often, so that they never fill it.
            connection.execute(f"SET checkpoint_threshold = '{CHECKPOINT_EVERY}'")
            # One thread: a batch's statements are small, and the cores are the workers' (with
            # DuckDB's default of one thread a core, writing took 1.3 ms of CPU a report; 1.15 ms).
            connection.execute("SET threads = 1")
            self._prepare(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _prepare(self, connection: duckdb.DuckDBPyConnection) -> None:
        tables = {name for (name,) in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not tables:
            self._create(connection)
            return
        if "corpus_info" not in tables:
            raise CorpusError(f"{self.path}: a DuckDB database, but not a govreport corpus (it has no corpus_info)")
        info = dict(connection.execute("SELECT key, value FROM corpus_info").fetchall())
        version = info.get("schema_version")
        if version != str(SCHEMA_VERSION):
            raise CorpusError(
                f"{self.path}: a corpus of schema version {version}, and this govreport writes version "
                f"{SCHEMA_VERSION}; collect into a new file"
            )

    def _create(self, connection: duckdb.DuckDBPyConnection) -> None:
        from govreport.version import __version__

        connection.execute("BEGIN TRANSACTION")
        for table, columns in COLUMNS.items():
            connection.execute(f"CREATE TABLE {table} ({', '.join(f'{name} {kind}' for name, kind in columns)})")
        connection.execute("CREATE TABLE corpus_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
        connection.executemany(
            "INSERT INTO corpus_info VALUES (?, ?)",
            [["schema_version", str(SCHEMA_VERSION)], ["created_by", f"govreport {__version__}"]],
        )
        self._insert(connection, "layout", list(layout_rows()))
        connection.execute("COMMIT")

    # -- what it holds -----------------------------------------------------------------------------

    def known(self, report_ids: list[str]) -> set[str]:
        """Those of ``report_ids`` (content hashes) that are in the corpus: one query for many."""
        if not report_ids:
            return set()
        if not all(_HASH.fullmatch(report_id) for report_id in report_ids):
            raise ValueError("a report id is a SHA-256 in hex")
        # A list of constants, which DuckDB looks up in the primary key's index; a list parameter
        # (IN (SELECT unnest(?))) is a hash join instead, with a table of 8 MB whatever the list.
        listed = ", ".join(f"'{report_id}'" for report_id in report_ids)
        with signals_deferred():
            found = self.connection.execute(f"SELECT report_id FROM reports WHERE report_id IN ({listed})").fetchall()
        return {report_id for (report_id,) in found}

    def count(self, table: str) -> int:
        if table not in COLUMNS:
            raise KeyError(table)
        (number,) = self.connection.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,)
        return int(number)

    # -- adding ------------------------------------------------------------------------------------

    def add_report(self, rows: ReportRows, source: str) -> None:
        """Add a report read from ``source``. If its content is in the corpus already (the same file
        under another name, in this run), only ``source`` is recorded: the flush tells, and counts
        it in ``duplicates``."""
        self._pending.append(rows)
        self._succeeded.append(source)
        self.add_source(rows.report_id, source)

    def add_source(self, report_id: str, source: str) -> None:
        """Record that ``source`` holds the report ``report_id`` (once per path)."""
        self._pending_sources.append((report_id, source))
        self._maybe_flush()

    def add_failure(self, source: str, report_id: str | None, error: str, *, internal: bool) -> None:
        """Record why ``source`` failed; it replaces an older failure of the same path."""
        self._pending_failures.append((source, report_id, error, internal, _now()))
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        waiting = len(self._pending) + len(self._pending_failures) + len(self._pending_sources) // 4
        if waiting >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write what is waiting as one transaction."""
        if not (self._pending or self._pending_sources or self._pending_failures):
            return
        with signals_deferred():
            self._write()

    def _write(self) -> None:
        connection = self.connection
        connection.execute("BEGIN TRANSACTION")
        try:
            new = self._new_reports()
            self._insert(connection, "reports", [rows.report for rows in new])
            for start in range(0, len(new), _CELL_CHUNK):
                # in chunks: what DuckDB makes of one statement's lists must fit in WRITER_MEMORY
                chunk = new[start : start + _CELL_CHUNK]
                cells = [cell for rows in chunk for cell in rows.cells]
                states, values, texts = (list(column) for column in zip(*cells, strict=True))
                connection.execute(_INSERT_CELLS, [[rows.report_id for rows in chunk], states, values, texts])
            self._insert(connection, "findings", [row for rows in new for row in rows.findings])
            self._insert(connection, "sections", [row for rows in new for row in rows.sections])
            sources = list(dict.fromkeys(self._pending_sources))
            if sources:
                connection.execute(
                    "INSERT INTO sources SELECT s.* FROM (SELECT unnest($1::VARCHAR[]) AS report_id, "
                    "unnest($2::VARCHAR[]) AS source) s ANTI JOIN sources USING (report_id, source)",
                    [[report_id for report_id, _ in sources], [source for _, source in sources]],
                )
            done = self._succeeded + [row[0] for row in self._pending_failures]
            if done:
                connection.execute("DELETE FROM failures WHERE source IN (SELECT unnest($1::VARCHAR[]))", [done])
            self._insert(connection, "failures", self._pending_failures)
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                connection.execute("ROLLBACK")
            raise
        # Cleared before a held-back signal is raised: a flush after it must not write them again.
        self.collected += len(new)
        self.duplicates += len(self._pending) - len(new)
        self._pending.clear()
        self._pending_sources.clear()
        self._pending_failures.clear()
        self._succeeded.clear()

    def _new_reports(self) -> list[ReportRows]:
        """The waiting reports whose content is not in the corpus yet, each content once."""
        unique = {rows.report_id: rows for rows in reversed(self._pending)}  # the first of each content wins
        there = self.known(list(unique)) if unique else set()
        return [rows for report_id, rows in reversed(unique.items()) if report_id not in there]

    @staticmethod
    def _insert(connection: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        columns = [list(column) for column in zip(*rows, strict=True)]
        connection.execute(_insert_statement(table), columns)

    # -- Parquet and CSV ---------------------------------------------------------------------------

    def export(self, folder: Path, file_format: str) -> list[Path]:
        """Write every table to ``folder/TABLE.parquet`` (or ``.csv``), each replaced atomically."""
        options = "FORMAT PARQUET" if file_format == "parquet" else "FORMAT CSV, HEADER"
        written = []
        for table in COLUMNS:
            target = folder / f"{table}.{file_format}"
            temporary = folder / f".{table}.{file_format}.partial"
            order = ", ".join(name for name, _kind in COLUMNS[table][:2])
            escaped = os.fspath(temporary).replace("'", "''")
            try:
                with signals_deferred():
                    self.connection.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{escaped}' ({options})")
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.remove(temporary)
                raise
            written.append(target)
        return written

    # -- closing -----------------------------------------------------------------------------------

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
