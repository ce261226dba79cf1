"""Writing files so that a failure never leaves half a file or clobbers a good one."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Mapping
from pathlib import Path

from govreport.errors import OutputFileError

_ATTEMPTS = 100
#: The bytes a temporary name adds to its target's: "." + "." + 12 hex digits + ".tmp".
_TEMPORARY_OVERHEAD = 18
#: The longest file name most file systems take (ext4, XFS, btrfs, APFS, NTFS in UTF-16 units).
_NAME_MAX = 255


def temporary_stem(name: str, limit: int = _NAME_MAX) -> str:
    """``name`` cut (at a character boundary) so that its temporary name still fits ``limit`` bytes.

    A target whose own name fits must never fail because its temporary name does not: a stem of
    78 CJK characters is 234 bytes, and 18 more is too long for ext4.
    """
    encoded = os.fsencode(name)
    room = limit - _TEMPORARY_OVERHEAD
    if len(encoded) <= room:
        return name
    return encoded[:room].decode("utf-8", "ignore") or "_"


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new, empty file beside ``path``: ``.NAME.RANDOM.tmp``, opened for writing.

    Created with mode 0o666 so the process umask applies as for any new file (reading the umask
    would mean changing it, which races with other threads).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        temporary = os.fspath(path.parent / f".{temporary_stem(path.name)}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", os.fspath(path))


def _write_all(handle: int, data: bytes) -> None:
    """Write ``data`` to the open file ``handle`` completely (not yet synced)."""
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        view = view[written:]


class _SyncThreads:
    """Threads kept for ``fsync``: a batch syncs four files a report, and starting four threads
    for them cost five times the CPU of handing the calls to threads already running (0.25 ms
    against 0.05 ms a report). Daemon threads, started as needed and never more than the most
    files synced at once less one (the calling thread syncs one itself)."""

    def __init__(self) -> None:
        import queue

        self._lock = threading.Lock()
        self._tasks: queue.SimpleQueue[tuple[int, queue.SimpleQueue[BaseException | None]]] = queue.SimpleQueue()
        self._started = 0

    def _serve(self) -> None:
        import signal

        # Signals are the main thread's (the alarm of --timeout, SIGTERM to a worker): none may land here.
        signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
        while True:
            handle, done = self._tasks.get()
            try:
                os.fsync(handle)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                done.put(exc)
            else:
                done.put(None)

    def sync(self, handles: list[int]) -> None:
        import queue

        others = handles[1:]
        with self._lock:
            while self._started < len(others):
                threading.Thread(target=self._serve, name="govreport-fsync", daemon=True).start()
                self._started += 1
        done: queue.SimpleQueue[BaseException | None] = queue.SimpleQueue()
        for handle in others:
            self._tasks.put((handle, done))
        failures: list[BaseException] = []
        try:
            os.fsync(handles[0])
        except BaseException as exc:  # noqa: BLE001 - raised below, once every other sync is done
            failures.append(exc)
        for _ in others:
            failure = done.get()
            if failure is not None:
                failures.append(failure)
        if failures:
            raise failures[0]


_sync_threads: _SyncThreads | None = None
_sync_threads_lock = threading.Lock()


def _forget_sync_threads() -> None:
    # A forked child has the queue but not the threads that served it (and a lock it may not own).
    global _sync_threads, _sync_threads_lock
    _sync_threads = None
    _sync_threads_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_sync_threads)


def _sync_all(handles: list[int]) -> None:
    """``fsync`` every file, at the same time when there are several: the file system then commits
    them together (four outputs of a report take about the time of one, not four times it)."""
    global _sync_threads
    if len(handles) <= 1:
        for handle in handles:
            os.fsync(handle)
        return
    with _sync_threads_lock:
        if _sync_threads is None:
            _sync_threads = _SyncThreads()
        threads = _sync_threads
    threads.sync(handles)


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
            raise OutputFileError(f"cannot write {path}: it is a folder")
    staged: list[tuple[str, Path]] = []
    handles: list[int] = []
    current = next(iter(files), Path("."))
    try:
        for path, data in files.items():
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = _create_temporary(path)
            handles.append(handle)
            staged.append((temporary, path))
            _write_all(handle, data)
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temporary, path.stat().st_mode & 0o7777)
        # Every file's data is on disk before any is renamed into place: a crash leaves each target
        # either as it was or complete, never empty.
        _sync_all(handles)
        for handle in handles:
            os.close(handle)
        handles.clear()
        for temporary, path in staged:
            current = path
            os.replace(temporary, path)
    except BaseException as exc:
        for handle in handles:
            with contextlib.suppress(OSError):
                os.close(handle)
        for temporary, _path in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, OutputFileError):
            # A failed write names no file (ENOSPC, EFBIG) or our temporary one: name the target.
            raise OutputFileError(f"cannot write {current}: {_reason(exc, current)}") from None
        raise


def _reason(exc: OSError, target: Path) -> str:
    """Why a write failed, naming the folder when it is the folder that is the trouble."""
    why = exc.strerror or str(exc)
    filename = exc.filename
    if filename is None or os.path.basename(os.fsdecode(filename)).startswith(f".{temporary_stem(target.name)}."):
        return why
    if os.fsdecode(filename) == os.fspath(target):
        return why
    return f"{why}: {os.fsdecode(filename)}"


def probe_folder(folder: Path) -> None:
    """Raise :class:`OutputFileError` if outputs cannot be written in ``folder``: it is a file, or
    the folder (or, if it does not exist yet, the nearest folder above it that does, where it will
    be made) does not take a new file. Nothing is left behind: a probe file is made and removed."""
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        what = "is a file, not a folder" if existing == folder else f"cannot be made: {existing} is a file"
        raise OutputFileError(f"{folder}: {what}")
    try:
        handle, temporary = _create_temporary(existing / "probe")
        os.close(handle)
        os.unlink(temporary)
    except OSError as exc:
        why = exc.strerror or str(exc)
        where = "" if existing == folder else f" ({existing}, where it would be made)"
        raise OutputFileError(f"{folder}: cannot write in this folder{where}: {why}") from None


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """An existing file that nobody may write (``chmod a-w``): someone meant to keep it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & 0o222


def remove_temporaries(target: Path) -> None:
    """Remove what a writer of ``target`` killed mid-write left beside it (``.NAME.RANDOM.tmp``)."""
    prefix = f".{temporary_stem(target.name)}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        middle = name[len(prefix) : -len(".tmp")]
        if name.startswith(prefix) and name.endswith(".tmp") and len(middle) == 12 and _is_hex(middle):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


def _is_hex(text: str) -> bool:
    return all(char in "0123456789abcdef" for char in text)


def write_file_atomically(path: Path, data: bytes) -> None:
    write_files_atomically({path: data})
