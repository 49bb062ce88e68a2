"""The main window of an unlocked profile: a navigation list on the left, the screens on the
right, a back history, the idle lock and the menus.

The window owns the open ``Session``. Locking stops the idle timer, lets every screen drop its
personal data, deletes the screens, closes the session and forgets the key, then emits
``locked`` so the app returns to the unlock window.
"""

from __future__ import annotations

import html
import importlib
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import werkplein
from ui import LANGUAGE_NAMES, mute
from ui.errors import show_error
from ui.format import scaled_font
from ui.idle import IdleLock
from ui.pages.base import Page
from ui.pages.home import HomePage, WelcomePanel
from ui.shortcuts import SHORTCUTS
from ui.shortcuts import key as shortcut
from ui.sync import SyncController, SyncIndicator, is_joined
from ui.tasks import Progress, TaskHandle, run_task
from werkplein import i18n
from werkplein.domain.roles import Permission
from werkplein.i18n import N_, _
from werkplein.services.residents import ImportResult
from werkplein.services.session import Session
from werkplein.services.sharing import SyncState

QWIDGETSIZE_MAX = (1 << 24) - 1
STATUS_SPACING = 8  # px around each part of the status bar

# Top-level screens: key, label, module and class, permission needed (None: every role).
NAVIGATION: tuple[tuple[str, str, str, Permission | None], ...] = (
    ("home", N_("My work"), "", None),
    ("residents", N_("Residents"), "ui.pages.residents:ResidentsPage", None),
    ("handovers", N_("Handovers"), "ui.pages.handovers:HandoversPage", Permission.SEND_HANDOVER),
    (
        "approvals",
        N_("Approvals"),
        "ui.pages.approvals:ApprovalsPage",
        Permission.APPROVE_DECISION,
    ),
    ("signals", N_("Signals"), "ui.pages.signals:SignalsPage", None),
    ("fines", N_("Fines"), "ui.pages.fines:FinesPage", Permission.VIEW_BOETE),
    # only on a laptop that is part of a werkplein (see _build_body)
    ("conflicts", N_("Conflicts"), "ui.pages.conflicts:ConflictsPage", None),
    ("refused", N_("Refused changes"), "ui.pages.refused:RefusedPage", Permission.MANAGE_TEAM),
    (
        "destruction",
        N_("Destruction list"),
        "ui.pages.destruction:DestructionPage",
        Permission.DESTROY_DOSSIERS,
    ),
    ("settings", N_("Settings"), "ui.pages.settings:SettingsPage", None),
)
DETAIL = {
    "dossier": "ui.pages.dossier:DossierPage",
    "case": "ui.pages.toets:ToetsPage",
    "visit": "ui.pages.visit:VisitPage",
    "fine": "ui.pages.fine:FinePage",
}


def _load(path: str) -> type[Page]:
    module, name = path.split(":")
    cls: type[Page] = getattr(importlib.import_module(module), name)
    assert issubclass(cls, Page)
    return cls


