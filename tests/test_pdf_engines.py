"""The PDF engines (pdfplumber, pdfium) give the reading layer the same thing; the engine is chosen as documented.

On the shared corpus pair (WPS) both engines must give the same characters in the same order, boxes
within a fraction of a point, the same rules, and the same report to the last byte of its JSON.
"""

from __future__ import annotations

import io

import pytest

import govreport as g
from corpus_truth import SHARED_CORPUS, score, truth_of
from govreport.importers.pdf import DEFAULT_ENGINE, ENGINE_NAMES, ENGINE_VARIABLE, PdfReadError, engine_named, read_pdf
from test_pdf_import import _scan, _text_pdf, distinct, printed_by_chromium, printed_by_libreoffice  # noqa: F401 - fixtures

REAL = ("hongze-2023", "hongze-2024")
#: How far (points) a character's box from one engine may stand from the other's: the corpus
#: differs by 1.2 at most (a WPS font PDFium measures unscaled), a line is some 10 to 22 high.
BOX_SLACK = 1.5


@pytest.fixture(scope="module", params=REAL)
def both(request) -> tuple[bytes, list, list]:
    data = (SHARED_CORPUS / f"{request.param}.pdf").read_bytes()
    contents = []
    for name in ENGINE_NAMES:
        opened = engine_named(name).open(data, "")
        try:
            contents.append([opened.page(k) for k in range(opened.page_count)])
        finally:
            opened.close()
    return data, contents[0], contents[1]


def test_both_engines_give_the_same_characters_in_the_same_places(both):
    _data, plumber, pdfium = both
    assert len(plumber) == len(pdfium)
    for mine, theirs in zip(plumber, pdfium, strict=True):
        assert [c.text for c in mine.chars] == [c.text for c in theirs.chars]
        assert mine.height == pytest.approx(theirs.height)
        for a, b in zip(mine.chars, theirs.chars, strict=True):
            assert abs(a.x0 - b.x0) < BOX_SLACK, (a, b)
            assert abs(a.x1 - b.x1) < BOX_SLACK, (a, b)
            assert abs(a.bottom - b.bottom) < BOX_SLACK, (a, b)
            assert a.size == pytest.approx(b.size, abs=0.01), (a, b)


def test_both_engines_give_the_same_rules(both):
    _data, plumber, pdfium = both
    for mine, theirs in zip(plumber, pdfium, strict=True):
        # PDFium computes in single precision: the same rule, a few hundredths of a point apart.
        def key(rule):
            return (rule.vertical, round(rule.x0), round(rule.top), rule.x0, rule.top, rule.x1, rule.bottom)

        assert len(mine.rules) == len(theirs.rules)
        for a, b in zip(sorted(mine.rules, key=key), sorted(theirs.rules, key=key), strict=True):
            assert a.vertical == b.vertical
            assert [a.x0, a.top, a.x1, a.bottom] == pytest.approx([b.x0, b.top, b.x1, b.bottom], abs=0.05), (a, b)


def test_both_engines_read_the_same_report(both):
    data, _plumber, _pdfium = both
    read = {name: read_pdf(data, engine=name) for name in ENGINE_NAMES}
    assert g.dumps(read["pdfplumber"].report) == g.dumps(read["pdfium"].report)
    assert [f.rule for f in read["pdfplumber"].findings] == [f.rule for f in read["pdfium"].findings]


def test_a_pdf_with_a_rotated_page_is_read_by_pdfplumber_and_read_right():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_text_pdf())).pages:
        writer.add_page(page)
    writer.pages[-1].rotate(90)  # the last page holds the signature only
    out = io.BytesIO()
    writer.write(out)
    opened = engine_named("pdfium").open(out.getvalue(), "")
    try:
        assert type(opened).__module__ == "govreport.importers.pdf_plumber"
    finally:
        opened.close()
    imported = read_pdf(out.getvalue(), engine="pdfium")
    assert score(imported.report, truth_of(SHARED_CORPUS / "hongze-2024.truth.json")).right == 200


@pytest.mark.parametrize("engine", ENGINE_NAMES)
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%garbage that is no PDF at all\n", "not a readable PDF"),
        (b"%PDF-1.4\n" + b"\x00" * 2000, "not a readable PDF"),
        (_scan(2), "without a text layer"),
    ],
)
def test_either_engine_refuses_a_bad_pdf_saying_where_and_why(engine, data, message):
    with pytest.raises(PdfReadError, match=message) as caught:
        read_pdf(data, source="bad.pdf", engine=engine)
    assert str(caught.value).startswith("bad.pdf: ")


