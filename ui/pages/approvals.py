"""Besluiten ter goedkeuring: the teamleider reads the motivation and stands behind the choice.

A table of the decisions that deviate from policy and wait for approval; choosing one shows the
whole motivation (the four steps of the case, the costs, why it deviates, the decision itself).
The teamleider approves (which sets the decision) or sends it back with a comment. Enter on a
row opens the case in the toets screen.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui import error_text, mute
from ui.dialogs.confirm import confirm
from ui.export import DocumentExport, file_name
from ui.format import format_money
from ui.pages.base import Navigator, Page
from ui.pages.exports import ExportsDialog
from ui.pages.toets import costs_verdict, date_text
from ui.widgets import ErrorLabel
from ui.widgets.columns import ColumnFitter
from werkplein.domain import toets
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import AFWEGING, GRONDWAARDE_PAST, UITKOMSTEN, WETTEN
from werkplein.errors import WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.session import Session

Row = dict[str, Any]
_ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (
    ("name", N_("Resident")),
    ("case_title", N_("Case")),
    ("submitter", N_("Submitted by")),
    ("ingediend_op", N_("Submitted on")),
    ("uitkomst", N_("Outcome")),
)
SUBMITTED_COLUMN = 3


class AwaitingModel(QAbstractTableModel):
    """Decisions awaiting approval, with the resident's name and the case title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, last))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        value = row.get(key) or ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if key == "ingediend_op":
                return date_text(value)
            if key == "uitkomst":
                return _(UITKOMSTEN.get(value, value))
            return str(value)
        if role == SORT_ROLE:
            return str(value) if key == "ingediend_op" else str(value).lower()
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None


def _e(value: Any) -> str:
    return html.escape(str(value or ""))


def _tag(tag: str, text: str) -> str:
    return f"<{tag}>{_e(text)}</{tag}>"


def _field(label: str, value: str) -> str:
    """One labelled value: "<b>Label:</b> value" (join several with "<br>")."""
    return f"<b>{_e(label)}:</b> {_e(value)}"


def _para(text: Any) -> str:
    """Text a person wrote, as a paragraph (line breaks kept)."""
    if not text:
        return "<p><i>" + _e(_("(not filled in)")) + "</i></p>"
    return "<p>" + _e(text).replace("\n", "<br>") + "</p>"


def _yes_no(value: Any) -> str:
    if value is None:
        return _("(not filled in)")
    return _("yes") if value else _("no")


