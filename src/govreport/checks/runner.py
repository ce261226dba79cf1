"""Running every registered check on a report: the result, with dismissed findings set apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from govreport.checks.context import CheckContext
from govreport.checks.dismissals import Dismissal, Dismissals
from govreport.checks.engine import CheckFailure, failure_finding, run_check
from govreport.findings import Finding, Severity
from govreport.formats import Check
from govreport.model import Report
from govreport.spec import SECTIONS

if TYPE_CHECKING:
    from govreport.plugins import Registry

#: The order findings are listed in: the document's own order, findings about no part last.
SECTION_ORDER: tuple[str | None, ...] = (
    "title",
    "metadata",
    "preamble",
    *(section.key for section in SECTIONS),
    "signature",
    None,
)


def _order(finding: Finding) -> int:
    section = finding.location.section
    return SECTION_ORDER.index(section) if section in SECTION_ORDER else len(SECTION_ORDER) - 1


@attrs.frozen(kw_only=True)
class CheckResult:
    """What checking a report found.

    ``findings`` are those still open (in document order), ``dismissed`` those a dismissals file
    set aside, ``failures`` plugins and checks that could not run (each check that raised is also
    a ``check.failed`` finding), ``unused_dismissals`` entries that matched nothing (stale ones).
    """

    findings: tuple[Finding, ...] = ()
    dismissed: tuple[Finding, ...] = ()
    failures: tuple[str, ...] = ()
    unused_dismissals: tuple[Dismissal, ...] = ()
    #: the ids of the checks that ran
    checks: tuple[str, ...] = ()

    def count(self, severity: Severity | str) -> int:
        return sum(1 for finding in self.findings if finding.severity == Severity(severity))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is Severity.ERROR)

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)

    def by_section(self) -> list[tuple[str | None, list[Finding]]]:
        """The open findings grouped by section, in document order."""
        groups: dict[str | None, list[Finding]] = {}
        for finding in self.findings:
            section = finding.location.section if finding.location.section in SECTION_ORDER else None
            groups.setdefault(section, []).append(finding)
        return sorted(groups.items(), key=lambda item: SECTION_ORDER.index(item[0]))

    def rules(self) -> set[str]:
        """The rule ids of the open findings."""
        return {finding.rule for finding in self.findings}


def run_checks(
    report: Report,
    checks: Sequence[tuple[Check, str]],
    *,
    previous: Report | None = None,
    dismissals: Dismissals | None = None,
    imported: Iterable[Finding] = (),
    failures: Iterable[str] = (),
) -> CheckResult:
    """Run ``checks`` (each with the name of its plugin) on the report; never raises for a broken check."""
    context = CheckContext(report, previous)
    found: list[Finding] = list(imported)
    problems: list[str] = list(failures)
    ran: list[str] = []
    for check, plugin in checks:
        if check.needs_previous and previous is None:
            continue
        ran.append(check.id)
        findings, failure = run_check(check, plugin, context)
        found += findings
        if failure is not None:
            problems.append(str(failure))
            found.append(failure_finding(failure))
    found.sort(key=_order)  # stable: within a section, the order the rules found them
    kept, dismissed, unused = (dismissals or Dismissals()).split(found)
    return CheckResult(
        findings=tuple(kept),
        dismissed=tuple(dismissed),
        failures=tuple(problems),
        unused_dismissals=tuple(unused),
        checks=tuple(ran),
    )


def check(
    report: Report,
    previous: Report | None = None,
    *,
    dismissals: Dismissals | None = None,
    imported: Iterable[Finding] = (),
    registry: Registry | None = None,
) -> CheckResult:
    """Check a report with every check the plugins register (the built-in rules and any installed)."""
    if registry is None:
        from govreport.plugins import get_registry

        registry = get_registry()
    checks = [(check, str(source)) for check, source in registry.checks()]
    # Plugins that failed to load or to register may have carried checks: the result says so.
    failures = [str(failure) for failure in registry.failures] + registry.conflicts()
    return run_checks(report, checks, previous=previous, dismissals=dismissals, imported=imported, failures=failures)


__all__ = ["CheckFailure", "CheckResult", "check", "run_checks"]
