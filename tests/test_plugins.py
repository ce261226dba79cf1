"""The plugin registry: lazy loading, built-ins as plugins, and every way a plugin can fail."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

import govreport
from govreport import plugins
from govreport.plugins import PluginLoadWarning

# The built-in formats, whatever they are as the project grows: the tests below are about what
# plugins add to them.
BUILTIN_EXPORTERS = frozenset(
    info.name for info in plugins.build_registry(autoload=False).formats() if info.kind == "exporter"
)
BUILTIN_FORMATS = frozenset(info.name for info in plugins.build_registry(autoload=False).formats())
# The exporters of the plugins installed in this environment (in CI, the repository's own plugins
# under plugins/ and examples/): what a test plugin adds comes on top of them.
INSTALLED_EXPORTERS = (
    frozenset(info.name for info in plugins.build_registry(autoload=True).formats() if info.kind == "exporter")
    - BUILTIN_EXPORTERS
)

pytestmark = pytest.mark.usefixtures("clean_registry")

BROKEN_MODULE = 'raise RuntimeError("brokenplug exploded on import")\n'


def exporter_module(
    name: str, *, extension: str = ".out", body: str = 'return b"ok"', hook: str | None = "register_exporters"
) -> str:
    """Source of a plugin module with one exporter ``name`` whose render runs ``body``, offered by ``hook``."""
    source = f"""
import govreport

def render(report, *, shout=False):
    {body}

