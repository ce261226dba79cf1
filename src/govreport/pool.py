"""A process pool for batches: one function call per input, results in input order, bounded memory,
and a time limit per call that is enforced even on code that never returns.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: it cannot stop one call that hangs (a
plugin in an endless loop) without tearing down the whole pool, and it does not say which call a
dead worker was running. Here each worker runs one call at a time over its own pipe, so the parent
knows what every worker is doing, can kill the one that overruns and start another in its place.

Two limits keep the memory of a batch flat however many inputs it has: at most ``window`` calls
are handed out ahead of the first unfinished one (so the parent holds at most that many results
while it waits to yield them in order), and a worker is replaced after ``tasks_per_worker`` calls
(so whatever a plugin keeps between calls cannot accumulate over a whole national run).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import multiprocessing.process
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")
Context = (
    multiprocessing.context.ForkServerContext
    | multiprocessing.context.SpawnContext
    | multiprocessing.context.ForkContext
)

#: A worker is replaced after this many calls. Forked from a server that has loaded the built-in
#: plugins (:mod:`govreport.forkserver_preload`), one costs about 35 ms of CPU to start (the
#: installed plugins, its first report); started cold (spawn) about 0.3 s, some 25 reports' worth
#: at 4 formats, which after 200 calls was a seventh of a batch's time and after 1,000 is 3%.
TASKS_PER_WORKER = 1000
#: How long past its limit a call may run before its worker is killed: the worker's own alarm
#: (which names the step that hung) gets this long to report first.
KILL_GRACE_SECONDS = 5.0
#: How long a worker stopped by an interrupt gets to remove its temporary files before it is killed.
STOP_GRACE_SECONDS = 2.0


class CallTimedOut(BaseException):
    """Raised inside a worker when its call overruns the time limit.

    A ``BaseException`` so that a plugin's ``except Exception`` does not swallow it; the functions
    a batch runs catch it and report the step they were at.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def _on_alarm(seconds: float, _signum: int, _frame: object) -> None:
    raise CallTimedOut(seconds)


class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP, turned into an exception by :func:`raise_on_signals` so that
    every ``finally`` and every clean-up of a temporary file runs. A ``KeyboardInterrupt`` that is
    not one of these was raised by code (a plugin), not by the user."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The signals that stop a command, and the exit status of each (128 + its number, as a shell reports it).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _raise_interrupted(signum: int, _frame: object) -> None:
    # Once is enough: a second signal during the clean-up must not abandon the clean-up.
    for other in STOP_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    raise Interrupted(signum)


def raise_on_signals() -> dict[int, Any]:
    """Make SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted`; the handlers they had, to restore."""
    return {signum: signal.signal(signum, _raise_interrupted) for signum in STOP_SIGNALS}


def _watch_parent(parent: int, every: float = 0.5) -> None:
    """End this worker, and whatever it started, when the command that started it is gone (killed
    with SIGKILL, say): a worker busy in a plugin would otherwise run on, orphaned."""
    original = os.getppid()

    def watch() -> None:
        # Signals are the main thread's (the alarm of --timeout, SIGTERM): none may land here.
        signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
        while True:
            time.sleep(every)
            try:
                os.kill(parent, 0)
                alive = os.getppid() == original
            except ProcessLookupError:
                alive = False
            except PermissionError:
                alive = True
            if not alive:
                os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="govreport-parent-watch", daemon=True).start()


def _serve(connection: multiprocessing.connection.Connection, timeout: float | None, parent: int) -> None:
    """A worker: run each ``(function, arguments)`` received and send back its result."""
    # Its own process group: Ctrl-C and a terminal's hang-up reach the command alone, which decides
    # what stops and how (SIGTERM to the worker, then SIGKILL to its group: a plugin's child too).
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    # SIGTERM from the command: raised in the call, so that its temporary files are removed.
    signal.signal(signal.SIGTERM, _raise_interrupted)
    if timeout is not None:
        signal.signal(signal.SIGALRM, functools.partial(_on_alarm, timeout))
    _watch_parent(parent)
    try:
        while True:
            try:
                message = connection.recv()
            except EOFError:
                break
            if message is None:
                break
            function, arguments = message
            if timeout is not None:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                result = function(*arguments)
            finally:
                if timeout is not None:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            connection.send(result)
    except BaseException:  # noqa: BLE001 - stopped (SIGTERM) or broken: the parent reports the call, quietly
        os._exit(1)
    # Straight out: a plugin's non-daemon thread must not keep a finished worker alive.
    os._exit(0)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: multiprocessing.connection.Connection
    index: int | None = None  # the call it is running
    arguments: tuple[Any, ...] = ()
    deadline: float = float("inf")
    calls: int = 0


@dataclass(frozen=True)
class Failure:
    """Why a call produced no result: its worker died or was stopped."""

    arguments: tuple[Any, ...]
    message: str


