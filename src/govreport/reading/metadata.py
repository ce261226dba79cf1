"""Metadata a report states in its title and preamble: body, year, period, where published, contact."""

from __future__ import annotations

import re

from govreport.findings import Finding, Location
from govreport.model import Contact, Period
from govreport.reading.catalog import finding
from govreport.reading.chinese import body_kind_of_name, find_period
from govreport.spec import BodyKind, report_title
from govreport.spec.format2021 import REPORT_TITLE_SUFFIXES

_WEBSITE = re.compile(r"(https?://[\w./%\-?=&#]+|www\.[\w\-]+(?:\.[\w\-]+)+[\w/\-]*)", re.ASCII)
_PUBLISHED = re.compile(r"(?:可(?:在|从|登录|通过)|在)(.{2,80}?)(?:查阅|下载|浏览)")
_ADDRESS = re.compile(r"(?:通讯)?地址[:：]\s*([^，,；;。）)]+)")
_PHONE = re.compile(r"(?:联系)?电话[:：]\s*((?:[(（]\d{3,4}[)）])?\d[\d\-－— ]{5,}\d)")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)[:：]\s*(\d{6})")
_EMAIL = re.compile(r"(?:电子邮箱|电子邮件|邮箱|E-?mail)[:：]\s*([\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)", re.IGNORECASE)
_ORGANIZATION = re.compile(r"请与(.{2,40}?)(?:联系|咨询)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")


def title_suffix(text: str) -> str | None:
    """The report title's ending the text holds (政府信息公开工作年度报告 or a variant), if any."""
    compacted = re.sub(r"\s+", "", text)
    return next((suffix for suffix in REPORT_TITLE_SUFFIXES if suffix in compacted), None)


def split_title(title: str) -> tuple[str, int] | None:
    """(issuing body, year) from a title such as 某某局2022年政府信息公开工作年度报告 or 2022年度某某局…."""
    title = re.sub(r"\s+", "", title)
    match = _YEAR.search(title)
    suffix = title_suffix(title)
    if not match or suffix is None:
        return None
    body = (title[: match.start()] + title[match.end() :]).replace(suffix, "").strip()
    return body, int(match.group(1))


def canonical_title(title: str, body: str, year: int) -> str | None:
    """None when the title is the canonical one (the model's default), else the title as written.

    Spaces do not count: a title centred over two lines, or set with spaces around its year by a
    PDF, is still the canonical title."""
    return None if re.sub(r"\s+", "", title) == report_title(body, year) else title


def body_kind_of(body: str, findings: list[Finding]) -> BodyKind:
    """The kind of body, from its name, with a finding asking to check it."""
    kind = body_kind_of_name(body)
    findings.append(
        finding(
            "import.body_kind_inferred",
            f"根据机关名称“{body}”推断机关类别为 {kind.value}，请核对",
            Location(section="metadata"),
            found=kind.value,
        )
    )
    return kind


def period_of(text: str) -> Period | None:
    dates = find_period(text)
    return Period(start=dates[0], end=dates[1]) if dates else None


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(1).strip() if match else None


def publication_of(text: str) -> tuple[str | None, str | None]:
    """Where the report is published (a site's column) and the website's address."""
    website = _first(_WEBSITE, text)
    place = _first(_PUBLISHED, text)
    if place and website:
        # "…门户网站“中国·青州”（www.qingzhou.gov.cn）“政务公开”专栏": the address is kept apart.
        place = re.sub(r"[（(]\s*" + re.escape(website) + r"\s*[)）]", "", place)
    return place, website


def contact_of(text: str) -> Contact:
    return Contact(
        organization=_first(_ORGANIZATION, text),
        address=_first(_ADDRESS, text),
        postcode=_first(_POSTCODE, text),
        phone=_first(_PHONE, text),
        email=_first(_EMAIL, text),
    )
