"""``govreport collect`` and ``govreport.collect``: real reports and generated sets into a corpus.

The real pair is ``../shared/corpus/hongze-202[34].pdf``; with the two examples they are collected
once per module (``corpus``). Interrupts are real: a command killed with SIGINT or SIGKILL in a
subprocess, then run again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import duckdb
import pytest
from hypothesis import given, settings

import govreport as g
from corpus_sets import BASES, EXAMPLES, ROOT, next_year, write_variants
from corpus_truth import SHARED_CORPUS
from govreport.dataset.rows import COLUMNS, INEXACT_RULE, SCHEMA_VERSION, exact_value, report_rows
from govreport.dataset.store import CorpusError, CorpusStore
from govreport.dataset.texts import section_texts
from govreport.spec import ActiveColumn, ActiveRow, Applicant, ApplicationRow
from strategies import examples, reports

PAIR = (SHARED_CORPUS / "hongze-2023.pdf", SHARED_CORPUS / "hongze-2024.pdf")
BIN = Path(sys.executable).parent


def govreport_command(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "govreport"), *args], capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=cwd
    )


def query(path: Path, sql: str, parameters: list[object] | None = None) -> list[tuple[object, ...]]:
    with duckdb.connect(os.fspath(path), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def count(path: Path, table: str) -> int:
    return int(query(path, f"SELECT count(*) FROM {table}")[0][0])  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, g.CollectSummary]:
    folder = tmp_path_factory.mktemp("corpus")
    output = folder / "corpus.duckdb"
    summary = g.collect([EXAMPLES / "wangfu-2022", EXAMPLES / "xinghe-2023", *PAIR], output, jobs=2)
    return output, summary


# -- real reports --------------------------------------------------------------------------------------


def test_every_input_is_a_report_row_with_its_body_year_and_importer(corpus: tuple[Path, g.CollectSummary]) -> None:
    output, summary = corpus
    assert (summary.inputs, summary.collected, summary.failed, summary.skipped) == (4, 4, 0, 0)
    rows = query(output, "SELECT body, body_kind, year, importer, source FROM reports ORDER BY year, body")
    assert [row[:4] for row in rows] == [
        ("青州市王府街道办事处", "township", 2022, "json"),
        ("洪泽区人民政府", "people_government", 2023, "pdf"),
        ("虚构市星河区人民政府", "people_government", 2023, "json"),
        ("淮安市洪泽区人民政府", "people_government", 2024, "pdf"),
    ]
    ids = query(output, "SELECT source, report_id FROM reports")
    for source, report_id in ids:
        assert report_id == hashlib.sha256(Path(str(source)).read_bytes()).hexdigest()


def test_every_cell_is_a_row_with_the_value_the_importer_read(corpus: tuple[Path, g.CollectSummary]) -> None:
    output, _ = corpus
    assert count(output, "cells") == 4 * 200
    for source in (*BASES, *PAIR):
        report = g.read(source).report
        rows = query(
            output,
            "SELECT table_key, row_key, column_key, state, value, text FROM cells JOIN reports USING (report_id) "
            "WHERE reports.source = ?",
            [os.fspath(source)],
        )
        stored = {(t, r, c): (state, value, text) for t, r, c, state, value, text in rows}
        assert len(stored) == 200
        for table in report.tables:
            for spec, cell in table.items():
                state, value, text = stored[(table.SPEC.key, spec.row, spec.column)]
                assert state == cell.state.value
                if cell.is_number:
                    assert value == cell.value
                    assert text == str(cell)
                else:
                    assert value is None  # never 0
                    assert text == cell.raw


def test_blank_cells_stay_null_and_the_sample_keeps_its_181_blanks(corpus: tuple[Path, g.CollectSummary]) -> None:
    output, _ = corpus
    assert query(output, "SELECT count(*) FROM cells WHERE state <> 'number' AND value IS NOT NULL") == [(0,)]
    assert query(output, "SELECT count(*) FROM cells WHERE state = 'number' AND value IS NULL") == [(0,)]
    blanks = query(
        output,
        "SELECT count(*) FROM cells JOIN reports USING (report_id) WHERE body = '青州市王府街道办事处' "
        "AND state = 'blank'",
    )
    assert blanks == [(181,)]


def test_findings_are_those_of_the_import_and_the_checks(corpus: tuple[Path, g.CollectSummary]) -> None:
    output, _ = corpus
    for source in (*BASES, *PAIR):
        imported = g.read(source)
        result = g.check(imported.report, imported=imported.findings)
        rows = query(
            output,
            "SELECT rule, severity, message, table_key, row_key, column_key FROM findings "
            "JOIN reports USING (report_id) WHERE reports.source = ? ORDER BY position",
            [os.fspath(source)],
        )
        assert rows == [
            (f.rule, f.severity.value, f.message, f.location.table, f.location.row, f.location.column)
            for f in result.findings
        ]
    # The real error of hongze-2023 as published: 表四 行政复议 10/1/0/0 with 总计 0.
    errors = query(
        output,
        "SELECT rule, row_key, column_key FROM findings JOIN reports USING (report_id) "
        "WHERE year = 2023 AND importer = 'pdf' AND severity = 'error' ORDER BY row_key",
    )
    assert errors == [
        ("table.review_litigation.total", "administrative_review", "total"),
        ("table.review_litigation.total", "lawsuit_after_review", "total"),
    ]
    counted = query(output, "SELECT sum(errors + warnings + infos) FROM reports")[0][0]
    assert counted == count(output, "findings")


def test_section_texts_are_kept(corpus: tuple[Path, g.CollectSummary]) -> None:
    output, _ = corpus
    rows = dict(
        query(
            output,
            "SELECT section, text FROM sections JOIN reports USING (report_id) WHERE body = '青州市王府街道办事处'",
        )
    )
    sample = g.load(BASES[0])
    assert set(rows) == {"preamble", "overview", "remediation", "other_matters", "signature"}
    assert sample.overview[0].text in rows["overview"]  # type: ignore[union-attr]
    assert "。。" in rows["other_matters"]
    assert rows["signature"] == "青州市王府街道办事处\n2023-01-29"


def test_layout_names_every_cell_address_with_its_labels(corpus: tuple[Path, g.CollectSummary]) -> None:
    output, _ = corpus
    assert count(output, "layout") == 200
    joined = query(
        output,
        "SELECT count(*) FROM cells LEFT JOIN layout USING (table_key, row_key, column_key) WHERE row_label IS NULL",
    )
    assert joined == [(0,)]
    fee = query(output, "SELECT kind FROM layout WHERE table_key = 'active_disclosure' AND column_key = 'amount'")
    assert fee == [("amount",)]


def test_the_schema_is_as_the_rows_module_says(corpus: tuple[Path, g.CollectSummary]) -> None:
    output, _ = corpus
    for table, columns in COLUMNS.items():
        described = query(
            output,
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        )
        assert [name for (name,) in described] == [name for name, _ in columns]
    assert query(output, "SELECT value FROM corpus_info WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]


# -- running again, the same content twice, failures ---------------------------------------------------


def test_a_second_run_skips_what_is_collected_and_records_a_new_path(tmp_path: Path) -> None:
    output = tmp_path / "corpus.duckdb"
    first = g.collect([EXAMPLES], output)
    assert (first.collected, first.skipped) == (2, 0)
    copy = tmp_path / "renamed.json"
    shutil.copyfile(BASES[1], copy)
    second = g.collect([EXAMPLES, copy], output)
    assert (second.inputs, second.collected, second.skipped, second.duplicates) == (3, 0, 3, 0)
    assert count(output, "reports") == 2
    assert count(output, "cells") == 400
    # Sorted by name, not path: the examples and tmp_path lie in different trees on different machines.
    sources = query(output, "SELECT source FROM sources")
    assert sorted(os.path.basename(str(s)) for (s,) in sources) == ["renamed.json", "report.json", "report.json"]


def test_the_same_content_under_two_names_in_one_run_is_one_report(tmp_path: Path) -> None:
    for name in ("a.json", "b.json"):
        shutil.copyfile(BASES[1], tmp_path / name)
    output = tmp_path / "corpus.duckdb"
    summary = g.collect([tmp_path / "a.json", tmp_path / "b.json"], output, jobs=2)
    assert (summary.collected, summary.duplicates) == (1, 1)
    assert count(output, "reports") == 1
    assert count(output, "cells") == 200
    assert [os.path.basename(str(s)) for (s,) in query(output, "SELECT source FROM sources ORDER BY 1")] == [
        "a.json",
        "b.json",
    ]


def test_a_failed_input_is_recorded_and_retried_when_run_again(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "metadata": {}}', encoding="utf-8")
    shutil.copyfile(BASES[0], tmp_path / "good.json")
    output = tmp_path / "corpus.duckdb"
    summary = g.collect([tmp_path], output)
    assert (summary.collected, summary.failed) == (1, 1)
    assert summary.errors[0].startswith(os.fspath(broken))
    failures = query(output, "SELECT source, report_id, error, internal FROM failures")
    assert len(failures) == 1
    source, report_id, error, internal = failures[0]
    assert source == os.fspath(broken)
    assert not internal
    assert report_id == hashlib.sha256(broken.read_bytes()).hexdigest()
    assert "metadata" in str(error)

    again = g.collect([tmp_path], output)  # still broken: tried again, one failure row, not two
    assert (again.skipped, again.failed) == (1, 1)
    assert count(output, "failures") == 1
    shutil.copyfile(BASES[1], broken)  # mended
    mended = g.collect([tmp_path], output)
    assert (mended.collected, mended.skipped, mended.failed) == (1, 1, 0)
    assert count(output, "failures") == 0
    assert count(output, "reports") == 2


def test_a_value_too_precise_for_the_column_stays_null_with_a_finding(tmp_path: Path) -> None:
    report = g.load(BASES[1])
    fee = (ActiveRow.FEES, ActiveColumn.AMOUNT)
    precise = Decimal("3862.41750000001")  # 11 decimals: DECIMAL(38, 10) would round it
    report = attrs.evolve(report, active_disclosure=report.active_disclosure.with_values({fee: precise}))
    g.dump(report, tmp_path / "precise.json")
    output = tmp_path / "corpus.duckdb"
    g.collect([tmp_path / "precise.json"], output)
    cell = query(output, "SELECT state, value, text FROM cells WHERE row_key = ? AND column_key = ?", [*fee])
    assert cell == [("number", None, "3862.41750000001")]
    finding = query(
        output, "SELECT severity, table_key, row_key, column_key, found FROM findings WHERE rule = ?", [INEXACT_RULE]
    )
    assert finding == [("warning", "active_disclosure", fee[0], fee[1], "3862.41750000001")]


def test_exact_value_refuses_what_decimal_38_10_cannot_hold() -> None:
    assert exact_value(5) == "5"
    assert exact_value(Decimal("3862.4175")) == "3862.4175"
    assert exact_value(Decimal("1.5000000000000")) == "1.5"  # trailing zeros are not precision
    assert exact_value(Decimal("0.0000000001")) == "0.0000000001"
    assert exact_value(Decimal("0.00000000001")) is None
    assert exact_value(10**27) == str(10**27)  # 28 digits
    assert exact_value(10**28) is None  # 29 digits
    assert exact_value(Decimal("1E+5")) == "100000"


# -- Parquet and CSV -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_parquet_and_csv_are_folders_of_one_file_per_table_and_resume(tmp_path: Path, kind: str) -> None:
    output = tmp_path / f"corpus.{kind}"
    summary = g.collect([EXAMPLES], output)
    assert sorted(path.name for path in summary.written) == sorted(f"{table}.{kind}" for table in COLUMNS)
    assert summary.store == output / "corpus.duckdb"
    reader = "read_parquet" if kind == "parquet" else "read_csv"
    with duckdb.connect() as connection:
        cells = connection.execute(
            f"SELECT state, count(*), count(value) FROM {reader}(?) GROUP BY state ORDER BY state",
            [os.fspath(output / f"cells.{kind}")],
        ).fetchall()
        assert cells == [("blank", 181, 0), ("number", 219, 219)]
        reports = connection.execute(f"SELECT count(*) FROM {reader}(?)", [os.fspath(output / f"reports.{kind}")])
        assert reports.fetchall() == [(2,)]
    before = (output / f"cells.{kind}").read_bytes()
    again = g.collect([EXAMPLES, *PAIR[:1]], output)
    assert (again.collected, again.skipped) == (1, 2)
    assert (output / f"cells.{kind}").read_bytes() != before
    assert not [path for path in output.iterdir() if path.name.endswith(".partial")]


def test_parquet_keeps_the_types(tmp_path: Path) -> None:
    output = tmp_path / "corpus.parquet"
    g.collect([BASES[1]], output)
    with duckdb.connect() as connection:
        types = dict(
            connection.execute(
                "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))",
                [os.fspath(output / "cells.parquet")],
            ).fetchall()
        )
        assert types["value"] == "DECIMAL(38,10)"
        fee = connection.execute(
            "SELECT value FROM read_parquet(?) WHERE column_key = 'amount' AND state = 'number'",
            [os.fspath(output / "cells.parquet")],
        ).fetchall()
        assert fee == [(Decimal("3862.4175"),)]


# -- bad output, no DuckDB -----------------------------------------------------------------------------


def test_bad_outputs_are_one_line_errors_and_leave_files_alone(tmp_path: Path) -> None:
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database\n", encoding="utf-8")
    other = tmp_path / "other.duckdb"
    with duckdb.connect(os.fspath(other)) as connection:
        connection.execute("CREATE TABLE t (x INTEGER)")
    as_file = tmp_path / "taken.parquet"
    as_file.write_text("a file\n", encoding="utf-8")
    cases = {
        os.fspath(tmp_path / "corpus.txt"): "is none of them",
        os.fspath(text): "cannot be opened as a DuckDB corpus",
        os.fspath(other): "not a govreport corpus",
        os.fspath(as_file): "is a file; a .parquet corpus is a folder",
    }
    for target, message in cases.items():
        before = Path(target).read_bytes() if Path(target).exists() else None
        result = govreport_command("collect", os.fspath(BASES[0]), "-o", target)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("govreport: error: ")
        assert message in lines[0]
        assert "Traceback" not in result.stderr
        assert (Path(target).read_bytes() if Path(target).exists() else None) == before


def test_a_corpus_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "corpus.duckdb"
    g.collect([BASES[0]], output)
    with duckdb.connect(os.fspath(output)) as connection:
        connection.execute("UPDATE corpus_info SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(CorpusError, match="schema version 0"):
        g.collect([BASES[1]], output)


def test_without_duckdb_the_error_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(CorpusError, match=r"pip install 'govreport\[dataset\]'"):
        g.collect([BASES[0]], tmp_path / "corpus.duckdb")
    assert not (tmp_path / "corpus.duckdb").exists()


def test_import_govreport_does_not_load_duckdb() -> None:
    probe = "import govreport, sys; govreport.collect; print('duckdb' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- the command ---------------------------------------------------------------------------------------


def test_the_command_collects_reports_and_says_what_it_did(tmp_path: Path) -> None:
    broken = tmp_path / "in" / "broken.json"
    broken.parent.mkdir()
    broken.write_text("{", encoding="utf-8")
    output = tmp_path / "corpus.duckdb"
    result = govreport_command("collect", os.fspath(EXAMPLES), os.fspath(broken), "-o", os.fspath(output), "-j", "2")
    assert result.returncode == 1, result.stderr  # an input failed; the others are collected
    assert result.stdout == f"{output}\n"
    assert f"govreport: error: {broken}" in result.stderr
    assert "2 collected, 0 already in the corpus, 0 same as another input, 1 failed, of 3 inputs" in result.stderr
    again = govreport_command("collect", os.fspath(EXAMPLES), "-o", os.fspath(output), "-q")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert count(output, "reports") == 2


# -- interrupted runs ----------------------------------------------------------------------------------


def _wait_for_a_commit(process: subprocess.Popen[str], wal: Path, deadline: float = 120) -> None:
    """Until the write-ahead log has grown past its first size (a batch committed after the schema)."""
    start = time.monotonic()
    first = None
    while time.monotonic() - start < deadline:
        assert process.poll() is None, "the run ended before it could be interrupted"
        size = wal.stat().st_size if wal.exists() else 0
        if size and first is None:
            first = size
        elif first is not None and size > first:
            return
        time.sleep(0.05)
    raise AssertionError("no batch was committed in time")


@pytest.mark.parametrize(("stop", "jobs"), [(signal.SIGINT, "1"), (signal.SIGKILL, "2")], ids=["SIGINT", "SIGKILL"])
def test_an_interrupted_run_keeps_whole_batches_and_the_next_run_finishes(
    tmp_path: Path, stop: signal.Signals, jobs: str
) -> None:
    total = 600
    write_variants(tmp_path / "in", total)
    output = tmp_path / "corpus.duckdb"
    command = [str(BIN / "govreport"), "collect", os.fspath(tmp_path / "in"), "-o", os.fspath(output)]
    process = subprocess.Popen(
        [*command, "-j", jobs, "--batch-size", "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _wait_for_a_commit(process, Path(f"{output}.wal"))
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=60)
    if stop == signal.SIGINT:
        assert process.returncode == 130, stderr
        assert "govreport: interrupted" in stderr
    else:
        assert process.returncode == -signal.SIGKILL
    kept = count(output, "reports")
    assert 0 < kept < total
    # Whole reports only: every one with its 200 cells and its sections, nothing of one not there.
    assert count(output, "cells") == 200 * kept
    orphans = query(output, "SELECT count(*) FROM cells ANTI JOIN reports USING (report_id)")
    assert orphans == [(0,)]
    assert query(output, "SELECT count(DISTINCT report_id) FROM sections") == [(kept,)]

    result = subprocess.run([*command, "-j", "2"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"{total - kept} collected, {kept} already in the corpus" in result.stderr
    assert count(output, "reports") == total
    assert count(output, "cells") == 200 * total
    assert count(output, "sources") == total


# -- generated sets ------------------------------------------------------------------------------------


def test_a_generated_set_of_reports_is_collected_whole(tmp_path: Path) -> None:
    files = write_variants(tmp_path / "in", 120)
    output = tmp_path / "corpus.duckdb"
    summary = g.collect([tmp_path / "in"], output, jobs=2, batch_size=7)
    assert (summary.inputs, summary.collected, summary.failed) == (120, 120, 0)
    # The values are those of the files, cell by cell (sum over every number of table 三).
    expected = sum(
        cell.value for path in files for _, cell in g.load(path).applications.items() if cell.value is not None
    )
    stored = query(output, "SELECT sum(value) FROM cells WHERE table_key = 'applications'")[0][0]
    assert stored == expected
    blanks = sum(1 for path in files for _, cell in g.load(path).applications.items() if cell.is_blank)
    assert query(output, "SELECT count(*) FROM cells WHERE table_key = 'applications' AND state = 'blank'") == [
        (blanks,)
    ]


# -- any report --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def memory_store() -> Iterator[CorpusStore]:
    with CorpusStore(Path(":memory:"), batch_size=1) as store:
        yield store


@settings(max_examples=examples(60))
@given(report=reports)
def test_any_report_is_stored_exactly_and_never_a_blank_as_0(memory_store: CorpusStore, report: g.Report) -> None:
    report_id = hashlib.sha256(uuid.uuid4().bytes).hexdigest()
    rows = report_rows(
        report_id=report_id,
        source="generated.json",
        importer="json",
        size=0,
        report=report,
        findings=(),
        collected_at=dt.datetime(2026, 1, 1),
    )
    before = memory_store.collected
    memory_store.add_report(rows, "generated.json")
    memory_store.flush()
    assert memory_store.collected == before + 1
    connection = memory_store.connection
    stored = {
        (t, r, c): (state, value, text)
        for t, r, c, state, value, text in connection.execute(
            "SELECT table_key, row_key, column_key, state, value, text FROM cells WHERE report_id = ?", [report_id]
        ).fetchall()
    }
    inexact = {
        (t, r, c)
        for t, r, c in connection.execute(
            "SELECT table_key, row_key, column_key FROM findings WHERE report_id = ? AND rule = ?",
            [report_id, INEXACT_RULE],
        ).fetchall()
    }
    for table in report.tables:
        for spec, cell in table.items():
            address = (table.SPEC.key, spec.row, spec.column)
            state, value, text = stored[address]
            assert state == cell.state.value
            if not cell.is_number:
                assert value is None
                assert text == cell.raw
                continue
            assert text == str(cell)
            assert Decimal(text) == cell.value
            if address in inexact:
                assert value is None
                assert exact_value(cell.value) is None  # type: ignore[arg-type]
            else:
                assert value == cell.value
    texts = dict(connection.execute("SELECT section, text FROM sections WHERE report_id = ?", [report_id]).fetchall())
    assert texts == dict(section_texts(report))
    (body,) = connection.execute("SELECT body FROM reports WHERE report_id = ?", [report_id]).fetchone() or (None,)
    assert body == report.metadata.issuing_body


# -- the cookbook's SQL --------------------------------------------------------------------------------


Cookbook = tuple[Path, list[g.Report], list[g.CheckResult]]


def _cookbook_queries() -> list[str]:
    from test_docs import code_blocks

    text = (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8")
    return [block.source for block in code_blocks(text) if block.language == "sql"]


@pytest.fixture(scope="module")
def cookbook_corpus(tmp_path_factory: pytest.TempPathFactory) -> Cookbook:
    """The cookbook's corpus: the examples, the real pair and the complete example a year later
    with a carry-over of 20 where it carried forward 18; with each report and its check."""
    folder = tmp_path_factory.mktemp("cookbook")
    xinghe = g.load(BASES[1])
    later = next_year(xinghe, carried_over=20)
    later = attrs.evolve(later, signature=xinghe.signature)  # as the cookbook makes it: the same signature
    (folder / "in").mkdir()
    g.dump(later, folder / "in" / "xinghe-2024.json")
    inputs = [*BASES, *PAIR, folder / "in" / "xinghe-2024.json"]
    summary = g.collect([EXAMPLES, *PAIR, folder / "in"], folder / "corpus.duckdb")
    assert summary.collected == 5
    imported = [g.read(path) for path in inputs]
    results = [g.check(item.report, imported=item.findings) for item in imported]
    return folder / "corpus.duckdb", [item.report for item in imported], results


def test_the_cookbook_has_the_four_queries() -> None:
    assert len(_cookbook_queries()) == 4


def test_cookbook_share_granted_by_kind_of_body(
    cookbook_corpus: Cookbook,
) -> None:
    output, reports, _ = cookbook_corpus
    expected: dict[str, list[int]] = {}
    for report in reports:
        granted = report.applications.value(ApplicationRow.GRANTED, Applicant.TOTAL)
        handled = report.applications.value(ApplicationRow.RESULTS_TOTAL, Applicant.TOTAL)
        if granted is None or handled is None:
            continue  # blank: left out, not counted as 0
        counts = expected.setdefault(report.metadata.body_kind.value, [0, 0, 0])
        counts[0] += 1
        counts[1] += int(granted)
        counts[2] += int(handled)
    rows = query(output, _cookbook_queries()[0])
    assert rows == [
        (kind, n, granted, handled, round(granted / handled, 3))
        for kind, (n, granted, handled) in sorted(expected.items())
    ]
    assert "township" not in expected  # the sample's granted cell is blank: the sample is left out


def test_cookbook_carry_over_against_last_year(
    cookbook_corpus: Cookbook,
) -> None:
    output, reports, _ = cookbook_corpus

    def same_body(a: str, b: str) -> bool:
        return a == b or a.endswith(b) or b.endswith(a)

    expected = []
    for this in reports:
        for last in reports:
            if last.metadata.year != this.metadata.year - 1 or not same_body(
                this.metadata.issuing_body, last.metadata.issuing_body
            ):
                continue
            over = this.applications.value(ApplicationRow.CARRIED_OVER, Applicant.TOTAL)
            forward = last.applications.value(ApplicationRow.CARRIED_FORWARD, Applicant.TOTAL)
            if over is not None and forward is not None and over != forward:
                expected.append((this.metadata.issuing_body, this.metadata.year, int(forward), int(over)))
    assert query(output, _cookbook_queries()[1]) == sorted(expected) == [("虚构市星河区人民政府", 2024, 18, 20)]
    # the real pair is matched across its two names, and agrees (0 carried forward, 0 carried over)
    names = {report.metadata.issuing_body for report in reports if report.metadata.year in (2023, 2024)}
    assert {"洪泽区人民政府", "淮安市洪泽区人民政府"} <= names


def test_cookbook_bodies_with_the_most_findings(
    cookbook_corpus: Cookbook,
) -> None:
    output, reports, results = cookbook_corpus
    counted = sorted(
        (
            (
                report.metadata.issuing_body,
                report.metadata.year,
                result.count("error"),
                result.count("warning"),
                result.count("info"),
            )
            for report, result in zip(reports, results, strict=True)
        ),
        key=lambda row: (-row[2], -row[3], row[0]),
    )
    assert query(output, _cookbook_queries()[2]) == counted[:3]
    errors: dict[str, tuple[int, set[int]]] = {}
    for k, result in enumerate(results):
        for finding in result.errors:
            n, seen = errors.get(finding.rule, (0, set()))
            errors[finding.rule] = (n + 1, seen | {k})
    expected = sorted(((rule, n, len(seen)) for rule, (n, seen) in errors.items()), key=lambda row: (-row[1], row[0]))
    assert query(output, _cookbook_queries()[3]) == expected
    assert ("table.review_litigation.total", 2, 1) in expected  # hongze-2023's 表四, as published


def test_docs_list_every_table_and_column_with_its_type() -> None:
    text = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")
    documented: dict[str, list[tuple[str, str]]] = {}
    table = None
    for line in text.splitlines():
        heading = re.fullmatch(r"### `(\w+)`", line)
        if heading:
            table = heading[1]
            documented[table] = []
            continue
        row = re.fullmatch(r"\| `(\w+)` \| `([^`]+)` \|.*", line)
        if row and table is not None:
            documented[table].append((row[1], row[2]))
    assert documented == {name: list(columns) for name, columns in COLUMNS.items()}


HANGING_AND_DYING = """
import os, time
import govreport