class MainWindow(QMainWindow):
    """The window of an unlocked profile."""

    locked = Signal()  # the session is closed; show the unlock window
    language_chosen = Signal(str)
    import_finished = Signal(object)  # ImportResult or the exception

    def __init__(
        self,
        session: Session,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session: Session | None = session
        self._folder = session.profile.folder.name
        self.setMinimumSize(900, 600)
        self.resize(1200, 760)
        self.pages: dict[str, Page] = {}
        self.detail: Page | None = None
        self._history: list[tuple[str, str | None]] = []
        self._current: tuple[str, str | None] = ("home", None)
        # where the last run was, read before this one moves (resume_last_place)
        self._last_place = session.settings.last_place()
        self.import_dialog: QProgressDialog | None = None
        # before the screens, so they can follow its state
        self.sync_controller = SyncController(session, self, self)
        self.sync_controller.state_changed.connect(self._show_sync_state)
        self.sync_controller.sync_started.connect(self._on_sync_started)
        self.sync_controller.sync_progress.connect(self._on_sync_progress)
        self.sync_controller.sync_finished.connect(self._on_sync_finished)

        self._build_menus()
        self._build_status_bar()
        self._build_body(session)
        minutes = session.settings.idle_minutes()
        self.idle = IdleLock(minutes, self)
        self.idle.idle.connect(self.lock)
        self.retranslate()
        self.go("home")
        self.sync_controller.start()

    # ------------------------------------------------------------------ building
    def _build_body(self, session: Session) -> None:
        body = QWidget(self)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)

        self.nav_list = QListWidget(body)
        self.nav_list.setObjectName("navigation")
        self.nav_list.setFixedWidth(210)
        self.nav_list.setFont(scaled_font(self.nav_list.font(), 1.1))
        self.nav_list.setSpacing(2)
        self._nav_keys: list[str] = []
        joined = is_joined(session)
        for key, _label, _path, permission in NAVIGATION:
            if key in {"conflicts", "refused"} and not joined:
                continue
            if permission is None or session.can(permission):
                self.nav_list.addItem(QListWidgetItem())
                self._nav_keys.append(key)
        self.nav_list.currentRowChanged.connect(self._on_nav_row)

        right = QWidget(body)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        header = QWidget(right)
        header.setObjectName("pageHeader")
        header_row = QHBoxLayout(header)
        header_row.setContentsMargins(24, 14, 24, 10)
        self.back_button = QPushButton(header)
        self.back_button.clicked.connect(self.back)
        self.page_title = QLabel(header)
        self.page_title.setObjectName("pageTitle")
        self.page_title.setFont(scaled_font(self.page_title.font(), 1.5, QFont.Weight.DemiBold))
        self.page_title.setTextFormat(Qt.TextFormat.PlainText)
        header_row.addWidget(self.back_button)
        header_row.addWidget(self.page_title, 1)
        self.stack = QStackedWidget(right)
        column.addWidget(header)
        column.addWidget(self.stack, 1)

        row.addWidget(self.nav_list)
        row.addWidget(right, 1)
        self.setCentralWidget(body)

        home = HomePage(session, self, self.stack)
        self.pages["home"] = home
        self.stack.addWidget(home)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(shortcut("lock"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(shortcut("quit"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.import_action = QAction(self)
        self.import_action.triggered.connect(self.choose_import_file)
        self.sync_action = QAction(self)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.setShortcut(shortcut("sync"))
        self.sync_action.triggered.connect(self.sync_now)
        self.file_menu.addAction(self.sync_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.go_menu = bar.addMenu("")
        self.go_actions: dict[str, QAction] = {}
        for key in ("home", "residents", "handovers", "approvals", "signals", "fines", "settings"):
            action = QAction(self)
            action.setShortcut(shortcut(key))
            action.triggered.connect(lambda _checked=False, k=key: self.go(k))
            self.go_menu.addAction(action)
            self.go_actions[key] = action
        self.search_action = QAction(self)
        self.search_action.setShortcut(shortcut("search"))
        self.search_action.triggered.connect(self.focus_search)
        self.back_action = QAction(self)
        self.back_action.setShortcut(shortcut("back"))
        self.back_action.triggered.connect(self.back)
        self.signal_action = QAction(self)
        self.signal_action.setShortcut(shortcut("new_signal"))
        self.signal_action.triggered.connect(self.log_signal)
        self.conflicts_action = QAction(self)
        self.conflicts_action.triggered.connect(lambda: self.go("conflicts"))
        self.go_menu.addAction(self.conflicts_action)
        self.go_menu.addSeparator()
        self.go_menu.addAction(self.search_action)
        self.go_menu.addAction(self.back_action)
        self.go_menu.addAction(self.signal_action)

        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for code in i18n.LANGUAGES:
            action = QAction(LANGUAGE_NAMES.get(code, code), self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(self._on_language_action)
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.help_menu = bar.addMenu("")
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setShortcut(shortcut("shortcuts"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.profile_status = QLabel(self)
        self.profile_status.setTextFormat(Qt.TextFormat.PlainText)
        self.version_status = QLabel(f"Werkplein {werkplein.__version__}", self)
        mute(self.version_status)
        for label in (self.profile_status, self.version_status):
            label.setContentsMargins(8, 2, 8, 2)
        self.sync_indicator = SyncIndicator(self)
        self.sync_indicator.clicked.connect(self.sync_now)
        self.sync_progress = QProgressBar(self)
        self.sync_progress.setObjectName("syncProgress")
        self.sync_progress.setMaximumWidth(self.fontMetrics().averageCharWidth() * 18)
        self.sync_progress.setTextVisible(False)
        self.sync_progress.hide()
        self.sync_cancel = QPushButton(self)
        self.sync_cancel.setObjectName("syncCancel")
        self.sync_cancel.clicked.connect(self._cancel_sync)
        self.sync_cancel.hide()
        status.addWidget(self.profile_status, 1)
        status.addPermanentWidget(self.sync_indicator)
        status.addPermanentWidget(self.sync_progress)
        status.addPermanentWidget(self.sync_cancel)
        status.addPermanentWidget(self.version_status)
        status.messageChanged.connect(self._make_room_for_message)

    @property
    def welcome(self) -> WelcomePanel:
        home = self.pages.get("home")
        if not isinstance(home, HomePage):
            raise RuntimeError("the window is locked")
        return home.welcome

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        if self.session is not None:
            user = self.session.user
            self.setWindowTitle(
                _("Werkplein — {name} ({role})", name=user.name, role=user.role_label)
            )
        else:
            self.setWindowTitle("Werkplein")
        self.file_menu.setTitle(_("&File"))
        self.import_action.setText(_("&Import residents (CSV)…"))
        self.sync_action.setText(_("&Synchronise"))
        self.sync_action.setStatusTip(_("Exchange changes with the team through the shared folder"))
        self.import_action.setVisible(
            self.session is not None and self.session.can(Permission.IMPORT_RESIDENTS)
        )
        self.lock_action.setText(_("&Lock"))
        self.lock_action.setStatusTip(_("Close the profile and return to the unlock window"))
        self.quit_action.setText(_("&Quit"))
        self.go_menu.setTitle(_("&Go"))
        labels = {key: label for key, label, _p, _perm in NAVIGATION}
        for key, action in self.go_actions.items():
            action.setText(_(labels[key]))
            action.setVisible(key in self._nav_keys)
        self.search_action.setText(_("Search residents"))
        self.back_action.setText(_("Back"))
        self.signal_action.setText(_("Log a signal"))
        self.conflicts_action.setText(_("Conflicts"))
        self.conflicts_action.setVisible("conflicts" in self._nav_keys)
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.language())
        self.help_menu.setTitle(_("&Help"))
        self.shortcuts_action.setText(_("&Keyboard shortcuts"))
        self.about_action.setText(_("&About Werkplein"))
        self.profile_status.setText(_("Profile: {folder}", folder=self._folder))
        for row, key in enumerate(self._nav_keys):
            item = self.nav_list.item(row)
            item.setText(self._nav_text(key))
        self.nav_list.setAccessibleName(_("Navigation"))
        self.back_button.setText(_("‹ Back"))
        self.back_button.setAccessibleName(_("Back to the previous screen"))
        self.sync_progress.setAccessibleName(_("Sync progress"))
        self.sync_cancel.setText(_("Stop"))
        self.sync_cancel.setAccessibleName(_("Stop the sync"))
        self._show_sync_state()
        self._update_header()

    def _nav_text(self, key: str) -> str:
        text = _(next(label for k, label, _p, _perm in NAVIGATION if k == key))
        state = self.sync_controller.state
        if key == "conflicts" and state is not None and state.conflicts:
            text = f"{text} ({state.conflicts})"  # the count in words too, not colour alone
        return text

    def _update_header(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            self.page_title.setText(page.title())
        self.back_button.setVisible(bool(self._history))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.session is not None:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ navigation
    def _page(self, key: str) -> Page:
        if key not in self.pages:
            if self.session is None:
                raise RuntimeError("the window is locked")
            path = next(p for k, _l, p, _perm in NAVIGATION if k == key)
            page = _load(path)(self.session, self, self.stack)
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def _show(self, target: tuple[str, str | None], *, remember: bool = True) -> None:
        if self.session is None:
            return
        kind, ident = target
        if kind in DETAIL:
            assert ident is not None
            cls = _load(DETAIL[kind])
            page = cls(self.session, self, self.stack, ident)  # type: ignore[call-arg]
            if self.detail is not None:
                self.stack.removeWidget(self.detail)
                self.detail.release()
                self.detail.deleteLater()
            self.detail = page
            self.stack.addWidget(page)
        elif kind in self._nav_keys:
            page = self._page(kind)
        else:
            return
        if remember and target != self._current:
            self._history.append(self._current)
            del self._history[:-30]
        self._current = target
        self._remember_place(target)
        self.stack.setCurrentWidget(page)
        if kind in self._nav_keys:
            self.nav_list.blockSignals(True)
            self.nav_list.setCurrentRow(self._nav_keys.index(kind))
            self.nav_list.blockSignals(False)
        else:
            # a detail screen belongs to no entry; keep the current row (a list without one
            # picks row 0 when it gains focus, which would navigate away)
            self.nav_list.clearSelection()
        self._update_header()

    def _remember_place(self, target: tuple[str, str | None]) -> None:
        """Kept in the profile (encrypted), so a restart after a crash reopens it."""
        if self.session is None:
            return
        try:
            self.session.settings.set_last_place(*target)
        except Exception:
            return

    def resume_last_place(self) -> bool:
        """Reopen the screen shown when the app stopped unexpectedly; True when it did."""
        if self.session is None:
            return False
        place = self._last_place
        if place is None or place == ("home", None):
            return False
        kind = place[0]
        if kind not in DETAIL and kind not in self._nav_keys:
            return False
        try:
            self._show(place)
        except Exception:
            self.go("home")
            return False
        self.show_status(_("Werkplein stopped unexpectedly. You are back where you were."))
        return True

    @Slot(int)
    def _on_nav_row(self, row: int) -> None:
        if 0 <= row < len(self._nav_keys):
            self.go(self._nav_keys[row])

    def go(self, key: str) -> None:
        self._show((key, None))

    def open_dossier(self, inwoner_id: str) -> None:
        self._show(("dossier", inwoner_id))

    def open_case(self, casus_id: str) -> None:
        self._show(("case", casus_id))

    def open_visit(self, visit_id: str) -> None:
        self._show(("visit", visit_id))

    def open_fine(self, boete_id: str) -> None:
        self._show(("fine", boete_id))

    def open_handover(self, handover_id: str) -> None:
        """The handovers screen, with this handover open (from Mijn werk)."""
        self.go("handovers")
        page = self.pages.get("handovers")
        opener = getattr(page, "open_handover", None)
        if callable(opener):
            opener(handover_id)

    @Slot()
    def back(self) -> None:
        if self._history:
            self._show(self._history.pop(), remember=False)

    @Slot()
    def log_signal(self) -> None:
        """From any screen: the signal dialog (signals hold no resident data)."""
        self.go("signals")
        new_signal = getattr(self.pages.get("signals"), "new_signal", None)
        if callable(new_signal):
            new_signal()

    @Slot()
    def focus_search(self) -> None:
        self.go("residents")
        page = self.pages.get("residents")
        focus = getattr(page, "focus_search", None)
        if callable(focus):
            focus()

    def data_changed(self, source: QWidget | None = None) -> None:
        """A screen wrote something (``source``), or a sync or import brought changes (no
        source): every other screen that may show what changed reloads when next shown.
        What the session's writes changed says which; when it cannot (a worker wrote, or
        nothing was recorded), every screen reloads."""
        written = self.session.take_changes() if self.session is not None else None
        changes = written if source is not None and written else None
        for page in [*self.pages.values(), self.detail]:
            if page is not None and page is not source and page.concerns(changes):
                page.mark_stale()
        self.sync_controller.check_soon()  # one more change waits for the shared folder

    def show_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def set_idle_minutes(self, minutes: float) -> None:
        if self.session is not None:
            self.session.settings.set_idle_minutes(minutes)
        self.idle.set_minutes(minutes)

    # ------------------------------------------------------------------ import
    @Slot()
    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import residents"), "", _("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.import_residents(Path(path))

    def import_residents(self, path: Path) -> TaskHandle | None:
        """The caseload export, in a worker with a progress dialog and cancel. All or nothing:
        a refused or cancelled file changes nothing."""
        if self.session is None:
            return None
        dialog = QProgressDialog(_("Importing residents…"), _("Cancel"), 0, 0, self)
        dialog.setWindowTitle(_("Import residents"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.import_dialog = dialog

        def work(session: Session, progress: Progress) -> ImportResult:
            return session.residents.import_csv(
                path, progress=progress.report, cancelled=lambda: progress.cancelled
            )

        def on_progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        def finish() -> None:
            dialog.reset()
            dialog.close()
            self.import_dialog = None

        def on_done(result: ImportResult) -> None:
            finish()
            self.data_changed()
            self.show_status(result.summary())
            self.import_finished.emit(result)

        def on_error(exc: BaseException) -> None:
            finish()
            self.import_finished.emit(exc)
            self.show_error(exc)

        task = run_task(
            self, self.session, work, on_done=on_done, on_error=on_error, on_progress=on_progress
        )
        dialog.canceled.connect(task.progress.cancel)
        return task

    # ------------------------------------------------------------------ sync
    @Slot()
    def sync_now(self) -> TaskHandle | None:
        """Exchange changes through the shared folder, in a worker (F9, the status bar)."""
        return self.sync_controller.sync_now()

    def sync_state(self) -> SyncState | None:
        return self.sync_controller.state

    @Slot()
    def _show_sync_state(self) -> None:
        controller = self.sync_controller
        self.sync_indicator.show_state(
            controller.state,
            controller.today(),
            syncing=controller.syncing,
            shortcut=shortcut("sync").toString(QKeySequence.SequenceFormat.NativeText),
        )
        if "conflicts" in self._nav_keys:
            self.nav_list.item(self._nav_keys.index("conflicts")).setText(
                self._nav_text("conflicts")
            )

    @Slot()
    def _on_sync_started(self) -> None:
        self.sync_progress.setRange(0, 0)  # busy until the amount is known
        self.sync_progress.show()
        self.sync_cancel.setEnabled(True)
        self.sync_cancel.show()
        self._show_sync_state()

    @Slot(int, int)
    def _on_sync_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.sync_progress.setRange(0, total)
            self.sync_progress.setValue(done)

    @Slot(object)
    def _on_sync_finished(self, _result: object) -> None:
        if not self.sync_controller.syncing:  # (the state afterwards may have started another)
            self.sync_progress.hide()
            self.sync_cancel.hide()
        self._show_sync_state()

    @Slot(str)
    def _make_room_for_message(self, message: str) -> None:
        """While the status bar shows a message (a sync's summary), the message and the sync
        state share the bar: the sync state keeps its whole line when both fit, and gives up
        only the width the message needs beyond that (its tooltip and accessible name keep
        the whole line)."""
        if not message:
            self.sync_indicator.setMaximumWidth(QWIDGETSIZE_MAX)
            return
        bar = self.statusBar()
        others = sum(
            widget.sizeHint().width() + STATUS_SPACING
            for widget in (self.sync_progress, self.sync_cancel, self.version_status)
            if not widget.isHidden()
        )
        text = bar.fontMetrics().horizontalAdvance(message) + 4 * STATUS_SPACING
        room = bar.width() - others - text - STATUS_SPACING
        least = self.sync_indicator.minimumSizeHint().width()
        self.sync_indicator.setMaximumWidth(max(room, least, self.width() // 3))

    @Slot()
    def _cancel_sync(self) -> None:
        self.sync_cancel.setEnabled(False)
        self.sync_controller.cancel()

    # ------------------------------------------------------------------ actions
    @Slot()
    def lock(self) -> None:
        """Close the session and drop everything that showed personal data."""
        self.close_session()
        self.locked.emit()

    def close_session(self) -> None:
        if self.session is None:
            return
        self.idle.stop()
        self.sync_controller.stop()
        self.sync_progress.hide()
        self.sync_cancel.hide()
        for page in [*self.pages.values(), self.detail]:
            if page is not None:
                page.release()
        session, self.session = self.session, None
        self.pages.clear()
        self.detail = None
        self._history.clear()
        session.close()
        clipboard = QGuiApplication.clipboard()
        if clipboard.ownsClipboard():
            clipboard.clear()
        # delete every screen and its labels now, not at the next turn of the event loop
        body = self.takeCentralWidget()
        if body is not None:
            shiboken6.delete(body)
        self.setCentralWidget(QWidget(self))
        self.setWindowTitle("Werkplein")

    @Slot()
    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{html.escape(QKeySequence(seq).toString(QKeySequence.SequenceFormat.NativeText))}"
            f"</b></td><td>{html.escape(_(text))}</td></tr>"
            for seq, text in SHORTCUTS.values()
        )
        box = QMessageBox(self)
        box.setWindowTitle(_("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table cellspacing='6'>{rows}</table>")
        box.exec()

    @Slot()
    def show_about(self) -> None:
        about = _(
            "Offline-first casework for the Participatiewet, following the method of "
            "De Omgekeerde Toets."
        )
        licence = _("Licence: EUPL-1.2")
        text = (
            f"<h3>Werkplein {html.escape(werkplein.__version__)}</h3>"
            f"<p>{html.escape(about)}</p>"
            f"<p>{html.escape(licence)}</p>"
        )
        QMessageBox.about(self, _("About Werkplein"), text)

    @Slot(bool)
    def _on_language_action(self, checked: bool) -> None:
        action = self.sender()
        if not (checked and isinstance(action, QAction)):
            return
        code = action.data()
        if isinstance(code, str) and code != i18n.language():
            self.language_chosen.emit(code)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        message = self.statusBar().currentMessage()
        if message:
            self._make_room_for_message(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_session()
        super().closeEvent(event)
