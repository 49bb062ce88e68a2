"""The one question before an action that cannot be taken back."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from werkplein.i18n import _


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    action: str | None = None,
    *,
    careful: bool = False,
    cancel: str | None = None,
) -> bool:
    """True when the person chose ``action`` (default: the title). ``careful``: Cancel is the
    default button, so an Enter too many changes nothing. Modules import it by name, which
    is the seam the tests answer through."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(action or title, QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(cancel or _("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back if careful else yes)
    box.exec()
    return box.clickedButton() is yes
