"""Commands from plugins (the ``register_commands`` hook): found only when asked for, run like
govreport's own, and a broken one never takes the command line down."""

from __future__ import annotations

import argparse
import json

import pytest

import govreport
from govreport.command_names import BUILTIN_COMMANDS
from govreport.errors import GovReportError
from govreport.testing import ConformanceError, check_command, run_command

pytestmark = pytest.mark.usefixtures("clean_registry")

# An installed plugin with a command that counts the cells of a report, and ways to misbehave.
COUNTER = """
import govreport

def add_arguments(parser):
    parser.add_argument("report")
    parser.add_argument("--blank", action="store_true", help="count the blank cells instead")

def run(args):
    report = govreport.read(args.report).report
    cells = [cell for table in report.tables for _, cell in table.items()]
    chosen = [cell for cell in cells if cell.is_blank] if args.blank else cells
    print("a plugin's stray print", flush=True)  # must not reach the results
    if not args.quiet:
        args.out.write(f"{len(chosen)}\\n")
    return 0

def explode(args):
    raise ZeroDivisionError("boom")

def refuse(args):
    raise govreport.GovReportError(f"{args.what}: not a thing this command knows")

def wrong(args):
    return "done"

@govreport.hookimpl
def register_commands():
    return [
        govreport.Command(name="count-cells", help="count a report's cells", add_arguments=add_arguments, run=run),
        govreport.Command(name="explode", help="raises", run=explode),
        govreport.Command(name="refuse", help="bad input", run=refuse,
                          add_arguments=lambda parser: parser.add_argument("what")),
        govreport.Command(name="wrong", help="returns a string", run=wrong),
    ]
"""


@pytest.fixture
def counter(plugin_site):
    plugin_site.add("govreport-counter", entry_points={"counter": "counter_mod"}, modules={"counter_mod": COUNTER})
    return plugin_site


def test_the_builtin_command_names_are_the_command_lines() -> None:
    from govreport.cli import _build_parser, _subparsers

    assert set(_subparsers(_build_parser()).choices) == BUILTIN_COMMANDS


def test_a_plugin_command_runs_with_the_global_options(run_cli, counter, example_report) -> None:
    result = run_cli("count-cells", example_report, env=counter.env())
    assert result.returncode == 0, result.stderr
    assert result.stdout == "200\n"  # 10 + 175 + 15 cells; the plugin's print went to standard error
    assert "a plugin's stray print" in result.stderr
    blank = run_cli("--lang", "en", "count-cells", example_report, "--blank", env=counter.env())
    assert (blank.returncode, blank.stdout) == (0, "181\n")  # the sample's tables 二 and 三 were lost
    quiet = run_cli("count-cells", example_report, "-q", env=counter.env())
    assert (quiet.returncode, quiet.stdout) == (0, "")


def test_formats_lists_the_commands_of_plugins(run_cli, counter) -> None:
    text = run_cli("formats", env=counter.env())
    assert "Commands from plugins:" in text.stdout
    assert "count-cells" in text.stdout
    assert "plugin counter" in text.stdout
    listed = json.loads(run_cli("formats", "--format", "json", env=counter.env()).stdout)
    commands = {command["name"]: command for command in listed["commands"]}
    assert set(commands) == {"count-cells", "explode", "refuse", "wrong"}
    assert commands["count-cells"]["plugin"]["distribution"] == "govreport-counter"


def test_a_failing_command_is_one_line_naming_its_plugin(run_cli, counter) -> None:
    exploded = run_cli("explode", env=counter.env())
    assert exploded.returncode == 70
    assert (
        "command 'explode' (plugin counter (govreport-counter 1.0)) failed: ZeroDivisionError: boom" in exploded.stderr
    )
    assert "Traceback" not in exploded.stderr
    refused = run_cli("refuse", "widget", env=counter.env())
    assert refused.returncode == 2
    assert refused.stderr.strip() == "govreport: error: widget: not a thing this command knows"
    wrong = run_cli("wrong", env=counter.env())
    assert wrong.returncode == 70
    assert "returned str, not an exit status" in wrong.stderr
    debug = run_cli("--debug", "explode", env=counter.env())
    assert "ZeroDivisionError" in debug.stderr
    assert "Traceback" in debug.stderr


def test_plugin_commands_obey_the_plugins_option(run_cli, counter, example_report) -> None:
    assert run_cli("--plugins", "counter", "count-cells", example_report, env=counter.env()).returncode == 0
    without = run_cli("--plugins", "", "count-cells", example_report, env=counter.env())
    assert without.returncode == 2
    assert "invalid choice: 'count-cells'" in without.stderr


