"""`govreport check`: exit codes 0/1/2, the text grouped by section, JSON, --previous, --dismissed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govreport
from test_checks_support import SEED, WANGFU, XINGHE, last_year_of, with_cells, xinghe


def _write(report: govreport.Report, path: Path) -> Path:
    govreport.dump(report, path)
    return path


@pytest.fixture
def broken_report(tmp_path: Path) -> Path:
    """The complete example with 予以公开 × 总计 one too many: an arithmetic error."""
    return _write(with_cells(xinghe(), "applications", {("granted", "total"): 140}), tmp_path / "broken.json")


def test_the_complete_example_exits_0_with_no_findings(run_cli) -> None:
    result = run_cli("check", XINGHE)
    assert result.returncode == 0, result.stderr
    assert "未发现问题" in result.stdout
    assert result.stdout.rstrip().endswith("共0个错误、0个警告、0个提示")


def test_the_sample_exits_1_for_its_lost_tables_and_shows_its_problems_by_section(run_cli) -> None:
    result = run_cli("check", WANGFU)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    # grouped by section, in document order, each finding with where it is
    assert out.index("二、主动公开政府信息情况") < out.index("三、收到和处理政府信息公开申请情况")
    assert out.index("三、收到和处理政府信息公开申请情况") < out.index("六、其他需要报告的事项")
    assert "[writing.punctuation.doubled] 标点重复：“。。”" in out
    assert "位置：六、其他需要报告的事项 › 第2段；「…复率、满意率均达100%。。」" in out
    assert "[table.blank] 表三有172个空白单元格" in out
    assert "公式：「总计」列：一 + 二 = 三（七） + 四" in out
    # the blanks of the tables lost in conversion are the only errors
    assert {line.split()[1] for line in out.splitlines() if line.startswith("  错误 [")} == {"[table.blank]"}
    assert out.rstrip().endswith("共2个错误、1个警告、5个提示")


def test_errors_exit_1_and_show_the_formula(run_cli, broken_report) -> None:
    result = run_cli("check", broken_report)
    assert result.returncode == 1
    assert "错误 [table.applications.row_total]" in result.stdout
    assert "位置：表三「三、本年度办理结果 › （一）予以公开」行「申请人情况 › 总计」列" in result.stdout
    assert "应为：139；实为：140" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.json",), "no such file"),
        (("{bad}",), "not a valid report"),
        (("{xinghe}", "--previous", "missing-last-year.json"), "no such file"),
        (("{xinghe}", "--dismissed", "missing-dismissed.json"), "cannot read"),
        (("{xinghe}", "--dismissed", "{bad_dismissed}"), "unknown field"),
    ],
)
def test_unreadable_input_exits_2(run_cli, tmp_path, args, message) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    bad_dismissed = tmp_path / "bad-dismissed.json"
    bad_dismissed.write_text('{"dismissed": [{"rule": "x.y", "colour": "red"}]}', encoding="utf-8")
    names = {"bad": bad, "xinghe": XINGHE, "bad_dismissed": bad_dismissed}
    result = run_cli("check", *(arg.format(**names) for arg in args), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_json_output(run_cli, broken_report) -> None:
    result = run_cli("check", broken_report, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["title"] == "虚构市星河区人民政府2023年政府信息公开工作年度报告"
    assert data["summary"]["errors"] == 2
    row = next(f for f in data["findings"] if f["rule"] == "table.applications.row_total")
    assert row["location"] == {
        "section": "applications",
        "section_title": "三、收到和处理政府信息公开申请情况",
        "table": "applications",
        "table_label": "三、收到和处理政府信息公开申请情况",
        "row": "granted",
        "row_label": "三、本年度办理结果 › （一）予以公开",
        "column": "total",
        "column_label": "申请人情况 › 总计",
    }
    assert (row["expected"], row["found"]) == ("139", "140")
    assert row["formula"].endswith("总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他")
    assert row["dismissal"]["rule"] == "table.applications.row_total"


def test_dismissing_the_errors_makes_the_exit_0(run_cli, broken_report, tmp_path) -> None:
    data = json.loads(run_cli("check", broken_report, "--format", "json").stdout)
    dismissed = tmp_path / "dismissed.json"
    dismissed.write_text(
        json.dumps({"version": 1, "dismissed": [f["dismissal"] for f in data["findings"]]}, ensure_ascii=False),
        encoding="utf-8",
    )
    result = run_cli("check", broken_report, "--dismissed", dismissed)
    assert result.returncode == 0, result.stdout
    assert "未发现问题" in result.stdout
    assert f"（另有{len(data['findings'])}个已忽略）" in result.stdout


def test_previous_year(run_cli, tmp_path) -> None:
    previous = last_year_of(xinghe())
    previous = with_cells(previous, "applications", {("carried_forward", "total"): 15})
    last_year = _write(previous, tmp_path / "2022.json")
    result = run_cli("check", XINGHE, "--previous", last_year)
    assert result.returncode == 1
    assert "[years.carried_over]" in result.stdout
    assert "应为：15；实为：14" in result.stdout


def test_the_sample_as_text_shows_the_debris(run_cli) -> None:
    result = run_cli("check", SEED)
    assert result.returncode in (0, 1), result.stderr
    assert "_GoBack" in result.stdout  # the importer's finding, listed with the checks' findings
    assert "[writing.punctuation.doubled] 标点重复：“。。”" in result.stdout
