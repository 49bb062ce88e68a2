"""What every screen shares: its session, the navigator, refresh-when-stale, retranslation."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ui.widgets import ErrorLabel
from werkplein.errors import WerkpleinError
from werkplein.services.session import Session
from werkplein.services.types import Changes


class Navigator(Protocol):
    """Implemented by the main window; pages move the user around through it."""

    def open_dossier(self, inwoner_id: str) -> None: ...
    def open_case(self, casus_id: str) -> None: ...
    def open_visit(self, visit_id: str) -> None: ...
    def open_fine(self, boete_id: str) -> None: ...
    def open_handover(self, handover_id: str) -> None: ...
    def go(self, key: str) -> None: ...
    def back(self) -> None: ...
    def data_changed(self, source: QWidget | None = None) -> None: ...
    def show_error(self, exc: BaseException) -> None: ...
    def show_status(self, text: str) -> None: ...
    def set_idle_minutes(self, minutes: float) -> None: ...


class Page(QWidget):
    """A screen. Subclasses build widgets in ``__init__``, set texts in ``retranslate`` and load
    data in ``refresh``. A page that is not visible when data changes refreshes when shown."""

    key = ""
    # the record kinds this screen shows (entity names); None: it shows many, so any change
    # may concern it
    shows: frozenset[str] | None = None

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.nav = nav
        self._stale = True

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set every visible text again (after a language switch)."""

    def refresh(self) -> None:
        """Reload from the services."""

    def concerns(self, changes: Changes | None) -> bool:
        """Whether ``changes`` (None: unknown) may change what this screen shows."""
        return changes is None or self.shows is None or bool(changes.entities & self.shows)

    def fail(self, exc: BaseException, where: ErrorLabel) -> None:
        """The one way a screen shows a problem: a known one (a WerkpleinError) in the user's
        words on the error label under what it concerns; anything else is a bug, shown in
        the app's error box and logged by type and frames."""
        if isinstance(exc, WerkpleinError):
            where.show_error(exc)
        else:
            self.nav.show_error(exc)

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self._refresh_now()

    def _refresh_now(self) -> None:
        self._stale = False
        try:
            self.refresh()
        except Exception as exc:  # shown, not fatal: the rest of the app keeps working
            self.nav.show_error(exc)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._refresh_now()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def release(self) -> None:
        """Drop every reference to personal data (called when the app locks)."""
