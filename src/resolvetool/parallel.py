"""Running a function over chunks of work in worker processes, a few chunks in flight per worker."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pool_map(
    work: Callable[..., Any], chunks: list[Any], args: tuple = (), *, jobs: int | None = None
) -> Iterator[tuple[Any, Any]]:
    """(chunk, work(chunk, *args)) for every chunk, in order, computed in `jobs` worker processes."""
    jobs = jobs or default_jobs()
    # fork starts workers in milliseconds with the parent's imports; elsewhere spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_end_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        # A few chunks in flight per worker: enough to keep them busy, few enough that finished
        # results do not pile up in memory while an earlier chunk is still running.
        pending: deque = deque()
        queue = iter(chunks)
        for chunk in queue:
            pending.append((chunk, pool.submit(work, chunk, *args)))
            if len(pending) >= jobs * 3:
                break
        while pending:
            chunk, future = pending.popleft()
            outcome = future.result()
            following = next(queue, None)
            if following is not None:
                pending.append((following, pool.submit(work, following, *args)))
            yield chunk, outcome


def _end_with_parent(parent: int) -> None:
    """In a worker: end when the process that started it ends (killed, or stopped by a timeout), instead of
    waiting forever for work that will never come."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        os._exit(1)
