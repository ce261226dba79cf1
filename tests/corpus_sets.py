"""Generated sets of reports for the collect tests: the two examples with changed cells, and year pairs."""

from __future__ import annotations

import random
from pathlib import Path

import attrs

import govreport as g
from govreport.spec import Applicant, ApplicationRow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BASES = (EXAMPLES / "wangfu-2022" / "report.json", EXAMPLES / "xinghe-2023" / "report.json")


def write_variants(folder: Path, count: int, *, seed: int = 17) -> list[Path]:
    """``count`` distinct report files under ``folder`` (in subfolders of 100): the examples, each
    with three cells of table 三 changed (now and then to blank) and its body renamed."""
    rng = random.Random(seed)
    bases = [g.load(path) for path in BASES]
    written = []
    for i in range(count):
        report = bases[i % 2]
        table = report.applications
        changes = {
            address: None if rng.random() < 0.2 else rng.randrange(0, 50)
            for address in rng.sample(list(table.SPEC.cell_index), 3)
        }
        metadata = attrs.evolve(report.metadata, issuing_body=f"{report.metadata.issuing_body}{i:05d}")
        report = attrs.evolve(report, metadata=metadata, applications=table.with_values(changes))
        target = folder / f"{i // 100:03d}" / f"report-{i:05d}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        g.dump(report, target)
        written.append(target)
    return written


def next_year(report: g.Report, *, carried_over: int | None) -> g.Report:
    """The report a year later, its carry-over (table 三 二, total) set to ``carried_over`` (None: blank)."""
    metadata = attrs.evolve(report.metadata, year=report.metadata.year + 1, title=None, period=None)
    applications = report.applications.with_values({(ApplicationRow.CARRIED_OVER, Applicant.TOTAL): carried_over})
    return attrs.evolve(report, metadata=metadata, applications=applications, signature=None)
