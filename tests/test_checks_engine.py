"""The check engine: rules through the plugin hook, a broken plugin never fatal, dismissals, the API."""

from __future__ import annotations

import json
import warnings

import pytest

import govreport
from govreport import plugins
from govreport.checks import CHECK_FAILED, Check, Dismissal, Dismissals, DismissalsError, RuleSet, run_checks
from govreport.findings import Finding, Location, Severity
from govreport.plugins import PluginLoadWarning
from test_checks_support import WANGFU, XINGHE, wangfu, with_cells, xinghe

pytestmark = pytest.mark.usefixtures("clean_registry")

BUILTIN_RULE_MODULES = {
    "govreport.rules.table",
    "govreport.rules.structure",
    "govreport.rules.metadata",
    "govreport.rules.text",
    "govreport.rules.writing",
    "govreport.rules.years",
    "govreport.rules.plausibility",
}

PROVINCE_PLUGIN = """
import govreport
from govreport import Location

rules = govreport.RuleSet()


@rules.rule("sd.contact.email", "warning", "The report gives no e-mail address.")
def contact_email(context, emit):
    if not context.report.metadata.contact.email:
        yield emit("未提供电子邮箱", Location(section="metadata"))


@govreport.hookimpl
def register_checks():
    return rules.checks
"""

BROKEN_AT_REGISTRATION = """
import govreport


@govreport.hookimpl
def register_checks():
    raise RuntimeError("province rules exploded")
"""

BROKEN_AT_RUN = """
import govreport


def explode(context):
    raise ZeroDivisionError("boom")


def garbage(context):
    return ["not a finding"]


def other_rule(context):
    yield govreport.Finding(rule="table.blank", severity="info", message="冒名")


@govreport.hookimpl
def register_checks():
    return [
        govreport.Check(id="bad.explode", severity="error", summary="raises", run=explode),
        govreport.Check(id="bad.garbage", severity="error", summary="returns garbage", run=garbage),
        govreport.Check(id="bad.other_rule", severity="error", summary="claims another rule", run=other_rule),
    ]
"""


def build(**kwargs: object) -> plugins.Registry:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginLoadWarning)
        return plugins.build_registry(**kwargs)  # type: ignore[arg-type]


# -- registration -------------------------------------------------------------------------------------


def test_builtin_rules_register_through_the_hook() -> None:
    registry = build(autoload=False)
    impls = {impl.plugin_name for impl in registry.manager.hook.register_checks.get_hookimpls()}
    assert impls == BUILTIN_RULE_MODULES
    sources = {str(source.name) for _check, source in registry.checks()}
    assert sources == BUILTIN_RULE_MODULES
    assert all(source.builtin for _check, source in registry.checks())


def test_rule_ids_are_unique_and_dotted() -> None:
    ids = [check.id for check, _ in build(autoload=False).checks()]
    assert len(ids) == len(set(ids))
    with pytest.raises(ValueError, match="dotted"):
        Check(id="NoDots", severity="error", summary="", run=lambda context: [])


def test_importing_govreport_loads_no_rule() -> None:
    import subprocess
    import sys

    code = "import govreport, sys; print(any(m.startswith('govreport.checks') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_third_party_check_plugin_runs(plugin_site) -> None:
    plugin_site.add("shandong-rules", entry_points={"shandong": "sd_rules"}, modules={"sd_rules": PROVINCE_PLUGIN})
    plugin_site.activate()
    registry = build()
    plugins.reset_registry(lambda: registry)
    source = next(s for c, s in registry.checks() if c.id == "sd.contact.email")
    assert source.distribution == "shandong-rules"
    assert not source.builtin
    result = govreport.check(wangfu())
    (finding,) = [f for f in result.findings if f.rule == "sd.contact.email"]
    assert finding.message == "未提供电子邮箱"
    assert govreport.check(xinghe()).findings == ()  # the example gives an e-mail address


def test_a_plugin_that_raises_while_registering_is_a_listed_failure(plugin_site) -> None:
    plugin_site.add("badrules", entry_points={"badrules": "bad_reg"}, modules={"bad_reg": BROKEN_AT_REGISTRATION})
    plugin_site.activate()
    with pytest.warns(PluginLoadWarning):
        registry = plugins.build_registry()
    plugins.reset_registry(lambda: registry)
    result = govreport.check(with_cells(xinghe(), "applications", {("granted", "total"): 140}))
    assert any("register_checks raised RuntimeError: province rules exploded" in f for f in result.failures)
    assert "table.applications.row_total" in result.rules()  # every other rule still ran


