"""Sync in the app: what the shared folder's state is, a sync on request or when the folder comes
back, progress and cancel, and a summary in plain words.

The :class:`SyncController` belongs to the main window. It never touches the shared folder on
the UI thread: a share on a network drive can hang for minutes, so both the state check
(``SharingService.state`` lists folders on the share) and the sync run in a worker on a
session of their own. At most one sync runs at a time; the state is checked every minute and
shortly after a screen wrote something. When the folder becomes reachable again (the laptop is
back on the office network) and there is something to send or receive, it syncs by itself.

The wording helpers below turn a ``SyncState`` and a ``SyncReport`` into the sentences the
status bar, Mijn werk and the settings page show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from concurrent.futures import Executor
from typing import Protocol

from babel.dates import format_time
from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QToolButton, QWidget

from ui import error_text
from ui.format import format_moment, parse_moment
from ui.tasks import Progress, TaskHandle, run_task
from werkplein import i18n
from werkplein.errors import SyncCancelled
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.services.sharing import SyncState
from werkplein.services.types import SyncReport

CHECK_INTERVAL_MS = 60_000
CHECK_AFTER_WRITE_MS = 1_500  # a screen saved something: count what waits, soon but not at once


class SyncHost(Protocol):
    """What the controller needs from the main window."""

    def data_changed(self, source: QWidget | None = None) -> None: ...
    def show_error(self, exc: BaseException) -> None: ...
    def show_status(self, text: str) -> None: ...


def is_joined(session: Session) -> bool:
    """Whether this profile belongs to a werkplein (read from the profile; the share is not
    touched, so this is safe on the UI thread)."""
    return session.sharing.joined()


# ---------------------------------------------------------------------------- wording
def _count(n: int, one: str, many: str) -> str:
    return _(one) if n == 1 else _(many, n=n)


def _last_sync(stamp: str | None, today: dt.date, *, sentence: bool) -> str:
    moment = parse_moment(stamp)
    if not isinstance(moment, dt.datetime):
        return _("Not synchronised yet.") if sentence else _("never synchronised")
    if moment.date() == today:
        time = format_time(moment.replace(tzinfo=None).time(), "short", locale=i18n.locale_name())
        if sentence:
            return _("Last synchronised today at {time}.", time=time)
        return _("last synchronised {time}", time=time)
    if sentence:
        return _("Last synchronised on {moment}.", moment=format_moment(stamp))
    return _("last synchronised {time}", time=format_moment(stamp))


def status_text(state: SyncState | None, today: dt.date, *, syncing: bool = False) -> str:
    """The status bar's short line: "Gedeelde map bereikbaar · laatst gesynchroniseerd 10:42 ·
    3 wijzigingen wachten · 2 binnengekomen"."""
    if syncing:
        return _("Synchronising…")
    if state is None:
        return _("Checking the shared folder…")
    if not state.joined:
        return _("Not connected to a werkplein")
    parts: list[str]
    if not state.admitted:
        return _("Waiting for admission by the teamleider")
    if state.reachable:
        parts = [_("Shared folder reachable"), _last_sync(state.last_sync, today, sentence=False)]
    else:
        parts = [_("No connection to the shared folder — your work is safe on this laptop")]
    if state.pending:
        parts.append(_count(state.pending, N_("1 change waiting"), N_("{n} changes waiting")))
    if state.incoming:
        parts.append(_count(state.incoming, N_("1 incoming"), N_("{n} incoming")))
    if state.conflicts:
        parts.append(_count(state.conflicts, N_("1 conflict"), N_("{n} conflicts")))
    return " · ".join(parts)


def state_sentence(state: SyncState | None, today: dt.date, *, syncing: bool = False) -> str:
    """The same state in whole sentences, for Mijn werk and the settings page (conflicts are
    named separately, next to the button that opens them)."""
    if syncing:
        return _("Synchronising with the shared folder…")
    if state is None:
        return _("Checking the shared folder…")
    if not state.joined:
        return _(
            "This laptop is not connected to a werkplein yet. Your work is saved safely on "
            "this laptop; your teamleider can invite you with a code."
        )
    if not state.admitted:
        return _(
            "Waiting for admission: your teamleider's laptop admits this laptop when it next "
            "synchronises. Until then your colleagues do not receive your work yet; it is safe "
            "on this laptop."
        )
    if state.reachable:
        parts = [
            _("The shared folder is reachable."),
            _last_sync(state.last_sync, today, sentence=True),
        ]
    else:
        parts = [
            _(
                "The shared folder cannot be reached right now. Your work is safe on this "
                "laptop and is sent as soon as the folder is reachable again."
            ),
        ]
        if state.last_sync:
            parts.append(_last_sync(state.last_sync, today, sentence=True))
    if state.pending:
        parts.append(
            _count(
                state.pending,
                N_("1 change of yours has not been sent yet."),
                N_("{n} changes of yours have not been sent yet."),
            )
        )
    if state.incoming:
        parts.append(
            _count(
                state.incoming,
                N_("1 update from colleagues is ready to be received."),
                N_("{n} updates from colleagues are ready to be received."),
            )
        )
    return " ".join(parts)


