"""Every speed figure of govreport, each as a ratio to a baseline measured in the same run.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/run.py [--repeat 15] [--batch 1000] [--large 4000] [--no-batch] [--no-pdf]

For the user's sample and the complete example: load JSON; export to json, text, html and docx;
import text and docx; check. Each is a median over ``--repeat`` runs in this process (plugins
loaded and templates compiled once beforehand, as in a long-running service), with its baseline:

- JSON load/dump and the json export ÷ the standard library's json on the same document;
- text and html export ÷ Jinja2 alone rendering the same template over the same data (the
  exporter's context, recorded from one export, its helpers' results replayed from a cache: what
  is left is the template itself; target ≤ 2), and ÷ the docx export (target ≤ 1);
- docx export ÷ python-docx creating and saving an empty document (target ≤ 0.5), and ÷ docxtpl
  filling the official template with the same values (target < 1): the Jinja-tagged template is
  made here from tests/fixtures/official-template-2021.docx by writing {{ }} tags into its 200
  value cells and a narrative paragraph;
- text import ÷ reading and splitting the text, docx import ÷ python-docx opening the document;
- check ÷ load JSON, and check in reports a second of CPU (target ≥ 1,000, every rule run).

Then start-up (``import govreport`` and ``govreport --help`` against ``python -c pass``, fresh
processes) and the batch (``govreport render`` of ``--batch`` reports to 4 formats with -j 1 and
-j 2, and of a quarter of them (and of ``--large`` reports), for throughput, speed-up and peak
memory), and compare and aggregate (``benchmarks/compare_aggregate.py``: compare ÷ check --previous,
aggregate of ``--departments`` reports ÷ loading them, and their commands). Results go to
build/benchmarks/run.json. The older scripts beside this one measure single topics in more depth.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import compare_aggregate
import docx
import jinja2
import pdf_import
from checks import variants
from docx_roundtrip import empty_document, median_seconds

import govreport as g
from govreport.errors import PluginLoadWarning
from govreport.importers.docx import read_docx
from govreport.importers.text import read_text

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "tests" / "fixtures" / "official-template-2021.docx"
CASES = {
    "sample": ROOT / "examples" / "wangfu-2022" / "report.json",
    "complete": ROOT / "examples" / "xinghe-2023" / "report.json",
}
TABLES = ("active_disclosure", "applications", "review_litigation")
BIN = Path(sys.executable).parent


# -- docxtpl: the official template with Jinja tags in its value cells -------------------------------


def tagged_template() -> bytes:
    """The official template with ``{{ vN }}`` in each empty (value) cell, in document order, and a
    ``{{ narrative }}`` paragraph at the end."""
    document = docx.Document(str(TEMPLATE))
    number = 0
    for table in document.tables:
        seen: set[int] = set()
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) in seen or cell.text.strip():
                    continue
                seen.add(id(cell._tc))
                cell.text = f"{{{{ v{number} }}}}"
                number += 1
    document.add_paragraph("{{ narrative }}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def template_values(report: g.Report) -> dict[str, str]:
    """The report's 200 statistics values (blank as empty) and its whole text, for docxtpl."""
    values: list[str] = []
    for name in TABLES:
        table = getattr(report, name)
        for key in table.SPEC.cell_index:
            cell = table[key]
            values.append("" if cell.is_blank else str(cell.value))
    context = {f"v{i}": value for i, value in enumerate(values)}
    context["narrative"] = g.export(report, "text", annotations=False).decode("utf-8")
    return context


def docxtpl_fill(template: bytes, context: dict[str, str]) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(context)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- one report --------------------------------------------------------------------------------------


