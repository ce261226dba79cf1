"""Shared fixtures. Keep this small and generic; add fixtures, don't remove others'."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles (docs/robustness.md): "ci", the default, and "nightly", chosen with
# HYPOTHESIS_PROFILE=nightly. A test that sets max_examples itself scales it with
# strategies.examples(), so that nightly raises every count, not only the defaults.
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile(
    "nightly", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "wangfu-2022" / "report.json"


@pytest.fixture
def clean_registry() -> Iterator[None]:
    """Forget the process-wide plugin registry before and after the test."""
    from govreport.plugins import reset_registry

    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def example_report() -> Path:
    """The path of a complete, valid example report (JSON)."""
    return EXAMPLE


class PluginSite:
    """A directory that looks like site-packages: fake installed distributions with entry points.

    ``add()`` writes ``NAME-VERSION.dist-info/{METADATA,entry_points.txt}`` and the plugin's
    modules. ``activate()`` puts the directory on ``sys.path`` for this test only; ``env()`` is
    an environment for a subprocess that sees the plugins through ``PYTHONPATH``.
    """

    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = path
        self._monkeypatch = monkeypatch
        self.modules: set[str] = set()

    def add(
        self,
        distribution: str,
        *,
        entry_points: Mapping[str, str],
        modules: Mapping[str, str],
        version: str = "1.0",
        group: str = "govreport",
    ) -> Path:
        """A distribution with ``entry_points`` ({name: "module[:attr]"}) and ``modules`` ({name: source})."""
        self.path.mkdir(parents=True, exist_ok=True)
        info = self.path / f"{distribution}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n", encoding="utf-8"
        )
        lines = [f"[{group}]", *(f"{name} = {target}" for name, target in entry_points.items())]
        (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for module, source in modules.items():
            (self.path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            self.modules.add(module)
        importlib.invalidate_caches()
        return info

    def activate(self) -> None:
        self._monkeypatch.syspath_prepend(str(self.path))
        importlib.invalidate_caches()

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORT_")}
        env["PYTHONPATH"] = str(self.path)
        env["PYTHONIOENCODING"] = "utf-8"
        env.update(extra)
        return env

    def forget_modules(self) -> None:
        for module in self.modules:
            sys.modules.pop(module, None)


@pytest.fixture
def plugin_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PluginSite]:
    """A factory of fake installed plugin distributions (see :class:`PluginSite`)."""
    site = PluginSite(tmp_path / "site-packages", monkeypatch)
    yield site
    site.forget_modules()


def run_govreport(
    *args: str | os.PathLike[str],
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``python -m govreport ARGS`` in a subprocess; text output, never raises on a bad exit code."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORT_")}
        env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "govreport", *map(os.fspath, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(env),
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run_cli(*args, env=None, cwd=None, timeout=120)``: ``python -m govreport ARGS`` in a subprocess."""
    return run_govreport
