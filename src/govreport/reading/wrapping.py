"""Joining the lines a PDF converter broke inside a paragraph back into the paragraph."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from govreport.reading.chinese import marker_of
from govreport.reading.document import TextLine
from govreport.textwidth import display_width

_NEAR_FULL = 0.85
_ENDS_PARAGRAPH = ("。", "：", ":")


def _indented(line: TextLine) -> bool:
    return line.indented or line.text.startswith(("  ", "\u3000"))


def join_wrapped(lines: Sequence[TextLine]) -> list[TextLine]:
    """The paragraphs of lines that were wrapped at a page's width.

    Only when the text looks wrapped (many lines near the longest width); a text with one
    paragraph per line (as the user's sample) is left as it is. A line continues the paragraph
    before it when that paragraph reached the right margin, did not end a sentence, and the line
    is neither indented nor numbered.
    """
    widths = [display_width(line.stripped) for line in lines]
    if not widths:
        return []
    widest = max(widths)
    near_full = sum(1 for width in widths if width >= _NEAR_FULL * widest)
    if widest < 40 or near_full < max(3, len(widths) // 4):
        return list(lines)
    # Each paragraph as its first line and the stripped texts joined to it, with its width so far:
    # re-measuring and re-concatenating the paragraph at every line would be quadratic in its length.
    groups: list[tuple[TextLine, list[str]]] = []
    group_width = 0
    group_ends_sentence = False
    for line, width in zip(lines, widths, strict=True):
        stripped = line.stripped
        if (
            groups
            and not _indented(line)
            and not marker_of(stripped)
            and group_width >= _NEAR_FULL * widest
            and not group_ends_sentence
        ):
            groups[-1][1].append(stripped)
            group_width += width
            group_ends_sentence = stripped.endswith(_ENDS_PARAGRAPH) if stripped else group_ends_sentence
            continue
        groups.append((line, [stripped]))
        group_width = width
        group_ends_sentence = stripped.endswith(_ENDS_PARAGRAPH)
    return [first if len(texts) == 1 else attrs.evolve(first, text="".join(texts)) for first, texts in groups]