def jinja_alone(report: g.Report, format_name: str, *, cached_helpers: bool) -> Callable[[], str]:
    """Rendering the exporter's own template over the context it builds for ``report``, by Jinja2
    alone: the context is recorded from one export and rendered again. With ``cached_helpers``,
    each helper it holds (the text exporter's table drawing, say) answers from a cache of what it
    returned then, so no exporter code runs while it is timed; without, the helpers the template
    calls do their work, and what the exporter adds is its own overhead: resolving the options,
    building the context, checking and encoding the output."""
    from govreport import templating

    recorded: list[tuple[str, str, dict[str, Any], bool]] = []
    real = templating.render

    def record(kind: str, name: str, context: Any, **options: Any) -> str:
        recorded.append((kind, name, dict(context), bool(options.get("autoescape"))))
        return real(kind, name, context, **options)

    templating.render = record  # type: ignore[assignment]
    try:
        modules = [module for module in sys.modules.values() if getattr(module, "render", None) is real]
        for module in modules:
            module.render = record  # type: ignore[attr-defined]
        g.export(report, format_name)
    finally:
        templating.render = real  # type: ignore[assignment]
        for module in modules:
            module.render = real  # type: ignore[attr-defined]
    kind, name, context, autoescape = recorded[-1]

    def replayed(helper: Callable[..., Any]) -> Callable[..., Any]:
        answers: dict[str, Any] = {}

        def answer(*args: Any) -> Any:
            key = repr([id(arg) for arg in args])
            if key not in answers:
                answers[key] = helper(*args)
            return answers[key]

        return answer

    replay = {key: replayed(value) if cached_helpers and callable(value) and not isinstance(value, type) else value
              for key, value in context.items()}  # fmt: skip
    # Jinja2's own output, without the cleaning the HTML environment adds (its finalize), which is
    # the exporter's work; a cache of its own, or the overlay would find the exporter's compiled template.
    plain = templating.environment(kind, autoescape=autoescape).overlay(finalize=None, cache_size=50)
    template = plain.get_template(name)
    template.render(replay)  # the helpers' answers cached
    return lambda: template.render(replay)


def measure_case(name: str, path: Path, repeat: int) -> list[dict[str, Any]]:
    data = path.read_bytes()
    report = g.loads(data)
    plain = json.loads(data)
    text = g.export(report, "text", annotations=True)
    word = g.export(report, "docx")
    one_line = jinja2.Environment(autoescape=True).from_string("<h1>{{ title }}</h1>")
    template = tagged_template()
    context = template_values(report)
    docxtpl_fill(template, context)  # warm: docxtpl and its jinja environment imported
    g.check(report)

    def time_it(action: Callable[[], object]) -> float:
        return median_seconds(action, repeat)

    baselines = {
        "stdlib json.loads": time_it(lambda: json.loads(data)),
        "stdlib json.dumps": time_it(lambda: json.dumps(plain, ensure_ascii=False, indent=2)),
        "one-line Jinja2 template": time_it(lambda: one_line.render(title=report.title)),
        "python-docx empty document": time_it(empty_document),
        "docxtpl fills the official template": time_it(lambda: docxtpl_fill(template, context)),
        "read and split the text": time_it(lambda: text.decode("utf-8").split("\n")),
        "python-docx opens the document": time_it(lambda: docx.Document(io.BytesIO(word))),
        "export docx": time_it(lambda: g.export(report, "docx")),
    }
    baselines["load JSON"] = time_it(lambda: g.loads(data))
    for format_name in ("text", "html"):
        baselines[f"Jinja2 alone, {format_name} template"] = time_it(
            jinja_alone(report, format_name, cached_helpers=False)
        )
        baselines[f"Jinja2 alone, {format_name} template, helpers cached"] = time_it(
            jinja_alone(report, format_name, cached_helpers=True)
        )
    # Reports the process has not rendered before (other values in table 二), as in a batch: the
    # text exporter's column-width search is cached per table shape and misses for each of them.
    parity = list(CASES).index(name)
    unseen = iter([g.loads(document) for document in variants(2 * repeat)[parity::2]])
    rows = [
        ("load JSON", baselines["load JSON"], "stdlib json.loads", None),
        ("dump JSON", time_it(lambda: g.dumps(report)), "stdlib json.dumps", None),
        ("export json", time_it(lambda: g.export(report, "json")), "stdlib json.dumps", None),
        ("export text", time_it(lambda: g.export(report, "text")), "Jinja2 alone, text template", ("<=", 2.0)),
        ("export text", None, "Jinja2 alone, text template, helpers cached", None),
        ("export text", None, "export docx", ("<=", 1.0)),
        ("export text, new report", time_it(lambda: g.export(next(unseen), "text")), "export docx", ("<=", 1.0)),
        ("export html", time_it(lambda: g.export(report, "html")), "Jinja2 alone, html template", ("<=", 2.0)),
        ("export html", None, "Jinja2 alone, html template, helpers cached", None),
        ("export html", None, "export docx", ("<=", 1.0)),
        ("export docx", baselines["export docx"], "python-docx empty document", ("<=", 0.5)),
        ("export docx", None, "docxtpl fills the official template", ("<", 1.0)),
        ("import text", time_it(lambda: read_text(text)), "read and split the text", None),
        ("import docx", time_it(lambda: read_docx(word)), "python-docx opens the document", None),
        ("check", time_it(lambda: g.check(report)), "load JSON", None),
    ]
    # Checks a second of one core's CPU time, against the goal of 1,000 (every rule run).
    check_cpu = cpu_seconds(lambda: g.check(report), repeat)
    results = []
    last = 0.0
    for action, seconds, baseline, target in rows:
        seconds = last if seconds is None else seconds
        last = seconds
        ratio = seconds / baselines[baseline]
        row: dict[str, Any] = {
            "case": name,
            "action": action,
            "seconds": seconds,
            "baseline": baseline,
            "baseline_seconds": baselines[baseline],
            "ratio": ratio,
        }
        if target is not None:
            operator, limit = target
            row["target"] = f"{operator} {limit:g}"
            row["meets_target"] = ratio <= limit if operator == "<=" else ratio < limit
        results.append(row)
    results.append(
        {
            "case": name,
            "action": "check, reports per CPU second",
            "seconds": check_cpu,
            "baseline": "1 ms of CPU (1,000 reports/s per core)",
            "baseline_seconds": 0.001,
            "ratio": check_cpu / 0.001,
            "target": "<= 1",
            "meets_target": check_cpu <= 0.001,
        }
    )
    return results


