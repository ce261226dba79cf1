"""The rule ``writing.missing_number``: a measure word, comparison or rate without its number."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.narrative import excerpt
from govreport.findings import Finding
from govreport.rules.writing._scan import joined_text

rules = RuleSet()

_MEASURE = r"(?:[项件条次个篇期场名家份]|万元|人次)"

# Words that begin with a measure word and so are no sign of a missing number: 共有项目, 合计人员.
_WORDS_AFTER = r"(?!项目|条例|条件|个人|个体|名单|名称|家庭|家属|人员|场所|期间|份额|次数|件数|次日)"
_CHANGES = ("增加", "减少", "增长", "下降", "提高", "降低", "上升")
# A branch for each first word, each starting with a plain character: the engine then skips ahead to
# the characters that can start one (tests/test_writing_patterns.py: the same matches as the plain form).
MISSING_NUMBER = re.compile(
    "|".join(rf"{word}(?:对|有|计|为|达|约)?{_WORDS_AFTER}(?={_MEASURE})" for word in ("共计", "合计", "累计", "共"))
    + "|较(?="
    + "|".join(_CHANGES)
    + "|有所)"
    + "|"
    + "|".join(rf"{word}了?(?=[%％]|个百分点)" for word in _CHANGES)
    + "|第(?=[次项期届])"
)


@rules.rule(
    "writing.missing_number",
    "warning",
    "A measure word with no number before it (共对项…, 合计件), a comparison without what it compares with "
    "(较增加3件), a rate without its figure (增长%), 第次.",
)
def missing_number(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    if MISSING_NUMBER.search(joined_text(context)) is None:
        return  # as for the other writing rules: one search of the whole text first (see _scan)
    for passage in context.passages:
        for match in MISSING_NUMBER.finditer(passage.text):
            shown = excerpt(passage.text, match.start(), match.end() + 1, context=6)
            yield emit(
                f"缺少数字或比较对象：“{shown}”",
                passage.location(excerpt(passage.text, match.start(), match.end())),
                found=passage.text[match.start() : match.end() + 1],
            )
