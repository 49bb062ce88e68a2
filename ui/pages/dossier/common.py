"""What the dossier's tabs share: the words for stored values, small helpers, and the tab base
classes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.format import format_money, scaled_font
from ui.widgets import (
    RecordView,
    Row,
    RowsModel,
)
from werkplein.domain.toets import DONE_FIELD, STEP_TITLES, STEPS
from werkplein.i18n import N_, _
from werkplein.services.types import Record

# Values the store keeps in Dutch words; shown in the active language.


RELATIONS = {"kind": N_("child"), "partner": N_("partner"), "ouder": N_("parent")}
CONTACT = {
    "telefoon": N_("phone"),
    "e-mail": N_("e-mail"),
    "huisbezoek": N_("home visit"),
    "brief": N_("letter"),
}
KINDS = {
    "notitie": N_("Note"),
    "casus": N_("Case"),
    "besluit": N_("Decision"),
    "huisbezoek": N_("Home visit"),
    "overdracht": N_("Handover"),
    "boete": N_("Fine"),
}
PLAN_FIELDS = ("nu", "afspraken", "over_een_jaar")
PLAN_HEADERS = (N_("Now / leefgebieden"), N_("Agreements"), N_("In a year"))


def _label(table: dict[str, str], value: Any) -> str:
    if value is None or value == "":
        return ""
    text = str(value)
    return _(table[text]) if text in table else text


def _money(cents: Any) -> str:
    return format_money(cents if isinstance(cents, int) else None)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(scaled_font(label.font(), 1.1, QFont.Weight.DemiBold))
    return label


def step_progress(case: Record) -> tuple[str, int]:
    """Where a case stands in the four steps: ("step 2 of 4: Grondwaarde", 1 step done)."""
    done = 0
    for step in STEPS:
        if not case.get(DONE_FIELD[step]):
            break
        done = step
    if done == len(STEPS):
        return _("all {total} steps complete", total=len(STEPS)), done
    following = done + 1
    return (
        _(
            "step {step} of {total}: {title}",
            step=following,
            total=len(STEPS),
            title=_(STEP_TITLES[following]),
        ),
        done,
    )


def _focus_first(container: QWidget) -> None:
    """Put the keyboard focus on the first control inside ``container`` (in tab order)."""
    widget = container.nextInFocusChain()
    for _step in range(500):
        if widget is None or widget is container:
            break
        if (
            container.isAncestorOf(widget)
            and widget.isVisibleTo(container)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()


def _keep_current(view: QTableView, model: RowsModel, fill: Callable[[], None]) -> None:
    """Refill ``model`` and put the cursor back on the same record."""
    index = view.currentIndex()
    key = model.key(index.row()) if index.isValid() else None
    fill()
    if key is not None:
        row = model.row_of(key)
        if row >= 0:
            view.setCurrentIndex(model.index(row, max(index.column(), 0)))


# ---------------------------------------------------------------------------- tabs
class Tab(QWidget):
    """One tab of the dossier: a margin and a vertical layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(16, 12, 16, 12)
        self.column.setSpacing(8)


def _button_row(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class ListTab(Tab):
    """A tab whose heart is one list of records, with buttons above it."""

    def __init__(
        self, headers: Sequence[str], parent: QWidget | None = None, *, stretch: int | None = None
    ) -> None:
        super().__init__(parent)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.model = RowsModel(headers, self)
        self.view = RecordView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        if stretch is not None:
            self.view.set_stretch_column(stretch)
        self.column.addLayout(self.buttons)
        self.column.addWidget(self.view, 1)

    def add_button(self, button: QPushButton) -> None:
        self.buttons.insertWidget(self.buttons.count() - 1, button)

    def set_rows(self, rows: list[Row]) -> None:
        _keep_current(self.view, self.model, lambda: self.model.set_rows(rows))

    def release(self) -> None:
        self.model.clear()
