"""Build a small annual report in Python, export it, and read it back.

    python examples/build_report.py [OUTPUT_DIR]

The report is for a fictional township (虚构镇人民政府, 虚构示例) with only a few figures, so the
whole public API fits on one page. Files go to OUTPUT_DIR, or to a temporary directory that is
removed afterwards; nothing is written into the repository.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import govreport as g
from govreport.spec import ActiveColumn, ActiveRow, Applicant, ApplicationRow, Outcome, ReviewRow


def build() -> g.Report:
    metadata = g.Metadata(
        issuing_body="虚构县虚构镇人民政府",
        year=2023,
        body_kind=g.BodyKind.TOWNSHIP,  # the deadline and some checks depend on the kind of body
        period=g.Period.calendar_year(2023),
        website="www.xugou.example",
        contact=g.Contact(address="虚构县虚构镇政府路1号", phone="0000-1234567"),
    )

    # Table 二. Cells not given stay blank (None), never 0. A township cannot make 规章, so that
    # row is "not applicable" ("/"), not zero. Amounts in 万元 are exact Decimals.
    active = g.ActiveDisclosureTable.from_rows(
        {
            ActiveRow.REGULATIONS: {
                ActiveColumn.ISSUED: g.Cell.not_applicable(),
                ActiveColumn.REPEALED: g.Cell.not_applicable(),
                ActiveColumn.IN_FORCE: g.Cell.not_applicable(),
            },
            ActiveRow.NORMATIVE_DOCUMENTS: {ActiveColumn.ISSUED: 1, ActiveColumn.REPEALED: 0, ActiveColumn.IN_FORCE: 4},
            ActiveRow.LICENSING: {ActiveColumn.DECISIONS: 12},
            ActiveRow.FEES: {ActiveColumn.AMOUNT: Decimal("0.35")},
        }
    )

    # Table 三, row by row; keys are the spec's enums (plain strings such as "granted" work too).
    # Three applications from natural persons: two granted, one not held; none carried forward.
    applicants = (Applicant.NATURAL_PERSON, Applicant.TOTAL)
    applications = g.ApplicationsTable.from_rows(
        {
            ApplicationRow.NEW_REQUESTS: dict.fromkeys(applicants, 3),
            ApplicationRow.CARRIED_OVER: dict.fromkeys(applicants, 0),
            ApplicationRow.GRANTED: dict.fromkeys(applicants, 2),
            ApplicationRow.UNAVAILABLE_NOT_HELD: dict.fromkeys(applicants, 1),
            ApplicationRow.RESULTS_TOTAL: dict.fromkeys(applicants, 3),
            ApplicationRow.CARRIED_FORWARD: dict.fromkeys(applicants, 0),
        }
    )

    # Table 四 from {(row, column): value}: no review, no lawsuit.
    review = g.ReviewLitigationTable.from_values({(row, outcome): 0 for row in ReviewRow for outcome in Outcome})

    # Section 五: a problem with a key, and a measure that answers it by that key.
    remediation = g.Remediation(
        previous=g.RemediationPart(
            items=(
                g.Rectification(
                    key="r1",
                    number="一是",
                    problem="信息更新不够及时。",
                    text="整改情况：已建立每月更新制度。",
                ),
            ),
        ),
        problems=g.RemediationPart(items=(g.Problem(key="p1", number="一是", text="政策解读形式较为单一。"),)),
        measures=g.RemediationPart(
            items=(g.Measure(key="m1", number="一是", text="增加图解等解读形式。", answers=("p1",)),)
        ),
    )

    # Section 六: the 信息处理费 statement is the item with that topic. No fee was charged, which
    # agrees with table 三's row other_fee_unpaid (left blank here, i.e. not reported).
    other_matters = g.OtherMatters(
        items=(
            g.OtherItem(
                number="1.",
                text="本年度未收取信息处理费。",
                topic=g.OtherTopic.PROCESSING_FEE,
            ),
        )
    )

    return g.Report(
        metadata=metadata,
        preamble=(g.Paragraph(text="本报告为虚构示例，机关名称和全部数据均为虚构。"),),
        overview=(
            g.Heading(number="（一）", text="主动公开"),
            g.Paragraph(text="全年主动公开政府信息120条。"),
            g.Heading(number="（二）", text="依申请公开"),
            g.Item(number="一是", text="本年度收到政府信息公开申请3件，均已按时办结。"),
        ),
        active_disclosure=active,
        applications=applications,
        review_litigation=review,
        remediation=remediation,
        other_matters=other_matters,
        signature=g.Signature(authority="虚构县虚构镇人民政府", date=dt.date(2024, 1, 20)),
    )


def main(out_dir: Path) -> None:
    report = build()

    # Read a cell back by its address.
    assert report.applications[ApplicationRow.GRANTED, Applicant.TOTAL].value == 2
    assert report.applications[ApplicationRow.CARRIED_OVER, Applicant.COMMERCIAL_ENTERPRISE].is_blank

    # Render in memory (bytes) ...
    text = g.export(report, "text").decode("utf-8")
    print(text)

    # ... or straight to a file; the format follows the suffix (.json here).
    path = g.export_file(report, out_dir / "report.json")
    print(f"wrote {path}", file=sys.stderr)

    # The JSON document is lossless: loading it gives back an equal report.
    assert g.load(path) == report


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit(f"usage: {sys.argv[0]} [OUTPUT_DIR]")
    if len(sys.argv) == 2:
        target = Path(sys.argv[1])
        target.mkdir(parents=True, exist_ok=True)
        main(target)
    else:
        with tempfile.TemporaryDirectory(prefix="govreport-example-") as temporary:
            main(Path(temporary))
