"""The DOCX export on paper: both examples laid out by LibreOffice, converted to PDF and read back
with the position of every word (poppler's pdftotext).

What is asserted is what a person sees on the printed pages: each table on one page with its
heading (so no merged label such as 三、本年度办理结果 is cut by a page break and no table leaves
its header and a row at the foot of a page), table 二's block captions shaded as in the template,
row labels and values aligned as in the template, a blank line under every table, the date four
characters in from the right with the issuing authority centred over it, a page number on every
page. The PDFs and a PNG of every page stay in build/docx-layout/ for a person to look at.

Never skipped: .ci/run installs LibreOffice and poppler-utils, and a missing one must show.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest

import govreport as g
from govreport.spec import SECTION_INDEX, TABLES, GridRole, TableSpec
from govreport.textwidth import display_width
from pdf_pages import PT_PER_MM, Page, compact, pages, pages_holding, pixel

ROOT = Path(__file__).parents[1]
BUILD = ROOT / "build" / "docx-layout"
EXAMPLES = {path.parent.name: path for path in sorted(ROOT.glob("examples/*/report.json"))}
LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

LEFT_MARGIN = 28 * PT_PER_MM
TEXT_WIDTH = 156 * PT_PER_MM
#: one character of body text: 16 pt, condensed by 0.25 pt
CHARACTER = 15.75
LINE = 28.95
#: the template's shading of table 二's block captions
SHADING = (0xC6, 0xD9, 0xF1)


@pytest.fixture(scope="module")
def laid_out() -> dict[str, tuple[g.Report, Path, list[Page]]]:
    assert LIBREOFFICE, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    shutil.rmtree(BUILD, ignore_errors=True)
    BUILD.mkdir(parents=True)
    reports = {name: g.load(path) for name, path in EXAMPLES.items()}
    sources = [g.export_file(report, BUILD / f"{name}.docx", "docx") for name, report in reports.items()]
    subprocess.run(  # one LibreOffice start for every example
        [LIBREOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(BUILD), *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    result = {}
    for name, report in reports.items():
        pdf = BUILD / f"{name}.pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(BUILD / f"{name}-page")], check=True, timeout=120)
        result[name] = (report, pdf, pages(pdf))
    return result


@pytest.fixture(params=sorted(EXAMPLES), ids=str)
def example(request: pytest.FixtureRequest, laid_out) -> tuple[g.Report, Path, list[Page]]:
    return laid_out[request.param]


def table_page(spec: TableSpec, all_pages: list[Page]) -> Page:
    """The one page that holds every label of the table, and its heading."""
    labels = [cell.text for cell in spec.grid if cell.text]
    holding = [set(pages_holding(all_pages, label)) for label in labels]
    common = set.intersection(*holding)
    assert common, f"table {spec.number}: its labels are on pages {sorted(set.union(*holding))}, not on one"
    heading = SECTION_INDEX[spec.key].heading
    number = min(common)
    assert number in pages_holding(all_pages, heading), f"table {spec.number} is not on the page of its heading"
    return all_pages[number - 1]


# -- tables -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.key)
def test_each_table_is_on_one_page_with_its_heading(example, spec: TableSpec):
    _report, _pdf, all_pages = example
    table_page(spec, all_pages)


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.key)
def test_no_merged_label_and_none_of_its_rows_is_cut_by_a_page_break(example, spec: TableSpec):
    _report, _pdf, all_pages = example
    page = table_page(spec, all_pages)
    merged = [cell for cell in spec.grid if cell.rowspan > 1 and cell.text]
    assert merged or spec.key == "active_disclosure"
    for cell in merged:
        assert compact(cell.text) in page.text, f"{cell.text!r} is not whole on page {page.number}"
        rows = range(cell.row, cell.row + cell.rowspan)
        for other in spec.grid:
            if other.role is GridRole.ROW_HEADER and other is not cell and other.row in rows:
                assert compact(other.text) in page.text, f"{other.text!r} is not on the page of {cell.text!r}"


def test_table_two_block_captions_are_shaded_as_in_the_template(example):
    _report, pdf, all_pages = example
    spec = TABLES[0]
    page = table_page(spec, all_pages)
    captions = [cell.text for cell in spec.grid if cell.role is GridRole.GROUP]
    for caption in captions:
        # pdftotext splits 第二十条第（一）项 at the bracket; its first word is 第二十条第
        word = next(w for w in page.words if caption.startswith(w.text) and len(w.text) >= 4 and w.top > 0)
        inside_cell = pixel(pdf, page.number, LEFT_MARGIN + TEXT_WIDTH * 0.75, (word.top + word.bottom) / 2)
        assert all(abs(a - b) <= 12 for a, b in zip(inside_cell, SHADING, strict=True)), (caption, inside_cell)
    header = page.find("信息内容")[0]  # a row that is not shaded
    plain = pixel(pdf, page.number, LEFT_MARGIN + TEXT_WIDTH * 0.1, header.bottom + 1)
    assert min(plain) >= 240, plain


def test_row_labels_and_values_are_aligned_as_in_the_template(example):
    report, _pdf, all_pages = example
    # Table 二: the row labels centred in their column, under 信息内容.
    two = TABLES[0]
    page = table_page(two, all_pages)
    first_column = TEXT_WIDTH * two.grid_widths[0] / sum(two.grid_widths)
    for label in ("规章", "行政规范性文件", "行政许可", "行政事业性收费"):
        word = page.find(label)[0]
        assert word.centre == pytest.approx(LEFT_MARGIN + first_column / 2, abs=2), label
    # Table 三: row labels at the left of their cell; every number centred in its column.
    three = TABLES[1]
    page = table_page(three, all_pages)
    padding = 57 / 20  # the 1 mm cell padding, in points
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"):
        assert page.find(label)[0].left == pytest.approx(LEFT_MARGIN + padding, abs=1.5), label
    scale = TEXT_WIDTH / sum(three.grid_widths)
    edges = [LEFT_MARGIN + scale * sum(three.grid_widths[:i]) for i in range(three.n_columns + 1)]
    centres = [(a + b) / 2 for a, b in itertools.pairwise(edges[3:])]
    top = page.find("一、本年新收政府信息公开申请数量")[0].top - 2
    bottom = page.find("四、结转下年度继续办理")[0].bottom + 2
    numbers = [w for w in page.words if w.text.isdigit() and top <= w.top <= bottom and w.left > edges[3]]
    assert len(numbers) >= sum(1 for _, cell in report.applications.items() if cell.is_number)
    for word in numbers:
        assert min(abs(word.centre - centre) for centre in centres) <= 1.5, word


def test_a_blank_line_follows_every_table(laid_out):
    # Table text is 10.5 pt, body text 16 pt: a table ends where its small words end.
    gaps = []
    for _report, _pdf, all_pages in laid_out.values():
        for spec in TABLES:
            page = table_page(spec, all_pages)
            small = [w for w in page.words if w.height < 16]
            bottom = max(w.bottom for w in small)
            below = [w.top for w in page.words if w.height >= 18 and w.top > bottom]
            if below:  # the table is followed by text on its page
                gaps.append((spec.key, min(below) - bottom))
    assert gaps, "no table is followed by text on its page: nothing was measured"
    for key, gap in gaps:
        assert gap >= 0.9 * LINE, f"table {key}: {gap:.1f} pt between the table and the text below it"


# -- the signature and the pages ------------------------------------------------------------------------------


def test_the_date_stands_four_characters_in_and_the_authority_is_centred_over_it(example):
    report, _pdf, all_pages = example
    signature = report.signature
    last = all_pages[-1]
    date_text = f"{signature.date.year}年{signature.date.month}月{signature.date.day}日"
    authority = last.find(signature.authority)[0]
    date_words = [w for w in last.words if abs(w.top - authority.bottom) < LINE and w.top > authority.top]
    assert "".join(w.text for w in date_words) == date_text
    right_edge = LEFT_MARGIN + TEXT_WIDTH
    date_right = max(w.right for w in date_words)
    assert right_edge - date_right == pytest.approx(4 * CHARACTER, abs=2)
    # The authority is centred over the date as Word lays the date out: a Chinese character one
    # character wide, a digit half of one. (LibreOffice also puts space between Chinese characters
    # and digits, which Word leaves out where the paragraph says so; so its date is wider.)
    date_width = display_width(date_text) / 2 * CHARACTER
    expected_right = 4 * CHARACTER + (date_width - (authority.right - authority.left)) / 2
    assert right_edge - authority.right == pytest.approx(expected_right, abs=2)


def test_every_page_has_its_number_and_the_signature_is_not_alone(example):
    report, _pdf, all_pages = example
    for page in all_pages:
        assert page.text.endswith(f"\u2014{page.number}\u2014"), f"page {page.number} has no page number"
    last = all_pages[-1]
    authority = last.find(report.signature.authority)[0]
    above = [w for w in last.words if w.bottom < authority.top - LINE / 2]
    assert above, "the last page holds the signature and nothing of the text"
