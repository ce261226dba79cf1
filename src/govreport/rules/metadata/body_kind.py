"""The rule ``metadata.body_kind``: the body's kind agrees with what its name says."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.bodies import name_suggests_kind
from govreport.findings import Finding, Location
from govreport.spec import BODY_KIND_LABELS, BodyKind

rules = RuleSet()


@rules.rule(
    "metadata.body_kind",
    "warning",
    "The body's name plainly says another kind than the metadata (a 街道/乡/镇 body not of kind township, a "
    "…人民政府 filed as a government department); the deadline and other rules depend on the kind.",
)
def body_kind(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    meta = context.report.metadata
    suggested = name_suggests_kind(meta.issuing_body)
    if suggested is None or suggested is meta.body_kind:
        return
    if suggested is BodyKind.PEOPLE_GOVERNMENT and meta.body_kind is not BodyKind.GOVERNMENT_DEPARTMENT:
        return  # only a department filed as a government is a clear contradiction
    yield emit(
        f"发布机关“{meta.issuing_body}”的名称表明其为{BODY_KIND_LABELS[suggested]}，"
        f"但报告的机关类型为{BODY_KIND_LABELS[meta.body_kind]}",
        Location(section="metadata", source="$.metadata.body_kind"),
        expected=suggested.value,
        found=meta.body_kind.value,
    )
