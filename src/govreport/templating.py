"""Jinja2 environments for the template-based exporters.

Templates are package data under ``govreport/templates/<kind>/``. A user template directory
comes first in the search path, and a user template can ``{% extends "default:report.txt.j2" %}``
to override a single block. Undefined names are errors; report data is only ever passed as
values, never compiled as a template.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.errors import ExportError

if TYPE_CHECKING:
    import jinja2


@lru_cache(maxsize=32)
def environment(kind: str, template_dir: Path | None = None, *, autoescape: bool = False) -> jinja2.Environment:
    """The environment for one kind of template (``text``, ``html``), built once per process."""
    import jinja2

    default = jinja2.PackageLoader("govreport", f"templates/{kind}")
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise ExportError(f"template directory not found: {template_dir}")
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders += [jinja2.PrefixLoader({"default": default}, delimiter=":"), default]
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(
    kind: str,
    name: str,
    context: Mapping[str, Any],
    *,
    template_dir: Path | None = None,
    autoescape: bool = False,
) -> str:
    """Render one template; any template error names the template and line.

    Helpers go into ``context``, not into template globals: a cached template's globals are
    shared between threads.
    """
    import jinja2

    env = environment(kind, template_dir.resolve() if template_dir else None, autoescape=autoescape)
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise ExportError(f"template {exc.name or exc.filename or name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise ExportError(f"template not found: {exc.name}") from None
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError(f"{_template_position(name)}: {type(exc).__name__}: {exc}") from exc


def _template_position(default_name: str) -> str:
    # Jinja2 rewrites tracebacks so that template frames carry the template's file and line.
    frames = traceback.extract_tb(sys.exc_info()[2])
    for frame in reversed(frames):
        if frame.filename.endswith(".j2"):
            return f"template {Path(frame.filename).name}, line {frame.lineno}"
    return f"template {default_name}"
