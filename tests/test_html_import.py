"""The HTML importer: our own HTML export read back, a report as a government site publishes it
(site chrome, layout tables, a table split in two), the charsets such pages come in, detection
by content, and cells that are no number (never read as one).

Every table value of the reports used is distinct (``distinct_tables``), so a value read into
the wrong cell shows; the expected values always come from the report the page was made from.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govreport as g
from govreport.errors import GovReportError
from govreport.exporting import block_text, part_lines
from govreport.findings import Finding, Severity
from govreport.importers.html import read_html
from govreport.importers.html_decode import HtmlReadError
from govreport.reading.catalog import RULE_INDEX
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION
from text_fixtures import department_report, distinct_tables

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "examples" / "wangfu-2022" / "report.json"
COMPLETE = ROOT / "examples" / "xinghe-2023" / "report.json"

CellKey = tuple[str, str, str]  # (table key, row key, column key)


# --- comparing reports --------------------------------------------------------------------------


def rules(imported: g.Imported) -> list[str]:
    return [finding.rule for finding in imported.findings]


def of_rule(imported: g.Imported, rule: str) -> list[Finding]:
    assert rule in RULE_INDEX, f"{rule} is no catalogued import finding"
    return [finding for finding in imported.findings if finding.rule == rule]


def cells_of(report: g.Report) -> dict[CellKey, g.Cell]:
    return {
        (table.SPEC.key, str(spec.row), str(spec.column)): cell
        for table in report.tables
        for spec, cell in table.items()
    }


def wrong_cells(got: g.Report, want: g.Report) -> list[str]:
    """Every cell that differs, as "table/row/column: read X, expected Y" (an empty list: all right)."""
    wanted = cells_of(want)
    return [
        f"{'/'.join(key)}: read {cell!r}, expected {wanted[key]!r}"
        for key, cell in cells_of(got).items()
        if cell != wanted[key]
    ]


def compact(text: str) -> str:
    return "".join(text.split())


def section_texts(report: g.Report) -> dict[str, str]:
    """The text of each part of the report (whitespace left out), for "is every word there"."""
    remediation = report.remediation
    five = [block_text(b) for b in remediation.intro]
    for part in (remediation.previous, remediation.problems, remediation.measures):
        five += part_lines(part)
    five += [block_text(b) for b in remediation.closing]
    other = [block_text(b) for b in report.other_matters.intro]
    other += [item.full_text for item in report.other_matters.items]
    texts = {
        "preamble": [block_text(b) for b in report.preamble],
        "overview": [block_text(b) for b in report.overview],
        "remediation": five,
        "other_matters": other,
    }
    for table in report.tables:
        texts[table.SPEC.key] = [block_text(b) for b in table.notes]
    return {key: compact("".join(lines)) for key, lines in texts.items()}


def everything(report: g.Report) -> str:
    """All the text an imported report holds (title, sections, notes, signature, raw cell texts)."""
    return compact(g.export(report, "text").decode("utf-8")) + compact(g.dumps(report))


def warnings(imported: g.Imported) -> list[Finding]:
    return [finding for finding in imported.findings if finding.severity is not Severity.INFO]


# --- 1. our own HTML export, read back ------------------------------------------------------------

REPORTS: dict[str, Callable[[], g.Report]] = {
    "sample": lambda: g.load(SAMPLE),
    "complete": lambda: g.load(COMPLETE),
    "sample-distinct": lambda: distinct_tables(g.load(SAMPLE)),
    "complete-distinct": lambda: distinct_tables(g.load(COMPLETE)),
}

#: Every option of the html exporter that changes the page (template_dir is tested below).
OPTIONS: dict[str, dict[str, object]] = {
    "default": {},
    "fragment": {"fragment": True},
    "blank-dash": {"blank": "—"},
    "blank-dot": {"blank": "·"},
    "reading-aids": {"reading_aids": True},
    "id-prefix": {"id_prefix": "annual-2023"},
    "all": {"fragment": True, "blank": "—", "reading_aids": True, "id_prefix": "r2"},
}


def test_every_option_of_the_html_exporter_is_covered():
    from govreport.plugins import get_registry

    names = {option.name for option in get_registry().exporter("html").options}
    covered = {name for options in OPTIONS.values() for name in options} | {"template_dir"}
    assert names == covered, "a new option of the html exporter: add it to OPTIONS"


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
@pytest.mark.parametrize("name", REPORTS)
def test_our_html_export_reads_back(name, options):
    report = REPORTS[name]()
    imported = read_html(g.export(report, "html", **options), source="report.html")
    got = imported.report
    assert wrong_cells(got, report) == []
    assert got.tables == report.tables  # notes too
    assert got.metadata == report.metadata
    assert got.metadata.issuing_body == report.metadata.issuing_body
    assert got.metadata.year == report.metadata.year
    assert got.signature == report.signature
    assert section_texts(got) == section_texts(report)
    assert got.preamble == report.preamble
    assert got.overview == report.overview
    assert got.other_matters == report.other_matters
    # Nothing of the page is taken for report text it is not: no warning at all (a blank cell's
    # spoken 空 read as its text, the reading aids' links read into section 五 would be).
    assert warnings(imported) == []
    assert "对应措施" not in everything(got)
    assert "针对问题" not in everything(got)


def test_reading_aids_change_nothing_that_is_read():
    report = distinct_tables(g.load(COMPLETE))
    plain = read_html(g.export(report, "html")).report
    aided = read_html(g.export(report, "html", reading_aids=True)).report
    assert aided == plain
    assert len(aided.remediation.previous.items) == len(report.remediation.previous.items)


def test_blank_not_applicable_zero_and_raw_text_keep_their_states():
    base = distinct_tables(g.load(COMPLETE))
    special = {
        ("new_requests", "natural_person"): g.Cell.number(0),
        ("carried_over", "natural_person"): g.Cell.blank(),
        ("granted", "natural_person"): g.Cell.not_applicable("—"),
        ("granted", "commercial_enterprise"): g.Cell.not_applicable("/"),
        ("partially_granted", "natural_person"): g.Cell.blank(raw="约5"),
    }
    values = {(str(s.row), str(s.column)): cell for s, cell in base.applications.items()}
    report = attrs.evolve(base, applications=g.ApplicationsTable.from_values({**values, **special}))
    for blank_mark in ("", "—", "/", "·"):
        imported = read_html(g.export(report, "html", blank=blank_mark))
        assert wrong_cells(imported.report, report) == [], f"blank shown as {blank_mark!r}"
        table = imported.report.applications
        assert table["carried_over", "natural_person"].is_blank
        assert table["carried_over", "natural_person"].raw is None
        assert table["granted", "natural_person"].is_not_applicable
        assert table["new_requests", "natural_person"].value == 0
        unreadable = of_rule(imported, "import.cell_unreadable")
        assert [(f.location.row, f.location.column, f.found) for f in unreadable] == [
            ("partially_granted", "natural_person", "约5")
        ]


def test_our_export_s_marks_are_never_read_as_numbers():
    # A blank shown as "0" (the blank option), a not-applicable cell whose mark reads as a number:
    # the page says what they are (their class), and no number is made of them.
    base = distinct_tables(g.load(COMPLETE))
    values = {(str(s.row), str(s.column)): cell for s, cell in base.applications.items()}
    odd = {
        ("granted", "natural_person"): g.Cell.not_applicable("0"),
        ("granted", "commercial_enterprise"): g.Cell.not_applicable("12"),
        ("carried_over", "natural_person"): g.Cell.blank(),
        ("carried_over", "commercial_enterprise"): g.Cell.blank(raw="２"),  # kept text that reads as 2
        ("carried_over", "research_institution"): g.Cell.blank(raw="1.5"),  # no count: kept
    }
    active = {(str(s.row), str(s.column)): cell for s, cell in base.active_disclosure.items()}
    active[("fees", "amount")] = g.Cell.blank(raw="1.5")  # an amount: would read as 1.5
    report = attrs.evolve(
        base,
        applications=g.ApplicationsTable.from_values({**values, **odd}),
        active_disclosure=g.ActiveDisclosureTable.from_values(active),
    )
    imported = read_html(g.export(report, "html", blank="0"))
    table = imported.report.applications
    assert table["granted", "natural_person"] == g.Cell.not_applicable("/")
    assert table["granted", "commercial_enterprise"] == g.Cell.not_applicable("/")
    assert table["carried_over", "natural_person"] == g.Cell.blank()
    assert table["carried_over", "commercial_enterprise"] == g.Cell.blank()
    assert table["carried_over", "research_institution"] == g.Cell.blank(raw="1.5")
    assert imported.report.active_disclosure["fees", "amount"] == g.Cell.blank()
    wrong = wrong_cells(imported.report, report)
    assert sorted(line.split(":")[0] for line in wrong) == [  # only their marks or kept texts differ
        "active_disclosure/fees/amount",
        "applications/carried_over/commercial_enterprise",
        "applications/granted/commercial_enterprise",
        "applications/granted/natural_person",
    ]
    assert all(not cell.is_number for key, cell in cells_of(imported.report).items() if "/".join(key) in wrong)


@pytest.mark.parametrize("classes", ["value", "blank", "na", "tdvalue blank", "value-blank"])
def test_a_site_s_own_classes_are_no_marks_of_ours(published, classes):
    # Only our export's pair (value + blank, value + na) says a cell's state; a site's classes do not.
    page = government_page(published).replace("<td valign=", f'<td class="{classes}" valign=')
    assert wrong_cells(read_html(page.encode("utf-8")).report, published) == []


# --- 2. a report as a government site publishes it ------------------------------------------------

BODY = "虚构市星河区交通运输局"
TITLE = f"{BODY}2023年政府信息公开工作年度报告"

# The narrative as the page has it (each string is one paragraph of the report, in its section).
PREAMBLE = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制。",
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告电子版可在“虚构市星河区人民政府"
    "门户网站”（http://www.xinghe.example.gov.cn）查阅或下载。如对本报告有任何疑问，请与虚构市星河区交通运输局"
    "办公室联系（地址：虚构市星河区政务路88号，邮编：310000，电话：0571-12345678）。",
)
OVERVIEW_1 = "2023年，我局深入贯彻落实《条例》，坚持以公开为常态、不公开为例外，全面推进政府信息公开工作。"
OVERVIEW_ACTIVE = "全年通过区政府门户网站主动公开政府信息412条，发布政策解读17篇，更新部门动态126条。"
OVERVIEW_REQUESTS = "全年共受理政府信息公开申请38件，均在法定期限内答复。"
OVERVIEW_MANAGEMENT = "严格落实公开前保密审查制度，全年审查拟公开信息412条。"
OVERVIEW_PLATFORM = "持续优化政府信息公开专栏，调整栏目设置，完善检索功能。"
OVERVIEW_SUPERVISION = "将政府信息公开工作纳入年度考核，开展业务培训2次。"
REMEDIATION_LINES = (
    "上年度存在的政策解读形式单一的问题已整改，全年发布图解、视频等解读材料9篇。",
    "一是主动公开的及时性有待提高；二是依申请公开答复的规范性有待加强。",
    "一是建立信息发布时限台账，压实各科室责任；二是修订答复文书范本，加强法制审核。",
)
OTHER_LINES = (
    "1.本机关2023年度未收取信息处理费。",
    "2.2023年共办理人大代表建议3件、政协提案2件，均已按期办结。",
)
SIGNED = dt.date(2024, 1, 26)

#: Text of the site's chrome: none of it is report text.
CHROME = (
    "欢迎访问虚构市星河区人民政府网站",
    "无障碍浏览",
    "政务服务",
    "互动交流",
    "当前位置",
    "索引号",
    "11330100MB1234567X",
    "分享到",
    "QQ空间",
    "打印本页",
    "关闭窗口",
    "相关链接",
    "2022年政府信息公开工作年度报告",
    "网站标识码",
    "3301000001",
    "ICP备",
    "公网安备",
    "主办单位",
    "扫一扫",
    "页面浏览量",
    "_hmt",
)

# Table 三's label cells, row by row in the template's order, as sites type them: "1、" for "1.",
# full-width spaces and &nbsp; inside labels, a <br> where the label wrapped in its box. The
# table is split in two <table>s after （五）, as pages converted from Word often are.
T3_UPPER = (
    '<td colspan="3" width="30%"><p><span style="font-family:宋体">一、本年新收政府信息公开申请数量</span></p></td>',
    '<td colspan="3"><p><span>二、上年结转政府信息公开申请数量</span></p></td>',
    '<td rowspan="18" width="4%"><p align="center">三、本年度办理结果</p></td>'
    '<td colspan="2"><p>（一）予以公开</p></td>',
    '<td colspan="2"><p>（二）部分公开（区分处理的，只计<br>这一情形，不计其他情形）</p></td>',
    '<td rowspan="8" width="6%"><p>（三）不予公开</p></td><td><p>1、属于国家秘密</p></td>',
    "<td><p>2、其他法律行政法规禁止公开</p></td>",
    "<td><p>3、危及“三安全一稳定”</p></td>",
    "<td><p>4、保护第三方合法权益</p></td>",
    "<td><p>5、属于三类内部事务信息</p></td>",
    "<td><p>6、属于四类过程性信息</p></td>",
    "<td><p>7、属于行政执法案卷</p></td>",
    "<td><p>8、属于行政查询事项</p></td>",
    '<td rowspan="3"><p>（四）无法提供</p></td><td><p>1、本机关不掌握相关政府信息</p></td>',
    "<td><p>2、没有现成信息需要另行制作</p></td>",
    "<td><p>3、补正后申请内容仍不明确</p></td>",
    '<td rowspan="5"><p>（五）不予处理</p></td><td><p>1、信访举报投诉类申请</p></td>',
    "<td><p>2、重复申请</p></td>",
    "<td><p>3、要求提供公开出版物</p></td>",
    "<td><p>4、无正当理由大量反复申请</p></td>",
    "<td><p>5、要求行政机关确认或重新<br>出具已获取信息</p></td>",
)
T3_LOWER = (
    '<td rowspan="4">&nbsp;</td><td rowspan="3"><p>（六）其他处理</p></td>'
    "<td><p>1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</p></td>",
    "<td><p>2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</p></td>",
    "<td><p>3、其他</p></td>",
    '<td colspan="2"><p>（七）总&nbsp;&nbsp;计</p></td>',
    '<td colspan="3"><p>四、结转下年度继续办理</p></td>',
)


def test_the_page_s_table_three_has_every_row_of_the_template():
    assert len(T3_UPPER) + len(T3_LOWER) == len(APPLICATIONS.rows)


def _value_cell(text: str, colspan: int = 1) -> str:
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return (
        f'<td{span} valign="center"><p align="center"><span style="font-size:12px">&nbsp;{text}&nbsp;</span></p></td>'
    )


def government_page(
    report: g.Report,
    *,
    charset: str = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    cells: Mapping[CellKey, str] | None = None,
    narrative_extra: str = "",
) -> str:
    """The report as a county site publishes it, saved from the browser: ``charset`` is the
    declaration in its head (or ""), ``cells`` the printed text of some value cells instead of
    the report's value, ``narrative_extra`` text added to the first paragraph of section 一."""
    printed = {key: str(cell) for key, cell in cells_of(report).items()} | dict(cells or {})

    def v(table: str, row: str, column: str, colspan: int = 1) -> str:
        return _value_cell(printed[(table, row, column)], colspan)

    def a(row: str, column: str, colspan: int = 1) -> str:
        return v("active_disclosure", row, column, colspan)

    rows = [row.key for row in APPLICATIONS.rows]
    columns = [column.key for column in APPLICATIONS.columns]

    def t3(labels: tuple[str, ...], keys: list[str]) -> str:
        return "\n".join(
            f"<tr>{label}{''.join(v('applications', key, column) for column in columns)}</tr>"
            for label, key in zip(labels, keys, strict=True)
        )

    review = "".join(
        v("review_litigation", str(c.value[0]), str(c.value[1])) for c in REVIEW_LITIGATION.grid if c.value
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset}
<meta name="SiteName" content="虚构市星河区人民政府">
<meta name="ArticleTitle" content="{TITLE}">
<meta name="keywords" content="政府信息公开年报">
<title>{TITLE}_虚构市星河区人民政府</title>
<link rel="stylesheet" type="text/css" href="/images/style.css">
<style type="text/css">
.nav li {{ float: left; }} .footer {{ color: #666; }} body {{ font-family: "微软雅黑"; }}
</style>
<script type="text/javascript">var _hmt = _hmt || []; var title = "一、总体情况";</script>
</head>
<body>
<div class="top"><div class="wrap">欢迎访问虚构市星河区人民政府网站
<a href="javascript:void(0)">无障碍浏览</a> | <a href="/ft/">繁体</a> | <a href="/old/">长者模式</a></div></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="虚构市星河区人民政府"></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键词">
<button>搜索</button></form></div></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxh/">走进星河</a></li>
</ul></div>
<div class="main wrap">
<div class="position">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a>&nbsp;&gt;&nbsp;<a
href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="left-menu"><h3>政府信息公开</h3><ul><li><a>政府信息公开指南</a></li><li><a>政府信息公开制度</a></li>
<li><a>法定主动公开内容</a></li><li class="on"><a>政府信息公开年报</a></li></ul></div>
<div class="content">
<table class="xxgk-info" width="100%"><tr><td>索引号：</td><td>11330100MB1234567X/2024-00012</td>
<td>发布机构：</td><td>{BODY}</td></tr><tr><td>生成日期：</td><td>2024-01-26</td><td>公开方式：</td><td>主动公开</td></tr></table>
<h1 class="article-title">{TITLE}</h1>
<div class="article-info">发布时间：2024-01-26 09:30&nbsp;&nbsp;来源：{BODY}&nbsp;&nbsp;【字体：<a>大</a>
<a>中</a> <a>小</a>】
<div class="share">分享到：<a class="wx">微信</a><a class="wb">微博</a><a class="qq">QQ空间</a></div></div>
<div class="article-con" id="zoom">
<table width="100%" border="0" cellspacing="0" cellpadding="0"><tbody><tr><td class="bt_content">
<div class="TRS_Editor">
<p style="text-indent:2em">{PREAMBLE[0]}<br>　　{PREAMBLE[1]}</p>
<p style="text-indent:2em"><strong>一、总体情况</strong></p>
<p>　　{OVERVIEW_1}{narrative_extra}</p>
<p>　　<strong>（一）主动公开</strong><br>　　{OVERVIEW_ACTIVE}</p>
<p>　　<strong>（二）依申请公开</strong><br>　　{OVERVIEW_REQUESTS}</p>
<p>　　<strong>（三）政府信息管理</strong></p>
<p>　　{OVERVIEW_MANAGEMENT}</p>
<p>　　<strong>（四）政府信息公开平台建设</strong></p>
<p>　　{OVERVIEW_PLATFORM}</p>
<p>　　<strong>（五）监督保障</strong></p>
<p>　　{OVERVIEW_SUPERVISION}</p>
<p class="MsoNormal" style="text-indent:2em"><b><span style="font-family:黑体">二、主动公开政府信息情况</span></b></p>
<div align="center"><table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="100%"
style="border-collapse:collapse">
<tbody>
<tr><td colspan="4" style="background:#DEEAF6"><p align="center"><strong>第二十条第（一）项</strong></p></td></tr>
<tr><td width="28%"><p align="center">信息内容</p></td><td><p align="center">本年制发件数</p></td>
<td><p align="center">本年废止件数</p></td><td><p align="center">现行有效件数</p></td></tr>
<tr><td><p align="center">规　　章</p></td>
{a("regulations", "issued")}{a("regulations", "repealed")}{a("regulations", "in_force")}</tr>
<tr><td><p align="center">行政规范性文件</p></td>
{a("normative_documents", "issued")}{a("normative_documents", "repealed")}
{a("normative_documents", "in_force")}</tr>
<tr><td colspan="4" style="background:#DEEAF6"><p align="center"><strong>第二十条第（五）项</strong></p></td></tr>
<tr><td><p align="center">信息内容</p></td><td colspan="3"><p align="center">本年处理决定数量</p></td></tr>
<tr><td><p align="center">行政&nbsp;许可</p></td>{a("licensing", "decisions", 3)}</tr>
<tr><td colspan="4" style="background:#DEEAF6"><p align="center"><strong>第二十条第（六）项</strong></p></td></tr>
<tr><td><p align="center">信息内容</p></td><td colspan="3"><p align="center">本年处理决定数量</p></td></tr>
<tr><td><p align="center">行政处罚</p></td>{a("penalty", "decisions", 3)}</tr>
<tr><td><p align="center">行政强制</p></td>{a("enforcement", "decisions", 3)}</tr>
<tr><td colspan="4" style="background:#DEEAF6"><p align="center"><strong>第二十条第（八）项</strong></p></td></tr>
<tr><td><p align="center">信息内容</p></td><td colspan="3"><p align="center">本年收费金额（单位：万元）</p></td></tr>
<tr><td><p align="center">行政事业性收费</p></td>{a("fees", "amount", 3)}</tr>
</tbody></table></div>
<p class="MsoNormal" style="text-indent:2em"><b>三、收到和处理政府信息公开申请情况</b></p>
<div align="center"><table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="100%">
<tbody>
<tr><td rowspan="3" colspan="3"><p align="center"><span>（本列数据的勾稽关系为：第一项加第二项之和，<br>
等于第三项加第四项之和）</span></p></td>
<td colspan="7"><p align="center">申请人情况</p></td></tr>
<tr><td rowspan="2"><p align="center">自然人</p></td><td colspan="5"><p align="center">法人或其他组织</p></td>
<td rowspan="2"><p align="center">总计</p></td></tr>
<tr><td><p>商业<br>企业</p></td><td><p>科研<br>机构</p></td><td><p>社会公益<br>组织</p></td><td><p>法律服务<br>机构</p></td><td><p>其他</p></td></tr>
{t3(T3_UPPER, rows[: len(T3_UPPER)])}
</tbody></table></div>
<p>&nbsp;</p>
<div align="center"><table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="100%">
<tbody>
{t3(T3_LOWER, rows[len(T3_UPPER) :])}
</tbody></table></div>
<p class="MsoNormal" style="text-indent:2em"><b>四、因政府信息公开工作被申请行政复议、提起行政诉讼情况</b></p>
<div align="center"><table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="100%">
<tbody>
<tr><td colspan="5"><p align="center">行政复议</p></td><td colspan="10"><p align="center">行政诉讼</p></td></tr>
<tr><td rowspan="2"><p>结果<br>维持</p></td><td rowspan="2"><p>结果<br>纠正</p></td>
<td rowspan="2"><p>其他<br>结果</p></td>
<td rowspan="2"><p>尚未<br>审结</p></td><td rowspan="2"><p>总计</p></td>
<td colspan="5"><p align="center">未经复议直接起诉</p></td><td colspan="5"><p align="center">复议后起诉</p></td></tr>
<tr>{"".join(f"<td><p>{label}</p></td>" for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2)}</tr>
<tr>{review}</tr>
</tbody></table></div>
<p style="text-indent:2em"><strong>五、存在的主要问题及改进情况</strong></p>
<p>　　<strong>（一）上年度问题整改情况</strong></p>
<p>　　{REMEDIATION_LINES[0]}</p>
<p>　　<strong>（二）存在的主要问题</strong></p>
<p>　　{REMEDIATION_LINES[1]}</p>
<p>　　<strong>（三）改进措施</strong></p>
<p>　　{REMEDIATION_LINES[2]}</p>
<p style="text-indent:2em"><strong>六、其他需要报告的事项</strong></p>
<p>　　{OTHER_LINES[0]}</p>
<p>　　{OTHER_LINES[1]}</p>
<p>&nbsp;</p>
<p style="text-align:right">{BODY}</p>
<p style="text-align:right">2024年1月26日</p>
</div>
</td></tr></tbody></table>
</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h4>相关链接</h4><ul>
<li><a href="/zwgk/nb/2022.html">{BODY}2022年政府信息公开工作年度报告</a></li>
<li><a href="/zwgk/nb/qu2023.html">虚构市星河区2023年政府信息公开工作年度报告</a></li>
</ul></div>
</div>
</div>
<div class="footer">
<p>主办单位：虚构市星河区人民政府办公室　承办单位：虚构市星河区大数据发展中心</p>
<p>网站标识码：3301000001　<a href="https://beian.miit.gov.cn/">浙ICP备12345678号-1</a>
<img src="/images/ga.png">浙公网安备 33010002000001号</p>
<p>联系电话：0571-87654321　<span class="qr">扫一扫在手机打开当前页</span></p>
<p style="display:none">页面浏览量：<span id="count">1024</span></p>
</div>
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">
$(function () {{ $(".share a").click(function () {{ return false; }}); }});
document.write("<p>三、收到和处理政府信息公开申请情况</p>");
</script>
</body>
</html>
"""


@pytest.fixture(scope="module")
def published() -> g.Report:
    """The report the page is made from: a department's, every table value distinct (the page's
    narrative is its own, written above; its body, year and signature are the report's)."""
    report = department_report()
    assert (report.metadata.issuing_body, report.metadata.year) == (BODY, 2023)
    assert report.signature == g.Signature(authority=BODY, date=SIGNED)
    return report


@pytest.fixture(scope="module")
def page(published) -> str:
    return government_page(published)


@pytest.fixture(scope="module")
def page_read(page) -> g.Imported:
    return read_html(page.encode("utf-8"), source="nb2023.html")


def test_a_published_page_s_tables_are_read_cell_for_cell(page_read, published):
    assert wrong_cells(page_read.report, published) == []
    assert page_read.report.active_disclosure["fees", "amount"].value == Decimal("3010.25")


def test_a_published_page_s_metadata_and_signature(page_read):
    meta = page_read.report.metadata
    assert (meta.issuing_body, meta.year) == (BODY, 2023)
    assert page_read.report.title == TITLE
    assert meta.title is None  # the canonical title: not stored
    assert meta.period == g.Period.calendar_year(2023)
    assert page_read.report.signature == g.Signature(authority=BODY, date=SIGNED)


def test_a_published_page_s_sections_hold_their_text(page_read):
    texts = section_texts(page_read.report)
    assert texts["preamble"] == compact("".join(PREAMBLE))
    overview = page_read.report.overview
    headings = [b for b in overview if isinstance(b, g.Heading)]
    assert [h.full_text for h in headings] == [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ]
    paragraphs = [block_text(b) for b in overview if not isinstance(b, g.Heading)]
    assert paragraphs == [
        OVERVIEW_1,
        OVERVIEW_ACTIVE,
        OVERVIEW_REQUESTS,
        OVERVIEW_MANAGEMENT,
        OVERVIEW_PLATFORM,
        OVERVIEW_SUPERVISION,
    ]
    for line in REMEDIATION_LINES:
        assert compact(line) in texts["remediation"]
    assert texts["other_matters"] == compact("".join(OTHER_LINES))
    fee = page_read.report.other_matters.items[0]
    assert fee.topic is g.OtherTopic.PROCESSING_FEE


def test_a_published_page_s_chrome_is_in_no_section(page_read):
    text = everything(page_read.report)
    for chrome in CHROME:
        assert compact(chrome) not in text, chrome
    for key, section in section_texts(page_read.report).items():
        for chrome in CHROME:
            assert compact(chrome) not in section, (key, chrome)


def test_a_published_page_s_chrome_is_reported_once(page_read):
    furniture = of_rule(page_read, "import.page_furniture")
    assert len(furniture) == 1
    left_out = int(re.search(r"(\d+)个字符", furniture[0].message).group(1))
    # At least the chrome's own words, and less than the page holds besides the report.
    assert left_out >= sum(len(compact(text)) for text in CHROME[:10])
    assert furniture[0].severity is Severity.INFO
    assert furniture[0].location.source  # where the article is on the page


def test_what_the_chrome_finding_counts_is_text_a_reader_sees(published, page_read):
    # Scripts, styles and hidden elements are no text of the page: more of them changes nothing.
    script = "<script>" + "var tracker = 1;" * 500 + "</script><style>" + ".a{color:red}" * 300 + "</style>"
    page = government_page(published).replace('<div class="footer">', script + '<div class="footer">')
    imported = read_html(page.encode("utf-8"))
    assert imported.report == page_read.report
    assert [f.message for f in imported.findings] == [f.message for f in page_read.findings]
    left_out = int(re.search(r"(\d+)个字符", of_rule(imported, "import.page_furniture")[0].message).group(1))
    assert left_out < 1000  # the chrome's words (a few hundred), not the scripts' 8,000 characters


def test_headings_in_named_anchors_are_the_report_s(published, page_read):
    # Word's "save as web page" wraps headings in <a name="_Toc…"> bookmarks: not links, headings.
    page = government_page(published)
    for number, heading in enumerate(("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")):
        page = page.replace(f"<strong>{heading}</strong>", f'<a name="_Toc{number}"><strong>{heading}</strong></a>')
    imported = read_html(page.encode("utf-8"))
    assert imported.report == page_read.report


def test_a_table_split_in_two_is_read_as_one_and_reported(page_read):
    joined = of_rule(page_read, "import.table_joined")
    assert len(joined) == 1
    assert joined[0].location.source
    # The second piece is no table of its own, and no cell of table 三 is missing.
    assert of_rule(page_read, "import.table_unrecognised") == []
    assert [f for f in page_read.findings if f.location.table == "applications"] == []


def test_a_published_page_gives_no_warning(page_read):
    # Only what is certain is silent: the chrome left out and the body's kind inferred are infos.
    assert [(f.rule, f.message) for f in warnings(page_read)] == []
    assert set(rules(page_read)) <= {
        "import.page_furniture",
        "import.table_joined",
        "import.body_kind_inferred",
        "import.measures_paired",
    }


def test_a_related_link_that_reads_like_a_heading_is_no_part_of_the_report(published, page_read):
    page = government_page(published).replace(
        '<div class="related"><h4>相关链接</h4><ul>',
        '<div class="related"><h4>相关链接</h4><ul><li><a href="/jd/1.html">六、其他需要报告的事项解读</a></li>',
    )
    imported = read_html(page.encode("utf-8"))
    assert wrong_cells(imported.report, published) == []
    assert imported.report == page_read.report
    for chrome in CHROME:
        assert compact(chrome) not in everything(imported.report), chrome


def test_a_hidden_copy_of_a_heading_is_no_part_of_the_report(published, page_read):
    # Sites keep hidden blocks for printing or for the "old version" of the page.
    hidden = '<div style="display: none"><p>五、存在的主要问题及改进情况</p><p>（打印版）</p></div>'
    page = government_page(published).replace('<div class="footer">', hidden + '<div class="footer">')
    imported = read_html(page.encode("utf-8"))
    assert imported.report == page_read.report
    assert rules(imported) == rules(page_read)


# --- 3. charsets ----------------------------------------------------------------------------------

META_CHARSET = '<meta charset="{}">'
META_HTTP_EQUIV = '<meta http-equiv="Content-Type" content="text/html; charset={}">'


def _encoded(report: g.Report, charset: str, encoding: str, bom: bytes = b"") -> bytes:
    return bom + government_page(report, charset=charset).encode(encoding)


ENCODINGS: dict[str, Callable[[g.Report], bytes]] = {
    "gb2312-meta-charset": lambda r: _encoded(r, META_CHARSET.format("gb2312"), "gb2312"),
    "gbk-http-equiv": lambda r: _encoded(r, META_HTTP_EQUIV.format("GBK"), "gbk"),
    "utf8-bom-no-meta": lambda r: _encoded(r, "", "utf-8", codecs.BOM_UTF8),
    "gb18030-meta-charset": lambda r: _encoded(r, META_CHARSET.format("GB18030"), "gb18030"),
    "gb18030-no-meta": lambda r: _encoded(r, "", "gb18030"),
    "utf8-no-meta": lambda r: _encoded(r, "", "utf-8"),
    "utf16-bom": lambda r: _encoded(r, "", "utf-16"),  # Python's utf-16 writes its byte-order mark
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_charset_imports_identically(encoding, published, page_read, tmp_path):
    path = tmp_path / "nb2023.html"
    path.write_bytes(ENCODINGS[encoding](published))
    imported = g.read(path)  # through the registry: also the check that the content is a report
    assert wrong_cells(imported.report, published) == []
    assert imported.report == page_read.report
    assert rules(imported) == rules(page_read)
    assert "\ufffd" not in everything(imported.report)


def test_a_page_declared_gb2312_may_hold_gbk_characters(published):
    # Sites that say GB2312 write GBK's characters (堃, 珺, 镕) as often as not.
    names = "联系人：李堃、王珺、朱镕"
    page = government_page(published, charset=META_CHARSET.format("gb2312"), narrative_extra=names)
    with pytest.raises(UnicodeEncodeError):
        names.encode("gb2312")
    imported = read_html(page.encode("gbk"))
    assert names in block_text(imported.report.overview[0])
    assert of_rule(imported, "import.bytes_unreadable") == []
    assert wrong_cells(imported.report, published) == []


def test_bytes_that_are_no_character_are_reported_and_never_a_value(published):
    broken_cell = ("applications", "granted", "natural_person")
    page = government_page(
        published,
        charset=META_CHARSET.format("gb2312"),
        cells={broken_cell: "10#FF#05"},
        narrative_extra="全年#FF#无重大舆情。",
    )
    data = page.encode("gb2312").replace(b"#FF#", b"\xff")
    imported = read_html(data, source="nb2023.html")
    unreadable = of_rule(imported, "import.bytes_unreadable")
    assert len(unreadable) == 1
    assert "2个字节" in unreadable[0].message
    # The broken cell is blank, its text kept and reported where it is; nothing else moved.
    cell = imported.report.applications[broken_cell[1:]]
    assert cell.is_blank
    assert not cell.is_number
    assert cell.raw == "10\ufffd05"
    reported = of_rule(imported, "import.cell_unreadable")
    assert [(f.location.table, f.location.row, f.location.column) for f in reported] == [broken_cell]
    wrong = wrong_cells(imported.report, published)
    assert len(wrong) == 1
    assert wrong[0].startswith("/".join(broken_cell))
    assert "全年\ufffd无重大舆情。" in block_text(imported.report.overview[0])


@pytest.mark.parametrize(
    ("declared", "encoding"), [("gb2312", "utf-8"), ("utf-8", "gb18030")], ids=["utf8-said-gb2312", "gb-said-utf8"]
)
def test_a_page_not_in_the_charset_it_declares_is_an_error_that_says_so(published, declared, encoding):
    data = government_page(published, charset=META_CHARSET.format(declared)).encode(encoding)
    with pytest.raises(HtmlReadError, match=rf"(?s)not .*{declared}.*cannot be read"):
        read_html(data, source="nb2023.html")


def test_an_unknown_charset_is_an_error_that_names_it(published):
    data = government_page(published, charset=META_CHARSET.format("x-no-such")).encode("utf-8")
    with pytest.raises(HtmlReadError, match="x-no-such"):
        read_html(data)


# --- 4. detection by content, and the command line --------------------------------------------------


@pytest.fixture
def saved_page(tmp_path, published) -> Callable[[str], Path]:
    def save(name: str) -> Path:
        path = tmp_path / name
        path.write_bytes(government_page(published, charset=META_CHARSET.format("gb2312")).encode("gb2312"))
        return path

    return save


@pytest.mark.parametrize("name", ["nb2023.html", "nb2023.htm", "nb2023.HTML", "nb2023.shtml"])
def test_a_saved_page_is_read_by_its_extension(saved_page, published, name):
    imported = g.read(saved_page(name))
    assert wrong_cells(imported.report, published) == []


@pytest.mark.parametrize("name", ["nb2023", "nb2023.txt", "nb2023.text"])
def test_a_saved_page_is_read_by_its_content(saved_page, published, name):
    # No extension, or the text importer's: the page is recognised as one by its content.
    imported = g.read(saved_page(name))
    assert wrong_cells(imported.report, published) == []
    assert "import.page_furniture" in rules(imported)  # read by the html importer, chrome and all


@pytest.mark.parametrize("name", ["page", "page.txt"])
def test_the_command_line_imports_a_saved_page_of_another_name(run_cli, saved_page, published, tmp_path, name):
    out = tmp_path / "out.json"
    result = run_cli("import", saved_page(name), "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert wrong_cells(g.loads(out.read_bytes()), published) == []


@pytest.mark.parametrize("name", ["nb2023", "nb2023.txt"])
def test_a_saved_page_without_its_extension_never_gives_a_wrong_number(saved_page, published, name):
    # Whatever importer reads it, a value is the page's own or blank.
    imported = g.read(saved_page(name))
    wanted = cells_of(published)
    for key, cell in cells_of(imported.report).items():
        assert not cell.is_number or cell == wanted[key], key


def test_the_html_importer_recognises_report_pages_by_content(published):
    from govreport.plugins import get_registry

    detect = get_registry().importer("html").detect
    assert detect is not None
    for make in ENCODINGS.values():
        assert detect(make(published))
    assert detect(g.export(published, "html"))
    assert detect(g.export(published, "html", fragment=True))  # an <article>, not a whole page
    assert detect(b"<!-- saved from url=(0042)http://www.xinghe.example.gov.cn/ -->\n" + g.export(published, "html"))
    assert detect('<div class="TRS_Editor"><p>政府信息公开工作年度报告</p></div>'.encode("gb18030"))
    assert not detect(NOT_A_REPORT.encode("utf-8"))
    assert not detect("just text about 政府信息公开".encode())
    assert not detect("政府信息公开工作年度报告\n一、总体情况\n".encode())
    assert not detect("<政府信息公开工作年度报告>".encode())


def test_our_fragment_saved_as_a_file_is_read(tmp_path, published):
    path = tmp_path / "article.html"
    path.write_bytes(g.export(published, "html", fragment=True))
    imported = g.read(path)
    assert wrong_cells(imported.report, published) == []
    assert imported.report.signature == published.signature


def test_from_html_reads_a_page_of_any_name(saved_page, published):
    imported = g.read(saved_page("nb2023.txt"), format="html")
    assert wrong_cells(imported.report, published) == []


def test_the_command_line_imports_a_saved_page(run_cli, saved_page, published, tmp_path):
    page = saved_page("page.htm")
    out = tmp_path / "out.json"
    result = run_cli("import", page, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = g.loads(out.read_bytes())
    assert wrong_cells(report, published) == []
    assert report.metadata.issuing_body == BODY
    # The findings are listed by rule, and the chrome's is among them.
    assert "[import.page_furniture]" in result.stderr
    json.loads(out.read_text(encoding="utf-8"))


def test_the_command_line_reads_a_page_of_another_name_with_from_html(run_cli, saved_page, published, tmp_path):
    out = tmp_path / "out.json"
    result = run_cli("import", saved_page("page.txt"), "--from", "html", "-o", out)
    assert result.returncode == 0, result.stderr
    assert wrong_cells(g.loads(out.read_bytes()), published) == []


NOT_A_REPORT = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>星河区召开安全生产工作会议_虚构市星河区人民政府</title>
<script>var a = 1;</script></head>
<body><div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
<div class="position">当前位置：首页 &gt; 工作动态</div>
<h1>星河区召开安全生产工作会议</h1>
<p>1月5日，区政府召开安全生产工作会议，部署2024年度重点工作。</p>
<table><tr><td>序号</td><td>事项</td></tr><tr><td>1</td><td>隐患排查</td></tr></table>
<div class="footer">网站标识码：3301000001</div></body></html>
"""


def test_a_page_that_is_no_report_is_an_error_not_a_report(tmp_path):
    path = tmp_path / "news.html"
    path.write_text(NOT_A_REPORT, encoding="utf-8")
    with pytest.raises(GovReportError, match="not a report"):
        g.read(path)


@pytest.mark.parametrize("name", ["news.html", "news"])
def test_the_command_line_says_a_page_is_no_report(run_cli, tmp_path, name):
    path = tmp_path / name
    path.write_text(NOT_A_REPORT, encoding="utf-8")
    out = tmp_path / "out.json"
    result = run_cli("import", path, "-o", out)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("govreport: error:")
    assert name in result.stderr
    assert not out.exists()


def test_the_command_line_says_a_page_is_in_no_charset_it_declares(run_cli, tmp_path, published):
    path = tmp_path / "nb2023.html"
    path.write_bytes(government_page(published, charset=META_CHARSET.format("gb2312")).encode("utf-8"))
    result = run_cli("import", path, "-o", tmp_path / "out.json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "gb2312" in result.stderr


# --- 5. never a wrong number ------------------------------------------------------------------------

#: Cell texts that are no number, and the state each must be read in.
NOT_NUMBERS = {
    ("applications", "granted", "natural_person"): ("—", "not_applicable"),
    ("applications", "refused_state_secret", "total"): ("5件", "raw"),
    ("applications", "carried_forward", "research_institution"): ("", "blank"),
    ("active_disclosure", "regulations", "repealed"): ("/", "not_applicable"),
    ("active_disclosure", "licensing", "decisions"): ("约300", "raw"),
    ("active_disclosure", "fees", "amount"): ("3.5万元", "raw"),
    ("review_litigation", "administrative_review", "corrected"): ("", "blank"),
    ("review_litigation", "lawsuit_after_review", "total"): ("二", "raw"),
    ("applications", "new_requests", "commercial_enterprise"): ("&nbsp;", "blank"),
    ("applications", "not_processed_repeated", "other_organization"): ("1 2", "raw"),
}


def test_the_cells_that_are_no_number_name_real_cells():
    spec_cells = {
        (table.key, str(c.row), str(c.column)) for table in (ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION)
        for c in table.cells
    }  # fmt: skip
    assert set(NOT_NUMBERS) <= spec_cells


@pytest.fixture(scope="module")
def not_numbers_read(published) -> g.Imported:
    page = government_page(published, cells={key: text for key, (text, _) in NOT_NUMBERS.items()})
    return read_html(page.encode("utf-8"), source="nb2023.html")


def test_a_cell_that_is_no_number_is_never_a_number(not_numbers_read):
    got = cells_of(not_numbers_read.report)
    for key, (text, state) in NOT_NUMBERS.items():
        cell = got[key]
        assert not cell.is_number, (key, text, cell)
        if state == "not_applicable":
            assert cell.is_not_applicable, (key, cell)
            assert cell.raw == text, (key, cell)
        elif state == "raw":
            assert cell.is_blank, (key, cell)
            assert cell.raw == text, (key, cell)
        else:
            assert cell.is_blank, (key, cell)
            assert cell.raw is None, (key, cell)


def test_every_other_cell_is_still_right(not_numbers_read, published):
    wrong = wrong_cells(not_numbers_read.report, published)
    assert sorted(line.split(":")[0] for line in wrong) == sorted("/".join(key) for key in NOT_NUMBERS)


def test_a_cell_that_is_no_number_is_reported_where_it_is(not_numbers_read):
    reported = {
        (f.location.table, f.location.row, f.location.column): f
        for f in of_rule(not_numbers_read, "import.cell_unreadable")
    }
    raw = {key: text for key, (text, state) in NOT_NUMBERS.items() if state == "raw"}
    assert set(reported) == set(raw)
    for key, text in raw.items():
        finding = reported[key]
        assert finding.found == text
        assert finding.severity is Severity.WARNING
        assert text in finding.message
        assert finding.location.section == key[0]
        assert finding.location.source is not None
        assert "table" in finding.location.source  # the page's table, row and column


def test_marks_and_blanks_are_read_without_a_finding_of_their_own(not_numbers_read):
    # "/" and "—" are the format's not-applicable mark, a blank cell a missing value: both are
    # states of the model (the checks speak of blanks), not import problems.
    marked = {key for key, (_, state) in NOT_NUMBERS.items() if state != "raw"}
    assert not [f for f in not_numbers_read.findings if (f.location.table, f.location.row, f.location.column) in marked]


def test_a_blank_cell_of_table_four_never_takes_a_number_from_a_row_below(published):
    # Table 四 has no row labels: all its values are the one value row's, never a later row's.
    key = ("review_litigation", "administrative_review", "corrected")
    page = government_page(published, cells={key: ""})
    later_row = "<tr><td>&nbsp;</td><td>7</td>" + "<td>&nbsp;</td>" * 13 + "</tr>"
    end_of_four = page.rindex("</tbody></table></div>", 0, page.index("五、存在的主要问题及改进情况"))
    imported = read_html((page[:end_of_four] + later_row + page[end_of_four:]).encode("utf-8"))
    assert not imported.report.review_litigation[key[1:]].is_number
    assert [line.split(":")[0] for line in wrong_cells(imported.report, published)] == ["/".join(key)]


def test_a_table_of_marks_and_blanks_only_is_never_zeros(published):
    blank_four = {
        ("review_litigation", str(c.value[0]), str(c.value[1])): "" for c in REVIEW_LITIGATION.grid if c.value
    }
    imported = read_html(government_page(published, cells=blank_four).encode("utf-8"))
    table = imported.report.review_litigation
    assert all(cell.is_blank and cell.raw is None for _, cell in table.items())
    assert len(of_rule(imported, "import.table_empty")) == 1
    assert of_rule(imported, "import.table_empty")[0].location.table == "review_litigation"
