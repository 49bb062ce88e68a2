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

import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from werkplein.services.session import Session

T = TypeVar("T")
WORKERS = 4  # sync, an export, a check and a screen loading at once; more only queue


class Progress:
    """Handed to the task function: report progress, check for cancel (any thread). The
    task's handle has a twin sharing the cancel flag, for the UI to cancel with."""

    def __init__(
        self,
        report: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self._report = report
        self._cancel = cancel or threading.Event()

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
        self.progress = progress  # the UI's twin: connect a Cancel button to progress.cancel

    def cancel(self) -> None:
        self.progress.cancel()

    @property
    def done(self) -> bool:
        return self.future.done()

    def wait(self, timeout_s: float | None = None) -> None:
        wait([self.future], timeout=timeout_s)


@dataclass
class _Entry:
    """What the UI thread keeps of a running task; the worker never sees it."""

    owner: QObject
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]
    on_progress: Callable[[int, int], None] | None


class Tasks(QObject):
    """One per application, on the UI thread (see the module text).

    Nothing the UI side made reaches a worker except the task function, and that one comes
    back with the result, so every Python object is released on the UI thread. (Releasing, on
    a worker, the last reference to something connected to a Qt signal makes PySide
    disconnect it there; with the UI thread in Qt's signal code that deadlocks.)"""

    _posted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._closures: list[Callable[[], None]] = []
        self._futures: set[Future[Any]] = set()
        self._draining = False
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Entry] = {}  # UI thread only
        self._latest: dict[int, tuple[int, int]] = {}  # newest progress per task (locked)
        self.executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="werkplein-task")
        self._posted.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def _hand_over(self, box: list[Callable[[], None]]) -> None:
        """Move the one closure in ``box`` to the UI thread's list without keeping a reference
        in this (worker) thread: whatever it holds is released on the UI thread."""
        with self._lock:
            self._closures.append(box.pop())
        if shiboken6.isValid(self):  # the application may be shutting down
            self._posted.emit()

    @Slot()
    def _drain(self) -> None:
        """Run the waiting closures in order. Never re-entered: a closure that runs an event
        loop of its own (a modal progress dialog's ``setValue``, a message box) does not run
        the next closures inside it; they run when it has returned."""
        if self._draining:
            return
        self._draining = True
        try:
            while True:
                with self._lock:
                    if not self._closures:
                        return
                    closure = self._closures.pop(0)
                closure()
                del closure  # released here, on the UI thread
        finally:
            self._draining = False

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
        task_id = next(self._ids)
        self._tasks[task_id] = _Entry(owner, on_done, on_error, on_progress)
        cancel = threading.Event()
        report = partial(self._report, task_id) if on_progress is not None else None
        box: list[Callable[[Progress], Any]] = [fn]
        del fn
        future = (executor or self.executor).submit(
            self._run, task_id, box, Progress(report, cancel)
        )
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return TaskHandle(future, Progress(None, cancel))

    def _run(self, task_id: int, box: list[Callable[[Progress], Any]], progress: Progress) -> None:
        """On the worker: run the function, then hand it back with the outcome."""
        fn = box.pop()
        outcome: tuple[bool, Any]
        try:
            outcome = (True, fn(progress))
        except BaseException as exc:
            exc.__traceback__ = None  # frames may hold personal data; the type is enough
            outcome = (False, exc)
        back: list[Callable[[], None]] = [partial(self._finish, task_id, outcome, fn)]
        del fn, outcome
        self._hand_over(back)

    def _finish(self, task_id: int, outcome: tuple[bool, Any], _fn: object) -> None:
        entry = self._tasks.pop(task_id, None)
        with self._lock:
            self._latest.pop(task_id, None)
        if entry is None or not shiboken6.isValid(entry.owner):
            return
        ok, value = outcome
        if ok:
            entry.on_done(value)
        else:
            entry.on_error(value)

    def _report(self, task_id: int, done: int, total: int) -> None:
        """On the worker: only the newest figures wait for the UI thread, so a task that
        reports thousands of steps posts one closure at a time, not thousands."""
        with self._lock:
            waiting = task_id in self._latest
            self._latest[task_id] = (done, total)
        if not waiting:
            self._hand_over([partial(self._show_progress, task_id)])

    def _show_progress(self, task_id: int) -> None:
        with self._lock:
            figures = self._latest.pop(task_id, None)
        entry = self._tasks.get(task_id)
        if (
            figures is not None
            and entry is not None
            and entry.on_progress is not None
            and shiboken6.isValid(entry.owner)
        ):
            entry.on_progress(*figures)

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
