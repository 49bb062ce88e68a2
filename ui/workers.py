"""Work off the UI thread: database work over ~50 ms, imports, exports and sync.

A task runs in a ``QThreadPool`` thread on a session of its own (SQLCipher connections belong to
the thread that opened them; ``Session.reopen`` opens one with the derived key, no KDF). It
reports progress through signals and can be cancelled; results and errors reach the UI thread
by queued signals. A result whose owner widget was deleted meanwhile is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from werkplein.services.session import Session


class Progress:
    """Handed to the task function: report progress, check for cancel."""

    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        self._signals.progress.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, session: Session, fn: Callable[[Session, Progress], Any]) -> None:
        super().__init__()
        self.signals = TaskSignals()
        self.progress = Progress(self.signals)
        self._session = session
        self._fn = fn

    def run(self) -> None:
        try:
            own = self._session.reopen()
        except BaseException as exc:
            self.signals.failed.emit(exc)
            return
        try:
            result = self._fn(own, self.progress)
        except BaseException as exc:
            exc.__traceback__ = None  # frames may hold personal data; the type is enough
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            own.close()


class _Relay(QObject):
    """Lives on the UI thread: the task's signals reach these slots by queued connection, so
    the callbacks always run on the UI thread, never on the worker's."""

    live: ClassVar[set[_Relay]] = set()

    def __init__(
        self,
        owner: QObject,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None,
    ) -> None:
        super().__init__()
        self._owner = owner
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self.task: Task | None = None
        _Relay.live.add(self)

    def _alive(self) -> bool:
        return shiboken6.isValid(self._owner)

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        if self._on_progress is not None and self._alive():
            self._on_progress(done, total)

    @Slot(object)
    def finished(self, result: object) -> None:
        _Relay.live.discard(self)
        self.task = None
        if self._alive():
            self._on_done(result)

    @Slot(object)
    def failed(self, exc: object) -> None:
        _Relay.live.discard(self)
        self.task = None
        if self._alive():
            self._on_error(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))


def run_task(
    owner: QObject,
    session: Session,
    fn: Callable[[Session, Progress], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Start ``fn(session, progress)`` in a worker; callbacks run on the UI thread, and not at
    all when ``owner`` was deleted meanwhile."""
    task = Task(session, fn)
    relay = _Relay(owner, on_done, on_error, on_progress)
    relay.task = task  # a task nobody holds would be collected before it runs
    queued = Qt.ConnectionType.QueuedConnection
    task.signals.finished.connect(relay.finished, queued)
    task.signals.failed.connect(relay.failed, queued)
    task.signals.progress.connect(relay.progress, queued)
    task.setAutoDelete(True)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
