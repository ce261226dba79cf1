"""The rules ``structure.remediation.*``: 五 says what the problems are, follows up last year's, names measures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import section_heading
from govreport.checks.support.narrative import has_text, shorten
from govreport.findings import Finding, Location
from govreport.spec import REMEDIATION_PARTS

rules = RuleSet()

_NIL = {"无", "暂无", "没有", "无问题", "无相关情况", "无此情况", "无相关问题", "本年度无", "不涉及"}
_NOISE = re.compile(r"[\s\u3000。，、；：！？.,;:!?“”\"'（）()【】\[\]]+|^(?:[一二三四五六七八九十]+[是、]|\d+[.、])")


def _plain(text: str) -> str:
    return _NOISE.sub("", text)


@rules.rule(
    "structure.remediation.nothing",
    "error",
    'Section 五 says only "无" (or 暂无, 没有…), or has headings and nothing under them.',
)
def remediation_nothing(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    passages = context.passages_in("remediation")
    if not has_text(passages):
        return  # structure.section.empty
    body = [p for p in passages if p.kind != "heading" and _plain(p.text)]
    if not body:
        yield emit(
            f"“{section_heading('remediation')}”只有小标题，没有内容，应说明存在的主要问题和改进措施",
            passages[0].location(shorten(passages[0].text)),
        )
    elif all(_plain(p.text) in _NIL for p in body):
        yield emit(
            f"“{section_heading('remediation')}”只写了“无”，应说明存在的主要问题和改进措施",
            body[0].location(shorten(body[0].text)),
        )


_LAST_YEAR = r"(?:上年|上一年|去年|{year}年)"


@rules.rule(
    "structure.remediation.previous",
    "warning",
    "Section 五 does not follow up last year's problems (no 上年度问题整改情况 part, and no sentence about "
    "rectifying last year's problems); given last year's report, fewer rectifications than it named problems.",
)
def remediation_previous(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    report = context.report
    passages = context.passages_in("remediation")
    if not has_text(passages):
        return
    previous_part = report.remediation.previous
    followed = bool(previous_part.items or previous_part.intro)
    if not followed:
        pattern = re.compile(_LAST_YEAR.format(year=report.metadata.year - 1) + r"度?.{0,12}(?:问题|整改)")
        followed = any(pattern.search(p.text) for p in passages)
    if not followed:
        yield emit(
            f"“{section_heading('remediation')}”没有说明上年度报告所列问题的整改情况（{REMEDIATION_PARTS['previous']}）",
            Location(section="remediation", part=REMEDIATION_PARTS["previous"]),
        )
        return
    last = context.previous
    if last is None or not context.previous_is_last_year:
        return
    named = len(last.remediation.problems.items)
    rectified = len(previous_part.items)
    if 0 < rectified < named:
        yield emit(
            f"上年度报告列出{named}个问题，本年“{REMEDIATION_PARTS['previous']}”只说明了{rectified}项",
            Location(section="remediation", part=REMEDIATION_PARTS["previous"]),
            expected=named,
            found=rectified,
        )


@rules.rule(
    "structure.remediation.measures",
    "warning",
    "Section 五 names problems but no measures, or (when measures say which problems they answer) a problem "
    "that no measure answers.",
)
def remediation_measures(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    remediation = context.report.remediation
    problems = remediation.problems.items
    measures = remediation.measures
    if not problems:
        return
    part = REMEDIATION_PARTS["measures"]
    if not measures.items and not has_text(
        [p for p in context.passages_in("remediation") if p.path.startswith("$.remediation.measures")]
    ):
        yield emit(f"列出了{len(problems)}个问题，但没有{part}", Location(section="remediation", part=part))
        return
    if not any(measure.answers for measure in measures.items):
        return  # the measures do not say which problem they answer: nothing to pair
    answered = {key for measure in measures.items for key in measure.answers}
    by_path = {p.path: p for p in context.passages_in("remediation")}
    for i, problem in enumerate(problems):
        if problem.key and problem.key not in answered:
            passage = by_path.get(f"$.remediation.problems.items[{i}].text")
            text = f"{problem.number}{problem.text}"
            yield emit(
                f"问题“{shorten(text, 30)}”没有对应的{part}",
                passage.location(shorten(text)) if passage else Location(section="remediation"),
            )
