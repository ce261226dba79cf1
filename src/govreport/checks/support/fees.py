"""Fee amounts the narrative states (table 二's fees row, N万元 or N元), for the rules comparing them with it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from govreport.checks.support.narrative import FIGURE_SECTIONS, Passage, sentences
from govreport.checks.support.numbers import normalize_digits, parse_decimal
from govreport.spec import ACTIVE_DISCLOSURE, ActiveRow

if TYPE_CHECKING:
    from govreport.checks.context import CheckContext

_FEE = ACTIVE_DISCLOSURE.row(ActiveRow.FEES).label
FEE_AMOUNT = re.compile(re.escape(_FEE) + r"[^0-9，。；]{0,8}?(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")


# The label is what every match starts with, and normalising digits leaves it as it is: a passage
# without it states no fee.
_FILTER = _FEE if normalize_digits(_FEE) == _FEE else ""


def fee_statements(context: CheckContext) -> list[tuple[Passage, str, Decimal, str]]:
    """(passage, sentence, amount, unit) for each fee amount the narrative states (read once a run)."""
    return context.memo("support.fees", lambda: list(_fee_statements(context)))


def _fee_statements(context: CheckContext) -> Iterator[tuple[Passage, str, Decimal, str]]:
    for passage in context.passages_in(*FIGURE_SECTIONS):
        if _FILTER not in passage.text:
            continue
        text = normalize_digits(passage.text)
        for start, end in sentences(text):
            for match in FEE_AMOUNT.finditer(text, start, end):
                amount = parse_decimal(match[1])
                if amount is not None:
                    yield passage, text[start:end].strip(), amount, match[2]
