"""The dossier's toekomstplan tab: the drieluik (now, agreements, in a year) per leefgebied."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from ui import error_text, mute
from ui.format import format_day

# Values the store keeps in Dutch words; shown in the active language.
from ui.pages.dossier.common import PLAN_FIELDS, PLAN_HEADERS, Tab, _heading
from ui.widgets import ErrorLabel, ModelIndex
from werkplein.domain.vocab import (
    LEEFGEBIEDEN,
)
from werkplein.i18n import _
from werkplein.services.plans import PlanPanel
from werkplein.services.types import Record


class PlanModel(QAbstractTableModel):
    """The drieluik: seven leefgebieden (rows) by now, agreements and in a year (columns).
    Editing a cell saves it through ``save(leefgebied, field, text) -> bool``."""

    def __init__(
        self, save: Callable[[str, str, str], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._panels: list[PlanPanel] = []
        self._editable = False

    def set_panels(self, panels: Sequence[PlanPanel], *, editable: bool) -> None:
        self.beginResetModel()
        self._panels = list(panels)
        self._editable = editable
        self.endResetModel()

    def clear(self) -> None:
        self.set_panels([], editable=False)

    def panel(self, row: int) -> PlanPanel:
        return self._panels[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._panels)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PLAN_FIELDS)

    def text(self, row: int, column: int) -> str:
        return str(getattr(self._panels[row], PLAN_FIELDS[column]))

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.text(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return text or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            area = _(LEEFGEBIEDEN[self._panels[index.row()].leefgebied])
            column = _(PLAN_HEADERS[index.column()])
            spoken = text or _("empty")
            return f"{area}, {column}: {spoken}"
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self._editable:
            return False
        text = str(value or "").strip()
        if text == self.text(index.row(), index.column()):
            return False
        panel = self._panels[index.row()]
        name = PLAN_FIELDS[index.column()]
        if not self._save(panel.leefgebied, name, text):
            return False
        values = {f: getattr(panel, f) for f in PLAN_FIELDS}
        values[name] = text
        self._panels[index.row()] = PlanPanel(panel.leefgebied, **values)
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(PLAN_HEADERS):
            return _(PLAN_HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._panels):
            return _(LEEFGEBIEDEN[self._panels[section].leefgebied])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(PLAN_HEADERS) - 1)
        if self._panels:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._panels) - 1)


class PlanTab(Tab):
    """The toekomstplan as a drieluik, editable in place for roles that may."""

    def __init__(
        self, save: Callable[[str, str, str], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.plan_id: str | None = None
        self.heading = _heading("", self)
        self.own_words = QLabel(self)
        self.own_words.setObjectName("planOwnWords")
        self.own_words.setWordWrap(True)
        self.own_words.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        mute(self.hint)
        self.create_button = QPushButton(self)
        self.error_label = ErrorLabel(self)
        self.model = PlanModel(save, self)
        self.view = QTableView(self)
        self.view.setObjectName("planView")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMinimumSectionSize(self.view.fontMetrics().lineSpacing() * 3 + 8)  # room to write
        self.view.activated.connect(self._edit)  # Enter starts editing, Enter again saves
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.create_button)
        self.column.addLayout(top)
        self.column.addWidget(self.own_words)
        self.column.addWidget(self.hint)
        self.column.addWidget(self.error_label)
        self.column.addWidget(self.view, 1)

    @Slot(QModelIndex)
    def _edit(self, index: QModelIndex) -> None:
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.view.edit(index)

    def retranslate(self, *, editable: bool) -> None:
        self.create_button.setText(_("&Make a toekomstplan"))
        self.create_button.setAccessibleName(_("Make a toekomstplan"))
        self.view.setAccessibleName(_("Toekomstplan: leefgebieden, agreements, in a year"))
        self.model.retranslate()
        if self.plan_id is None:
            self.hint.setText(
                _("There is no toekomstplan yet.")
                + (" " + _("Make one together with the resident.") if editable else "")
            )
        elif editable:
            self.hint.setText(
                _(
                    "Left how things are now, in the middle what was agreed, right how things "
                    "should look in a year. Double-click a box or press Enter to change it; "
                    "Enter saves, Esc cancels."
                )
            )
        else:
            self.hint.setText(_("Your role can read the toekomstplan but not change it."))

    def show_plan(self, plan: Record | None, panels: list[PlanPanel], *, editable: bool) -> None:
        index = self.view.currentIndex()
        self.plan_id = plan["id"] if plan else None
        self.create_button.setVisible(plan is None and editable)
        self.view.setVisible(plan is not None)
        if plan is None:
            self.heading.setText(_("Toekomstplan"))
            self.own_words.clear()
            self.own_words.setVisible(False)
            self.model.clear()
            return
        self.heading.setText(_("Toekomstplan of {date}", date=format_day(plan.get("opgesteld_op"))))
        words = plan.get("in_eigen_woorden") or ""
        self.own_words.setText(_("In their own words: “{words}”", words=words) if words else "")
        self.own_words.setVisible(bool(words))
        self.model.set_panels(panels, editable=editable)
        if index.isValid():
            self.view.setCurrentIndex(self.model.index(index.row(), index.column()))

    def show_error(self, exc: BaseException | None) -> None:
        self.error_label.setText("⚠ " + error_text(exc) if exc is not None else "")
        self.error_label.setVisible(exc is not None)

    def release(self) -> None:
        self.model.clear()
        self.own_words.clear()
        self.heading.clear()
