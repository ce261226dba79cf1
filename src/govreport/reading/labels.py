"""Matching printed labels against the format's labels: exactly, without the enumerator, or by closeness.

Published tables print labels with typos (2.其他法律行政止公开), a missing or extra word, or
their enumerator written another way (1、 1． 1.). Exact matching (after
:func:`~govreport.reading.chinese.normalize_label`) comes first; closeness, measured with
rapidfuzz's normalised Indel similarity, is the last resort, only for labels long enough that a
near miss cannot be another label, and only when one candidate is clearly the closest. Every
match that is not exact is reported by the recogniser that made it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

#: The least similarity (0–100) a printed label must have to a format label to be taken for it.
MIN_SIMILARITY = 80.0
#: A format label must be this long (normalised characters) to be matched by closeness at all:
#: 规章, 总计 or 其他 are one typo away from anything.
MIN_FUZZY_LENGTH = 5
#: The closest candidate must beat the second by this much, or the match is ambiguous.
MIN_MARGIN = 8.0
_ENUMERATOR = re.compile(r"^(\d+\.|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")


class Closeness(enum.Enum):
    EXACT = "exact"
    WITHOUT_NUMBER = "without_number"  # "(一)" or "1." left out
    CONTAINED = "contained"  # one holds the other (a word added or left out)
    SIMILAR = "similar"  # a typo


def bare(label: str) -> str:
    """A normalised label without its enumerator."""
    return _ENUMERATOR.sub("", label)


def similarity(want: str, have: str) -> float:
    """How alike two normalised labels are, 0–100."""
    from rapidfuzz.distance import Indel

    return float(Indel.normalized_similarity(want, have) * 100)


def closeness(want: str, have: str) -> Closeness | None:
    """How a printed label (normalised) matches a format label (normalised), or None."""
    if want == have:
        return Closeness.EXACT
    if bare(want) and bare(want) == bare(have):
        return Closeness.WITHOUT_NUMBER
    if len(want) >= 4 and len(have) >= 4 and (want in have or have in want):
        return Closeness.CONTAINED
    if len(want) >= MIN_FUZZY_LENGTH and similarity(want, have) >= MIN_SIMILARITY:
        return Closeness.SIMILAR
    return None


def closest(want: str, candidates: Sequence[str]) -> int | None:
    """The index of the one candidate close enough to ``want`` and clearly closer than the others."""
    if len(want) < MIN_FUZZY_LENGTH:
        return None
    scored = sorted(((similarity(want, have), i) for i, have in enumerate(candidates)), reverse=True)
    if not scored or scored[0][0] < MIN_SIMILARITY:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MIN_MARGIN:
        return None
    return scored[0][1]