def test_a_check_that_breaks_while_running_is_a_finding_not_a_crash(plugin_site) -> None:
    plugin_site.add("runrules", entry_points={"runrules": "bad_run"}, modules={"bad_run": BROKEN_AT_RUN})
    plugin_site.activate()
    registry = build()
    plugins.reset_registry(lambda: registry)
    result = govreport.check(xinghe())
    failed = [f for f in result.findings if f.rule == CHECK_FAILED]
    assert [f.location.source for f in failed] == ["check bad.explode", "check bad.garbage", "check bad.other_rule"]
    assert all(f.severity is Severity.WARNING for f in failed)
    assert "ZeroDivisionError: boom" in failed[0].message
    assert "yielded str, not Finding" in failed[1].message
    assert "yielded a finding of rule 'table.blank'" in failed[2].message
    assert len(result.failures) == 3
    assert not result.has_errors  # a broken rule says nothing about the report itself
    assert "table.blank" not in result.rules()


def test_a_check_plugin_in_the_cli(plugin_site, run_cli) -> None:
    plugin_site.add("shandong-rules", entry_points={"shandong": "sd_rules"}, modules={"sd_rules": PROVINCE_PLUGIN})
    plugin_site.add("runrules", entry_points={"runrules": "bad_run"}, modules={"bad_run": BROKEN_AT_RUN})
    result = run_cli("check", WANGFU, env=plugin_site.env())
    assert result.returncode == 1, result.stderr  # the sample's blank cells; a broken rule adds no error
    assert "[sd.contact.email] 未提供电子邮箱" in result.stdout
    assert "[check.failed]" in result.stdout
    assert "未能运行的插件或检查规则" in result.stdout


def test_a_plugin_cannot_take_over_a_builtin_rule(plugin_site) -> None:
    source = PROVINCE_PLUGIN.replace("sd.contact.email", "table.blank")
    plugin_site.add("dup", entry_points={"dup": "dup_rules"}, modules={"dup_rules": source})
    plugin_site.activate()
    registry = build()
    owner = next(s for c, s in registry.checks() if c.id == "table.blank")
    assert owner.builtin
    assert any("check 'table.blank' is registered by" in conflict for conflict in registry.conflicts())


def test_run_checks_directly_with_a_rule_set() -> None:
    rules = RuleSet()

    @rules.rule("demo.title", "info", "always")
    def title(context, emit):
        yield emit(f"标题：{context.report.title}", Location(section="title"))

    result = run_checks(xinghe(), [(check, "demo") for check in rules.checks])
    (finding,) = result.findings
    assert (finding.rule, finding.severity) == ("demo.title", Severity.INFO)
    assert result.checks == ("demo.title",)


def test_findings_are_in_document_order() -> None:
    report = with_cells(govreport.load(XINGHE), "applications", {("granted", "total"): 140})
    report = with_cells(report, "active_disclosure", {("regulations", "issued"): None})
    from govreport.checks.runner import SECTION_ORDER

    sections = [f.location.section for f in govreport.check(report).findings]
    assert {"overview", "active_disclosure", "applications"} <= set(sections)
    assert sections == sorted(sections, key=SECTION_ORDER.index)


# -- findings stay compatible -------------------------------------------------------------------------


def test_importers_findings_still_build() -> None:
    finding = Finding(
        rule="import.debris", severity=Severity.WARNING, message="删除了残留", location=Location(source="line 3")
    )
    assert str(finding) == "警告：删除了残留 [import.debris]（位置：第3行）"
    assert finding.describe("en") == "warning: 删除了残留 [import.debris] (line 3)"
    assert finding.formula is None
    assert finding.cells == ()
    # location fields passed as text (importers pass **{name: str}) still work
    assert Location(paragraph="3").paragraph == 3  # type: ignore[arg-type]


