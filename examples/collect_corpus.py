"""Collect reports into a corpus and ask it questions in SQL (docs/dataset.md, docs/cookbook.md).

    python examples/collect_corpus.py [OUTPUT_DIR [INPUT ...]]

Without inputs it collects the two examples and, when ``../shared/corpus`` is there, the two real
PDF reports of one district government (a year pair) into OUTPUT_DIR/corpus.duckdb (a temporary
directory, removed afterwards, when none is given), runs the same again to show that nothing is
read twice, and prints one line per report and the share of requests granted by kind of body.
Needs DuckDB: pip install 'govreport[dataset]'.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import duckdb

import govreport as g

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"

SHARE_GRANTED = """
WITH handled AS (
    SELECT report_id,
           max(value) FILTER (WHERE row_key = 'granted') AS granted,
           max(value) FILTER (WHERE row_key = 'results_total') AS handled
    FROM cells
    WHERE table_key = 'applications' AND column_key = 'total' AND row_key IN ('granted', 'results_total')
    GROUP BY report_id
)
SELECT body_kind, count(*), sum(granted), sum(handled), round(sum(granted) / sum(handled), 3)
FROM handled JOIN reports USING (report_id)
WHERE granted IS NOT NULL AND handled IS NOT NULL  -- a blank is unknown, never 0
GROUP BY body_kind ORDER BY body_kind
"""


def main(work: Path, inputs: list[str]) -> int:
    if not inputs:
        inputs = [str(HERE / "wangfu-2022"), str(HERE / "xinghe-2023")]
        inputs += [str(path) for path in sorted(SHARED.glob("hongze-*.pdf"))]
    output = work / "corpus.duckdb"
    summary = g.collect(inputs, output, jobs=2)
    print(f"{output}: {summary.collected} collected, {summary.skipped} already there, {summary.failed} failed")
    for error in summary.errors:
        print(f"  {error}")
    again = g.collect(inputs, output)
    # Known by content: the second run reads none of them again.
    if again.collected or again.skipped != summary.collected:
        raise SystemExit(f"the second run read reports again: {again}")
    with duckdb.connect(str(output), read_only=True) as corpus:
        reports = corpus.execute(
            "SELECT body, year, importer, errors, warnings, "
            "(SELECT count(*) FROM cells c WHERE c.report_id = r.report_id AND c.state = 'blank') "
            "FROM reports r ORDER BY year, body"
        ).fetchall()
        for body, year, importer, errors, warnings, blanks in reports:
            print(f"  {year} {body} ({importer}): {errors} errors, {warnings} warnings, {blanks} of 200 cells blank")
        print("share of requests granted, by kind of body (reports with both cells filled):")
        for kind, count, granted, handled, share in corpus.execute(SHARE_GRANTED).fetchall():
            print(f"  {kind}: {count} reports, {int(granted)} of {int(handled)} granted ({share})")
    return 1 if summary.failed else 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments:
        target = Path(arguments[0])
        target.mkdir(parents=True, exist_ok=True)
        sys.exit(main(target, arguments[1:]))
    with tempfile.TemporaryDirectory() as scratch:
        sys.exit(main(Path(scratch), []))
