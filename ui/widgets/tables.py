"""Small editable tables that size to their rows (cost lines, legal instruments, conditions)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QWidget,
)

from ui.widgets import columns
from werkplein.i18n import _

Fields = dict[str, Any]  # one line of a small table: field name -> value (not a widgets.Row)
# ---------------------------------------------------------------------- table model


_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    title: str  # message id
    show: Callable[[Fields], str]
    key: str | None = None  # set: the cell can be edited and writes this field
    number: bool = False  # right-aligned; edits as a whole number


class FieldsModel(QAbstractTableModel):
    """A small table of dicts (cost lines, legal instruments, decisions)."""

    edited = Signal()

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[Fields] = []
        self.editable = False

    def set_rows(self, rows: Sequence[Fields]) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows]
        self.endResetModel()

    def append(self, row: Fields) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()
        self.edited.emit()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.beginRemoveRows(QModelIndex(), index, index)
            del self.rows[index]
            self.endRemoveRows()
            self.edited.emit()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.show(row)
        if role == Qt.ItemDataRole.EditRole:
            value = row.get(column.key or "")
            return int(value or 0) if column.number else str(value or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.isValid() and self.columns[index.column()].key:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 2
    ) -> bool:
        column = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or column.key is None or not self.editable:
            return False
        if column.number:
            try:
                value = max(0, int(value))
            except (TypeError, ValueError):
                return False
        else:
            value = str(value).strip()
        self.rows[index.row()][column.key] = value
        last = self.index(index.row(), len(self.columns) - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)
        self.edited.emit()
        return True


class CompactTable(QTableView):
    """A table as high as its rows (between ``min_rows`` and ``max_rows``), then it scrolls.

    Columns fit their cells (``ui.widgets.columns``): a number or a law's name is shown
    whole, a long explanation wraps onto more lines and its row grows; ``stretch`` is the
    column that takes the width left over."""

    def __init__(
        self,
        model: FieldsModel,
        parent: QWidget,
        min_rows: int = 1,
        max_rows: int = 6,
        *,
        stretch: int = 0,
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._rows = (min_rows, max_rows)
        self._stretch = stretch
        self._needs: list[columns.Need] = []
        self._viewport_width = -1
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setHighlightSections(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        rows = self.verticalHeader()
        rows.setDefaultSectionSize(self._line_height())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.headerDataChanged,
        ):
            signal.connect(self.fit_columns)
        self.fit_columns()

    def _line_height(self) -> int:
        return self.fontMetrics().lineSpacing() + 10

    def set_stretch_column(self, column: int) -> None:
        self._stretch = column
        self.fit_columns()

    def fit_columns(self) -> None:
        self._needs = columns.measure(self)
        self._share_columns()

    def _share_columns(self) -> None:
        columns.apply(self, self._needs, self._stretch)
        self.resizeRowsToContents()
        self.updateGeometry()

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize and self._needs:
            width = self.viewport().width()
            if width != self._viewport_width:
                self._viewport_width = width
                self._share_columns()
        return handled

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.verticalHeader().setDefaultSectionSize(self._line_height())
            self.fit_columns()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        low, high = self._rows
        count = self.model().rowCount()
        line = self.verticalHeader().defaultSectionSize()
        heights = [max(self.sizeHintForRow(row), line) for row in range(min(count, high))]
        heights += [line] * max(low - len(heights), 0)
        height = (
            self.horizontalHeader().sizeHint().height() + sum(heights) + 2 * self.frameWidth() + 4
        )
        if sum(n.least for n in self._needs) > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()  # it scrolls sideways
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
