"""Jinja2 environments for the template-based exporters.

Templates are package data under ``govreport/templates/<kind>/``. A user template directory
comes first in the search path, and a user template can ``{% extends "default:report.txt.j2" %}``
to override a single block. Undefined names are errors; report data is only ever passed as
values, never compiled as a template.

In the HTML environment (kind ``html``, autoescaping) every value a template prints with ``{{ }}``
is first cleaned by :func:`html_text` of the characters HTML calls a parse error; Markup (a macro's
or block's output, markup made in Python) is printed as it is. See :func:`html_finalize`.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.errors import ExportError

if TYPE_CHECKING:
    import jinja2


# What HTML calls a parse error in its input: controls other than ASCII whitespace (C0, DEL, C1)
# and noncharacters. They are left out of an HTML page (as the docx exporter leaves the characters
# XML cannot hold out of what it shows).
_NOT_HTML_CHARACTERS = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
_NOT_HTML = re.compile(f"[{_NOT_HTML_CHARACTERS}]")
# The noncharacters beyond the BMP, looked for only in a text that has a character there at all: a
# class of 32 scattered astral characters makes the scan of a whole page ten times slower.
_ASTRAL_CHARACTERS = "\U00010000-\U0010ffff"
_ASTRAL = re.compile(f"[{_ASTRAL_CHARACTERS}]")
_ASTRAL_NONCHARACTER = re.compile(
    "[" + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17)) + "]"
)
# Either of the above, in one scan (a text almost never has any).
_ANY_TO_LOOK_AT = re.compile(f"[{_NOT_HTML_CHARACTERS}{_ASTRAL_CHARACTERS}]")


def html_text(text: str) -> str:
    """``text`` without the characters HTML calls a parse error (the same ``str`` when it has none)."""
    # Each of them is a control (Cc) or a noncharacter (Cn), and neither is printable: one pass in C
    # settles nearly every text, where a search costs a call more.
    if text.isprintable() or not _ANY_TO_LOOK_AT.search(text):
        return text
    text = _NOT_HTML.sub("", text)
    if _ASTRAL.search(text):
        text = _ASTRAL_NONCHARACTER.sub("", text)
    return text


# Types whose str() holds no character HTML calls a parse error.
_PLAIN = frozenset({int, float, bool})


def html_finalize(value: Any) -> Any:
    """What a ``{{ }}`` of the HTML environment prints, before it is escaped: text cleaned by
    :func:`html_text`; numbers, None and Markup as they are (Markup is made of what was printed
    so, or made in Python, whose code cleans the text it puts in); anything else as its ``str``,
    cleaned (escaping would use that ``str``)."""
    if type(value) is str:
        return html_text(value)
    if value is None or type(value) in _PLAIN or hasattr(value, "__html__"):
        return value
    return html_text(str(value))


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
        finalize=html_finalize if kind == "html" and autoescape else None,
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
