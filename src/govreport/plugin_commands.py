"""Subcommands that plugins add (the ``register_commands`` hook), on the command line.

Plugins are loaded only when the command given is none of govreport's own: ``govreport --help``
and every built-in command stay as fast as without plugins. A plugin's command runs like a
built-in one: its bad-input errors are one line and exit 2; anything else it raises is reported as
a failure of that plugin (exit 70), with a traceback only under ``--debug``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from govreport.command_names import BUILTIN_COMMANDS
from govreport.errors import GovReportError

if TYPE_CHECKING:
    from govreport.formats import Command
    from govreport.plugins import PluginSource


class PluginCommandError(Exception):
    """A plugin's command failed on something that is not bad input (its line is already printed)."""


class Wanted(NamedTuple):
    """What the words before the command say: a command that is none of govreport's own, and the
    value of ``--plugins`` (both None when not given)."""

    command: str | None
    plugins: str | None


def wanted_command(argv: Sequence[str]) -> Wanted:
    """The command named on the command line when it is not a built-in one, and ``--plugins``.

    Only the words before the command are looked at, so an argument that happens to be a command's
    name (``govreport publish check``) changes nothing."""
    plugins: str | None = None
    takes_value = _global_options_with_values()
    words = iter(argv)
    for word in words:
        if word in takes_value:
            value = next(words, None)
            plugins = value if word == "--plugins" else plugins
        elif word.startswith("--plugins="):
            plugins = word.partition("=")[2]
        elif word == "--":
            word = next(words, "")
            return Wanted(command=None if not word or word in BUILTIN_COMMANDS else word, plugins=plugins)
        elif not word.startswith("-"):
            return Wanted(command=None if word in BUILTIN_COMMANDS else word, plugins=plugins)
    return Wanted(command=None, plugins=plugins)


def _global_options_with_values() -> set[str]:
    """The global options that take a value (``--lang zh``), read from the parser that declares them,
    so that a new one cannot be taken for the command's name."""
    from govreport.commands.parsing import add_global_options

    parser = argparse.ArgumentParser(add_help=False)
    add_global_options(parser, in_subcommand=False)
    return {option for action in parser._actions if action.nargs != 0 for option in action.option_strings}


def plugin_commands(wanted: str | None = None) -> list[tuple[Command, PluginSource]]:
    """Every command the loaded plugins add (loading them if they are not yet), less those two
    plugins register under one name; that error is raised if it is the ``wanted`` command's."""
    from govreport.errors import DuplicateFormatError
    from govreport.plugins import get_registry
    from govreport.sandbox import plugin_code

    with plugin_code():  # what a plugin prints while it is imported must not reach the output
        registry = get_registry()
    usable = []
    for command, source in registry.commands():
        try:
            registry.command(command.name)
        except DuplicateFormatError:
            if command.name == wanted:
                raise
            continue
        usable.append((command, source))
    return usable


def add_plugin_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_global_options: Callable[..., Any],
    *,
    wanted: str | None = None,
) -> dict[str, tuple[Command, PluginSource]]:
    """A subparser for each plugin command; a command whose arguments cannot be declared is left out
    with a line on standard error naming its plugin. Returns the commands added, by name; raises
    ``DuplicateFormatError`` when two plugins register the ``wanted`` one."""
    added: dict[str, tuple[Command, PluginSource]] = {}
    for command, source in plugin_commands(wanted):
        parser = commands.add_parser(
            command.name, help=f"{command.help} (plugin {source})", description=command.description or command.help
        )
        add_global_options(parser, in_subcommand=True)
        try:
            if command.add_arguments is not None:
                command.add_arguments(parser)
        except Exception as exc:  # noqa: BLE001 - one plugin's broken command must not take the others down
            commands.choices.pop(command.name, None)
            print(
                f"govreport: plugin {source}: command {command.name!r} cannot declare its arguments: "
                f"{type(exc).__name__}: {exc}",
                file=sys.stderr,
            )
            continue
        added[command.name] = (command, source)
    return added


def run_plugin_command(command: Command, source: PluginSource, args: argparse.Namespace, *, debug: bool) -> int:
    """Run a plugin's command; its failure becomes a line naming the plugin, never a traceback."""
    try:
        status = command.run(args)
    except GovReportError:
        raise
    except Exception as exc:
        if debug:
            raise
        print(
            f"govreport: error: command {command.name!r} (plugin {source}) failed: {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        raise PluginCommandError from exc
    if status is None:
        return 0
    if isinstance(status, bool) or not isinstance(status, int):
        print(
            f"govreport: error: command {command.name!r} (plugin {source}) returned "
            f"{type(status).__name__}, not an exit status",
            file=sys.stderr,
        )
        raise PluginCommandError
    return status