class Pool(Generic[Result]):
    """Run ``function(*arguments)`` for each item of ``calls`` in ``jobs`` worker processes.

    ``function`` must be a module-level function that never raises for a bad input (it reports the
    failure in its result); a call that kills its worker or overruns ``timeout`` seconds is given
    to ``on_failure``, whose return value stands in for its result.
    """

    def __init__(
        self,
        function: Callable[..., Result],
        on_failure: Callable[[Failure], Result],
        *,
        jobs: int,
        timeout: float | None = None,
        context: Context | None = None,
        tasks_per_worker: int = TASKS_PER_WORKER,
        on_abandoned: Callable[[tuple[Any, ...]], None] | None = None,
    ) -> None:
        self.function = function
        self.on_failure = on_failure
        #: called with the arguments of every call whose worker was killed (to clean up after it)
        self.on_abandoned = on_abandoned
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.context: Context = context or multiprocessing.get_context("spawn")
        self.tasks_per_worker = tasks_per_worker
        self.window = self.jobs * 4
        self._workers: list[_Worker] = []

    # -- workers -----------------------------------------------------------------------------------

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child_end, self.timeout, os.getpid()), daemon=True)
        process.start()
        child_end.close()  # so that the parent sees end-of-file when the worker dies
        worker = _Worker(process=process, connection=parent_end)
        self._workers.append(worker)
        return worker

    def _stop_worker(self, worker: _Worker, *, kill: bool) -> None:
        self._workers.remove(worker)
        if kill:
            _kill_group(worker.process)
        else:
            try:
                worker.connection.send(None)
            except OSError:
                _kill_group(worker.process)
        worker.process.join(timeout=10)
        if worker.process.is_alive():
            _kill_group(worker.process)
            worker.process.join()
        worker.connection.close()

    def _idle_worker(self) -> _Worker | None:
        for worker in self._workers:
            if worker.index is None:
                return worker
        return self._start_worker() if len(self._workers) < self.jobs else None

    def close(self) -> None:
        """Stop every worker. A busy one (the batch was interrupted) gets SIGTERM, which its call
        turns into an exception that removes its temporary files, and is killed with its process
        group if it has not ended after STOP_GRACE_SECONDS."""
        busy = [worker for worker in self._workers if worker.index is not None]
        for worker in busy:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(worker.process.pid or 0, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for worker in busy:
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
        for worker in list(self._workers):
            arguments = worker.arguments if worker.index is not None else None
            self._stop_worker(worker, kill=worker.index is not None)
            if arguments is not None and self.on_abandoned is not None:
                self.on_abandoned(arguments)

    # -- running -----------------------------------------------------------------------------------

    def run(self, calls: Iterable[tuple[Any, ...]]) -> Iterator[Result]:
        """The results in the order of ``calls``, each as soon as it and all before it are done."""
        queue = iter(enumerate(calls))
        finished: dict[int, Result] = {}
        next_to_yield = 0
        handed_out = 0
        exhausted = False
        try:
            while True:
                while not exhausted and handed_out - next_to_yield < self.window:
                    worker = self._idle_worker()
                    if worker is None:
                        break
                    item = next(queue, None)
                    if item is None:
                        exhausted = True
                        break
                    self._hand_out(worker, *item)
                    handed_out += 1
                busy = [worker for worker in self._workers if worker.index is not None]
                if not busy and exhausted and next_to_yield == handed_out:
                    return
                for index, result in self._collect(busy):
                    finished[index] = result
                while next_to_yield in finished:
                    yield finished.pop(next_to_yield)
                    next_to_yield += 1
        finally:
            self.close()

    def _hand_out(self, worker: _Worker, index: int, arguments: tuple[Any, ...]) -> None:
        worker.index, worker.arguments = index, arguments
        # The worker's own alarm fires at the limit; the parent kills it only after a grace period.
        worker.deadline = time.monotonic() + self.timeout + KILL_GRACE_SECONDS if self.timeout else float("inf")
        worker.connection.send((self.function, arguments))

    def _collect(self, busy: list[_Worker]) -> Iterator[tuple[int, Result]]:
        """Wait until some busy worker finishes, dies or overruns; the results that came in."""
        deadline = min(worker.deadline for worker in busy)
        wait = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
        handles: list[Any] = [worker.connection for worker in busy] + [worker.process.sentinel for worker in busy]
        ready = set(multiprocessing.connection.wait(handles, timeout=wait))
        now = time.monotonic()
        for worker in busy:
            index = worker.index
            assert index is not None
            if worker.connection in ready:
                try:
                    result = worker.connection.recv()
                except (EOFError, OSError):
                    yield index, self._died(worker)
                    continue
                worker.index, worker.arguments = None, ()
                worker.calls += 1
                if worker.calls >= self.tasks_per_worker:
                    self._stop_worker(worker, kill=False)
                yield index, result
            elif worker.process.sentinel in ready:
                yield index, self._died(worker)
            elif now >= worker.deadline:
                yield index, self._lost(worker, f"timed out after {self.timeout:g} s; the worker was stopped")

    def _died(self, worker: _Worker) -> Result:
        worker.process.join(timeout=10)  # it is going or gone: this collects its exit code
        code = worker.process.exitcode
        why = "the worker process died"
        if code is not None and code < 0:
            try:
                why += f" (killed by {signal.Signals(-code).name}; out of memory?)"
            except ValueError:
                why += f" (exit code {code})"
        elif code:
            why += f" (exit code {code})"
        return self._lost(worker, why)

    def _lost(self, worker: _Worker, why: str) -> Result:
        """Stop the worker (killed if still running) and stand ``on_failure`` in for its call."""
        arguments = worker.arguments
        self._stop_worker(worker, kill=True)
        if self.on_abandoned is not None:
            self.on_abandoned(arguments)
        return self.on_failure(Failure(arguments=arguments, message=why))


def _kill_group(process: multiprocessing.process.BaseProcess) -> None:
    """SIGKILL to the worker's process group: the worker and whatever a plugin started in it
    (``os.system("sleep 300")`` would otherwise hold the command's output open)."""
    pid = process.pid
    if pid:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        process.kill()