def motivation_html(
    case: Row, costs: toets.CostComparison | None, decision: Row, resident: str
) -> str:
    """The whole motivation of a decision, for the teamleider to read (escaped HTML)."""
    submitted = date_text(decision.get("ingediend_op"))
    out = [
        _tag("h2", str(case.get("title") or "")),
        _tag(
            "p",
            _("Resident: {name}", name=resident) + " · " + _("submitted on {date}", date=submitted),
        ),
    ]

    def heading(step: int) -> None:
        out.append(
            _tag("h3", _("Step {number}: {title}", number=step, title=_(toets.STEP_TITLES[step])))
        )

    heading(1)
    out.append(_para(case.get("beoogd_effect")))
    out.append("<p>" + _field(_("Means asked for"), case.get("gevraagd_middel") or "—") + "</p>")

    heading(2)
    laws = ", ".join(_(WETTEN.get(w, w)) for w in case.get("wetten") or []) or "—"
    fits = case.get("grondwaarde_past")
    fits_text = _(GRONDWAARDE_PAST[fits]) if fits in GRONDWAARDE_PAST else _("(not filled in)")
    out.append(
        "<p>"
        + _field(_("Laws in play"), laws)
        + "<br>"
        + _field(_("Fits the grondwaarde"), fits_text)
        + "</p>"
    )
    out.append(_para(case.get("grondwaarde_toelichting")))

    heading(3)
    weighed = case.get("afweging") or {}
    for key, label in AFWEGING.items():
        out.append("<p><b>" + _e(_(label)) + "</b><br>" + _e(weighed.get(key) or "—") + "</p>")
    if costs is not None:
        out.append(_tag("h4", _("Costs for society")))
        out.append("<table cellspacing='0' cellpadding='3'>")
        for label, cents in (
            (_("Intervention costs"), costs.interventie_cent),
            (_("Doing nothing costs"), costs.niets_doen_cent),
            (_("Difference"), abs(costs.verschil_cent)),
        ):
            amount = _e(format_money(cents))
            out.append(f"<tr><td>{_e(label)}</td><td align='right'><b>{amount}</b></td></tr>")
        out.append("</table>")
        out.append("<p><b>" + _e(costs_verdict(costs)) + "</b></p>")

    heading(4)
    instruments = case.get("instrumenten") or []
    if instruments:
        out.append("<ul>")
        for item in instruments:
            text = (
                str(item.get("wet") or "")
                + ", "
                + _("article {article}", article=item.get("artikel") or "?")
            )
            if item.get("toelichting"):
                text += " — " + str(item["toelichting"])
            out.append(_tag("li", text))
        out.append("</ul>")
    out.append(
        "<p>"
        + _field(_("Lawful"), _yes_no(case.get("rechtmatig")))
        + "<br>"
        + _field(_("Deviates from policy"), _yes_no(case.get("afwijking_beleid")))
        + "</p>"
    )
    out.append(_tag("h4", _("Why the decision deviates from policy")))
    out.append(_para(case.get("motivering_afwijking")))

    out.append(_tag("h3", _("The decision")))
    outcome = _(UITKOMSTEN.get(decision.get("uitkomst") or "", "—"))
    version = _("version {version}", version=decision.get("versie"))
    out.append("<p>" + _field(_("Outcome"), f"{outcome} · {version}"))
    if decision.get("periode_van") or decision.get("periode_tot"):
        period = _(
            "from {start} until {end}",
            start=date_text(decision.get("periode_van")) or "—",
            end=date_text(decision.get("periode_tot")) or "—",
        )
        out.append("<br>" + _field(_("Period"), period))
    if decision.get("heroverweging_op"):
        out.append("<br>" + _field(_("Review on"), date_text(decision.get("heroverweging_op"))))
    out.append("</p>")
    conditions = decision.get("voorwaarden") or []
    if conditions:
        out.append("<p><b>" + _e(_("Conditions")) + ":</b></p><ul>")
        out.extend(_tag("li", c) for c in conditions)
        out.append("</ul>")
    out.append(_tag("h4", _("Motivation")))
    out.append(_para(decision.get("motivering")))
    return "".join(out)