def conflicts_sentence(count: int) -> str:
    return _count(
        count,
        N_("1 conflict is waiting for your choice."),
        N_("{n} conflicts are waiting for your choice."),
    )


def report_summary(report: SyncReport) -> str:
    """What came in and went out, in plain words: "Gesynchroniseerd: 12 wijzigingen verstuurd,
    30 ontvangen." plus conflicts and skipped files when there are any."""
    parts: list[str] = []
    if report.sent_changes:
        parts.append(_count(report.sent_changes, N_("1 change sent"), N_("{n} changes sent")))
    if report.received_changes or report.sent_changes:
        parts.append(_("{n} received", n=report.received_changes))
    if parts:
        text = _("Synchronised: {parts}.", parts=", ".join(parts))
    else:
        text = _("Synchronised: nothing new.")
    sentences = [text]
    if report.conflicts:
        sentences.append(conflicts_sentence(report.conflicts))
    if report.rejected:
        sentences.append(
            _count(
                len(report.rejected),
                N_("1 file on the shared folder was skipped because it is damaged or unknown."),
                N_(
                    "{n} files on the shared folder were skipped because they are damaged or "
                    "unknown."
                ),
            )
        )
    if report.waiting:
        sentences.append(
            _(
                "Some updates from colleagues are not complete on the shared folder yet; "
                "they follow at a next sync."
            )
        )
    return " ".join(sentences)


