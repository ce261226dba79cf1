"""The conventions of written Chinese the readers and checks share, and the import findings' catalogue."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from govreport.checks.support.bodies import name_suggests_kind
from govreport.reading.catalog import RULE_INDEX, RULES, finding, rules_table
from govreport.reading.chinese import body_kind_of_name, cn_number, find_period, marker_of, normalize_label, parse_date
from govreport.reading.labels import Closeness, closeness, closest
from govreport.spec import BodyKind

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize(
    ("text", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("三十一", 31), ("一二", 0)]
)
def test_numerals(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2023年1月29日", dt.date(2023, 1, 29)),
        ("2023 年 1 月 29 日", dt.date(2023, 1, 29)),
        ("二〇二三年一月二十九日", dt.date(2023, 1, 29)),
        ("二○二四年十二月三十一日", dt.date(2024, 12, 31)),
        ("二零二二年二月八日", dt.date(2022, 2, 8)),
        ("2023年2月30日", None),
        ("截至2023年1月29日", None),
    ],
)
def test_dates(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "统计期限为2023年1月1日至2023年12月31日",
        "自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止",
        "2023年1月1日—2023年12月31日",
    ],
)
def test_the_period_as_reports_write_it(text):
    assert find_period(text) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("青州市王府街道办事处", BodyKind.TOWNSHIP),
        ("某某镇党委", BodyKind.TOWNSHIP),  # the two readings of names used to disagree on this one
        ("云溪镇人民政府", BodyKind.TOWNSHIP),
        ("某某乡", BodyKind.TOWNSHIP),
        ("镇江市人民政府", BodyKind.PEOPLE_GOVERNMENT),  # 镇 of a place name, not a township
        ("淮安市洪泽区人民政府", BodyKind.PEOPLE_GOVERNMENT),
        ("淮安市人民政府办公室", BodyKind.GOVERNMENT_DEPARTMENT),
        ("沭阳县发展和改革局", BodyKind.GOVERNMENT_DEPARTMENT),
        ("某市乡村振兴局", BodyKind.GOVERNMENT_DEPARTMENT),
        ("平潭综合实验区", BodyKind.OTHER),
    ],
)
def test_kind_of_body_from_its_name_importers_and_checks_agree(name, kind):
    assert body_kind_of_name(name) is kind
    plain = kind if kind in (BodyKind.TOWNSHIP, BodyKind.PEOPLE_GOVERNMENT) else None
    assert name_suggests_kind(name) is plain


@pytest.mark.parametrize(
    ("text", "marker"),
    [("（一）主动公开", "（一）"), ("1、信访", "1、"), ("1.重复", "1."), ("一是加强", "一是"), ("1.5万条", "")],
)
def test_enumerators(text, marker):
    assert marker_of(text) == marker


def test_labels_are_compared_without_the_ways_of_writing_them():
    assert normalize_label("1、属于 国家秘密") == normalize_label("1．属于国家秘密") == "1.属于国家秘密"
    assert normalize_label('3.危及"三安全一稳定"') == normalize_label("3.危及“三安全一稳定”")


def test_labels_by_closeness_only_when_one_is_clearly_closest():
    law = normalize_label("2.其他法律行政法规禁止公开")
    assert closeness(law, normalize_label("2.其他法律行政止公开")) is Closeness.SIMILAR
    assert closeness(normalize_label("（一）予以公开"), normalize_label("予以公开")) is Closeness.WITHOUT_NUMBER
    assert closeness("规章", "规范") is None  # too short to be matched by closeness
    reasons = [normalize_label(t) for t in ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物")]
    assert closest(normalize_label("1.信访举报投拆类申请"), reasons) == 0
    # Two candidates as close: no match rather than a guess.
    assert closest("abcdefgh", ["abcdefgx", "abcdefgy"]) is None


def test_every_import_finding_is_catalogued_and_documented():
    assert len(RULE_INDEX) == len(RULES)
    page = (ROOT / "docs" / "importers.md").read_text(encoding="utf-8")
    assert rules_table() in page, "docs/importers.md does not show the catalogue (python -m govreport.reading.catalog)"
    with pytest.raises(KeyError):
        finding("import.no_such_rule", "x")
    # No importer makes an import finding by hand (with a severity of its own).
    source = ROOT / "src" / "govreport"
    by_hand = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if re.search(r'Finding\(\s*rule="import\.', path.read_text(encoding="utf-8"))
    ]
    assert by_hand == []
    # Every id a module passes to finding() is in the catalogue (a KeyError at run time otherwise).
    used = {
        rule
        for path in source.rglob("*.py")
        for rule in re.findall(r'finding\(\s*"(import\.[a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    assert used, "no finding() calls found: the pattern no longer matches the code"
    assert sorted(used - set(RULE_INDEX)) == []


def test_catalogued_severities_are_the_findings_severities():
    made = finding("import.value_derived", "x")
    assert made.severity is RULE_INDEX["import.value_derived"].severity


@pytest.mark.parametrize(
    ("text", "value"),
    [("２３", 23), ("1，234", 1234), ("1,234", 1234), ("5¹", None), ("²", None), ("①", None), ("⑤件", None)],
)
def test_full_width_digits_are_digits_and_footnote_marks_are_not(text, value):
    # NFKC would read 5¹ (5 with a footnote mark) as 51 and ① as 1: a wrong number.
    from govreport.model import Cell
    from govreport.spec import ValueKind

    cell = Cell.from_text(text, ValueKind.COUNT)
    assert (cell.value if cell.is_number else None) == value
    if value is None:
        assert cell.is_blank
        assert cell.raw == text


def test_radicals_a_pdf_font_maps_characters_to_are_read_as_the_characters():
    from govreport.reading.chinese import fold_radicals

    assert fold_radicals("⼈⺠政府⻅⻓⻔⼀") == "人民政府见长门一"
    assert fold_radicals("人民政府") == "人民政府"
