"""How ``govreport check`` shows a result: text grouped by section, or JSON."""

from __future__ import annotations

import json
from typing import Any

from govreport.checks.dismissals import Dismissal
from govreport.checks.runner import CheckResult
from govreport.findings import Finding, Severity

SEVERITY_NAMES: dict[Severity, str] = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_NO_SECTION = "其他（导入、插件）"
_INDENT = "    "


def summary(result: CheckResult) -> str:
    line = (
        f"共{result.count(Severity.ERROR)}个错误、{result.count(Severity.WARNING)}个警告、"
        f"{result.count(Severity.INFO)}个提示"
    )
    if result.dismissed:
        line += f"（另有{len(result.dismissed)}个已忽略）"
    return line


def _finding_lines(finding: Finding) -> list[str]:
    lines = [f"  {SEVERITY_NAMES[finding.severity]} [{finding.rule}] {finding.message}"]
    where = finding.location.describe()
    if where:
        lines.append(f"{_INDENT}位置：{where}")
    if finding.formula:
        lines.append(f"{_INDENT}公式：{finding.formula}")
    if finding.expected is not None:
        lines.append(f"{_INDENT}应为：{finding.expected}；实为：{finding.found if finding.found is not None else '—'}")
    return lines


def render_text(result: CheckResult, *, source: str, title: str) -> str:
    """The findings grouped by section in document order, each with where it is and, for sums, the formula."""
    lines = [f"{source}：{title}", ""]
    if not result.findings:
        lines.append("未发现问题。")
    for section, findings in result.by_section():
        heading = findings[0].location.section_title if section is not None else None
        lines.append(heading or _NO_SECTION)
        for finding in findings:
            lines += _finding_lines(finding)
        lines.append("")
    if result.failures:
        lines.append("未能运行的插件或检查规则：")
        lines += [f"  {failure}" for failure in result.failures]
        lines.append("")
    if result.unused_dismissals:
        lines.append("忽略清单中未匹配任何问题的条目（可能已过时）：")
        lines += [f"  {json.dumps(entry.to_dict(), ensure_ascii=False)}" for entry in result.unused_dismissals]
        lines.append("")
    lines.append(summary(result))
    return "\n".join(lines).rstrip("\n") + "\n"


def _with_key(finding: Finding) -> dict[str, Any]:
    data = finding.to_dict()
    # The entry that would dismiss exactly this finding, ready to paste into a dismissals file.
    data["dismissal"] = Dismissal.for_finding(finding).to_dict()
    return data


def render_json(result: CheckResult, *, source: str, title: str) -> str:
    data = {
        "input": source,
        "title": title,
        "summary": {
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
            "dismissed": len(result.dismissed),
        },
        "findings": [_with_key(finding) for finding in result.findings],
        "dismissed": [finding.to_dict() for finding in result.dismissed],
        "failures": list(result.failures),
        "unused_dismissals": [entry.to_dict() for entry in result.unused_dismissals],
        "checks": list(result.checks),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
