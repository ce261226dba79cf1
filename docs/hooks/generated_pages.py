"""MkDocs hook: pages generated from the code at build time, so that they cannot go stale.

- ``cli-reference.md``: every command, argument and option of ``govreport``, read from the
  argparse parser the command itself uses (:func:`govreport.cli._build_parser`).

Run as a script, it prints the generated page (``python docs/hooks/generated_pages.py``).
"""

from __future__ import annotations

import argparse
from typing import Any

CLI_REFERENCE = "cli-reference.md"


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, one-line help, parser) of each subcommand, in the parser's order."""
    found: list[tuple[str, str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            found += [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return found


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _arguments_table(parser: argparse.ArgumentParser) -> list[str]:
    rows: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        if action.option_strings:
            shown = action.metavar or (
                "{" + ",".join(map(str, action.choices)) + "}" if action.choices else action.dest.upper()
            )
            metavar = "" if action.nargs == 0 else f" {shown}"
            name = ", ".join(f"`{option}{metavar}`" for option in action.option_strings)
        else:
            name = f"`{action.metavar or action.dest}`"
        notes: list[str] = []
        if action.required and action.option_strings:
            notes.append("required")
        if action.nargs in ("+", "*"):
            notes.append("one or more" if action.nargs == "+" else "any number")
        if action.choices:
            notes.append("one of " + ", ".join(f"`{choice}`" for choice in action.choices))
        if isinstance(action, argparse._AppendAction):
            notes.append("repeatable")
        if action.default not in (None, False, [], argparse.SUPPRESS) and not action.required:
            notes.append(f"default `{action.default}`")
        rows.append(f"| {name} | {_escape(action.help or '')} | {_escape('; '.join(notes))} |")
    if not rows:
        return ["No arguments."]
    return ["| argument | meaning | notes |", "|---|---|---|", *rows]


def cli_reference() -> str:
    """The CLI reference page, in Markdown, from the parser of ``govreport``."""
    from govreport.cli import _build_parser

    parser = _build_parser()
    parser.formatter_class = lambda prog: argparse.HelpFormatter(prog, width=100)
    lines = [
        "# Command-line reference",
        "",
        "Generated when the site is built from the parser `govreport` itself uses, so it always",
        "matches the code. For what the commands do, with examples, see [the guide](cli.md).",
        "",
        "## govreport",
        "",
        parser.description or "",
        "",
        "```text",
        parser.format_usage().strip(),
        "```",
        "",
        *_arguments_table(parser),
        "",
    ]
    for name, summary, sub in _subcommands(parser):
        sub.formatter_class = parser.formatter_class
        lines += [f"## govreport {name}", "", _escape(sub.description or summary), ""]
        lines += ["```text", sub.format_usage().strip(), "```", "", *_arguments_table(sub), ""]
    return "\n".join(lines)


def on_files(files: Any, config: Any, **_kwargs: Any) -> Any:
    """Add the generated pages to the site."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, CLI_REFERENCE, content=cli_reference()))
    return files


if __name__ == "__main__":
    print(cli_reference())
