"""Cleaning a report's text into lines: line endings, page marks and conversion debris.

Everything removed is reported as a finding, so nothing disappears silently.
"""

from __future__ import annotations

import re

import attrs

from govreport.findings import Finding, Location, Severity

# Word's bookmark debris as text converters leave it: "[bookmark: _GoBack]".
_DEBRIS = re.compile(r"\[bookmark:[^\]]*\]")
# Page numbers as printed in official documents or by pdftotext: "- 4 -", "— 3 —", "－12－", "第 3 页".
_PAGE_MARK = re.compile(r"[-—－–]{1,2}\s*\d{1,4}\s*[-—－–]{1,2}|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?")


@attrs.frozen(kw_only=True)
class Line:
    """One line of the input: its text without the line break, and its 1-based number."""

    number: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip().strip("\u3000")


def split_lines(text: str, findings: list[Finding]) -> list[Line]:
    """The input's lines with debris and page marks removed (each with a finding)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        for match in _DEBRIS.finditer(raw):
            findings.append(
                Finding(
                    rule="import.debris",
                    severity=Severity.WARNING,
                    message=f"删除了文档转换残留文字“{match.group(0)}”",
                    location=Location(source=f"line {number}"),
                    found=match.group(0),
                )
            )
        cleaned = _DEBRIS.sub("", raw)
        if _PAGE_MARK.fullmatch(cleaned.strip()):
            findings.append(
                Finding(
                    rule="import.page_mark",
                    severity=Severity.INFO,
                    message=f"删除了页码“{cleaned.strip()}”",
                    location=Location(source=f"line {number}"),
                    found=cleaned.strip(),
                )
            )
            continue
        lines.append(Line(number=number, text=cleaned.rstrip()))
    return lines
