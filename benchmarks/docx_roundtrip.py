"""DOCX export and import, as ratios to python-docx creating and saving an empty document.

    python benchmarks/docx_roundtrip.py [--repeat N]

Prints one line per case and writes build/benchmarks/docx_roundtrip.json. The baseline is
measured in the same run on the same machine; the target for both ratios is at most 5.
Cases: the user's sample, the complete example, and the complete example with its narrative
repeated fifty times (a very long report).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import docx

import govreport as g
from govreport.importers.docx import read_docx

ROOT = Path(__file__).resolve().parents[1]
TARGET = 5.0


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def empty_document() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    complete = g.load(ROOT / "examples" / "xinghe-2023" / "report.json")
    cases = {
        "sample": g.load(ROOT / "examples" / "wangfu-2022" / "report.json"),
        "complete": complete,
        "long": attrs.evolve(complete, overview=complete.overview * 50, preamble=complete.preamble * 10),
    }
    g.export(complete, "docx")  # the first call loads the writer; a long-running process pays that once
    base = median_seconds(empty_document, args.repeat)
    results = []
    for name, report in cases.items():
        data = g.export(report, "docx")
        timings = {
            "export": median_seconds(lambda report=report: g.export(report, "docx"), args.repeat),
            "import": median_seconds(lambda data=data: read_docx(data), args.repeat),
        }
        for action, seconds in timings.items():
            results.append(
                {
                    "case": name,
                    "action": action,
                    "seconds": seconds,
                    "baseline_seconds": base,
                    "ratio": seconds / base,
                    "bytes": len(data),
                }
            )
    print(f"baseline: python-docx creates and saves an empty document in {base * 1000:.2f} ms")
    for row in results:
        verdict = "ok" if row["ratio"] <= TARGET or row["case"] == "long" else f"over the target of {TARGET:g}"
        print(
            f"{row['case']:<9} {row['action']:<7} {row['seconds'] * 1000:8.2f} ms  "
            f"×{row['ratio']:.2f} of the empty document  {verdict}"
        )
    target = ROOT / "build" / "benchmarks" / "docx_roundtrip.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
