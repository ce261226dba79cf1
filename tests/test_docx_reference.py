"""Reference documents, as pandoc's --reference-doc: styles, page setup, headers and footers come
from the reference; a style it lacks is added from govreport's with a finding; the official
template, an office's own Word file and the default reference document all work."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import warnings
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest
from docx.shared import Mm, Pt, RGBColor

import govreport as g
from govreport.wordml.reference import ReferenceWarning
from govreport.wordml.vocabulary import REQUIRED_STYLES
from pdf_pages import pages
from template_grid import TEMPLATE

ROOT = Path(__file__).parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
LETTERHEAD = "虚构市星河区人民政府办公室"


@pytest.fixture(scope="module")
def complete() -> g.Report:
    return g.load(ROOT / "examples" / "xinghe-2023" / "report.json")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def section(data: bytes) -> ET.Element:
    return ET.fromstring(parts(data)["word/document.xml"]).find(f"{W}body/{W}sectPr")


def export_with(report: g.Report, reference: Path) -> tuple[bytes, list[ReferenceWarning]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = g.export(report, "docx", reference_docx=reference)
    return data, [w.message for w in caught if isinstance(w.message, ReferenceWarning)]


def style_names(data: bytes) -> set[str]:
    root = ET.fromstring(parts(data)["word/styles.xml"])
    return {style.find(f"{W}name").get(f"{W}val") for style in root.iter(f"{W}style")}


def read(data: bytes) -> g.Imported:
    from govreport.importers.docx import read_docx

    return read_docx(data, source="test.docx")


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small PNG of one colour, made here (no picture files in the repository)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def letterhead(tmp_path_factory) -> Path:
    """An office's own Word file: its margins, a red 红头 with a picture in the header, no footer."""
    document = docx.Document()
    page = document.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = Mm(40), Mm(30), Mm(30), Mm(25)
    head = page.header.paragraphs[0]
    text = head.add_run(LETTERHEAD)
    text.font.size = Pt(22)
    text.font.color.rgb = RGBColor(0xE0, 0x00, 0x00)
    picture = tmp_path_factory.mktemp("pictures") / "rule.png"
    picture.write_bytes(png(60, 2, (0xE0, 0, 0)))
    page.header.add_paragraph().add_run().add_picture(str(picture), width=Mm(156))
    document.add_paragraph("这份文件只用来提供页面、页眉和样式。")
    path = tmp_path_factory.mktemp("references") / "office.docx"
    document.save(str(path))
    return path


# -- styles -------------------------------------------------------------------------------------------------


