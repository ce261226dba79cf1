"""How long checking takes, as a ratio to loading the same reports in the same run.

    python benchmarks/checks.py [--batch 1000] [--repeat 3]

Measures (best of ``--repeat``): the user's sample loaded and checked 100 times; then a batch of
``--batch`` reports (variants of both examples: other years, changed cells, a blank here and there)
loaded from JSON and checked, and checked again with last year's report for the cross-year rules.
Times are wall-clock seconds; the ratio is what matters (checking time / loading time). Plugins
are loaded once before timing, as in a long-running process.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

import attrs

import govreport
from govreport.model import Report

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "wangfu-2022" / "report.json"
COMPLETE = REPO / "examples" / "xinghe-2023" / "report.json"


def best(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def variants(count: int) -> list[str]:
    """``count`` report documents: the examples with a few cells changed, some made blank."""
    rng = random.Random(2024)
    bases = [govreport.load(SAMPLE), govreport.load(COMPLETE)]
    documents = []
    for i in range(count):
        report = bases[i % 2]
        table = report.applications
        cells = list(table.SPEC.cell_index)
        changes = {}
        for row, column in rng.sample(cells, 3):
            changes[(row, column)] = None if rng.random() < 0.2 else rng.randrange(0, 50)
        report = attrs.evolve(report, applications=table.with_values(changes))
        documents.append(govreport.dumps(report))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    govreport.list_formats()  # load the plugins (and so the rules) before timing
    sample_bytes = SAMPLE.read_bytes()
    sample = govreport.loads(sample_bytes)
    govreport.check(sample)

    n = 100
    load_sample = best(lambda: [govreport.loads(sample_bytes) for _ in range(n)], args.repeat) / n
    check_sample = best(lambda: [govreport.check(sample) for _ in range(n)], args.repeat) / n
    print(f"sample (wangfu-2022): load {load_sample * 1000:.2f} ms, check {check_sample * 1000:.2f} ms, "
          f"ratio check/load {check_sample / load_sample:.2f}")  # fmt: skip

    documents = variants(args.batch)
    reports: list[Report] = []

    def load_all() -> None:
        reports[:] = [govreport.loads(document) for document in documents]

    load_batch = best(load_all, args.repeat)
    check_batch = best(lambda: [govreport.check(report) for report in reports], args.repeat)
    previous = {report.metadata.issuing_body: report for report in reports[:2]}

    def check_with_previous() -> None:
        for report in reports:
            last = previous[report.metadata.issuing_body]
            govreport.check(
                report, attrs.evolve(last, metadata=attrs.evolve(last.metadata, year=last.metadata.year - 1))
            )

    check_previous = best(check_with_previous, args.repeat)
    print(f"batch of {len(documents)}: load {load_batch:.2f} s, check {check_batch:.2f} s "
          f"(ratio {check_batch / load_batch:.2f}), check with last year {check_previous:.2f} s "
          f"(ratio {check_previous / load_batch:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
