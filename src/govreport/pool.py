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

import functools
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import multiprocessing.process
import signal
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

#: A worker is replaced after this many calls. Starting one costs about as much as a few calls
#: (it loads the plugins again), so this keeps the cost of recycling near 1%.
TASKS_PER_WORKER = 200
#: How long past its limit a call may run before its worker is killed: the worker's own alarm
#: (which names the step that hung) gets this long to report first.
KILL_GRACE_SECONDS = 5.0


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


def _serve(connection: multiprocessing.connection.Connection, timeout: float | None) -> None:
    """A worker: run each ``(function, arguments)`` received and send back its result."""
    # Ctrl-C reaches every process of the terminal's group; the parent alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if timeout is not None:
        signal.signal(signal.SIGALRM, functools.partial(_on_alarm, timeout))
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        function, arguments = message
        if timeout is not None:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            result = function(*arguments)
        finally:
            if timeout is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
        connection.send(result)


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
    ) -> None:
        self.function = function
        self.on_failure = on_failure
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.context: Context = context or multiprocessing.get_context("spawn")
        self.tasks_per_worker = tasks_per_worker
        self.window = self.jobs * 4
        self._workers: list[_Worker] = []

    # -- workers -----------------------------------------------------------------------------------

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child_end, self.timeout), daemon=True)
        process.start()
        child_end.close()  # so that the parent sees end-of-file when the worker dies
        worker = _Worker(process=process, connection=parent_end)
        self._workers.append(worker)
        return worker

    def _stop_worker(self, worker: _Worker, *, kill: bool) -> None:
        self._workers.remove(worker)
        if kill:
            worker.process.kill()
        else:
            try:
                worker.connection.send(None)
            except OSError:
                worker.process.kill()
        worker.process.join(timeout=10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()

    def _idle_worker(self) -> _Worker | None:
        for worker in self._workers:
            if worker.index is None:
                return worker
        return self._start_worker() if len(self._workers) < self.jobs else None

    def close(self) -> None:
        for worker in list(self._workers):
            self._stop_worker(worker, kill=worker.index is not None)

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
        return self.on_failure(Failure(arguments=arguments, message=why))
