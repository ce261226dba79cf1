"""Checks: the rules reviewers apply to an annual report, as plugins, and the engine that runs them.

``govreport.check(report, previous=None)`` runs every registered rule. A rule is a
:class:`Check`; plugins return checks from the ``register_checks`` hook, and the built-in rules
(modules ``values``, ``arithmetic``, ``structure``, ``metadata``, ``text_tables``, ``writing``,
``across_years``, ``plausibility``) are plugins of exactly that kind. Importing this package
loads no rule and no plugin.
"""

from govreport.checks.context import CheckContext
from govreport.checks.dismissals import Dismissal, Dismissals, DismissalsError
from govreport.checks.engine import CHECK_FAILED, CheckFailure, Emit, RuleSet
from govreport.checks.narrative import Passage
from govreport.checks.runner import CheckResult, check, run_checks
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
