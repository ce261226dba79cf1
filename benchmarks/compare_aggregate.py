"""How long comparing two years and aggregating a region take, each as a ratio to a baseline
measured in the same run.

    python benchmarks/compare_aggregate.py [--repeat 15] [--departments 200] [--short]

- ``compare`` of a pair ÷ ``check(this, previous=last)`` of the same pair (the cross-year checks
  read the same two reports): the real pair of ../shared/corpus (read once from the PDFs) and the
  complete example against a year before made from it;
- each comparison format (json, text, html, docx) ÷ the report exporter of the same name on this
  year's report;
- ``govreport compare LAST.pdf THIS.pdf --to json`` ÷ ``govreport check THIS.pdf --previous
  LAST.pdf`` (fresh processes: both read the two PDFs);
- ``aggregate`` of ``--departments`` reports ÷ loading the same reports from JSON;
- ``govreport aggregate FOLDER -j N`` ÷ ``govreport check FOLDER -j N`` of the same folder, N = 1 and 2
  (both read every input; check then checks each, aggregate sums them and checks the total).

Medians of ``--repeat`` runs (plugins loaded and templates compiled beforehand). ``--short`` (3
runs, 40 departments) is for a quick look; results go to build/benchmarks/compare_aggregate.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import govreport as g

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from many_reports import CORPUS, XINGHE, split, year_before  # noqa: E402

BIN = Path(sys.executable).parent


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process_seconds(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _row(action: str, seconds: float, baseline: str, baseline_seconds: float) -> dict[str, Any]:
    return {
        "action": action,
        "seconds": seconds,
        "baseline": baseline,
        "baseline_seconds": baseline_seconds,
        "ratio": seconds / baseline_seconds,
    }


def measure_compare(repeat: int) -> list[dict[str, Any]]:
    pairs = {"corpus": (g.read(CORPUS / "hongze-2023.pdf").report, g.read(CORPUS / "hongze-2024.pdf").report)}
    this = g.load(XINGHE)
    pairs["complete"] = (year_before(this), this)
    rows = []
    for name, (last, now) in pairs.items():
        g.check(now, previous=last)  # warm: rules loaded
        comparison = g.compare(last, now)
        checked = median_seconds(lambda last=last, now=now: g.check(now, previous=last), repeat)
        compared = median_seconds(lambda last=last, now=now: g.compare(last, now), repeat)
        rows.append(_row(f"{name}: compare", compared, "check --previous", checked))
        for fmt in ("json", "text", "html", "docx"):
            g.export_comparison(comparison, fmt)
            g.export(now, fmt)
            exported = median_seconds(
                lambda fmt=fmt, comparison=comparison: g.export_comparison(comparison, fmt), repeat
            )
            report = median_seconds(lambda fmt=fmt, now=now: g.export(now, fmt), repeat)
            rows.append(_row(f"{name}: comparison {fmt}", exported, f"report {fmt}", report))
    return rows


def measure_commands(repeat: int, departments: int) -> list[dict[str, Any]]:
    govreport = [str(BIN / "govreport")]
    last, this = str(CORPUS / "hongze-2023.pdf"), str(CORPUS / "hongze-2024.pdf")
    rows = [
        _row(
            "govreport compare (2 PDFs)",
            process_seconds([*govreport, "compare", last, this, "--to", "json", "-q"], repeat),
            "govreport check --previous",
            process_seconds([*govreport, "check", this, "--previous", last, "-q"], repeat),
        )
    ]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "departments"
        folder.mkdir()
        for k, part in enumerate(split(g.load(XINGHE), departments, seed=1)):
            g.dump(part, folder / f"dept{k:04}.json")
        total = Path(temporary) / "total.json"
        aggregate = [*govreport, "aggregate", str(folder), "--body", "合计", "--year", "2023", "-o", str(total), "-q"]
        for jobs in ("1", "2"):
            rows.append(
                _row(
                    f"govreport aggregate -j {jobs} ({departments} JSON)",
                    process_seconds([*aggregate, "-j", jobs], repeat),
                    f"govreport check -j {jobs}",
                    process_seconds([*govreport, "check", str(folder), "-j", jobs, "-q"], repeat),
                )
            )
        paths = sorted(folder.iterdir())
        loaded = median_seconds(lambda: [g.load(path) for path in paths], repeat)
        reports = {path.name: g.load(path) for path in paths}
        summed = median_seconds(lambda: g.aggregate(reports, body="合计", year=2023), repeat)
        rows.append(_row(f"aggregate ({departments} reports)", summed, f"load {departments} JSON", loaded))
    return rows


def measure(repeat: int, departments: int) -> list[dict[str, Any]]:
    g.list_formats()  # plugins loaded once, as in a long-running process
    return measure_compare(repeat) + measure_commands(max(3, repeat // 3), departments)


def print_rows(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        print(
            f"  {row['action']:<36} {row['seconds'] * 1000:9.2f} ms  ×{row['ratio']:6.2f} of "
            f"{row['baseline']} ({row['baseline_seconds'] * 1000:.2f} ms)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per median (default 15)")
    parser.add_argument("--departments", type=int, default=200, help="reports aggregated (default 200)")
    parser.add_argument("--short", action="store_true", help="3 runs, 40 departments")
    args = parser.parse_args()
    repeat, departments = (3, 40) if args.short else (args.repeat, args.departments)
    rows = measure(repeat, departments)
    print(f"compare and aggregate, median of {repeat}:")
    print_rows(rows)
    target = ROOT / "build" / "benchmarks" / "compare_aggregate.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"written: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
