"""Writing files so that a failure never leaves half a file or clobbers a good one."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Mapping
from pathlib import Path

_ATTEMPTS = 100


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new, empty file beside ``path``: ``.NAME.RANDOM.tmp``, opened for writing.

    Created with mode 0o666 so the process umask applies as for any new file (reading the umask
    would mean changing it, which races with other threads).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        temporary = os.fspath(path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", os.fspath(path))


def _write_all(handle: int, data: bytes) -> None:
    """Write, flush and sync ``data`` to the open file ``handle``, and close it."""
    try:
        stream = os.fdopen(handle, "wb")
    except BaseException:
        os.close(handle)
        raise
    with stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def write_files_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary file beside its target, then all are
    renamed into place. An existing file keeps its permissions.

    A failure while writing (disk full, no permission, ...) leaves every target as it was and no
    temporary file behind. Only a failure of the final renames, which need no space and happen in
    directories already written to, could leave some targets replaced and others not.
    """
    for path in files:
        # Checked before anything is written: the renames below are not undone if one fails.
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory", os.fspath(path))
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = _create_temporary(path)
            staged.append((temporary, path))
            _write_all(handle, data)
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temporary, path.stat().st_mode & 0o7777)
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _path in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        raise


def write_file_atomically(path: Path, data: bytes) -> None:
    write_files_atomically({path: data})
