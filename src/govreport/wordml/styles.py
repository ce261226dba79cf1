"""Page setup and styles of the official document format (GB/T 9704-2012 《党政机关公文格式》).

Every measure is in twips (twentieths of a point) as WordprocessingML stores it. The styles
set the East Asian font slot explicitly (``w:eastAsia``) and never a theme font, so Word and
other readers show Chinese text in the named font instead of resolving a theme (which a
default English template resolves as Japanese).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from govreport.wordml.vocabulary import REQUIRED_STYLES, TABLE_STYLE, Kind, Role, style_id
from govreport.wordml.xmltext import attribute

TWIPS_PER_MM = 1440 / 25.4


def mm(value: float) -> int:
    return round(value * TWIPS_PER_MM)


# -- page (A4, margins 37/35/28/26 mm: a text area of 156 × 225 mm) ----------------------------------
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_TOP = mm(37)
MARGIN_BOTTOM = mm(35)
MARGIN_LEFT = mm(28)
MARGIN_RIGHT = mm(26)
#: Tables are exactly 156 mm wide, the width of the text area.
TEXT_WIDTH = mm(156)

# -- type ---------------------------------------------------------------------------------------------
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"

BODY_SIZE = 32  # half-points: 3号, 16 pt
TITLE_SIZE = 44  # 2号, 22 pt
PAGE_NUMBER_SIZE = 28  # 4号, 14 pt
TABLE_SIZE = 21  # 5号, 10.5 pt
#: Exact line spacing of 28.95 pt: 22 lines fit the 225 mm text area (29 pt would not).
LINE = 579
#: 28 characters of 16 pt need 448 pt, the line is 442 pt (156 mm): body text is condensed by
#: 0.25 pt a character (twentieths of a point), as the character grid of official templates does.
CONDENSE = -5
#: Two characters of 16 pt, the first-line indent of body text.
INDENT = 2 * BODY_SIZE * 10

#: The page number sits 7 mm below the text area: its 14 pt line ends 28 mm - 14 pt above the edge.
FOOTER_DISTANCE = mm(35 - 7) - PAGE_NUMBER_SIZE * 10
HEADER_DISTANCE = mm(15)

_NO_CONDENSE = '<w:spacing w:val="0"/>'
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def fonts(east_asian: str, latin: str = LATIN) -> str:
    """``w:rFonts`` with every slot named and the hint that ambiguous characters (“ ” —) are East Asian."""
    return (
        f'<w:rFonts w:ascii="{attribute(latin)}" w:eastAsia="{attribute(east_asian)}" '
        f'w:hAnsi="{attribute(latin)}" w:cs="{attribute(latin)}" w:hint="eastAsia"/>'
    )


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _spacing(*, before: int = 0, line: int = LINE, rule: str = "exact") -> str:
    return f'<w:spacing w:before="{before}" w:after="0" w:line="{line}" w:lineRule="{rule}"/>'


_SINGLE = _spacing(line=240, rule="auto")


def indent(first_line_chars: int = 0, *, right_chars: int = 0, left_chars: int = 0, char: int = BODY_SIZE) -> str:
    """``w:ind`` in hundredths of a character of ``char`` half-points (and in twips)."""
    return _indent(first_line_chars, right_chars=right_chars, left_chars=left_chars, char=char)


def _indent(first_line_chars: int = 0, *, right_chars: int = 0, left_chars: int = 0, char: int = BODY_SIZE) -> str:
    # The *Chars attributes (hundredths of a character) win in Word; the twips are for other readers.
    twips = char * 10
    return (
        f'<w:ind w:leftChars="{left_chars}" w:left="{left_chars * twips // 100}" '
        f'w:rightChars="{right_chars}" w:right="{right_chars * twips // 100}" '
        f'w:firstLineChars="{first_line_chars}" w:firstLine="{first_line_chars * twips // 100}"/>'
    )


def paragraph_properties(
    *,
    keep_next: bool = False,
    snap_to_grid: bool = True,
    spacing: str = "",
    indent: str = "",
    contextual: bool = False,
    justify: str | None = None,
    outline: int | None = None,
) -> str:
    """The inside of a ``w:pPr``, in the element order the schema (and Word) require."""
    return "".join(
        (
            "<w:keepNext/>" if keep_next else "",
            # No paragraph leaves its first or last line alone on a page.
            "<w:widowControl/>",
            "" if snap_to_grid else '<w:snapToGrid w:val="0"/>',
            spacing,
            indent,
            "<w:contextualSpacing/>" if contextual else "",
            f'<w:jc w:val="{justify}"/>' if justify else "",
            f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else "",
        )
    )


@attrs.frozen(kw_only=True)
class StyleBases:
    """The ids our styles build on, and the id of each of our styles by name.

    In our own document these are Normal, DefaultParagraphFont, TableNormal and the ids derived
    from the names; a reference document that lacks some of our styles gets them built on its own
    defaults, with ids that do not clash with its own (see :mod:`govreport.wordml.reference`).
    """

    paragraph: str = "Normal"
    character: str = "DefaultParagraphFont"
    table: str = "TableNormal"
    ids: Mapping[str, str] = attrs.field(factory=lambda: {name: style_id(name) for name in REQUIRED_STYLES})


def _paragraph_style(kind: Kind, bases: StyleBases, *, ppr: str, rpr: str = "", next_kind: Kind | None = None) -> str:
    name = kind.style_name
    follow = bases.ids[(next_kind or kind).style_name]
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{attribute(bases.ids[name])}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{attribute(bases.paragraph)}"/>'
        f'<w:next w:val="{attribute(follow)}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _character_style(role: Role, bases: StyleBases) -> str:
    name = role.style_name
    return (
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{attribute(bases.ids[name])}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{attribute(bases.character)}"/><w:rPr/></w:style>'
    )


_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_BORDERS = "".join(_BORDER.format(side=side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
#: Cell padding: 1 mm left and right, as in the official template.
CELL_MARGIN = 57


def _table_style(bases: StyleBases) -> str:
    return (
        f'<w:style w:type="table" w:customStyle="1" w:styleId="{attribute(bases.ids[TABLE_STYLE])}">'
        f'<w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="{attribute(bases.table)}"/>'
        f"<w:pPr>{paragraph_properties(snap_to_grid=False, spacing=_SINGLE, indent=_indent())}</w:pPr>"
        f'<w:tblPr><w:jc w:val="center"/><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        "</w:style>"
    )


_BODY_PPR = paragraph_properties(spacing=_spacing(), indent=_indent(200), justify="both")
#: What our Normal style holds: 3号 仿宋, black, condensed to 28 characters a line.
_BODY_RPR = f'{fonts(FANGSONG)}<w:color w:val="000000"/><w:spacing w:val="{CONDENSE}"/>{_size(BODY_SIZE)}'


def base_style(style_id: str, name: str) -> str:
    """A paragraph style with what our Normal holds, for our styles to build on in a reference
    document whose own Normal looks different (a reference's docDefaults still apply below it)."""
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{attribute(style_id)}">'
        f'<w:name w:val="{attribute(name)}"/><w:semiHidden/>'
        f"<w:pPr>{_BODY_PPR}</w:pPr><w:rPr>{_BODY_RPR}</w:rPr></w:style>"
    )


