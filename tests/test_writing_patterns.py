"""The writing rules' patterns, written for speed, find exactly what their plain forms find."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from govreport.rules.writing.placeholder import PLACEHOLDER
from strategies import examples

# The plain form: each branch as a reader would write it (a look-behind first, {2,} repeats).
PLAIN_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9.@/])[XxＸｘ]{2,}(?![A-Za-z0-9.@/])"
    r"|(?<![A-Za-z0-9.@/×])[XxＸｘ×](?=[年月日件条项个次人名万元%％])"
    r"|×{2,}|＊{2,}|\*{2,}|○{2,}|＿{2,}|_{2,}"
    r"|【\s*】|〔\s*〕|（\s*）|\(\s*\)"
)

_PIECES = list("XxＸｘ×＊*○＿_【】〔〕（）() \n\t年月日件元%％中，aZ09.@/")


@settings(max_examples=examples(2000), deadline=None)
@given(st.text(alphabet=st.sampled_from(_PIECES), max_size=40))
def test_placeholder_finds_what_its_plain_form_finds(text: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [match.span() for match in pattern.finditer(text)]

    assert found(PLACEHOLDER) == found(PLAIN_PLACEHOLDER)


def test_the_comparison_sees_matches() -> None:
    # the control: both find the template's placeholders, and neither finds them in a word or a URL
    text = "共收到XX件，于×月办结，www.xinghe.example，XXL码，（ ），××"
    spans = [match.group(0) for match in PLACEHOLDER.finditer(text)]
    assert spans == ["XX", "×", "（ ）", "××"]
    assert spans == [match.group(0) for match in PLAIN_PLACEHOLDER.finditer(text)]