EXPORTER = govreport.Exporter(
    name={name!r},
    description="a test format",
    extension={extension!r},
    media_type="text/plain",
    render=render,
    options=(govreport.ExportOption(name="shout", type="bool", default=False, help="louder"),),
)
"""
    if hook is not None:
        source += f"\n@govreport.hookimpl\ndef {hook}():\n    return [EXPORTER]\n"
    return source


GOOD_BODY = 'text = report.metadata.issuing_body\n    return (text + "!" if shout else text).encode("utf-8")'


def add_broken(plugin_site) -> None:
    plugin_site.add("brokenplug", entry_points={"broken": "brokenplug_mod"}, modules={"brokenplug_mod": BROKEN_MODULE})


def build(**kwargs) -> plugins.Registry:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginLoadWarning)
        return plugins.build_registry(**kwargs)


def failures_of(registry: plugins.Registry, name: str) -> list[plugins.PluginFailure]:
    return [failure for failure in registry.failures if failure.plugin.name == name]


# -- lazy loading -------------------------------------------------------------------------------


FORBIDDEN_AT_IMPORT = ("docx", "pluggy", "jinja2", "govreport.exporters", "govreport.importers", "govreport.plugins")


def imported_modules(code: str) -> tuple[set[str], set[str]]:
    """The modules ``-X importtime`` reports for ``code``, and ``sys.modules`` after it.

    importtime misses modules loaded through ``importlib.import_module``, as plugins are; the
    second set catches those.
    """
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script], capture_output=True, text=True, check=True
    )
    timed = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return timed, set(result.stdout.split())


def forbidden(names: set[str]) -> set[str]:
    return {name for name in names for bad in FORBIDDEN_AT_IMPORT if name == bad or name.startswith(bad + ".")}


def test_import_loads_no_plugin_and_no_docx() -> None:
    # `import govreport` alone loads nothing (tests/test_batch.py); using the API loads model and api
    timed, loaded = imported_modules("import govreport\nimport govreport.api\ngovreport.load")
    assert {"govreport", "govreport.model", "govreport.api"} <= timed, "importtime output not understood"
    assert forbidden(timed) == set()
    assert forbidden(loaded) == set()


def test_first_use_loads_plugins() -> None:
    # The control for the test above: the same measurement does see plugins once they are used.
    timed, loaded = imported_modules("import govreport\ngovreport.list_formats()")
    assert {"pluggy", "govreport.plugins", "govreport.exporters.text_table"} <= timed
    assert {"govreport.exporters.json", "govreport.exporters.text", "govreport.importers.json"} <= loaded
    assert "docx" not in loaded


# -- built-ins -----------------------------------------------------------------------------------


def test_builtins_register_through_the_hooks() -> None:
    registry = build(autoload=False)
    exporter_impls = {impl.plugin_name for impl in registry.manager.hook.register_exporters.get_hookimpls()}
    importer_impls = {impl.plugin_name for impl in registry.manager.hook.register_importers.get_hookimpls()}
    builtins = set(plugins.BUILTIN_PLUGINS)
    assert {"govreport.exporters.json", "govreport.exporters.text"} <= exporter_impls <= builtins
    # every built-in exporter came through the hook, none through a side door
    assert {registry.exporter_source(name).name for name in BUILTIN_EXPORTERS} <= exporter_impls
    assert {"govreport.importers.json", "govreport.importers.text"} <= importer_impls <= builtins

    from govreport.exporters import json as json_exporter, text as text_exporter

    assert registry.exporter("json") is json_exporter.JSON
    assert registry.exporter("text") is text_exporter.TEXT
    assert registry.exporter_source("text").builtin
    assert registry.failures == []


def test_builtins_alone() -> None:
    registry = build(builtins=False, autoload=False)
    assert registry.formats() == []
    with pytest.raises(govreport.UnknownFormatError):
        registry.exporter("json")


# -- a plugin that cannot be imported -----------------------------------------------------------


def test_broken_plugin_is_a_listed_failure_in_process(plugin_site, example_report) -> None:
    add_broken(plugin_site)
    plugin_site.activate()
    with pytest.warns(PluginLoadWarning, match="brokenplug exploded"):
        registry = plugins.build_registry()
    [failure] = registry.failures
    assert failure.plugin.name == "broken"
    assert failure.plugin.distribution == "brokenplug"
    assert failure.plugin.version == "1.0"
    assert "RuntimeError" in failure.error
    assert "brokenplug exploded" in failure.error
    assert "broken (brokenplug 1.0)" in str(failure)

    plugins.reset_registry(lambda: registry)
    report = govreport.load(example_report)
    assert json.loads(govreport.export(report, "json"))["metadata"]["year"] == 2022
    assert "2022" in govreport.export(report, "text").decode("utf-8")
    assert [f.plugin.name for f in govreport.plugin_failures()] == ["broken"]


def test_broken_plugin_through_the_process_wide_registry(plugin_site, example_report) -> None:
    add_broken(plugin_site)
    plugin_site.activate()
    plugins.reset_registry()
    with pytest.warns(PluginLoadWarning):
        names = {info.name for info in govreport.list_formats() if info.kind == "exporter"}
    assert names == BUILTIN_EXPORTERS | INSTALLED_EXPORTERS
    assert govreport.export(govreport.load(example_report), "text")


def test_broken_plugin_cli(plugin_site, example_report, run_cli, tmp_path) -> None:
    add_broken(plugin_site)
    env = plugin_site.env()

    listing = run_cli("formats", env=env)
    assert listing.returncode == 0, listing.stderr
    assert "Traceback" not in listing.stderr
    lines = listing.stdout.splitlines()
    assert any(line.split()[0] == "json" for line in lines if line.startswith("  "))
    assert any(line.split()[0] == "text" for line in lines if line.startswith("  "))
    assert "Plugin failures:" in listing.stdout
    assert "broken (brokenplug 1.0)" in listing.stdout
    assert "brokenplug exploded" in listing.stdout

    out = tmp_path / "out"
    rendered = run_cli("render", example_report, "--to", "json,text", "-o", out, env=env)
    assert rendered.returncode == 0, rendered.stderr
    assert "Traceback" not in rendered.stderr
    assert (out / "report.json").is_file()
    assert (out / "report.txt").is_file()


# -- a working third-party plugin ---------------------------------------------------------------


def test_working_plugin_in_process(plugin_site, example_report) -> None:
    plugin_site.add(
        "bodyplug",
        version="2.3.1",
        entry_points={"body": "bodyplug_mod"},
        modules={"bodyplug_mod": exporter_module("body", extension=".body", body=GOOD_BODY)},
    )
    plugin_site.activate()
    registry = build()
    assert registry.failures == []
    [info] = [info for info in registry.formats() if info.name == "body"]
    assert (info.plugin.name, info.plugin.distribution, info.plugin.version) == ("body", "bodyplug", "2.3.1")
    assert not info.plugin.builtin
    plugins.reset_registry(lambda: registry)
    report = govreport.load(example_report)
    assert govreport.export(report, "body") == "青州市王府街道办事处".encode()
    assert govreport.export(report, "body", shout=True) == "青州市王府街道办事处!".encode()
    assert govreport.export(report, "body", shout="yes") == "青州市王府街道办事处!".encode()


def test_working_plugin_cli(plugin_site, example_report, run_cli, tmp_path) -> None:
    plugin_site.add(
        "bodyplug",
        version="2.3.1",
        entry_points={"body": "bodyplug_mod"},
        modules={"bodyplug_mod": exporter_module("body", extension=".body", body=GOOD_BODY)},
    )
    env = plugin_site.env()
    listing = run_cli("formats", env=env)
    assert listing.returncode == 0, listing.stderr
    [line] = [line for line in listing.stdout.splitlines() if line.split()[:1] == ["body"]]
    assert "bodyplug 2.3.1" in line
    assert "plugin body" in line
    assert "Plugin failures" not in listing.stdout

    out = tmp_path / "out"
    rendered = run_cli("render", example_report, "--to", "body,text", "-o", out, "-O", "shout=1", env=env)
    assert rendered.returncode == 0, rendered.stderr
    assert (out / "report.body").read_text(encoding="utf-8") == "青州市王府街道办事处!"
    assert (out / "report.txt").is_file()


def test_plugin_given_as_module_attribute(plugin_site) -> None:
    # An entry point may name an object in a module rather than the module itself.
    source = exporter_module("attr") + "\nclass Plugin:\n    register_exporters = staticmethod(register_exporters)\n"
    plugin_site.add("attrplug", entry_points={"attr": "attrplug_mod:Plugin"}, modules={"attrplug_mod": source})
    plugin_site.activate()
    registry = build()
    assert registry.failures == []
    assert registry.exporter("attr").name == "attr"


# -- plugins that are wrong in other ways -------------------------------------------------------


def test_misspelled_hook_is_a_listed_failure(plugin_site, example_report) -> None:
    plugin_site.add(
        "typoplug",
        entry_points={"typo": "typoplug_mod"},
        modules={"typoplug_mod": exporter_module("typo", hook="register_exporter")},
    )
    plugin_site.activate()
    with pytest.warns(PluginLoadWarning, match="register_exporter"):
        registry = plugins.build_registry()
    [failure] = registry.failures
    assert failure.plugin.name == "typo"
    assert "register_exporter" in failure.error
    assert not registry.manager.has_plugin("typo")
    registry.manager.check_pending()  # the broken plugin left nothing behind
    with pytest.raises(govreport.UnknownFormatError):
        registry.exporter("typo")
    plugins.reset_registry(lambda: registry)
    assert govreport.export(govreport.load(example_report), "json")


@pytest.mark.parametrize(
    ("hook_source", "expected"),
    [
        ('raise ValueError("hook went wrong")', "raised ValueError: hook went wrong"),
        ('return ["not an exporter"]', "returned str, not Exporter"),
        ("return [EXPORTER, 42]", "returned int, not Exporter"),
        ("return EXPORTER", "must return a list of Exporter, not"),
        ('return "text"', "must return a list of Exporter, not"),
    ],
)
def test_hook_that_raises_or_returns_garbage(plugin_site, hook_source, expected) -> None:
    source = (
        exporter_module("bad", hook=None) + f"\n@govreport.hookimpl\ndef register_exporters():\n    {hook_source}\n"
    )
    plugin_site.add("badplug", entry_points={"bad": "badplug_mod"}, modules={"badplug_mod": source})
    plugin_site.activate()
    with pytest.warns(PluginLoadWarning):
        registry = plugins.build_registry()
    assert registry.failures, "the bad hook was not reported"
    assert all(failure.plugin.name == "bad" for failure in registry.failures)
    assert any(expected in failure.error for failure in registry.failures), registry.failures
    assert len(registry.failures) == 1
    assert registry.exporter("text").name == "text"


def test_hook_returning_a_string_is_not_split_into_letters(plugin_site) -> None:
    source = 'import govreport\n\n@govreport.hookimpl\ndef register_exporters():\n    return "abc"\n'
    plugin_site.add("strplug", entry_points={"str": "strplug_mod"}, modules={"strplug_mod": source})
    plugin_site.activate()
    registry = build()
    assert len(registry.failures) == 1


def test_duplicate_format_names(plugin_site, example_report, run_cli, tmp_path) -> None:
    plugin_site.add("dupa", entry_points={"dupa": "dupa_mod"}, modules={"dupa_mod": exporter_module("same")})
    plugin_site.add("dupb", entry_points={"dupb": "dupb_mod"}, modules={"dupb_mod": exporter_module("same")})
    plugin_site.activate()
    registry = build()
    with pytest.raises(govreport.DuplicateFormatError) as caught:
        registry.exporter("same")
    message = str(caught.value)
    assert "dupa (dupa 1.0)" in message
    assert "dupb (dupb 1.0)" in message
    assert isinstance(caught.value, govreport.PluginError)
    assert any("same" in conflict and "dupa" in conflict and "dupb" in conflict for conflict in registry.conflicts())

    plugins.reset_registry(lambda: registry)
    report = govreport.load(example_report)
    with pytest.raises(govreport.DuplicateFormatError):
        govreport.export(report, "same")
    assert govreport.export(report, "json")

    env = plugin_site.env()
    listing = run_cli("formats", env=env)
    assert listing.returncode == 0
    failures = listing.stdout.split("Plugin failures:", 1)[1]
    assert "'same'" in failures
    assert "dupa" in failures
    assert "dupb" in failures
    rendered = run_cli("render", example_report, "--to", "same", "-o", tmp_path / "out", env=env)
    assert rendered.returncode == 2
    assert "dupa" in rendered.stderr
    assert "dupb" in rendered.stderr
    assert "Traceback" not in rendered.stderr
    assert run_cli("render", example_report, "--to", "text", "-o", tmp_path / "out", env=env).returncode == 0


def test_plugin_cannot_take_over_a_builtin_name(plugin_site) -> None:
    plugin_site.add(
        "jsonish", entry_points={"jsonish": "jsonish_mod"}, modules={"jsonish_mod": exporter_module("json")}
    )
    plugin_site.activate()
    registry = build()
    with pytest.raises(govreport.DuplicateFormatError, match="jsonish"):
        registry.exporter("json")
    assert registry.exporter("text").name == "text"


def test_unknown_format(example_report) -> None:
    with pytest.raises(govreport.UnknownFormatError) as caught:
        govreport.export(govreport.load(example_report), "nope")
    assert isinstance(caught.value, LookupError)
    known = sorted(BUILTIN_EXPORTERS | INSTALLED_EXPORTERS)
    assert str(caught.value) == "unknown exporter 'nope'; known: " + ", ".join(known)
    assert caught.value.known == tuple(known)


def test_same_module_from_two_entry_points(plugin_site) -> None:
    # The second registration fails; the first must stay registered and working.
    plugin_site.add(
        "twice",
        entry_points={"first": "twice_mod", "second": "twice_mod"},
        modules={"twice_mod": exporter_module("twice")},
    )
    plugin_site.activate()
    registry = build()
    assert [failure.plugin.name for failure in registry.failures] == ["second"]
    assert registry.manager.has_plugin("first")
    assert registry.exporter_source("twice").name == "first"


def test_plugin_that_uses_the_registry_while_loading(plugin_site, run_cli) -> None:
    # Must not deadlock (a subprocess with a timeout, so a hang cannot stall the suite).
    source = "import govreport\n\ngovreport.list_formats()\n" + exporter_module("eager").split("import govreport", 1)[1]
    plugin_site.add("eagerplug", entry_points={"eager": "eagerplug_mod"}, modules={"eagerplug_mod": source})
    listing = run_cli("formats", env=plugin_site.env(), timeout=30)
    assert listing.returncode == 0, listing.stderr
    failures = listing.stdout.split("Plugin failures:", 1)[1]
    assert "eager (eagerplug 1.0)" in failures
    assert "still loading" in failures
    assert "text" in listing.stdout.split("Plugin failures:", 1)[0]


# -- failures while exporting -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('raise KeyError("missing piece")', "failed: KeyError"),
        ('return "a str, not bytes"', "returned str, not bytes"),
        ("return None", "returned NoneType, not bytes"),
    ],
)
def test_exporter_failure_is_an_export_error(plugin_site, example_report, body, expected) -> None:
    plugin_site.add(
        "failplug",
        entry_points={"failing": "failplug_mod"},
        modules={"failplug_mod": exporter_module("failing", body=body)},
    )
    plugin_site.activate()
    report = govreport.load(example_report)
    with pytest.raises(govreport.ExportError) as caught:
        govreport.export(report, "failing")
    message = str(caught.value)
    assert expected in message
    assert "'failing'" in message
    assert "failplug" in message
    assert govreport.export(report, "text")


def test_export_file_by_suffix(plugin_site, example_report, tmp_path) -> None:
    plugin_site.add(
        "bodyplug",
        entry_points={"body": "bodyplug_mod"},
        modules={"bodyplug_mod": exporter_module("body", extension=".body", body=GOOD_BODY)},
    )
    plugin_site.activate()
    report = govreport.load(example_report)
    target = govreport.export_file(report, tmp_path / "x.body")
    assert target.read_text(encoding="utf-8") == "青州市王府街道办事处"
    with pytest.raises(govreport.UnknownFormatError, match=r"\.body"):
        govreport.export_file(report, tmp_path / "x.nope")
    assert not (tmp_path / "x.nope").exists()


# -- environment --------------------------------------------------------------------------------


def add_two_plugins(plugin_site) -> None:
    plugin_site.add("oneplug", entry_points={"one": "oneplug_mod"}, modules={"oneplug_mod": exporter_module("one")})
    plugin_site.add("twoplug", entry_points={"two": "twoplug_mod"}, modules={"twoplug_mod": exporter_module("two")})
    plugin_site.activate()


def exporter_names(registry: plugins.Registry) -> set[str]:
    return {info.name for info in registry.formats() if info.kind == "exporter"}


def test_all_plugins_load_by_default(plugin_site, monkeypatch) -> None:
    add_two_plugins(plugin_site)
    monkeypatch.delenv(plugins.DISABLE_AUTOLOAD_ENV, raising=False)
    monkeypatch.delenv(plugins.ONLY_PLUGINS_ENV, raising=False)
    assert exporter_names(build()) == BUILTIN_EXPORTERS | INSTALLED_EXPORTERS | {"one", "two"}


@pytest.mark.parametrize("value", ["1", "true", "YES"])
def test_disable_autoload(plugin_site, monkeypatch, value) -> None:
    add_two_plugins(plugin_site)
    add_broken(plugin_site)
    monkeypatch.setenv(plugins.DISABLE_AUTOLOAD_ENV, value)
    monkeypatch.delenv(plugins.ONLY_PLUGINS_ENV, raising=False)
    registry = build()
    assert exporter_names(registry) == BUILTIN_EXPORTERS
    assert registry.failures == []
    assert not {"oneplug_mod", "twoplug_mod"} & set(sys.modules)


def test_only_named_plugins(plugin_site, monkeypatch) -> None:
    add_two_plugins(plugin_site)
    add_broken(plugin_site)
    monkeypatch.delenv(plugins.DISABLE_AUTOLOAD_ENV, raising=False)
    monkeypatch.setenv(plugins.ONLY_PLUGINS_ENV, "two")
    registry = build()
    assert exporter_names(registry) == BUILTIN_EXPORTERS | {"two"}
    assert registry.failures == []
    assert "oneplug_mod" not in sys.modules


def test_only_names_a_plugin_that_is_not_installed(plugin_site, monkeypatch) -> None:
    add_two_plugins(plugin_site)
    monkeypatch.setenv(plugins.ONLY_PLUGINS_ENV, "two, nosuch")
    registry = build()
    assert exporter_names(registry) == BUILTIN_EXPORTERS | {"two"}
    [failure] = registry.failures
    assert failure.plugin.name == "nosuch"
    assert "not installed" in failure.error


def test_environment_in_the_cli(plugin_site, run_cli) -> None:
    add_two_plugins(plugin_site)
    disabled = run_cli("formats", env=plugin_site.env(GOVREPORT_DISABLE_PLUGIN_AUTOLOAD="1"))
    assert disabled.returncode == 0
    names = {line.split()[0] for line in disabled.stdout.splitlines() if line.startswith("  ")}
    assert names == BUILTIN_FORMATS  # exporters and importers
    only = run_cli("formats", env=plugin_site.env(GOVREPORT_PLUGINS="one"))
    names = {line.split()[0] for line in only.stdout.splitlines() if line.startswith("  ")}
    assert names == BUILTIN_FORMATS | {"one"}


# -- exporter options ---------------------------------------------------------------------------


def test_unknown_option_lists_the_options(example_report) -> None:
    report = govreport.load(example_report)
    with pytest.raises(ValueError, match="no option bogus") as caught:
        govreport.export(report, "text", bogus=1)
    assert isinstance(caught.value, govreport.GovReportError)
    for option in ("width", "blank", "template_dir"):
        assert option in str(caught.value)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"width": "wide"}, "expects int, got 'wide'"),
        ({"width": 8.5}, "expects int, got float"),
        ({"width": True}, "expects int, got bool"),
        ({"blank": 0}, "expects str, got int"),
        ({"template_dir": 3}, "expects path, got int"),
    ],
)
def test_option_of_the_wrong_type(example_report, options, match) -> None:
    report = govreport.load(example_report)
    with pytest.raises(govreport.GovReportError, match=match):
        govreport.export(report, "text", **options)


def test_options_are_converted_and_applied(example_report) -> None:
    from govreport.textwidth import display_width

    report = govreport.load(example_report)
    default = govreport.export(report, "text").decode("utf-8")
    narrow = govreport.export(report, "text", width="80").decode("utf-8")
    assert narrow == govreport.export(report, "text", width=80).decode("utf-8")
    assert narrow != default
    table_lines = [line for line in narrow.splitlines() if line[:1] in "+|"]
    assert max(display_width(line) for line in table_lines) == 80
    # An optional option may be passed as None, meaning "not given".
    assert govreport.export(report, "text", template_dir=None).decode("utf-8") == default
    assert govreport.export(report, "json", indent=0).count(b"\n") == 1