# ---------------------------------------------------------------------------- controller
class SyncController(QObject):
    """Checks the sync state in the background and runs one sync at a time."""

    state_changed = Signal(object)  # SyncState
    sync_started = Signal()
    sync_progress = Signal(int, int)  # done, total (0, 0 while the amount is not known)
    sync_finished = Signal(object)  # the SyncReport, or the exception that stopped it

    def __init__(
        self,
        session: Session,
        host: SyncHost,
        parent: QObject | None = None,
        *,
        interval_ms: int = CHECK_INTERVAL_MS,
        auto: bool = True,
    ) -> None:
        super().__init__(parent)
        self.session: Session | None = session
        self.host = host
        self.clock = session.clock  # kept after the session closes: the sentence still reads it
        self.auto = auto  # sync by itself when the folder comes back
        self.state: SyncState | None = None
        self.last_report: SyncReport | None = None
        self.last_summary = ""
        self.executor: Executor | None = None  # None: the application's workers (tests: one)
        self._task: TaskHandle | None = None
        self._checking = False
        self._again = False
        self._generation = 0  # a check started before a sync ended reports an old state
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(CHECK_AFTER_WRITE_MS)
        self._soon.timeout.connect(self.check)

    # ------------------------------------------------------------------ lifecycle
    def today(self) -> dt.date:
        """The session's day: "laatst gesynchroniseerd 10:42" when the sync was today."""
        return self.clock.today()

    def start(self) -> None:
        self._timer.start()
        self.check()

    def stop(self) -> None:
        """The window locks: no more checks, a running sync stops at its next safe point, and
        no result reaches the (closed) window."""
        self._timer.stop()
        self._soon.stop()
        if self._task is not None:
            self._task.progress.cancel()
        self._task = None
        self.session = None
        self.state = None

    @property
    def syncing(self) -> bool:
        return self._task is not None

    # ------------------------------------------------------------------ state
    def check(self) -> None:
        """Ask the core for the state, in a worker; ``state_changed`` follows. While a check
        is under way (a slow share), a further request becomes one check after it."""
        if self.session is None:
            return
        if self._checking:
            self._again = True
            return
        self._checking = True
        self._again = False
        generation = self._generation

        def work(session: Session, _progress: Progress) -> SyncState:
            return session.sharing.state()

        def settle(state: SyncState | None) -> None:
            self._checking = False
            if self.session is None:
                return
            if state is not None and generation == self._generation:
                self._set_state(state)
            if self._again:
                self.check()

        def failed(_exc: BaseException) -> None:
            # e.g. the share refused the listing: out of reach, the counts as they were
            old = self.state
            settle(dataclasses.replace(old, reachable=False, incoming=None) if old else None)

        run_task(self, self.session, work, on_done=settle, on_error=failed)

    def check_soon(self) -> None:
        """Something was written: count again shortly (several writes, one check)."""
        if self.session is not None:
            self._soon.start()

    def _set_state(self, state: SyncState) -> None:
        before = self.state
        self.state = state
        self.state_changed.emit(state)
        came_back = before is None or not before.reachable
        if (
            self.auto
            and came_back
            and state.joined
            and state.reachable
            and (state.pending or state.incoming)
        ):
            self.sync_now(auto=True)

    # ------------------------------------------------------------------ sync
    def sync_now(self, *, auto: bool = False) -> TaskHandle | None:
        """Start a sync in a worker; None when one is already running or the window is locked."""
        if self.session is None or self._task is not None:
            return None

        def work(session: Session, progress: Progress) -> _Outcome:
            try:
                report = session.sharing.sync(
                    progress=progress.report, cancelled=lambda: progress.cancelled
                )
            except SyncCancelled as exc:
                exc.__traceback__ = None
                return _Outcome(None, exc, _state_or_none(session))
            # the state after the sync, from the same worker: the status bar never shows the
            # counts from before it
            return _Outcome(report, None, _state_or_none(session))

        def done(outcome: _Outcome) -> None:
            if self.session is None:
                return  # locked meanwhile
            self._finished(outcome.state)
            if outcome.report is not None:
                self.last_report = outcome.report
                self.last_summary = report_summary(outcome.report)
                self.host.data_changed(None)  # every screen reloads what came in
                self.host.show_status(self.last_summary)
                self.sync_finished.emit(outcome.report)
            else:
                error = outcome.error or SyncCancelled()
                self.host.show_status(error_text(error))  # asked for: no dialog
                self.sync_finished.emit(error)

        def failed(exc: BaseException) -> None:
            if self.session is None:
                return
            self._finished(None)
            if auto:
                # nobody pressed anything: a line in the status bar, no dialog
                self.host.show_status(error_text(exc))
            else:
                self.host.show_error(exc)
            self.sync_finished.emit(exc)

        self._task = run_task(
            self,
            self.session,
            work,
            on_done=done,
            on_error=failed,
            on_progress=self.sync_progress.emit,
            executor=self.executor,
        )
        self.sync_started.emit()
        self.sync_progress.emit(0, 0)
        return self._task

    def cancel(self) -> None:
        """Stop the running sync at its next safe point; what was exchanged is kept."""
        if self._task is not None:
            self._task.progress.cancel()

    def _finished(self, state: SyncState | None) -> None:
        self._task = None
        self._generation += 1  # a check still under way reports an old state: ignored
        if state is not None:
            self._set_state(state)
        else:
            self.check()


@dataclasses.dataclass(frozen=True)
class _Outcome:
    report: SyncReport | None  # None: the sync was stopped
    error: BaseException | None
    state: SyncState | None  # None: the state could not be read afterwards


def _state_or_none(session: Session) -> SyncState | None:
    try:
        return session.sharing.state()
    except Exception:
        return None


# ---------------------------------------------------------------------------- status bar
class SyncIndicator(QToolButton):
    """The status bar's sync state: an icon and words (never colour alone). Pressing it
    syncs. When the bar is narrow the words are shortened; the tooltip and the accessible
    name always hold the whole line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._full = ""

    def show_state(
        self, state: SyncState | None, today: dt.date, *, syncing: bool, shortcut: str
    ) -> None:
        text = status_text(state, today, syncing=syncing)
        if syncing:
            icon = QStyle.StandardPixmap.SP_BrowserReload
        elif state is None or not state.joined:
            icon = QStyle.StandardPixmap.SP_MessageBoxInformation
        elif not state.reachable:
            icon = QStyle.StandardPixmap.SP_MessageBoxWarning
        else:
            icon = QStyle.StandardPixmap.SP_DriveNetIcon
        self.setIcon(self.style().standardIcon(icon))
        self._full = text
        hint = _("Press to synchronise now ({shortcut}).", shortcut=shortcut)
        self.setToolTip(f"{text}\n{hint}")
        self.setAccessibleName(text)
        self.setAccessibleDescription(hint)
        self.updateGeometry()
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _room(self) -> int:
        return self.iconSize().width() + 6 * self.fontMetrics().averageCharWidth()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        slack = 2 * self.fontMetrics().averageCharWidth()  # never shorten when it fits
        width = self.fontMetrics().horizontalAdvance(self._full) + self._room() + slack
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().averageCharWidth() * 16 + self._room(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width() - self._room(), 0)
        text = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if text != self.text():
            self.setText(text)
