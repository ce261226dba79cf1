"""Reading counts out of Chinese prose: 326件, 1,234件, ３件, 五件, 十二件, 一百零五件."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from govreport.model.cells import convertible_digits

_CN_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万"

#: A count: a number (Arabic, with optional thousands commas, or Chinese numerals) and 件.
COUNT = re.compile(rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+|[{_CN_NUMERAL}]+)\s*件")

# Characters before a Chinese numeral that make it a word rather than a number: 每一件, 逐一件,
# 第一件, 这一件, 同一件, 统一件.
_NOT_A_NUMBER_BEFORE = set("每逐第这那哪某单同统唯任")


_FULLWIDTH_PAIRS = tuple(zip("０１２３４５６７８９．，", "0123456789.,", strict=True))


def normalize_digits(text: str) -> str:
    """Full-width digits as ASCII, one character for one, so positions stay the same."""
    # A replace for each character the text holds: Chinese prose holds "，" and rarely another,
    # and a scan for one character is many times faster than translating every character.
    for wide, narrow in _FULLWIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


def chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral up to the tens of thousands (五, 十二, 一百零五, 两千), or None."""
    if not text or any(ch not in _CN_NUMERAL for ch in text):
        return None
    if text[0] == "万" or text in {"零", "〇"}:
        return None  # 零件 is a spare part, not "zero items"
    total = 0
    section = 0  # the part below 万
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[ch] != 0:
                return None  # two digits in a row (一二) is a list, not a number
            digit = _CN_DIGITS[ch] or None
        elif ch in _CN_UNITS:
            section += (digit if digit is not None else 1) * _CN_UNITS[ch]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(normalize_digits(text).replace(",", ""))
    except InvalidOperation:
        return None


def _counts_in(text: str, start: int, window: str) -> Iterator[tuple[int, int, int]]:
    """The counts of ``window``, the normalised text from ``start`` on, as positions in ``text``."""
    for match in COUNT.finditer(window):
        raw = match.group("number")
        at = start + match.start()
        if raw[0].isdigit():
            # Digits, with commas only between thousands (COUNT says so): the window is normalised.
            digits = raw.replace(",", "")
            if convertible_digits(digits):  # more digits than Python converts is no count
                yield int(digits), at, start + match.end()
        elif not (at > 0 and text[at - 1] in _NOT_A_NUMBER_BEFORE):
            value = chinese_numeral(raw)
            if value is not None:
                yield value, at, start + match.end()


def counts(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """Every count (N件) in ``text[start:end]`` as (value, start, end), positions in ``text``."""
    # Only the window is normalised: a clause of a 1 MB paragraph must not cost the whole paragraph.
    return list(_counts_in(text, start, normalize_digits(text[start : len(text) if end is None else end])))


def first_count(
    text: str, start: int = 0, end: int | None = None, *, normalized: bool = False
) -> tuple[int, int, int] | None:
    """The first count in ``text[start:end]`` as (value, start, end), or None. ``normalized``: the
    text has been through :func:`normalize_digits` already, so its window is not normalised again."""
    stop = len(text) if end is None else end
    window = text[start:stop] if normalized else normalize_digits(text[start:stop])
    return next(_counts_in(text, start, window), None)
