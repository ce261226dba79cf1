"""How much of one text repeats another: the measure of ``years.text.repeated`` and of the
repetition a comparison of two years reports, one function so that the two never disagree.

Repetition is measured on character shingles, not sentences: a copied sentence with one figure or
one word changed is still copied, and Chinese has no spaces to split words on.
"""

from __future__ import annotations

import re

#: Shingle length in characters: 8 Chinese characters is about a phrase.
SHINGLE = 8

_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def compact(text: str) -> str:
    """Text as compared for copying: no whitespace, every digit 0 (changed figures are still copied)."""
    return _DIGIT.sub("0", _SPACE.sub("", text))


def _shingles(text: str) -> set[str]:
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def repeated_share(this_year: str, last_year: str) -> float | None:
    """The share of ``this_year``'s characters that lie in a shingle also in ``last_year``; None
    when this year has no text (nothing to measure, which is not 0% repeated)."""
    text, seen = compact(this_year), _shingles(compact(last_year))
    if not text:
        return None
    covered = [False] * len(text)
    for i in range(len(text) - SHINGLE + 1):
        if text[i : i + SHINGLE] in seen:
            covered[i : i + SHINGLE] = [True] * SHINGLE
    return sum(covered) / len(text)
