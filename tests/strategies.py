"""Hypothesis strategies for whole reports: arbitrary Unicode, blanks, n/a cells, exact decimals.

``reports`` draws text from arbitrary code points. ``hostile_reports`` (for the fuzzed round
trips, tests/test_fuzz_roundtrip.py) mixes in the characters and markup that break outputs,
extreme counts and amounts, and now and then a paragraph of about 20,000 characters.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import settings, strategies as st

import govreport as g
from govreport.spec import NOT_APPLICABLE_MARKS, BodyKind, ValueKind

#: max_examples of the "ci" Hypothesis profile (tests/conftest.py).
CI_EXAMPLES = 150


def examples(ci: int) -> int:
    """max_examples for a property test: ``ci`` under the "ci" profile, and as many times more
    under another profile as its max_examples is larger (nightly: 5000 / 150), up to that."""
    profile = settings().max_examples
    return max(ci, min(profile, ci * profile // CI_EXAMPLES))


# Any Unicode except lone surrogates, which no UTF-8 file can hold.
text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
optional_text = st.none() | text
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))

amounts = st.decimals(
    min_value=0, max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False, places=None
).filter(lambda d: d.adjusted() > -30)

Cells = Callable[[ValueKind], st.SearchStrategy[g.Cell]]


def cells(kind: ValueKind) -> st.SearchStrategy[g.Cell]:
    number = (
        st.integers(min_value=0, max_value=10**15).map(g.Cell.number)
        if kind is ValueKind.COUNT
        else amounts.map(g.Cell.number)
    )
    return st.one_of(
        number,
        st.just(g.BLANK),
        st.sampled_from(NOT_APPLICABLE_MARKS).map(g.Cell.not_applicable),
        optional_text.map(g.Cell.not_applicable),
        text.map(g.Cell.blank),
    )


@attrs.frozen
class _Parts:
    """The strategies of a report's parts, built from one text strategy and one cell strategy."""

    text: st.SearchStrategy[str]
    cells: Cells
    #: what a key of section 五 starts with (its suffix, p0, m1, r0, keeps keys unique)
    key_prefix: st.SearchStrategy[str]
    #: the most blocks in a list, and items in a part of section 五 or in section 六
    most: int = 4

    @property
    def optional_text(self) -> st.SearchStrategy[str | None]:
        return st.none() | self.text

    @property
    def blocks(self) -> st.SearchStrategy[g.Block]:
        return st.one_of(
            st.builds(g.Paragraph, text=self.text),
            st.builds(g.Heading, text=self.text, number=self.text, level=st.integers(2, 6)),
            st.builds(g.Item, text=self.text, number=self.text),
        )

    @property
    def block_lists(self) -> st.SearchStrategy[tuple[g.Block, ...]]:
        return st.lists(self.blocks, max_size=self.most).map(tuple)

    def tables(self, cls: type[g.StatisticsTable]) -> st.SearchStrategy[g.StatisticsTable]:
        return st.builds(
            lambda values, notes: cls(cells=tuple(values), notes=notes),
            st.tuples(*(self.cells(cell.kind) for cell in cls.SPEC.cells)),
            st.lists(self.blocks, max_size=2).map(tuple),
        )

    def remediations(self) -> st.SearchStrategy[g.Remediation]:
        text, block_lists, prefix, most = self.text, self.block_lists, self.key_prefix, self.most - 1
        headings = st.none() | st.builds(g.Heading, text=text, number=text)

        @st.composite
        def draw_remediation(draw: st.DrawFn) -> g.Remediation:
            n_problems = draw(st.integers(0, most))
            problems = tuple(
                g.Problem(key=draw(prefix) + f"p{i}", number=draw(text), text=draw(text)) for i in range(n_problems)
            )
            keys = [p.key for p in problems]
            measures = tuple(
                g.Measure(
                    key=draw(prefix) + f"m{i}",
                    number=draw(text),
                    text=draw(text),
                    answers=tuple(draw(st.lists(st.sampled_from(keys), unique=True)) if keys else ()),
                )
                for i in range(draw(st.integers(0, most)))
            )
            previous = []
            for i in range(draw(st.integers(0, min(most, 2)))):
                key = draw(st.sampled_from(["", f"r{i}"]))  # a rectification may have no key
                key = key and draw(prefix) + key
                previous.append(g.Rectification(key=key, number=draw(text), problem=draw(text), text=draw(text)))

            def part(items: tuple[Any, ...]) -> g.RemediationPart[Any]:
                return g.RemediationPart(
                    heading=draw(headings), intro=draw(block_lists), items=items, run_in=draw(st.booleans())
                )

            return g.Remediation(
                intro=draw(block_lists),
                previous=part(tuple(previous)),
                problems=part(problems),
                measures=part(measures),
                closing=draw(block_lists),
            )

        return draw_remediation()

    @property
    def metadata(self) -> st.SearchStrategy[g.Metadata]:
        optional = self.optional_text
        return st.builds(
            g.Metadata,
            issuing_body=self.text,
            year=st.integers(1990, 2100),
            body_kind=st.sampled_from(BodyKind),
            title=optional,
            period=st.none() | periods(),
            published_at=optional,
            website=optional,
            contact=st.builds(
                g.Contact,
                organization=optional,
                address=optional,
                postcode=optional,
                phone=optional,
                email=optional,
            ),
        )

    @property
    def other_matters(self) -> st.SearchStrategy[g.OtherMatters]:
        items = st.builds(g.OtherItem, number=self.text, text=self.text, topic=st.sampled_from(g.OtherTopic))
        return st.builds(g.OtherMatters, intro=self.block_lists, items=st.lists(items, max_size=self.most).map(tuple))

    @property
    def reports(self) -> st.SearchStrategy[g.Report]:
        return st.builds(
            g.Report,
            metadata=self.metadata,
            preamble=self.block_lists,
            overview=self.block_lists,
            active_disclosure=self.tables(g.ActiveDisclosureTable),
            applications=self.tables(g.ApplicationsTable),
            review_litigation=self.tables(g.ReviewLitigationTable),
            remediation=self.remediations(),
            other_matters=self.other_matters,
            signature=st.none() | st.builds(g.Signature, authority=self.text, date=st.none() | dates),
        )


