"""Hypothesis strategies for whole reports: arbitrary Unicode, blanks, n/a cells, exact decimals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

import govreport as g
from govreport.spec import NOT_APPLICABLE_MARKS, BodyKind, ValueKind

# Any Unicode except lone surrogates, which no UTF-8 file can hold.
text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
optional_text = st.none() | text
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))

amounts = st.decimals(
    min_value=0, max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False, places=None
).filter(lambda d: d.adjusted() > -30)


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


def tables(cls: type[g.StatisticsTable]) -> st.SearchStrategy[g.StatisticsTable]:
    return st.builds(
        lambda values, notes: cls(cells=tuple(values), notes=notes),
        st.tuples(*(cells(cell.kind) for cell in cls.SPEC.cells)),
        st.lists(blocks, max_size=2).map(tuple),
    )


blocks = st.one_of(
    st.builds(g.Paragraph, text=text),
    st.builds(g.Heading, text=text, number=text, level=st.integers(2, 6)),
    st.builds(g.Item, text=text, number=text),
)
block_lists = st.lists(blocks, max_size=4).map(tuple)


@st.composite
def remediations(draw: st.DrawFn) -> g.Remediation:
    n_problems = draw(st.integers(0, 3))
    problems = tuple(g.Problem(key=f"p{i}", number=draw(text), text=draw(text)) for i in range(n_problems))
    keys = [p.key for p in problems]
    measures = tuple(
        g.Measure(
            key=f"m{i}",
            number=draw(text),
            text=draw(text),
            answers=tuple(draw(st.lists(st.sampled_from(keys), unique=True)) if keys else ()),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    previous = tuple(
        g.Rectification(
            key=draw(st.sampled_from(["", f"r{i}"])), number=draw(text), problem=draw(text), text=draw(text)
        )
        for i in range(draw(st.integers(0, 2)))
    )
    headings = st.none() | st.builds(g.Heading, text=text, number=text)

    def part(items: tuple) -> g.RemediationPart:
        return g.RemediationPart(
            heading=draw(headings), intro=draw(block_lists), items=items, run_in=draw(st.booleans())
        )

    return g.Remediation(
        intro=draw(block_lists),
        previous=part(previous),
        problems=part(problems),
        measures=part(measures),
        closing=draw(block_lists),
    )


@st.composite
def periods(draw: st.DrawFn) -> g.Period:
    start = draw(dates)
    return g.Period(start=start, end=draw(dates))


metadata = st.builds(
    g.Metadata,
    issuing_body=text,
    year=st.integers(1990, 2100),
    body_kind=st.sampled_from(BodyKind),
    title=optional_text,
    period=st.none() | periods(),
    published_at=optional_text,
    website=optional_text,
    contact=st.builds(
        g.Contact,
        organization=optional_text,
        address=optional_text,
        postcode=optional_text,
        phone=optional_text,
        email=optional_text,
    ),
)

other_matters = st.builds(
    g.OtherMatters,
    intro=block_lists,
    items=st.lists(st.builds(g.OtherItem, number=text, text=text, topic=st.sampled_from(g.OtherTopic)), max_size=4).map(
        tuple
    ),
)

reports = st.builds(
    g.Report,
    metadata=metadata,
    preamble=block_lists,
    overview=block_lists,
    active_disclosure=tables(g.ActiveDisclosureTable),
    applications=tables(g.ApplicationsTable),
    review_litigation=tables(g.ReviewLitigationTable),
    remediation=remediations(),
    other_matters=other_matters,
    signature=st.none() | st.builds(g.Signature, authority=text, date=st.none() | dates),
)
