"""The main window. For now a welcome panel: who is working, today's date and what the
profile holds; the work screens come in later issues.

The window owns the open ``Session``. Locking closes it and drops every widget that showed
personal data, then emits ``locked`` so the app can return to the unlock window.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import shiboken6
from babel.dates import format_date
from babel.numbers import format_decimal
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import werkplein
from ui import LANGUAGE_NAMES, mute
from werkplein import i18n
from werkplein.domain.roles import Permission
from werkplein.i18n import N_, _
from werkplein.services.session import Session

# Every keyboard shortcut of the app, declared once (move to ui/shortcuts.py when it grows).
SHORTCUTS = {
    "lock": QKeySequence("Ctrl+L"),
    "quit": QKeySequence("Ctrl+Q"),
}

# What the welcome panel counts: key of Store.counts(), label, permission needed to see it.
COUNTS: tuple[tuple[str, str, Permission | None], ...] = (
    ("residents", N_("Residents"), None),
    ("cases", N_("Cases"), None),
    ("decisions", N_("Decisions"), None),
    ("visits", N_("Home visits"), None),
    ("handovers", N_("Handovers"), None),
    ("plans", N_("Future plans"), None),
    ("notes", N_("Notes"), None),
    ("signals", N_("Signals"), None),
    ("fines", N_("Fines"), Permission.VIEW_BOETE),
)
TILE_COLUMNS = 3
PANEL_MAX_WIDTH = 960  # on a wide screen the panel stays readable instead of stretching


def _scaled_font(base: QFont, factor: float, weight: QFont.Weight) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setWeight(weight)
    return font


class CountTile(QFrame):
    """One figure of the profile: a large number over its label."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("countTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number_label = QLabel(self)
        self.number_label.setObjectName(f"count_{key}")
        self.number_label.setFont(_scaled_font(self.font(), 1.9, QFont.Weight.DemiBold))
        self.caption_label = QLabel(self)
        mute(self.caption_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.number_label)
        layout.addWidget(self.caption_label)

    def set_value(self, number: str, caption: str) -> None:
        self.number_label.setText(number)
        self.caption_label.setText(caption)
        self.setAccessibleName(f"{caption}: {number}")


