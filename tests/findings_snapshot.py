"""Every finding of `govreport.check` on a fixed set of reports, to hold a refactor or a speed-up of
the checks to the same findings:

    python tests/findings_snapshot.py inputs  build/findings/inputs.json   # once, on either tree
    python tests/findings_snapshot.py dump build/findings/inputs.json build/findings/before.json
    ... change the checks ...
    python tests/findings_snapshot.py dump build/findings/inputs.json build/findings/after.json
    cmp build/findings/before.json build/findings/after.json

The inputs are written once and read by both trees, so both check the same reports: made and hostile
reports (Hypothesis, derandomised), variants of the examples, the examples, the user's sample read
as text and the shared real PDFs. Each report is checked alone and with the one before it as last
year's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def write_inputs(target: Path, count: int = 300) -> int:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]
    from checks import variants
    from hypothesis import HealthCheck, given, settings, strategies as st

    import govreport as g
    from strategies import hostile_reports, reports

    documents: list[str] = []

    @settings(
        derandomize=True, max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.one_of(reports, hostile_reports))
    def collect(report: g.Report) -> None:
        documents.append(g.dumps(report))

    collect()
    documents += variants(100)
    documents += [
        (ROOT / "examples" / name / "report.json").read_text(encoding="utf-8")
        for name in ("wangfu-2022", "xinghe-2023")
    ]
    read = [SHARED / "seed" / "000_3207f0398fafbe08.txt", *sorted((SHARED / "corpus").glob("*.pdf"))]
    documents += [g.dumps(g.read(path).report) for path in read if path.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
    return len(documents)


def dump_findings(inputs: Path, target: Path) -> int:
    import govreport as g

    loaded: list[g.Report | None] = []
    for document in json.loads(inputs.read_text(encoding="utf-8")):
        try:
            loaded.append(g.loads(document))
        except g.GovReportError:  # a made report this version refuses: the same in both trees
            loaded.append(None)
    out: list[list[list[str | None]] | None] = []
    for index, report in enumerate(loaded):
        if report is None:
            out.append(None)
            continue
        previous = loaded[index - 1] if index else None
        for last_year in (None, previous):
            result = g.check(report, last_year)
            rows: list[list[str | None]] = [
                [f.rule, f.severity.value, f.message, str(f.location), f.expected, f.found] for f in result.findings
            ]
            rows += [[failure.check, failure.error] for failure in result.failures]
            out.append(rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return sum(len(rows) for rows in out if rows)


if __name__ == "__main__":
    if sys.argv[1:2] == ["inputs"] and len(sys.argv) == 3:
        print(write_inputs(Path(sys.argv[2])), "reports")
    elif sys.argv[1:2] == ["dump"] and len(sys.argv) == 4:
        print(dump_findings(Path(sys.argv[2]), Path(sys.argv[3])), "findings")
    else:
        raise SystemExit(__doc__)