def cpu_seconds(action: Callable[[], object], repeat: int, batch: int = 20) -> float:
    """The smallest CPU time (this process's) of ``action``, over ``repeat`` runs of ``batch`` calls:
    not wall time, which other processes on a shared machine lengthen."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(batch):
            action()
        best = min(best, (time.process_time() - start) / batch)
    return best


# -- start-up ----------------------------------------------------------------------------------------


def process_seconds(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (user + system) of a fresh process. CPU time is
    the steadier figure on a machine that is busy with other work."""
    timings, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timings.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(timings), statistics.median(cpu)


def measure_startup(repeat: int) -> dict[str, Any]:
    python = sys.executable
    base, base_cpu = process_seconds([python, "-c", "pass"], repeat)
    imported, imported_cpu = process_seconds([python, "-c", "import govreport"], repeat)
    helped, helped_cpu = process_seconds([str(BIN / "govreport"), "--help"], repeat)
    return {
        "python -c pass": base,
        "import govreport": imported,
        "govreport --help": helped,
        "python -c pass CPU": base_cpu,
        "import adds CPU ms": (imported_cpu - base_cpu) * 1000,
        "help adds CPU ms": (helped_cpu - base_cpu) * 1000,
        "import adds ms": (imported - base) * 1000,
        "help adds ms": (helped - base) * 1000,
        "import ratio": imported / base,
        "help ratio": helped / base,
        "import meets target (< 60 ms added)": (imported - base) < 0.060,
        "help meets target (< 150 ms added)": (helped - base) < 0.150,
    }


# -- batch -------------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _peak_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), from /proc; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time the process has used so far, from /proc; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime and stime, fields 14 and 15


@dataclasses.dataclass(frozen=True)
class Watched:
    """One command's run, read from /proc every 20 ms while it ran (Linux)."""

    seconds: float  # wall
    main_peak_kb: int  # peak RSS (VmHWM) of the command's own process
    worker_peak_kb: int  # the largest of its descendants'
    cpu_seconds: float  # the whole process tree's, as last read (a process's last 20 ms may be missed)
    returncode: int


def watch(args: list[str]) -> Watched:
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    main_peak = worker_peak = 0
    cpu: dict[int, float] = {}
    while process.poll() is None:
        main_peak = max(main_peak, _peak_kb(process.pid))
        pending, descendants = _children(process.pid), []
        while pending:
            pid = pending.pop()
            descendants.append(pid)
            pending += _children(pid)
        for pid in descendants:
            worker_peak = max(worker_peak, _peak_kb(pid))
        for pid in (process.pid, *descendants):
            used = _cpu_seconds(pid)
            if used is not None:
                cpu[pid] = used
        time.sleep(0.02)
    return Watched(time.perf_counter() - start, main_peak, worker_peak, sum(cpu.values()), process.returncode)


def timed_run(inputs: Path, out: Path, jobs: int, command: str = "render") -> Watched:
    """One ``govreport render`` (to the four formats) or ``govreport check`` of ``inputs``."""
    args = [str(BIN / "govreport"), command, str(inputs), "-j", str(jobs)]
    if command == "render":
        args += ["--to", "json,text,html,docx", "-o", str(out)]
    run = watch(args)
    if command == "render" and run.returncode != 0:
        raise SystemExit(f"govreport {command} failed with exit code {run.returncode}")
    return run


