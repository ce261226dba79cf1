"""Built-in rules about the report's structure: sections that must say something, and say what.

The model keeps the six sections in the official order, so what can go wrong is content: an
empty section, a 一 without its usual sub-parts, a 五 that is only "无" or forgets last year's
problems, a 六 silent on 信息处理费.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.labels import cell_location, cell_name, section_heading
from govreport.checks.narrative import Passage, shorten
from govreport.findings import Finding, Location
from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.spec import (
    INFORMATION_PROCESSING_FEE,
    OVERVIEW_PARTS,
    REMEDIATION_PARTS,
    SECTIONS,
    TABLES,
    ApplicationRow,
    BodyKind,
)

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

_NIL = {"无", "暂无", "没有", "无问题", "无相关情况", "无此情况", "无相关问题", "本年度无", "不涉及"}
_NOISE = re.compile(r"[\s\u3000。，、；：！？.,;:!?“”\"'（）()【】\[\]]+|^(?:[一二三四五六七八九十]+[是、]|\d+[.、])")

TABLE_KEYS = {spec.key for spec in TABLES}


def _has_text(passages: list[Passage]) -> bool:
    return any(passage.text.strip() for passage in passages)


@rules.rule(
    "structure.section.empty",
    "error",
    "A section says nothing: a narrative section (一, 五, 六) without text, or a table section (二, 三, 四) "
    "whose table is entirely blank.",
    example=f"“{SECTIONS[5].heading}”部分没有内容",
)
def empty_section(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    report = context.report
    for spec in SECTIONS:
        if spec.key in TABLE_KEYS:
            table = getattr(report, spec.key)
            if all(cell.is_blank and not cell.raw for cell in table.cells):
                yield emit(
                    f"“{spec.heading}”的表格全部空白（{len(table.cells)}个单元格均未填写），没有任何数据",
                    cell_location(spec.key),
                    cells=[cell_location(spec.key, c.row, c.column) for c in table.SPEC.cells],
                )
        elif not _has_text(context.passages_in(spec.key)):
            yield emit(f"“{spec.heading}”部分没有内容", Location(section=spec.key))


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
    example=f"“{SECTIONS[0].heading}”缺少“（四）政府信息公开平台建设”部分",
)
def overview_parts(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    passages = context.passages_in("overview")
    if not _has_text(passages):
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
    example=f"人民政府的年度报告应在“{SECTIONS[0].heading}”的监督保障部分说明工作考核、社会评议和责任追究结果情况，未见：社会评议",
)
def overview_supervision(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    if context.report.metadata.body_kind is not BodyKind.PEOPLE_GOVERNMENT:
        return
    passages = context.passages_in("overview")
    if not _has_text(passages):
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


def _plain(text: str) -> str:
    return _NOISE.sub("", text)


@rules.rule(
    "structure.remediation.nothing",
    "error",
    'Section 五 says only "无" (or 暂无, 没有…), or has headings and nothing under them.',
    example=f"“{section_heading('remediation')}”只写了“无”，应说明存在的主要问题和改进措施",
)
def remediation_nothing(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    passages = context.passages_in("remediation")
    if not _has_text(passages):
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
    example=f"“{section_heading('remediation')}”没有说明上年度报告所列问题的整改情况",
)
def remediation_previous(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    report = context.report
    passages = context.passages_in("remediation")
    if not _has_text(passages):
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
    example="问题“二是信息公开工作人员业务能力有待提升…”没有对应的改进措施",
)
def remediation_measures(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    remediation = context.report.remediation
    problems = remediation.problems.items
    measures = remediation.measures
    if not problems:
        return
    part = REMEDIATION_PARTS["measures"]
    if not measures.items and not _has_text(
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


def _mentions_fee(context: CheckContext, sections: tuple[str, ...]) -> bool:
    if context.report.other_matters.processing_fee_statement is not None:
        return True
    return any(INFORMATION_PROCESSING_FEE in p.text for p in context.passages_in(*sections))


@rules.rule(
    "structure.other.processing_fee",
    "warning",
    "Section 六 says nothing about 信息处理费 (no item on it, no mention); the fees of table 二 (row `fees`) are a "
    "different thing and are never taken for it.",
    example=f"“{section_heading('other_matters')}”未说明{INFORMATION_PROCESSING_FEE}的收取情况",
)
def processing_fee(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    if not _has_text(context.passages_in("other_matters")):
        return
    if not _mentions_fee(context, ("other_matters",)):
        yield emit(
            f"“{section_heading('other_matters')}”未说明{INFORMATION_PROCESSING_FEE}的收取情况",
            Location(section="other_matters"),
        )


@rules.rule(
    "structure.other.fee_unpaid",
    "error",
    "Table 三's row `other_fee_unpaid` (applications dropped because a fee notice was not paid) is not zero, "
    "yet the report says nothing anywhere about 信息处理费.",
    example=f"{cell_name('applications', ApplicationRow.OTHER_FEE_UNPAID, 'total')}不为0，"
    f"说明发出过收费通知，但报告未说明{INFORMATION_PROCESSING_FEE}情况",
)
def fee_unpaid(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    table = context.report.applications
    row = ApplicationRow.OTHER_FEE_UNPAID
    nonzero = [(column, cell) for column, cell in table.to_rows()[row].items() if cell.is_number and cell.value]
    if not nonzero:
        return
    if _mentions_fee(context, tuple({p.section for p in context.passages})):
        return
    column, cell = next(((c, v) for c, v in nonzero if c == "total"), nonzero[0])
    yield emit(
        f"{cell_name('applications', row, column)}为{cell}，说明发出过收费通知，"
        f"但报告未说明{INFORMATION_PROCESSING_FEE}情况（应在“{section_heading('other_matters')}”中说明）",
        cell_location("applications", row, column),
        found=cell,
    )


@hookimpl
def register_checks() -> list[Check]:
    return list(rules.checks)
