"""Instellingen: the language, the idle lock and the shared folder (this computer), and for the
teamleider the team's price list of maatschappelijke kosten and the fine policy.

Other roles see the team settings read-only: the figures they work with, and who sets them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import LANGUAGE_NAMES, mute
from ui.format import format_money, scaled_font
from ui.pages.base import Navigator, Page
from ui.sync import SyncController, is_joined, state_sentence
from ui.team import TeamPanel
from ui.widgets import ErrorLabel
from ui.widgets.money import MoneyEdit
from werkplein import i18n
from werkplein.domain import retention as retention_rules
from werkplein.domain.boete import BoeteBeleid
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import VERWIJTBAARHEID
from werkplein.errors import ValidationFailed
from werkplein.i18n import N_, _
from werkplein.services.session import Session

PANEL_MAX_WIDTH = 1000
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
PRICE_COLUMNS = (N_("Code"), N_("Description"), N_("Amount"), N_("Unit"))

RETENTION_CATEGORIES = {
    retention_rules.DOSSIER: N_("A &dossier:"),
    retention_rules.WITH_FINE: N_("A dossier with a &fine:"),
}


class _Section(QWidget):
    """A heading, one plain sentence on what the setting does, and the controls."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(self.font(), 1.2, QFont.Weight.DemiBold))
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        mute(self.explanation)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addSpacing(4)
        layout.addLayout(self.body)

    def set_texts(self, heading: str, explanation: str) -> None:
        self.heading.setText(heading)
        self.explanation.setText(explanation)


def _money_width(edit: QLineEdit) -> None:
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("M" * 16))


