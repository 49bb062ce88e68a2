"""The cost lines of step 3: the intervention against doing nothing, from the price list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.format import format_money, scaled_font
from ui.widgets.tables import Column, CompactTable, Fields, FieldsModel
from werkplein.i18n import N_, _


class CostLines(QWidget):
    """One side of the costs comparison: price-list lines and how many of each."""

    changed = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.prices: dict[str, Fields] = {}
        self.title_label = QLabel(self)
        self.title_label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.model = FieldsModel(
            (
                Column(N_("Item"), self._describe),
                Column(N_("Number"), lambda r: str(r.get("aantal", 1)), "aantal", number=True),
                Column(N_("Price each"), self._price_text, number=True),
                Column(N_("Total"), self._total_text, number=True),
            ),
            self,
        )
        self.view = CompactTable(self.model, self)
        self.view.setObjectName(f"{key}_table")
        self.title_label.setBuddy(self.view)
        self.price_combo = QComboBox(self)
        self.price_combo.setObjectName(f"{key}_price")
        self.price_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.price_combo.setMinimumContentsLength(8)
        self.count_spin = QSpinBox(self)
        self.count_spin.setObjectName(f"{key}_count")
        self.count_spin.setRange(1, 999)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName(f"{key}_add")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName(f"{key}_remove")
        self.total_label = QLabel(self)
        self.total_label.setObjectName(f"{key}_total")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        add_row = QHBoxLayout()
        add_row.addWidget(self.price_combo, 1)
        add_row.addWidget(self.count_spin)
        add_row.addWidget(self.add_button)
        total_row = QHBoxLayout()
        total_row.addWidget(self.remove_button)
        total_row.addStretch(1)
        total_row.addWidget(self.total_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.title_label)
        column.addWidget(self.view)
        column.addLayout(add_row)
        column.addLayout(total_row)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        self.model.edited.connect(self.changed)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def retranslate(self, title: str) -> None:
        self.title_label.setText(title)
        self.view.setAccessibleName(title)
        self.price_combo.setAccessibleName(_("Cost from the price list: {side}", side=title))
        self.count_spin.setAccessibleName(_("Number: {side}", side=title))
        self.add_button.setText(_("Add"))
        self.add_button.setAccessibleName(_("Add the cost line: {side}", side=title))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the selected line: {side}", side=title))
        self.model.retranslate()
        self.set_prices(self.prices)

    def set_prices(self, prices: dict[str, Fields]) -> None:
        self.prices = prices
        current = self.price_combo.currentData()
        self.price_combo.clear()
        ordered = sorted(prices.values(), key=lambda p: str(p["omschrijving"]).lower())
        for price in ordered:
            unit = f" {price['eenheid']}" if price.get("eenheid") else ""
            self.price_combo.addItem(
                f"{price['omschrijving']} ({format_money(int(price['bedrag_cent']))}{unit})",
                price["code"],
            )
        found = self.price_combo.findData(current)
        self.price_combo.setCurrentIndex(max(0, found))

    def _describe(self, row: Fields) -> str:
        price = self.prices.get(str(row.get("code")))
        if row.get("omschrijving"):
            return str(row["omschrijving"])
        return str(price["omschrijving"]) if price else str(row.get("code", ""))

    def _unit_cents(self, row: Fields) -> int | None:
        if row.get("bedrag_cent") is not None:
            return int(row["bedrag_cent"])
        price = self.prices.get(str(row.get("code")))
        return int(price["bedrag_cent"]) if price else None

    def _price_text(self, row: Fields) -> str:
        cents = self._unit_cents(row)
        return format_money(cents, empty="—")

    def _total_text(self, row: Fields) -> str:
        cents = self._unit_cents(row)
        return format_money(None if cents is None else cents * int(row.get("aantal", 1)), empty="—")

    def lines(self) -> list[Fields]:
        return [dict(r) for r in self.model.rows]

    def set_lines(self, lines: Sequence[Fields]) -> None:
        self.model.set_rows(lines)
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        self.model.editable = editable
        for widget in (self.price_combo, self.count_spin, self.add_button, self.remove_button):
            widget.setVisible(editable)
        self._update_buttons()

    def add_line(self) -> None:
        code = self.price_combo.currentData()
        if not self.model.editable or not code:
            return
        for index, row in enumerate(self.model.rows):  # the same item again: count it up
            if row.get("code") == code and not row.get("omschrijving"):
                self.model.setData(
                    self.model.index(index, 1),
                    int(row.get("aantal", 1)) + self.count_spin.value(),
                    Qt.ItemDataRole.EditRole,
                )
                return
        self.model.append({"code": code, "aantal": self.count_spin.value()})
        self.count_spin.setValue(1)

    def remove_line(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if self.model.editable and rows:
            self.model.remove(rows[0].row())

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(
            self.model.editable and self.view.selectionModel().hasSelection()
        )
