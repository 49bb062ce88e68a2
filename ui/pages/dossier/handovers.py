"""The dossier's handovers tab: warm handovers sent and received for this resident."""

from __future__ import annotations

from PySide6.QtCore import (
    Slot,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ui.format import format_moment

# Values the store keeps in Dutch words; shown in the active language.
from ui.pages.dossier.common import ListTab, _label
from ui.shortcuts import key as shortcut
from ui.widgets import Row
from werkplein.domain.vocab import (
    OVERDRACHT_STATUS,
)
from werkplein.i18n import N_, _
from werkplein.services.residents import Dossier
from werkplein.services.types import Record


class HandoversTab(ListTab):
    """Handovers of this resident, with the whole story of the one selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (N_("Sent"), N_("From"), N_("To"), N_("Status"), N_("Joint intake")),
            parent,
        )
        self.handover_button = QPushButton(self)
        self.add_button(self.handover_button)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("exportHandover")
        self.add_button(self.pdf_button)
        self.detail_label = QLabel(self)
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("handoverDetail")
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail_label.setBuddy(self.detail)
        self.column.addWidget(self.detail_label)
        self.column.addWidget(self.detail, 1)
        self._records: dict[str, Record] = {}
        self._names: dict[str, str] = {}
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.model.modelReset.connect(self._show_current)

    def retranslate(self) -> None:
        self.handover_button.setText(_("&Warm handover…"))
        self.handover_button.setAccessibleName(_("Compose a warm handover"))
        self.handover_button.setToolTip(
            QKeySequence(shortcut("handover")).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.pdf_button.setText(_("Handover summary (PD&F)…"))
        self.pdf_button.setAccessibleName(_("Save the chosen handover as a PDF summary"))
        self.view.setAccessibleName(_("Handovers"))
        self.view.set_placeholder(_("No handovers yet."))
        self.detail_label.setText(_("The whole &story:"))
        self.detail.setAccessibleName(_("The handover in full"))
        self.model.retranslate()
        self._show_current()

    def show_dossier(self, dossier: Dossier, names: dict[str, str]) -> None:
        self._records = {h["id"]: h for h in dossier.handovers}
        self._names = names
        self.set_rows(
            [
                Row(
                    h["id"],
                    (
                        format_moment(h.get("verzonden_op")),
                        names.get(h.get("van_id") or "", "…"),
                        names.get(h.get("naar_id") or "", "…"),
                        _label(OVERDRACHT_STATUS, h.get("status")),
                        format_moment(h.get("intake_op")),
                    ),
                    sort_keys=(h.get("verzonden_op") or "", None, None, None, h.get("intake_op")),
                )
                for h in dossier.handovers
            ]
        )
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._show_current()

    @Slot()
    def _show_current(self, *_args: object) -> None:
        index = self.view.currentIndex()
        key = self.model.key(index.row()) if index.isValid() else None
        record = self._records.get(key or "")
        if record is None:
            self.detail.setPlainText("")
            self.detail.setPlaceholderText(_("Choose a handover above to read it in full."))
            return
        parts = [
            (_("Situation"), record.get("situatie")),
            (_("What the resident wants"), record.get("wens_inwoner")),
            (_("Agreements"), record.get("afspraken")),
            (_("Risks"), record.get("risicos")),
            (_("Contact preference"), record.get("contactvoorkeur")),
            (_("Answer"), record.get("reactie")),
        ]
        self.detail.setPlainText("\n\n".join(f"{title}\n{text}" for title, text in parts if text))

    def release(self) -> None:
        super().release()
        self._records = {}
        self.detail.clear()
