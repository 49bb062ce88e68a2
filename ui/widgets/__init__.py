"""Widgets and helpers shared by several screens: a table model over plain rows, a table view
that opens a row with Enter or a double click and explains an empty list, and the error
label under forms. Dates, money and fonts are written by ``ui.format``.

Nothing here knows about a particular record type; screens turn their records into ``Row``s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from ui import ERROR_COLOUR, error_text
from ui.widgets import columns
from werkplein.i18n import _

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def sort_text(text: str) -> str:
    return text.casefold()


# ---------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class Row:
    """One line of a table: the record's id, the texts shown and, per column, a sort key
    (default: the text itself, ignoring case)."""

    key: str
    cells: Sequence[str]
    sort_keys: Sequence[Any] | None = None
    accessible: Sequence[str] | None = None  # what a screen reader says, when not the text
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self, column: int) -> Any:
        if self.sort_keys is not None and column < len(self.sort_keys):
            return self.sort_keys[column]
        return sort_text(self.cells[column])


class RowsModel(QAbstractTableModel):
    """A read-only table over ``Row``s. Headers are message ids, translated when shown.

    ``sort`` keeps the user's chosen order when the rows are replaced; column -1 is the order
    the rows came in (for most lists: newest first)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Row] = []
        self._natural: list[Row] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # -- content
    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._natural = list(rows)
        self._rows = self._sorted(self._natural)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def key(self, row: int) -> str | None:
        found = self.row(row)
        return None if found is None else found.key

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    def rows(self) -> list[Row]:
        return list(self._rows)

    def retranslate(self) -> None:
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    # -- Qt
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = row.cells[column]
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if row.accessible is not None and row.accessible[column]:
                return row.accessible[column]
            return row.cells[column]
        if role == SORT_ROLE:
            return row.sort_key(column)
        if role == KEY_ROLE:
            return row.key
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return _(self._headers[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rows = self._sorted(self._natural)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[Row]) -> list[Row]:
        column, order = self._sort
        if column < 0 or column >= len(self._headers):
            return list(rows)
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=lambda r: _comparable(r.sort_key(column)), reverse=descending)


def _comparable(value: Any) -> tuple[int, Any]:
    """Empty values last, numbers before text, so mixed columns never raise."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, int | float):
        return (0, value)
    return (1, str(value))


# ---------------------------------------------------------------------------- view
FIT_ROWS = 25


class RecordView(QTableView):
    """A list of records: whole rows selected, Enter or a double click opens the current row,
    Tab leaves the table (arrow keys move inside), and an empty list says why it is empty.

    Columns fit their contents (up to ``max_chars`` average characters, then the text wraps)
    whenever the rows change; one column (by default the last) takes the remaining width.
    In a narrow window the widest columns give way first, never below their longest word
    (``ui.widgets.columns``), so no cell is cut off."""

    open_requested = Signal(int)  # the model row

    def __init__(self, parent: QWidget | None = None, *, max_chars: int = 36) -> None:
        super().__init__(parent)
        # measure column widths on a screenful of rows, not on every row
        self.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._placeholder = ""
        self._stretch: int | None = None
        self._max_chars = max_chars
        self._needs: list[columns.Need] = []
        self._viewport_width = -1
        self.doubleClicked.connect(self._on_double_click)

    def set_stretch_column(self, column: int) -> None:
        """The column that takes the width left over (a description, an address)."""
        self._stretch = column
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Measure the rows shown now and share the width (``ui.widgets.columns``)."""
        chars = max(self.fontMetrics().averageCharWidth(), 1)
        self._needs = columns.measure(self, max_width=self._max_chars * chars)
        self._share_columns()

    def _share_columns(self) -> None:
        columns.apply(self, self._needs, self._stretch)

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize and self._needs:
            width = self.viewport().width()
            if width != self._viewport_width:  # a wider or narrower window: share again
                self._viewport_width = width
                self._share_columns()
        return handled

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.headerDataChanged):
                signal.connect(self.fit_columns)
            model.dataChanged.connect(self.fit_columns)
            model.modelReset.connect(self._update_description)
            model.rowsInserted.connect(self._update_description)
            model.rowsRemoved.connect(self._update_description)
        self._update_description()
        self.fit_columns()

    def set_placeholder(self, text: str) -> None:
        """What the empty list says ("No notes yet."); also read by screen readers."""
        self._placeholder = text
        self._update_description()
        self.viewport().update()

    def placeholder(self) -> str:
        return self._placeholder

    def is_empty(self) -> bool:
        model = self.model()
        return model is None or model.rowCount() == 0

    def _update_description(self) -> None:
        self.setAccessibleDescription(self._placeholder if self.is_empty() else "")

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            index = self.currentIndex()
            if index.isValid():
                self.open_requested.emit(index.row())
                event.accept()
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        model = self.model()
        if model is not None and model.rowCount() > 0 and not self.currentIndex().isValid():
            self.setCurrentIndex(model.index(0, 0))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not (self.is_empty() and self._placeholder):
            return
        painter = QPainter(self.viewport())
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        painter.setPen(
            QColor(
                round(text.red() * 0.75 + base.red() * 0.25),
                round(text.green() * 0.75 + base.green() * 0.25),
                round(text.blue() * 0.75 + base.blue() * 0.25),
            )
        )
        margin = 16
        area = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        painter.drawText(
            QRect(area),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            | int(Qt.TextFlag.TextWordWrap),
            self._placeholder,
        )
        painter.end()


class ErrorLabel(QLabel):
    """A message under a form: the text says what is wrong (never colour alone)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.hide()

    def show_error(self, exc: BaseException) -> None:
        self.setText("⚠ " + error_text(exc))
        self.setAccessibleName(self.text())
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()
