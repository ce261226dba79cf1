"""The batch's workers start with govreport's built-in plugins loaded by their server, and with no
third-party plugin: those each worker loads itself, inside the batch's time limit."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govreport import forkserver_preload

# What a new worker holds, asked in a process of its own (a server started by another test of this
# process would have no preload) by a function whose module imports nothing of govreport: what the
# worker has, its server gave it.
PROBE = """
import sys


def held():
    from govreport import plugins, templating

    return {
        "modules": sorted(sys.modules),
        "registry built": plugins._registry is not None,
        "templates compiled": templating.environment.cache_info().currsize,
    }
"""

DRIVER = """
if __name__ == "__main__":
    import json, sys
    sys.path.insert(0, sys.argv[1])
    from govreport.batch import _worker_context
    import probe

    context = _worker_context()
    with context.Pool(1) as pool:
        held = pool.apply(probe.held)
    print(json.dumps({"start method": context.get_start_method(), **held}))
"""


def third_party_plugin_modules() -> set[str]:
    return {entry.module.split(".")[0] for entry in importlib.metadata.entry_points(group="govreport")} - {"govreport"}


def test_a_worker_starts_with_the_built_in_plugins_run_once_and_no_third_party_plugin(tmp_path: Path) -> None:
    (tmp_path / "probe.py").write_text(textwrap.dedent(PROBE), encoding="utf-8")
    (tmp_path / "driver.py").write_text(textwrap.dedent(DRIVER), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, tmp_path / "driver.py", tmp_path], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    held = json.loads(result.stdout)
    assert held["start method"] == "forkserver"  # Linux, where CI runs
    from govreport.plugins import BUILTIN_PLUGINS

    modules = set(held["modules"])
    assert set(BUILTIN_PLUGINS) <= modules
    assert "govreport.forkserver_preload" in modules
    assert held["templates compiled"] > 0
    # The process-wide registry (built-ins and entry points) is the worker's own to build.
    assert held["registry built"] is False
    assert not third_party_plugin_modules() & modules


def test_a_failure_while_warming_up_is_left_for_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("a built-in broke")

    monkeypatch.setattr(forkserver_preload, "warm", broken)
    forkserver_preload._warm_quietly()  # does not raise: the server must start whatever happens


def test_warming_up_runs_every_built_in_exporter_without_error() -> None:
    # _warm_quietly hides failures; the warm-up itself must work, or workers get no head start.
    forkserver_preload.warm()
