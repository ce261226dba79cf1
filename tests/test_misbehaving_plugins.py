"""Plugins that raise, hang, die or return the wrong type: each failure is reported by the plugin's
name, one line per input, and the rest of the batch goes on (`--timeout` stops what hangs)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import govreport
from govreport.errors import ExportError, ReadError
from govreport.pool import KILL_GRACE_SECONDS

pytestmark = pytest.mark.usefixtures("clean_registry")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "wangfu-2022" / "report.json"

# One exporter that misbehaves according to a word in the issuing body's name, so that one batch
# holds good inputs and each kind of bad one.
PICKY = """
import os, signal, time
import govreport

def render(report):
    body = report.metadata.issuing_body
    if "RAISE" in body:
        raise RuntimeError("picky does not like this one")
    if "SLEEP" in body:
        while True:
            time.sleep(1)
    if "SPIN" in body:
        while True:
            pass
    if "DEAF" in body:  # a hang the worker's alarm cannot interrupt (as in C code)
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
        while True:
            time.sleep(1)
    if "WRONG" in body:
        return body
    if "DIE" in body:
        os._exit(3)
    return body.encode("utf-8")

@govreport.hookimpl
def register_exporters():
    return [govreport.Exporter(name="picky", description="misbehaves on cue", extension=".picky",
                               media_type="text/plain", render=render)]
"""

BAD_IMPORTER = """
import govreport

def read(data, *, source=None):
    return 42

def detect(data):
    raise RuntimeError("detect exploded")

@govreport.hookimpl
def register_importers():
    return [govreport.Importer(name="badimport", description="returns junk", extensions=(".bad",),
                               read=read, detect=detect)]
