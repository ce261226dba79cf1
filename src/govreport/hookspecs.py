"""The hooks a govreport plugin can implement.

A plugin is a module or object with functions marked ``@govreport.hookimpl`` whose names are
the hooks below. It is found through the entry-point group ``govreport``. The built-in formats
are plugins of exactly this kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from govreport.formats import Check, Command, ComparisonExporter, Exporter, Importer

PROJECT = "govreport"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_exporters() -> Sequence[Exporter]:  # type: ignore[empty-body]
    """Return the exporters this plugin provides (each an :class:`govreport.Exporter`)."""


@hookspec
def register_importers() -> Sequence[Importer]:  # type: ignore[empty-body]
    """Return the importers this plugin provides (each an :class:`govreport.Importer`)."""


@hookspec
def register_checks() -> Sequence[Check]:  # type: ignore[empty-body]
    """Return the checks (rules of ``govreport check``) this plugin provides (each a :class:`govreport.Check`)."""


@hookspec
def register_commands() -> Sequence[Command]:  # type: ignore[empty-body]
    """Return the subcommands of ``govreport`` this plugin provides (each a :class:`govreport.Command`)."""


@hookspec
def register_comparison_exporters() -> Sequence[ComparisonExporter]:  # type: ignore[empty-body]
    """Return the formats for comparisons of two years this plugin provides (each a
    :class:`govreport.ComparisonExporter`)."""
