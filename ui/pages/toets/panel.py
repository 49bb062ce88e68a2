"""What every step panel of the toets has: a heading, the method's guidance, the explanation when
locked, the form.
"""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QPalette,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.format import scaled_font
from ui.pages.toets.common import GUIDANCE, LOCKED, _label, state_icon
from ui.widgets.tables import Fields
from werkplein.domain import toets
from werkplein.i18n import _

# ---------------------------------------------------------------------- step panels


class StepPanel(QWidget):
    """One step: a heading, the method's guidance, the explanation when locked, the form."""

    changed = Signal()
    fields: tuple[str, ...] = ()

    def __init__(self, step: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.fields = toets.STEP_FIELDS[step]
        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(self.font(), 1.3, QFont.Weight.DemiBold))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance = _label(self)
        self.guidance.setObjectName("guidance")
        self.guidance.setContentsMargins(12, 8, 12, 8)
        self.guidance.setAutoFillBackground(True)
        palette = self.guidance.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        self.guidance.setPalette(palette)
        self.locked_row = QWidget(self)
        self.locked_icon = QLabel(self.locked_row)
        size = self.fontMetrics().height() + 2
        self.locked_icon.setPixmap(state_icon(LOCKED, size).pixmap(size, size))
        self.locked_label = _label(self.locked_row)
        self.locked_label.setObjectName("lockedExplanation")
        locked_line = QHBoxLayout(self.locked_row)
        locked_line.setContentsMargins(0, 0, 0, 0)
        locked_line.addWidget(self.locked_icon, 0, Qt.AlignmentFlag.AlignTop)
        locked_line.addWidget(self.locked_label, 1)
        self.locked_row.setVisible(False)
        self.form = QWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.guidance)
        layout.addWidget(self.locked_row)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def retranslate(self) -> None:
        title = _(toets.STEP_TITLES[self.step])
        self.heading.setText(_("Step {number}: {title}", number=self.step, title=title))
        self.guidance.setText(_(GUIDANCE[self.step]))
        self.locked_label.setText(_(toets.order_problems({}, 4)[0]))

    def values(self) -> Fields:
        raise NotImplementedError

    def load(self, case: Fields) -> None:
        raise NotImplementedError

    def set_editable(self, editable: bool) -> None:
        raise NotImplementedError

    def first_field(self) -> QWidget:
        raise NotImplementedError

    def set_locked(self, locked: bool) -> None:
        self.locked_row.setVisible(locked)
        self.form.setEnabled(not locked)

    def release(self) -> None:
        self.load({})