"""


def add_bad_importer(plugin_site) -> None:
    plugin_site.add(
        "badimport-plugin", entry_points={"badimport": "badimport_mod"}, modules={"badimport_mod": BAD_IMPORTER}
    )


def write_input(folder: Path, name: str, word: str) -> Path:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["metadata"]["issuing_body"] = f"{word}街道办事处"
    path = folder / f"{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def picky_env(plugin_site) -> dict[str, str]:
    plugin_site.add("picky-plugin", entry_points={"picky": "picky_mod"}, modules={"picky_mod": PICKY})
    plugin_site.add(
        "badimport-plugin", entry_points={"badimport": "badimport_mod"}, modules={"badimport_mod": BAD_IMPORTER}
    )
    return plugin_site.env()


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("govreport: error: ")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_goes_on_past_plugins_that_raise_hang_die_or_return_junk(run_cli, picky_env, tmp_path, jobs) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    words = {"a": "GOOD", "b": "RAISE", "c": "SLEEP", "d": "SPIN", "e": "WRONG", "f": "DIE", "g": "FINE"}
    for name, word in words.items():
        write_input(inputs, name, word)
    out = tmp_path / "out"
    timeout = 2.0
    started = time.monotonic()
    result = run_cli(
        "render", inputs, "--to", "json,picky", "-o", out, "-j", jobs, "--timeout", str(timeout), env=picky_env
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    # the good inputs are written in full, the bad ones not at all
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "a.picky", "g.json", "g.picky"]
    assert (out / "g.picky").read_text(encoding="utf-8") == "FINE街道办事处"
    errors = {line.split(": ")[2].rsplit("/", 1)[-1]: line for line in error_lines(result.stderr)}
    assert sorted(errors) == ["b.json", "c.json", "d.json", "e.json", "f.json"]
    plugin = "(plugin picky (picky-plugin 1.0))"
    assert "format 'picky'" in errors["b.json"]
    assert plugin in errors["b.json"]
    assert "RuntimeError: picky does not like this one" in errors["b.json"]
    for hung in ("c.json", "d.json"):
        assert f"timed out after {timeout:g} s while exporting to format 'picky'" in errors[hung]
        assert plugin in errors[hung]
    assert "returned str, not bytes" in errors["e.json"]
    assert plugin in errors["e.json"]
    assert "worker process died (exit code 3)" in errors["f.json"]
    assert "govreport: 5 of 7 inputs failed" in result.stderr
    # the written outputs are listed on stdout in input order
    assert result.stdout.split() == [str(out / name) for name in ("a.json", "a.picky", "g.json", "g.picky")]
    # two hangs of 2 s each, not an endless wait (generous: the machine is shared)
    assert elapsed < 60


def test_a_hang_that_ignores_the_alarm_is_killed(run_cli, picky_env, tmp_path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_input(inputs, "a", "DEAF")
    write_input(inputs, "b", "GOOD")
    out = tmp_path / "out"
    result = run_cli("render", inputs, "--to", "picky", "-o", out, "-j", "1", "--timeout", "1", env=picky_env)
    assert result.returncode == 2
    (line,) = error_lines(result.stderr)
    assert "a.json: timed out after 1 s; the worker was stopped" in line
    assert sorted(p.name for p in out.iterdir()) == ["b.picky"]
    assert KILL_GRACE_SECONDS < 30


def test_check_goes_on_past_an_input_that_hangs_its_importer(run_cli, plugin_site, tmp_path) -> None:
    hanging = BAD_IMPORTER.replace("return 42", "import time\n    while True: time.sleep(1)")
    plugin_site.add("hang-plugin", entry_points={"hang": "hang_mod"}, modules={"hang_mod": hanging})
    (tmp_path / "a.bad").write_text("x", encoding="utf-8")
    good = tmp_path / "b.json"
    good.write_bytes(EXAMPLE.read_bytes())
    result = run_cli("check", tmp_path / "a.bad", good, "--timeout", "1", "-j", "2", env=plugin_site.env())
    assert result.returncode == 2
    (line,) = error_lines(result.stderr)
    assert "a.bad: timed out after 1 s while reading with importer 'badimport' (plugin hang (hang-plugin 1.0))" in line
    assert "青州市王府街道办事处" in result.stdout  # the good one was checked


def test_an_importer_that_returns_junk_is_named(plugin_site, tmp_path) -> None:
    plugin_site.add(
        "badimport-plugin", entry_points={"badimport": "badimport_mod"}, modules={"badimport_mod": BAD_IMPORTER}
    )
    plugin_site.activate()
    path = tmp_path / "a.bad"
    path.write_text("x", encoding="utf-8")
    expected = r"importer 'badimport' \(plugin badimport \(badimport-plugin 1\.0\)\) returned int"
    with pytest.raises(ReadError, match=expected):
        govreport.read(path)


def test_a_detect_that_raises_is_skipped_not_fatal(plugin_site, tmp_path) -> None:
    plugin_site.add(
        "badimport-plugin", entry_points={"badimport": "badimport_mod"}, modules={"badimport_mod": BAD_IMPORTER}
    )
    plugin_site.activate()
    # a file without a known extension: every importer's detect is asked, ours raises
    path = tmp_path / "report"
    path.write_bytes(EXAMPLE.read_bytes())
    assert govreport.read(path).report == govreport.load(EXAMPLE)


def test_an_exporter_that_returns_junk_is_named_in_process(plugin_site) -> None:
    plugin_site.add("picky-plugin", entry_points={"picky": "picky_mod"}, modules={"picky_mod": PICKY})
    plugin_site.activate()
    report = govreport.load(write_input(plugin_site.path, "w", "WRONG"))
    expected = r"format 'picky' \(plugin picky \(picky-plugin 1\.0\)\) returned str, not bytes"
    with pytest.raises(ExportError, match=expected):
        govreport.export(report, "picky")


def test_timeout_must_be_a_positive_number(run_cli, tmp_path) -> None:
    for bad in ("0", "-1", "soon", "inf"):
        result = run_cli("render", EXAMPLE, "--to", "json", "-o", tmp_path, "--timeout", bad)
        assert result.returncode == 2
        assert "--timeout" in result.stderr
        assert "Traceback" not in result.stderr