class SettingsPage(Page):
    key = "settings"
    shows = frozenset({"prijs", "instelling", "gebruiker"})

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.can_edit_policy = session.can(Permission.EDIT_POLICY)
        self.prices: dict[str, dict[str, object]] = {}
        self.beleid = BoeteBeleid()

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the fields; it scrolls
        self.scroll_area = scroll
        self.body = QWidget(scroll)
        self.body.setMaximumWidth(PANEL_MAX_WIDTH)
        scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        column = QVBoxLayout(self.body)
        column.setContentsMargins(32, 16, 32, 32)
        column.setSpacing(24)
        self.device_heading = QLabel(self.body)
        self.device_heading.setFont(scaled_font(self.font(), 1.35, QFont.Weight.DemiBold))
        column.addWidget(self.device_heading)
        self._build_language(column)
        self._build_idle(column)
        self._build_sync(column)
        self.team_heading = QLabel(self.body)
        self.team_heading.setFont(scaled_font(self.font(), 1.35, QFont.Weight.DemiBold))
        self.team_note = QLabel(self.body)
        self.team_note.setObjectName("teamNote")
        self.team_note.setWordWrap(True)
        self.team_note.setTextFormat(Qt.TextFormat.PlainText)
        self.team_note.setStyleSheet(
            "QLabel#teamNote { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 6px; padding: 8px 12px; }"
        )
        self.team_note.setVisible(not self.can_edit_policy)
        team = QVBoxLayout()
        team.setSpacing(6)
        team.addWidget(self.team_heading)
        team.addWidget(self.team_note)
        column.addLayout(team)
        self._build_prices(column)
        self._build_policy(column)
        self._build_retention(column)
        column.addStretch(1)
        self._apply_permissions()
        self.retranslate()

    # ------------------------------------------------------------------ this computer
    def _build_language(self, column: QVBoxLayout) -> None:
        self.language_section = _Section(self.body)
        self.language_combo = QComboBox(self.language_section)
        self.language_combo.setObjectName("language")
        for code in i18n.LANGUAGES:
            # each language in its own name: whoever cannot read this one still finds theirs
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_label = QLabel(self.language_section)
        self.language_label.setBuddy(self.language_combo)
        self.language_combo.currentIndexChanged.connect(self._on_language)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.language_label, self.language_combo)
        self.language_section.body.addLayout(form)
        column.addWidget(self.language_section)

    def _build_idle(self, column: QVBoxLayout) -> None:
        self.idle_section = _Section(self.body)
        self.idle_spin = QSpinBox(self.idle_section)
        self.idle_spin.setObjectName("idleMinutes")
        self.idle_spin.setRange(1, 60)
        self.idle_spin.setKeyboardTracking(False)  # apply on Enter or leaving the field
        self.idle_label = QLabel(self.idle_section)
        self.idle_label.setBuddy(self.idle_spin)
        self.idle_spin.setValue(self._stored_minutes())
        self.idle_spin.valueChanged.connect(self._on_idle_minutes)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.idle_label, self.idle_spin)
        self.idle_section.body.addLayout(form)
        column.addWidget(self.idle_section)

    def _build_sync(self, column: QVBoxLayout) -> None:
        self.sync_section = _Section(self.body)
        self.share_edit = QLineEdit(self.sync_section)
        self.share_edit.setObjectName("shareFolder")
        self.share_edit.setReadOnly(True)
        self.share_label = QLabel(self.sync_section)
        self.share_label.setBuddy(self.share_edit)
        self.choose_button = QPushButton(self.sync_section)
        self.choose_button.setObjectName("chooseShareFolder")
        self.choose_button.clicked.connect(self.choose_share_folder)
        self.clear_share_button = QPushButton(self.sync_section)
        self.clear_share_button.clicked.connect(lambda: self.set_share_folder(""))
        row = QHBoxLayout()
        row.addWidget(self.share_label)
        row.addWidget(self.share_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_share_button)
        self.sync_state = QLabel(self.sync_section)
        self.sync_state.setObjectName("syncState")
        self.sync_state.setWordWrap(True)
        self.sync_section.body.addLayout(row)
        self.sync_section.body.addWidget(self.sync_state)
        column.addWidget(self.sync_section)
        self.share_edit.setText(self.session.settings.share_folder())
        # the teamleider manages the team's laptops here
        self.team_panel: TeamPanel | None = None
        if self.session.can(Permission.MANAGE_TEAM) and is_joined(self.session):
            self.team_panel = TeamPanel(self.session, self.nav, self.sync_section)
            self.sync_section.body.addWidget(self.team_panel)
        # the state as the main window's sync controller last saw it
        self._sync: SyncController | None = getattr(self.nav, "sync_controller", None)
        if self._sync is not None:
            self._sync.state_changed.connect(self._show_sync_state)
            self._sync.sync_started.connect(self._show_sync_state)
            self._sync.sync_finished.connect(self._show_sync_state)

    # ------------------------------------------------------------------ the team
    def _build_prices(self, column: QVBoxLayout) -> None:
        self.price_section = _Section(self.body)
        self.price_model = QStandardItemModel(self)
        self.price_model.setSortRole(SORT_ROLE)
        self.price_table = QTableView(self.price_section)
        self.price_table.setObjectName("priceTable")
        self.price_table.setModel(self.price_model)
        self.price_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.price_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.price_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.price_table.setSortingEnabled(True)
        self.price_table.setAlternatingRowColors(True)
        self.price_table.setTabKeyNavigation(False)
        self.price_table.verticalHeader().hide()
        self.price_table.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.price_table.selectionModel().selectionChanged.connect(self._on_price_selected)
        self.price_section.body.addWidget(self.price_table)

        self.price_editor = QWidget(self.price_section)
        grid = QGridLayout(self.price_editor)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        self.code_edit = QLineEdit(self.price_editor)
        self.code_edit.setObjectName("priceCode")
        self.description_edit = QLineEdit(self.price_editor)
        self.description_edit.setObjectName("priceDescription")
        self.amount_edit = MoneyEdit(self.price_editor)
        self.amount_edit.setObjectName("priceAmount")
        _money_width(self.amount_edit)
        self.unit_edit = QLineEdit(self.price_editor)
        self.unit_edit.setObjectName("priceUnit")
        self.unit_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 12))
        self.code_label = QLabel(self.price_editor)
        self.description_label = QLabel(self.price_editor)
        self.amount_label = QLabel(self.price_editor)
        self.unit_label = QLabel(self.price_editor)
        for col, (label, edit) in enumerate(
            (
                (self.code_label, self.code_edit),
                (self.description_label, self.description_edit),
                (self.amount_label, self.amount_edit),
                (self.unit_label, self.unit_edit),
            )
        ):
            label.setBuddy(edit)
            grid.addWidget(label, 0, col)
            grid.addWidget(edit, 1, col)
        grid.setColumnStretch(1, 1)
        self.price_section.body.addWidget(self.price_editor)
        self.price_error = ErrorLabel(self.price_section)
        self.price_section.body.addWidget(self.price_error)
        buttons = QHBoxLayout()
        self.new_price_button = QPushButton(self.price_section)
        self.new_price_button.setObjectName("newPrice")
        self.new_price_button.clicked.connect(self.new_price)
        self.remove_price_button = QPushButton(self.price_section)
        self.remove_price_button.setObjectName("removePrice")
        self.remove_price_button.clicked.connect(self.remove_price)
        self.save_price_button = QPushButton(self.price_section)
        self.save_price_button.setObjectName("savePrice")
        self.save_price_button.clicked.connect(self.save_price)
        buttons.addWidget(self.new_price_button)
        buttons.addWidget(self.remove_price_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_price_button)
        self.price_section.body.addLayout(buttons)
        column.addWidget(self.price_section)

    def _build_policy(self, column: QVBoxLayout) -> None:
        self.policy_section = _Section(self.body)
        self.percentage_spins: dict[str, QSpinBox] = {}
        self.percentage_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for code in VERWIJTBAARHEID:
            spin = QSpinBox(self.policy_section)
            spin.setObjectName(f"percentage_{code}")
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            label = QLabel(self.policy_section)
            label.setBuddy(spin)
            self.percentage_spins[code] = spin
            self.percentage_labels[code] = label
            form.addRow(label, spin)
        self.minimum_edit = MoneyEdit(self.policy_section)
        self.minimum_edit.setObjectName("policyMinimum")
        self.maximum_edit = MoneyEdit(self.policy_section)
        self.maximum_edit.setObjectName("policyMaximum")
        self.fixed_edit = MoneyEdit(self.policy_section)
        self.fixed_edit.setObjectName("policyFixed")
        self.draagkracht_spin = QSpinBox(self.policy_section)
        self.draagkracht_spin.setObjectName("policyDraagkracht")
        self.draagkracht_spin.setRange(0, 100)
        self.draagkracht_spin.setSuffix(" %")
        self.months_spin = QSpinBox(self.policy_section)
        self.months_spin.setObjectName("policyMaxMonths")
        self.months_spin.setRange(1, 240)
        self.minimum_label = QLabel(self.policy_section)
        self.maximum_label = QLabel(self.policy_section)
        self.fixed_label = QLabel(self.policy_section)
        self.draagkracht_label = QLabel(self.policy_section)
        self.months_label = QLabel(self.policy_section)
        for label, edit in (
            (self.minimum_label, self.minimum_edit),
            (self.maximum_label, self.maximum_edit),
            (self.fixed_label, self.fixed_edit),
            (self.draagkracht_label, self.draagkracht_spin),
            (self.months_label, self.months_spin),
        ):
            label.setBuddy(edit)
            if isinstance(edit, QLineEdit):
                _money_width(edit)
            form.addRow(label, edit)
        self.policy_section.body.addLayout(form)
        self.policy_error = ErrorLabel(self.policy_section)
        self.policy_section.body.addWidget(self.policy_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_policy_button = QPushButton(self.policy_section)
        self.save_policy_button.setObjectName("savePolicy")
        self.save_policy_button.clicked.connect(self.save_policy)
        buttons.addWidget(self.save_policy_button)
        self.policy_section.body.addLayout(buttons)
        column.addWidget(self.policy_section)

    def _build_retention(self, column: QVBoxLayout) -> None:
        self.retention_section = _Section(self.body)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.retention_spins: dict[str, QSpinBox] = {}
        self.retention_labels: dict[str, QLabel] = {}
        for category in RETENTION_CATEGORIES:
            spin = QSpinBox(self.retention_section)
            spin.setObjectName(f"retention_{category}")
            spin.setRange(1, 100)
            label = QLabel(self.retention_section)
            label.setBuddy(spin)
            self.retention_spins[category] = spin
            self.retention_labels[category] = label
            form.addRow(label, spin)
        self.retention_section.body.addLayout(form)
        self.retention_error = ErrorLabel(self.retention_section)
        self.retention_section.body.addWidget(self.retention_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_retention_button = QPushButton(self.retention_section)
        self.save_retention_button.setObjectName("saveRetention")
        self.save_retention_button.clicked.connect(self.save_retention)
        buttons.addWidget(self.save_retention_button)
        self.retention_section.body.addLayout(buttons)
        column.addWidget(self.retention_section)

    def _apply_permissions(self) -> None:
        """Other roles read the team's figures; the controls say by being disabled that they
        cannot change them, and the note above says who can."""
        editable = self.can_edit_policy
        for edit in (
            self.code_edit,
            self.description_edit,
            self.amount_edit,
            self.unit_edit,
            self.minimum_edit,
            self.maximum_edit,
            self.fixed_edit,
        ):
            edit.setEnabled(editable)
        for spin in [
            *self.percentage_spins.values(),
            self.draagkracht_spin,
            self.months_spin,
            *self.retention_spins.values(),
        ]:
            spin.setEnabled(editable)
        for button in (
            self.new_price_button,
            self.remove_price_button,
            self.save_price_button,
            self.save_policy_button,
            self.save_retention_button,
        ):
            button.setEnabled(editable)
        self.price_editor.setVisible(editable)
        for button in (self.new_price_button, self.remove_price_button, self.save_price_button):
            button.setVisible(editable)

    # ------------------------------------------------------------------ texts
    def title(self) -> str:
        return _("Settings")

    def retranslate(self) -> None:
        self.device_heading.setText(_("On this computer"))
        self.language_section.set_texts(
            _("Language"), _("The language of the menus and screens; it changes at once.")
        )
        self.language_label.setText(_("&Language:"))
        self.language_combo.setAccessibleName(_("Language"))
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(i18n.language()), 0))
        self.language_combo.blockSignals(False)

        self.idle_section.set_texts(
            _("Lock when idle"),
            _(
                "Werkplein locks itself after this many minutes without keyboard or mouse use, "
                "so nobody can read a dossier on a laptop left alone."
            ),
        )
        self.idle_label.setText(_("Lock after (&minutes):"))
        self.idle_spin.setAccessibleName(_("Minutes without use before Werkplein locks"))
        self.idle_spin.setSuffix(" " + _("min"))

        self.sync_section.set_texts(
            _("Shared folder for sync"),
            _(
                "The folder (for example on the office network) through which this laptop "
                "exchanges changes with the team; it is stored on this computer only."
            ),
        )
        self.share_label.setText(_("&Folder:"))
        self.share_edit.setAccessibleName(_("Shared folder for sync"))
        self.share_edit.setPlaceholderText(_("No folder chosen"))
        self.choose_button.setText(_("C&hoose folder…"))
        self.choose_button.setAccessibleName(_("Choose the shared folder"))
        self.clear_share_button.setText(_("Forget folder"))
        self.clear_share_button.setAccessibleName(_("Forget the shared folder"))
        self._show_sync_state()
        if self.team_panel is not None:
            self.team_panel.retranslate()

        self.team_heading.setText(_("For the whole team"))
        self.team_note.setText(
            _(
                "Only the teamleider can change the price list and the fine policy. You see "
                "the figures the team works with."
            )
        )
        self.price_section.set_texts(
            _("Price list of societal costs"),
            _(
                "What doing nothing can cost society, weighed in step 3 of the toets (for "
                "example placing a child out of home)."
            ),
        )
        self.price_table.setAccessibleName(_("Price list of societal costs"))
        self.price_model.setHorizontalHeaderLabels([_(label) for label in PRICE_COLUMNS])
        self.code_label.setText(_("C&ode"))
        self.code_edit.setAccessibleName(_("Code of the price"))
        self.description_label.setText(_("&Description"))
        self.description_edit.setAccessibleName(_("Description of the price"))
        self.amount_label.setText(_("&Amount"))
        self.amount_edit.setAccessibleName(_("Amount in euros"))
        self.amount_edit.setPlaceholderText(_("e.g. 1.234,50"))
        self.unit_label.setText(_("&Unit"))
        self.unit_edit.setAccessibleName(_("Unit, e.g. per year"))
        self.unit_edit.setPlaceholderText(_("per year"))
        self.new_price_button.setText(_("&New price"))
        self.new_price_button.setAccessibleName(_("Start a new price"))
        self.remove_price_button.setText(_("&Remove price"))
        self.remove_price_button.setAccessibleName(_("Remove the selected price"))
        self.save_price_button.setText(_("&Save price"))
        self.save_price_button.setAccessibleName(_("Save the price"))

        self.policy_section.set_texts(
            _("Fine policy"),
            _(
                "How the proposed fine is computed: a percentage of the benadelingsbedrag per "
                "degree of blame, within a minimum and a maximum. These are the team's policy "
                "choices, not law."
            ),
        )
        for code, label in self.percentage_labels.items():
            text = _(VERWIJTBAARHEID[code])
            label.setText(text[:1].upper() + text[1:] + ":")
            self.percentage_spins[code].setAccessibleName(_("Percentage for {blame}", blame=text))
        self.minimum_label.setText(_("M&inimum fine:"))
        self.minimum_edit.setAccessibleName(_("Minimum fine"))
        self.maximum_label.setText(_("Ma&ximum fine:"))
        self.maximum_edit.setAccessibleName(_("Maximum fine"))
        self.fixed_label.setText(_("Amount &without benadeling:"))
        self.fixed_edit.setAccessibleName(_("Fixed amount when there is no benadeling"))
        self.fixed_edit.setToolTip(_("Applies when a breach caused no benadeling at all."))
        self.draagkracht_label.setText(_("Recovery, share of draag&kracht:"))
        self.draagkracht_spin.setAccessibleName(
            _("Share of the monthly draagkracht that is recovered")
        )
        self.months_label.setText(_("Longest &repayment:"))
        self.months_spin.setSuffix(" " + _("months"))
        self.months_spin.setAccessibleName(
            _("Longest repayment the policy holds proportionate, in months")
        )
        self.retention_section.set_texts(
            _("Retention"),
            _(
                "How many years a dossier is kept after it ended (no open case, no decision "
                "period running, no fine being handled); then it is on the destruction list. "
                "Check these against the selectielijst of your gemeenten."
            ),
        )
        for category, label in self.retention_labels.items():
            label.setText(_(RETENTION_CATEGORIES[category]))
            self.retention_spins[category].setSuffix(" " + _("years"))
            self.retention_spins[category].setAccessibleName(
                _(RETENTION_CATEGORIES[category]).replace("&", "").rstrip(":")
            )
        self.save_retention_button.setText(_("Save &retention"))
        self.save_retention_button.setAccessibleName(_("Save the retention periods"))
        self.save_policy_button.setText(_("Save fine &policy"))
        self.save_policy_button.setAccessibleName(_("Save the fine policy"))
        if self.prices:
            self._fill_prices()

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        self.idle_spin.blockSignals(True)
        self.idle_spin.setValue(self._stored_minutes())
        self.idle_spin.blockSignals(False)
        self.share_edit.setText(self.session.settings.share_folder())
        if self.team_panel is not None:
            self.team_panel.refresh()
        self.prices = dict(self.session.policy.prices())
        self._fill_prices()
        self.beleid = self.session.policy.boete_beleid()
        self._show_policy(self.beleid)
        for category, years in self.session.policy.retention_periods().items():
            if category in self.retention_spins:
                self.retention_spins[category].setValue(years)

    def _stored_minutes(self) -> int:
        return min(max(round(self.session.settings.idle_minutes()), 1), 60)

    def _fill_prices(self, select: str | None = None) -> None:
        selected = select or self.selected_code()
        header = self.price_table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        self.price_model.removeRows(0, self.price_model.rowCount())
        for code, price in self.prices.items():
            cents = int(str(price.get("bedrag_cent") or 0))
            cells = (
                (code, code.casefold()),
                (str(price.get("omschrijving") or ""), str(price.get("omschrijving")).casefold()),
                (format_money(cents), cents),
                (str(price.get("eenheid") or ""), str(price.get("eenheid")).casefold()),
            )
            row = []
            for text, sort in cells:
                item = QStandardItem(text)
                item.setData(sort, SORT_ROLE)
                item.setData(code, CODE_ROLE)
                item.setEditable(False)
                row.append(item)
            row[2].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.price_model.appendRow(row)
        if 0 <= column < self.price_model.columnCount():
            self.price_model.sort(column, order)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if selected:
            self.select_price(selected)

    def selected_code(self) -> str | None:
        rows = self.price_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.price_model.item(rows[0].row(), 0).data(CODE_ROLE)
        return str(value) if value else None

    def select_price(self, code: str) -> bool:
        for row in range(self.price_model.rowCount()):
            if self.price_model.item(row, 0).data(CODE_ROLE) == code:
                self.price_table.selectRow(row)
                return True
        return False

    @Slot(QItemSelection, QItemSelection)
    def _on_price_selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        code = self.selected_code()
        price = self.prices.get(code or "")
        self.price_error.clear_error()
        if price is None:
            return
        self.code_edit.setText(str(price["code"]))
        self.code_edit.setReadOnly(True)  # a new code is a new price: use "New price"
        self.description_edit.setText(str(price.get("omschrijving") or ""))
        self.amount_edit.set_cents(int(str(price.get("bedrag_cent") or 0)))
        self.unit_edit.setText(str(price.get("eenheid") or ""))

    def _show_policy(self, beleid: BoeteBeleid) -> None:
        for code, spin in self.percentage_spins.items():
            spin.setValue(int(beleid.percentages.get(code, 0)))
        self.minimum_edit.set_cents(beleid.minimum_cent)
        self.maximum_edit.set_cents(beleid.maximum_cent)
        self.fixed_edit.set_cents(beleid.zonder_benadeling_cent)
        self.draagkracht_spin.setValue(beleid.draagkracht_pct)
        self.months_spin.setValue(beleid.max_aflossing_maanden)

    # ------------------------------------------------------------------ this computer: actions
    @Slot(int)
    def _on_language(self, index: int) -> None:
        code = self.language_combo.itemData(index)
        if not isinstance(code, str) or code == i18n.language():
            return
        chosen = getattr(self.window(), "language_chosen", None)
        if chosen is not None:
            chosen.emit(code)  # the app switches and every window re-sets its texts
        else:
            from ui.app import set_language

            set_language(code)

    @Slot(int)
    def _on_idle_minutes(self, minutes: int) -> None:
        setter = getattr(self.nav, "set_idle_minutes", None)
        if callable(setter):
            setter(minutes)  # applies the new time and stores it
        else:
            self.session.settings.set_idle_minutes(minutes)
        self.nav.show_status(_("Werkplein now locks after {minutes} minutes.", minutes=minutes))

    @Slot()
    def choose_share_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the shared folder"), self.share_edit.text() or str(Path.home())
        )
        if folder:
            self.set_share_folder(folder)

    def set_share_folder(self, folder: str) -> None:
        self.session.settings.set_share_folder(folder)
        self.share_edit.setText(folder)
        self.nav.show_status(
            _("The shared folder was remembered.")
            if folder
            else _("The shared folder was forgotten.")
        )
        if self._sync is not None:
            self._sync.check()  # is the new folder reachable?

    def _show_sync_state(self, *_args: object) -> None:
        """What the sync controller last saw, in sentences (F9 or Mijn werk syncs)."""
        if self._sync is None:
            self.sync_state.setText(_("Sync can be started from the home screen."))
            return
        self.sync_state.setText(
            state_sentence(self._sync.state, self._sync.today(), syncing=self._sync.syncing)
        )
        self.sync_state.setAccessibleName(self.sync_state.text())

    # ------------------------------------------------------------------ the team: actions
    @Slot()
    def new_price(self) -> None:
        self.price_table.clearSelection()
        self.price_error.clear_error()
        for edit in (self.code_edit, self.description_edit, self.amount_edit, self.unit_edit):
            edit.clear()
        self.code_edit.setReadOnly(False)
        self.code_edit.setFocus()

    @Slot()
    def save_price(self) -> None:
        if not self.can_edit_policy:
            return
        self.price_error.clear_error()
        code = self.code_edit.text().strip()
        cents = self.amount_edit.cents()
        try:
            if cents is None:
                raise ValidationFailed(
                    field=_("amount"), problem=_("enter an amount such as 1.234,50")
                )
            self.session.policy.set_price(
                code, self.description_edit.text(), cents, self.unit_edit.text().strip()
            )
        except Exception as exc:
            self.fail(exc, self.price_error)
            return
        self._written(_("The price was saved."))
        self._fill_prices(select=code)

    @Slot()
    def remove_price(self) -> None:
        code = self.selected_code()
        if not self.can_edit_policy or code is None:
            return
        self.price_error.clear_error()
        try:
            self.session.policy.remove_price(code)
        except Exception as exc:
            self.fail(exc, self.price_error)
            return
        self._written(_("The price was removed."))
        self.new_price()

    @Slot()
    def save_policy(self) -> None:
        if not self.can_edit_policy:
            return
        self.policy_error.clear_error()
        try:
            amounts: dict[str, int] = {}
            for name, edit, caption in (
                ("minimum_cent", self.minimum_edit, _("minimum")),
                ("maximum_cent", self.maximum_edit, _("maximum")),
                ("zonder_benadeling_cent", self.fixed_edit, _("amount without benadeling")),
            ):
                cents = edit.cents()
                if cents is None or cents < 0:
                    raise ValidationFailed(
                        field=caption, problem=_("enter an amount such as 1.234,50")
                    )
                amounts[name] = cents
            beleid = BoeteBeleid(
                percentages={code: spin.value() for code, spin in self.percentage_spins.items()},
                draagkracht_pct=self.draagkracht_spin.value(),
                max_aflossing_maanden=self.months_spin.value(),
                **amounts,
            )
            self.session.policy.set_boete_beleid(beleid)
        except Exception as exc:
            self.fail(exc, self.policy_error)
            return
        self._written(_("The fine policy was saved. New proposals use it from now on."))

    def save_retention(self) -> None:
        if not self.can_edit_policy:
            return
        self.retention_error.clear_error()
        policy = self.session.policy
        dossier = self.retention_spins[retention_rules.DOSSIER].value()
        with_fine = self.retention_spins[retention_rules.WITH_FINE].value()
        try:
            if with_fine < dossier:  # checked before either is written
                raise ValidationFailed(
                    field=_("retention with a fine"),
                    problem=_("may not be shorter than the retention of a dossier"),
                )
            policy.set_retention_years(dossier)
            policy.set_retention_years_with_fine(with_fine)
        except Exception as exc:
            self.fail(exc, self.retention_error)
            return
        self._written(_("The retention periods were saved."))

    def _written(self, status: str) -> None:
        self.nav.data_changed(self)
        self.refresh()
        self.nav.show_status(status)

    def release(self) -> None:
        self.share_edit.clear()  # a folder path may name a person's network share
        if self.team_panel is not None:
            self.team_panel.release()
