"""The one way to work off the UI thread: database work over ~50 ms, unlocking, searching,
imports, exports and sync.

Work runs on plain Python threads (``concurrent.futures``), never on Qt objects made for it:
nothing Qt is created, emitted from or deleted on a worker thread except one signal of one
object that lives as long as the application (``Tasks``). A worker hands its results, errors and
progress to the UI thread as *closures* in a locked list and wakes the UI thread through that
signal; the UI thread runs them in order. Each closure first asks whether the widget the task
belongs to (its *owner*) still exists, so a result can never reach a deleted widget, whatever
the order in which windows close, pages are dropped and workers finish (the pattern of Anki's
``taskman`` and KeePassXC's ``AsyncTask``).

A task that needs the database opens its own connection in its thread from what
``Session.opener`` captured on the UI thread (SQLCipher connections belong to the thread that
opened them); the UI's session is never touched from a worker. A ``Lane`` is one thread that
keeps state between its tasks (the resident search keeps its connection open and its page
cache warm).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from werkplein.services.session import Session

T = TypeVar("T")
WORKERS = 4  # sync, an export, a check and a screen loading at once; more only queue


class Progress:
    """Handed to the task function: report progress, check for cancel (any thread)."""

    def __init__(self, report: Callable[[int, int], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        if self._report is not None:
            self._report(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class TaskHandle:
    """A started task: cancel it, or (tests, closing a window) wait until its work is done."""

    def __init__(self, future: Future[Any], progress: Progress) -> None:
        self.future = future
        self.progress = progress

    def cancel(self) -> None:
        self.progress.cancel()

    @property
    def done(self) -> bool:
        return self.future.done()

    def wait(self, timeout_s: float | None = None) -> None:
        wait([self.future], timeout=timeout_s)


class Tasks(QObject):
    """One per application, on the UI thread (see the module text)."""

    _posted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._closures: list[Callable[[], None]] = []
        self._futures: set[Future[Any]] = set()
        self.executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="werkplein-task")
        self._posted.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def post(self, closure: Callable[[], None]) -> None:
        """Run ``closure`` on the UI thread, soon (callable from any thread)."""
        with self._lock:
            self._closures.append(closure)
        if shiboken6.isValid(self):  # the application may be shutting down
            self._posted.emit()

    @Slot()
    def _drain(self) -> None:
        while True:  # one at a time: a closure may open a dialog, whose loop drains the rest
            with self._lock:
                if not self._closures:
                    return
                closure = self._closures.pop(0)
            closure()

    def start(
        self,
        owner: QObject,
        fn: Callable[[Progress], T],
        *,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None = None,
        executor: Executor | None = None,
    ) -> TaskHandle:
        """Run ``fn(progress)`` on a worker thread; the callbacks run on the UI thread, and
        not at all once ``owner`` was deleted."""

        def alive() -> bool:
            return shiboken6.isValid(owner)

        def deliver(callback: Callable[..., None], *args: Any) -> None:
            self.post(lambda: callback(*args) if alive() else None)

        report = (lambda d, t: deliver(on_progress, d, t)) if on_progress else None
        progress = Progress(report)

        def work() -> None:
            try:
                result = fn(progress)
            except BaseException as exc:
                exc.__traceback__ = None  # frames may hold personal data; the type is enough
                deliver(on_error, exc)
            else:
                deliver(on_done, result)

        future = (executor or self.executor).submit(work)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return TaskHandle(future, progress)

    def _forget(self, future: Future[Any]) -> None:
        with self._lock:
            self._futures.discard(future)

    def wait_idle(self, timeout_s: float = 10) -> bool:
        """Wait until no task runs (results may still wait for the event loop)."""
        with self._lock:
            running = list(self._futures)
        finished, _pending = wait(running, timeout=timeout_s)
        return len(finished) == len(running)


def tasks() -> Tasks:
    """The application's ``Tasks``, made on first use (on the UI thread) as its child."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("tasks need a QApplication")
    found = app.findChild(Tasks, "werkpleinTasks")
    if found is None:
        found = Tasks(app)
        found.setObjectName("werkpleinTasks")
    return found


def run_task(
    owner: QObject,
    session: Session,
    fn: Callable[[Session, Progress], T],
    *,
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    executor: Executor | None = None,
) -> TaskHandle:
    """Run ``fn(session, progress)`` on a worker, on a session of its own on the profile of
    ``session`` (opened and closed in the worker's thread)."""
    opener = session.opener()  # read here, on the UI thread, while the session is open

    def work(progress: Progress) -> T:
        own = opener()
        try:
            return fn(own, progress)
        finally:
            own.close()

    return tasks().start(
        owner,
        work,
        on_done=on_done,
        on_error=on_error,
        on_progress=on_progress,
        executor=executor,
    )


class Lane:
    """One worker thread whose tasks share ``state`` (e.g. an open session), in order."""

    def __init__(self, name: str) -> None:
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=name)
        self._closed = False
        self.state: dict[str, Any] = {}

    def run(
        self,
        owner: QObject,
        fn: Callable[[dict[str, Any], Progress], T],
        *,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> TaskHandle:
        state = self.state
        return tasks().start(
            owner,
            lambda progress: fn(state, progress),
            on_done=on_done,
            on_error=on_error,
            executor=self._executor,
        )

    def close(self, cleanup: Callable[[dict[str, Any]], None]) -> None:
        """After the tasks already queued (a search takes milliseconds), run
        ``cleanup(state)`` on the lane's thread (close what it opened there, where it was
        opened) and end the thread; returns when it has. Closing twice does nothing."""
        if self._closed:
            return
        self._closed = True
        self._executor.submit(cleanup, self.state)
        self._executor.shutdown(wait=True)