def measure_batch(count: int, large: int = 0) -> dict[str, Any]:
    """Throughput of ``count`` reports with -j 1 and -j 2, and peak memory (-j 2) for a quarter of
    them, all of them and, if ``large``, that many (a third point tells warm-up from growth)."""
    sizes = sorted({max(1, count // 4), count, *([large] if large else [])})
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        documents = variants(max(sizes))
        for size in sizes:
            for i, document in enumerate(documents[:size]):
                target = root / f"in-{size}" / f"{i // 100:03d}" / f"report-{i:05d}.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(document, encoding="utf-8")
        del documents
        first = timed_run(root / f"in-{count}", root / "out1", 1)
        one, cpu_one = first.seconds, first.cpu_seconds
        results: dict[str, Any] = {"reports": count, "formats": 4, "cores": os.cpu_count()}
        peaks: dict[int, tuple[int, int]] = {}
        cpu_of: dict[int, float] = {}
        for size in sizes:
            run = timed_run(root / f"in-{size}", root / f"out-{size}", 2)
            peaks[size] = (run.main_peak_kb, run.worker_peak_kb)
            cpu_of[size] = run.cpu_seconds
            if size == count:
                two, cpu_two = run.seconds, run.cpu_seconds
                results["files written"] = sum(1 for path in (root / f"out-{size}").rglob("*") if path.is_file())
        check_two = timed_run(root / f"in-{count}", root / "unused", 2, command="check").seconds
    results |= {
        "render -j 1 seconds": one,
        "render -j 2 seconds": two,
        "render -j 1 reports/s": count / one,
        "render -j 2 reports/s": count / two,
        "speed-up -j 2 over -j 1": one / two,
        "check -j 2 seconds": check_two,
        "check -j 2 reports/s": count / check_two,
        "render -j 1 CPU ms per report": 1000 * cpu_one / count,
        "render -j 2 CPU ms per report": 1000 * cpu_two / count,
    }
    documents = documents_for_medians(count)
    medians = per_report_medians(documents)
    reading, writing = per_report_file_medians(documents)
    whole = medians + reading + writing
    results["sum of the per-report medians, ms (load + 4 exports, new reports)"] = 1000 * medians
    results["  median of reading the input file, ms"] = 1000 * reading
    results["  median of writing the 4 outputs atomically, ms"] = 1000 * writing
    results["sum of the per-report medians, ms (read file + 4 exports + write 4 files)"] = 1000 * whole
    results["render -j 2 CPU per report / sum of medians, in memory"] = cpu_two / count / medians
    results["render -j 2 CPU per report / sum of medians, with the files, start-up included"] = cpu_two / count / whole
    # What one more report costs: the run of a quarter of the inputs taken from the run of all of
    # them, so that what a run spends once (three processes started, the workers' head start) is
    # left out, as it is of the medians; a national year is 100 times this batch.
    smallest = sizes[0]
    if count > smallest:
        marginal = (cpu_of[count] - cpu_of[smallest]) / (count - smallest)
        results[f"render -j 2 CPU ms a report beyond the start-up (runs of {count} and {smallest})"] = 1000 * marginal
        results["render -j 2 CPU a report beyond the start-up / sum of medians, with the files (target <= 1.2)"] = (
            marginal / whole
        )
    results["1,000 reports x 4 formats at -j 2, seconds (target < 15)"] = two * 1000 / count
    for size in sizes:
        main_peak, worker_peak = peaks[size]
        results[f"worker peak RSS kB, {size} reports"] = worker_peak
        results[f"main process peak RSS kB, {size} reports"] = main_peak
        if size != smallest:
            results[f"worker peak RSS growth, {smallest} -> {size}"] = worker_peak / max(1, peaks[smallest][1])
            results[f"main process peak RSS growth, {smallest} -> {size}"] = main_peak / max(1, peaks[smallest][0])
    return results


def documents_for_medians(count: int) -> list[str]:
    # 200 where the batch has them: with 60 the sum of the medians moved by ±0.4 ms from run to run.
    return variants(min(count, 200))


def per_report_medians(documents: list[str]) -> float:
    """The sum of the medians, in this process, of what a batch does to one report it has not
    seen: load the JSON, export json, text, html and docx (seconds of CPU)."""
    reports = [g.loads(document) for document in documents]
    total = 0.0
    for action in (
        lambda index: g.loads(documents[index]),
        *(lambda index, name=name: g.export(reports[index], name) for name in ("json", "text", "html", "docx")),
    ):
        times = []
        for index in range(len(documents)):
            start = time.process_time()
            action(index)
            times.append(time.process_time() - start)
        total += statistics.median(times)
    return total


def per_report_file_medians(documents: list[str]) -> tuple[float, float]:
    """The medians, in this process (seconds of CPU, the kernel's included), of the two steps a batch
    takes for each report beyond loading and exporting it: reading its file (``govreport.read``:
    open, read, find the importer) less the load itself, and writing its four outputs atomically
    (temporary files, fsync, rename: ``govreport.files.write_files_atomically``)."""
    from govreport.files import write_files_atomically

    reads, loads, writes = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for index, document in enumerate(documents):
            source = root / "in" / f"report-{index:05d}.json"
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_text(document, encoding="utf-8")
            start = time.process_time()
            report = g.read(source).report
            reads.append(time.process_time() - start)
            start = time.process_time()
            g.loads(document)
            loads.append(time.process_time() - start)
            outputs = {
                root / "out" / f"report-{index:05d}{extension}": g.export(report, name)
                for name, extension in (("json", ".json"), ("text", ".txt"), ("html", ".html"), ("docx", ".docx"))
            }
            (root / "out").mkdir(exist_ok=True)
            start = time.process_time()
            write_files_atomically(outputs)
            writes.append(time.process_time() - start)
    return max(0.0, statistics.median(reads) - statistics.median(loads)), statistics.median(writes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per median (default 15)")
    parser.add_argument("--batch", type=int, default=1000, help="reports in the batch benchmark (default 1000)")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch benchmark")
    parser.add_argument("--no-pdf", action="store_true", help="skip PDF import (benchmarks/pdf_import.py)")
    parser.add_argument(
        "--short",
        action="store_true",
        help="what CI runs: 3 repeats and a batch of 100 (figures printed, never asserted)",
    )
    parser.add_argument(
        "--large", type=int, default=0, help="also measure peak memory for this many reports (e.g. 4000)"
    )
    parser.add_argument(
        "--departments", type=int, default=200, help="reports in the aggregate benchmark (default 200; 0 skips it)"
    )
    parser.add_argument("--collect", action="store_true", help="also benchmarks/collect.py's figures, short mode")
    args = parser.parse_args()
    if args.short:
        args.repeat, args.batch, args.large, args.departments, args.collect = 3, 100, 0, 50, True
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count()},
        "per_report": [],
    }
    warnings.simplefilter("ignore", PluginLoadWarning)  # a broken third-party plugin is not our figure
    g.list_formats()  # plugins loaded once, as in a long-running process
    for name, path in CASES.items():
        rows = measure_case(name, path, args.repeat)
        results["per_report"] += rows
        print(f"\n{name} ({path.relative_to(ROOT)}), median of {args.repeat}:")
        for row in rows:
            verdict = ""
            if "target" in row:
                verdict = f"  target {row['target']}: {'met' if row['meets_target'] else 'NOT MET'}"
            print(
                f"  {row['action']:<24} {row['seconds'] * 1000:8.2f} ms  ×{row['ratio']:8.2f} of "
                f"{row['baseline']} ({row['baseline_seconds'] * 1000:.3f} ms){verdict}"
            )
    if not args.no_pdf:
        results["pdf_import"] = pdf_import.measure_for_run(min(args.repeat, 5), short=args.short)
    startup = measure_startup(max(5, args.repeat))
    results["startup"] = startup
    print("\nstart-up (fresh processes, median):")
    print(f"  python -c pass     {startup['python -c pass'] * 1000:7.1f} ms")
    for label, key, target in (("import govreport", "import", 60), ("govreport --help", "help", 150)):
        added = startup[f"{key} adds ms"]
        print(
            f"  {label:<18} {startup[label] * 1000:7.1f} ms  adds {added:6.1f} ms, ×{startup[f'{key} ratio']:.2f} "
            f"of python -c pass; target < {target} ms added: {'met' if added < target else 'NOT MET'}"
            f" (CPU time added: {startup[f'{key} adds CPU ms']:.1f} ms)"
        )
    if not args.no_batch:
        batch = measure_batch(args.batch, args.large)
        results["batch"] = batch
        print(f"\nbatch: {args.batch} reports × 4 formats (json,text,html,docx), {os.cpu_count()} cores:")
        for key, value in batch.items():
            print(f"  {key:<42} {value:,.2f}" if isinstance(value, float) else f"  {key:<42} {value}")
    if args.departments:
        results["compare_aggregate"] = compare_aggregate.measure(args.repeat, args.departments)
        print(f"\ncompare and aggregate (benchmarks/compare_aggregate.py), median of {args.repeat}:")
        compare_aggregate.print_rows(results["compare_aggregate"])
    if args.collect:
        import collect  # benchmarks/collect.py: collect vs import (and check), memory for few and many inputs

        results["collect"] = collect.measure(batch=200, small=50, large=400, repeat=1)
        print(f"\ncollect (short mode): {json.dumps(results['collect'], indent=2, ensure_ascii=False)}")
    target = ROOT / "build" / "benchmarks" / "run.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
