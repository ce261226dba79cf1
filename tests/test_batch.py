"""Many inputs: `govreport render` and `govreport check` over files, directories and globs, in a
process pool (-j), failures collected, outputs mirrored so they never collide; and start-up that
loads nothing heavy. Behaviour only: speed is measured in benchmarks/run.py, never asserted here."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

import govreport
from govreport.batch import Progress, expand_inputs
from test_checks_support import XINGHE, with_cells, xinghe

pytestmark = pytest.mark.usefixtures("clean_registry")

WANGFU = Path(__file__).resolve().parents[1] / "examples" / "wangfu-2022" / "report.json"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """in/a/report.json (sample), in/b/report.json (complete), in/b/c/other.json (complete with
    an arithmetic error) and in/broken/report.json (a JSON object, but not a valid report)."""
    root = tmp_path / "in"
    for folder, source in (("a", WANGFU), ("b", XINGHE)):
        (root / folder).mkdir(parents=True)
        (root / folder / "report.json").write_bytes(source.read_bytes())
    (root / "b" / "c").mkdir()
    govreport.dump(with_cells(xinghe(), "applications", {("granted", "total"): 140}), root / "b" / "c" / "other.json")
    (root / "broken").mkdir()
    (root / "broken" / "report.json").write_text('{"broken": true}', encoding="utf-8")
    (root / "notes.md").write_text("not a report", encoding="utf-8")
    return root


def files_under(directory: Path) -> list[str]:
    return sorted(path.relative_to(directory).as_posix() for path in directory.rglob("*") if path.is_file())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_render_a_directory_mirrors_folders_and_reports_the_broken_one(run_cli, tree, tmp_path, jobs) -> None:
    out = tmp_path / "out"
    result = run_cli("render", tree, "--to", "json,text", "-o", out, "-j", jobs)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    # two report.json in different folders do not collide; the broken input writes nothing
    assert files_under(out) == [
        "a/report.json",
        "a/report.txt",
        "b/c/other.json",
        "b/c/other.txt",
        "b/report.json",
        "b/report.txt",
    ]
    assert (out / "a" / "report.json").read_bytes() == WANGFU.read_bytes()
    assert (out / "b" / "report.json").read_bytes() == XINGHE.read_bytes()
    errors = [line for line in result.stderr.splitlines() if line.startswith("govreport: error: ")]
    assert len(errors) == 1
    assert str(tree / "broken" / "report.json") in errors[0]
    assert "govreport: 1 of 4 inputs failed" in result.stderr
    assert sorted(result.stdout.split()) == sorted(str(out / name) for name in files_under(out))
    assert result.stderr.count("\r") == 0  # not a terminal: no progress bar


def test_render_all_good_exits_0_and_files_and_globs_mix(run_cli, tree, tmp_path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        "render", tree / "a" / "report.json", str(tree / "b" / "**" / "o*.json"), "--to", "text", "-o", out
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # a file by its name; a glob's matches by their path below the pattern's fixed directory
    assert files_under(out) == ["c/other.txt", "report.txt"]


def test_render_failure_leaves_existing_outputs_alone(run_cli, tree, tmp_path) -> None:
    out = tmp_path / "out"
    (out / "broken").mkdir(parents=True)
    (out / "broken" / "report.txt").write_text("last year's good file\n", encoding="utf-8")
    result = run_cli("render", tree, "--to", "text", "-o", out, "-j", "2")
    assert result.returncode == 2
    assert (out / "broken" / "report.txt").read_text(encoding="utf-8") == "last year's good file\n"
    assert (out / "a" / "report.txt").exists()
    assert not [path for path in out.rglob("*") if path.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{tree}/nothing-*.json"], "no file matches"),
        (["{empty}"], "no report file"),
    ],
)
def test_inputs_that_name_nothing_are_one_line_errors(run_cli, tree, tmp_path, args, message) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for command in (["render", "--to", "text", "-o", str(tmp_path / "out")], ["check"]):
        result = run_cli(*command, *(arg.format(tree=tree, empty=empty) for arg in args))
        assert result.returncode == 2
        assert result.stderr.startswith("govreport: error: ")
        assert message in result.stderr
        assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_same_name_files_are_refused_with_a_way_out(run_cli, tree, tmp_path) -> None:
    out = tmp_path / "out"
    result = run_cli("render", tree / "a" / "report.json", tree / "b" / "report.json", "--to", "text", "-o", out)
    assert result.returncode == 2
    assert "would be written twice" in result.stderr
    assert "give their folder" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()
    # the way out: a glob over their folder mirrors the subfolders
    result = run_cli("render", str(tree / "*" / "report.json"), "--to", "text", "-o", out)
    assert result.returncode == 2  # in/broken/report.json is matched too
    assert files_under(out) == ["a/report.txt", "b/report.txt"]


def test_two_inputs_for_one_output_are_refused(run_cli, tree, tmp_path) -> None:
    (tree / "a" / "report.txt").write_bytes(govreport.export(govreport.load(WANGFU), "text"))
    result = run_cli("render", tree / "a", "--to", "json", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "would be written twice" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_many_takes_the_worst_exit_code(run_cli, tree, jobs) -> None:
    good = [tree / "b" / "report.json", tree / "b" / "report.json"]
    assert run_cli("check", *good, "-j", jobs).returncode == 0
    with_errors = run_cli("check", *good, tree / "b" / "c" / "other.json", "-j", jobs)
    assert with_errors.returncode == 1, with_errors.stderr
    assert str(tree / "b" / "c" / "other.json") in with_errors.stdout
    # the sample's tables were lost on conversion: its blank cells are errors (table.blank)
    assert run_cli("check", tree / "a" / "report.json", "-j", jobs).returncode == 1
    everything = run_cli("check", tree, "-j", jobs)
    assert everything.returncode == 2
    assert str(tree / "b" / "c" / "other.json") in everything.stdout  # the others were still checked
    assert str(tree / "broken" / "report.json") in everything.stderr
    assert "govreport: 1 of 4 inputs failed" in everything.stderr


def test_check_many_as_json_is_one_array(run_cli, tree) -> None:
    result = run_cli("check", tree, "--format", "json")
    documents = json.loads(result.stdout)
    assert len(documents) == 4
    assert {"source": str(tree / "broken" / "report.json")} == {k: v for k, v in documents[-1].items() if k == "source"}
    assert "error" in documents[-1]


def test_previous_with_many_reports_is_refused(run_cli, tree) -> None:
    result = run_cli("check", tree / "a" / "report.json", tree / "b" / "report.json", "--previous", WANGFU)
    assert result.returncode == 2
    assert result.stderr.startswith("govreport: error: --previous")


@pytest.mark.parametrize("jobs", ["0", "x"])
def test_bad_jobs_is_a_usage_error(run_cli, jobs) -> None:
    result = run_cli("render", WANGFU, "--to", "text", "-j", jobs)
    assert result.returncode == 2
    assert "-j/--jobs" in result.stderr
    assert "Traceback" not in result.stderr


def test_progress_bar_only_on_a_terminal(tree, tmp_path) -> None:
    main, secondary = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "govreport", "render", tree / "b", "--to", "text", "-o", tmp_path / "o"],
            stdout=subprocess.PIPE,
            stderr=secondary,
            check=False,
            timeout=120,
        )
        os.close(secondary)
        secondary = -1
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
        if secondary != -1:
            os.close(secondary)
    assert process.returncode == 0
    assert b"2/2" in shown
    assert b"\r[" in shown


def test_progress_writes_nothing_when_not_a_terminal(tmp_path) -> None:
    with (tmp_path / "log").open("w") as stream:
        progress = Progress(5, stream)
        for _ in range(5):
            progress.advance(False)
    assert (tmp_path / "log").read_text() == ""


def test_expand_inputs_dedupes_and_keeps_plain_files(tree) -> None:
    inputs = expand_inputs([str(tree / "a"), str(tree / "a" / "report.json"), str(tree / "notes.md")], [".json"])
    assert [item.path.name for item in inputs] == ["report.json", "notes.md"]
    assert [item.relative.as_posix() for item in inputs] == ["report.json", "notes.md"]
    inputs = expand_inputs([str(tree)], [".json"])
    assert [item.relative.as_posix() for item in inputs] == [
        "a/report.json",
        "b/c/other.json",
        "b/report.json",
        "broken/report.json",
    ]


# -- start-up --------------------------------------------------------------------------------------


def loaded_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def test_import_loads_nothing_heavy_until_used() -> None:
    loaded = loaded_after("import govreport")
    assert {"attr", "attrs", "govreport.model", "govreport.spec", "govreport.api"}.isdisjoint(loaded)
    # the control: the same measurement sees the model once a name is used
    assert {"attrs", "govreport.model"} <= loaded_after("import govreport\ngovreport.Report")


def test_help_loads_no_plugins_templates_or_checks() -> None:
    loaded = loaded_after("import contextlib, io\nfrom govreport import cli\nwith contextlib.suppress(SystemExit), "
                          "contextlib.redirect_stdout(io.StringIO()):\n    cli.main(['--help'])")  # fmt: skip
    heavy = {"pluggy", "jinja2", "docx", "attrs", "govreport.checks", "govreport.plugins", "govreport.model"}
    assert heavy.isdisjoint(loaded)


def test_every_public_name_resolves() -> None:
    assert set(govreport._public_names()) | {"__version__"} == set(govreport.__all__)
    assert {"Report", "check", "Check"} <= set(govreport.__all__) <= set(dir(govreport))
    for name in govreport.__all__:
        assert getattr(govreport, name) is not None
    with pytest.raises(AttributeError):
        _ = govreport.no_such_name


def test_noncharacter_pattern_is_exactly_is_noncharacter() -> None:
    # The text exporter's fast scan for free marker characters must see the same set.
    from govreport.textwidth import NONCHARACTER, is_noncharacter

    differ = [
        code for code in range(sys.maxunicode + 1) if bool(NONCHARACTER.match(chr(code))) != is_noncharacter(chr(code))
    ]
    assert differ == []
    assert len(NONCHARACTER.findall("a\ufdd0b\U0010ffff\ufffe")) == 3


def test_two_formats_of_one_input_with_one_extension_are_refused(tmp_path) -> None:
    from types import SimpleNamespace

    from govreport.cli import _output_targets, _UsageError

    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    inputs = expand_inputs([str(tmp_path / "a.json")], [".json"])
    same = {"one": SimpleNamespace(extension=".out"), "two": SimpleNamespace(extension=".out")}
    with pytest.raises(_UsageError, match=r"a\.out would be written twice: as one of .*a\.json and as two of"):
        _output_targets(inputs, same, tmp_path / "out")  # type: ignore[arg-type]
    different = {"one": SimpleNamespace(extension=".one"), "two": SimpleNamespace(extension=".two")}
    targets_of = _output_targets(inputs, different, tmp_path / "out")  # type: ignore[arg-type]
    assert targets_of(inputs[0]) == [("one", str(tmp_path / "out" / "a.one")), ("two", str(tmp_path / "out" / "a.two"))]


def test_paths_resolved_a_folder_at_a_time_are_what_realpath_gives(tmp_path, monkeypatch) -> None:
    from govreport.batch import real_paths as _real_paths

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "file.json").write_text("{}", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "alias.json").symlink_to(tmp_path / "real" / "file.json")
    monkeypatch.chdir(tmp_path)
    paths = [
        str(tmp_path / "linked" / "file.json"),
        str(tmp_path / "linked" / "alias.json"),
        str(tmp_path / "linked" / "missing.json"),
        str(tmp_path / "linked" / ".." / "real" / "file.json"),
        "linked/file.json",
        "file-here.json",
        str(tmp_path / "linked" / ".."),
        str(tmp_path / "linked") + "/",
    ]
    real_path = _real_paths()
    assert [real_path(path) for path in paths] == [os.path.realpath(path) for path in paths]
    assert [real_path(path) for path in paths] == [os.path.realpath(path) for path in paths]  # from its cache


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7, 20])
def test_keys_sorted_a_chunk_at_a_time_are_sorted(count: int) -> None:
    from array import array

    from govreport.cli import _sorted_keys

    keys = array("q", [(index * 7919) % 13 - 6 for index in range(count)])
    assert list(_sorted_keys(keys, chunk=3)) == sorted(keys)


def test_a_repeat_is_refused_when_its_hashes_lie_in_different_chunks(tmp_path, monkeypatch) -> None:
    from types import SimpleNamespace

    from govreport import cli

    for index in range(6):
        (tmp_path / f"r{index}.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r1.json").write_text("{}", encoding="utf-8")
    # The second r1 (named by itself, so not mirrored into sub/) lands where the first one's outputs go.
    inputs = expand_inputs(
        [str(tmp_path / f"r{index}.json") for index in range(6)] + [str(tmp_path / "sub" / "r1.json")], [".json"]
    )
    original = cli._sorted_keys
    monkeypatch.setattr(cli, "_sorted_keys", lambda keys, chunk=2: original(keys, chunk))
    one = {"one": SimpleNamespace(extension=".one")}
    with pytest.raises(cli._UsageError, match=r"r1\.one would be written twice"):
        cli._output_targets(inputs, one, tmp_path / "out")  # type: ignore[arg-type]


def test_files_of_a_folder_come_in_the_order_of_their_components(tmp_path) -> None:
    # "a-b/x.json" sorts before "a/b.json" as a string ("-" < "/"), after it by components.
    for relative in ("a-b/x.json", "a/b.json", "a/a-b.json", "a.json", "a b/c.json", "ab.json"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("{}", encoding="utf-8")
    found = [item.relative_file for item in expand_inputs([str(tmp_path)], [".json"])]
    assert found == sorted(found, key=lambda name: name.split(os.sep))
    assert found.index(os.path.join("a", "b.json")) < found.index(os.path.join("a-b", "x.json"))