def style_definitions(bases: StyleBases | None = None) -> dict[str, str]:
    """Every style an export uses, by name: its ``w:style`` element."""
    bases = bases or StyleBases()
    body_ppr = _BODY_PPR

    def heading(outline: int) -> str:
        return paragraph_properties(
            keep_next=True, spacing=_spacing(), indent=_indent(200), justify="both", outline=outline
        )

    # The date four characters in, the authority (centred over it) two: each paragraph of an
    # export sets its own indent from the lengths of the two lines (govreport.exporting.signature_indents).
    right = paragraph_properties(spacing=_spacing(), indent=_indent(0, right_chars=400), justify="right")
    paragraphs = [
        # The title: 2号 小标宋, centred, not bold; one empty line after the last title line
        # (contextual spacing drops it between the title's own lines).
        _paragraph_style(
            Kind.TITLE,
            bases,
            ppr=paragraph_properties(
                spacing=f'<w:spacing w:before="0" w:after="{LINE}" w:line="{LINE}" w:lineRule="exact"/>',
                indent=_indent(0),
                contextual=True,
                justify="center",
            ),
            rpr=f'{fonts(XIAOBIAOSONG, XIAOBIAOSONG)}<w:b w:val="0"/><w:bCs w:val="0"/>'
            f"{_NO_CONDENSE}{_size(TITLE_SIZE)}",
            next_kind=Kind.BODY,
        ),
        # Headings: 一、 黑体, （一） 楷体, 1. and below 仿宋; indented like the body, kept with what follows.
        _paragraph_style(Kind.SECTION, bases, ppr=heading(0), rpr=fonts(HEITI, HEITI), next_kind=Kind.BODY),
        _paragraph_style(Kind.HEADING_2, bases, ppr=heading(1), rpr=fonts(KAITI, KAITI), next_kind=Kind.BODY),
        *(
            _paragraph_style(Kind.heading(level), bases, ppr=heading(level - 1), next_kind=Kind.BODY)
            for level in range(3, 7)
        ),
        *(
            _paragraph_style(kind, bases, ppr=body_ppr)
            for kind in (Kind.BODY, Kind.ITEM, Kind.RECTIFICATION, Kind.PROBLEM, Kind.MEASURE, Kind.OTHER_ITEM)
        ),
        # 落款 (GB/T 9704 7.3.5): one empty line above the issuing authority, which is centred over
        # the date; the date stands four characters in from the right.
        _paragraph_style(
            Kind.SIGNATURE,
            bases,
            ppr=paragraph_properties(
                keep_next=True, spacing=_spacing(before=LINE), indent=_indent(0, right_chars=200), justify="right"
            ),
            next_kind=Kind.DATE,
        ),
        _paragraph_style(Kind.DATE, bases, ppr=right),
        _paragraph_style(
            Kind.TABLE_TEXT,
            bases,
            ppr=paragraph_properties(
                snap_to_grid=False,
                spacing=_SINGLE,
                indent=_indent(0, char=TABLE_SIZE),
                justify="center",
            ),
            rpr=f'{_NO_CONDENSE}<w:kern w:val="0"/>{_size(TABLE_SIZE)}',
        ),
        _paragraph_style(
            Kind.PAGE_NUMBER,
            bases,
            ppr=paragraph_properties(
                snap_to_grid=False, spacing=_spacing(line=PAGE_NUMBER_SIZE * 10), indent=_indent(0)
            ),
            rpr=f"{fonts(SONGTI, SONGTI)}{_NO_CONDENSE}{_size(PAGE_NUMBER_SIZE)}",
        ),
    ]
    definitions = dict(zip((kind.style_name for kind in Kind), paragraphs, strict=True))
    assert all(f'<w:name w:val="{name}"/>' in xml for name, xml in definitions.items()), "out of Kind's order"
    definitions.update((role.style_name, _character_style(role, bases)) for role in Role)
    definitions[TABLE_STYLE] = _table_style(bases)
    return definitions


