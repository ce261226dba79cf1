"""The plugin manager: built-in and installed plugins, loaded on first use, one failure never fatal.

Built-in formats are registered exactly like a third party's: a module with ``@hookimpl``
functions. Installed plugins come from the entry-point group ``govreport``. Each plugin is
loaded, registered, validated and asked for its formats on its own, so a plugin that fails
to import, misspells a hook or raises while registering becomes a listed failure (and a
warning) while every other format keeps working.

Environment: ``GOVREPORT_DISABLE_PLUGIN_AUTOLOAD=1`` loads no installed plugin;
``GOVREPORT_PLUGINS=a,b`` loads only the installed plugins with those entry-point names (even
when autoloading is disabled); a name that is not installed is a listed failure.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import threading
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
import pluggy

from govreport import hookspecs
from govreport.errors import (
    DuplicateFormatError,
    PluginError,
    PluginLoadWarning as PluginLoadWarning,
    UnknownFormatError,
)
from govreport.formats import Check, Command, ComparisonExporter, Exporter, Importer

ENTRY_POINT_GROUP = "govreport"
DISABLE_AUTOLOAD_ENV = "GOVREPORT_DISABLE_PLUGIN_AUTOLOAD"
ONLY_PLUGINS_ENV = "GOVREPORT_PLUGINS"

BUILTIN_PLUGINS: tuple[str, ...] = (
    "govreport.exporters.json",
    "govreport.exporters.text",
    "govreport.exporters.html",
    "govreport.exporters.docx",
    "govreport.importers.json",
    "govreport.importers.text",
    "govreport.importers.docx",
    "govreport.importers.pdf",
    "govreport.importers.html",
    "govreport.many.formats",  # the formats of comparisons of two years
    # the built-in rules of `govreport check`, in the order they run
    "govreport.rules.table",
    "govreport.rules.structure",
    "govreport.rules.metadata",
    "govreport.rules.text",
    "govreport.rules.writing",
    "govreport.rules.years",
    "govreport.rules.plausibility",
)


# PluginLoadWarning is defined in errors, so that the command line can silence it without loading
# pluggy; it is still importable from here.


@attrs.frozen(kw_only=True)
class PluginSource:
    """Where a plugin came from."""

    name: str  # the entry-point name, or the module name of a built-in
    distribution: str | None = None
    version: str | None = None
    builtin: bool = False

    def __str__(self) -> str:
        if self.distribution:
            version = f" {self.version}" if self.version else ""
            return f"{self.name} ({self.distribution}{version})"
        return self.name


@attrs.frozen(kw_only=True)
class PluginFailure:
    """A plugin, or one format of it, that could not be used, and why."""

    plugin: PluginSource
    error: str

    def __str__(self) -> str:
        return f"{self.plugin}: {self.error}"


@attrs.frozen(kw_only=True)
class FormatInfo:
    """A registered format and the plugin that provides it."""

    name: str
    kind: str  # "exporter", "importer" or "comparison" (a format for comparisons of two years)
    description: str
    extensions: tuple[str, ...]
    plugin: PluginSource


_KINDS: dict[type, str] = {
    Exporter: "exporter",
    Importer: "importer",
    Command: "command",
    ComparisonExporter: "comparison exporter",
}


def _builtin_source(module: str) -> PluginSource:
    from govreport.version import __version__

    return PluginSource(name=module, distribution="govreport", version=__version__, builtin=True)


def _entry_point_source(entry_point: importlib.metadata.EntryPoint) -> PluginSource:
    dist = entry_point.dist
    return PluginSource(
        name=entry_point.name,
        distribution=dist.name if dist is not None else None,
        version=dist.version if dist is not None else None,
    )


def _recognises(importer: Importer, data: bytes) -> bool | None:
    """Whether the importer's ``detect`` recognises the data; None when it has none or it fails."""
    if importer.detect is None:
        return None
    try:
        return bool(importer.detect(data))
    except Exception:  # noqa: BLE001 - one plugin's broken detect must not stop the others'
        return None


