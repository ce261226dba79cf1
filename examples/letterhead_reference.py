"""An office's house style for the DOCX export: a letterhead (红头) and its own body size, made from
the default reference document, then used to render the sample report.

    python examples/letterhead_reference.py [OUTPUT_DIR]

What a person does in Word is done here with python-docx: start from the document that
``govreport reference-docx`` writes, put the office's name in red above a rule into the page
header, make the body text a little smaller, save. The export then takes its styles, page setup
and header from that file; the content is the report's, the page numbers govreport's (the
reference has no footer of its own). Files go to OUTPUT_DIR, or to a temporary directory that is
removed afterwards; nothing is written into the repository.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

import govreport as g

SAMPLE = Path(__file__).resolve().parent / "wangfu-2022" / "report.json"
RED = RGBColor(0xE6, 0x00, 0x12)


def red_rule(paragraph: Paragraph) -> None:
    """A red line under the paragraph (a bottom border), as letterheads draw the 红线."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", "E60012")):
        bottom.set(qn(name), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def make_reference(path: Path, office: str) -> Path:
    path.write_bytes(g.reference_docx())  # what `govreport reference-docx -o PATH` writes
    reference = docx.Document(str(path))
    header = reference.sections[0].header
    letterhead = header.paragraphs[0]
    letterhead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name = letterhead.add_run(office)
    name.font.size = Pt(26)
    name.font.color.rgb = RED
    name.font.name = "方正小标宋简体"
    name._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    red_rule(letterhead)
    reference.styles["GovReport Body"].font.size = Pt(15)
    reference.save(str(path))
    return path


def main(output: Path) -> None:
    report = g.load(SAMPLE)
    reference = make_reference(output / "house-style.docx", report.metadata.issuing_body)
    target = g.export_file(report, output / "report.docx", "docx", reference_docx=reference)
    print(f"reference: {reference}\nreport:    {target}")

    # What the export took from the reference, read back with python-docx.
    exported = docx.Document(str(target))
    assert exported.sections[0].header.paragraphs[0].text == report.metadata.issuing_body
    assert exported.styles["GovReport Body"].font.size == Pt(15)
    top_margin = exported.sections[0].top_margin
    assert top_margin is not None
    assert round(top_margin.mm) == 37  # the default reference's official page


if __name__ == "__main__":
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
        folder.mkdir(parents=True, exist_ok=True)
        main(folder)
    else:
        with tempfile.TemporaryDirectory() as scratch:
            main(Path(scratch))
