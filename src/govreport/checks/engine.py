"""Writing rules and running them: a run turns a broken rule into a finding instead of a crash.

A rule is a :class:`govreport.Check` (a plugin contract, in :mod:`govreport.formats`). A
:class:`RuleSet` is the convenient way to write several rules in one module; :func:`run_check` runs
one whatever it does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from govreport.findings import Finding, Location, Severity
from govreport.formats import Check

#: The rule id of the finding that stands for a check that raised or returned garbage.
CHECK_FAILED = "check.failed"

if TYPE_CHECKING:
    from govreport.checks.context import CheckContext


class Emit:
    """Makes the findings of one rule: its id and usual severity filled in."""

    def __init__(self, rule: str, severity: Severity) -> None:
        self.rule = rule
        self.severity = severity

    def __call__(
        self,
        message: str,
        location: Location | None = None,
        *,
        severity: Severity | str | None = None,
        expected: object = None,
        found: object = None,
        formula: str | None = None,
        cells: Sequence[Location] = (),
    ) -> Finding:
        return Finding(
            rule=self.rule,
            severity=self.severity if severity is None else Severity(severity),
            message=message,
            location=location if location is not None else Location(),
            expected=None if expected is None else _text(expected),
            found=None if found is None else _text(found),
            formula=formula,
            cells=tuple(cells),
        )


def _text(value: object) -> str:
    from decimal import Decimal

    return format(value, "f") if isinstance(value, Decimal) else str(value)


RuleFunction = Callable[["CheckContext", Emit], Iterable[Finding]]


class RuleSet:
    """Several rules of one module; ``@rules.rule(...)`` turns a function into a :class:`Check`.

    The decorated function receives the context and an :class:`Emit` for its rule::

        rules = RuleSet()

        @rules.rule("sd.contact.email", "warning", "the report gives no e-mail address")
        def contact_email(context, emit):
            if not context.report.metadata.contact.email:
                yield emit("未提供电子邮箱", Location(section="metadata"))

    and the module's ``register_checks`` hook returns ``rules.checks``.
    """

    def __init__(self) -> None:
        self.checks: list[Check] = []

    def rule(
        self,
        id: str,
        severity: Severity | str,
        summary: str,
        *,
        example: str = "",
        needs_previous: bool = False,
    ) -> Callable[[RuleFunction], Check]:
        def decorate(function: RuleFunction) -> Check:
            emit = Emit(id, Severity(severity))

            def run(context: CheckContext) -> Iterable[Finding]:
                return function(context, emit)

            # The check knows its file: tools (and a test) lead from a rule id to where it is written.
            run.__module__ = function.__module__
            run.__name__ = function.__name__
            run.__qualname__ = function.__qualname__
            check = Check(
                id=id,
                severity=severity,
                summary=summary,
                run=run,
                needs_previous=needs_previous,
                example=example,
            )
            self.checks.append(check)
            return check

        return decorate


@attrs.frozen(kw_only=True)
class CheckFailure:
    """A check that could not run (it raised, or returned something that is not a finding of its rule)."""

    check: str
    plugin: str
    error: str

    def __str__(self) -> str:
        return f"check {self.check} (plugin {self.plugin}): {self.error}"


def run_check(check: Check, plugin: str, context: CheckContext) -> tuple[list[Finding], CheckFailure | None]:
    """Run one check. Whatever it does, the caller gets findings back, never an exception."""
    findings: list[Finding] = []
    try:
        produced: Any = check.run(context)
        if produced is None:
            return findings, None
        if isinstance(produced, Finding | str | bytes) or not isinstance(produced, Iterable):
            return findings, CheckFailure(
                check=check.id, plugin=plugin, error=f"returned {type(produced).__name__}, not findings"
            )
        for item in produced:
            if not isinstance(item, Finding):
                return findings, CheckFailure(
                    check=check.id, plugin=plugin, error=f"yielded {type(item).__name__}, not Finding"
                )
            if item.rule != check.id:
                return findings, CheckFailure(
                    check=check.id, plugin=plugin, error=f"yielded a finding of rule {item.rule!r}, not its own"
                )
            findings.append(item)
    except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
        return findings, CheckFailure(check=check.id, plugin=plugin, error=f"raised {type(exc).__name__}: {exc}")
    return findings, None


def failure_finding(failure: CheckFailure) -> Finding:
    """The finding that reports a check that could not run: the report was not fully checked."""
    return Finding(
        rule=CHECK_FAILED,
        severity=Severity.WARNING,
        message=f"检查规则 {failure.check}（插件 {failure.plugin}）未能完成，报告未按此规则检查：{failure.error}",
        location=Location(source=f"check {failure.check}"),
    )
