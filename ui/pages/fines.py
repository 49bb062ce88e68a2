"""Boetes: every fine of the werkplein, for the boete-ambtenaar's day (and the klantmanager's
and teamleider's reading). Filters by status and by who handles it; a new fine is registered
here; Enter opens one. A werkcoach never gets this screen (no permission to see fines)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.dialogs.new_fine import NewFineDialog
from ui.format import format_day, format_money
from ui.pages.base import Navigator, Page
from ui.shortcuts import key as shortcut
from ui.widgets import RecordView, Row, RowsModel, sort_text
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import BOETE_STATUS
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.services.types import Record

COLUMNS = (
    N_("Resident"),
    N_("Breach"),
    N_("Date of the breach"),
    N_("Status"),
    N_("Handled by"),
    N_("Proposed fine"),
)
STATUS_FILTERS = (
    ("open", N_("Not completed")),
    (None, N_("All fines")),
    *BOETE_STATUS.items(),
)


class FinesPage(Page):
    key = "fines"
    shows = frozenset({"boete", "inwoner", "gebruiker"})

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.records: dict[str, Record] = {}
        self.dialog: NewFineDialog | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.status_label = QLabel(self)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("fineStatusFilter")
        for code, _text in STATUS_FILTERS:
            self.status_combo.addItem("", code)
        self.status_label.setBuddy(self.status_combo)
        self.mine_check = QCheckBox(self)
        self.mine_check.setObjectName("onlyMine")
        self.search_label = QLabel(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("fineSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_edit)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newFine")
        self.new_button.setVisible(session.can(Permission.START_BOETE))
        self.new_button.clicked.connect(self.new_fine)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openFine")
        self.open_button.clicked.connect(self.open_selected)
        self.list_label = QLabel(self)
        self.model = RowsModel(COLUMNS, self)
        self.view = RecordView(self)
        self.view.setObjectName("fineList")
        self.view.setModel(self.model)
        self.view.set_stretch_column(1)
        self.view.setSortingEnabled(True)
        self.view.open_requested.connect(self._open_row)
        self.list_label.setBuddy(self.view)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.status_label)
        filters.addWidget(self.status_combo)
        filters.addSpacing(12)
        filters.addWidget(self.mine_check)
        filters.addSpacing(12)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search_edit, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.list_label, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)

        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.mine_check.toggled.connect(lambda _on: self.refresh())
        self.search_edit.textChanged.connect(lambda _t: self._fill())
        self.new_action = QAction(self)
        self.new_action.setShortcut(shortcut("new_fine"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_fine)
        self.addAction(self.new_action)
        self.mine_check.setChecked(session.user.role.value == "boete_ambtenaar")
        self.retranslate()

    # ------------------------------------------------------------------ Page
    def title(self) -> str:
        return _("Fines")

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Fines for not passing on information (article 18a Participatiewet). Choose a "
                "fine and press Enter to open it."
            )
        )
        self.status_label.setText(_("S&how:"))
        self.status_combo.setAccessibleName(_("Show fines with this status"))
        for index, (_code, text) in enumerate(STATUS_FILTERS):
            self.status_combo.setItemText(index, _(text))
        self.mine_check.setText(_("Only fines I &handle"))
        self.search_label.setText(_("Sea&rch:"))
        self.search_edit.setAccessibleName(_("Search the fines by resident or breach"))
        self.search_edit.setPlaceholderText(_("name or breach"))
        self.new_button.setText(_("&New fine…"))
        self.new_button.setToolTip(shortcut("new_fine").toString())
        self.new_button.setAccessibleName(_("Register a new fine"))
        self.open_button.setText(_("&Open"))
        self.open_button.setAccessibleName(_("Open the chosen fine"))
        self.list_label.setText(_("&Fines"))
        self.view.setAccessibleName(_("Fines"))
        self.view.set_placeholder(_("No fines match. Change the filter above."))
        self.model.retranslate()
        if not self._stale:
            self._fill()

    def refresh(self) -> None:
        status = self.status_combo.currentData()
        fines = self.session.fines.listing(
            status=status if isinstance(status, str) else None, mine=self.mine_check.isChecked()
        )
        self.records = {f["id"]: f for f in fines}
        self._names = self.session.residents.names([f["inwoner_id"] for f in fines])
        self._users = self.session.user_names()
        self._fill()

    def _fill(self) -> None:
        query = sort_text(self.search_edit.text().strip())
        rows: list[Row] = []
        for fine in self.records.values():
            name = self._names.get(fine["inwoner_id"], "?")
            breach = str(fine.get("overtreding") or "")
            if query and query not in sort_text(f"{name} {breach}"):
                continue
            status = str(fine.get("status") or "")
            handler = self._users.get(fine.get("behandelaar_id") or "", _("nobody"))
            breach_on = fine.get("overtreding_op") or ""
            amount = fine.get("vastgesteld_bedrag_cent")
            if amount is None:
                amount = fine.get("voorgesteld_bedrag_cent")
            rows.append(
                Row(
                    fine["id"],
                    [
                        name,
                        breach,
                        format_day(breach_on) if breach_on else _("not recorded"),
                        _(BOETE_STATUS.get(status, status)),
                        handler,
                        format_money(amount, empty="–"),
                    ],
                    sort_keys=[
                        sort_text(name),
                        sort_text(breach),
                        breach_on,
                        status,
                        sort_text(handler),
                        amount or 0,
                    ],
                )
            )
        self.model.set_rows(rows)

    def release(self) -> None:
        self.records = {}
        self.model.set_rows([])
        self.search_edit.clear()
        if self.dialog is not None:
            self.dialog.close()

    # ------------------------------------------------------------------ actions
    def _open_row(self, row: int) -> None:
        boete_id = self.model.key(row)
        if boete_id is not None:
            self.nav.open_fine(boete_id)

    def open_selected(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def new_fine(self) -> NewFineDialog | None:
        """The dialog to register a fine; the new fine opens when it is made."""
        if not self.session.can(Permission.START_BOETE):
            return None
        dialog = NewFineDialog(self.session, self)
        dialog.created.connect(self._created)
        dialog.finished.connect(self._dialog_closed)  # it deletes itself when closed
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None

    def _created(self, boete_id: str) -> None:
        self.nav.data_changed(self)
        self.nav.show_status(_("The fine is registered."))
        self.nav.open_fine(boete_id)
