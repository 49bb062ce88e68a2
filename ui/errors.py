"""The one place the UI shows an error: known errors in the user's words, bugs by type only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui import error_text
from werkplein.i18n import _
from werkplein.logs import log_crash


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A window-modal message (``open``, not a nested ``exec`` loop): the app keeps painting."""
    from werkplein.errors import WerkpleinError

    if not isinstance(exc, WerkpleinError):
        log_crash(exc)  # type and frames only, never the message (it may hold personal data)
    box = QMessageBox(QMessageBox.Icon.Warning, _("Werkplein"), error_text(exc), parent=parent)
    box.setObjectName("errorBox")
    box.setAccessibleName(_("Error"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
