"""Step 1, het beoogd effect: what the resident wants to achieve, in their own words."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.pages.toets.common import _label, _text, _text_edit
from ui.pages.toets.panel import StepPanel
from ui.widgets.tables import Fields
from werkplein.i18n import _


class EffectPanel(StepPanel):
    """Step 1: the intended effect in the resident's words, the means asked for apart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(1, parent)
        self.effect_edit = _text_edit(self.form, 5)
        self.effect_edit.setObjectName("beoogd_effect")
        self.effect_label = _label(self.form, self.effect_edit)
        self.means_edit = QLineEdit(self.form)
        self.means_edit.setObjectName("gevraagd_middel")
        self.means_label = _label(self.form, self.means_edit)
        self.means_hint = _label(self.form)
        mute(self.means_hint)
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.effect_label)
        column.addWidget(self.effect_edit)
        column.addSpacing(6)
        column.addWidget(self.means_label)
        column.addWidget(self.means_edit)
        column.addWidget(self.means_hint)
        self.effect_edit.textChanged.connect(self.changed)
        self.means_edit.textChanged.connect(self.changed)

    def retranslate(self) -> None:
        super().retranslate()
        self.effect_label.setText(_("&Intended effect, in the resident's own words"))
        self.effect_edit.setAccessibleName(_("Intended effect"))
        self.effect_edit.setPlaceholderText(_("For example: I want my children to get to school."))
        self.means_label.setText(_("&Means asked for"))
        self.means_edit.setAccessibleName(_("Means asked for"))
        self.means_hint.setText(
            _("The means is not the goal: you weigh the effect, the means comes later.")
        )

    def values(self) -> Fields:
        return {
            "beoogd_effect": _text(self.effect_edit.toPlainText()),
            "gevraagd_middel": _text(self.means_edit.text()),
        }

    def load(self, case: Fields) -> None:
        self.effect_edit.setPlainText(case.get("beoogd_effect") or "")
        self.means_edit.setText(case.get("gevraagd_middel") or "")

    def set_editable(self, editable: bool) -> None:
        self.effect_edit.setReadOnly(not editable)
        self.means_edit.setReadOnly(not editable)

    def first_field(self) -> QWidget:
        return self.effect_edit
