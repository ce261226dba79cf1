"""Reports made for the tests of compare and aggregate: a year before the complete example, and a
report split into departments whose tables add up to it."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import attrs

import govreport as g
from govreport.model.cells import EXACT
from govreport.spec import CARRY_OVER, ValueKind

ROOT = Path(__file__).resolve().parents[1]
XINGHE = ROOT / "examples" / "xinghe-2023" / "report.json"
WANGFU = ROOT / "examples" / "wangfu-2022" / "report.json"
CORPUS = ROOT.parent / "shared" / "corpus"

#: Last year's problems as the 2023 example restates them, reworded the way reports reword them,
#: and one that the 2023 report does not answer.
REWORDED = (
    "政策解读的形式比较单一，图解、音视频等多元化解读的占比还不高",
    "政府信息公开专栏的部分栏目更新还不够及时",
    "依申请公开答复文书的格式不够统一，告知救济渠道的表述不够规范",
)
UNANSWERED = "政务新媒体矩阵建设滞后，部分账号长期不更新"

TableT = TypeVar("TableT", bound=g.StatisticsTable)


def _shifted(table: TableT, rng: random.Random) -> TableT:
    cells = []
    for spec, cell in table.items():
        if cell.is_number and cell.value is not None:
            step = rng.choice((-3, -1, 0, 2, 5))
            value = max(0, cell.value + step)
            cells.append(g.Cell.number(Decimal(value) if spec.kind is ValueKind.AMOUNT else int(value)))
        else:
            cells.append(cell)
    return attrs.evolve(table, cells=tuple(cells))


def year_before(this: g.Report, seed: int = 7) -> g.Report:
    """A report of the year before ``this`` by the same body: other figures, but what it carried
    forward is what ``this`` says it carried over; its problems are the ones ``this`` rectifies,
    reworded, and one more."""
    rng = random.Random(seed)
    this_row, last_row = CARRY_OVER
    applications = _shifted(this.applications, rng).with_values(
        {(last_row, column.key): this.applications[this_row, column.key] for column in this.applications.SPEC.columns}
    )
    problems = tuple(
        g.Problem(key=f"p{i}", number=f"{i}.", text=text) for i, text in enumerate((*REWORDED, UNANSWERED), start=1)
    )
    year = this.metadata.year - 1
    return attrs.evolve(
        this,
        metadata=attrs.evolve(this.metadata, year=year, period=g.Period.calendar_year(year)),
        active_disclosure=_shifted(this.active_disclosure, rng),
        applications=applications,
        review_litigation=_shifted(this.review_litigation, rng),
        remediation=g.Remediation(problems=g.RemediationPart(items=problems)),
    )


def _parts_of(value: int | Decimal, parts: int, rng: random.Random) -> list[int | Decimal]:
    """``value`` as ``parts`` non-negative numbers that add up to it exactly (a Decimal in its own units)."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        # In the value's own units, with no rounding (the default context keeps 28 digits only).
        units = int(value.scaleb(-exponent, context=EXACT))
        return [Decimal(n).scaleb(exponent, context=EXACT) for n in _parts_of(units, parts, rng)]
    cuts = sorted(rng.randint(0, value) for _ in range(parts - 1))
    bounds = [0, *cuts, value]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def split(report: g.Report, parts: int, seed: int = 0) -> list[g.Report]:
    """``report``'s tables as ``parts`` departments' reports (bodies 部门1…): every number split into
    non-negative parts that add up to it, every other cell as it is in each part."""
    rng = random.Random(seed)
    tables: list[list[g.StatisticsTable]] = [[] for _ in range(parts)]
    for table in report.tables:
        columns: list[list[g.Cell]] = [[] for _ in range(parts)]
        for cell in table.cells:
            if cell.is_number and cell.value is not None:
                for k, value in enumerate(_parts_of(cell.value, parts, rng)):
                    columns[k].append(g.Cell.number(value))
            else:
                for column in columns:
                    column.append(cell)
        for k in range(parts):
            tables[k].append(type(table)(cells=tuple(columns[k])))
    return [
        attrs.evolve(
            report,
            metadata=attrs.evolve(report.metadata, issuing_body=f"{report.metadata.issuing_body}部门{k + 1}"),
            active_disclosure=tables[k][0],
            applications=tables[k][1],
            review_litigation=tables[k][2],
        )
        for k in range(parts)
    ]


def cells_of(report: g.Report) -> tuple[tuple[g.Cell, ...], ...]:
    return tuple(table.cells for table in report.tables)
