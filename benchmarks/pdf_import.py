"""PDF import, split into the engine's extraction and our own work, for each engine, on the PDF corpus.

    .venv/bin/python benchmarks/pdf_import.py [--files DIR] [--repeat 5] [--copies 20] [--short]

The files are the corpus PDFs (``tests/corpus/*.truth.json`` whose file is a PDF, looked for as
``benchmarks/corpus.py`` does: ``--files``, ``$GOVREPORT_CORPUS_FILES`` or ``build/corpus/files``,
and ``../shared/corpus``; a file whose sha256 is not its truth's is not measured). For each file and
engine, a median of ``--repeat`` runs in this process of:

- *extraction*: ``extract_pages``, the engine opening the file and giving every page's characters
  and rules (for pdfplumber: pdfminer's parsing, all of it; for pdfium: PDFium's, through ctypes);
- *own work*: ``read_pages`` on what was extracted (lines and table grids, paragraphs, joined
  tables, the reading layer's report);

with the ratios own ÷ extraction (the engine's own) and own ÷ pdfplumber's extraction (the issue's
goal: ≤ 0.2), pdfium ÷ pdfplumber for extraction and for the whole import, and each engine's
accuracy against the hand-typed truth (right, wrong, blank). Then the batch scaling: ``govreport
check -q`` of ``--copies`` copies of every corpus PDF with ``-j 1`` and ``-j 2``, for each engine
(reports a second, speed-up, and CPU seconds a report with ``-j 1``). ``--short`` (CI): one file,
one repeat, no batch. Figures are printed and written to ``build/benchmarks/pdf_import.json``;
nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus import corpus  # noqa: E402
from corpus_truth import score  # noqa: E402
from govreport.importers.pdf import DEFAULT_ENGINE, ENGINE_NAMES, ENGINE_VARIABLE, extract_pages, read_pages  # noqa: E402

BIN = Path(sys.executable).parent
SHORT_FILE = "hongze-2024"  # in ../shared/corpus, so CI has it


def pdf_files(files: Path) -> list[tuple[dict[str, Any], Path]]:
    found, problems = corpus(files)
    wanted = _pdf_truth_ids()
    for problem in problems:
        if problem.split(":")[0] in wanted:
            print(f"not measured: {problem}")
    return [(truth, path) for truth, path in found if path.suffix == ".pdf"]


def _pdf_truth_ids() -> set[str]:
    ids = set()
    for truth_path in (ROOT / "tests" / "corpus").glob("*.truth.json"):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if truth["file"].endswith(".pdf"):
            ids.add(truth["id"])
    return ids


def measure_file(truth: dict[str, Any], path: Path, repeat: int) -> dict[str, Any]:
    data = path.read_bytes()
    row: dict[str, Any] = {"id": truth["id"], "pages": len(extract_pages(data))}
    for engine in ENGINE_NAMES:
        extraction, own = [], []
        imported = None
        for _ in range(repeat):
            start = time.perf_counter()
            contents = extract_pages(data, engine=engine)
            middle = time.perf_counter()
            imported = read_pages(contents)
            end = time.perf_counter()
            extraction.append(middle - start)
            own.append(end - middle)
        assert imported is not None
        result = score(imported.report, truth)
        row[engine] = {
            "extraction_seconds": statistics.median(extraction),
            "own_seconds": statistics.median(own),
            "import_seconds": statistics.median(e + o for e, o in zip(extraction, own, strict=True)),
            "right": result.right,
            "wrong": len(result.wrong),
            "blank": len(result.blank),
        }
    plumber = row["pdfplumber"]["extraction_seconds"]
    for engine in ENGINE_NAMES:
        figures = row[engine]
        figures["own_vs_extraction"] = figures["own_seconds"] / figures["extraction_seconds"]
        figures["own_vs_pdfplumber_extraction"] = figures["own_seconds"] / plumber
    row["pdfium_vs_pdfplumber_extraction"] = row["pdfium"]["extraction_seconds"] / plumber
    row["pdfium_vs_pdfplumber_import"] = row["pdfium"]["import_seconds"] / row["pdfplumber"]["import_seconds"]
    return row


def total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The corpus as one: seconds summed over the files, ratios of the sums."""
    line: dict[str, Any] = {"id": "total", "pages": sum(row["pages"] for row in rows)}
    for engine in ENGINE_NAMES:
        line[engine] = {
            key: sum(row[engine][key] for row in rows)
            for key in ("extraction_seconds", "own_seconds", "import_seconds", "right", "wrong", "blank")
        }
    plumber = line["pdfplumber"]["extraction_seconds"]
    for engine in ENGINE_NAMES:
        figures = line[engine]
        figures["own_vs_extraction"] = figures["own_seconds"] / figures["extraction_seconds"]
        figures["own_vs_pdfplumber_extraction"] = figures["own_seconds"] / plumber
    line["pdfium_vs_pdfplumber_extraction"] = line["pdfium"]["extraction_seconds"] / plumber
    line["pdfium_vs_pdfplumber_import"] = line["pdfium"]["import_seconds"] / line["pdfplumber"]["import_seconds"]
    return line


