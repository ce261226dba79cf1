"""What a Word paragraph holds that a report cannot: pictures, text boxes, footnotes, comments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from govreport.findings import Finding, Location
from govreport.reading.catalog import finding
from govreport.wordml.body import Para


def object_findings(
    paragraphs: Sequence[Para], findings: list[Finding], notes: Mapping[str, Sequence[str]] | None = None
) -> None:
    """Pictures, text boxes, footnotes and comments: reported, since a report has no place for them.

    ``notes`` holds the text of the footnotes, endnotes and comments in the order of their parts,
    by the name the body reader gives them ("a footnote"); each reference takes the next one, and
    any left over is reported on its own, so that their text is in a finding.
    """
    waiting = {thing: list(texts) for thing, texts in (notes or {}).items()}
    for para in paragraphs:
        for thing in para.objects:
            pending = waiting.get(thing)
            text = thing.partition(": ")[2] or (pending.pop(0) if pending else None)
            findings.append(
                finding(
                    "import.object_unplaced",
                    f"第{para.position}段中有{_describe(thing)}，没有导入",
                    Location(source=f"paragraph {para.position}"),
                    found=text,
                )
            )
    for thing, texts in waiting.items():
        findings.extend(
            finding(
                "import.object_unplaced",
                f"文档中有{_describe(thing)}“{text}”，没有导入",
                Location(source="document"),
                found=text,
            )
            for text in texts
        )


def _describe(thing: str) -> str:
    if thing.startswith("a text box"):
        return "文本框"
    return {"a footnote": "脚注", "an endnote": "尾注", "a comment": "批注"}.get(thing, "图片或图形")
