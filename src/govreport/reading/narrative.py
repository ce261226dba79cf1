"""Sections 五 and 六 from text: remediation parts and items, other matters and their topics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govreport.findings import Finding, Location
from govreport.model import (
    Block,
    Heading,
    Measure,
    OtherItem,
    OtherMatters,
    OtherTopic,
    Paragraph,
    Problem,
    Rectification,
    Remediation,
    RemediationPart,
)
from govreport.reading.blocks import classify, split_run_in
from govreport.reading.catalog import finding
from govreport.reading.chinese import marker_of

# Which part of 五 a sub-heading starts, by the words it uses.
_PART_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("previous", ("整改情况", "上年度", "上一年度", "上年")),
    ("measures", ("改进措施", "整改措施", "改进情况", "工作措施", "下一步", "努力方向", "措施")),
    ("problems", ("存在的主要问题", "存在问题", "主要问题", "问题")),
)

_TOPIC_WORDS: tuple[tuple[OtherTopic, tuple[str, ...]], ...] = (
    (OtherTopic.PROCESSING_FEE, ("信息处理费",)),
    (OtherTopic.PROPOSALS, ("建议", "提案")),
    (OtherTopic.WORK_PRIORITIES, ("工作要点",)),
    (OtherTopic.NOTHING_ELSE, ("无需要报告", "无其他需要报告", "没有需要报告")),
    (OtherTopic.INNOVATION, ("创新",)),
)


def topic_of(text: str) -> OtherTopic:
    for topic, words in _TOPIC_WORDS:
        if any(word in text for word in words):
            return topic
    return OtherTopic.OTHER


def _part_of(heading: Heading) -> str | None:
    for part, words in _PART_WORDS:
        if any(word in heading.text for word in words):
            return part
    return None


def _items(kind: str, texts: Sequence[tuple[str, str]]) -> tuple[Any, ...]:
    prefix = {"previous": "r", "problems": "p", "measures": "m"}[kind]
    made: list[Any] = []
    for i, (number, text) in enumerate(texts, start=1):
        key = f"{prefix}{i}"
        if kind == "previous":
            made.append(Rectification(key=key, number=number, text=text))
        elif kind == "problems":
            made.append(Problem(key=key, number=number, text=text))
        else:
            made.append(Measure(key=key, number=number, text=text))
    return tuple(made)


def _part(kind: str, heading: Heading, lines: Sequence[str]) -> RemediationPart[Any]:
    intro: list[Block] = []
    items: list[tuple[str, str]] = []
    run_in = False
    for position, text in enumerate(lines):
        marker = marker_of(text)
        if marker and not isinstance(classify(text), Heading):
            items.append((marker, text[len(marker) :]))
            continue
        # Items run into the part's last paragraph: …差距和不足：一是…；二是…。
        last = position == len(lines) - 1
        split = split_run_in(text) if last and not items else None
        if split is not None:
            lead, run = split
            if lead:
                intro.append(Paragraph(text=lead))
            items.extend(run)
            run_in = True
            continue
        if items:
            # Text after the items: part of the last item's paragraph would be a guess; keep it as
            # an item of its own without a number.
            items.append(("", text))
            continue
        intro.append(classify(text))
    return RemediationPart(heading=heading, intro=tuple(intro), items=_items(kind, items), run_in=run_in)


def read_remediation(lines: Sequence[str], findings: list[Finding]) -> Remediation:
    """Section 五: its sub-headings decide which part the following lines belong to."""
    intro: list[Block] = []
    parts: dict[str, tuple[Heading, list[str]]] = {}
    current: str | None = None
    for text in lines:
        block = classify(text)
        if isinstance(block, Heading) and block.level == 2:
            kind = _part_of(block)
            if kind is not None and kind not in parts:
                parts[kind] = (block, [])
                current = kind
                continue
        if current is None:
            intro.append(block)
        else:
            parts[current][1].append(text)
    built = {kind: _part(kind, heading, body) for kind, (heading, body) in parts.items()}
    previous = built.get("previous", RemediationPart())
    problems = built.get("problems", RemediationPart())
    measures = built.get("measures", RemediationPart())
    if problems.items and len(problems.items) == len(measures.items) and not any(m.answers for m in measures.items):
        # Parallel lists (一是…二是… under both headings) answer each other in order: a reading,
        # not a fact, so it is reported.
        measures = RemediationPart(
            heading=measures.heading,
            intro=measures.intro,
            items=tuple(
                Measure(key=m.key, number=m.number, text=m.text, answers=(p.key,))
                for m, p in zip(measures.items, problems.items, strict=True)
            ),
            run_in=measures.run_in,
        )
        findings.append(
            finding(
                "import.measures_paired",
                f"按顺序将{len(measures.items)}条改进措施与{len(problems.items)}个问题一一对应，请核对",
                Location(section="remediation"),
            )
        )
    if lines and not parts:
        findings.append(
            finding(
                "import.remediation_unstructured",
                "第五部分没有可识别的小标题（问题、整改措施），全文按段落保留",
                Location(section="remediation"),
            )
        )
    return Remediation(intro=tuple(intro), previous=previous, problems=problems, measures=measures)


def read_other_matters(lines: Sequence[str]) -> OtherMatters:
    """Section 六: numbered items with their topics; text before the first item is the intro."""
    intro: list[Block] = []
    items: list[OtherItem] = []
    for text in lines:
        marker = marker_of(text)
        if marker or items:
            body = text[len(marker) :]
            items.append(OtherItem(number=marker, text=body, topic=topic_of(body)))
        else:
            intro.append(classify(text))
    return OtherMatters(intro=tuple(intro), items=tuple(items))
