"""Pictures for the documentation site, made from the real exporters.

    python docs/build_assets.py [OUTPUT_DIR]

Writes into OUTPUT_DIR (default ``docs/generated/``, git-ignored, which the site includes):

- ``html.png``, ``html-phone.png``, ``html-print.png``: the sample report (examples/xinghe-2023)
  exported to HTML and photographed by the system's Chromium through Playwright at a desktop width
  and on a 390 px phone (table 三, scrolled sideways), and the printed page with table 三;
- ``docx-page.png``, ``docx-table.png``: the first page of the same report exported to DOCX and the
  page with table 三, converted to PDF by LibreOffice and rasterised by poppler's ``pdftoppm``.

Run it before ``mkdocs build --strict``: the pages show these pictures, and a missing one fails
the strict build. Nothing is downloaded; a missing tool fails with a message naming it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import govreport as g
from govreport.spec import APPLICATIONS

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "generated"
SAMPLE = ROOT / "examples" / "xinghe-2023" / "report.json"
#: the files this script writes, as the pages link to them (docs/generated/NAME)
ASSETS = ("html.png", "html-phone.png", "html-print.png", "docx-page.png", "docx-table.png")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (apt-get install {package})")
    return found


def html_pictures(report: g.Report, output: Path, work: Path) -> None:
    """The top of the HTML page at a desktop width; table 三 on a 390 px phone, scrolled to its
    last columns; and the printed page with table 三 (Chromium's PDF, rasterised)."""
    from playwright.sync_api import sync_playwright

    page_file = work / "report.html"
    g.export_file(report, page_file, "html")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1100}, device_scale_factor=1)
            page.goto(page_file.as_uri())
            page.screenshot(path=str(output / "html.png"), full_page=False)
            page.pdf(path=str(work / "printed.pdf"), format="A4")
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
            phone.goto(page_file.as_uri())
            section = phone.locator(f"#govreport-{APPLICATIONS.key}")
            section.locator(".table-wrapper").evaluate("wrapper => { wrapper.scrollLeft = wrapper.scrollWidth; }")
            section.screenshot(path=str(output / "html-phone.png"))
        finally:
            browser.close()
    printed = work / "printed.pdf"
    _png(printed, _page_holding(printed, APPLICATIONS.grid[0].text), output / "html-print.png")


def _page_holding(pdf: Path, text: str) -> int:
    """The number of the first page of ``pdf`` whose text holds ``text`` (whitespace aside)."""
    pdftotext = _tool("pdftotext", "poppler-utils")
    pages = subprocess.run([pdftotext, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for number, page in enumerate(pages.split("\f"), start=1):
        if text in "".join(page.split()):
            return number
    raise SystemExit(f"{pdf.name}: no page holds {text!r}")


def _png(pdf: Path, page: int, target: Path, dpi: int = 60) -> None:
    pdftoppm = _tool("pdftoppm", "poppler-utils")
    prefix = target.with_suffix("")
    subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
        check=True,
        timeout=120,
    )


def docx_pages(report: g.Report, output: Path, work: Path) -> None:
    """Pages of the DOCX as LibreOffice lays them out, at 60 dpi: the first, the one with table 三,
    and the last (the signature)."""
    soffice = shutil.which("soffice") or _tool("libreoffice", "libreoffice-writer-nogui")
    source = g.export_file(report, work / "report.docx", "docx")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = work / "report.pdf"
    _png(pdf, 1, output / "docx-page.png")
    _png(pdf, _page_holding(pdf, APPLICATIONS.grid[0].text), output / "docx-table.png")


def build(output: Path = OUTPUT) -> list[Path]:
    """Write every asset into ``output``; return their paths, in the order of :data:`ASSETS`."""
    output.mkdir(parents=True, exist_ok=True)
    report = g.load(SAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        html_pictures(report, output, work)
        docx_pages(report, output, work)
    return [output / name for name in ASSETS]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
