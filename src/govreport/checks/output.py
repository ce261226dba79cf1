"""How ``govreport check`` shows a result: text grouped by section, or JSON."""

from __future__ import annotations

import json
from typing import Any

from govreport.checks.dismissals import Dismissal
from govreport.checks.runner import CheckResult
from govreport.findings import SEVERITY_WORDS, Finding, Severity

SEVERITY_NAMES: dict[Severity, str] = SEVERITY_WORDS["zh"]
_INDENT = "    "

#: The words of the text output, in each language findings are printed in (``--lang``).
_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "{source}：{title}",
        "none": "未发现问题。",
        "no_section": "其他（导入、插件）",
        "where": "位置：",
        "formula": "公式：",
        "values": "应为：{expected}；实为：{found}",
        "failures": "未能运行的插件或检查规则：",
        "unused": "忽略清单中未匹配任何问题的条目（可能已过时）：",
        "summary": "共{errors}个错误、{warnings}个警告、{infos}个提示",
        "dismissed": "（另有{dismissed}个已忽略）",
    },
    "en": {
        "title": "{source}: {title}",
        "none": "No findings.",
        "no_section": "Elsewhere (import, plugins)",
        "where": "where: ",
        "formula": "formula: ",
        "values": "expected: {expected}; found: {found}",
        "failures": "Plugins or rules that could not run:",
        "unused": "Dismissals that matched no finding (stale?):",
        "summary": "{errors} errors, {warnings} warnings, {infos} infos",
        "dismissed": " ({dismissed} more dismissed)",
    },
}


def summary(result: CheckResult, lang: str = "zh") -> str:
    words = _WORDS.get(lang, _WORDS["zh"])
    line = words["summary"].format(
        errors=result.count(Severity.ERROR), warnings=result.count(Severity.WARNING), infos=result.count(Severity.INFO)
    )
    if result.dismissed:
        line += words["dismissed"].format(dismissed=len(result.dismissed))
    return line


def _finding_lines(finding: Finding, lang: str) -> list[str]:
    words = _WORDS.get(lang, _WORDS["zh"])
    severity = SEVERITY_WORDS.get(lang, SEVERITY_NAMES)[finding.severity]
    lines = [f"  {severity} [{finding.rule}] {finding.message}"]
    where = finding.location.describe(lang)
    if where:
        lines.append(f"{_INDENT}{words['where']}{where}")
    if finding.formula:
        lines.append(f"{_INDENT}{words['formula']}{finding.formula}")
    if finding.expected is not None:
        found = finding.found if finding.found is not None else "—"
        lines.append(_INDENT + words["values"].format(expected=finding.expected, found=found))
    return lines


def render_text(result: CheckResult, *, source: str, title: str, lang: str = "zh", errors_only: bool = False) -> str:
    """The findings grouped by section in document order, each with where it is and, for sums, the
    formula; with ``errors_only`` (``check -q``), only the findings of severity error."""
    words = _WORDS.get(lang, _WORDS["zh"])
    lines = [words["title"].format(source=source, title=title), ""]
    if not result.findings:
        lines.append(words["none"])
    for section, findings in result.by_section():
        shown = [f for f in findings if f.severity is Severity.ERROR] if errors_only else findings
        if not shown:
            continue
        heading = shown[0].location.section_title if section is not None else None
        if lang == "en" and section is not None:
            heading = f"{heading} ({section})"
        lines.append(heading or words["no_section"])
        for finding in shown:
            lines += _finding_lines(finding, lang)
        lines.append("")
    if result.failures:
        lines.append(words["failures"])
        lines += [f"  {failure}" for failure in result.failures]
        lines.append("")
    if result.unused_dismissals:
        lines.append(words["unused"])
        lines += [f"  {json.dumps(entry.to_dict(), ensure_ascii=False)}" for entry in result.unused_dismissals]
        lines.append("")
    lines.append(summary(result, lang))
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