class WelcomePanel(QWidget):
    """Name, role, today's date and the profile's figures, formatted in the active locale."""

    def __init__(
        self,
        session: Session,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self._session = session
        self._today = today
        self._counts = session.store.counts()
        self._visible_counts = [
            (key, label)
            for key, label, permission in COUNTS
            if key in self._counts and (permission is None or session.can(permission))
        ]

        self.date_label = QLabel(self)
        self.date_label.setObjectName("todayLabel")
        mute(self.date_label)
        self.greeting_label = QLabel(self)
        self.greeting_label.setObjectName("greetingLabel")
        self.greeting_label.setTextFormat(Qt.TextFormat.PlainText)
        self.greeting_label.setWordWrap(True)
        self.greeting_label.setFont(_scaled_font(self.font(), 2.0, QFont.Weight.DemiBold))
        self.role_label = QLabel(self)
        self.role_label.setObjectName("roleLabel")
        self.role_label.setTextFormat(Qt.TextFormat.PlainText)
        self.section_label = QLabel(self)
        self.section_label.setFont(_scaled_font(self.font(), 1.15, QFont.Weight.DemiBold))

        self.tiles: dict[str, CountTile] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        for index, (key, _label) in enumerate(self._visible_counts):
            tile = CountTile(key, self)
            self.tiles[key] = tile
            grid.addWidget(tile, index // TILE_COLUMNS, index % TILE_COLUMNS)
        for column in range(TILE_COLUMNS):
            grid.setColumnStretch(column, 1)

        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        mute(self.note_label)

        self.setMaximumWidth(PANEL_MAX_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(0)
        layout.addWidget(self.date_label)
        layout.addSpacing(4)
        layout.addWidget(self.greeting_label)
        layout.addSpacing(4)
        layout.addWidget(self.role_label)
        layout.addSpacing(28)
        layout.addWidget(self.section_label)
        layout.addSpacing(10)
        layout.addLayout(grid)
        layout.addSpacing(24)
        layout.addWidget(self.note_label)
        layout.addStretch(1)

        self.setStyleSheet(
            "QFrame#countTile { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.retranslate()

    def retranslate(self) -> None:
        locale = i18n.locale_name()
        user = self._session.user
        self.date_label.setText(format_date(self._today(), format="full", locale=locale))
        self.greeting_label.setText(_("Welcome, {name}", name=user.name))
        self.role_label.setText(_("You are signed in as {role}.", role=user.role_label))
        self.section_label.setText(_("In this profile"))
        for key, label in self._visible_counts:
            number = format_decimal(self._counts[key], locale=locale)
            self.tiles[key].set_value(number, _(label))
        self.note_label.setText(
            _(
                "Everything is stored encrypted on this computer and stays available "
                "offline. Press {shortcut} to lock when you step away.",
                shortcut=SHORTCUTS["lock"].toString(QKeySequence.SequenceFormat.NativeText),
            )
        )


class MainWindow(QMainWindow):
    """The window of an unlocked profile."""

    locked = Signal()  # the session is closed; show the unlock window
    language_chosen = Signal(str)

    def __init__(
        self,
        session: Session,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session: Session | None = session
        self._today = today
        self._folder = session.store.data_dir.name
        self.setMinimumSize(720, 520)
        self.resize(960, 640)

        self._build_menus()
        self._build_status_bar()
        self._welcome: WelcomePanel | None = WelcomePanel(session, today, self)
        page = QWidget(self)
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._welcome, 1)
        row.addStretch(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.setCentralWidget(scroll)
        self.retranslate()

    @property
    def welcome(self) -> WelcomePanel:
        if self._welcome is None:
            raise RuntimeError("the window is locked")
        return self._welcome

    # ------------------------------------------------------------------ building
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(SHORTCUTS["lock"])
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(SHORTCUTS["quit"])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

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
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.profile_status = QLabel(self)
        self.profile_status.setTextFormat(Qt.TextFormat.PlainText)
        self.version_status = QLabel(f"Werkplein {werkplein.__version__}", self)
        mute(self.version_status)
        for label in (self.profile_status, self.version_status):
            label.setContentsMargins(8, 2, 8, 2)
        status.addWidget(self.profile_status, 1)
        status.addPermanentWidget(self.version_status)

    def retranslate(self) -> None:
        if self.session is not None:
            user = self.session.user
            self.setWindowTitle(
                _("Werkplein — {name} ({role})", name=user.name, role=user.role_label)
            )
        else:
            self.setWindowTitle("Werkplein")
        self.file_menu.setTitle(_("&File"))
        self.lock_action.setText(_("&Lock"))
        self.lock_action.setStatusTip(_("Close the profile and return to the unlock window"))
        self.quit_action.setText(_("&Quit"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.language())
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Werkplein"))
        self.profile_status.setText(_("Profile: {folder}", folder=self._folder))
        if self._welcome is not None:
            self._welcome.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self._welcome is not None
        ):
            self._welcome.retranslate()  # after midnight the date must not stay on yesterday
        super().changeEvent(event)

    # ------------------------------------------------------------------ actions
    @Slot()
    def lock(self) -> None:
        """Close the session and drop everything that showed personal data."""
        self.close_session()
        self.locked.emit()

    def close_session(self) -> None:
        if self.session is None:
            return
        session, self.session = self.session, None
        session.close()
        clipboard = QGuiApplication.clipboard()
        if clipboard.ownsClipboard():
            clipboard.clear()
        # delete the welcome panel and its labels now, not at the next turn of the event loop
        self._welcome = None
        page = self.takeCentralWidget()
        if page is not None:
            shiboken6.delete(page)
        self.setCentralWidget(QWidget(self))
        self.setWindowTitle("Werkplein")

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_session()
        super().closeEvent(event)
