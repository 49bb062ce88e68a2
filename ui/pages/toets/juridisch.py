"""Step 4, de juridische toets: the legal instruments, lawfulness and any deviation from policy
(locked until steps 1-3 are complete).
"""

from __future__ import annotations

import itertools

from PySide6.QtGui import (
    QFont,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.format import scaled_font
from ui.pages.toets.common import _instruments, _label, _text, _text_edit
from ui.pages.toets.panel import StepPanel
from ui.widgets.choice import YES_NO, Choice
from ui.widgets.tables import Column, CompactTable, Fields, FieldsModel
from werkplein.domain.vocab import WETTEN
from werkplein.i18n import N_, _


class JuridischPanel(StepPanel):
    """Step 4: the legal instruments, lawful or not, and the motivation of a deviation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(4, parent)
        self.instruments_label = QLabel(self.form)
        self.instruments_label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.model = FieldsModel(
            (
                Column(N_("Law"), lambda r: str(r.get("wet") or ""), "wet"),
                Column(N_("Article"), lambda r: str(r.get("artikel") or ""), "artikel"),
                Column(N_("Explanation"), lambda r: str(r.get("toelichting") or ""), "toelichting"),
            ),
            self,
        )
        self.view = CompactTable(self.model, self.form, stretch=2)
        self.view.setObjectName("instrumenten_table")
        self.instruments_label.setBuddy(self.view)
        self.law_combo = QComboBox(self.form)
        self.law_combo.setObjectName("instrument_wet")
        self.law_combo.setEditable(True)
        self.law_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.article_edit = QLineEdit(self.form)
        self.article_edit.setObjectName("instrument_artikel")
        self.note_edit = QLineEdit(self.form)
        self.note_edit.setObjectName("instrument_toelichting")
        self.add_button = QPushButton(self.form)
        self.add_button.setObjectName("instrument_add")
        self.remove_button = QPushButton(self.form)
        self.remove_button.setObjectName("instrument_remove")
        self.law_label = _label(self.form, self.law_combo)
        self.article_label = _label(self.form, self.article_edit)
        self.note_label = _label(self.form, self.note_edit)
        add_grid = QGridLayout()
        add_grid.addWidget(self.law_label, 0, 0)
        add_grid.addWidget(self.law_combo, 0, 1)
        add_grid.addWidget(self.article_label, 0, 2)
        add_grid.addWidget(self.article_edit, 0, 3)
        add_grid.addWidget(self.note_label, 1, 0)
        add_grid.addWidget(self.note_edit, 1, 1, 1, 2)
        add_grid.addWidget(self.add_button, 1, 3)
        add_grid.setColumnStretch(1, 3)
        add_grid.setColumnStretch(3, 1)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)

        self.lawful = Choice(YES_NO, self.form)
        self.lawful.setObjectName("rechtmatig")
        self.lawful_label = _label(self.form, self.lawful.buttons[0])
        self.deviates = Choice(YES_NO, self.form)
        self.deviates.setObjectName("afwijking_beleid")
        self.deviates_label = _label(self.form, self.deviates.buttons[0])
        self.motivation_edit = _text_edit(self.form, 4)
        self.motivation_edit.setObjectName("motivering_afwijking")
        self.motivation_label = _label(self.form, self.motivation_edit)

        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.instruments_label)
        column.addWidget(self.view)
        column.addLayout(remove_row)
        column.addLayout(add_grid)
        chain: list[QWidget] = [
            self.view,
            self.remove_button,
            self.law_combo,
            self.article_edit,
            self.note_edit,
            self.add_button,
            *self.lawful.buttons,
            *self.deviates.buttons,
            self.motivation_edit,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        column.addSpacing(10)
        column.addWidget(self.lawful_label)
        column.addWidget(self.lawful)
        column.addSpacing(4)
        column.addWidget(self.deviates_label)
        column.addWidget(self.deviates)
        column.addSpacing(4)
        column.addWidget(self.motivation_label)
        column.addWidget(self.motivation_edit)

        self.add_button.clicked.connect(self.add_instrument)
        self.article_edit.returnPressed.connect(self.add_instrument)
        self.note_edit.returnPressed.connect(self.add_instrument)
        self.remove_button.clicked.connect(self.remove_instrument)
        self.model.edited.connect(self.changed)
        self.lawful.changed.connect(self.changed)
        self.deviates.changed.connect(self.changed)
        self.deviates.changed.connect(self._update_motivation_label)
        self.motivation_edit.textChanged.connect(self.changed)
        self.article_edit.textChanged.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        self.instruments_label.setText(_("Legal &instruments"))
        self.view.setAccessibleName(_("Legal instruments"))
        current = self.law_combo.currentText()
        self.law_combo.clear()
        self.law_combo.addItems([_(label) for label in WETTEN.values()])
        self.law_combo.setCurrentText(current or self.law_combo.itemText(0))
        self.law_label.setText(_("&Law"))
        self.law_combo.setAccessibleName(_("Law of the new instrument"))
        self.article_label.setText(_("&Article"))
        self.article_edit.setAccessibleName(_("Article of the new instrument"))
        self.note_label.setText(_("E&xplanation"))
        self.note_edit.setAccessibleName(_("Explanation of the new instrument"))
        self.add_button.setText(_("A&dd instrument"))
        self.remove_button.setText(_("Remo&ve instrument"))
        self.remove_button.setAccessibleName(_("Remove the selected instrument"))
        self.lawful_label.setText(_("Is the decision law&ful?"))
        self.lawful.retranslate(_("Is the decision lawful?"))
        self.deviates_label.setText(_("Does the decision deviate from &policy?"))
        self.deviates.retranslate(_("Does the decision deviate from policy?"))
        self.model.retranslate()
        self._update_motivation_label()

    def _update_motivation_label(self) -> None:
        if self.deviates.value():
            text = _("&Motivation of the deviation from policy (required)")
        else:
            text = _("&Motivation of the deviation from policy (only when it deviates)")
        self.motivation_label.setText(text)
        self.motivation_edit.setAccessibleName(text.replace("&", ""))

    def add_instrument(self) -> None:
        law, article = self.law_combo.currentText().strip(), self.article_edit.text().strip()
        if not self.model.editable or not law or not article:
            return
        self.model.append({"wet": law, "artikel": article, "toelichting": self.note_edit.text()})
        self.article_edit.clear()
        self.note_edit.clear()
        self.article_edit.setFocus()

    def remove_instrument(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if self.model.editable and rows:
            self.model.remove(rows[0].row())

    def _update_buttons(self) -> None:
        editable = self.model.editable
        self.add_button.setEnabled(editable and bool(self.article_edit.text().strip()))
        self.remove_button.setEnabled(editable and self.view.selectionModel().hasSelection())

    def values(self) -> Fields:
        return {
            "instrumenten": _instruments(self.model.rows),
            "rechtmatig": self.lawful.value(),
            "afwijking_beleid": self.deviates.value(),
            "motivering_afwijking": _text(self.motivation_edit.toPlainText()),
        }

    def load(self, case: Fields) -> None:
        self.model.set_rows(case.get("instrumenten") or [])
        self.lawful.set_value(case.get("rechtmatig"))
        self.deviates.set_value(case.get("afwijking_beleid"))
        self.motivation_edit.setPlainText(case.get("motivering_afwijking") or "")
        self._update_motivation_label()

    def set_editable(self, editable: bool) -> None:
        self.model.editable = editable
        for widget in (
            self.law_combo,
            self.article_edit,
            self.note_edit,
            self.add_button,
            self.remove_button,
            self.law_label,
            self.article_label,
            self.note_label,
        ):
            widget.setVisible(editable)
        self.lawful.set_editable(editable)
        self.deviates.set_editable(editable)
        self.motivation_edit.setReadOnly(not editable)
        self._update_buttons()

    def first_field(self) -> QWidget:
        return self.law_combo if self.model.editable else self.view
