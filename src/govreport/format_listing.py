"""What ``govreport formats`` shows: every format with its plugin, and one exporter's options, as
text or as JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from govreport.errors import UnknownFormatError

if TYPE_CHECKING:
    from govreport.formats import ExportOption
    from govreport.plugins import FormatInfo, PluginSource, Registry


def _plugin(source: PluginSource) -> dict[str, Any]:
    return {
        "name": source.name,
        "distribution": source.distribution,
        "version": source.version,
        "builtin": source.builtin,
    }


def _option(option: ExportOption) -> dict[str, Any]:
    default = option.default
    data: dict[str, Any] = {
        "name": option.name,
        "type": option.type,
        "default": default if default is None or isinstance(default, bool | int | str) else str(default),
        "help": option.help,
    }
    if option.minimum is not None:
        data["minimum"] = option.minimum
    return data


def _format(registry: Registry, info: FormatInfo) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": info.name,
        "kind": info.kind,
        "extensions": list(info.extensions),
        "description": info.description,
        "plugin": _plugin(info.plugin),
    }
    if info.kind in _WITH_OPTIONS:
        data["options"] = [_option(option) for option in _options(registry, info)]
    return data


#: The kinds of format that take options, and the heading each is listed under.
_WITH_OPTIONS = ("exporter", "comparison")
_HEADINGS = {"exporter": "Exporters:", "importer": "Importers:", "comparison": "Comparison exporters:"}


def _options(registry: Registry, info: FormatInfo) -> tuple[ExportOption, ...]:
    if info.kind == "comparison":
        return registry.comparison_exporter(info.name).options
    return registry.exporter(info.name).options


def _named(registry: Registry, name: str) -> list[FormatInfo]:
    found = [info for info in registry.formats() if info.name == name]
    if not found:
        known = sorted({info.name for info in registry.formats()})
        raise UnknownFormatError(name, known)
    return found


def formats_json(registry: Registry, name: str | None = None) -> str:
    """Every format (or the exporter and importer called ``name``) and the plugin failures, as JSON."""
    infos = _named(registry, name) if name else registry.formats()
    data: dict[str, Any] = {
        "exporters": [_format(registry, info) for info in infos if info.kind == "exporter"],
        "importers": [_format(registry, info) for info in infos if info.kind == "importer"],
        "comparison_exporters": [_format(registry, info) for info in infos if info.kind == "comparison"],
    }
    if name is None:
        data["commands"] = [
            {"name": command.name, "help": command.help, "plugin": _plugin(source)}
            for command, source in registry.commands()
        ]
        data["failures"] = [str(failure) for failure in registry.failures] + registry.conflicts()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _origin(source: PluginSource) -> str:
    origin = f"{source.distribution or '?'} {source.version or '?'}"
    return origin + (" (built-in)" if source.builtin else f" (plugin {source.name})")


def formats_text(registry: Registry) -> str:
    """Every exporter and importer, one line each, the commands plugins add, and the plugin failures."""
    infos = registry.formats()
    lines: list[str] = []
    for kind in ("exporter", "importer", "comparison"):
        rows = [info for info in infos if info.kind == kind]
        if kind == "comparison" and not rows:
            continue
        lines.append(_HEADINGS[kind])
        name_width = max((len(info.name) for info in rows), default=4)
        for info in rows:
            extensions = " ".join(info.extensions)
            lines.append(f"  {info.name:<{name_width}}  {extensions:<6}  {_origin(info.plugin)}  {info.description}")
    commands = registry.commands()
    if commands:
        lines.append("Commands from plugins:")
        width = max(len(command.name) for command, _ in commands)
        lines += [f"  {command.name:<{width}}  {_origin(source)}  {command.help}" for command, source in commands]
    problems = [str(failure) for failure in registry.failures] + registry.conflicts()
    if problems:
        lines.append("Plugin failures:")
        lines += [f"  {problem}" for problem in problems]
    return "\n".join(lines) + "\n"


def format_text(registry: Registry, name: str) -> str:
    """One format: what it is, its plugin, and for an exporter every option with its type and default."""
    lines: list[str] = []
    for info in _named(registry, name):
        extensions = " ".join(info.extensions)
        lines.append(f"{info.name} ({info.kind}, {extensions}): {info.description}")
        lines.append(f"  from {_origin(info.plugin)}")
        if info.kind not in _WITH_OPTIONS:
            continue
        options = _options(registry, info)
        if not options:
            lines.append("  options: none")
            continue
        lines.append("  options (-O NAME=VALUE):")
        width = max(len(option.name) for option in options)
        for option in options:
            default = "none" if option.default is None else json.dumps(_option(option)["default"], ensure_ascii=False)
            bound = f", at least {option.minimum}" if option.minimum is not None else ""
            lines.append(f"    {option.name:<{width}}  {option.type} (default {default}{bound})  {option.help}")
    return "\n".join(lines) + "\n"
