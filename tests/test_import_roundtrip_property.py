"""Export → import of the tables, on generated reports, for the formats a person reads.

Our DOCX and annotated text carry a record and come back whole (tests/test_fuzz_roundtrip.py);
here no record is used: the web page, the plain text export and its markdown-like flattening are
read as any published page or text would be.

- With tables of plain cells (numbers, blanks, the format's not-applicable marks) every cell comes
  back as it was, in the complete example's narrative.
- With any generated report (its text anything, its cells' printed text anything), no number is
  ever read that was not printed: an imported number is the cell's number, or what the cell's own
  printed text says.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

import govreport as g
from govreport.importers.html import read_html
from govreport.importers.text import read_text
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, NOT_APPLICABLE_MARKS, REVIEW_LITIGATION, ValueKind
from strategies import examples, reports

COMPLETE = g.load(Path(__file__).parents[1] / "examples" / "xinghe-2023" / "report.json")
READERS = {"html": read_html, "text": read_text}


def plain_cell(kind: ValueKind) -> st.SearchStrategy[g.Cell]:
    if kind is ValueKind.AMOUNT:
        number = st.decimals(min_value=0, max_value=10**6, places=2).map(lambda d: g.Cell.number(Decimal(d)))
    else:
        number = st.integers(0, 10**7).map(g.Cell.number)
    marks = st.sampled_from(sorted(NOT_APPLICABLE_MARKS)).map(g.Cell.not_applicable)
    return st.one_of(number, number, st.just(g.Cell.blank()), marks)


@st.composite
def plain_tables(draw: st.DrawFn) -> g.Report:
    tables = {}
    for spec, cls, field in (
        (ACTIVE_DISCLOSURE, g.ActiveDisclosureTable, "active_disclosure"),
        (APPLICATIONS, g.ApplicationsTable, "applications"),
        (REVIEW_LITIGATION, g.ReviewLitigationTable, "review_litigation"),
    ):
        tables[field] = cls.from_values({(c.row, c.column): draw(plain_cell(c.kind)) for c in spec.cells})
    return attrs.evolve(COMPLETE, **tables)


def states(report: g.Report) -> list[tuple[str, str, str, str]]:
    return [
        (table.SPEC.key, str(spec.row), str(spec.column), f"{cell.state.value}:{cell.value!r}")
        for table in report.tables
        for spec, cell in table.items()
    ]


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_tables(), st.sampled_from(sorted(READERS)))
def test_every_plain_cell_comes_back(report, form):
    imported = READERS[form](g.export(report, form), source=f"report.{form}")
    assert states(imported.report) == states(report)


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports, st.sampled_from(sorted(READERS)))
def test_no_number_is_read_that_was_not_printed(report, form):
    try:
        imported = READERS[form](g.export(report, form), source=f"report.{form}")
    except g.GovReportError:
        return  # refused as a whole (a text with NUL bytes is no text file): nothing read, nothing wrong
    for mine, theirs in zip(imported.report.tables, report.tables, strict=True):
        for spec, cell in mine.items():
            if not cell.is_number:
                continue
            original = theirs[spec.row, spec.column]
            printed = g.Cell.from_text(original.raw, spec.kind) if original.raw is not None else original
            assert cell.value in (original.value, printed.value), (theirs.SPEC.key, spec.row, spec.column)