def test_the_engine_is_chosen_by_argument_then_environment_then_default(monkeypatch):
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert engine_named().name == DEFAULT_ENGINE == "pdfium"
    monkeypatch.setenv(ENGINE_VARIABLE, "pdfplumber")
    assert engine_named().name == "pdfplumber"
    assert engine_named("pdfium").name == "pdfium"
    monkeypatch.setenv(ENGINE_VARIABLE, "mupdf")
    with pytest.raises(PdfReadError, match=f"no PDF engine called 'mupdf' \\({ENGINE_VARIABLE}\\)"):
        engine_named()


def test_the_command_names_a_wrong_engine_and_writes_nothing(run_cli, tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(_text_pdf())
    out = tmp_path / "out.json"
    result = run_cli("import", source, "-o", out, env={ENGINE_VARIABLE: "mupdf"})
    assert result.returncode == 2, result.stderr
    assert "no PDF engine called 'mupdf'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("printed", ["printed_by_libreoffice", "printed_by_chromium"])
def test_both_engines_find_the_same_tables_in_pdfs_of_our_exports(printed, request):
    from govreport.importers.pdf_pages import PageTable, read_page

    data = request.getfixturevalue(printed).read_bytes()
    pages = {}
    for name in ENGINE_NAMES:
        opened = engine_named(name).open(data, "")
        try:
            pages[name] = [opened.page(k) for k in range(opened.page_count)]
        finally:
            opened.close()
    for number, (mine, theirs) in enumerate(zip(pages["pdfplumber"], pages["pdfium"], strict=True), start=1):
        assert len(mine.rules) == len(theirs.rules)
        tables = [[i for i in read_page(content, number, 1) if isinstance(i, PageTable)] for content in (mine, theirs)]
        assert len(tables[0]) == len(tables[1])
        for a, b in zip(*tables, strict=True):
            assert len(a.cells) == len(b.cells)
            for mine_cell, their_cell in zip(
                sorted(a.cells, key=lambda c: (c.top, c.x0)), sorted(b.cells, key=lambda c: (c.top, c.x0)), strict=True
            ):
                # Chromium's font maps one glyph to 戶 for pdfminer and to 户 (what the page says) for PDFium.
                assert mine_cell.text.replace("戶", "户") == their_cell.text
                assert [mine_cell.x0, mine_cell.top, mine_cell.x1, mine_cell.bottom] == pytest.approx(
                    [their_cell.x0, their_cell.top, their_cell.x1, their_cell.bottom], abs=0.1
                )


def test_both_engines_measure_from_the_media_box_when_it_does_not_start_at_the_origin():
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_text_pdf())).pages:
        page.mediabox = RectangleObject((-40, -25, 555, 817))  # moved left and down
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    contents = {}
    for name in ENGINE_NAMES:
        opened = engine_named(name).open(data, "")
        try:
            contents[name] = [opened.page(k) for k in range(opened.page_count)]
        finally:
            opened.close()
    # pdfplumber keeps the page's own x and shifts its tops by the box's offset (its bbox is
    # (-40, 25, 555, 867)); pdfium measures from the media box's top left corner, so that the
    # page's margins (headers, footers) are where the page is. The same page, moved as a whole.
    for mine, theirs in zip(contents["pdfplumber"], contents["pdfium"], strict=True):
        assert mine.height == pytest.approx(theirs.height)
        assert [c.text for c in mine.chars] == [c.text for c in theirs.chars]
        for a, b in zip(mine.chars, theirs.chars, strict=True):
            assert abs((b.x0 - a.x0) - 40) < BOX_SLACK, (a, b)
            assert abs((b.bottom - a.bottom) - (-25)) < BOX_SLACK, (a, b)
            assert 0 <= b.x0 <= 595
            assert 0 <= b.top <= b.bottom <= theirs.height
        assert sorted(round(r.x0) + 40 for r in mine.rules) == sorted(round(r.x0) for r in theirs.rules)
    assert g.dumps(read_pdf(data, engine="pdfplumber").report) == g.dumps(read_pdf(data, engine="pdfium").report)
