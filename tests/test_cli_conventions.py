"""The command line as people expect it (issue 16): each of these failed before."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("clean_registry")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinghe-2023" / "report.json"


def test_options_after_the_subcommand_and_repeated_to(run_cli, tmp_path) -> None:
    result = run_cli("render", EXAMPLE, "--to", "json", "--to", "text", "-o", tmp_path, "-q", "--debug")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # -q: no written paths
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.txt"]


def test_an_empty_format_name_is_refused(run_cli, tmp_path) -> None:
    result = run_cli("render", EXAMPLE, "--to", "json,,text", "-o", tmp_path)
    assert result.returncode == 2
    assert result.stderr == "govreport: error: --to 'json,,text' has an empty format name\n"


def test_a_misspelt_option_names_the_one_meant(run_cli) -> None:
    result = run_cli("render", EXAMPLE, "--too", "json")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith("unrecognized arguments: --too json (did you mean --to?)")


def test_dash_o_dash_writes_to_stdout(run_cli, tmp_path) -> None:
    result = run_cli("render", EXAMPLE, "--to", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["metadata"]["year"] == 2023
    assert list(tmp_path.iterdir()) == []


def test_version_short_and_formats_as_json(run_cli) -> None:
    assert run_cli("-V").stdout.startswith("govreport ")
    listing = json.loads(run_cli("formats", "--to", "json").stdout)
    text = next(e for e in listing["exporters"] if e["name"] == "text")
    assert {"name": "width", "type": "int"}.items() <= next(o for o in text["options"] if o["name"] == "width").items()
    one = run_cli("formats", "text")
    assert one.returncode == 0
    assert "width" in one.stdout
    assert "int" in one.stdout


def test_completion_script(run_cli) -> None:
    result = run_cli("completion", "bash")
    assert result.returncode == 0
    assert "render" in result.stdout
    assert "complete" in result.stdout


def test_a_file_where_the_output_folder_should_be(run_cli, tmp_path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("render", EXAMPLE, "--to", "json", "-o", blocker)
    assert result.stderr == f"govreport: error: {blocker}: is a file, not a folder\n"


def test_a_read_only_output_needs_force(run_cli, tmp_path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    result = run_cli("render", EXAMPLE, "--to", "json", "-o", tmp_path)
    assert result.returncode == 2
    assert "is read-only; pass --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert run_cli("render", EXAMPLE, "--to", "json", "-o", tmp_path, "--force").returncode == 0


def test_a_folder_skips_build_folders_and_non_reports(run_cli, tmp_path) -> None:
    (tmp_path / "x.egg-info").mkdir()
    (tmp_path / "x.egg-info" / "SOURCES.txt").write_text("a\n", encoding="utf-8")
    (tmp_path / "README.txt").write_text("notes\n", encoding="utf-8")
    (tmp_path / "report.json").write_bytes(EXAMPLE.read_bytes())
    result = run_cli("render", tmp_path, "--to", "text", "-o", tmp_path / "out", "-v")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.txt"]
    assert "skipped" in result.stderr
    assert "README.txt" in result.stderr
    assert "x.egg-info" in result.stderr


def test_an_empty_file_is_an_error(run_cli, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("import", empty)
    assert result.returncode == 2
    assert result.stderr == f"govreport: error: {empty}: an empty file, not a report\n"


PLUGIN = """
import os, sys, threading, time, govreport

def render(report, **options):
    print("noise from a plugin")
    os.system("echo noise from a child")
    threading.Thread(target=time.sleep, args=(300,)).start()
    if os.environ.get("PLUGIN_EXIT"):
        sys.exit(3)
    return b"ok"

@govreport.hookimpl
def register_exporters():
    return [govreport.Exporter(name="noisy", description="noisy", extension=".noisy",
                               media_type="text/plain", render=render)]
"""


def test_a_plugin_cannot_corrupt_stdout_stall_exit_or_exit_silently(run_cli, plugin_site, tmp_path) -> None:
    plugin_site.add("noisy-plugin", entry_points={"noisy": "noisy_mod"}, modules={"noisy_mod": PLUGIN})
    start = time.monotonic()
    result = run_cli("render", EXAMPLE, "--to", "noisy", "-o", "-", env=plugin_site.env(), timeout=60)
    assert time.monotonic() - start < 60
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok"
    assert "noise from a plugin" in result.stderr
    assert "noise from a child" in result.stderr
    exited = run_cli("render", EXAMPLE, "--to", "noisy", "-o", tmp_path, env=plugin_site.env(PLUGIN_EXIT="1"))
    assert exited.returncode == 2
    assert "a plugin ended the process (sys.exit(3))" in exited.stderr


def test_sigterm_is_an_interrupt_with_no_temporary_file(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"r{i}.json").write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORT_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "govreport", "render", folder, "--to", "html,docx,text", "-o", out, "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    process.stdout.readline()  # something was written: the batch is under way
    process.send_signal(signal.SIGTERM)
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert stderr.splitlines()[-1] == "govreport: interrupted"
    assert "Traceback" not in stderr
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []


def test_an_internal_error_is_status_70_with_its_traceback_only_under_debug(monkeypatch, capsys, tmp_path) -> None:
    # A bug of govreport's own (not bad input, not a plugin): one line and status 70 (EX_SOFTWARE);
    # the traceback with --debug.
    from govreport import cli

    def broken(args: object) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setitem(cli._COMMANDS, "formats", broken)
    monkeypatch.delenv("GOVREPORT_DEBUG", raising=False)
    assert cli.main(["formats"]) == cli.EXIT_INTERNAL == 70
    err = capsys.readouterr().err
    assert err.strip() == "govreport: internal error: ZeroDivisionError: a bug (rerun with --debug)"
    with pytest.raises(ZeroDivisionError):
        cli.main(["formats", "--debug"])


CONTROLS = "\x1b]0;owned\x07\x1b[2J\x00\x08\x7f\x9b"


def test_control_characters_never_reach_a_terminal_or_a_text_file(run_cli, tmp_path) -> None:
    # ESC ] 0 ; … BEL sets a terminal's title, ESC [ 2 J clears it: shown as ␛ ␇ …, never sent.
    import attrs

    import govreport as g

    report = g.load(Path(__file__).parents[1] / "examples" / "wangfu-2022" / "report.json")
    hostile = attrs.evolve(report, overview=(g.Paragraph(text=f"正文{CONTROLS}结束"),))
    source = tmp_path / "hostile.json"
    g.dump(hostile, source)
    out = tmp_path / "out"
    result = run_cli("render", source, "--to", "text,markdown", "-o", out)
    assert result.returncode in (0, 1), result.stderr
    for name in ("hostile.txt", "hostile.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert not [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F], name
        shown = "正文␛]0;owned␇␛[2J␀␈␡\ufffd结束"
        assert shown in text.replace("\\", "")  # markdown escapes the brackets
    result = run_cli("render", source, "--to", "text", "-o", "-")
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout


def test_a_text_export_with_control_characters_still_reads_back_exactly(tmp_path) -> None:
    import attrs

    import govreport as g
    from govreport.importers.text import read_text

    report = g.load(Path(__file__).parents[1] / "examples" / "wangfu-2022" / "report.json")
    hostile = attrs.evolve(report, overview=(g.Paragraph(text=f"正文{CONTROLS}结束"),))
    exported = g.export(hostile, "text", annotations=True)
    assert b"\x1b" not in exported
    imported = read_text(exported)
    assert imported.report == hostile
    assert imported.findings == ()
