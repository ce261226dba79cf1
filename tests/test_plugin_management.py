"""Choosing plugins on the command line, and a plugin that fails while exporting."""

from __future__ import annotations

import pytest

from govreport import plugins

pytestmark = pytest.mark.usefixtures("clean_registry")

BUILTIN_EXPORTERS = frozenset(
    info.name for info in plugins.build_registry(autoload=False).formats() if info.kind == "exporter"
)

RAISING = """
import govreport

def render(report):
    raise RuntimeError("the plugin's own bug")

@govreport.hookimpl
def register_exporters():
    return [govreport.Exporter(name="boom", description="raises", extension=".boom", media_type="", render=render)]
"""

WORKING = """
import govreport

@govreport.hookimpl
def register_exporters():
    return [govreport.Exporter(name="fine", description="works", extension=".fine", media_type="",
                               render=lambda report: b"fine")]
"""


@pytest.fixture
def site(plugin_site):  # type: ignore[no-untyped-def]
    plugin_site.add("govreport_boom", entry_points={"boomplug": "boom_mod"}, modules={"boom_mod": RAISING})
    plugin_site.add("govreport_fine", entry_points={"fineplug": "fine_mod"}, modules={"fine_mod": WORKING})
    return plugin_site


def exporters_listed(stdout: str) -> set[str]:
    section = stdout.split("Importers:")[0]
    return {line.split()[0] for line in section.splitlines() if line.startswith("  ")}


def test_a_plugin_raising_during_export_is_named_with_its_format(site, run_cli, example_report, tmp_path) -> None:
    result = run_cli("render", example_report, "--to", "boom", "-o", tmp_path, env=site.env())
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    # the input first (a batch may have thousands), then the format and the plugin that failed
    assert line == (
        f"govreport: error: {example_report}: format 'boom' (plugin boomplug (govreport_boom 1.0)) failed: "
        "RuntimeError: the plugin's own bug"
    )
    assert not (tmp_path / "report.boom").exists()


def test_plugins_option_loads_only_the_named_plugins(site, run_cli) -> None:
    everything = run_cli("formats", env=site.env())
    assert {"boom", "fine"} <= exporters_listed(everything.stdout)
    only = run_cli("--plugins", "fineplug", "formats", env=site.env())
    assert only.returncode == 0, only.stderr
    assert exporters_listed(only.stdout) == BUILTIN_EXPORTERS | {"fine"}
    none = run_cli("--plugins", "", "formats", env=site.env())
    assert exporters_listed(none.stdout) == BUILTIN_EXPORTERS


def test_plugins_option_overrides_the_environment(site, run_cli) -> None:
    result = run_cli(
        "--plugins",
        "boomplug",
        "formats",
        env=site.env(GOVREPORT_PLUGINS="fineplug", GOVREPORT_DISABLE_PLUGIN_AUTOLOAD="1"),
    )
    assert exporters_listed(result.stdout) == BUILTIN_EXPORTERS | {"boom"}


def test_plugins_option_names_a_plugin_that_is_not_installed(site, run_cli) -> None:
    result = run_cli("--plugins", "fineplug,nothere", "formats", env=site.env())
    assert result.returncode == 0
    assert "nothere: not installed (no entry point 'nothere' in group 'govreport')" in result.stdout


def test_plugins_option_in_process_forgets_its_registry(site, example_report, tmp_path, capsys) -> None:
    from govreport.cli import main

    site.activate()
    assert main(["--plugins", "fineplug", "render", str(example_report), "--to", "fine", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "report.fine").read_bytes() == b"fine"
    assert plugins._registry is None  # the next use builds the registry from the environment again
