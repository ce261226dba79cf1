"""Imported by the server process that starts a batch's workers, once, before it starts any.

A worker is forked from that server, so whatever the server has loaded a worker starts with,
shared with the server until either writes to it. Loading it here rather than in each worker
saves each worker about 0.2 s of CPU: govreport's own plugins imported, the templates of the
built-in exporters compiled, the JSON converter's hooks and the rules' tables built, by running
each of them once over a made report.

Only govreport's own code runs here. Third-party plugins are loaded by each worker as before,
inside the batch's time limit: nothing here has one, and a plugin that hung here would stop every
worker from starting. Whatever fails here is left for a worker to meet again and report: this is
a head start, never a step a batch depends on.
"""

from __future__ import annotations

import warnings


def warm() -> None:
    """Run the built-in plugins once over a made report: every built-in exporter with its default
    options, the JSON importer's converter, and every built-in rule."""
    from govreport.checks import check
    from govreport.plugins import Registry
    from govreport.serialize import dumps, loads
    from govreport.testing import complete_report

    registry = Registry()  # the built-ins alone: no entry point is looked up or loaded
    registry.load_builtins()
    report = complete_report()
    loads(dumps(report))
    for name in ("json", "text", "html", "docx"):
        exporter = registry.exporter(name)
        exporter.render(report, **exporter.resolve_options({}))
    check(report, registry=registry)


def _warm_quietly() -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warm()
    except Exception:  # noqa: BLE001 - a head start only: the worker meets and reports the failure itself
        pass


_warm_quietly()