@st.composite
def periods(draw: st.DrawFn) -> g.Period:
    start = draw(dates)
    return g.Period(start=start, end=draw(dates))


_plain = _Parts(text=text, cells=cells, key_prefix=st.just(""))
blocks = _plain.blocks
block_lists = _plain.block_lists
tables = _plain.tables
remediations = _plain.remediations
metadata = _plain.metadata
other_matters = _plain.other_matters
reports = _plain.reports


# -- hostile reports, for the fuzzed round trips ---------------------------------------------------
#
# Arbitrary code points rarely hit the characters that break outputs, so these strategies mix
# arbitrary text with pieces chosen for what they do to a format: characters XML cannot hold,
# line breaks a reader may normalise, bidi and zero-width controls, noncharacters (the text
# exporter's own markers), astral characters, markup of every output format, and numbers with
# more digits than a double or a spreadsheet holds.

HOSTILE_PIECES: tuple[str, ...] = (
    # C0 controls XML 1.0 cannot hold, and the three it can
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\t", "\n", "\r", "\r\n", "\n\r",
    # DEL, C1 controls, next line
    "\x7f", "\x80", "\x85", "\x9f",
    # line and paragraph separators
    "\u2028", "\u2029",
    # bidi marks, embeddings, overrides, isolates
    "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
    "\u2069",
    # zero-width characters and the byte-order mark
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
    # combining marks, alone and on a base
    "\u0301", "e\u0301", "\u0338", "\u20dd", "中\u0300",
    # noncharacters, in the BMP and beyond
    "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe", "\U0010ffff",
    # astral characters: emoji, a ZWJ sequence, a flag, CJK extension B
    "🙂", "👩\u200d👩\u200d👧", "🇨🇳", "𠀋", "\U0002a6d6",
    # private use, the replacement character, ideographic space, full-width digits
    "\ue000", "\U000f0000", "\ufffd", "\u3000", "１２",
    # report-like text: CJK, numbering, what a cell may hold
    "政府信息公开", "（一）", "一是", "1.", "1、", "/", "—", "不适用", "约5", "0", "12", "3.5",
    # markup and syntax of the output formats
    "</style>", "<script>alert(1)</script>", "</textarea>", "]]>", "-->", "<!--", "<![CDATA[", "&amp;", "&#0;",
    "&", "<", ">", '"', "'", "{{ report }}", "{% raw %}", "|", "+-", "=SUM(A1)", "*", "_", "`", "#", "\\",
    "<!-- govreport:annotations sha256=",
    # whitespace
    " ", "  ", "\u00a0",
)  # fmt: skip

_any_character = st.characters(exclude_categories=("Cs",))
_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


