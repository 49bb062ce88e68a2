"""Step 2, de grondwaarden: which laws apply and whether the effect fits their core values."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from ui.pages.toets.common import _label, _text, _text_edit
from ui.pages.toets.panel import StepPanel
from ui.widgets.choice import Choice
from ui.widgets.tables import Fields
from werkplein.domain.vocab import GRONDWAARDE_PAST, WETTEN
from werkplein.i18n import _


class GrondwaardePanel(StepPanel):
    """Step 2: the laws in play and whether the effect fits their grondwaarde."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(2, parent)
        self.laws_box = QGroupBox(self.form)
        laws_row = QVBoxLayout(self.laws_box)
        self.law_checks: dict[str, QCheckBox] = {}
        for code in WETTEN:
            check = QCheckBox(self.laws_box)
            check.setObjectName(f"wet_{code}")
            check.toggled.connect(self.changed)
            laws_row.addWidget(check)
            self.law_checks[code] = check
        self.fits = Choice(list(GRONDWAARDE_PAST.items()), self.form)
        self.fits.setObjectName("grondwaarde_past")
        self.fits_label = _label(self.form, self.fits.buttons[0])
        self.fits.changed.connect(self.changed)
        self.explain_edit = _text_edit(self.form, 4)
        self.explain_edit.setObjectName("grondwaarde_toelichting")
        self.explain_label = _label(self.form, self.explain_edit)
        self.explain_edit.textChanged.connect(self.changed)
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.laws_box)
        column.addSpacing(6)
        column.addWidget(self.fits_label)
        column.addWidget(self.fits)
        column.addSpacing(6)
        column.addWidget(self.explain_label)
        column.addWidget(self.explain_edit)

    def retranslate(self) -> None:
        super().retranslate()
        self.laws_box.setTitle(_("Laws in play"))
        for code, check in self.law_checks.items():
            check.setText(_(WETTEN[code]))
        self.fits_label.setText(_("Does the intended effect &fit the grondwaarde?"))
        self.fits.retranslate(_("Does the intended effect fit the grondwaarde?"))
        self.explain_label.setText(_("&Explanation"))
        self.explain_edit.setAccessibleName(_("Explanation of the grondwaarde"))

    def values(self) -> Fields:
        return {
            "wetten": [code for code, check in self.law_checks.items() if check.isChecked()],
            "grondwaarde_past": self.fits.value(),
            "grondwaarde_toelichting": _text(self.explain_edit.toPlainText()),
        }

    def load(self, case: Fields) -> None:
        laws = case.get("wetten") or []
        for code, check in self.law_checks.items():
            check.setChecked(code in laws)
        self.fits.set_value(case.get("grondwaarde_past"))
        self.explain_edit.setPlainText(case.get("grondwaarde_toelichting") or "")

    def set_editable(self, editable: bool) -> None:
        for check in self.law_checks.values():
            check.setEnabled(editable)
        self.fits.set_editable(editable)
        self.explain_edit.setReadOnly(not editable)

    def first_field(self) -> QWidget:
        return next(iter(self.law_checks.values()))
