"""Keeping a form's unsaved text as it is typed (``werkplein.services.drafts``).

A screen makes one ``DraftKeeper`` per form: it calls ``changed()`` whenever something is
typed, gives ``collect`` (what is unsaved now, or None when nothing is) and ``restore`` (put a
kept draft back into the fields). The keeper writes the draft 400 ms after the typing pauses,
and at least every 1.5 s while it goes on (as the huisbezoek saves), so at most the last
moment is lost when the program is killed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot

from ui.format import format_moment
from werkplein.i18n import _
from werkplein.services.session import Session

KEEP_DELAY_MS = 400  # after the typing pauses
KEEP_AT_LEAST_MS = 1500  # while the typing goes on

Values = dict[str, Any]


class DraftKeeper(QObject):
    def __init__(
        self,
        parent: QObject,
        session: Session,
        collect: Callable[[], Values | None],
        restore: Callable[[Values], None],
    ) -> None:
        super().__init__(parent)
        self.session: Session | None = session
        self.key: str | None = None
        self._collect = collect
        self._restore = restore
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(KEEP_DELAY_MS)
        self._pause.timeout.connect(self.keep_now)
        self._longest = QTimer(self)
        self._longest.setSingleShot(True)
        self._longest.setInterval(KEEP_AT_LEAST_MS)
        self._longest.timeout.connect(self.keep_now)
        self._restoring = False

    def attach(self, key: str) -> str | None:
        """Keep drafts under ``key`` (a screen and a record) from now on, and put back the one
        kept there, if any. Returns a sentence for the person ("… of 10:42 is back"), or
        None when there was nothing to restore."""
        self.keep_now()  # what belongs to the previous key
        self.key = key
        if self.session is None:
            return None
        kept = self.session.drafts.get(key)
        if kept is None:
            return None
        values, at = kept
        self._restoring = True
        try:
            self._restore(values)
        finally:
            self._restoring = False
        return _(
            "Text you had not saved yet ({when}) is back on screen. Save it to keep it.",
            when=format_moment(at),
        )

    def changed(self) -> None:
        """Something was typed: keep it soon."""
        if self._restoring or self.key is None:
            return
        self._pause.start()
        if not self._longest.isActive():
            self._longest.start()

    @Slot()
    def keep_now(self) -> None:
        self._pause.stop()
        self._longest.stop()
        if self.key is None or self.session is None:
            return
        try:
            values = self._collect()
            if values:
                self.session.drafts.keep(self.key, values)
            else:
                self.session.drafts.discard(self.key)
        except Exception:
            return

    def saved(self) -> None:
        """The form was saved (or its changes undone): no draft any more."""
        self._pause.stop()
        self._longest.stop()
        if self.key is not None and self.session is not None:
            self.session.drafts.discard(self.key)

    def release(self) -> None:
        """The screen lets go of its data (lock): keep what is typed, then forget the session."""
        self.keep_now()
        self.key = None
