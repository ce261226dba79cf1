"""What a PDF shows, page by page, read with poppler's pdftotext: the text in the order it was
written (a label wrapped inside its table cell stays together) and every word with its box.

The page tests of the DOCX (LibreOffice) and HTML (Chromium) exports assert with these where
things landed on paper: that no merged label is cut by a page break, where a table ends, where
the signature stands.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import attrs

PT_PER_MM = 72 / 25.4

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def poppler(tool: str, *args: str | Path) -> str:
    executable = shutil.which(tool)
    assert executable, f"{tool} is missing (poppler-utils, installed by .ci/run)"
    return subprocess.run(
        [executable, *map(str, args)], capture_output=True, text=True, encoding="utf-8", check=True, timeout=60
    ).stdout


@attrs.frozen
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@attrs.frozen
class Page:
    number: int  # from 1
    width: float
    height: float
    #: the page's text without whitespace, in the order it was written
    text: str
    words: tuple[Word, ...]

    def find(self, text: str) -> list[Word]:
        return [word for word in self.words if word.text == text]


def pages(pdf: Path) -> list[Page]:
    raw = poppler("pdftotext", "-raw", pdf, "-").split("\f")
    boxes = _PAGE.findall(poppler("pdftotext", "-bbox", pdf, "-"))
    result = []
    for number, (width, height, body) in enumerate(boxes, start=1):
        words = tuple(
            Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in _WORD.findall(body)
        )
        text = re.sub(r"\s", "", raw[number - 1]) if number <= len(raw) else ""
        result.append(Page(number=number, width=float(width), height=float(height), text=text, words=words))
    return result


def compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def pages_holding(all_pages: list[Page], text: str) -> list[int]:
    """The pages whose text holds ``text`` whole (whitespace aside)."""
    wanted = compact(text)
    return [page.number for page in all_pages if wanted in page.text]


def pixel(pdf: Path, page: int, x_pt: float, y_pt: float, *, dpi: int = 36) -> tuple[int, int, int]:
    """The colour of the page at (x, y) in PDF points from the top left, as pdftoppm draws it."""
    ppm = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    assert header, "pdftoppm did not write a PPM image"
    width = int(header.group(1))
    scale = dpi / 72
    x, y = round(x_pt * scale), round(y_pt * scale)
    offset = header.end() + 3 * (y * width + x)
    red, green, blue = ppm[offset : offset + 3]
    return red, green, blue
