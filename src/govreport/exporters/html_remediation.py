"""Section 五 as HTML-ready data: every item once, in the report's order, with its pairing.

A problem and the measures that answer it (``Measure.answers``) are linked both ways: the
problem lists its measures, each measure lists the problems it answers, each with a link to
the other's ``id``. The text is never moved or repeated, so the page reads exactly as the
report was written (including items run into one paragraph) and nothing is lost. A
rectification of last year's problem shows the problem and how it was rectified as a pair.

Those links and the boxed restatement are reading aids, not report text: they are shown only
with the ``reading_aids`` option. Without it a rectification is one paragraph, its number, the
problem it restates and how it was rectified, exactly as the text and DOCX exports print it.

Ids come from positions (``…-problem-2``), never from the report's keys: a key is report
data and could hold anything.
"""

from __future__ import annotations

from typing import Any

import attrs

from govreport.model import Block, Heading, Measure, Paragraph, Problem, Rectification, Remediation
from govreport.model.report import RemediationPart


@attrs.frozen(kw_only=True)
class Link:
    href: str
    text: str


@attrs.frozen(kw_only=True)
class ItemView:
    """One rectification, problem or measure."""

    kind: str  # "rectification", "problem" or "measure"
    id: str
    number: str
    text: str
    #: a rectification's restatement of last year's problem ("" for other items)
    problem: str = ""
    #: for a problem, the measures that answer it; for a measure, the problems it answers
    links: tuple[Link, ...] = ()
    #: "span" inside a run-in paragraph, else "p" (or "div" for a rectification shown as a pair)
    tag: str = "p"
    #: the tag of the two halves of a rectification pair
    inner: str = "span"


@attrs.frozen(kw_only=True)
class PartView:
    kind: str  # "previous", "problems" or "measures" (the keys of spec.REMEDIATION_PARTS)
    heading: Heading | None
    intro: tuple[Block, ...]
    #: for a run-in part, the text the items run on from (the last paragraph of the introduction)
    lead: str
    run_in: bool
    items: tuple[ItemView, ...]


@attrs.frozen(kw_only=True)
class RemediationView:
    intro: tuple[Block, ...]
    parts: tuple[PartView, ...]
    closing: tuple[Block, ...]
    #: whether any measure names the problems it answers (else no pairing is shown at all)
    paired: bool


def _label(number: str, position: int) -> str:
    # An item written without a number still needs a visible link text.
    return number or f"第{position + 1}项"


def _split_lead(part: RemediationPart[Any]) -> tuple[tuple[Block, ...], str]:
    """For a run-in part, the introduction without its last paragraph, and that paragraph's text."""
    intro = part.intro
    if part.run_in and part.items and intro and isinstance(intro[-1], Paragraph):
        return intro[:-1], intro[-1].text
    return intro, ""


def remediation_view(remediation: Remediation, *, id_prefix: str, reading_aids: bool = False) -> RemediationView:
    problems: tuple[Problem, ...] = remediation.problems.items
    measures: tuple[Measure, ...] = remediation.measures.items
    paired = reading_aids and any(measure.answers for measure in measures)

    def item_id(kind: str, position: int) -> str:
        return f"{id_prefix}-{kind}-{position + 1}"

    problem_position = {problem.key: i for i, problem in enumerate(problems) if problem.key}

    def problem_links(problem: Problem) -> tuple[Link, ...]:
        if not paired or not problem.key:
            return ()
        return tuple(
            Link(href=f"#{item_id('measure', i)}", text=_label(measure.number, i))
            for i, measure in enumerate(measures)
            if problem.key in measure.answers
        )

    def measure_links(measure: Measure) -> tuple[Link, ...]:
        if not paired:
            return ()
        positions = [problem_position[key] for key in measure.answers if key in problem_position]
        return tuple(Link(href=f"#{item_id('problem', i)}", text=_label(problems[i].number, i)) for i in positions)

    def part_view(kind: str, part: RemediationPart[Any]) -> PartView:
        intro, lead = _split_lead(part)
        items = []
        for i, item in enumerate(part.items):
            links: tuple[Link, ...] = ()
            if isinstance(item, Problem):
                links, item_kind = problem_links(item), "problem"
            elif isinstance(item, Measure):
                links, item_kind = measure_links(item), "measure"
            else:
                item_kind = "rectification"
            problem = item.problem if isinstance(item, Rectification) else ""
            text = item.text
            if not reading_aids:  # the restatement runs on into the text, as printed
                problem, text = "", problem + text
            tag = "span" if part.run_in else ("div" if problem else "p")
            items.append(
                ItemView(
                    kind=item_kind,
                    id=item_id(item_kind, i),
                    number=item.number,
                    text=text,
                    problem=problem,
                    links=links,
                    tag=tag,
                    inner="span" if part.run_in else "p",
                )
            )
        return PartView(kind=kind, heading=part.heading, intro=intro, lead=lead, run_in=part.run_in, items=tuple(items))

    return RemediationView(
        intro=remediation.intro,
        parts=(
            part_view("previous", remediation.previous),
            part_view("problems", remediation.problems),
            part_view("measures", remediation.measures),
        ),
        closing=remediation.closing,
        paired=paired,
    )
