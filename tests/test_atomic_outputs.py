"""Nothing lost on output: a render that fails or is killed midway leaves the files that were there
exactly as they were, and no half-written file under the target's name."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import govreport
from govreport.errors import ExportError

pytestmark = pytest.mark.usefixtures("clean_registry")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "wangfu-2022" / "report.json"
OLD = b"last year's published file\n"

FAILING_EXPORTER = """
import govreport

def render(report):
    # half of the work done, then a failure: nothing of it may reach the disk
    govreport.export(report, "text")
    raise RuntimeError("failed halfway")

@govreport.hookimpl
def register_exporters():
    return [govreport.Exporter(name="halfway", description="fails midway", extension=".half",
                               media_type="text/plain", render=render)]
"""


def add_halfway(plugin_site) -> None:
    plugin_site.add(
        "halfway-plugin", entry_points={"halfway": "halfway_mod"}, modules={"halfway_mod": FAILING_EXPORTER}
    )


def leftovers(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.rglob("*") if path.name.endswith(".tmp"))


def test_export_file_that_fails_midway_keeps_the_old_file(plugin_site, tmp_path) -> None:
    plugin_site.add(
        "halfway-plugin", entry_points={"halfway": "halfway_mod"}, modules={"halfway_mod": FAILING_EXPORTER}
    )
    plugin_site.activate()
    target = tmp_path / "report.half"
    target.write_bytes(OLD)
    with pytest.raises(ExportError, match="failed halfway"):
        govreport.export_file(govreport.load(EXAMPLE), target)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_render_to_several_formats_writes_all_or_none(run_cli, plugin_site, tmp_path) -> None:
    plugin_site.add(
        "halfway-plugin", entry_points={"halfway": "halfway_mod"}, modules={"halfway_mod": FAILING_EXPORTER}
    )
    out = tmp_path / "out"
    out.mkdir()
    for name in ("report.json", "report.txt", "report.half"):
        (out / name).write_bytes(OLD)
    result = run_cli("render", EXAMPLE, "--to", "json,text,halfway", "-o", out, env=plugin_site.env())
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "failed halfway" in result.stderr
    # json and text rendered fine, but the input failed: none of its outputs replaced the old ones
    for name in ("report.json", "report.txt", "report.half"):
        assert (out / name).read_bytes() == OLD
    assert leftovers(out) == []


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
import govreport
from govreport import files

def die(fd):
    os.kill(os.getpid(), signal.SIGKILL)  # power cut: no cleanup runs

files.os.fsync = die
govreport.export_file(govreport.load(sys.argv[1]), Path(sys.argv[2]), "html")
"""


def test_a_writer_killed_mid_write_leaves_the_old_file(tmp_path) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(OLD)
    script = tmp_path / "killed.py"
    script.write_text(textwrap.dedent(KILLED_WRITER), encoding="utf-8")
    result = subprocess.run([sys.executable, script, EXAMPLE, target], capture_output=True, timeout=120, check=False)
    assert result.returncode == -9
    assert target.read_bytes() == OLD
    # the temporary file may stay (nothing runs after SIGKILL), but never under the target's name
    assert all(name.startswith(".report.html.") for name in leftovers(tmp_path))