def print_rows(rows: list[dict[str, Any]], repeat: int) -> None:
    print(f"per file, median of {repeat} (ms); own = read_pages on the extracted pages")
    print(
        "| file | pages | engine | extraction | own | own ÷ extraction | own ÷ pdfplumber extraction | import "
        "| right / wrong / blank |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---|")
    for row in rows:
        for engine in ENGINE_NAMES:
            f = row[engine]
            print(
                f"| {row['id']} | {row['pages']} | {engine} | {f['extraction_seconds'] * 1000:.1f} | "
                f"{f['own_seconds'] * 1000:.1f} | {f['own_vs_extraction']:.3f} | "
                f"{f['own_vs_pdfplumber_extraction']:.3f} | {f['import_seconds'] * 1000:.1f} | "
                f"{f['right']} / {f['wrong']} / {f['blank']} |"
            )
    print("\npdfium ÷ pdfplumber:")
    for row in rows:
        print(
            f"  {row['id']:<12} extraction ×{row['pdfium_vs_pdfplumber_extraction']:.3f}, "
            f"whole import ×{row['pdfium_vs_pdfplumber_import']:.3f}"
        )


def timed_check(inputs: Path, jobs: int, engine: str) -> tuple[float, float]:
    """Wall and CPU seconds of ``govreport check -q -j JOBS`` (CPU: the command's, and its workers' if waited for)."""
    env = {**os.environ, ENGINE_VARIABLE: engine}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "govreport"), "check", "-q", "-j", str(jobs), str(inputs)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):  # 1: findings, as reports have
        raise SystemExit(f"govreport check failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, cpu


def measure_scaling(paths: list[Path], copies: int) -> dict[str, Any]:
    results: dict[str, Any] = {
        "reports": copies * len(paths),
        "cores": os.cpu_count(),
        "load average before": os.getloadavg()[0],
    }
    with tempfile.TemporaryDirectory() as work:
        inputs = Path(work) / "pdfs"
        inputs.mkdir()
        for k in range(copies):
            for path in paths:
                shutil.copyfile(path, inputs / f"{path.stem}-{k:04d}.pdf")
        for engine in ENGINE_NAMES:
            for jobs in (1, 2):
                seconds, cpu = timed_check(inputs, jobs, engine)
                results[f"{engine} -j {jobs} seconds"] = seconds
                results[f"{engine} -j {jobs} reports/s"] = results["reports"] / seconds
                if jobs == 1:  # the pool's workers are not waited for by the command: their CPU time is not seen
                    results[f"{engine} -j 1 CPU s/report"] = cpu / results["reports"]
            one, two = results[f"{engine} -j 1 seconds"], results[f"{engine} -j 2 seconds"]
            results[f"{engine} speed-up -j 2 / -j 1"] = one / two
    results["load average after"] = os.getloadavg()[0]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=Path, default=None, help="where the corpus PDFs are (see corpus.py)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--copies", type=int, default=20, help="copies of each PDF in the batch (default 20)")
    parser.add_argument("--short", action="store_true", help="CI: one file, one repeat, no batch")
    args = parser.parse_args(argv)
    files = args.files or Path(os.environ.get("GOVREPORT_CORPUS_FILES") or ROOT / "build" / "corpus" / "files")
    entries = pdf_files(files)
    if args.short:
        entries = [entry for entry in entries if entry[0]["id"] == SHORT_FILE][:1] or entries[:1]
    if not entries:
        print("no corpus PDF found: see tests/corpus/README.md")
        return 1
    repeat = 1 if args.short else args.repeat
    results = run(entries, repeat, 0 if args.short else args.copies)
    target = ROOT / "build" / "benchmarks" / "pdf_import.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten: {target.relative_to(ROOT)}")
    return 0


def run(entries: list[tuple[dict[str, Any], Path]], repeat: int, copies: int) -> dict[str, Any]:
    """Measure and print; what benchmarks/run.py calls too."""
    extract_pages(entries[0][1].read_bytes(), engine="pdfplumber")  # imports and fonts' first use, not timed
    extract_pages(entries[0][1].read_bytes(), engine="pdfium")
    rows = [measure_file(truth, path, repeat) for truth, path in entries]
    rows.append(total(rows))
    print(f"PDF import (default engine: {DEFAULT_ENGINE})")
    print_rows(rows, repeat)
    results: dict[str, Any] = {"default_engine": DEFAULT_ENGINE, "repeat": repeat, "files": rows}
    if copies:
        scaling = measure_scaling([path for _truth, path in entries], copies)
        results["scaling"] = scaling
        print(f"\nbatch: govreport check -q of {scaling['reports']} PDFs, {scaling['cores']} cores:")
        for key, value in scaling.items():
            print(f"  {key:<36} {value:,.2f}" if isinstance(value, float) else f"  {key:<36} {value}")
    return results


def measure_for_run(repeat: int, *, short: bool) -> dict[str, Any]:
    """benchmarks/run.py's part: the corpus PDFs found (run.py ``--short``: one, once), without the batch."""
    print()
    files = Path(os.environ.get("GOVREPORT_CORPUS_FILES") or ROOT / "build" / "corpus" / "files")
    entries = pdf_files(files)
    if short:
        entries = [entry for entry in entries if entry[0]["id"] == SHORT_FILE][:1] or entries[:1]
    if not entries:
        print("PDF import: no corpus PDF found (see tests/corpus/README.md)")
        return {}
    return run(entries, 1 if short else repeat, 0)


if __name__ == "__main__":
    sys.exit(main())
