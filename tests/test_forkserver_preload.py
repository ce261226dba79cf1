"""The batch's workers start with govreport's built-in plugins loaded by their server, and with no
third-party plugin: those each worker loads itself, inside the batch's time limit."""

from __future__ import annotations

import importlib.metadata
import sys
from typing import Any

import pytest

from govreport import forkserver_preload
from govreport.batch import _worker_context


def what_a_new_worker_holds() -> dict[str, Any]:
    # Run in a worker as its very first call: what it holds, it was given by the server.
    from govreport import plugins, templating

    return {
        "modules": set(sys.modules),
        "registry built": plugins._registry is not None,
        "templates compiled": templating.environment.cache_info().currsize,
    }


def third_party_plugin_modules() -> set[str]:
    modules = set()
    for entry_point in importlib.metadata.entry_points(group="govreport"):
        modules.add(entry_point.module.split(".")[0])
    return modules


def test_a_worker_starts_with_the_built_in_plugins_run_once_and_no_third_party_plugin() -> None:
    context = _worker_context()
    assert context.get_start_method() == "forkserver"  # Linux, where CI runs
    with context.Pool(1) as pool:
        held = pool.apply(what_a_new_worker_holds)
    from govreport.plugins import BUILTIN_PLUGINS

    assert set(BUILTIN_PLUGINS) <= held["modules"]
    assert held["templates compiled"] > 0
    # The process-wide registry (built-ins and entry points) is the worker's own to build.
    assert held["registry built"] is False
    installed = third_party_plugin_modules() - {"govreport"}
    assert installed, "the CI environment installs the repository's plugins"
    assert not installed & held["modules"]


def test_a_failure_while_warming_up_is_left_for_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("a built-in broke")

    monkeypatch.setattr(forkserver_preload, "warm", broken)
    forkserver_preload._warm_quietly()  # does not raise: the server must start whatever happens


def test_warming_up_runs_every_built_in_exporter_without_error() -> None:
    # _warm_quietly hides failures; the warm-up itself must work, or workers get no head start.
    forkserver_preload.warm()
