"""The 2021 edition of the annual report format (国办公开办函〔2021〕30号) as data.

This module is the only place that spells an official label. Every exporter, importer and
check derives its headers, label matching and sums from the objects defined here. The grids
reproduce the official template cell for cell (a test compares them with the template .docx).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from govreport.spec.layout import (
    CellSpec,
    ColumnSpec,
    GridCell,
    GridRole,
    RowSpec,
    TableSpec,
    ValueKind,
)


class Edition(enum.StrEnum):
    """Editions of the official format. Only 2021 is modelled so far."""

    E2021 = "2021"


class BodyKind(enum.StrEnum):
    """The kind of body that issues a report; the deadline and some checks depend on it."""

    GOVERNMENT_DEPARTMENT = "government_department"
    PEOPLE_GOVERNMENT = "people_government"
    TOWNSHIP = "township"
    OTHER = "other"


BODY_KIND_LABELS: dict[BodyKind, str] = {
    BodyKind.GOVERNMENT_DEPARTMENT: "县级以上人民政府部门",
    BodyKind.PEOPLE_GOVERNMENT: "人民政府",
    BodyKind.TOWNSHIP: "乡镇人民政府、街道办事处",
    BodyKind.OTHER: "其他机关",
}

#: Publication deadline (month, day of the year after the report's year), 条例 art. 49.
#: Township and sub-district bodies follow local rules, commonly 31 January.
DEADLINES: dict[BodyKind, tuple[int, int]] = {
    BodyKind.GOVERNMENT_DEPARTMENT: (1, 31),
    BodyKind.PEOPLE_GOVERNMENT: (3, 31),
    BodyKind.TOWNSHIP: (1, 31),
    BodyKind.OTHER: (1, 31),
}


def deadline(kind: BodyKind, year: int) -> dt.date:
    """The last day on which a report of ``year`` by a body of ``kind`` may be published."""
    month, day = DEADLINES[kind]
    return dt.date(year + 1, month, day)


REPORT_TITLE_SUFFIX = "政府信息公开工作年度报告"
#: The title's endings as published reports write them (an importer accepts them; exporters write
#: REPORT_TITLE_SUFFIX).
REPORT_TITLE_SUFFIXES: tuple[str, ...] = (REPORT_TITLE_SUFFIX, "政府信息公开年度报告")


def report_title(issuing_body: str, year: int) -> str:
    """The canonical title: {机关名称}{YYYY}年政府信息公开工作年度报告."""
    return f"{issuing_body}{year}年{REPORT_TITLE_SUFFIX}"


@attrs.frozen(kw_only=True)
class SectionSpec:
    """One of the six sections, in the official order."""

    key: str
    number: str
    title: str
    #: other titles seen in published reports (an importer accepts them; exporters write `title`)
    variants: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(key="overview", number="一", title="总体情况"),
    SectionSpec(key="active_disclosure", number="二", title="主动公开政府信息情况"),
    SectionSpec(key="applications", number="三", title="收到和处理政府信息公开申请情况"),
    SectionSpec(
        key="review_litigation",
        number="四",
        title="政府信息公开行政复议、行政诉讼情况",
        variants=("因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
    ),
    SectionSpec(
        key="remediation",
        number="五",
        title="存在的主要问题及改进情况",
        variants=("政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进措施", "存在的主要问题及整改措施"),
    ),
    SectionSpec(key="other_matters", number="六", title="其他需要报告的事项"),
)

SECTION_INDEX: dict[str, SectionSpec] = {section.key: section for section in SECTIONS}

#: The usual sub-parts of section 一 (a people's government's 监督保障 also covers assessment,
#: public appraisal and accountability, 条例 art. 50 (4)).
OVERVIEW_PARTS: tuple[str, ...] = (
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
)

#: The three parts of section 五 as practice writes them.
REMEDIATION_PARTS: dict[str, str] = {
    "previous": "上年度问题整改情况",
    "problems": "存在的主要问题",
    "measures": "改进措施",
}

INFORMATION_PROCESSING_FEE = "信息处理费"

NOT_APPLICABLE_MARKS: tuple[str, ...] = ("/", "／", "-", "－", "—", "——", "–", "不适用")


# --- Table 二: 主动公开政府信息情况 -------------------------------------------------------------

_ITEM_LABEL = "信息内容"


class ActiveRow(enum.StrEnum):
    REGULATIONS = "regulations"
    NORMATIVE_DOCUMENTS = "normative_documents"
    LICENSING = "licensing"
    PENALTY = "penalty"
    ENFORCEMENT = "enforcement"
    FEES = "fees"


class ActiveColumn(enum.StrEnum):
    ISSUED = "issued"
    REPEALED = "repealed"
    IN_FORCE = "in_force"
    DECISIONS = "decisions"
    AMOUNT = "amount"


_ACTIVE_COLUMN_LABELS: dict[ActiveColumn, str] = {
    ActiveColumn.ISSUED: "本年制发件数",
    ActiveColumn.REPEALED: "本年废止件数",
    ActiveColumn.IN_FORCE: "现行有效件数",
    ActiveColumn.DECISIONS: "本年处理决定数量",
    ActiveColumn.AMOUNT: "本年收费金额（单位：万元）",
}

# (group caption, value columns, rows, kind of value)
_ACTIVE_BLOCKS: tuple[tuple[str, tuple[ActiveColumn, ...], tuple[tuple[ActiveRow, str], ...], ValueKind], ...] = (
    (
        "第二十条第（一）项",
        (ActiveColumn.ISSUED, ActiveColumn.REPEALED, ActiveColumn.IN_FORCE),
        ((ActiveRow.REGULATIONS, "规章"), (ActiveRow.NORMATIVE_DOCUMENTS, "行政规范性文件")),
        ValueKind.COUNT,
    ),
    ("第二十条第（五）项", (ActiveColumn.DECISIONS,), ((ActiveRow.LICENSING, "行政许可"),), ValueKind.COUNT),
    (
        "第二十条第（六）项",
        (ActiveColumn.DECISIONS,),
        ((ActiveRow.PENALTY, "行政处罚"), (ActiveRow.ENFORCEMENT, "行政强制")),
        ValueKind.COUNT,
    ),
    ("第二十条第（八）项", (ActiveColumn.AMOUNT,), ((ActiveRow.FEES, "行政事业性收费"),), ValueKind.AMOUNT),
)


def _active_disclosure() -> TableSpec:
    width = 4
    rows: list[RowSpec] = []
    cells: list[CellSpec] = []
    grid: list[GridCell] = []
    r = 0
    for caption, columns, block_rows, kind in _ACTIVE_BLOCKS:
        grid.append(GridCell(row=r, column=0, role=GridRole.GROUP, text=caption, colspan=width))
        r += 1
        span = (width - 1) // len(columns)
        grid.append(GridCell(row=r, column=0, role=GridRole.COLUMN_HEADER, text=_ITEM_LABEL))
        for i, column in enumerate(columns):
            grid.append(
                GridCell(
                    row=r,
                    column=1 + i * span,
                    role=GridRole.COLUMN_HEADER,
                    text=_ACTIVE_COLUMN_LABELS[column],
                    colspan=span,
                )
            )
        r += 1
        for row_key, label in block_rows:
            rows.append(RowSpec(key=row_key, label=label, groups=(caption,)))
            grid.append(GridCell(row=r, column=0, role=GridRole.ROW_HEADER, text=label))
            for i, column in enumerate(columns):
                cells.append(CellSpec(row=row_key, column=column, kind=kind))
                grid.append(
                    GridCell(
                        row=r,
                        column=1 + i * span,
                        role=GridRole.VALUE,
                        colspan=span,
                        value=(row_key, column),
                    )
                )
            r += 1
    return TableSpec(
        key="active_disclosure",
        number="二",
        caption=SECTION_INDEX["active_disclosure"].heading,
        rows=tuple(rows),
        columns=tuple(ColumnSpec(key=c, label=label) for c, label in _ACTIVE_COLUMN_LABELS.items()),
        cells=tuple(cells),
        grid=tuple(grid),
        grid_widths=(2435,) * width,
        header_rows=0,
    )


# --- Table 三: 收到和处理政府信息公开申请情况 -------------------------------------------------------


class ApplicationRow(enum.StrEnum):
    NEW_REQUESTS = "new_requests"
    CARRIED_OVER = "carried_over"
    GRANTED = "granted"
    PARTIALLY_GRANTED = "partially_granted"
    REFUSED_STATE_SECRET = "refused_state_secret"
    REFUSED_PROHIBITED_BY_LAW = "refused_prohibited_by_law"
    REFUSED_SECURITY_STABILITY = "refused_security_stability"
    REFUSED_THIRD_PARTY_RIGHTS = "refused_third_party_rights"
    REFUSED_INTERNAL_AFFAIRS = "refused_internal_affairs"
    REFUSED_PROCESS_INFORMATION = "refused_process_information"
    REFUSED_ENFORCEMENT_FILES = "refused_enforcement_files"
    REFUSED_INQUIRY_MATTERS = "refused_inquiry_matters"
    UNAVAILABLE_NOT_HELD = "unavailable_not_held"
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation"
    UNAVAILABLE_STILL_UNCLEAR = "unavailable_still_unclear"
    NOT_PROCESSED_PETITION = "not_processed_petition"
    NOT_PROCESSED_REPEATED = "not_processed_repeated"
    NOT_PROCESSED_PUBLICATIONS = "not_processed_publications"
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive"
    NOT_PROCESSED_CONFIRMATION = "not_processed_confirmation"
    OTHER_NO_CORRECTION = "other_no_correction"
    OTHER_FEE_UNPAID = "other_fee_unpaid"
    OTHER_OTHER = "other_other"
    RESULTS_TOTAL = "results_total"
    CARRIED_FORWARD = "carried_forward"


class Applicant(enum.StrEnum):
    NATURAL_PERSON = "natural_person"
    COMMERCIAL_ENTERPRISE = "commercial_enterprise"
    RESEARCH_INSTITUTION = "research_institution"
    PUBLIC_INTEREST_ORGANIZATION = "public_interest_organization"
    LEGAL_SERVICE_INSTITUTION = "legal_service_institution"
    OTHER_ORGANIZATION = "other_organization"
    TOTAL = "total"


APPLICATIONS_IDENTITY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_APPLICANTS = "申请人情况"
_ORGANIZATIONS = "法人或其他组织"
_RESULTS = "三、本年度办理结果"

# Rows under 三、本年度办理结果: either a single row spanning two label columns, or a labelled
# group of numbered rows.
_R = ApplicationRow
_RESULT_PARTS: tuple[tuple[str, tuple[tuple[ApplicationRow, str], ...]], ...] = (
    ("（一）予以公开", ((_R.GRANTED, ""),)),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ((_R.PARTIALLY_GRANTED, ""),)),
    (
        "（三）不予公开",
        (
            (_R.REFUSED_STATE_SECRET, "1.属于国家秘密"),
            (_R.REFUSED_PROHIBITED_BY_LAW, "2.其他法律行政法规禁止公开"),
            (_R.REFUSED_SECURITY_STABILITY, "3.危及\u201c三安全一稳定\u201d"),
            (_R.REFUSED_THIRD_PARTY_RIGHTS, "4.保护第三方合法权益"),
            (_R.REFUSED_INTERNAL_AFFAIRS, "5.属于三类内部事务信息"),
            (_R.REFUSED_PROCESS_INFORMATION, "6.属于四类过程性信息"),
            (_R.REFUSED_ENFORCEMENT_FILES, "7.属于行政执法案卷"),
            (_R.REFUSED_INQUIRY_MATTERS, "8.属于行政查询事项"),
        ),
    ),
    (
        "（四）无法提供",
        (
            (_R.UNAVAILABLE_NOT_HELD, "1.本机关不掌握相关政府信息"),
            (_R.UNAVAILABLE_NEEDS_CREATION, "2.没有现成信息需要另行制作"),
            (_R.UNAVAILABLE_STILL_UNCLEAR, "3.补正后申请内容仍不明确"),
        ),
    ),
    (
        "（五）不予处理",
        (
            (_R.NOT_PROCESSED_PETITION, "1.信访举报投诉类申请"),
            (_R.NOT_PROCESSED_REPEATED, "2.重复申请"),
            (_R.NOT_PROCESSED_PUBLICATIONS, "3.要求提供公开出版物"),
            (_R.NOT_PROCESSED_EXCESSIVE, "4.无正当理由大量反复申请"),
            (_R.NOT_PROCESSED_CONFIRMATION, "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
    (
        "（六）其他处理",
        (
            (_R.OTHER_NO_CORRECTION, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            (_R.OTHER_FEE_UNPAID, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            (_R.OTHER_OTHER, "3.其他"),
        ),
    ),
    ("（七）总计", ((_R.RESULTS_TOTAL, ""),)),
)

_APPLICANT_LABELS: tuple[tuple[Applicant, str, tuple[str, ...]], ...] = (
    (Applicant.NATURAL_PERSON, "自然人", (_APPLICANTS,)),
    (Applicant.COMMERCIAL_ENTERPRISE, "商业企业", (_APPLICANTS, _ORGANIZATIONS)),
    (Applicant.RESEARCH_INSTITUTION, "科研机构", (_APPLICANTS, _ORGANIZATIONS)),
    (Applicant.PUBLIC_INTEREST_ORGANIZATION, "社会公益组织", (_APPLICANTS, _ORGANIZATIONS)),
    (Applicant.LEGAL_SERVICE_INSTITUTION, "法律服务机构", (_APPLICANTS, _ORGANIZATIONS)),
    (Applicant.OTHER_ORGANIZATION, "其他", (_APPLICANTS, _ORGANIZATIONS)),
    (Applicant.TOTAL, "总计", (_APPLICANTS,)),
)


def _applications() -> TableSpec:
    label_columns = 3
    columns = tuple(ColumnSpec(key=k, label=label, groups=groups) for k, label, groups in _APPLICANT_LABELS)
    grid: list[GridCell] = [
        GridCell(
            row=0,
            column=0,
            role=GridRole.CORNER,
            text=APPLICATIONS_IDENTITY_NOTE,
            rowspan=3,
            colspan=label_columns,
        ),
        GridCell(row=0, column=3, role=GridRole.COLUMN_HEADER, text=_APPLICANTS, colspan=7),
        GridCell(row=1, column=3, role=GridRole.COLUMN_HEADER, text="自然人", rowspan=2),
        GridCell(row=1, column=4, role=GridRole.COLUMN_HEADER, text=_ORGANIZATIONS, colspan=5),
        GridCell(row=1, column=9, role=GridRole.COLUMN_HEADER, text="总计", rowspan=2),
    ]
    grid += [
        GridCell(row=2, column=4 + i, role=GridRole.COLUMN_HEADER, text=label)
        for i, (_, label, _groups) in enumerate(_APPLICANT_LABELS[1:6])
    ]
    rows: list[RowSpec] = []

    def add_row(r: int, key: ApplicationRow, label: str, groups: tuple[str, ...]) -> None:
        rows.append(RowSpec(key=key, label=label, groups=groups))
        for i, column in enumerate(columns):
            grid.append(GridCell(row=r, column=label_columns + i, role=GridRole.VALUE, value=(key, column.key)))

    r = 3
    leading = (
        (_R.NEW_REQUESTS, "一、本年新收政府信息公开申请数量"),
        (_R.CARRIED_OVER, "二、上年结转政府信息公开申请数量"),
    )
    for key, label in leading:
        grid.append(GridCell(row=r, column=0, role=GridRole.ROW_HEADER, text=label, colspan=3))
        add_row(r, key, label, ())
        r += 1
    results_rows = sum(len(items) for _, items in _RESULT_PARTS)
    grid.append(GridCell(row=r, column=0, role=GridRole.ROW_HEADER, text=_RESULTS, rowspan=results_rows))
    for part, items in _RESULT_PARTS:
        if len(items) == 1 and not items[0][1]:
            grid.append(GridCell(row=r, column=1, role=GridRole.ROW_HEADER, text=part, colspan=2))
            add_row(r, items[0][0], part, (_RESULTS,))
            r += 1
            continue
        grid.append(GridCell(row=r, column=1, role=GridRole.ROW_HEADER, text=part, rowspan=len(items)))
        for key, label in items:
            grid.append(GridCell(row=r, column=2, role=GridRole.ROW_HEADER, text=label))
            add_row(r, key, label, (_RESULTS, part))
            r += 1
    grid.append(GridCell(row=r, column=0, role=GridRole.ROW_HEADER, text="四、结转下年度继续办理", colspan=3))
    add_row(r, _R.CARRIED_FORWARD, "四、结转下年度继续办理", ())
    return TableSpec(
        key="applications",
        number="三",
        caption=SECTION_INDEX["applications"].heading,
        rows=tuple(rows),
        columns=columns,
        cells=tuple(CellSpec(row=row.key, column=column.key) for row in rows for column in columns),
        grid=tuple(grid),
        grid_widths=(754, 921, 3271) + (685,) * 7,
        header_rows=3,
    )


# --- Table 四: 政府信息公开行政复议、行政诉讼情况 -----------------------------------------------------


class ReviewRow(enum.StrEnum):
    ADMINISTRATIVE_REVIEW = "administrative_review"
    LAWSUIT_DIRECT = "lawsuit_direct"
    LAWSUIT_AFTER_REVIEW = "lawsuit_after_review"


class Outcome(enum.StrEnum):
    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"
    TOTAL = "total"


_OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.UPHELD: "结果维持",
    Outcome.CORRECTED: "结果纠正",
    Outcome.OTHER: "其他结果",
    Outcome.PENDING: "尚未审结",
    Outcome.TOTAL: "总计",
}
_REVIEW = "行政复议"
_LITIGATION = "行政诉讼"


def _review_litigation() -> TableSpec:
    rows = (
        RowSpec(key=ReviewRow.ADMINISTRATIVE_REVIEW, label=_REVIEW),
        RowSpec(key=ReviewRow.LAWSUIT_DIRECT, label="未经复议直接起诉", groups=(_LITIGATION,)),
        RowSpec(key=ReviewRow.LAWSUIT_AFTER_REVIEW, label="复议后起诉", groups=(_LITIGATION,)),
    )
    n = len(_OUTCOME_LABELS)
    grid: list[GridCell] = [
        GridCell(row=0, column=0, role=GridRole.COLUMN_HEADER, text=_REVIEW, colspan=n),
        GridCell(row=0, column=n, role=GridRole.COLUMN_HEADER, text=_LITIGATION, colspan=2 * n),
    ]
    grid += [
        GridCell(row=1, column=i, role=GridRole.COLUMN_HEADER, text=label, rowspan=2)
        for i, label in enumerate(_OUTCOME_LABELS.values())
    ]
    for b, row in enumerate(rows[1:], start=1):
        grid.append(GridCell(row=1, column=b * n, role=GridRole.COLUMN_HEADER, text=row.label, colspan=n))
        grid += [
            GridCell(row=2, column=b * n + i, role=GridRole.COLUMN_HEADER, text=label)
            for i, label in enumerate(_OUTCOME_LABELS.values())
        ]
    grid += [
        GridCell(row=3, column=b * n + i, role=GridRole.VALUE, value=(row.key, outcome))
        for b, row in enumerate(rows)
        for i, outcome in enumerate(_OUTCOME_LABELS)
    ]
    return TableSpec(
        key="review_litigation",
        number="四",
        caption=SECTION_INDEX["review_litigation"].heading,
        rows=rows,
        columns=tuple(ColumnSpec(key=k, label=label) for k, label in _OUTCOME_LABELS.items()),
        cells=tuple(CellSpec(row=row.key, column=outcome) for row in rows for outcome in _OUTCOME_LABELS),
        grid=tuple(grid),
        grid_widths=(649,) * 7 + (650,) * 8,
        header_rows=3,
    )


#: Table 三: the rows under 三、本年度办理结果 that add up to （七）总计, in order.
RESULT_ROWS: tuple[ApplicationRow, ...] = tuple(
    key for _part, items in _RESULT_PARTS for key, _label in items if key is not _R.RESULTS_TOTAL
)
#: Table 三 across two years: (this year's row, last year's row) that hold the same applications in
#: every column — what one year carries forward to the next is what the next says it carried over.
CARRY_OVER: tuple[ApplicationRow, ApplicationRow] = (_R.CARRIED_OVER, _R.CARRIED_FORWARD)
#: Table 三: the six applicant columns that add up to 总计.
APPLICANT_PARTS: tuple[Applicant, ...] = tuple(a for a in Applicant if a is not Applicant.TOTAL)
#: Table 四: the four outcomes that add up to 总计.
OUTCOME_PARTS: tuple[Outcome, ...] = tuple(o for o in Outcome if o is not Outcome.TOTAL)

ACTIVE_DISCLOSURE: TableSpec = _active_disclosure()
APPLICATIONS: TableSpec = _applications()
REVIEW_LITIGATION: TableSpec = _review_litigation()

#: The three tables in the order they appear in a report.
TABLES: tuple[TableSpec, ...] = (ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION)