def test_a_reference_without_our_styles_gets_them_with_a_finding(complete, tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's blank document: none of our styles
    data, found = export_with(complete, plain)
    assert len(found) == 1
    finding = found[0].finding
    assert finding.rule == "export.reference_style_missing"
    for name in ("GovReport Title", "GovReport Body", "GovReport Number", "GovReport Table"):
        assert name in finding.message
    assert set(REQUIRED_STYLES) <= style_names(data)
    assert "heading 1" in style_names(data)  # the reference's own styles are all kept
    assert read(data).report == complete


def test_added_styles_look_as_in_a_plain_export_whatever_the_references_normal(complete, tmp_path):
    reference = docx.Document()
    reference.styles["Normal"].font.size = Pt(9)
    reference.styles["Normal"].font.name = "Arial"
    path = tmp_path / "small.docx"
    reference.save(str(path))
    data, _found = export_with(complete, path)
    styled = docx.Document(io.BytesIO(data))
    body = styled.styles["GovReport Body"]
    assert body.base_style.name == "GovReport Base"
    assert body.base_style.font.size == Pt(16)  # our 三号, not the reference's 9 pt
    assert body.base_style.element.rPr.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312"
    assert styled.styles["Normal"].font.size == Pt(9)  # the reference's own Normal is untouched


def test_a_reference_with_every_style_gives_no_finding(complete, tmp_path):
    path = tmp_path / "ours.docx"
    path.write_bytes(g.export(complete, "docx"))
    _data, found = export_with(complete, path)
    assert found == []


# -- page setup, headers and footers ----------------------------------------------------------------------------


def test_the_official_template_is_a_usable_reference(complete):
    data, found = export_with(complete, TEMPLATE)
    assert len(found) == 1  # it has none of our styles
    margins = section(data).find(f"{W}pgMar")
    official = ET.fromstring(zipfile.ZipFile(TEMPLATE).read("word/document.xml")).find(f"{W}body/{W}sectPr/{W}pgMar")
    assert {k: margins.get(k) for k in official.attrib} == dict(official.attrib)  # its page, not ours
    assert read(data).report == complete


def test_an_offices_page_setup_and_letterhead_come_along(complete, letterhead):
    data, found = export_with(complete, letterhead)
    assert len(found) == 1
    setup = section(data)
    margins = setup.find(f"{W}pgMar")
    assert round(int(margins.get(f"{W}top")) / 1440 * 25.4) == 40
    assert round(int(margins.get(f"{W}left")) / 1440 * 25.4) == 30
    references = {(e.tag.removeprefix(W), e.get(f"{W}type")): e.get(f"{R}id") for e in setup if "Reference" in e.tag}
    # The letterhead on every page (odd and even), our page numbers below: the reference has no footer.
    assert set(references) == {
        ("headerReference", "default"),
        ("headerReference", "even"),
        ("footerReference", "default"),
        ("footerReference", "even"),
    }
    assert references["headerReference", "default"] == references["headerReference", "even"]
    files = parts(data)
    header = next(name for name in files if name.startswith("word/reference-header"))
    assert LETTERHEAD in files[header].decode("utf-8")
    pictures = [name for name in files if name.startswith("word/media/")]
    assert len(pictures) == 1
    assert files[pictures[0]].startswith(b"\x89PNG")
    relationships = files[header.replace("word/", "word/_rels/") + ".rels"].decode("utf-8")
    assert pictures[0].removeprefix("word/") in relationships
    content_types = files["[Content_Types].xml"].decode("utf-8")
    assert f'PartName="/{header}"' in content_types
    assert f'PartName="/{pictures[0]}" ContentType="image/png"' in content_types
    # Opened by python-docx (an independent reader) and read back by our importer.
    opened = docx.Document(io.BytesIO(data))
    assert opened.sections[0].header.paragraphs[0].text == LETTERHEAD
    imported = read(data)
    assert imported.report == complete
    assert "import.text_unplaced" in [f.rule for f in imported.findings]  # the letterhead is no report text


def test_a_reference_with_footers_replaces_our_page_numbers(complete, tmp_path):
    reference = docx.Document()
    reference.sections[0].footer.paragraphs[0].text = "内部资料 注意保存"
    path = tmp_path / "footer.docx"
    reference.save(str(path))
    data, _found = export_with(complete, path)
    files = parts(data)
    assert "word/footer1.xml" not in files
    footers = [name for name in files if name.startswith("word/reference-footer")]
    assert len(footers) == 1
    assert "内部资料" in files[footers[0]].decode("utf-8")
    settings = files["word/settings.xml"].decode("utf-8")
    assert "evenAndOddHeaders" not in settings  # the reference has one footer for every page


def test_libreoffice_lays_out_the_letterhead_on_every_page_with_our_page_numbers(complete, letterhead, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    data, _found = export_with(complete, letterhead)
    source = tmp_path / "letterhead.docx"
    source.write_bytes(data)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    laid_out = pages(tmp_path / "letterhead.pdf")
    assert len(laid_out) >= 7
    for page in laid_out:
        assert page.text.startswith(LETTERHEAD), f"page {page.number} has no letterhead"
        assert page.text.endswith(f"\u2014{page.number}\u2014"), f"page {page.number} has no page number"
        first_line = min((w for w in page.words if LETTERHEAD not in w.text), key=lambda w: w.top)
        assert first_line.left == pytest.approx(30 * 72 / 25.4, abs=2) or first_line.left > 30 * 72 / 25.4


# -- the default reference document --------------------------------------------------------------------------


def test_the_default_reference_document_has_every_style_and_the_official_page(complete, run_cli, tmp_path):
    target = tmp_path / "reference.docx"
    result = run_cli("reference-docx", "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    data = target.read_bytes()
    assert set(REQUIRED_STYLES) <= style_names(data)
    opened = docx.Document(io.BytesIO(data))
    assert {p.style.name for p in opened.paragraphs} >= {"GovReport Title", "GovReport Body", "GovReport Date"}
    assert opened.tables[0].style.name == "GovReport Table"
    assert round(opened.sections[0].top_margin.mm) == 37
    # Edited in Word and used as the reference: no finding, the edit shows.
    opened.styles["GovReport Body"].font.size = Pt(15)
    edited = tmp_path / "house-style.docx"
    opened.save(str(edited))
    exported, found = export_with(complete, edited)
    assert found == []
    assert docx.Document(io.BytesIO(exported)).styles["GovReport Body"].font.size == Pt(15)
    assert read(exported).report == complete


def test_cli_renders_with_a_reference_lacking_styles_and_says_so(run_cli, tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    out = tmp_path / "out"
    source = ROOT / "examples" / "wangfu-2022" / "report.json"
    result = run_cli("render", source, "--to", "text,docx", "-O", f"reference_docx={plain}", "-o", out, "-j", "1")
    assert result.returncode == 0, result.stderr
    assert "GovReport Section Heading" in result.stderr
    assert "GovReport Page Number" in result.stderr
    assert (out / "report.docx").exists()
