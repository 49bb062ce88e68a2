"""A row of radio buttons for one value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QRadioButton,
    QWidget,
)

from werkplein.i18n import N_, _


class Choice(QWidget):
    """A row of radio buttons for one value (yes/no, yes/partly/no); nothing chosen is None."""

    changed = Signal()

    def __init__(self, options: Sequence[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = tuple(options)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QRadioButton] = []
        for index, _option in enumerate(self.options):
            button = QRadioButton(self)
            self.group.addButton(button, index)
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.group.idToggled.connect(self._toggled)

    def _toggled(self, _index: int, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def retranslate(self, name: str) -> None:
        self.setAccessibleName(name)
        for button, (_value, text) in zip(self.buttons, self.options, strict=True):
            button.setText(_(text))
            button.setAccessibleName(f"{name}: {_(text)}")

    def value(self) -> Any:
        index = self.group.checkedId()
        return None if index < 0 else self.options[index][0]

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for button, (option, _text) in zip(self.buttons, self.options, strict=True):
            button.setChecked(value is not None and option == value)
        self.group.setExclusive(True)

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons:
            button.setEnabled(editable)


YES_NO: tuple[tuple[Any, str], ...] = ((True, N_("yes")), (False, N_("no")))