def read(data, *, source=None):
    if data.startswith(b"HANG"):
        while True:
            time.sleep(1)
    os._exit(3)

@govreport.hookimpl
def register_importers():
    return [govreport.Importer(name="misbehaving", description="hangs or dies", extensions=(".bad",), read=read)]
"""


@pytest.mark.usefixtures("clean_registry")
def test_an_input_that_hangs_or_kills_its_worker_is_a_failure_and_the_rest_is_collected(
    run_cli, plugin_site, tmp_path: Path
) -> None:
    plugin_site.add(
        "misbehaving-plugin",
        entry_points={"misbehaving": "misbehaving_mod"},
        modules={"misbehaving_mod": HANGING_AND_DYING},
    )
    (tmp_path / "a.bad").write_text("HANG", encoding="utf-8")
    (tmp_path / "b.bad").write_text("DIE", encoding="utf-8")
    shutil.copyfile(BASES[0], tmp_path / "c.json")
    output = tmp_path / "corpus.duckdb"
    result = run_cli(
        "collect",
        tmp_path / "a.bad",
        tmp_path / "b.bad",
        tmp_path / "c.json",
        "-o",
        output,
        "--timeout",
        "1",
        "-j",
        "2",
        env=plugin_site.env(),
    )
    assert result.returncode == 1, result.stderr
    failures = dict(query(output, "SELECT source, error FROM failures"))
    assert set(failures) == {os.fspath(tmp_path / "a.bad"), os.fspath(tmp_path / "b.bad")}
    assert "timed out after 1 s while reading with importer 'misbehaving'" in str(
        failures[os.fspath(tmp_path / "a.bad")]
    )
    assert "the worker process died (exit code 3)" in str(failures[os.fspath(tmp_path / "b.bad")])
    assert query(output, "SELECT source FROM reports") == [(os.fspath(tmp_path / "c.json"),)]
    ids = dict(query(output, "SELECT source, report_id FROM failures"))
    assert ids[os.fspath(tmp_path / "b.bad")] == hashlib.sha256(b"DIE").hexdigest()


def _on_a_terminal(command: list[str]) -> tuple[int, str]:
    """Run ``command`` with standard error on a pseudo-terminal; its status and what it showed."""
    main, secondary = pty.openpty()
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=secondary)
        os.close(secondary)
        secondary = -1
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            shown += chunk
        status = process.wait(timeout=120)
    finally:
        os.close(main)
        if secondary != -1:
            os.close(secondary)
    return status, shown.decode("utf-8", "replace")


def test_a_progress_bar_on_a_terminal_counts_skipped_inputs_too(tmp_path: Path) -> None:
    write_variants(tmp_path / "in", 6)
    output = tmp_path / "corpus.duckdb"
    command = [str(BIN / "govreport"), "collect", os.fspath(tmp_path / "in"), "-o", os.fspath(output), "-j", "1"]
    status, shown = _on_a_terminal(command)
    assert status == 0
    assert "6/6" in shown
    assert "6 collected" in shown
    write_variants(tmp_path / "in", 8)  # two more; the first six again, the same bytes
    status, shown = _on_a_terminal(command)
    assert status == 0
    assert "8/8" in shown
    assert "2 collected, 6 already in the corpus" in shown
    status, shown = _on_a_terminal([*command, "-q"])
    assert (status, shown) == (0, "")


def test_a_corpus_another_program_is_writing_is_refused_in_one_line(tmp_path: Path) -> None:
    output = tmp_path / "corpus.duckdb"
    g.collect([BASES[0]], output)
    hold = f"import duckdb, time; c = duckdb.connect({os.fspath(output)!r}); print('open', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", hold], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        result = govreport_command("collect", os.fspath(BASES[1]), "-o", os.fspath(output))
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"govreport: error: {output}: cannot be opened as a DuckDB corpus: ")
    assert "lock" in line
    assert count(output, "reports") == 1  # what was there is still there
