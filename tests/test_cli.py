"""The ``govreport`` command, run as ``python -m govreport`` in a subprocess, and atomic output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import govreport
from govreport import files
from govreport.errors import OutputFileError
from govreport.textwidth import display_width

pytestmark = pytest.mark.usefixtures("clean_registry")

FAILING_PLUGIN = """
import govreport

def render(report):
    raise RuntimeError("failing exporter gave up")

@govreport.hookimpl
def register_exporters():
    return [govreport.Exporter(name="failing", description="always fails", extension=".fail",
                               media_type="text/plain", render=render)]
"""


def assert_user_error(result, *fragments: str) -> None:
    """Exit 2, no traceback, and the message on stderr mentions every fragment."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("govreport: error: ")
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


def stray_temporaries(directory: Path) -> list[Path]:
    return [path for path in directory.iterdir() if path.name.startswith(".") and path.name.endswith(".tmp")]


# -- basics --------------------------------------------------------------------------------------


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"govreport {govreport.__version__}"


def test_schema_is_json(run_cli) -> None:
    result = run_cli("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert isinstance(schema, dict)
    assert "properties" in schema
    assert "metadata" in schema["properties"]


def test_no_command_is_a_usage_error(run_cli) -> None:
    # bare govreport: the usage and one line on standard error, nothing on standard output
    result = run_cli()
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: govreport")
    assert result.stderr.endswith("govreport: error: no command given (govreport --help lists them)\n")


def test_formats_lists_the_builtins(run_cli) -> None:
    result = run_cli("formats")
    assert result.returncode == 0
    exporters = result.stdout.split("Importers:")[0]
    rows = {line.split()[0]: line.split() for line in exporters.splitlines() if line.startswith("  ")}
    assert rows["json"][:5] == ["json", ".json", "govreport", govreport.__version__, "(built-in)"]
    assert rows["text"][:2] == ["text", ".txt"]
    assert "Plugin failures" not in result.stdout


def test_render_json_and_text(run_cli, example_report, tmp_path) -> None:
    out = tmp_path / "out"
    result = run_cli("render", example_report, "--to", "json,text", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(out / "report.json"), str(out / "report.txt")]
    assert govreport.load(out / "report.json") == govreport.load(example_report)
    assert "青州市王府街道办事处" in (out / "report.txt").read_text(encoding="utf-8")
    assert stray_temporaries(out) == []


# -- exporter options ----------------------------------------------------------------------------


def table_width(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(display_width(line) for line in lines if line[:1] in "+|")


@pytest.mark.parametrize("option", ["width=80", "text.width=80"])
def test_width_option(run_cli, example_report, tmp_path, option) -> None:
    default = tmp_path / "default"
    assert run_cli("render", example_report, "--to", "text", "-o", default).returncode == 0
    narrow = tmp_path / "narrow"
    result = run_cli("render", example_report, "--to", "json,text", "-o", narrow, "-O", option)
    assert result.returncode == 0, result.stderr
    assert table_width(default / "report.txt") == 100
    assert table_width(narrow / "report.txt") == 80
    # json has no width option: the unprefixed option goes only to the format that has it
    assert (narrow / "report.json").is_file()


@pytest.mark.parametrize(
    ("option", "fragments"),
    [
        ("bogus=1", ["'bogus'", "width", "indent"]),
        ("text.bogus=1", ["bogus", "width", "blank", "template_dir"]),
        ("width=wide", ["'width'", "int", "'wide'"]),
        ("width", ["NAME=VALUE"]),
        ("pdf.width=80", ["'pdf'", "--to"]),
    ],
)
def test_bad_option_is_a_one_line_error(run_cli, example_report, tmp_path, option, fragments) -> None:
    out = tmp_path / "out"
    result = run_cli("render", example_report, "--to", "json,text", "-o", out, "-O", option)
    assert_user_error(result, *fragments)
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_bad_option_is_reported_before_the_inputs_are_read(run_cli, tmp_path) -> None:
    result = run_cli("render", tmp_path / "missing.json", "--to", "text", "-O", "text.bogus=1")
    assert_user_error(result, "bogus")


# -- user mistakes -------------------------------------------------------------------------------


def test_missing_input(run_cli, tmp_path) -> None:
    missing = tmp_path / "missing.json"
    result = run_cli("render", missing, "--to", "text", "-o", tmp_path / "out")
    assert_user_error(result, str(missing), "no such file")


def test_invalid_json(run_cli, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1,', encoding="utf-8")
    result = run_cli("render", bad, "--to", "text", "-o", tmp_path / "out")
    assert_user_error(result, str(bad), "not valid JSON", "line 1")


def test_wrong_types_name_every_json_path(run_cli, example_report, tmp_path) -> None:
    document = json.loads(example_report.read_text(encoding="utf-8"))
    document["metadata"]["year"] = "2022"
    document["applications"]["cells"]["new_requests"]["total"] = -5
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run_cli("render", wrong, "--to", "text", "-o", tmp_path / "out")
    assert_user_error(result, str(wrong), "$.metadata.year", "$.applications.cells.new_requests.total", "-5")
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_one_line(run_cli, example_report, tmp_path) -> None:
    # Without installed plugins, so that the list of known formats is the built-in one.
    result = run_cli("--plugins", "", "render", example_report, "--to", "text,pdf", "-o", tmp_path / "out")
    assert_user_error(result, "'pdf'", "json, text")
    assert len(result.stderr.splitlines()) == 1


def test_unknown_input_kind(run_cli, tmp_path) -> None:
    source = tmp_path / "report.numbers"
    source.write_bytes(b"\x00\x01 no importer reads this")
    result = run_cli("render", source, "--to", "text", "-o", tmp_path / "out")
    assert_user_error(result, "report.numbers", ".json", ".pdf", ".html")


def test_a_broken_pdf_is_a_clear_error(run_cli, tmp_path) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4 no PDF follows")
    result = run_cli("render", source, "--to", "text", "-o", tmp_path / "out")
    assert_user_error(result, "report.pdf", "not a readable PDF")


def test_output_dir_is_a_file(run_cli, example_report, tmp_path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("render", example_report, "--to", "text", "-o", blocker)
    assert_user_error(result, str(blocker))
    assert blocker.read_text(encoding="utf-8") == "x"


def test_input_from_a_directory(run_cli, tmp_path) -> None:
    directory = tmp_path / "dir.json"
    directory.mkdir()
    result = run_cli("render", directory, "--to", "text", "-o", tmp_path / "out")
    assert_user_error(result, str(directory), "directory")


# -- atomic output -------------------------------------------------------------------------------


def test_failing_format_leaves_existing_output_alone(run_cli, plugin_site, example_report, tmp_path) -> None:
    plugin_site.add("failplug", entry_points={"failing": "failplug_mod"}, modules={"failplug_mod": FAILING_PLUGIN})
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.txt").write_text("the old report\n", encoding="utf-8")
    result = run_cli("render", example_report, "--to", "text,failing", "-o", out, env=plugin_site.env())
    assert_user_error(result, "failing exporter gave up", "'failing'", "failplug")
    assert (out / "report.txt").read_text(encoding="utf-8") == "the old report\n"
    assert not (out / "report.fail").exists()
    assert sorted(path.name for path in out.iterdir()) == ["report.txt"]


def test_failing_second_input_does_not_stop_the_first(run_cli, example_report, tmp_path) -> None:
    # Each input is all-or-nothing on its own (see tests/test_batch.py): the bad one writes nothing.
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("render", example_report, bad, "--to", "text", "-o", out)
    assert_user_error(result, str(bad))
    assert sorted(path.name for path in out.iterdir()) == ["report.txt"]


def test_rendering_over_the_input_is_refused(run_cli, example_report, tmp_path) -> None:
    source = tmp_path / "report.json"
    source.write_bytes(example_report.read_bytes())
    before = source.read_bytes()
    result = run_cli("render", source, "--to", "json", "-o", tmp_path)
    assert_user_error(result, "overwrite", str(source.name))
    assert source.read_bytes() == before
    assert stray_temporaries(tmp_path) == []
    # the same file reached another way (relative path, from its own directory)
    result = run_cli("render", "report.json", "--to", "json,text", cwd=tmp_path)
    assert_user_error(result, "overwrite")
    assert source.read_bytes() == before
    assert not (tmp_path / "report.txt").exists()


def test_two_formats_with_one_extension_are_refused(run_cli, plugin_site, example_report, tmp_path) -> None:
    source = FAILING_PLUGIN.replace('"failing"', '"plain"').replace('".fail"', '".txt"')
    plugin_site.add("plainplug", entry_points={"plain": "plainplug_mod"}, modules={"plainplug_mod": source})
    result = run_cli("render", example_report, "--to", "text,plain", "-o", tmp_path / "out", env=plugin_site.env())
    assert_user_error(result, "report.txt", "text", "plain")


def test_write_files_atomically(tmp_path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "sub" / "b.txt"
    first.write_bytes(b"old a")
    first.chmod(0o640)
    files.write_files_atomically({first: b"new a", second: b"new b"})
    assert first.read_bytes() == b"new a"
    assert second.read_bytes() == b"new b"
    assert first.stat().st_mode & 0o777 == 0o640
    assert stray_temporaries(tmp_path) == []


def test_write_files_atomically_failure_on_the_second_file(tmp_path, monkeypatch) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(b"old a")
    real_write = os.write
    calls = []

    def flaky_write(fd, data):
        calls.append(fd)
        if len(calls) == 2:  # the second file's data: the disk is full
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(files.os, "write", flaky_write)
    with pytest.raises(OSError, match="No space"):
        files.write_files_atomically({first: b"new a", second: b"new b"})
    assert len(calls) == 2
    assert first.read_bytes() == b"old a"
    assert not second.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt"]


def test_write_files_atomically_failure_while_renaming(tmp_path, monkeypatch) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(b"old a")
    second.mkdir()  # cannot be replaced by a file
    with pytest.raises(OutputFileError, match=r"b\.txt: it is a folder"):
        files.write_files_atomically({first: b"new a", second: b"new b"})
    assert first.read_bytes() == b"old a"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_new_files_get_the_usual_permissions(tmp_path) -> None:
    target = tmp_path / "new.txt"
    files.write_file_atomically(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# -- in-process main() ---------------------------------------------------------------------------


def test_main_leaves_the_warning_filters_alone(example_report, tmp_path, capsys) -> None:
    import warnings

    from govreport.cli import main

    before = list(warnings.filters)
    assert main(["render", str(example_report), "--to", "text", "-o", str(tmp_path)]) == 0
    assert warnings.filters == before
    assert capsys.readouterr().out.strip() == str(tmp_path / "report.txt")


def test_import_writes_the_json_document(run_cli, example_report, tmp_path):
    target = tmp_path / "copy.json"
    result = run_cli("import", str(example_report), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == example_report.read_text(encoding="utf-8")


def test_import_detects_json_without_an_extension(run_cli, example_report, tmp_path):
    unnamed = tmp_path / "report-without-suffix"
    unnamed.write_bytes(example_report.read_bytes())
    result = run_cli("import", str(unnamed))
    assert result.returncode == 0, result.stderr
    assert result.stdout == example_report.read_text(encoding="utf-8")


def test_import_refuses_to_overwrite_its_input(run_cli, example_report):
    result = run_cli("import", str(example_report), "-o", str(example_report))
    assert result.returncode == 2
    assert "would overwrite the input" in result.stderr