def styles_xml() -> str:
    """word/styles.xml: document defaults, Normal, and every style an export uses."""
    parts = [
        _DECLARATION,
        f"<w:styles {_W}>",
        "<w:docDefaults><w:rPrDefault><w:rPr>",
        fonts(FANGSONG),
        f'<w:kern w:val="2"/>{_size(BODY_SIZE)}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>',
        "</w:rPr></w:rPrDefault>",
        f"<w:pPrDefault><w:pPr>{_BODY_PPR}</w:pPr></w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>',
        f"<w:pPr>{_BODY_PPR}</w:pPr><w:rPr>{_BODY_RPR}</w:rPr>",
        "</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">',
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>',
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>',
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>',
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>',
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        *style_definitions().values(),
        "</w:styles>",
    ]
    return "".join(parts)


# (name, alternate names, family, pitch): the font table tells a reader without the font what to
# use instead. The alternates are faces every Chinese Windows (and Office on any Windows) has, under
# both their Chinese and their English names: 仿宋_GB2312 and 楷体_GB2312 are the GB2312 editions of
# 仿宋 (FangSong) and 楷体 (KaiTi); 方正小标宋 is not shipped with Windows, 宋体 (SimSun) stands in.
# The PANOSE numbers are those of the Windows faces, for a reader that matches by them instead.
_FONTS: tuple[tuple[str, str, str, str, str], ...] = (
    (FANGSONG, "仿宋,FangSong", "modern", "fixed", "02010609060101010101"),
    (XIAOBIAOSONG, "宋体,SimSun", "roman", "variable", "02010600030101010101"),
    (HEITI, "SimHei", "modern", "fixed", "02010609060101010101"),
    (KAITI, "楷体,KaiTi", "modern", "fixed", "02010609060101010101"),
    (SONGTI, "SimSun", "auto", "variable", "02010600030101010101"),
)


def font_table_xml() -> str:
    fonts_xml = "".join(
        f'<w:font w:name="{attribute(name)}"><w:altName w:val="{attribute(alt)}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, family, pitch, panose in _FONTS
    )
    latin = (
        f'<w:font w:name="{LATIN}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    return f"{_DECLARATION}<w:fonts {_W}>{fonts_xml}{latin}</w:fonts>"


def settings_xml(*, even_and_odd: bool = True) -> str:
    """word/settings.xml: different odd and even footers (unless a reference has neither), Chinese layout rules."""
    return (
        f"{_DECLARATION}<w:settings {_W}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
        f"{'<w:evenAndOddHeaders/>' if even_and_odd else ''}"
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


#: The page of the official format: A4, the official margins, a grid of 22 lines × 28 characters.
PAGE_SETUP = (
    f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
    f'w:left="{MARGIN_LEFT}" w:header="{HEADER_DISTANCE}" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/>'
    '<w:cols w:space="425"/>'
    # A grid of lines only: a character grid (linesAndChars) is laid out differently by
    # LibreOffice and WPS, which give a 16 pt character that does not fit its cell two cells.
    # 28 characters a line come from the body's character spacing instead (CONDENSE).
    f'<w:docGrid w:type="lines" w:linePitch="{LINE}"/>'
)


def section_properties(references: Sequence[tuple[str, str, str]], page_setup: str = PAGE_SETUP) -> str:
    """The section: its headers and footers ((kind, type, relationship id), headers first) and its page."""
    refs = "".join(
        f'<w:{kind}Reference w:type="{kind_type}" r:id="{rid}"/>'
        for kind, kind_type, rid in sorted(references, key=lambda ref: ref[0] != "header")
    )
    return f"<w:sectPr>{refs}{page_setup}</w:sectPr>"
