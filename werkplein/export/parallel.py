"""Rendering many documents on every core: the teamleider's batch.

reportlab is pure Python, so one process renders one document at a time. The data of each
document is gathered from the encrypted store in the calling thread (a few milliseconds), and
only the rendering goes to worker processes, which never open the store: the data reaches them
through a pipe in memory, never through a file. Workers are started with ``spawn`` (no fork of
a process holding Qt threads and database connections) and only for batches big enough to earn
back their start-up; results come back in order, with at most a few documents in flight.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from werkplein import i18n

T = TypeVar("T")
MIN_BATCH = 24  # below this, starting the workers costs more than it saves


def _in_language(render: Callable[[T], bytes], item: T, language: str) -> bytes:
    i18n.set_language(language)
    return render(item)


def workers_for(count: int) -> int:
    cores = os.cpu_count() or 1
    return min(cores, 4) if count >= MIN_BATCH and cores > 1 else 0


class Renderer:
    """``with Renderer(count) as r: for data in r.map(render, items): ...``

    ``render`` must be a module-level function (it is sent to the workers by name)."""

    def __init__(self, count: int) -> None:
        self.workers = workers_for(count)
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Renderer:
        if self.workers:
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            # a stop or an error: drop what is queued, do not wait for it
            self.pool.shutdown(wait=exc[0] is None, cancel_futures=True)

    def map(self, render: Callable[[T], bytes], items: Iterable[T]) -> Iterator[bytes]:
        if self.pool is None:
            for item in items:
                yield render(item)
            return
        language = i18n.language()
        window: deque[Future[bytes]] = deque()
        source = iter(items)
        for item in source:
            window.append(self.pool.submit(_in_language, render, item, language))
            if len(window) >= 2 * self.workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
