"""What collecting a corpus costs, as ratios to reading the same reports in the same run.

    python benchmarks/collect.py [--batch 1000] [--small 250] [--large 2000] [--repeat 3] [--short]

Reports are made here: variants of both examples (benchmarks/checks.py's ``variants``: a few cells
of table 三 changed, some made blank), one JSON file each. Three figures:

- in this process, one input at a time (``jobs=1``, plugins loaded beforehand), the least CPU
  seconds (and wall seconds) of ``--repeat`` rounds in which the three take turns:
  ``govreport.collect`` of ``--batch`` reports into a new DuckDB file ÷ reading them with
  ``govreport.read`` (the import alone), and ÷ reading and checking them (``read`` + ``check``,
  which collect does too: its findings are the checks'). Collect adds hashing, the rows and the
  DuckDB writes. Twice: the reports as JSON (the cheapest import there is, under a millisecond, so
  the worst case for the ratio) and the same reports as web pages (the html exporter's, read
  through the reading layer as published pages are);
- the commands, fresh processes with ``-j 2``: ``govreport collect`` ÷ ``govreport check`` of the
  same folder (both read and check every input in worker processes), wall seconds;
- peak resident memory of ``govreport collect -j 2`` (the main process, which writes, and the
  largest worker) for ``--small`` and ``--large`` inputs: their ratio should be near 1 (flat).

``--short`` is a quick run (200 reports; 50 and 400 for memory). Results go to
build/benchmarks/collect.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checks import variants
from run import watch

import govreport as g

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def best_of(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, tuple[float, float]]:
    """The least CPU seconds (of this process and its threads: DuckDB's too) and the least wall
    seconds of each action over ``repeat`` rounds, the actions taking turns in each round, so that
    a machine busy with other work weighs on all of them alike."""
    cpu: dict[str, list[float]] = {name: [] for name in actions}
    wall: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            start_cpu, start = time.process_time(), time.perf_counter()
            action()
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start)
    return {name: (min(cpu[name]), min(wall[name])) for name in actions}


def write_reports(folder: Path, documents: list[str]) -> list[Path]:
    paths = []
    for i, document in enumerate(documents):
        target = folder / f"{i // 100:03d}" / f"report-{i:05d}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document, encoding="utf-8")
        paths.append(target)
    return paths


def as_html(paths: list[Path], folder: Path) -> list[Path]:
    """The same reports as web pages (the html exporter's), which import through the reading layer."""
    pages = []
    for path in paths:
        target = folder / path.parent.name / (path.stem + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        g.export_file(g.load(path), target)
        pages.append(target)
    return pages


def in_process(paths: list[Path], folder: Path, scratch: Path, repeat: int) -> dict[str, Any]:
    def import_all() -> None:
        for path in paths:
            g.read(path)

    def import_and_check_all() -> None:
        for path in paths:
            imported = g.read(path)
            g.check(imported.report, imported=imported.findings)

    runs = iter(range(1_000_000))

    def collect_all() -> None:
        summary = g.collect([folder], scratch / f"corpus-{next(runs)}.duckdb", jobs=1)
        if summary.failed or summary.inputs != len(paths):
            raise SystemExit(f"collect did not read every input: {summary}")

    import_all()  # plugins, rules and caches warm before any timing
    timed = best_of({"import": import_all, "import + check": import_and_check_all, "collect": collect_all}, repeat)
    results: dict[str, Any] = {"reports": len(paths)}
    for name, (cpu, wall) in timed.items():
        results[f"{name} CPU seconds"] = cpu
        results[f"{name} wall seconds"] = wall
    for baseline in ("import", "import + check"):
        results[f"collect / {baseline}, CPU"] = timed["collect"][0] / timed[baseline][0]
        results[f"collect / {baseline}, wall"] = timed["collect"][1] / timed[baseline][1]
    results["target collect / import <= 1.2 (CPU)"] = results["collect / import, CPU"] <= 1.2
    return results


def watched(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds of a command, and the peak RSS (kB) of its main process and of its largest
    descendant (``run.watch``)."""
    run = watch(args)
    if run.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed with exit code {run.returncode}")
    return run.seconds, run.main_peak_kb, run.worker_peak_kb


def commands(folder: Path, scratch: Path, repeat: int) -> dict[str, Any]:
    """``govreport collect`` and ``govreport check`` of the same folder, -j 2, taking turns: the least
    wall seconds of each (the workers' CPU time is not seen from here: they are the forkserver's)."""
    runs = iter(range(1_000_000))
    timings: dict[str, list[float]] = {"collect": [], "check": []}
    for _ in range(repeat):
        for name in timings:
            output = ["-o", str(scratch / f"cli-{next(runs)}.duckdb")] if name == "collect" else []
            seconds, _, _ = watched([str(BIN / "govreport"), name, str(folder), *output, "-j", "2"])
            timings[name].append(seconds)
    collect_wall, check_wall = min(timings["collect"]), min(timings["check"])
    return {
        "collect -j 2 wall seconds": collect_wall,
        "check -j 2 wall seconds": check_wall,
        "collect / check (-j 2), wall": collect_wall / check_wall,
    }


def memory(root: Path, documents: list[str], small: int, large: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    peaks = {}
    for size in (small, large):
        folder = root / f"memory-{size}"
        write_reports(folder, documents[:size])
        _, main_peak, worker_peak = watched(
            [str(BIN / "govreport"), "collect", str(folder), "-o", str(root / f"memory-{size}.duckdb"), "-j", "2"]
        )
        peaks[size] = (main_peak, worker_peak)
        results[f"main process peak RSS kB, {size} inputs"] = main_peak
        results[f"worker peak RSS kB, {size} inputs"] = worker_peak
    main_growth = peaks[large][0] / max(1, peaks[small][0])
    worker_growth = peaks[large][1] / max(1, peaks[small][1])
    results[f"main process peak RSS {large} / {small}"] = main_growth
    results[f"worker peak RSS {large} / {small}"] = worker_growth
    results["target: differ by less than 10%"] = abs(main_growth - 1) < 0.10 and abs(worker_growth - 1) < 0.10
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=1000, help="reports for the speed ratios (default 1000)")
    parser.add_argument("--small", type=int, default=250, help="inputs of the smaller memory run (default 250)")
    parser.add_argument("--large", type=int, default=2000, help="inputs of the larger memory run (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per best-of (default 3)")
    parser.add_argument("--short", action="store_true", help="a quick run: 200 reports; 50 and 400 for memory")
    args = parser.parse_args()
    if args.short:
        args.batch, args.small, args.large, args.repeat = 200, 50, 400, 1
    results = measure(args.batch, args.small, args.large, args.repeat)
    for section, figures in results.items():
        print(f"\n{section}:")
        for key, value in figures.items():
            print(f"  {key:<44} {value:,.3f}" if isinstance(value, float) else f"  {key:<44} {value}")
    target = ROOT / "build" / "benchmarks" / "collect.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten: {target.relative_to(ROOT)}")
    return 0


def measure(batch: int, small: int, large: int, repeat: int) -> dict[str, dict[str, Any]]:
    """Every figure of this module (benchmarks/run.py calls this too)."""
    g.list_formats()  # plugins loaded once, as in a long-running process
    documents = variants(max(batch, large))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = root / "reports"
        paths = write_reports(folder, documents[:batch])
        pages = as_html(paths, root / "pages")
        return {
            "in this process (jobs=1), JSON inputs": in_process(paths, folder, root, repeat),
            "in this process (jobs=1), web pages (HTML)": in_process(pages, root / "pages", root, repeat),
            "the commands (JSON inputs)": commands(folder, root, repeat),
            "memory (-j 2)": memory(root, documents, small, large),
        }


if __name__ == "__main__":
    sys.exit(main())
