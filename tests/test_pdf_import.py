"""The PDF importer on real published reports, on PDFs other tools make of our exports, and on bad PDFs.

The two real reports are ``../shared/corpus/hongze-202[34].pdf`` (WPS) with their 200 values typed
in by hand; the round trips print a report whose 200 values are all distinct through LibreOffice
(our DOCX) and Chromium (our web page), so a value read into the wrong cell shows.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

import govreport as g
from corpus_truth import SHARED_CORPUS, score, truth_of
from govreport.importers import pdf as pdf_importer
from govreport.importers.pdf import PdfReadError, read_pdf
from text_fixtures import distinct_tables

ROOT = Path(__file__).parents[1]
COMPLETE = ROOT / "examples" / "xinghe-2023" / "report.json"
REAL = ("hongze-2023", "hongze-2024")
LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def rules(imported: g.Imported) -> set[str]:
    return {f.rule for f in imported.findings}


def same_tables(read: g.Report, published: g.Report) -> list[str]:
    """Every cell whose value differs, as "table/row/column: read X, published Y"."""
    differences = []
    for mine, theirs in zip(read.tables, published.tables, strict=True):
        for spec, value in theirs.items():
            got = mine[spec.row, spec.column]
            if str(got) != str(value):
                differences.append(f"{theirs.SPEC.key}/{spec.row}/{spec.column}: read {got!r}, published {value}")
    return differences


@pytest.fixture(scope="module")
def real() -> dict[str, g.Imported]:
    return {name: g.read(SHARED_CORPUS / f"{name}.pdf") for name in REAL}


@pytest.mark.parametrize("name", REAL)
def test_every_value_of_a_real_report_is_read_right(real, name):
    result = score(real[name].report, truth_of(SHARED_CORPUS / f"{name}.truth.json"))
    assert result.wrong == ()
    assert result.blank == ()
    assert result.right == 200


@pytest.mark.parametrize("name", REAL)
def test_a_real_report_has_its_sections_and_metadata(real, name):
    imported = real[name]
    report = imported.report
    assert "import.section_missing" not in rules(imported)
    published = truth_of(ROOT / "tests" / "corpus" / f"{name}.truth.json")
    assert report.metadata.issuing_body == published["authority"]
    assert report.metadata.year == published["year"]
    for spec, content in report.sections():
        assert content, spec.key
    # The page numbers ("- 3 -") are furniture: dropped, each reported, and in no paragraph.
    marks = [f for f in imported.findings if f.rule == "import.page_mark"]
    assert len(marks) >= 5
    assert all(f.location.source and f.location.source.startswith("page ") for f in marks)
    text = g.export(report, "text").decode("utf-8")
    assert "- 3 -" not in text


def test_what_a_real_report_prints_differently_is_reported_where(real):
    findings = real["hongze-2023"].findings
    typo = [f for f in findings if f.rule == "import.label_approximate"]
    assert [f.found for f in typo] == ["2.其他法律行政止公开"]
    assert typo[0].expected == "2.其他法律行政法规禁止公开"
    assert typo[0].location.table == "applications"
    # （六）其他处理 is printed as one row of 0s: its three sub-rows are 0, derived rather than read.
    derived = [f for f in findings if f.rule == "import.value_derived"]
    assert len(derived) == 1
    assert "（六）其他处理" in derived[0].message
    joined = [f for f in findings if f.rule == "import.table_joined"]
    assert joined
    assert all(f.location.source.startswith("page ") for f in joined)


@pytest.mark.parametrize("name", REAL)
def test_pdftotext_layout_of_a_real_report_reads_every_value(name, tmp_path):
    out = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", SHARED_CORPUS / f"{name}.pdf", out], check=True, timeout=60)
    result = score(g.read(out).report, truth_of(SHARED_CORPUS / f"{name}.truth.json"))
    assert result.wrong == ()
    assert result.right == 200


@pytest.mark.parametrize("name", REAL)
def test_plain_pdftotext_of_a_real_report_never_gives_a_wrong_number(name, tmp_path):
    # Without -layout the cells come one per line in no table's order: most stay blank, none is wrong.
    out = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", SHARED_CORPUS / f"{name}.pdf", out], check=True, timeout=60)
    result = score(g.read(out).report, truth_of(SHARED_CORPUS / f"{name}.truth.json"))
    assert result.wrong == ()


# -- PDFs other tools make of our exports -----------------------------------------------------------------


@pytest.fixture(scope="module")
def distinct() -> g.Report:
    return distinct_tables(g.load(COMPLETE))


@pytest.fixture(scope="module")
def printed_by_libreoffice(distinct, tmp_path_factory) -> Path:
    assert LIBREOFFICE, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    work = tmp_path_factory.mktemp("libreoffice")
    source = work / "report.docx"
    source.write_bytes(g.export(distinct, "docx"))
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return work / "report.pdf"


@pytest.fixture(scope="module")
def printed_by_chromium(distinct, tmp_path_factory) -> Path:
    from playwright.sync_api import sync_playwright

    work = tmp_path_factory.mktemp("chromium")
    page_file = work / "report.html"
    page_file.write_bytes(g.export(distinct, "html"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.pdf(path=str(work / "report.pdf"), format="A4", display_header_footer=True)
        finally:
            browser.close()
    return work / "report.pdf"


@pytest.mark.parametrize("printed", ["printed_by_libreoffice", "printed_by_chromium"])
def test_a_pdf_of_our_export_reads_back_every_value(printed, distinct, request):
    # LibreOffice wraps "1001" in a narrow cell as "100" / "1" and repeats table 三's header on the
    # next page; Chromium's print writes ⼈ (a Kangxi radical) for 人 and puts a header and footer
    # (date, title, page i/n) on every page.
    imported = g.read(request.getfixturevalue(printed))
    assert same_tables(imported.report, distinct) == []
    assert "import.section_missing" not in rules(imported)
    assert imported.report.metadata.issuing_body == distinct.metadata.issuing_body
    assert imported.report.metadata.year == distinct.metadata.year
    assert imported.report.signature == distinct.signature
    overview = g.export(imported.report, "text").decode("utf-8")
    assert "⼈" not in overview
    assert "人民政府" in overview


def test_a_table_continued_on_the_next_page_under_a_repeated_header_is_one_table(printed_by_libreoffice):
    imported = g.read(printed_by_libreoffice)
    assert "import.table_joined" in rules(imported)
    assert "import.table_unrecognised" not in rules(imported)
    assert "import.table_text_unplaced" not in rules(imported)


# -- bad PDFs: a clear error, never a traceback ------------------------------------------------------------


def _text_pdf() -> bytes:
    return (SHARED_CORPUS / "hongze-2024.pdf").read_bytes()


def _scan(pages: int = 1) -> bytes:
    from PIL import Image, ImageDraw

    images = []
    for _ in range(pages):
        image = Image.new("RGB", (620, 877), "white")
        ImageDraw.Draw(image).rectangle((60, 80, 560, 300), outline="black", width=3)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def test_a_scanned_pdf_is_refused_saying_why():
    with pytest.raises(PdfReadError, match="without a text layer") as caught:
        read_pdf(_scan(2), source="scan.pdf")
    assert str(caught.value).startswith("scan.pdf: ")
    assert "OCR" in str(caught.value)


def test_a_scanned_page_among_text_pages_is_reported(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_text_pdf())).pages:
        writer.add_page(page)
    writer.add_page(PdfReader(io.BytesIO(_scan())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    imported = read_pdf(out.getvalue())
    scanned = [f for f in imported.findings if f.rule == "import.page_scanned"]
    assert len(scanned) == 1
    assert scanned[0].location.source == f"page {len(writer.pages)}"
    assert score(imported.report, truth_of(SHARED_CORPUS / "hongze-2024.truth.json")).right == 200


def test_an_encrypted_pdf_is_refused_saying_why():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_text_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(PdfReadError, match="encrypted PDF that needs a password"):
        read_pdf(out.getvalue(), source="locked.pdf")


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n%garbage that is no PDF at all\n", b"%PDF-1.4\n" + b"\x00" * 2000, _text_pdf()[:4000]]
)
def test_a_broken_pdf_is_refused_saying_where(data):
    with pytest.raises(PdfReadError) as caught:
        read_pdf(data, source="broken.pdf")
    message = str(caught.value)
    assert message.startswith("broken.pdf: ")
    assert "Traceback" not in message


def test_a_pdf_with_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_importer, "MAX_PDF_PAGES", 3)
    with pytest.raises(PdfReadError, match="MAX_PDF_PAGES"):
        read_pdf(_text_pdf(), source="long.pdf")


def test_the_command_refuses_a_scan_with_the_reason_and_writes_nothing(run_cli, tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_scan())
    out = tmp_path / "out.json"
    result = run_cli("import", scan, "-o", out)
    assert result.returncode == 2, result.stderr  # bad input (docs/cli.md)
    assert "without a text layer" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_the_command_reads_a_pdf_by_its_content_whatever_its_name(run_cli, tmp_path):
    unnamed = tmp_path / "download"
    unnamed.write_bytes(_text_pdf())
    out = tmp_path / "report.json"
    result = run_cli("import", unnamed, "-o", out)
    assert result.returncode == 0, result.stderr
    report = g.load(out)
    assert score(report, truth_of(SHARED_CORPUS / "hongze-2024.truth.json")).right == 200


def test_formats_lists_the_pdf_and_html_importers(run_cli):
    result = run_cli("formats")
    importers = result.stdout.split("Importers:")[1]
    rows = {line.split()[0]: line.split() for line in importers.splitlines() if line.startswith("  ")}
    assert rows["pdf"][1] == ".pdf"
    assert ".html" in rows["html"][1]


# -- the geometry rules, on characters placed by hand ---------------------------------------------------------


def _chars(text: str, x: float, top: float, size: float = 10.5):
    from govreport.importers.pdf_pages import Char

    width = size / 2
    return [
        Char(text=c, x0=x + k * width, x1=x + (k + 1) * width, top=top, bottom=top + size, size=size)
        for k, c in enumerate(text)
    ]


def test_a_number_wrapped_in_a_narrow_cell_is_one_number_and_two_stacked_values_are_not():
    from govreport.importers.pdf_pages import _cell_text

    # "1001" in a 20-point column: "100" fills it from edge to edge, "1" on the next line.
    wrapped = _chars("100", 101, 200) + _chars("1", 101, 212)
    assert _cell_text(wrapped, 100, 118) == "1001"
    # "10" over "5" a row apart, centred in a 30-point column (a rule missing between two rows).
    stacked = _chars("10", 109.75, 200) + _chars("5", 112.4, 230)
    assert _cell_text(stacked, 100, 130) == "10\n5"
    # Right-aligned "12" over "3" at line spacing: the first line does not fill the cell.
    aligned = _chars("12", 117.5, 200) + _chars("3", 122.75, 212)
    assert _cell_text(aligned, 100, 130) == "12\n3"


def test_a_row_of_numbers_is_never_dropped_as_a_repeated_header():
    from govreport.importers.pdf_document import _repeated_header
    from govreport.importers.pdf_pages import BoxCell, PageTable

    def table(rows, top, page):
        cells = tuple(
            BoxCell(x0=100 + 50 * c, top=top + 20 * r, x1=150 + 50 * c, bottom=top + 20 * (r + 1), text=text)
            for r, row in enumerate(rows)
            for c, text in enumerate(row)
        )
        return PageTable(cells=cells, x0=100, x1=250, top=top, bottom=top + 20 * len(rows), page=page, number=page)

    upper = table([["信息内容", "A", "B"], ["", "0", "0"], ["", "0", "0"]], 600, 1)
    lower = table([["", "0", "0"], ["x", "1", "2"]], 60, 2)
    assert _repeated_header(upper, lower) is None
    repeated = table([["信息内容", "A", "B"], ["y", "3", "4"]], 60, 2)
    assert _repeated_header(upper, repeated) == 80
