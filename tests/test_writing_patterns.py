"""The writing rules' patterns, written for speed, find exactly what their plain forms find."""

from __future__ import annotations

import re

import pytest
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


# -- the other patterns written for the engine's fast scan: each beside its plain form ---------------

PLAIN_MISSING_NUMBER = re.compile(
    r"(?:共计|合计|累计|共)(?:对|有|计|为|达|约)?"
    r"(?!项目|条例|条件|个人|个体|名单|名称|家庭|家属|人员|场所|期间|份额|次数|件数|次日)"
    r"(?=(?:[项件条次个篇期场名家份]|万元|人次))"
    r"|较(?=增加|减少|增长|下降|提高|降低|上升|有所)"
    r"|(?:增加|减少|增长|下降|提高|降低|上升)了?(?=[%％]|个百分点)"
    r"|第(?=[次项期届])"
)
_NUMBER_PIECES = [
    *"共合累计对有为达约项件条次个篇期场名家份较增加减少长下降提高低上升了%％个百分点第届目例人员万元3，",
    "共计",
    "合计",
    "累计",
    "项目",
    "人次",
    "有所",
    "个百分点",
]

PLAIN_DOUBLED = re.compile(r"[。，、；：]{2,}|([！？])\1+")
_MARKS = list("。，、；：！？…—中 \n")


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=20).map("".join))
def test_missing_number_finds_what_its_plain_form_finds(text: str) -> None:
    from govreport.rules.writing.missing_number import MISSING_NUMBER

    assert spans(MISSING_NUMBER, text) == spans(PLAIN_MISSING_NUMBER, text)


@settings(max_examples=examples(2000), deadline=None)
@given(st.text(alphabet=st.sampled_from(_MARKS), max_size=30))
def test_doubled_punctuation_finds_what_its_plain_form_finds(text: str) -> None:
    from govreport.rules.writing.punctuation import DOUBLED

    assert spans(DOUBLED, text) == spans(PLAIN_DOUBLED, text)


_DEBRIS_PIECES = [
    *("[bookmark:", "]", "[", "_GoBack", "_Toc", "_Hlk", "1", "[image", ":", "HYPERLINK", "PAGEREF", "<", ">"),
    *("/", "a", "&nbsp;", "&#", ";", "&", "\ufffd", "\ue000", "\x07", "\u200b", "\ufeff", "中", " "),
]


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(_DEBRIS_PIECES), max_size=20).map("".join))
def test_debris_is_found_by_its_two_quick_searches_exactly_when_by_its_pattern(text: str) -> None:
    from govreport.rules.writing import debris

    quick = debris._ANY_WORD.search(text) is not None or debris._ANY_CHARACTER.search(text) is not None
    assert quick == (debris.DEBRIS.search(text) is not None)


def test_the_quick_forms_see_matches() -> None:
    # the control for the properties above: each finds what it is for
    from govreport.rules.writing.missing_number import MISSING_NUMBER
    from govreport.rules.writing.punctuation import DOUBLED

    text = "共对项，合计件，较增加3件，增长%，第次，共有项目"
    assert [m.group(0) for m in MISSING_NUMBER.finditer(text)] == ["共对", "合计", "较", "增长", "第"]
    assert spans(MISSING_NUMBER, text) == spans(PLAIN_MISSING_NUMBER, text)
    assert [m.group(0) for m in DOUBLED.finditer("好。。好，；好！！好？！")] == ["。。", "，；", "！！"]


@settings(max_examples=examples(1000), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["未经", "经", "复议后起诉", "复议", "行政复议", "新收", "办结", "率", "结转", "下一年", "，", "中"]
        ),
        max_size=12,
    ).map("".join)
)
def test_the_narratives_keywords_find_what_their_plain_forms_find(text: str) -> None:
    from govreport.rules.text import _claims

    claims = _claims.claims_for(2023)
    grouped = re.compile("|".join(f"(?:{claim.keyword.pattern})" for claim in claims))
    plain_after_review = re.compile("(?<!未经)复议后起诉")
    assert spans(_claims._all_keywords(claims), text) == spans(grouped, text)
    after_review = next(claim for claim in claims if claim.keyword.pattern.startswith("复议后起诉"))
    assert spans(after_review.keyword, text) == spans(plain_after_review, text)
    for start in range(len(text)):  # as the clauses search it: from a position on
        found, plain = after_review.keyword.search(text, start), plain_after_review.search(text, start)
        assert (found and found.span()) == (plain and plain.span())


# The clause pattern as a reader would write it: a repeat of "a plain character, or a comma before a digit".
PLAIN_CLAUSE_END = re.compile(r"(?:[^，；。！？,;!?]|,(?=\d))*(?:[，；。！？;!?]+|,(?!\d)|$)")