class ApprovalsPage(Page):
    key = "approvals"
    shows = frozenset({"besluit", "casus", "inwoner", "gebruiker", "prijs"})

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.selected: Row | None = None
        self._pick_first = True  # on opening the page; not after an answer

        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        mute(self.intro_label)
        self.list_label = QLabel(self)
        self.list_label.setFont(self._bold())
        self.model = AwaitingModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView(self)
        self.view.setObjectName("awaiting")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(SUBMITTED_COLUMN, Qt.SortOrder.AscendingOrder)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        # every cell whole: columns fit their text, a long case title wraps and its row grows
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.columns = ColumnFitter(self.view, stretch=1)
        self.list_label.setBuddy(self.view)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("motivation")
        self.detail.setOpenLinks(False)
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("comment")
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.comment_label = QLabel(self)
        self.comment_label.setBuddy(self.comment_edit)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        mute(self.hint_label)
        self.error_label = ErrorLabel(self)
        self.error_label.setObjectName("approvalError")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("open_case")
        self.send_back_button = QPushButton(self)
        self.send_back_button.setObjectName("send_back")
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approve")
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("decision_pdf")
        self.pdf_button.setAutoDefault(False)
        self.documents = DocumentExport(self, session, nav)
        self.documents.busy_changed.connect(lambda _busy: self._update_buttons())
        # the teamleider's export of a period's set decisions
        self.batch_button = QPushButton(self)
        self.batch_button.setObjectName("export_decisions")
        self.batch_button.setAutoDefault(False)
        self.batch_button.setVisible(session.can(Permission.EXPORT_DECISIONS))

        top = QWidget(self)
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        intro_row = QHBoxLayout()
        intro_row.addWidget(self.intro_label, 1)
        intro_row.addWidget(self.batch_button, 0, Qt.AlignmentFlag.AlignTop)
        top_column.addLayout(intro_row)
        top_column.addWidget(self.list_label)
        top_column.addWidget(self.view, 1)
        top_column.addWidget(self.empty_label)
        bottom = QWidget(self)
        bottom_column = QVBoxLayout(bottom)
        bottom_column.setContentsMargins(0, 0, 0, 0)
        bottom_column.addWidget(self.detail, 1)
        bottom_column.addWidget(self.comment_label)
        bottom_column.addWidget(self.comment_edit)
        bottom_column.addWidget(self.hint_label)
        bottom_column.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_back_button)
        buttons.addWidget(self.approve_button)
        bottom_column.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 4, 24, 12)
        layout.addWidget(self.splitter)

        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.view.activated.connect(self._open)
        self.open_button.clicked.connect(self._open_selected)
        self.pdf_button.clicked.connect(self.export_decision)
        self.batch_button.clicked.connect(self.open_batch)
        self.batch_dialog: ExportsDialog | None = None
        self.approve_button.clicked.connect(self.approve)
        self.send_back_button.clicked.connect(self.send_back)
        self.comment_edit.textChanged.connect(self._update_buttons)
        for first, second in (
            (self.batch_button, self.view),
            (self.view, self.detail),
            (self.detail, self.comment_edit),
            (self.comment_edit, self.approve_button),
            (self.approve_button, self.send_back_button),
            (self.send_back_button, self.open_button),
            (self.open_button, self.pdf_button),
        ):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    # ------------------------------------------------------------------ Page
    def title(self) -> str:
        return _("Decisions awaiting approval")

    def retranslate(self) -> None:
        self.intro_label.setText(
            _(
                "These decisions deviate from policy. Read the motivation, then approve the "
                "decision (it is set at once) or send it back with a comment. Enter opens the case."
            )
        )
        self.list_label.setText(_("&Awaiting your approval"))
        self.view.setAccessibleName(_("Decisions awaiting approval"))
        self.empty_label.setText(_("No decisions are waiting for your approval."))
        self.detail.setAccessibleName(_("Motivation of the selected decision"))
        self.comment_label.setText(_("&Comment for the klantmanager"))
        self.comment_edit.setAccessibleName(_("Comment for the klantmanager"))
        self.comment_edit.setPlaceholderText(_("Optional when you approve; required to send back."))
        self.open_button.setText(_("&Open the case"))
        self.send_back_button.setText(_("Send &back"))
        self.send_back_button.setAccessibleName(_("Send the decision back to the klantmanager"))
        self.approve_button.setText(_("A&pprove"))
        self.approve_button.setAccessibleName(_("Approve and set the decision"))
        self.pdf_button.setText(_("Decision as PD&F…"))
        self.pdf_button.setAccessibleName(_("Save the motivated decision as a PDF"))
        self.batch_button.setText(_("E&xport decisions of a period…"))
        self.batch_button.setAccessibleName(_("Export the set decisions of a period"))
        self.model.retranslate()
        self._show_selected()

    def refresh(self) -> None:
        keep = self.selected["id"] if self.selected else None
        decisions = self.session.decisions.awaiting_approval()
        names = self.session.residents.names([d["inwoner_id"] for d in decisions])
        colleagues = self.session.user_names()
        titles: dict[str, str] = {}
        for inwoner_id in {d["inwoner_id"] for d in decisions}:
            for case in self.session.cases.for_resident(inwoner_id):  # not a dossier view
                titles[case["id"]] = str(case.get("title") or "")
        rows = [
            {
                **d,
                "name": names.get(d["inwoner_id"], "?"),
                "case_title": titles.get(d["casus_id"], ""),
                "submitter": colleagues.get(d.get("ingediend_door") or "", _("unknown colleague")),
            }
            for d in decisions
        ]
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self.selected = None
        first = rows[0] if rows and self._pick_first else None
        self._pick_first = True
        target = next((r for r in rows if r["id"] == keep), first)
        if target is not None:
            self.select(target["id"])
        else:
            self._show_selected()

    def release(self) -> None:
        if self.batch_dialog is not None:
            self.batch_dialog.page.release()
            self.batch_dialog.close()
        self.model.set_rows([])
        self.selected = None
        self.detail.clear()
        self.comment_edit.clear()

    # ------------------------------------------------------------------ selection
    def select(self, besluit_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole) == besluit_id:
                self.view.setCurrentIndex(index)
                self.view.selectRow(row)
                return

    def _row_at(self, index: QModelIndex | QPersistentModelIndex) -> Row | None:
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(self.proxy.index(index.row(), 0))
        return self.model.rows[source.row()]

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        chosen = self._row_at(rows[0]) if rows else None
        if chosen is not self.selected:
            self.comment_edit.clear()
            self.error_label.setVisible(False)
        self.selected = chosen
        self._show_selected()

    def _show_selected(self) -> None:
        row = self.selected
        if row is None:
            hint = _("Choose a decision above to read its motivation.")
            self.detail.setHtml(_tag("p", hint) if self.model.rows else "")
        else:
            try:
                case = self.session.cases.get(row["casus_id"])  # logged as a view
                costs = self.session.cases.costs(case)
            except WerkpleinError as exc:
                self.detail.setPlainText(error_text(exc))
            else:
                self.detail.setHtml(motivation_html(case, costs, row, row["name"]))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected is not None
        comment = bool(self.comment_edit.toPlainText().strip())
        for widget in (self.comment_edit, self.open_button, self.approve_button):
            widget.setEnabled(chosen)
        self.pdf_button.setEnabled(chosen and not self.documents.busy)
        self.send_back_button.setEnabled(chosen and comment)
        self.hint_label.setText(
            _("To send the decision back, write a comment for the klantmanager.")
            if chosen and not comment
            else ""
        )
        self.hint_label.setVisible(bool(self.hint_label.text()))

    # ------------------------------------------------------------------ actions
    def _open(self, index: QModelIndex) -> None:
        row = self._row_at(index)
        if row is not None:
            self.nav.open_case(row["casus_id"])

    def _open_selected(self) -> None:
        if self.selected is not None:
            self.nav.open_case(self.selected["casus_id"])

    def export_decision(self) -> None:
        """The decision as the teamleider reads it (marked as a draft: it is not set yet)."""
        if self.selected is None:
            return
        besluit_id = self.selected["id"]
        self.documents.save(
            _("Save the decision as a PDF"),
            file_name(self.session, "draft"),
            lambda s, out, share: s.exports.decision(besluit_id, out, into_share=share),
        )

    def open_batch(self) -> ExportsDialog | None:
        """The teamleider's export of a period's set decisions, in a window of its own."""
        if not self.session.can(Permission.EXPORT_DECISIONS):
            return None
        if self.batch_dialog is None:
            self.batch_dialog = ExportsDialog(self.session, self.nav, self)
        self.batch_dialog.show()
        self.batch_dialog.raise_()
        self.batch_dialog.activateWindow()
        return self.batch_dialog

    def _fail(self, exc: BaseException) -> None:
        self.fail(exc, self.error_label)

    def approve(self) -> None:
        if self.selected is None:
            return
        if not confirm(
            self,
            _("Approve the decision"),
            _(
                "Approve the decision for {name} ({case})? Approving sets it: after this it "
                "can only be changed with a new version.",
                name=self.selected["name"],
                case=self.selected["case_title"],
            ),
            _("&Approve and set"),
            careful=True,
        ):
            return
        try:
            self.session.decisions.approve(
                self.selected["id"], self.comment_edit.toPlainText().strip()
            )
        except Exception as exc:
            self._fail(exc)
            return
        self._done(_("The decision is approved and set."))

    def send_back(self) -> None:
        comment = self.comment_edit.toPlainText().strip()
        if self.selected is None or not comment:
            return
        if not confirm(
            self,
            _("Send the decision back"),
            _(
                "Send the decision for {name} back to {colleague} with your comment?",
                name=self.selected["name"],
                colleague=self.selected["submitter"],
            ),
            _("&Send back"),
            careful=True,
        ):
            return
        try:
            self.session.decisions.send_back(self.selected["id"], comment)
        except Exception as exc:
            self._fail(exc)
            return
        self._done(_("The decision is sent back to the klantmanager."))

    def _done(self, message: str) -> None:
        """After an answer nothing is selected: the next Enter cannot open another case by
        accident. The focus goes to the list's heading text, not into the list."""
        self.comment_edit.clear()
        self.error_label.setVisible(False)
        self.selected = None
        self._pick_first = False
        self.nav.data_changed(self)
        self.nav.show_status(message)
        self.refresh()
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self.detail.setFocus()
