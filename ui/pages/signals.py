"""Signalen: where rules make residents get stuck.

Every professional logs signals (Signaal melden) and sees their own; the teamleider sees all of
them as a review board and sets each one's status with a reaction. Signals hold no resident's
details, so this screen shows nothing personal about residents.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, error_text, mute
from ui.format import scaled_font
from ui.pages.base import Navigator, Page
from ui.pages.signal_dialog import SignalDialog
from ui.pages.signal_themes import ThemesView
from ui.shortcuts import key as shortcut
from werkplein import i18n
from werkplein.domain.dates import local_day
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import SIGNAAL_STATUS
from werkplein.errors import WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.services.types import Record

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

# Status marks: the status is always spelled out too, never by colour or symbol alone.
STATUS_MARK = {"nieuw": "●", "in_behandeling": "◐", "doorgezet": "➜", "afgesloten": "✓"}

COLUMNS: tuple[tuple[str, str], ...] = (
    ("ingediend_op", N_("Logged on")),
    ("titel", N_("Title")),
    ("regeling", N_("Rule or regulation")),
    ("status", N_("Status")),
    ("ingediend_door", N_("Logged by")),
)


def _day(stamp: str | None) -> str:
    if not stamp:
        return ""
    day = dt.date.fromisoformat(local_day(stamp))  # the user's day, not the UTC one
    return str(format_date(day, "d MMM yyyy", locale=i18n.locale_name()))


def status_text(code: str | None) -> str:
    code = code or "nieuw"
    return f"{STATUS_MARK.get(code, '')} {_(SIGNAAL_STATUS.get(code, code))}".strip()


class SignalsPage(Page):
    key = "signals"
    shows = frozenset({"signaal", "gebruiker"})

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.reviewer = session.can(Permission.REVIEW_SIGNALS)
        self.signals: list[Record] = []
        self.dialog: SignalDialog | None = None
        self._names: dict[str, str] = {}
        self._columns = [c for c in COLUMNS if self.reviewer or c[0] != "ingediend_door"]

        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newSignal")
        self.new_button.clicked.connect(self.new_signal)
        top = QHBoxLayout()
        top.addWidget(self.intro_label, 1)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)

        self.list_label = QLabel(self)
        self.list_label.setFont(scaled_font(self.font(), 1.1, QFont.Weight.DemiBold))
        self.model = QStandardItemModel(self)
        self.model.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("signalsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.list_label.setBuddy(self.table)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        mute(self.empty_label)
        self.empty_label.hide()

        self._build_detail()

        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.list_label)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.themes = ThemesView(self)  # the teamleider's: how often a theme comes back
        self.themes.setVisible(self.reviewer)
        if self.reviewer:
            self.splitter.addWidget(self.themes)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 20)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        QWidget.setTabOrder(self.new_button, self.table)
        if self.reviewer:
            QWidget.setTabOrder(self.table, self.themes.view)
            QWidget.setTabOrder(self.themes.view, self.status_combo)
        else:
            QWidget.setTabOrder(self.table, self.status_combo)
        QWidget.setTabOrder(self.status_combo, self.theme_combo)
        QWidget.setTabOrder(self.theme_combo, self.reaction_edit)
        QWidget.setTabOrder(self.reaction_edit, self.review_button)
        self.retranslate()

    def _build_detail(self) -> None:
        self.detail = QFrame(self)
        self.detail.setObjectName("signalDetail")
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setStyleSheet(
            "QFrame#signalDetail { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.detail_title = QLabel(self.detail)
        self.detail_title.setObjectName("signalTitleLabel")
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_title.setFont(scaled_font(self.font(), 1.15, QFont.Weight.DemiBold))
        self.detail_meta = QLabel(self.detail)
        self.detail_meta.setWordWrap(True)
        self.detail_meta.setTextFormat(Qt.TextFormat.PlainText)
        mute(self.detail_meta)
        self.detail_text = QLabel(self.detail)
        self.detail_text.setObjectName("signalText")
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_reaction = QLabel(self.detail)
        self.detail_reaction.setObjectName("signalReaction")
        self.detail_reaction.setWordWrap(True)
        self.detail_reaction.setTextFormat(Qt.TextFormat.PlainText)

        self.review_box = QWidget(self.detail)
        self.review_heading = QLabel(self.review_box)
        self.review_heading.setFont(scaled_font(self.font(), 1.05, QFont.Weight.DemiBold))
        self.status_combo = QComboBox(self.review_box)
        self.status_combo.setObjectName("reviewStatus")
        for code in SIGNAAL_STATUS:
            self.status_combo.addItem("", code)
        self.status_label = QLabel(self.review_box)
        self.status_label.setBuddy(self.status_combo)
        self.reaction_edit = QPlainTextEdit(self.review_box)
        self.reaction_edit.setObjectName("reviewReaction")
        self.reaction_edit.setTabChangesFocus(True)
        self.reaction_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.reaction_label = QLabel(self.review_box)
        self.reaction_label.setBuddy(self.reaction_edit)
        self.theme_combo = QComboBox(self.review_box)
        self.theme_combo.setObjectName("reviewTheme")
        self.theme_combo.setEditable(True)
        self.theme_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.theme_label = QLabel(self.review_box)
        self.theme_label.setBuddy(self.theme_combo)
        self.review_error = QLabel(self.review_box)
        self.review_error.setWordWrap(True)
        self.review_error.setTextFormat(Qt.TextFormat.PlainText)
        self.review_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.review_error.hide()
        self.review_button = QPushButton(self.review_box)
        self.review_button.setObjectName("saveReview")
        self.review_button.clicked.connect(self.save_review)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.status_label, self.status_combo)
        form.addRow(self.theme_label, self.theme_combo)
        form.addRow(self.reaction_label, self.reaction_edit)
        review_layout = QVBoxLayout(self.review_box)
        review_layout.setContentsMargins(0, 8, 0, 0)
        review_layout.addWidget(self.review_heading)
        review_layout.addLayout(form)
        review_layout.addWidget(self.review_error)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.review_button)
        review_layout.addLayout(button_row)
        self.review_box.setVisible(self.reviewer)

        self.no_selection = QLabel(self.detail)
        self.no_selection.setWordWrap(True)
        mute(self.no_selection)

        # the signal's text scrolls when the pane is lower than the text: never a cut line
        self.detail_body = QWidget()
        self.detail_body.setObjectName("signalBody")
        text_column = QVBoxLayout(self.detail_body)
        text_column.setContentsMargins(0, 0, 0, 0)
        text_column.setSpacing(6)
        text_column.addWidget(self.no_selection)
        text_column.addWidget(self.detail_title)
        text_column.addWidget(self.detail_meta)
        text_column.addWidget(self.detail_text)
        text_column.addWidget(self.detail_reaction)
        text_column.addStretch(1)
        self.detail_scroll = QScrollArea(self.detail)
        self.detail_scroll.setObjectName("signalScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the pane's name reads it
        self.detail_scroll.setWidget(self.detail_body)
        self.detail_scroll.viewport().setAutoFillBackground(False)
        self.detail_body.setAutoFillBackground(False)
        row = self._detail_row = QHBoxLayout(self.detail)
        row.setContentsMargins(18, 14, 18, 14)
        row.setSpacing(24)
        row.addWidget(self.detail_scroll, 3)
        if self.reviewer:
            row.addWidget(self.review_box, 2)
        self._show_detail(None)

    # ------------------------------------------------------------------ texts
    def title(self) -> str:
        return _("Signals")

    def retranslate(self) -> None:
        if self.reviewer:
            intro = _(
                "Signals show where rules make residents get stuck. Review them: set a status "
                "and write a reaction; pass patterns on to policy."
            )
            self.list_label.setText(_("All &signals of the team"))
        else:
            intro = _(
                "Does a rule make residents get stuck? Log it as a signal. The teamleider "
                "collects signals and passes patterns on to policy."
            )
            self.list_label.setText(_("Your &signals"))
        self.intro_label.setText(intro)
        self.new_button.setText(_("&Log a signal…"))
        self.new_button.setAccessibleName(_("Log a signal"))
        sequence = shortcut("new_signal").toString(QKeySequence.SequenceFormat.NativeText)
        self.new_button.setToolTip(f"{_('Log a signal')} ({sequence})")
        self.table.setAccessibleName(self.list_label.text().replace("&", ""))
        self.empty_label.setText(
            _("No signals yet. Use “Log a signal” when a rule gets in a resident's way.")
        )
        self.model.setHorizontalHeaderLabels([_(label) for _key, label in self._columns])
        self.review_heading.setText(_("Review"))
        self.status_label.setText(_("S&tatus:"))
        self.status_combo.setAccessibleName(_("Status of the signal"))
        for index, code in enumerate(SIGNAAL_STATUS):
            self.status_combo.setItemText(index, status_text(code))
        self.theme_label.setText(_("T&heme:"))
        self.theme_combo.setAccessibleName(_("Theme of the signal"))
        if (line := self.theme_combo.lineEdit()) is not None:
            line.setPlaceholderText(_("e.g. Travel costs when starting work"))
        self.themes.retranslate()
        self.reaction_label.setText(_("R&eaction:"))
        self.reaction_edit.setAccessibleName(_("Reaction to the signal"))
        self.review_button.setText(_("Save &review"))
        self.review_button.setAccessibleName(_("Save the review"))
        self.no_selection.setText(_("Choose a signal in the list to read it."))
        if self.signals:
            self._fill(self.signals)
        if self.dialog is not None:
            self.dialog.retranslate()

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        self.signals = self.session.signals.all()
        self._names = self._submitters(self.signals) if self.reviewer else {}
        if self.reviewer:
            self.themes.show_counts(self.session.signals.theme_counts())
            typed = self.theme_combo.currentText()
            self.theme_combo.clear()
            self.theme_combo.addItems(self.session.signals.themes())
            self.theme_combo.setEditText(typed)
        self._fill(self.signals)

    def _submitters(self, signals: list[Record]) -> dict[str, str]:
        everyone = self.session.user_names()
        return {
            user_id: everyone.get(user_id, "?")
            for user_id in {s["ingediend_door"] for s in signals if s.get("ingediend_door")}
        }

    def _fill(self, signals: list[Record]) -> None:
        selected = self.selected_id()
        header = self.table.horizontalHeader()
        sort_column = header.sortIndicatorSection()
        sort_order = header.sortIndicatorOrder()
        self.model.removeRows(0, self.model.rowCount())
        for signal in signals:
            row: list[QStandardItem] = []
            for key, _label in self._columns:
                value = signal.get(key)
                if key == "ingediend_op":
                    text, sort = _day(value), value or ""
                elif key == "status":
                    text = status_text(value)
                    sort = str(list(SIGNAAL_STATUS).index(value) if value in SIGNAAL_STATUS else 9)
                elif key == "ingediend_door":
                    text = self._names.get(value or "", "?")
                    sort = text.casefold()
                else:
                    text = value or ""
                    sort = text.casefold()
                item = QStandardItem(text)
                item.setData(sort, SORT_ROLE)
                item.setData(signal["id"], ID_ROLE)
                item.setEditable(False)
                if key == "titel":
                    item.setToolTip(text)
                row.append(item)
            self.model.appendRow(row)
        if 0 <= sort_column < self.model.columnCount() and self.model.rowCount():
            self.model.sort(sort_column, sort_order)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        title_column = [k for k, _l in self._columns].index("titel")
        header.setSectionResizeMode(title_column, QHeaderView.ResizeMode.Stretch)
        self.empty_label.setVisible(not signals)
        if selected is not None and self.select(selected):
            return
        if self.model.rowCount():
            self.table.selectRow(0)  # something to read straight away
        else:
            self._show_detail(None)

    def select(self, signal_id: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(ID_ROLE) == signal_id:
                self.table.selectRow(row)
                self._show_detail(self._signal(signal_id))
                return True
        self._show_detail(None)
        return False

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.model.item(rows[0].row(), 0).data(ID_ROLE)
        return str(value) if value else None

    def _signal(self, signal_id: str | None) -> Record | None:
        return next((s for s in self.signals if s["id"] == signal_id), None)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_detail(self._signal(self.selected_id()))

    def _show_detail(self, signal: Record | None) -> None:
        shown = signal is not None
        for widget in (
            self.detail_title,
            self.detail_meta,
            self.detail_text,
            self.detail_reaction,
        ):
            widget.setVisible(shown)
        self.no_selection.setVisible(not shown)
        self.review_box.setEnabled(shown)
        self.review_error.hide()
        if signal is None:
            for label in (self.detail_title, self.detail_meta, self.detail_text):
                label.clear()
            self.reaction_edit.clear()
            self.detail.setAccessibleName("")
            return
        parts = [_("Logged on {date}", date=_day(signal.get("ingediend_op")))]
        if self.reviewer:
            parts.append(
                _("by {name}", name=self._names.get(signal.get("ingediend_door") or "", "?"))
            )
        if signal.get("regeling"):
            parts.append(_("about {rule}", rule=signal["regeling"]))
        parts.append(_("status: {status}", status=status_text(signal.get("status"))))
        self.detail_title.setText(signal.get("titel") or "")
        self.detail_meta.setText(" · ".join(parts))
        self.detail_text.setText(signal.get("omschrijving") or "")
        reaction = signal.get("reactie")
        self.detail_reaction.setText(
            _("Reaction of the teamleider: {reaction}", reaction=reaction)
            if reaction
            else _("No reaction from the teamleider yet.")
        )
        index = self.status_combo.findData(signal.get("status") or "nieuw")
        self.status_combo.setCurrentIndex(max(index, 0))
        self.reaction_edit.setPlainText(reaction or "")
        self.theme_combo.setEditText(signal.get("thema") or "")
        self.detail.setAccessibleName(
            " ".join(
                [
                    self.detail_title.text(),
                    self.detail_meta.text(),
                    self.detail_text.text(),
                    self.detail_reaction.text(),
                ]
            )
        )
        self._fit_detail()

    def _fit_detail(self) -> None:
        """Make the detail pane as high as the signal's text needs, taken from the list above
        (down to a few rows of it); beyond that the text scrolls in its pane."""
        sizes = self.splitter.sizes()
        if not sizes or not self.isVisible():
            return
        body = self.detail_scroll.viewport().width()
        margins = self._detail_row.contentsMargins()
        frame = 2 * self.detail.frameWidth() + margins.top() + margins.bottom()
        text = self.detail_body.heightForWidth(body) if body > 0 else -1
        review = self.review_box.sizeHint().height() if self.reviewer else 0
        need = max(text, review, self.detail.minimumSizeHint().height() - frame) + frame
        short = need - sizes[-1]
        if short <= 0:
            return
        rows = self.table.verticalHeader().defaultSectionSize()
        least = self.table.horizontalHeader().height() + 4 * rows + 2 * self.table.frameWidth()
        spare = max(sizes[0] - least, 0)
        give = min(short, spare)
        if give > 0:
            sizes[0] -= give
            sizes[-1] += give
            self.splitter.setSizes(sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_detail()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_detail()

    # ------------------------------------------------------------------ actions
    @Slot()
    def new_signal(self) -> None:
        """Open the dialog (window-modal, not blocking); a logged signal is selected after."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = SignalDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted or not dialog.signal_id:
            self.new_button.setFocus()
            return
        self.nav.data_changed(self)
        self.refresh()
        self.select(dialog.signal_id)
        self.table.setFocus()
        self.nav.show_status(_("Your signal was logged. Thank you."))

    @Slot()
    def save_review(self) -> None:
        signal_id = self.selected_id()
        if signal_id is None or not self.reviewer:
            return
        self.review_error.hide()
        try:
            self.session.signals.review(
                signal_id,
                self.status_combo.currentData(),
                self.reaction_edit.toPlainText(),
                thema=self.theme_combo.currentText(),
            )
        except WerkpleinError as exc:
            self.review_error.setText("⚠ " + error_text(exc))
            self.review_error.setAccessibleName(self.review_error.text())
            self.review_error.show()
            return
        except Exception as exc:
            self.nav.show_error(exc)
            return
        self.nav.data_changed(self)
        self.refresh()
        self.select(signal_id)
        self.nav.show_status(_("The review was saved."))

    def release(self) -> None:
        if self.dialog is not None:
            self.dialog.release()
            self.dialog.close()
            self.dialog = None
        self.signals = []
        self._names = {}
        self.model.removeRows(0, self.model.rowCount())
        self._show_detail(None)