def test_an_unknown_command_is_still_a_usage_error(run_cli, counter) -> None:
    result = run_cli("no-such-command", env=counter.env())
    assert result.returncode == 2
    assert "invalid choice: 'no-such-command'" in result.stderr
    assert "count-cells" in result.stderr  # the choices include the plugins' commands


def test_builtin_commands_and_help_load_no_plugin(run_cli, plugin_site) -> None:
    # A plugin that announces its import: neither --help nor a built-in command imports it.
    plugin_site.add(
        "govreport-noisy",
        entry_points={"noisy": "noisy_mod"},
        modules={"noisy_mod": "import sys\nsys.stderr.write('NOISY IMPORTED\\n')\n"},
    )
    for args in (("--help",), ("schema",)):
        result = run_cli(*args, env=plugin_site.env())
        assert result.returncode == 0
        assert "NOISY IMPORTED" not in result.stderr, args
    # the control: a plugin command does import it
    assert "NOISY IMPORTED" in run_cli("anything", env=plugin_site.env()).stderr


def test_a_command_cannot_take_a_builtin_name() -> None:
    with pytest.raises(ValueError, match="one of govreport's own commands"):
        govreport.Command(name="check", help="", run=lambda args: 0)
    with pytest.raises(ValueError, match="lower-case words"):
        govreport.Command(name="Publish Site", help="", run=lambda args: 0)


def test_two_plugins_with_one_command_name_are_refused(run_cli, plugin_site) -> None:
    source = """
import govreport

@govreport.hookimpl
def register_commands():
    return [govreport.Command(name="publish", help="{who}", run=lambda args: 0)]
"""
    plugin_site.add("dupa", entry_points={"a": "a_mod"}, modules={"a_mod": source.format(who="a")})
    plugin_site.add("dupb", entry_points={"b": "b_mod"}, modules={"b_mod": source.format(who="b")})
    result = run_cli("publish", env=plugin_site.env())
    assert result.returncode == 2
    assert "two plugins register the command 'publish'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_command_whose_arguments_fail_is_left_out(run_cli, plugin_site) -> None:
    source = """
import govreport

def broken(parser):
    raise RuntimeError("no arguments today")

@govreport.hookimpl
def register_commands():
    return [
        govreport.Command(name="broken", help="", add_arguments=broken, run=lambda args: 0),
        govreport.Command(name="fine", help="", run=lambda args: 0),
    ]
"""
    plugin_site.add("govreport-c", entry_points={"c": "c_mod"}, modules={"c_mod": source})
    assert run_cli("fine", env=plugin_site.env()).returncode == 0
    result = run_cli("broken", env=plugin_site.env())
    assert result.returncode == 2
    assert "command 'broken' cannot declare its arguments: RuntimeError: no arguments today" in result.stderr


# -- the conformance kit -------------------------------------------------------------------------


def _echo(args: argparse.Namespace) -> int:
    args.out.write(" ".join(args.words) + "\n")
    return 0


ECHO = govreport.Command(
    name="echo-words",
    help="print the words",
    run=_echo,
    add_arguments=lambda parser: parser.add_argument("words", nargs="*"),
)


def test_run_command_runs_it_as_the_command_line_does() -> None:
    run = run_command(ECHO, "a", "b")
    assert (run.status, run.stdout, run.stderr) == (0, "a b\n", "")
    assert run_command(ECHO, "--quiet", "c").stdout == "c\n"


def test_check_command_passes_a_good_command() -> None:
    check_command(ECHO)


def test_check_command_fails_a_command_that_cannot_declare_its_arguments() -> None:
    def broken(parser: argparse.ArgumentParser) -> None:
        raise RuntimeError("no")

    with pytest.raises(ConformanceError, match="--help gave status 2"):
        check_command(govreport.Command(name="broken-args", help="", run=_echo, add_arguments=broken))


def test_check_command_fails_a_command_that_swallows_unknown_options() -> None:
    def swallow(parser: argparse.ArgumentParser) -> None:
        # takes the very option the kit uses as unknown: the kit must see the status it gets
        parser.add_argument("--no-such-option-anywhere", action="store_true")

    with pytest.raises(ConformanceError, match="status 0, not 2"):
        check_command(govreport.Command(name="swallow", help="", run=lambda args: 0, add_arguments=swallow))


def test_run_command_refuses_what_is_not_a_command() -> None:
    with pytest.raises(ConformanceError):
        check_command("echo")  # type: ignore[arg-type]
    assert issubclass(ConformanceError, AssertionError)
    assert not issubclass(GovReportError, AssertionError)
