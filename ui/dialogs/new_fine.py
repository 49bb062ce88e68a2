"""Register a fine: which resident, which breach, when it happened, what it cost, how much
blame. The weighing, the talk and the outcome follow on the fine's own page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import ErrorLabel
from ui.widgets.dates import DateField
from ui.widgets.money import MoneyEdit
from werkplein.domain.vocab import VERWIJTBAARHEID
from werkplein.errors import ValidationFailed, WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 20
ID_ROLE = Qt.ItemDataRole.UserRole


class NewFineDialog(QDialog):
    created = Signal(str)  # the new fine's id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newFineDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.boete_id: str | None = None

        self.search_label = QLabel(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("fineResidentSearch")
        self.search_label.setBuddy(self.search_edit)
        self.resident_list = QListWidget(self)
        self.resident_list.setObjectName("fineResident")
        self.resident_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.resident_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.case_label = QLabel(self)
        self.case_combo = QComboBox(self)
        self.case_combo.setObjectName("fineCase")
        self.case_label.setBuddy(self.case_combo)
        self.breach_label = QLabel(self)
        self.breach_edit = QPlainTextEdit(self)
        self.breach_edit.setObjectName("fineBreach")
        self.breach_edit.setTabChangesFocus(True)
        self.breach_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.breach_label.setBuddy(self.breach_edit)
        self.date_label = QLabel(self)
        self.date_edit = DateField(session.today, self, optional=True)
        self.date_edit.setObjectName("fineBreachDate")
        self.date_label.setBuddy(self.date_edit)
        self.amount_label = QLabel(self)
        self.amount_edit = MoneyEdit(self)
        self.amount_edit.setObjectName("fineBenadeling")
        self.amount_label.setBuddy(self.amount_edit)
        self.blame_label = QLabel(self)
        self.blame_combo = QComboBox(self)
        self.blame_combo.setObjectName("fineBlame")
        for code in VERWIJTBAARHEID:
            self.blame_combo.addItem("", code)
        self.blame_combo.setCurrentIndex(max(self.blame_combo.findData("normaal"), 0))
        self.blame_label.setBuddy(self.blame_combo)
        self.error_label = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.create_button = QPushButton(self)
        self.create_button.setObjectName("createFine")
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.search_label, self.search_edit)
        form.addRow("", self.resident_list)
        form.addRow(self.case_label, self.case_combo)
        form.addRow(self.breach_label, self.breach_edit)
        form.addRow(self.date_label, self.date_edit)
        form.addRow(self.amount_label, self.amount_edit)
        form.addRow(self.blame_label, self.blame_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(90 * self.fontMetrics().averageCharWidth())

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.search_edit.textEdited.connect(lambda _t: self._timer.start())
        self.resident_list.currentItemChanged.connect(lambda *_a: self._fill_cases())
        self.retranslate()
        self.search()
        self.search_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Register a fine"))
        self.search_label.setText(_("&Resident:"))
        self.search_edit.setAccessibleName(_("Search the resident by name or BSN"))
        self.search_edit.setPlaceholderText(_("name, BSN or address"))
        self.resident_list.setAccessibleName(_("Residents found"))
        self.case_label.setText(_("C&ase:"))
        self.case_combo.setAccessibleName(_("The case the fine belongs to"))
        self.breach_label.setText(_("&Breach:"))
        self.breach_edit.setAccessibleName(_("Breach"))
        self.breach_edit.setPlaceholderText(
            _("What was not passed on, e.g. income from a side job")
        )
        self.date_label.setText(_("&Date of the breach:"))
        self.date_edit.setAccessibleName(_("Date of the breach"))
        self.amount_label.setText(_("Benadelings&bedrag:"))
        self.amount_edit.setAccessibleName(_("Benadelingsbedrag"))
        self.amount_edit.setPlaceholderText(_("e.g. 1.234,50; empty if there is none"))
        self.blame_label.setText(_("&Verwijtbaarheid:"))
        self.blame_combo.setAccessibleName(_("Verwijtbaarheid"))
        for index, code in enumerate(VERWIJTBAARHEID):
            self.blame_combo.setItemText(index, _(VERWIJTBAARHEID[code]))
        self.create_button.setText(_("&Register the fine"))
        self.cancel_button.setText(_("Cancel"))
        self._fill_cases()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ choosing
    @Slot()
    def search(self) -> None:
        hits = self.session.residents.search(self.search_edit.text(), limit=SEARCH_LIMIT)
        chosen = self.inwoner_id()
        self.resident_list.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.name} · {hit.birth_date[:4] or '?'} · {hit.gemeente}")
            item.setData(ID_ROLE, hit.id)
            self.resident_list.addItem(item)
            if hit.id == chosen:
                self.resident_list.setCurrentItem(item)
        if not hits:
            hint = QListWidgetItem(
                _("Type part of the name, the BSN or the address.")
                if not self.search_edit.text().strip()
                else _("Nobody found. Check the spelling, or search by BSN.")
            )
            hint.setFlags(Qt.ItemFlag.NoItemFlags)  # a hint, not a choice
            self.resident_list.addItem(hint)
        if self.resident_list.currentItem() is None and len(hits) == 1:
            self.resident_list.setCurrentRow(0)
        self._fill_cases()

    def choose(self, inwoner_id: str) -> None:
        """Start with this resident (a fine registered from a dossier)."""
        for row in range(self.resident_list.count()):
            if self.resident_list.item(row).data(ID_ROLE) == inwoner_id:
                self.resident_list.setCurrentRow(row)
                return

    def inwoner_id(self) -> str | None:
        item = self.resident_list.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def _fill_cases(self) -> None:
        inwoner_id = self.inwoner_id()
        self.case_combo.clear()
        self.case_combo.addItem(_("not linked to a case"), None)
        if inwoner_id is None:
            return
        for case in self.session.cases.for_resident(inwoner_id):
            if case.get("status") == "open":
                self.case_combo.addItem(str(case.get("title") or ""), case["id"])

    # ------------------------------------------------------------------ making it
    @Slot()
    def register(self) -> None:
        self.error_label.clear_error()
        try:
            inwoner_id = self.inwoner_id()
            if inwoner_id is None:
                raise ValidationFailed(field=_("resident"), problem=_("choose one in the list"))
            breach_on = self.date_edit.checked_value()
            typed = self.amount_edit.text().strip()
            amount = self.amount_edit.cents() if typed else None
            if typed and amount is None:
                raise ValidationFailed(
                    field=_("benadelingsbedrag"), problem=_("enter an amount such as 1.234,50")
                )
            case = self.case_combo.currentData()
            self.boete_id = self.session.fines.open(
                inwoner_id,
                self.breach_edit.toPlainText(),
                overtreding_op=breach_on.isoformat() if breach_on else None,
                benadelingsbedrag_cent=amount,
                verwijtbaarheid=self.blame_combo.currentData(),
                casus_id=case if isinstance(case, str) else None,
            )
        except WerkpleinError as exc:
            self.error_label.show_error(exc)
            return
        self.created.emit(self.boete_id)
        self.accept()
