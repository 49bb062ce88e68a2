"""PLACEHOLDER: being built (issue 3). Replace this whole module."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.pages.base import Navigator, Page
from werkplein.i18n import _
from werkplein.services.session import Session


class SignalsPage(Page):
    key = "signals"

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("…", self))

    def title(self) -> str:
        return _("Signals")
