"""The format spec against the official template, cell for cell."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from govreport.spec import SECTIONS, TABLES, GridRole, TableSpec, ValueKind
from template_grid import TEMPLATE, Cell, template_grid as _template_grid


def _spec_grid(spec: TableSpec) -> set[Cell]:
    return {(c.row, c.column, c.rowspan, c.colspan, c.text) for c in spec.grid}


@pytest.fixture(scope="module")
def template() -> docx.document.Document:
    return docx.Document(str(TEMPLATE))


def test_template_has_the_three_tables(template):
    assert len(template.tables) == len(TABLES) == 3


@pytest.mark.parametrize("index", range(3))
def test_spec_grid_matches_the_official_template_cell_for_cell(template, index):
    spec = TABLES[index]
    table = template.tables[index]
    assert _template_grid(table) == _spec_grid(spec)
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
    assert tuple(widths) == spec.grid_widths


def test_section_headings_match_the_template(template):
    paragraphs = [p.text.strip() for p in template.paragraphs if p.text.strip()]
    headings = [p for p in paragraphs if p[:2] in {f"{s.number}、" for s in SECTIONS}]
    assert headings == [section.heading for section in SECTIONS]


def test_curly_quotes_in_the_security_row():
    applications = TABLES[1]
    label = applications.row("refused_security_stability").label
    assert label == "3.危及\u201c三安全一稳定\u201d"


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.key)
def test_every_value_cell_is_in_the_grid_once(spec):
    shown = [c.value for c in spec.grid if c.role is GridRole.VALUE]
    assert sorted(shown) == sorted((c.row, c.column) for c in spec.cells)
    assert len(set(shown)) == len(shown)


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.key)
def test_grid_covers_every_position_exactly_once(spec):
    covered: dict[tuple[int, int], int] = {}
    for cell in spec.grid:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.column, cell.column + cell.colspan):
                covered[(r, c)] = covered.get((r, c), 0) + 1
    assert set(covered) == {(r, c) for r in range(spec.n_rows) for c in range(spec.n_columns)}
    assert set(covered.values()) == {1}


def test_table_sizes_match_the_format():
    active, applications, review = TABLES
    assert (len(active.cells), len(applications.cells), len(review.cells)) == (10, 175, 15)
    assert len(applications.rows) == 25
    assert [c.kind for c in active.cells].count(ValueKind.AMOUNT) == 1
    assert active.row("fees").label == "行政事业性收费"


def test_labels_live_only_in_the_spec():
    """No module outside the spec spells an official table label."""
    labels = {c.text for spec in TABLES for c in spec.grid if len(c.text) >= 4}
    labels |= {section.title for section in SECTIONS}
    source = Path(__file__).parents[1] / "src" / "govreport"
    for path in source.rglob("*"):
        if path.suffix not in {".py", ".j2"} or "spec" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        repeated = sorted(label for label in labels if label in text)
        assert not repeated, f"{path.relative_to(source)} repeats {repeated}"
