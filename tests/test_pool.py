"""The batch pool: results in input order, calls taken only as workers are free (so a batch of any
size holds a bounded number of them), workers replaced after a number of calls, and a call that
overruns its time limit or kills its worker reported without stopping the others."""

from __future__ import annotations

import io
import multiprocessing
import os
import time
from collections.abc import Iterator

import pytest

from govreport.batch import Progress
from govreport.pool import CallTimedOut, Failure, Pool

CONTEXT = multiprocessing.get_context("forkserver")


def square_with_pid(n: int) -> tuple[int, int]:
    time.sleep(0.002 * (n % 3))  # finish out of order
    return n * n, os.getpid()


def nap(n: int) -> tuple[float, float, int]:
    start = time.time()
    time.sleep(0.5)
    return start, time.time(), os.getpid()


def misbehave(n: int) -> str:
    if n == 2:
        try:
            time.sleep(60)
        except CallTimedOut:
            return "stopped by the alarm"
    if n == 3:
        os._exit(7)
    return f"ok {n}"


def failed(failure: Failure) -> object:
    return ("failed", failure.arguments, failure.message)


def test_results_come_in_input_order_and_workers_are_replaced() -> None:
    pool = Pool(square_with_pid, failed, jobs=2, context=CONTEXT, tasks_per_worker=5)
    results = list(pool.run((n,) for n in range(40)))
    assert [value for value, _pid in results] == [n * n for n in range(40)]
    # 40 calls, at most 5 per worker: at least 8 different worker processes did them
    assert len({pid for _value, pid in results}) >= 8
    assert os.getpid() not in {pid for _value, pid in results}


def test_calls_run_at_the_same_time_in_different_workers() -> None:
    # Not a speed measurement: the calls' own clocks show that two of them overlapped.
    runs = list(Pool(nap, failed, jobs=2, context=CONTEXT).run((n,) for n in range(4)))
    overlapping = [(a, b) for a in runs for b in runs if a[2] != b[2] and a[0] < b[1] and b[0] < a[1]]
    assert overlapping


def test_calls_are_taken_only_as_they_can_run() -> None:
    taken: list[int] = []

    def calls() -> Iterator[tuple[int]]:
        for n in range(1000):
            taken.append(n)
            yield (n,)

    pool = Pool(square_with_pid, failed, jobs=2, context=CONTEXT)
    results = pool.run(calls())
    first = next(results)
    assert first[0] == 0
    # a bounded window ahead of the first result, not the whole batch
    assert len(taken) <= pool.window + 1
    rest = list(results)
    assert len(rest) == 999
    assert len(taken) == 1000


def test_a_hang_and_a_dead_worker_are_reported_and_the_rest_goes_on() -> None:
    pool = Pool(misbehave, failed, jobs=2, timeout=1, context=CONTEXT)
    started = time.monotonic()
    results = list(pool.run((n,) for n in range(6)))
    assert results[0] == "ok 0"
    assert results[1] == "ok 1"
    assert results[2] == "stopped by the alarm"  # the worker's own alarm, inside the call
    assert results[3][0] == "failed"
    assert results[3][1] == (3,)
    assert "worker process died (exit code 7)" in results[3][2]
    assert results[4:] == ["ok 4", "ok 5"]
    assert time.monotonic() - started < 30  # generous: one 1 s limit, on a shared machine


def test_stopping_early_leaves_no_worker_behind() -> None:
    pool = Pool(square_with_pid, failed, jobs=2, context=CONTEXT)
    results = pool.run((n,) for n in range(100))
    pids = {next(results)[1], next(results)[1]}
    results.close()  # the consumer stops (Ctrl-C, an error): the pool shuts its workers down
    assert not pool._workers
    time.sleep(0.2)
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_message_clears_the_progress_bar_and_draws_it_again() -> None:
    terminal = FakeTerminal()
    out = io.StringIO()
    progress = Progress(3, terminal)
    progress.advance(failed=False)
    progress.message("out/a.json", out)
    assert out.getvalue() == "out/a.json\n"
    assert terminal.getvalue().endswith("\r\x1b[K\r[##########....................] 1/3")
