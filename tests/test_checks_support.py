"""Helpers for the tests of govreport.checks (no tests here): reports to trip rules with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import attrs

import govreport
from govreport.checks import Check
from govreport.findings import Finding
from govreport.model import CellInput, Paragraph, Report, StatisticsTable

REPO = Path(__file__).resolve().parent.parent
XINGHE = REPO / "examples" / "xinghe-2023" / "report.json"
WANGFU = REPO / "examples" / "wangfu-2022" / "report.json"
SEED = REPO / "tests" / "fixtures" / "seed-wangfu-2022.txt"  # the user's sample as published

_CACHE: dict[Path, Report] = {}


def load(path: Path) -> Report:
    if path not in _CACHE:
        _CACHE[path] = govreport.load(path)
    return _CACHE[path]


def xinghe() -> Report:
    """The complete fictional example: every rule passes on it."""
    return load(XINGHE)


def wangfu() -> Report:
    return load(WANGFU)


def with_cells(report: Report, table: str, values: Mapping[tuple[str, str], CellInput]) -> Report:
    """The report with some cells of one table replaced."""
    current: StatisticsTable = getattr(report, table)
    return attrs.evolve(report, **{table: current.with_values(values)})


def add_paragraph(report: Report, section: str, text: str) -> Report:
    """The report with a paragraph appended to the preamble or to 一."""
    return attrs.evolve(report, **{section: (*getattr(report, section), Paragraph(text=text))})


def with_overview_text(report: Report, old: str, new: str) -> Report:
    """The report with ``old`` replaced by ``new`` in the text of 一 (``old`` must be there)."""
    blocks = []
    replaced = False
    for block in report.overview:
        text = block.text
        if old in text:
            block = attrs.evolve(block, text=text.replace(old, new))
            replaced = True
        blocks.append(block)
    assert replaced, f"{old!r} is not in the overview"
    return attrs.evolve(report, overview=tuple(blocks))


def with_metadata(report: Report, **changes: object) -> Report:
    return attrs.evolve(report, metadata=attrs.evolve(report.metadata, **changes))


def signed(report: Report, date: dt.date | None, authority: str | None = None) -> Report:
    assert report.signature is not None
    signature = attrs.evolve(report.signature, date=date, authority=authority or report.signature.authority)
    return attrs.evolve(report, signature=signature)


def last_year_of(report: Report) -> Report:
    """A consistent report of the year before: what it carried forward is what ``report`` carried over,
    its documents in force lead to this year's stock, and its text is different."""
    applications = report.applications
    carried = {("carried_forward", c): applications["carried_over", c] for c in applications.SPEC.column_index}
    table = report.active_disclosure
    docs = {
        ("normative_documents", "in_force"): table.value("normative_documents", "in_force")  # type: ignore[operator]
        - table.value("normative_documents", "issued")
        + table.value("normative_documents", "repealed"),
    }
    year = report.metadata.year - 1
    previous = with_cells(with_cells(report, "applications", carried), "active_disclosure", docs)
    previous = with_metadata(previous, year=year, period=govreport.Period.calendar_year(year))
    # Last year's text is its own: nothing in it is this year's.
    previous = attrs.evolve(
        previous,
        overview=(Paragraph(text="上年度各项工作稳步推进，详见当年报告全文所述各项工作安排与成效。"),),
        remediation=govreport.Remediation(),
        other_matters=govreport.OtherMatters(),
    )
    return previous


def registered(rule: str) -> Check:
    """The registered check with this id (from the process-wide registry)."""
    from govreport.plugins import get_registry

    for check, _source in get_registry().checks():
        if check.id == rule:
            return check
    raise LookupError(rule)


def findings(rule: str, report: Report, previous: Report | None = None) -> list[Finding]:
    """The findings of one rule on a report."""
    return registered(rule).findings(report, previous)


def all_rule_ids() -> list[str]:
    from govreport.plugins import get_registry

    return [check.id for check, _source in get_registry().checks()]