def hostile_texts(max_pieces: int = 4) -> st.SearchStrategy[str]:
    """Text made of hostile pieces, arbitrary code points and CJK runs; empty and blank included."""
    piece = st.one_of(
        st.sampled_from(HOSTILE_PIECES),
        st.text(alphabet=_any_character, max_size=6),
        st.text(alphabet=_cjk, min_size=1, max_size=6),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


hostile_text = hostile_texts()
# Table 三 alone has 175 cells: their text is kept short, or a report is too much to draw.
_cell_text = hostile_texts(2)
LONG_TEXT_LENGTH = 20_000
_long_unit = hostile_texts(4).filter(bool)


@st.composite
def long_texts(draw: st.DrawFn) -> str:
    """About 20,000 characters: a short hostile text repeated (drawing that much would be slow)."""
    unit = draw(_long_unit)
    length = draw(st.integers(LONG_TEXT_LENGTH - 100, LONG_TEXT_LENGTH + 100))
    return (unit * (length // len(unit) + 1))[:length]


#: Counts at the edges: zero, 10^12, 10^15, and past what a double (or Excel) holds exactly.
EXTREME_COUNTS: tuple[int, ...] = (0, 1, 10**12, 10**15, 10**15 + 1, 2**53 + 1, 10**18)
#: Amounts in 万元 with more digits, or more decimals, than a double or a spreadsheet shows.
EXTREME_AMOUNTS: tuple[Decimal, ...] = tuple(
    Decimal(text)
    for text in (
        "0", "0.00", "0E-10", "0.000000123", "123456789.987654321", "1E+15", "1000000000000.5", "0.1",
        "99999999999999.99", "59237.2449", "1E-25",
    )
)  # fmt: skip


@functools.cache
def hostile_cells(kind: ValueKind) -> st.SearchStrategy[g.Cell]:
    number = (
        st.one_of(st.sampled_from(EXTREME_COUNTS), st.integers(min_value=0, max_value=10**15))
        if kind is ValueKind.COUNT
        else st.one_of(st.sampled_from(EXTREME_AMOUNTS), amounts)
    )
    return st.one_of(
        number.map(g.Cell.number),
        st.just(g.BLANK),
        st.sampled_from(NOT_APPLICABLE_MARKS).map(g.Cell.not_applicable),
        (st.none() | _cell_text).map(g.Cell.not_applicable),
        _cell_text.map(g.Cell.blank),
    )


class _HostileParts(_Parts):
    def tables(self, cls: type[g.StatisticsTable]) -> st.SearchStrategy[g.StatisticsTable]:
        return hostile_tables(cls)


_FILLS = ("numbers", "blank", "not_applicable", "mixed")


def _filler(fill: str, kind: ValueKind, rng: random.Random) -> g.Cell:
    if fill == "mixed":
        fill = rng.choice(_FILLS[:3])
    if fill == "blank":
        return g.BLANK if rng.random() < 0.8 else g.Cell.blank(raw="约5")
    if fill == "not_applicable":
        return g.Cell.not_applicable(rng.choice(sorted(NOT_APPLICABLE_MARKS)))
    magnitude = 10 ** rng.randrange(1, 9)
    if kind is ValueKind.COUNT:
        return g.Cell.number(rng.randrange(magnitude))
    return g.Cell.number(Decimal(rng.randrange(magnitude)).scaleb(-rng.randrange(5)))


def hostile_tables(cls: type[g.StatisticsTable]) -> st.SearchStrategy[g.StatisticsTable]:
    """A table filled cheaply (from a seed), then up to eight cells drawn from :func:`hostile_cells`.

    Drawing each of table 三's 175 cells from the full strategy would make a report slow to draw;
    what a format must survive is in the few drawn cells, and the fill varies the columns' widths.
    """
    kinds = [cell.kind for cell in cls.SPEC.cells]

    @st.composite
    def draw_table(draw: st.DrawFn) -> g.StatisticsTable:
        fill = draw(st.sampled_from(_FILLS))
        rng = random.Random(draw(st.integers(0, 2**16)))
        values = [_filler(fill, kind, rng) for kind in kinds]
        for _ in range(draw(st.integers(0, 8))):
            index = draw(st.integers(0, len(kinds) - 1))
            values[index] = draw(hostile_cells(kinds[index]))
        notes = tuple(draw(st.lists(hostile_blocks, max_size=2)))
        return cls(cells=tuple(values), notes=notes)

    return draw_table()


# Fewer blocks and items than in ``reports``: each text takes a millisecond to draw, and what
# these reports test is in the text, not in the shape of the report.
_hostile = _HostileParts(text=hostile_text, cells=hostile_cells, key_prefix=hostile_texts(2), most=3)
hostile_blocks = _hostile.blocks

# Where a long text may go: a paragraph of the overview, a problem of section 五, the text a
# blank cell of table 三 keeps, the issuing body (which is also the title).
_LONG_PLACES = ("overview", "problem", "cell", "issuing_body")


def _with_long_text(report: g.Report, place: str, long: str) -> g.Report:
    if place == "overview":
        return attrs.evolve(report, overview=(*report.overview, g.Paragraph(text=long)))
    if place == "problem":
        remediation = report.remediation
        problems = attrs.evolve(
            remediation.problems, items=(*remediation.problems.items, g.Problem(key="long", text=long))
        )
        return attrs.evolve(report, remediation=attrs.evolve(remediation, problems=problems))
    if place == "cell":
        applications = report.applications.with_values({("granted", "total"): g.Cell.blank(raw=long)})
        return attrs.evolve(report, applications=applications)
    return attrs.evolve(report, metadata=attrs.evolve(report.metadata, issuing_body=long))


# Built once: building a strategy (a composite above all) costs more than drawing from it.
_hostile_base = _hostile.reports
_long_text = long_texts()


@st.composite
def _hostile_reports(draw: st.DrawFn) -> g.Report:
    report = draw(_hostile_base)
    if draw(st.integers(0, 9)) == 0:  # one example in ten: long text is slow to render, keep it rare
        report = _with_long_text(report, draw(st.sampled_from(_LONG_PLACES)), draw(_long_text))
    return report


hostile_reports = _hostile_reports()
