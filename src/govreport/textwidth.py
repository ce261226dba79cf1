"""Display width of text in a terminal: East Asian wide and fullwidth characters take two columns."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def is_noncharacter(char: str) -> bool:
    """Unicode's permanent noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF): never text to show."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


# The same set as a pattern: finding the few noncharacters in a report's text is one C-speed scan.
NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef" + "".join(chr(p * 0x10000 + 0xFFFE) + chr(p * 0x10000 + 0xFFFF) for p in range(17)) + "]"
)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    # Noncharacters take no room: the text exporter uses them as invisible markers while rendering.
    if is_noncharacter(char) or unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def display_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most ``width`` columns.

    Chinese text breaks between any two characters; a run of ASCII letters and digits is kept
    whole where it fits, so numbers are never split.
    """
    if width <= 0:
        raise ValueError("width must be positive")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in _tokens(paragraph):
            token_width = display_width(token)
            if used + token_width > width and line:
                lines.append(line.rstrip(" "))
                line, used = "", 0
                token = token.lstrip(" ")
                token_width = display_width(token)
            while token_width > width:  # a token longer than a line: cut it
                cut, cut_width = "", 0
                for char in token:
                    if cut_width + char_width(char) > width:
                        break
                    cut += char
                    cut_width += char_width(char)
                lines.append(cut)
                token = token[len(cut) :]
                token_width = display_width(token)
            line += token
            used += token_width
        lines.append(line.rstrip(" "))
    return lines


# Line-breaking rules of Chinese typesetting: these never start a line, those never end one.
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…—,.;:?!)]}%")
_NO_LINE_END = set("（《「『【〔“‘([{")


def _is_word_char(char: str) -> bool:
    return char.isascii() and not char.isspace()


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: ASCII words, single CJK characters, punctuation glued to its neighbour."""
    tokens: list[str] = []
    glue_next = False
    for char in text:
        if tokens and (
            glue_next
            or char in _NO_LINE_START
            or (_is_word_char(char) and _is_word_char(tokens[-1][-1]) and tokens[-1][-1] not in _NO_LINE_START)
        ):
            tokens[-1] += char
        else:
            tokens.append(char)
        glue_next = char in _NO_LINE_END
    return tokens


@lru_cache(maxsize=65536)
def line_count(text: str, width: int) -> int:
    """How many lines :func:`wrap` makes of ``text`` at ``width``."""
    return len(wrap(text, width))


@lru_cache(maxsize=4096)
def min_width(text: str) -> int:
    """The narrowest ``text`` can be wrapped: the width of its widest unbreakable piece."""
    return max((display_width(token) for line in text.split("\n") for token in _tokens(line)), default=1)


def pad(text: str, width: int, align: str = "left") -> str:
    """Pad text with spaces to ``width`` display columns (``align``: left, right or center)."""
    gap = max(0, width - display_width(text))
    if align == "right":
        return " " * gap + text
    if align == "center":
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap
