"""The rules ``structure.overview.*``: 一 covers its usual sub-parts and, for a people's government, supervision."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import section_heading
from govreport.checks.support.narrative import has_text
from govreport.findings import Finding, Location
from govreport.spec import OVERVIEW_PARTS, BodyKind

rules = RuleSet()

# Headings in practice shorten the official sub-parts (平台建设情况, 监督保障情况); any of these
# words in a heading of 一 counts as the part.
_OVERVIEW_WORDS: dict[str, tuple[str, ...]] = {
    "主动公开": ("主动公开",),
    "依申请公开": ("依申请",),
    "政府信息管理": ("信息管理",),
    "政府信息公开平台建设": ("平台建设", "公开平台"),
    "监督保障": ("监督保障", "监督", "保障"),
}
_SUPERVISION = "监督保障"

# 条例 art. 50 (4): a people's government also reports assessment, appraisal and accountability.
_SUPERVISION_TOPICS: dict[str, tuple[str, ...]] = {
    "工作考核": ("考核",),
    "社会评议": ("评议",),
    "责任追究": ("责任追究", "追责", "问责"),
}
_CHINESE_ORDINALS = "一二三四五六七八九十"


def _overview_labels(context: CheckContext) -> list[str]:
    passages = context.passages_in("overview")
    headings = [passage.text for passage in passages if passage.kind == "heading"]
    # Without sub-headings, a part may still open a paragraph: （一）主动公开工作情况。…
    return headings or [passage.text[:30] for passage in passages]


@rules.rule(
    "structure.overview.parts",
    "warning",
    "Section 一 lacks one of its usual sub-parts (主动公开, 依申请公开, 政府信息管理, 政府信息公开平台建设, 监督保障), "
    "looked for in its sub-headings.",
)
def overview_parts(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    passages = context.passages_in("overview")
    if not has_text(passages):
        return  # structure.section.empty says it
    labels = _overview_labels(context)
    for i, part in enumerate(OVERVIEW_PARTS):
        words = _OVERVIEW_WORDS.get(part, (part,))
        if not any(word in label for label in labels for word in words):
            number = f"（{_CHINESE_ORDINALS[i]}）" if i < len(_CHINESE_ORDINALS) else ""
            yield emit(
                f"“{section_heading('overview')}”缺少“{number}{part}”部分",
                Location(section="overview", part=f"{number}{part}"),
            )


@rules.rule(
    "structure.overview.supervision",
    "warning",
    "A people's government's report does not cover 工作考核, 社会评议 and 责任追究 in 一 (条例 art. 50 (4)); the "
    "missing topics are named.",
)
def overview_supervision(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    if context.report.metadata.body_kind is not BodyKind.PEOPLE_GOVERNMENT:
        return
    passages = context.passages_in("overview")
    if not has_text(passages):
        return
    words = _OVERVIEW_WORDS[_SUPERVISION]
    in_part = [p for p in passages if p.part and any(word in p.part for word in words)]
    text = "".join(p.text for p in (in_part or passages))
    missing = [topic for topic, keys in _SUPERVISION_TOPICS.items() if not any(key in text for key in keys)]
    if missing:
        part = in_part[0].part if in_part else None
        yield emit(
            f"人民政府的年度报告应在“{section_heading('overview')}”的监督保障部分说明工作考核、社会评议和"
            f"责任追究结果情况，未见：{'、'.join(missing)}",
            Location(section="overview", part=part),
        )