def test_finding_to_dict() -> None:
    finding = Finding(
        rule="x.y",
        severity="error",
        message="m",
        location=Location(section="applications", table="applications", row="granted", column="total"),
        expected="1",
        found="2",
        formula="a = b",
    )
    data = finding.to_dict()
    assert data["location"]["row_label"] == "三、本年度办理结果 › （一）予以公开"
    assert data["location"]["column_label"] == "申请人情况 › 总计"
    assert (data["formula"], data["expected"], data["found"]) == ("a = b", "1", "2")
    json.dumps(data)


# -- dismissals ---------------------------------------------------------------------------------------


def test_dismissing_every_finding_of_a_reviewed_report(tmp_path) -> None:
    report = wangfu()
    first = govreport.check(report)
    assert first.findings
    path = tmp_path / "wangfu.dismissed.json"
    Dismissals.from_findings(first.findings, reason="已复核").save(path)
    again = govreport.check(report, dismissed=path)
    assert again.findings == ()
    assert again.dismissed == first.findings
    assert again.unused_dismissals == ()
    # a new problem is still reported
    worse = with_cells(report, "review_litigation", {("administrative_review", "upheld"): 1})
    assert govreport.check(worse, dismissed=path).rules() == {"table.review_litigation.total"}


def test_a_dismissal_matches_by_rule_pattern_and_location_fields() -> None:
    finding = Finding(
        rule="writing.punctuation.doubled",
        severity="warning",
        message="m",
        location=Location(section="other_matters", paragraph=2, excerpt="…。。"),
    )
    assert Dismissal(rule="writing.*").matches(finding)
    assert Dismissal(rule="writing.punctuation.doubled", where=(("section", "other_matters"),)).matches(finding)
    assert Dismissal(rule="writing.punctuation.doubled", where=(("paragraph", 2),)).matches(finding)
    assert not Dismissal(rule="writing.punctuation.doubled", where=(("paragraph", 3),)).matches(finding)
    assert not Dismissal(rule="writing.debris").matches(finding)


def test_dismissals_file_format_round_trips() -> None:
    text = """{
      "version": 1,
      "dismissed": [
        {"rule": "table.blank", "table": "applications", "reason": "原表丢失，已核对纸质件",
         "by": "张三", "date": "2024-02-01"},
        {"rule": "writing.punctuation.doubled", "section": "other_matters", "paragraph": 2}
      ]
    }"""
    dismissals = Dismissals.from_json(text)
    assert dismissals.entries[0].reason == "原表丢失，已核对纸质件"
    assert dismissals.entries[1].where == (("section", "other_matters"), ("paragraph", 2))
    assert Dismissals.from_json(dismissals.to_json()) == dismissals
    result = govreport.check(wangfu(), dismissed=dismissals)
    assert {f.rule for f in result.dismissed} == {"table.blank", "writing.punctuation.doubled"}
    assert [f.location.table for f in result.dismissed if f.rule == "table.blank"] == ["applications"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ("[]", "expected an object"),
        ('{"version": 2, "dismissed": []}', "version 2 is not supported"),
        ('{"dismissed": [{"rule": "x.y", "colour": "red"}]}', "unknown field colour"),
        ('{"dismissed": [{"table": "applications"}]}', "'rule' must be a rule id"),
        ('{"dismissed": [{"rule": "x.y", "paragraph": "2"}]}', "'paragraph' must be a number"),
        ('{"dismissed": {"rule": "x.y"}}', "'dismissed' must be a list"),
    ],
)
def test_a_bad_dismissals_file_is_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(DismissalsError, match=message):
        Dismissals.from_json(text, source="d.json")


def test_unused_dismissals_are_reported() -> None:
    stale = Dismissals(entries=(Dismissal(rule="table.applications.balance"),))
    result = govreport.check(xinghe(), dismissed=stale)
    assert result.unused_dismissals == stale.entries


def test_imported_findings_are_listed_and_dismissable() -> None:
    debris = Finding(
        rule="import.debris", severity="warning", message="删除了残留", location=Location(source="line 20")
    )
    result = govreport.check(xinghe(), imported=[debris])
    assert result.findings == (debris,)
    dismissed = govreport.check(xinghe(), imported=[debris], dismissed=Dismissals.from_findings([debris]))
    assert dismissed.findings == ()
    assert dismissed.dismissed == (debris,)
