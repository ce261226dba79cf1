"""Text export and import, as ratios to reading the same text file and splitting its lines.

    python benchmarks/text_roundtrip.py [--repeat N]

Prints one line per case and writes build/benchmarks/text_roundtrip.json. Ratios, not seconds,
are what to compare between runs: the baseline is measured in the same run on the same machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

import govreport as g
from govreport.importers.text import read_text

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def long_report() -> g.Report:
    """The complete example with its narrative repeated fifty times (a very long report)."""
    base = g.load(ROOT / "examples" / "xinghe-2023" / "report.json")
    return attrs.evolve(base, overview=base.overview * 50, preamble=base.preamble * 10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    seed = (ROOT / "tests" / "fixtures" / "seed-wangfu-2022.txt").read_bytes()
    cases = {
        "sample": g.load(ROOT / "examples" / "wangfu-2022" / "report.json"),
        "long": long_report(),
    }
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, report in cases.items():
            exported = g.export(report, "text", annotations=True)
            path = Path(scratch) / f"{name}.txt"
            path.write_bytes(exported)

            def baseline(path: Path = path) -> object:
                return path.read_bytes().decode("utf-8").split("\n")

            base = median_seconds(baseline, args.repeat)
            timings = {
                "export": median_seconds(lambda report=report: g.export(report, "text", annotations=True), args.repeat),
                "import (annotated)": median_seconds(lambda path=path: read_text(path.read_bytes()), args.repeat),
                "import (plain text)": median_seconds(
                    lambda report=report: read_text(g.export(report, "text")), args.repeat
                ),
            }
            for action, seconds in timings.items():
                results.append(
                    {
                        "case": name,
                        "action": action,
                        "seconds": seconds,
                        "baseline_seconds": base,
                        "ratio": seconds / base,
                    }
                )
        seed_base = median_seconds(lambda: seed.decode("utf-8").split("\n"), args.repeat)
        seed_import = median_seconds(lambda: read_text(seed), args.repeat)
        results.append(
            {
                "case": "seed",
                "action": "import (plain text)",
                "seconds": seed_import,
                "baseline_seconds": seed_base,
                "ratio": seed_import / seed_base,
            }
        )
    for row in results:
        print(
            f"{row['case']:<7} {row['action']:<20} {row['seconds'] * 1000:9.2f} ms  ×{row['ratio']:,.0f} of read+split"
        )
    target = ROOT / "build" / "benchmarks" / "text_roundtrip.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
