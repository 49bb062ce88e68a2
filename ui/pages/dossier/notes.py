"""The dossier's notes tab: every note, newest first, and a new one."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ui.format import format_moment

# Values the store keeps in Dutch words; shown in the active language.
from ui.pages.dossier.common import ListTab, _label
from ui.shortcuts import key as shortcut
from ui.widgets import ErrorLabel, Row
from werkplein.domain.vocab import (
    LEEFGEBIEDEN,
)
from werkplein.i18n import N_, _
from werkplein.services.residents import Dossier


class NotesTab(ListTab):
    """Write a note (per leefgebied) and read the journal, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((N_("Written"), N_("Leefgebied"), N_("By"), N_("Note")), parent)
        self.note_label = QLabel(self)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.note_edit.fontMetrics().lineSpacing() * 5 + 16)
        self.note_label.setBuddy(self.note_edit)
        self.area_label = QLabel(self)
        self.area_combo = QComboBox(self)
        self.area_label.setBuddy(self.area_combo)
        self.save_button = QPushButton(self)
        self.error_label = ErrorLabel(self)
        composer = QGridLayout()
        composer.setHorizontalSpacing(8)
        composer.addWidget(self.note_label, 0, 0, 1, 4)
        composer.addWidget(self.note_edit, 1, 0, 1, 4)
        composer.addWidget(self.area_label, 2, 0)
        composer.addWidget(self.area_combo, 2, 1)
        composer.addWidget(self.save_button, 2, 3)
        composer.setColumnStretch(2, 1)
        composer.addWidget(self.error_label, 3, 0, 1, 4)
        self.column.insertLayout(0, composer)
        self.column.insertSpacing(1, 8)
        self.setTabOrder(self.note_edit, self.area_combo)
        self.setTabOrder(self.area_combo, self.save_button)
        self.setTabOrder(self.save_button, self.view)
        self.view.setWordWrap(True)

    def retranslate(self) -> None:
        self.note_label.setText(_("&Write a note:"))
        self.note_edit.setAccessibleName(_("New note"))
        self.note_edit.setPlaceholderText(
            _("What happened, what was agreed. Notes cannot be changed later.")
        )
        self.area_label.setText(_("&Leefgebied:"))
        self.area_combo.setAccessibleName(_("Leefgebied of the note"))
        current = self.area_combo.currentData()
        self.area_combo.clear()
        self.area_combo.addItem(_("No leefgebied"), None)
        for key, text in LEEFGEBIEDEN.items():
            self.area_combo.addItem(_(text), key)
        self.area_combo.setCurrentIndex(max(self.area_combo.findData(current), 0))
        self.save_button.setText(_("Save &note"))
        self.save_button.setAccessibleName(_("Save the note"))
        self.save_button.setToolTip(
            QKeySequence(shortcut("save")).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.view.setAccessibleName(_("Notes"))
        self.view.set_placeholder(_("No notes yet."))
        self.model.retranslate()

    def show_dossier(self, dossier: Dossier, names: dict[str, str]) -> None:
        self.set_rows(
            [
                Row(
                    n["id"],
                    (
                        format_moment(n.get("written_at")),
                        _label(LEEFGEBIEDEN, n.get("leefgebied")),
                        names.get(n.get("author_id") or "", "…"),
                        n.get("text") or "",
                    ),
                    sort_keys=(n.get("written_at") or "", None, None, None),
                )
                for n in dossier.notes
            ]
        )

    def leefgebied(self) -> str | None:
        data = self.area_combo.currentData()
        return data if isinstance(data, str) else None

    def show_error(self, text: str) -> None:
        self.error_label.setText("⚠ " + text if text else "")
        self.error_label.setVisible(bool(text))

    def release(self) -> None:
        super().release()
        self.note_edit.clear()