def test_import_that_fails_keeps_the_old_output(run_cli, tmp_path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"metadata": ', encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_bytes(OLD)
    result = run_cli("import", broken, "-o", target)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert target.read_bytes() == OLD


def test_an_output_directory_that_cannot_be_made_is_one_line(run_cli, tmp_path) -> None:
    # a file where the output directory should be: fails for root too, unlike a read-only folder
    blocker = tmp_path / "out"
    blocker.write_bytes(OLD)
    result = run_cli("render", EXAMPLE, "--to", "json", "-o", blocker / "sub")
    assert result.returncode == 2
    assert result.stderr == f"govreport: error: {blocker / 'sub'}: cannot be made: {blocker} is a file\n"
    assert len(result.stderr.splitlines()) == 1
    assert blocker.read_bytes() == OLD


def test_inputs_that_are_not_regular_files_are_refused_before_reading(run_cli, tmp_path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    for path in (fifo, Path("/dev/zero")):
        result = run_cli("import", path, timeout=60)
        assert result.returncode == 2
        assert result.stderr == f"govreport: error: {path}: not a regular file (a device, pipe or socket)\n"


def test_an_input_larger_than_any_report_is_refused_before_reading(tmp_path, monkeypatch) -> None:
    from govreport import api
    from govreport.errors import InputFileError

    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(api.MAX_INPUT_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(InputFileError, match=r"huge\.txt: 256 MB, larger than any report \(the limit is 256 MB\)"):
        govreport.read(path)


def test_the_command_line_counts_findings_past_twenty_of_a_rule() -> None:
    from govreport.findings import Finding, finding_lines

    findings = [Finding(rule="import.page_mark", severity="info", message=f"page {n}") for n in range(25)]
    findings.append(Finding(rule="import.other", severity="warning", message="once"))
    lines = finding_lines("a.txt", findings)
    assert len(lines) == 22
    assert lines[19].startswith("a.txt: ")
    assert "page 19" in lines[19]
    assert "once" in lines[20]
    assert lines[21] == "a.txt: ... 另有5个import.page_mark问题"
    assert finding_lines("a.txt", findings, lang="en")[21] == "a.txt: ... and 5 more import.page_mark findings"


# -- names, full disks and unwritable folders ----------------------------------------------------


def test_a_long_cjk_stem_fits_with_its_temporary_name(run_cli, tmp_path) -> None:
    # 78 CJK characters are 234 bytes; with ".json" the name fits ext4's 255, with 18 bytes more it did not
    stem = "王" * 78
    source = tmp_path / f"{stem}.json"
    source.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    result = run_cli("render", source, "--to", "json,text", "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == [f"{stem}.json", f"{stem}.txt"]


def test_a_full_disk_names_the_output(tmp_path) -> None:
    # RLIMIT_FSIZE makes a write past 1 kB fail (EFBIG) with no file name, as a full disk (ENOSPC) does
    out = tmp_path / "out"
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
        from govreport.cli import main
        sys.exit(main(["render", {str(EXAMPLE)!r}, "--to", "json,text", "-o", {str(out)!r}]))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    target = out / "report.json"
    assert result.stderr == f"govreport: error: {EXAMPLE}: cannot write {target}: File too large\n"
    assert leftovers(tmp_path) == []
    assert list(out.iterdir()) == []


def test_a_temporary_name_is_cut_at_a_character_boundary() -> None:
    from govreport.files import temporary_stem

    assert temporary_stem("report.json") == "report.json"
    cut = temporary_stem("王" * 100 + ".docx")
    assert len(os.fsencode(cut)) <= 255 - 18
    assert cut == "王" * 79


def test_files_synced_together_reuse_their_threads_and_a_failed_sync_replaces_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from govreport import files

    def syncing() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name == "govreport-fsync"}

    targets = {tmp_path / f"report.{n}": f"new {n}".encode() for n in range(4)}
    files.write_files_atomically(targets)
    kept = syncing()
    for _ in range(20):
        files.write_files_atomically(targets)
    assert all(path.read_bytes() == data for path, data in targets.items())
    assert kept
    assert syncing() == kept  # the threads that synced the first are those of every later one
    files.write_files_atomically({})  # nothing to write: nothing done, nothing raised

    for path in targets:
        path.write_bytes(OLD)
    real_fsync = os.fsync
    last = {"name": ""}

    def failing(handle: int) -> None:
        # The third of the four temporary files cannot be synced (an I/O error, a full disk).
        name = os.readlink(f"/proc/self/fd/{handle}")
        if ".report.2." in name:
            last["name"] = name
            raise OSError(5, "Input/output error")
        real_fsync(handle)

    monkeypatch.setattr(files.os, "fsync", failing)
    with pytest.raises(govreport.GovReportError, match=r"cannot write .*report\.\d: Input/output error"):
        files.write_files_atomically(targets)
    assert last["name"], "the failing file was synced"
    assert all(path.read_bytes() == OLD for path in targets)
    assert leftovers(tmp_path) == []
