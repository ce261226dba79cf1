"""Where plugin code runs: what it prints goes to standard error, and where it moves does not stick.

A plugin is someone else's code inside ``govreport import x > x.json`` or ``check --format json``:
a ``print`` of its own must not corrupt the command's output, and an ``os.chdir`` must not change
where the next input is read from or its outputs are written.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def plugin_code() -> Iterator[None]:
    """Run the block with Python's ``sys.stdout`` sent to ``sys.stderr`` and the working directory
    put back afterwards. (What a plugin writes to file descriptor 1 itself, or through a child
    process, the command sends to standard error too: see ``govreport.console``.)"""
    try:
        here: int | None = os.open(".", os.O_RDONLY)
    except OSError:
        here = None
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    finally:
        if here is not None:
            with contextlib.suppress(OSError):
                os.fchdir(here)
            os.close(here)
