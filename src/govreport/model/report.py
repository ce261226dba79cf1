"""The report: metadata, the six sections, the remediation items of 五, the items of 六, the signature."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

import attrs

from govreport.model.blocks import Block, Heading
from govreport.model.tables import ActiveDisclosureTable, ApplicationsTable, ReviewLitigationTable, StatisticsTable
from govreport.spec import SECTIONS, BodyKind, Edition, SectionSpec, report_title


@attrs.frozen(kw_only=True)
class Period:
    """The statistics period, normally 1 January to 31 December of the report's year."""

    start: dt.date
    end: dt.date

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


@attrs.frozen(kw_only=True)
class Contact:
    """Where the public can ask about the report; any part may be unstated (None)."""

    organization: str | None = None
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None


@attrs.frozen(kw_only=True)
class Metadata:
    """Who reports, for which year, under which edition of the format, and where it is published."""

    issuing_body: str
    year: int
    body_kind: BodyKind = attrs.field(converter=BodyKind)
    edition: Edition = attrs.field(default=Edition.E2021, converter=Edition)
    #: the title as published; None means the canonical {机关}{年}年政府信息公开工作年度报告
    title: str | None = None
    period: Period | None = None
    #: where the electronic version is published (a website's column, a gazette)
    published_at: str | None = None
    website: str | None = None
    contact: Contact = attrs.Factory(Contact)

    @property
    def display_title(self) -> str:
        return self.title if self.title is not None else report_title(self.issuing_body, self.year)


@attrs.frozen(kw_only=True)
class Rectification:
    """How one problem named in last year's report was rectified (上年度问题整改情况)."""

    key: str = ""
    number: str = ""
    #: the problem as last year's report named it, when the report restates it
    problem: str = ""
    text: str


@attrs.frozen(kw_only=True)
class Problem:
    """One of this year's problems (存在的主要问题)."""

    key: str = ""
    number: str = ""
    text: str


@attrs.frozen(kw_only=True)
class Measure:
    """One improvement measure (改进措施); ``answers`` holds the keys of the problems it addresses."""

    key: str = ""
    number: str = ""
    text: str
    answers: tuple[str, ...] = ()


ItemT = TypeVar("ItemT", Rectification, Problem, Measure)


@attrs.frozen(kw_only=True)
class RemediationPart(Generic[ItemT]):
    """One part of section 五: an optional sub-heading, an introduction and the items.

    ``run_in`` records items written inside one paragraph after the introduction
    (…差距和不足：一是…；二是…), so that a rendering can keep the original layout.
    """

    heading: Heading | None = None
    intro: tuple[Block, ...] = ()
    items: tuple[ItemT, ...] = ()
    run_in: bool = False


def _check_references(remediation: Remediation, _attribute: Any, _value: Any) -> None:
    keyed = [
        item.key
        for part in (remediation.previous, remediation.problems, remediation.measures)
        for item in part.items
        if item.key
    ]
    duplicates = sorted({key for key in keyed if keyed.count(key) > 1})
    if duplicates:
        raise ValueError(f"item keys must be unique in section 五; repeated: {', '.join(duplicates)}")
    problems = {problem.key for problem in remediation.problems.items if problem.key}
    for measure in remediation.measures.items:
        unknown = [key for key in measure.answers if key not in problems]
        if unknown:
            raise ValueError(
                f"measure {measure.key or measure.number or measure.text[:10]!r} answers unknown problems: "
                + ", ".join(unknown)
            )


@attrs.frozen(kw_only=True)
class Remediation:
    """Section 五: last year's problems and their rectification, this year's problems, the measures."""

    intro: tuple[Block, ...] = ()
    previous: RemediationPart[Rectification] = attrs.Factory(RemediationPart)
    problems: RemediationPart[Problem] = attrs.Factory(RemediationPart)
    measures: RemediationPart[Measure] = attrs.field(factory=RemediationPart, validator=_check_references)
    closing: tuple[Block, ...] = ()

    def problem(self, key: str) -> Problem:
        for problem in self.problems.items:
            if problem.key == key:
                return problem
        raise KeyError(f"no problem with key {key!r}")

    def measures_for(self, key: str) -> tuple[Measure, ...]:
        """The measures that answer the problem with this key."""
        return tuple(measure for measure in self.measures.items if key in measure.answers)


class OtherTopic(enum.StrEnum):
    """What an item of section 六 is about."""

    PROCESSING_FEE = "processing_fee"  # 信息处理费
    WORK_PRIORITIES = "work_priorities"  # 政务公开工作要点落实情况
    PROPOSALS = "proposals"  # 人大代表建议和政协提案办理
    INNOVATION = "innovation"  # 创新举措
    NOTHING_ELSE = "nothing_else"  # 无需要报告的其他事项
    OTHER = "other"


@attrs.frozen(kw_only=True)
class OtherItem:
    """One item of section 六."""

    number: str = ""
    text: str
    topic: OtherTopic = attrs.field(default=OtherTopic.OTHER, converter=OtherTopic)

    @property
    def full_text(self) -> str:
        return f"{self.number}{self.text}"


@attrs.frozen(kw_only=True)
class OtherMatters:
    """Section 六 (other matters to report); the 信息处理费 statement is the item with that topic."""

    intro: tuple[Block, ...] = ()
    items: tuple[OtherItem, ...] = ()

    @property
    def processing_fee_statement(self) -> OtherItem | None:
        return next((item for item in self.items if item.topic is OtherTopic.PROCESSING_FEE), None)


@attrs.frozen(kw_only=True)
class Signature:
    """The issuing authority (落款) and the date at the end of the report."""

    authority: str
    date: dt.date | None = None


@attrs.frozen(kw_only=True)
class Report:
    """A complete annual report on government information disclosure.

    The fields after ``preamble`` are the six sections in the official order.
    """

    metadata: Metadata
    preamble: tuple[Block, ...] = ()
    overview: tuple[Block, ...] = ()
    active_disclosure: ActiveDisclosureTable = attrs.Factory(ActiveDisclosureTable)
    applications: ApplicationsTable = attrs.Factory(ApplicationsTable)
    review_litigation: ReviewLitigationTable = attrs.Factory(ReviewLitigationTable)
    remediation: Remediation = attrs.Factory(Remediation)
    other_matters: OtherMatters = attrs.Factory(OtherMatters)
    signature: Signature | None = None

    @property
    def title(self) -> str:
        return self.metadata.display_title

    @property
    def tables(self) -> tuple[StatisticsTable, ...]:
        """Tables 二, 三 and 四, in order."""
        return (self.active_disclosure, self.applications, self.review_litigation)

    def sections(self) -> Iterator[tuple[SectionSpec, object]]:
        """The six sections in the official order, each with its spec and its content."""
        for spec in SECTIONS:
            yield spec, getattr(self, spec.key)
