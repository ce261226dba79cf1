"""Rules as data, and a run that turns a broken rule into a finding instead of a crash.

A :class:`Check` is one rule: a stable id, its usual severity, what trips it, and a function
from a :class:`~govreport.checks.context.CheckContext` to findings. Plugins return checks from
the ``register_checks`` hook; the built-in rules are plugins of exactly that kind. A
:class:`RuleSet` is the convenient way to write several rules in one module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from govreport.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from govreport.checks.context import CheckContext
    from govreport.model import Report

CheckFunction = Callable[["CheckContext"], Iterable[Finding]]

#: Rule ids are dotted, lower case: ``table.applications.balance``, ``sd.contact.email``.
RULE_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")

#: The rule id of the finding that stands for a check that raised or returned garbage.
CHECK_FAILED = "check.failed"


def _valid_id(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not RULE_ID.fullmatch(value):
        raise ValueError(f"a rule id is dotted lower-case words such as 'table.applications.balance', not {value!r}")


@attrs.frozen(kw_only=True)
class Check:
    """One rule. ``run(context)`` yields the findings; each must carry ``rule == id``."""

    id: str = attrs.field(validator=_valid_id)
    severity: Severity = attrs.field(converter=Severity)
    #: what trips the rule, in a sentence (shown by ``docs/checks.md``)
    summary: str
    run: CheckFunction
    #: only runs when last year's report is given
    needs_previous: bool = False
    #: an example of the message a finding of this rule carries
    example: str = ""

    @property
    def name(self) -> str:
        """The id, under the name the plugin registry files everything by."""
        return self.id

    def findings(self, report: Report, previous: Report | None = None) -> list[Finding]:
        """Run this check alone on a report; exceptions propagate (for testing a rule)."""
        from govreport.checks.context import CheckContext

        return list(self.run(CheckContext(report, previous)) or ())


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

            run.__name__ = run.__qualname__ = function.__name__
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