@settings(max_examples=examples(2000), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("，；。！？,;!?1234中文 ")), max_size=30), st.data())
def test_clauses_are_what_the_plain_clause_pattern_finds(text: str, data: st.DataObject) -> None:
    from govreport.checks.support.narrative import clauses

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain = [m.span() for m in PLAIN_CLAUSE_END.finditer(text, start, end) if m.end() > m.start()]
    assert clauses(text, start, end) == plain


def test_clauses_split_at_punctuation_and_not_in_a_thousands_comma() -> None:
    from govreport.checks.support.narrative import clauses

    text = "收到申请1,234件，办结5件。结转2件"
    assert [text[a:b] for a, b in clauses(text)] == ["收到申请1,234件，", "办结5件。", "结转2件"]


_NARRATIVE_PIECES = [
    "未经", "经", "复议后起诉", "复议", "行政复议", "新收", "收到", "办结", "率", "结转", "下一年", "上年", "2022年",
    "2024年", "予以公开", "不予公开", "部分公开", "结果维持", "行政许可", "决定", "制发", "废止", "现行有效", "后",
    "，", "。", "；", ",", "3件", "中", "无", "行政", "起诉", "直接", "行政复议后起诉", "结转下一年",
]  # fmt: skip


@settings(max_examples=examples(1500), deadline=None)
@given(st.lists(st.sampled_from(_NARRATIVE_PIECES), max_size=16).map("".join))
def test_keyword_positions_tell_each_clause_the_claims_a_search_of_it_finds(text: str) -> None:
    # The statements take a clause's claims from the keyword positions found once in the passage; a
    # plain search of the clause for each claim's keyword must give the same claims.
    from govreport.checks.support.narrative import clauses, sentences
    from govreport.rules.text import _claims

    claims = _claims.claims_for(2023)
    found = _claims.keyword_positions(text, claims)
    for s_start, s_end in sentences(text):
        for c_start, c_end in clauses(text, s_start, s_end):
            by_positions = sorted({number for position, number in found if c_start <= position < c_end})
            by_search = [n for n, claim in enumerate(claims) if claim.keyword.search(text, c_start, c_end)]
            assert by_positions == by_search


def test_keyword_positions_see_overlapping_keywords() -> None:
    from govreport.rules.text import _claims

    claims = _claims.claims_for(2023)
    text = "行政复议后起诉3件"
    named = {(position, claims[number].keyword.pattern) for position, number in _claims.keyword_positions(text, claims)}
    assert (0, "行政复议") in named
    assert any(position == 2 and pattern.startswith("复议后起诉") for position, pattern in named)


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        ("新收|收到", {"新", "收"}),
        ("上一?年度?结转|2022年", {"上", "2"}),
        (r"\d+件", None),
        ("上?年", None),
        ("(?:a|b)c", None),
        ("[ab]c", None),
        ("办结(?!率)|行政(?:决定)?", {"办", "行"}),
        ("(?<!未)经", None),
        (r"\(a", None),
    ],
)
def test_first_characters_are_read_only_from_plain_branches(pattern: str, first: set[str] | None) -> None:
    from govreport.rules.text._claims import first_characters

    assert first_characters(pattern) == (None if first is None else frozenset(first))


@settings(max_examples=examples(2000), deadline=None)
@given(
    st.lists(
        st.sampled_from(["1", "２", ",", "，", "件", " ", "一", "十", "每", "零", "万", "中", "。"]), max_size=14
    ).map("".join),
    st.data(),
)
def test_first_count_is_the_first_of_every_count(text: str, data: st.DataObject) -> None:
    from govreport.checks.support.numbers import counts, first_count, normalize_digits

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    every = counts(text, start, end)
    assert first_count(text, start, end) == (every[0] if every else None)
    normal = normalize_digits(text)
    assert first_count(normal, start, end, normalized=True) == (every[0] if every else None)


@pytest.mark.parametrize("year", [2021, 2023, 2030])
def test_no_keyword_can_see_past_its_clause(year: int) -> None:
    # The statements find keywords once over a whole passage and give each clause the keywords that
    # begin in it; that equals searching the clause alone only while no keyword can match or look
    # ahead across a clause's end: no punctuation in a keyword, no end anchor or word boundary, and
    # a lookahead of one plain character (which then is the clause's own punctuation at most).
    from govreport.rules.text import _claims

    punctuation = set("，；。！？,;!?”’」』）)")
    for claim in _claims.claims_for(year):
        pattern = claim.keyword.pattern
        # The characters it matches: the pattern less its syntax (every keyword is plain words,
        # alternatives and optional parts: no escape, class, anchor or word boundary).
        assert not re.search(r"[\\\[\].^$]", pattern), pattern
        literal = re.sub(r"\(\?(?:[:=!]|<[=!])|[()|?*+]|\{\d*,?\d*\}", "", pattern)
        assert not punctuation & set(literal), pattern
        for look in re.finditer(r"\(\?[=!](.*?)\)", pattern):
            assert len(look.group(1)) == 1, pattern
            assert re.fullmatch(r"[^\\.\[\](){}*+?|^$]", look.group(1)), pattern
