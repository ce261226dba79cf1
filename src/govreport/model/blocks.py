"""Narrative blocks: the paragraphs, sub-headings and numbered items a section is written in."""

from __future__ import annotations

import attrs


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph of running text."""

    text: str


def _check_level(_heading: object, _attribute: object, level: int) -> None:
    if isinstance(level, bool) or not isinstance(level, int) or not 2 <= level <= 6:
        raise ValueError(f"a heading's level is 2 to 6 (level 1 is the section title), got {level!r}")


@attrs.frozen(kw_only=True)
class Heading:
    """A sub-heading inside a section, such as （一）主动公开.

    ``number`` is the marker as written (（一）, 1., 1、); ``level`` 2 is （一）, 3 is 1., 4 is （1）
    (level 1 is the section's own title, which the model does not store as a block).
    """

    number: str = ""
    text: str
    level: int = attrs.field(default=2, validator=_check_level)

    @property
    def full_text(self) -> str:
        return f"{self.number}{self.text}"


@attrs.frozen(kw_only=True)
class Item:
    """A numbered item: 一是…, 1、…; ``number`` is the marker as written."""

    number: str = ""
    text: str

    @property
    def full_text(self) -> str:
        return f"{self.number}{self.text}"


Block = Paragraph | Heading | Item
BLOCK_TYPES: dict[str, type[Paragraph] | type[Heading] | type[Item]] = {
    "paragraph": Paragraph,
    "heading": Heading,
    "item": Item,
}