class Registry:
    """The formats of every loaded plugin. Build one with :func:`get_registry`."""

    def __init__(self) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.failures: list[PluginFailure] = []
        self.sources: dict[str, PluginSource] = {}
        self._exporters: dict[str, tuple[Exporter, PluginSource]] = {}
        self._importers: dict[str, tuple[Importer, PluginSource]] = {}
        self._checks: dict[str, tuple[Check, PluginSource]] = {}
        self._commands: dict[str, tuple[Command, PluginSource]] = {}
        self._comparison_exporters: dict[str, tuple[ComparisonExporter, PluginSource]] = {}
        self._conflicts: dict[tuple[str, str], list[PluginSource]] = {}

    # -- loading ------------------------------------------------------------------------------

    def _fail(self, source: PluginSource, error: str) -> None:
        failure = PluginFailure(plugin=source, error=error)
        self.failures.append(failure)
        warnings.warn(f"govreport plugin {failure}", PluginLoadWarning, stacklevel=4)

    def add_plugin(self, plugin: object, source: PluginSource) -> bool:
        """Register one plugin object and collect its formats; False (and a failure) if it is broken."""
        registered = False
        try:
            name = self.manager.register(plugin, name=source.name)
            if name is None:
                raise PluginError(f"the name {source.name!r} is blocked")
            registered = True
            self.manager.check_pending()
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not take the host down
            # Only undo our own registration: pluggy also refuses an object that another entry
            # point registered already, and that earlier registration must stay.
            if registered:
                self.manager.unregister(name=source.name)
            self._fail(source, f"invalid plugin: {exc}")
            return False
        self.sources[source.name] = source
        self._collect(plugin, source, "register_exporters", Exporter, self._exporters)
        self._collect(plugin, source, "register_importers", Importer, self._importers)
        self._collect(plugin, source, "register_checks", Check, self._checks)
        self._collect(plugin, source, "register_commands", Command, self._commands)
        self._collect(plugin, source, "register_comparison_exporters", ComparisonExporter, self._comparison_exporters)
        return True

    def _collect(
        self,
        plugin: object,
        source: PluginSource,
        hook_name: str,
        expected: type[Exporter] | type[Importer] | type[Check] | type[Command] | type[ComparisonExporter],
        into: dict[str, Any],
    ) -> None:
        # Each implementation is called on its own: pluggy would stop the whole hook call at the
        # first plugin that raises.
        for impl in getattr(self.manager.hook, hook_name).get_hookimpls():
            if impl.plugin is not plugin:
                continue
            try:
                provided = impl.function()
                if provided is None:
                    items = []
                elif isinstance(
                    provided, str | bytes | Mapping | Exporter | Importer | Check | Command | ComparisonExporter
                ) or not isinstance(provided, Iterable):
                    self._fail(
                        source,
                        f"{hook_name} must return a list of {expected.__name__}, not {type(provided).__name__}",
                    )
                    continue
                else:
                    items = list(provided)
            except Exception as exc:  # noqa: BLE001
                self._fail(source, f"{hook_name} raised {type(exc).__name__}: {exc}")
                continue
            for item in items:
                if not isinstance(item, expected):
                    self._fail(source, f"{hook_name} returned {type(item).__name__}, not {expected.__name__}")
                    continue
                kind = _KINDS.get(expected, "check")
                if item.name in into:
                    self._conflicts.setdefault((kind, item.name), [into[item.name][1]]).append(source)
                    # Listed with the failures: neither plugin's format can be used by that name.
                    self._fail(source, f"registers the {kind} {item.name!r}, which {into[item.name][1]} registers too")
                    continue
                into[item.name] = (item, source)

    def load_builtins(self) -> None:
        for module_name in BUILTIN_PLUGINS:
            source = _builtin_source(module_name)
            try:
                module = importlib.import_module(module_name)
            except Exception as exc:  # noqa: BLE001
                self._fail(source, f"failed to import: {type(exc).__name__}: {exc}")
                continue
            self.add_plugin(module, source)

    def load_entry_points(self, only: Iterable[str] | None = None) -> None:
        wanted = set(only) if only is not None else None
        found: set[str] = set()
        for entry_point in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if wanted is not None and entry_point.name not in wanted:
                continue
            found.add(entry_point.name)
            source = _entry_point_source(entry_point)
            try:
                plugin = entry_point.load()
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                self._fail(source, f"failed to import: {type(exc).__name__}: {exc}")
                continue
            self.add_plugin(plugin, source)
        for name in sorted((wanted or set()) - found):
            self._fail(
                PluginSource(name=name), f"not installed (no entry point {name!r} in group {ENTRY_POINT_GROUP!r})"
            )

    # -- lookup --------------------------------------------------------------------------------

    def _lookup(self, kind: str, name: str, table: dict[str, Any]) -> Any:
        conflict = self._conflicts.get((kind, name))
        if conflict:
            plugins = " and ".join(str(source) for source in conflict)
            raise DuplicateFormatError(f"two plugins register the {kind} {name!r}: {plugins}")
        try:
            return table[name][0]
        except KeyError:
            raise UnknownFormatError(name, sorted(table), kind=kind) from None

    def exporter(self, name: str) -> Exporter:
        exporter: Exporter = self._lookup("exporter", name, self._exporters)
        return exporter

    def importer(self, name: str) -> Importer:
        importer: Importer = self._lookup("importer", name, self._importers)
        return importer

    def comparison_exporter(self, name: str) -> ComparisonExporter:
        exporter: ComparisonExporter = self._lookup("comparison exporter", name, self._comparison_exporters)
        return exporter

    def comparison_exporter_source(self, name: str) -> PluginSource:
        return self._comparison_exporters[name][1]

    def exporter_source(self, name: str) -> PluginSource:
        return self._exporters[name][1]

    def importer_source(self, name: str) -> PluginSource:
        return self._importers[name][1]

    def importer_for(self, filename: str, data: bytes | None = None) -> Importer:
        """The importer whose extensions match the file name's ending, unless it does not recognise
        the data and another importer does (a web page saved as ``.txt``, a PDF saved as
        ``.docx``); else the first whose ``detect`` recognises the data."""
        lowered = filename.lower()
        by_extension = next(
            (
                importer
                for importer, _ in self._importers.values()
                if any(lowered.endswith(e) for e in importer.extensions)
            ),
            None,
        )
        if by_extension is not None and (data is None or _recognises(by_extension, data) is not False):
            return self.importer(by_extension.name)  # refuses a name two plugins claim
        if data is not None:
            for importer, _source in self._importers.values():
                if importer is not by_extension and _recognises(importer, data):
                    return self.importer(importer.name)
        if by_extension is not None:
            return self.importer(by_extension.name)  # read, and refused as no report if it is none
        known = sorted({ext for importer, _ in self._importers.values() for ext in importer.extensions})
        raise UnknownFormatError(filename, known, kind="kind of input file (by extension)")

    def checks(self) -> list[tuple[Check, PluginSource]]:
        """Every registered check with its plugin, built-ins first; of two with one id, the first."""
        return list(self._checks.values())

    def commands(self) -> list[tuple[Command, PluginSource]]:
        """Every subcommand plugins add, with its plugin, in the order the plugins loaded."""
        return list(self._commands.values())

    def command(self, name: str) -> Command:
        command: Command = self._lookup("command", name, self._commands)
        return command

    def command_source(self, name: str) -> PluginSource:
        return self._commands[name][1]

    def formats(self) -> list[FormatInfo]:
        infos = [
            FormatInfo(
                name=item.name,
                kind="exporter",
                description=item.description,
                extensions=(item.extension,),
                plugin=source,
            )
            for item, source in self._exporters.values()
        ]
        infos += [
            FormatInfo(
                name=item.name,
                kind="importer",
                description=item.description,
                extensions=item.extensions,
                plugin=source,
            )
            for item, source in self._importers.values()
        ]
        infos += [
            FormatInfo(
                name=item.name,
                kind="comparison",
                description=item.description,
                extensions=(item.extension,),
                plugin=source,
            )
            for item, source in self._comparison_exporters.values()
        ]
        return sorted(infos, key=lambda info: (info.kind, info.name))

    def conflicts(self) -> list[str]:
        return [
            f"{kind} {name!r} is registered by " + " and ".join(str(source) for source in sources)
            for (kind, name), sources in sorted(self._conflicts.items())
        ]


