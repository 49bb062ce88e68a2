"""The handovers page's two lists (received and sent): their rows, model and widget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.format import local_moment
from werkplein import i18n
from werkplein.domain.vocab import OVERDRACHT_STATUS
from werkplein.i18n import N_, _

SIDE_BY_SIDE_MIN_WIDTH = 900  # narrower: the list above the handover instead of beside it
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
INBOX, SENT = "inbox", "sent"
_ROOT = QModelIndex()

# the story of a warme overdracht: field, heading
STORY: tuple[tuple[str, str], ...] = (
    ("situatie", N_("Situation")),
    ("wens_inwoner", N_("What the resident wants")),
    ("afspraken", N_("Agreements")),
    ("risicos", N_("Risks")),
    ("contactvoorkeur", N_("Contact preference")),
)


def intake_stamp(local: dt.datetime) -> str:
    """A local date and time from the editor as stored: UTC to the minute, ``…T09:00Z``."""
    utc = local.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%MZ")


@dataclass(frozen=True)
class HandoverRow:
    id: str
    resident: str
    person: str
    sent_on: str  # ISO stamp (sorting)
    status: str  # status key
    new: bool = False  # received and not opened yet on this laptop


class HandoverModel(QAbstractTableModel):
    """Handovers as rows: resident, from/to whom, sent on, status."""

    COLUMNS = 4

    def __init__(self, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.rows: list[HandoverRow] = []

    def set_rows(self, rows: list[HandoverRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.COLUMNS - 1)
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        person = _("From") if self.kind == INBOX else _("To")
        return (_("Resident"), person, _("Sent on"), _("Status"))[section]

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return (row.resident.lower(), row.person.lower(), row.sent_on, row.status)[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return row.resident
            if column == 1:
                return row.person
            if column == 2:
                moment = local_moment(row.sent_on)
                day = moment.date() if isinstance(moment, dt.datetime) else moment
                return format_date(day, "medium", locale=i18n.locale_name()) if day else ""
            if row.new:
                return _("new")
            return _(OVERDRACHT_STATUS.get(row.status, row.status))
        if role == Qt.ItemDataRole.FontRole and row.new:
            font = QFont()
            font.setBold(True)  # and the word "new": never weight alone
            return font
        return None

    def row_of(self, handover_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == handover_id), -1)


class HandoverList(QWidget):
    """One tab: a sortable table of handovers."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HandoverModel(kind, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView(self)
        self.view.setObjectName(f"handovers_{kind}")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        mute(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        value = index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None
        return value if isinstance(value, str) else None

    def select(self, handover_id: str) -> bool:
        row = self.model.row_of(handover_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        return True
