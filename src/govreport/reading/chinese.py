"""The conventions of written Chinese that readers and checks share, in one place.

Numerals (一 … 十二, 〇 in dates), the enumerators official documents number their parts with
(一、 （一） 1. 1、 （1） 一是), dates (2023年1月29日, 二〇二三年一月二十九日), the statistics
period (2023年1月1日至2023年12月31日, 自…起至…止), label normalisation (full-width forms,
spaces, quotes, "1、" as "1.") and the kind of body a name says (街道办事处, 镇人民政府, 局).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from govreport.spec import BodyKind

CN_DIGITS = "一二三四五六七八九十"
_DIGIT_VALUE = {char: i + 1 for i, char in enumerate(CN_DIGITS)}
_DATE_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, **{char: i + 1 for i, char in enumerate(CN_DIGITS[:9])}}
_CN_NUMBER = f"[{CN_DIGITS}]+"


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23 (enough for item numbers and days); 0 if not a numeral."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return 0
        return (_DIGIT_VALUE.get(tens, 0) if tens else 1) * 10 + (_DIGIT_VALUE.get(ones, 0) if ones else 0)
    return _DIGIT_VALUE.get(text, 0) if len(text) == 1 else 0


# -- characters ----------------------------------------------------------------------------------

#: The radicals a PDF's font maps common characters to (Chromium's print of Noto CJK writes ⼈ for 人
#: and ⻅ for 见). Kangxi radicals fold by NFKC; these supplement ones have no decomposition.
_RADICALS = str.maketrans(
    "⺠⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳⺟",
    "民西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟母",
)


def fold_radicals(text: str) -> str:
    """Radical code points (U+2E80–U+2FDF) as the characters they stand for in running text."""
    if not any("\u2e80" <= char <= "\u2fdf" for char in text):
        return text
    folded = text.translate(_RADICALS)
    return "".join(unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fdf" else c for c in folded)


# -- enumerators ---------------------------------------------------------------------------------

#: （一） or (一): a part of a section (level 2).
PAREN_MARK = re.compile(rf"^(（{_CN_NUMBER}）|\({_CN_NUMBER}\))")
#: 1. 1、 1． （1） (1): the next levels (3 and 4) or numbered items.
DIGIT_MARK = re.compile(r"^(\d{1,2}(?:[.．](?!\d)|、)|（\d{1,2}）|\(\d{1,2}\))")
#: 一是 二是 …: items, also inside one paragraph.
IS_MARK = re.compile(rf"^({_CN_NUMBER}是)")
#: 一、 二、: a section heading's number.
SECTION_MARK = re.compile(r"^([一二三四五六七八九十]{1,2})[、.,，．]")


def marker_of(text: str) -> str:
    """The numbering marker a line starts with ("（一）", "1、", "一是"), or ""."""
    for pattern in (PAREN_MARK, DIGIT_MARK, IS_MARK):
        match = pattern.match(text)
        if match:
            return match.group(1)
    return ""


# -- normalisation -------------------------------------------------------------------------------

_SPACES_AND_QUOTES = re.compile(r"[\s\"'“”‘’「」『』]")
_ENUMERATOR_COMMA = re.compile(r"(\d)[、,]")


def compact(text: str) -> str:
    """Text for comparing headings: NFKC, no spaces, no quotes."""
    return _SPACES_AND_QUOTES.sub("", unicodedata.normalize("NFKC", text))


@functools.lru_cache(maxsize=8192)
def normalize_label(text: str) -> str:
    """A table label for matching: :func:`compact`, and "1、" or "1．" written as "1."."""
    return _ENUMERATOR_COMMA.sub(r"\1.", compact(text))


def normal_chars(text: str) -> list[tuple[str, int]]:
    """:func:`normalize_label` one character at a time: each character of the result with the
    index of the character of ``text`` it came from, to cut the text as written."""
    chars: list[tuple[str, int]] = []
    for place, char in enumerate(text):
        normal = unicodedata.normalize("NFKC", char)
        chars += [(piece, place) for piece in normal if not _SPACES_AND_QUOTES.match(piece)]
    for k in range(1, len(chars)):
        if chars[k][0] in "、," and chars[k - 1][0].isdecimal():
            chars[k] = (".", chars[k][1])
    return chars


# -- dates ---------------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DATE = re.compile(
    r"^([〇○零ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_DATE_IN_TEXT = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# 2023年1月1日至2023年12月31日, 自2023年1月1日起至2023年12月31日止, 2023年1月1日—12月31日 is rarer
# and not read (the end's year would be a guess).
_PERIOD = re.compile(_DATE_IN_TEXT + r"\s*(?:起)?\s*(?:至|到|—|-|－|~|～|－－|——)\s*" + _DATE_IN_TEXT)


def parse_date(text: str) -> dt.date | None:
    """A date written alone: 2023年1月29日 or 二〇二三年一月二十九日 (spaces allowed); None otherwise."""
    line = compact(text)
    try:
        match = _DATE.match(line)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _CN_DATE.match(line)
        if match:
            year = int("".join(str(_DATE_DIGITS[c]) for c in match.group(1)))
            return dt.date(year, cn_number(match.group(2)), cn_number(match.group(3)))
    except ValueError:  # 2月30日, or a month numeral that reads as 0
        return None
    return None


def find_period(text: str) -> tuple[dt.date, dt.date] | None:
    """The first statistics period a text states (start and end dates), if it is a valid one."""
    match = _PERIOD.search(text)
    if not match:
        return None
    try:
        numbers = [int(group) for group in match.groups()]
        return dt.date(*numbers[:3]), dt.date(*numbers[3:])
    except ValueError:
        return None


# -- kinds of body -------------------------------------------------------------------------------

#: A township or sub-district body: 街道(办事处), or 乡/镇 followed by what such a body is called
#: (镇江市 is a city: 镇 there is followed by a place name).
TOWNSHIP_NAME = re.compile(r"街道|[乡镇](?:人民政府|政府|党委|办事处|$)")
_DEPARTMENT_NAME = re.compile(r"(局|委员会|委|厅|办公室|办|部|署|院|中心|所|队)$")


def body_kind_of_name(name: str) -> BodyKind:
    """The kind of body a name says: a township or sub-district, a people's government, a
    department; OTHER when the name does not say."""
    if TOWNSHIP_NAME.search(name):
        return BodyKind.TOWNSHIP
    if name.endswith("人民政府"):  # 人民政府办公室 is a department, caught below
        return BodyKind.PEOPLE_GOVERNMENT
    if _DEPARTMENT_NAME.search(name):
        return BodyKind.GOVERNMENT_DEPARTMENT
    return BodyKind.OTHER