def build_registry(
    *, builtins: bool = True, autoload: bool | None = None, only: Sequence[str] | None = None
) -> Registry:
    """A new registry. By default: built-ins, then installed plugins as the environment allows."""
    registry = Registry()
    if builtins:
        registry.load_builtins()
    if autoload is None:
        autoload = os.environ.get(DISABLE_AUTOLOAD_ENV, "").strip().lower() not in {"1", "true", "yes", "on"}
    if only is None and os.environ.get(ONLY_PLUGINS_ENV):
        only = [name.strip() for name in os.environ[ONLY_PLUGINS_ENV].split(",") if name.strip()]
    if autoload or only is not None:
        registry.load_entry_points(only)
    return registry


# Reentrant: a plugin that asks for the registry while it is being imported gets an error (and
# becomes a listed failure) instead of deadlocking the process.
_lock = threading.RLock()
_registry: Registry | None = None
_building = False


def get_registry() -> Registry:
    """The process-wide registry, built on first use."""
    global _registry, _building
    with _lock:
        if _registry is None:
            if _building:
                raise PluginError("the formats were used while the plugins were still loading")
            _building = True
            try:
                _registry = build_registry()
            finally:
                _building = False
        return _registry


def reset_registry(factory: Callable[[], Registry] | None = None) -> None:
    """Forget the process-wide registry (tests, or after installing a plugin at run time)."""
    global _registry
    with _lock:
        _registry = factory() if factory is not None else None
