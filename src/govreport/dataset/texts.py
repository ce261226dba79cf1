"""The text of each part of a report, as plain text with its numbering, one string per part."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from govreport.model import Block, Heading, Item, Paragraph, Report
from govreport.model.report import Measure, Problem, Rectification, RemediationPart

_Part = RemediationPart[Rectification] | RemediationPart[Problem] | RemediationPart[Measure]


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Heading | Item):
        return block.full_text
    raise TypeError(f"not a block: {block!r}")


def _blocks(blocks: Iterable[Block]) -> Iterator[str]:
    return (_block(block) for block in blocks)


def _part(part: _Part) -> Iterator[str]:
    if part.heading is not None:
        yield part.heading.full_text
    yield from _blocks(part.intro)
    for item in part.items:
        # a rectification may restate last year's problem before saying what was done about it
        problem = item.problem if isinstance(item, Rectification) else ""
        yield f"{item.number}{problem}{item.text}"


def section_texts(report: Report) -> list[tuple[str, str]]:
    """``(part, text)`` for the preamble, the six sections (a table's section: its notes) and the
    signature, in the order of the report, the blocks one to a line; parts with no text are left out."""
    parts: list[tuple[str, list[str]]] = [("preamble", list(_blocks(report.preamble)))]
    for spec, content in report.sections():
        lines: list[str] = []
        if spec.key == "overview":
            lines = list(_blocks(report.overview))
        elif spec.key == "remediation":
            remediation = report.remediation
            lines = list(_blocks(remediation.intro))
            for part in (remediation.previous, remediation.problems, remediation.measures):
                lines += _part(part)
            lines += _blocks(remediation.closing)
        elif spec.key == "other_matters":
            lines = list(_blocks(report.other_matters.intro))
            lines += (item.full_text for item in report.other_matters.items)
        else:  # one of the three tables: the notes under it
            lines = list(_blocks(getattr(content, "notes", ())))
        parts.append((spec.key, lines))
    signature = report.signature
    if signature is not None:
        parts.append(("signature", [signature.authority, *([signature.date.isoformat()] if signature.date else [])]))
    return [(key, "\n".join(lines)) for key, lines in parts if any(line.strip() for line in lines)]
