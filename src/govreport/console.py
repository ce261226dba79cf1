"""What the command writes where: its results on standard output, everything else on standard error,
and never a control character that a terminal would obey.

A plugin's ``print``, and the output of a child process a plugin starts, must not land in
``govreport import x > x.json``: while a command runs, file descriptor 1 is pointed at standard
error, and the command's results go to a duplicate of the original standard output.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Iterator
from typing import IO

# C0 controls but tab and line feed, DEL and the C1 controls (U+009B is CSI on some terminals): ESC
# sequences rewrite a terminal (`ESC]0;…BEL` sets its title, `ESC[2J` clears it).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_CONTROLS = re.compile("[\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character a terminal would act on shown as an escape (``\\x1b``)."""
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def printable_json(text: str) -> str:
    """JSON text with DEL and the C1 controls escaped too (``json.dumps`` escapes only C0)."""
    return _JSON_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


@contextlib.contextmanager
def results_on_stdout() -> Iterator[IO[str]]:
    """The stream for the command's results (the original standard output); meanwhile file
    descriptor 1 and ``sys.stdout`` are standard error, for whatever else writes to them."""
    original = sys.stdout
    try:
        fd = original.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        fd = -1  # not a real file (pytest's capsys, a StringIO): only sys.stdout is redirected
    if fd != 1:
        with contextlib.redirect_stdout(sys.stderr):
            yield original
        return
    original.flush()
    try:
        errors_fd = sys.stderr.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        errors_fd = 2
    saved = os.dup(1)
    results = open(saved, "w", encoding=original.encoding, errors=original.errors, closefd=False)  # noqa: SIM115
    os.dup2(errors_fd, 1)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield results
    finally:
        with contextlib.suppress(OSError):  # a reader that went away (BrokenPipeError)
            results.flush()
        with contextlib.suppress(OSError):
            results.close()
        os.dup2(saved, 1)
        os.close(saved)
