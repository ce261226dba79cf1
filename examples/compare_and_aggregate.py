"""Compare two years of one body's report, and add up a region's departments into one report.

    python examples/compare_and_aggregate.py [OUTPUT_DIR]

1. The real pair of ``../shared/corpus`` (淮安市洪泽区人民政府, 2023 and 2024, the PDFs as published),
   when it is there, and otherwise the complete example against a year before made from it:
   compared, and written as text, a web page, a Word document and JSON.
2. Five departments made by splitting the complete example's figures (each number into five parts
   that add up to it), one of which left a cell blank: summed, written, checked. The total equals
   the example everywhere but that cell, which stays blank with a finding that names the
   department: a blank is never summed as 0.

Everything goes to OUTPUT_DIR (a temporary directory, removed afterwards, when none is given).
"""

from __future__ import annotations

import random
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import cast

import attrs

import govreport as g

HERE = Path(__file__).resolve().parent
COMPLETE = HERE / "xinghe-2023" / "report.json"
CORPUS = HERE.parent.parent / "shared" / "corpus"


def year_before(report: g.Report) -> g.Report:
    """The same body a year earlier: fewer applications, and a problem its successor rectifies."""
    year = report.metadata.year - 1
    problems = tuple(
        g.Problem(key=f"p{i}", text=item.problem) for i, item in enumerate(report.remediation.previous.items, 1)
    )
    granted = report.applications["new_requests", "total"].value
    assert isinstance(granted, int)
    return attrs.evolve(
        report,
        metadata=attrs.evolve(report.metadata, year=year, period=g.Period.calendar_year(year)),
        applications=report.applications.with_values({("new_requests", "total"): granted - 26}),
        remediation=g.Remediation(problems=g.RemediationPart(items=problems)),
    )


def compare_two_years(out: Path) -> None:
    if (CORPUS / "hongze-2023.pdf").exists():
        last = g.read(CORPUS / "hongze-2023.pdf").report
        this = g.read(CORPUS / "hongze-2024.pdf").report
    else:
        this = g.load(COMPLETE)
        last = year_before(this)
    comparison = g.compare(last, this)
    for suffix in (".txt", ".html", ".docx", ".json"):
        print(g.export_comparison_file(comparison, out / f"comparison{suffix}"))
    changed = [cell for cell in comparison.cells if cell.changed]
    agree = sum(1 for link in comparison.carry_over if link.agreement is g.Agreement.AGREE)
    print(
        f"{this.metadata.issuing_body} {last.metadata.year}→{this.metadata.year}: {len(changed)} of 200 cells changed,"
    )
    print(f"  carry-over agrees in {agree} of {len(comparison.carry_over)} columns,")
    print(f"  {len(comparison.matches)} of last year's problems answered, {len(comparison.unmatched_problems)} not,")
    for repetition in comparison.repetition:
        if repetition.share is not None:
            print(f"  {repetition.section}: {repetition.share:.0%} of the text repeated from last year")


def _parts(value: int | Decimal, parts: int, rng: random.Random) -> list[int | Decimal]:
    if isinstance(value, Decimal):  # in units of its last digit, so the parts add up exactly
        scale = Decimal(1).scaleb(int(value.as_tuple().exponent))
        return [Decimal(n) * scale for n in _parts(int(value / scale), parts, rng)]
    cuts = sorted(rng.randint(0, value) for _ in range(parts - 1))
    bounds = [0, *cuts, value]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def departments(whole: g.Report, count: int) -> list[g.Report]:
    rng = random.Random(2023)
    split: list[list[g.StatisticsTable]] = [[] for _ in range(count)]
    for table in whole.tables:
        columns: list[list[g.Cell]] = [[] for _ in range(count)]
        for cell in table.cells:
            values = _parts(cell.value, count, rng) if cell.value is not None else [None] * count
            for column, value in zip(columns, values, strict=True):
                column.append(g.Cell.number(value) if value is not None else cell)
        for k in range(count):
            split[k].append(type(table)(cells=tuple(columns[k])))
    return [
        attrs.evolve(
            whole,
            metadata=attrs.evolve(
                whole.metadata, issuing_body=f"虚构市星河区第{k + 1}部门", body_kind="government_department"
            ),
            active_disclosure=cast(g.ActiveDisclosureTable, tables[0]),
            applications=cast(g.ApplicationsTable, tables[1]),
            review_litigation=cast(g.ReviewLitigationTable, tables[2]),
        )
        for k, tables in enumerate(split)
    ]


def aggregate_a_region(out: Path) -> None:
    whole = g.load(COMPLETE)
    parts = departments(whole, 5)
    # The fifth department could not say how many applications it granted in part.
    parts[4] = attrs.evolve(
        parts[4], applications=parts[4].applications.with_values({("partially_granted", "total"): None})
    )
    folder = out / "departments"
    folder.mkdir(parents=True, exist_ok=True)
    inputs = {}
    for k, part in enumerate(parts, 1):
        path = folder / f"dept{k}.json"
        g.dump(part, path)
        inputs[path.name] = g.read(path).report
    total = g.aggregate(inputs, body="虚构市星河区（各部门合计）", year=2023, body_kind="people_government")
    print(g.export_file(total.report, out / "total.json"))
    print(g.export_file(total.report, out / "total.html"))
    differs = [
        (table.SPEC.key, spec.row, spec.column)
        for table, original in zip(total.report.tables, whole.tables, strict=True)
        for (spec, cell), before in zip(table.items(), original.cells, strict=True)
        if cell != before
    ]
    assert differs == [("applications", "partially_granted", "total")], differs
    assert total.report.applications["partially_granted", "total"].is_blank
    source = total.source("applications", "partially_granted", "total")
    print(f"{len(inputs)} departments summed; the one cell left blank, by {', '.join(source.blank)}:")
    for finding in total.findings:
        print(f"  {finding.describe()}")
    result = g.check(total.report, imported=total.findings)
    table_errors = [f for f in result.findings if f.severity is g.Severity.ERROR and f.location.table]
    print(f"  checked: {len(table_errors)} errors in the tables: {sorted({f.rule for f in table_errors})}")


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        out = Path(argv[1])
        out.mkdir(parents=True, exist_ok=True)
        compare_two_years(out)
        aggregate_a_region(out)
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        compare_two_years(Path(temporary))
        aggregate_a_region(Path(temporary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
