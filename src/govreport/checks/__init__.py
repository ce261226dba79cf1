"""Checks: the rules reviewers apply to an annual report, as plugins, and the engine that runs them.

``govreport.check(report, previous=None)`` runs every registered rule. A rule is a
:class:`Check`; plugins return checks from the ``register_checks`` hook, and the built-in rules
(:mod:`govreport.rules`, a package per rule group) are plugins of exactly that kind. This package
is the engine only: the context, running and dismissing, output, the catalogue, and in
:mod:`govreport.checks.support` the helpers several rule groups share. Importing it loads no rule
and no plugin.
"""

from govreport.checks.context import CheckContext
from govreport.checks.dismissals import Dismissal, Dismissals, DismissalsError
from govreport.checks.engine import CHECK_FAILED, CheckFailure, Emit, RuleSet
from govreport.checks.runner import CheckResult, check, run_checks
from govreport.checks.support.narrative import Passage
from govreport.formats import Check

__all__ = [
    "CHECK_FAILED",
    "Check",
    "CheckContext",
    "CheckFailure",
    "CheckResult",
    "Dismissal",
    "Dismissals",
    "DismissalsError",
    "Emit",
    "Passage",
    "RuleSet",
    "check",
    "run_checks",
]
