"""Built-in rules about the writing: doubled punctuation, conversion debris, placeholders, and a
measure word with no number before it. They read every passage of the report, metadata included."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.narrative import excerpt
from govreport.findings import Finding
from govreport.formats import Check
from govreport.hookspecs import hookimpl

rules = RuleSet()

# Two sentence or clause marks in a row (。。 ，。 ；；); ……, —— and ？！ are ordinary Chinese.
DOUBLED = re.compile(r"[。，、；：]{2,}|([！？])\1+")

# What a conversion from Word, PDF or HTML leaves behind. A bracket's inside stops at the next "[":
# "[bookmark:" repeated with no "]" would otherwise make every match scan to the end (quadratic).
DEBRIS = re.compile(
    r"\[bookmark:[^\[\]]*\]|_GoBack|_Toc\d+|_Hlk\d+|\[image:?[^\[\]]*\]|HYPERLINK|MERGEFORMAT|PAGEREF"
    r"|</?[A-Za-z][^<>]*>|&(?:nbsp|lt|gt|amp|quot|#\d+);"
    r"|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\u200b-\u200d\ufeff]"
)

# Placeholders a template leaves to be filled: XX, ××, ＿＿, ○○, 【】, （ ）, a lone X before a unit.
PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9.@/])[XxＸｘ]{2,}(?![A-Za-z0-9.@/])"
    r"|(?<![A-Za-z0-9.@/×])[XxＸｘ×](?=[年月日件条项个次人名万元%％])"
    r"|×{2,}|＊{2,}|\*{2,}|○{2,}|＿{2,}|_{2,}"
    r"|【\s*】|〔\s*〕|（\s*）|\(\s*\)"
)

_MEASURE = r"(?:[项件条次个篇期场名家份]|万元|人次)"
# Words that begin with a measure word and so are no sign of a missing number: 共有项目, 合计人员.
_WORDS_AFTER = r"(?!项目|条例|条件|个人|个体|名单|名称|家庭|家属|人员|场所|期间|份额|次数|件数|次日)"
MISSING_NUMBER = re.compile(
    r"(?:共计|合计|累计|共)(?:对|有|计|为|达|约)?" + _WORDS_AFTER + r"(?=" + _MEASURE + r")"
    r"|较(?=增加|减少|增长|下降|提高|降低|上升|有所)"
    r"|(?:增加|减少|增长|下降|提高|降低|上升)了?(?=[%％]|个百分点)"
    r"|第(?=[次项期届])"
)


def _scan(context: CheckContext, emit: Emit, pattern: re.Pattern[str], message: str) -> Iterator[Finding]:
    for passage in context.passages:
        for match in pattern.finditer(passage.text):
            found = match.group(0)
            yield emit(
                message.format(found=found),
                passage.location(excerpt(passage.text, match.start(), match.end())),
                found=found,
            )


@rules.rule(
    "writing.punctuation.doubled",
    "warning",
    "Two sentence or clause marks in a row: 。。 ，， ，。 ；； (…… and —— are not flagged).",
    example="标点重复：“。。”",
)
def doubled_punctuation(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    yield from _scan(context, emit, DOUBLED, "标点重复：“{found}”")


@rules.rule(
    "writing.debris",
    "warning",
    "Debris of a document conversion in the text: [bookmark: _GoBack], _Toc…, HYPERLINK, HTML tags or "
    "entities, replacement or private-use characters, zero-width spaces, control characters.",
    example="文中有文档转换残留文字“[bookmark: _GoBack]”",
)
def debris(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for passage in context.passages:
        for match in DEBRIS.finditer(passage.text):
            found = match.group(0)
            shown = found if found.isprintable() and found.strip() else f"U+{ord(found[0]):04X}"
            yield emit(
                f"文中有文档转换残留文字“{shown}”",
                passage.location(excerpt(passage.text, match.start(), match.end())),
                found=shown,
            )


@rules.rule(
    "writing.placeholder",
    "error",
    "A placeholder left from a template: XX, ××, ＿＿, ○○, 【】, （ ）, or a lone X before a unit (X月, X件).",
    example="文中有未填写的占位符“XX”",
)
def placeholder(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    yield from _scan(context, emit, PLACEHOLDER, "文中有未填写的占位符“{found}”")


@rules.rule(
    "writing.missing_number",
    "warning",
    "A measure word with no number before it (共对项…, 合计件), a comparison without what it compares with "
    "(较增加3件), a rate without its figure (增长%), 第次.",
    example="缺少数字或比较对象：“共对项政策法规进行…”",
)
def missing_number(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for passage in context.passages:
        for match in MISSING_NUMBER.finditer(passage.text):
            shown = excerpt(passage.text, match.start(), match.end() + 1, context=6)
            yield emit(
                f"缺少数字或比较对象：“{shown}”",
                passage.location(excerpt(passage.text, match.start(), match.end())),
                found=passage.text[match.start() : match.end() + 1],
            )


@hookimpl
def register_checks() -> list[Check]:
    return list(rules.checks)
