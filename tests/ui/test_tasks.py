"""The one background-work mechanism (ui/tasks.py): callbacks run on the UI thread, never for a
deleted owner, a worker never touches the UI's session, and a lane keeps its state on its own
thread."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from ui.tasks import Lane, Progress, run_task, tasks
from werkplein.errors import ProfileLocked
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock

WAIT_S = 10


def test_callbacks_and_progress_run_on_the_ui_thread_in_order(qtbot: QtBot) -> None:
    """Progress first (the newest figures, in order), then the result, all on the UI
    thread."""
    owner = QObject()
    seen: list[tuple[str, object, threading.Thread]] = []

    def work(progress: Progress) -> str:
        for n in range(1, 4):
            progress.report(n, 3)
            time.sleep(0.01)
        return "klaar"

    tasks().start(
        owner,
        work,
        on_done=lambda r: seen.append(("done", r, threading.current_thread())),
        on_error=lambda e: seen.append(("error", e, threading.current_thread())),
        on_progress=lambda d, t: seen.append(("progress", (d, t), threading.current_thread())),
    )
    qtbot.waitUntil(lambda: any(kind == "done" for kind, _v, _t in seen), timeout=5000)
    kinds = [kind for kind, _v, _t in seen]
    assert kinds[-1] == "done"
    assert seen[-1][1] == "klaar"
    shown = [value for kind, value, _t in seen if kind == "progress"]
    # only the newest figures wait for the UI thread: in order, ending with the last
    assert shown
    assert shown == sorted(shown)
    assert shown[-1] == (3, 3)
    assert {t for _k, _v, t in seen} == {threading.main_thread()}


def test_an_error_arrives_without_its_traceback(qtbot: QtBot) -> None:
    owner = QObject()
    errors: list[BaseException] = []

    def work(_progress: Progress) -> None:
        secret = "999990019"  # a frame variable the traceback would keep
        raise ValueError(f"kapot {len(secret)}")

    tasks().start(owner, work, on_done=lambda _r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "kapot 9"
    assert errors[0].__traceback__ is None


def test_no_callback_reaches_an_owner_deleted_while_its_task_ran(qtbot: QtBot) -> None:
    """The class of the crashes (segmentation faults) seen when a window closed while a task
    ran: here hundreds of tasks finish, report progress and fail while their owners are deleted
    at random moments. Only live owners hear back, every one of them exactly once."""
    rng = random.Random(20261204)
    heard: dict[int, int] = {}
    late: list[int] = []
    owners: list[QObject] = []
    gate = threading.Event()

    def work(progress: Progress) -> int:
        gate.wait(WAIT_S)
        progress.report(1, 1)
        if rng.random() < 0.3:
            raise RuntimeError("mislukt")
        return 1

    for n in range(200):
        owner = QObject()
        owners.append(owner)

        def count(_value: object, n: int = n) -> None:
            if not shiboken6.isValid(owners[n]):
                late.append(n)  # a callback for a deleted owner: what crashed
            heard[n] = heard.get(n, 0) + 1

        tasks().start(owner, work, on_done=count, on_error=count, on_progress=lambda _d, _t: None)
    deleted: set[int] = set()
    for n, owner in enumerate(owners):
        if n == 100:
            gate.set()  # half deleted before their task ends, half while results come in
        if rng.random() < 0.5:
            shiboken6.delete(owner)
            deleted.add(n)
        if n % 20 == 0:
            qtbot.wait(1)
    assert tasks().wait_idle(WAIT_S)
    qtbot.waitUntil(lambda: len(heard) >= 200 - len(deleted), timeout=5000)
    qtbot.wait(20)
    assert late == []
    assert all(count == 1 for count in heard.values())
    assert set(range(200)) - deleted <= set(heard)


def test_a_task_never_touches_the_ui_session_which_may_close_meanwhile(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock
) -> None:
    session = Session.create(tmp_path / "p", PASSPHRASE, "Tester", "klantmanager", clock=clock)
    session.residents.create(
        bsn="999990019", last_name="Jansen", birth_date="1980-01-01", gemeente="Lindendal"
    )
    owner = QObject()
    gate = threading.Event()
    results: list[object] = []

    def work(own: Session, _progress: Progress) -> int:
        gate.wait(WAIT_S)
        assert own is not session
        return len(own.residents.search("Jansen"))

    run_task(owner, session, work, on_done=results.append, on_error=results.append)
    session.close()  # the window locks while the task waits
    gate.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [1]
    with pytest.raises(ProfileLocked):
        session.opener()  # and after the lock nothing can open the profile from it


def test_a_lane_keeps_its_state_on_its_own_thread_and_cleans_up_there(qtbot: QtBot) -> None:
    owner = QObject()
    lane = Lane("testLane")
    threads: set[threading.Thread] = set()
    answers: list[int] = []

    def work(state: dict[str, object], _progress: Progress) -> int:
        threads.add(threading.current_thread())
        state["n"] = int(str(state.get("n", 0))) + 1
        return int(str(state["n"]))

    for _ in range(3):
        lane.run(owner, work, on_done=answers.append, on_error=answers.append)
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=5000)
    assert answers == [1, 2, 3]
    cleaned: list[threading.Thread] = []
    lane.close(lambda state: cleaned.append(threading.current_thread()))
    assert cleaned == list(threads)  # closed on the lane's thread, before close() returned
    assert threading.main_thread() not in threads
    lane.close(lambda state: cleaned.append(threading.current_thread()))  # twice: nothing
    assert len(cleaned) == 1


def test_nothing_the_ui_made_is_released_on_a_worker(qtbot: QtBot) -> None:
    """What crashed and hung: a worker that drops the last reference to something connected
    to a Qt signal makes PySide disconnect it on that thread. The task function, the
    callbacks and the handle's cancel all end on the UI thread."""
    released: list[threading.Thread] = []

    class Tracked:
        def __call__(self, progress: Progress) -> int:
            return 7

        def __del__(self) -> None:
            released.append(threading.current_thread())

    owner = QObject()
    results: list[int] = []
    handle = tasks().start(owner, Tracked(), on_done=results.append, on_error=results.append)
    button = QObject()  # stands for a Cancel button whose signal the UI connects
    button.destroyed.connect(handle.progress.cancel)
    del handle
    qtbot.waitUntil(lambda: results == [7], timeout=5000)
    qtbot.waitUntil(lambda: bool(released), timeout=5000)
    assert released == [threading.main_thread()]
