"""The dossier of one resident, in tabs: overview, timeline, cases, toekomstplan, home visits,
handovers, fines (only for roles that may see them) and notes.

The dossier is read once per refresh (``session.residents.dossier`` logs that view) and every
tab is drawn from that one read. Writes go through the services; after each, the page reloads
itself and tells the window that data changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, error_text, mute
from ui.export import DocumentExport, file_name
from ui.pages.base import Navigator, Page
from ui.pages.handover_dialog import HandoverDialog
from ui.shortcuts import key as shortcut
from ui.widgets import (
    ModelIndex,
    RecordView,
    Row,
    RowsModel,
    day_at,
    format_birth_date,
    format_day,
    format_moment,
)
from ui.widgets.history import HistoryDialog
from ui.widgets.money import format_money
from werkplein.domain.dates import local_day
from werkplein.domain.roles import Permission
from werkplein.domain.toets import DONE_FIELD, STEP_TITLES, STEPS
from werkplein.domain.vocab import (
    BESLUIT_STATUS,
    BOETE_STATUS,
    CASUS_STATUS,
    HUISBEZOEK_STATUS,
    LEEFGEBIEDEN,
    OVERDRACHT_STATUS,
    UITKOMSTEN,
    VERWIJTBAARHEID,
)
from werkplein.errors import WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.plans import PlanPanel
from werkplein.services.residents import Dossier, TimelineItem, display_name
from werkplein.services.session import Session
from werkplein.services.types import Record, iso

# Values the store keeps in Dutch words; shown in the active language.
RELATIONS = {"kind": N_("child"), "partner": N_("partner"), "ouder": N_("parent")}
CONTACT = {
    "telefoon": N_("phone"),
    "e-mail": N_("e-mail"),
    "huisbezoek": N_("home visit"),
    "brief": N_("letter"),
}
KINDS = {
    "notitie": N_("Note"),
    "casus": N_("Case"),
    "besluit": N_("Decision"),
    "huisbezoek": N_("Home visit"),
    "overdracht": N_("Handover"),
    "boete": N_("Fine"),
}
PLAN_FIELDS = ("nu", "afspraken", "over_een_jaar")
PLAN_HEADERS = (N_("Now / leefgebieden"), N_("Agreements"), N_("In a year"))


def _label(table: dict[str, str], value: Any) -> str:
    if value is None or value == "":
        return ""
    text = str(value)
    return _(table[text]) if text in table else text


def _money(cents: Any) -> str:
    return format_money(cents) if isinstance(cents, int) else ""


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.1)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setVisible(False)
    return label


def step_progress(case: Record) -> tuple[str, int]:
    """Where a case stands in the four steps: ("step 2 of 4: Grondwaarde", 1 step done)."""
    done = 0
    for step in STEPS:
        if not case.get(DONE_FIELD[step]):
            break
        done = step
    if done == len(STEPS):
        return _("all {total} steps complete", total=len(STEPS)), done
    following = done + 1
    return (
        _(
            "step {step} of {total}: {title}",
            step=following,
            total=len(STEPS),
            title=_(STEP_TITLES[following]),
        ),
        done,
    )


def _focus_first(container: QWidget) -> None:
    """Put the keyboard focus on the first control inside ``container`` (in tab order)."""
    widget = container.nextInFocusChain()
    for _step in range(500):
        if widget is None or widget is container:
            break
        if (
            container.isAncestorOf(widget)
            and widget.isVisibleTo(container)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()


def _keep_current(view: QTableView, model: RowsModel, fill: Callable[[], None]) -> None:
    """Refill ``model`` and put the cursor back on the same record."""
    index = view.currentIndex()
    key = model.key(index.row()) if index.isValid() else None
    fill()
    if key is not None:
        row = model.row_of(key)
        if row >= 0:
            view.setCurrentIndex(model.index(row, max(index.column(), 0)))


# ---------------------------------------------------------------------------- tabs
class Tab(QWidget):
    """One tab of the dossier: a margin and a vertical layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(16, 12, 16, 12)
        self.column.setSpacing(8)


def _button_row(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class OverviewTab(Tab):
    """Personal details (with the full BSN), household, and a short summary."""

    FIELDS = (
        ("name", N_("Name")),
        ("bsn", N_("BSN")),
        ("birth_date", N_("Date of birth")),
        ("address", N_("Address")),
        ("gemeente", N_("Gemeente")),
        ("phone", N_("Phone")),
        ("email", N_("E-mail")),
        ("contact_preference", N_("Contact preference")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details_heading = _heading("", self)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.form.setHorizontalSpacing(16)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for name, _caption in self.FIELDS:
            caption = QLabel(self)
            mute(caption)
            value = QLabel(self)
            value.setObjectName(f"detail_{name}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.captions[name] = caption
            self.values[name] = value
            self.form.addRow(caption, value)
        self.history_button = QPushButton(self)
        self.inzage_button = QPushButton(self)
        self.inzage_button.setObjectName("exportInzage")
        self.summary_heading = _heading("", self)
        self.summary = QLabel(self)
        self.summary.setObjectName("dossierSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.household_heading = _heading("", self)
        self.household_model = RowsModel((N_("Name"), N_("Relation"), N_("Date of birth")), self)
        self.household_view = RecordView(self)
        self.household_view.setObjectName("householdView")
        self.household_view.setModel(self.household_model)
        self.household_view.setSortingEnabled(True)
        self.household_view.set_stretch_column(0)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.details_heading)
        left.addLayout(self.form)
        left.addLayout(_button_row(self.history_button, self.inzage_button))
        left.addSpacing(12)
        left.addWidget(self.summary_heading)
        left.addWidget(self.summary)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.household_heading)
        right.addWidget(self.household_view, 1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid, 1)

    def retranslate(self) -> None:
        self.details_heading.setText(_("Personal details"))
        for name, caption in self.FIELDS:
            self.captions[name].setText(_(caption) + ":")
        self.history_button.setText(_("Hi&story of the details…"))
        self.history_button.setAccessibleName(_("Show the history of the personal details"))
        self.inzage_button.setText(_("Subject &access (PDF)…"))
        self.inzage_button.setAccessibleName(
            _("Save everything stored about this resident (inzage) as a PDF")
        )
        self.history_button.setToolTip(
            QKeySequence(shortcut("history")).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.summary_heading.setText(_("In short"))
        self.household_heading.setText(_("Household"))
        self.household_view.setAccessibleName(_("Household members"))
        self.household_view.set_placeholder(_("No household members registered."))
        self.household_model.retranslate()

    def show_dossier(self, dossier: Dossier, today: dt.date) -> None:
        r = dossier.resident
        born = r.get("birth_date") or ""
        age = ""
        if born:
            day = dt.date.fromisoformat(born[:10])
            years = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
            age = " " + _("({years} years)", years=years)
        street = " ".join(p for p in (r.get("street"), r.get("house_number")) if p)
        town = " ".join(p for p in (r.get("postcode"), r.get("city")) if p)
        texts = {
            "name": display_name(r),
            "bsn": r.get("bsn") or "",
            "birth_date": format_birth_date(born) + age,
            "address": ", ".join(p for p in (street, town) if p),
            "gemeente": r.get("gemeente") or "",
            "phone": r.get("phone") or "",
            "email": r.get("email") or "",
            "contact_preference": _label(CONTACT, r.get("contact_preference")),
        }
        for name, text in texts.items():
            self.values[name].setText(text or "—")
            caption = self.captions[name].text().rstrip(":")
            spoken = text or _("not known")
            self.values[name].setAccessibleName(f"{caption}: {spoken}")
        _keep_current(
            self.household_view,
            self.household_model,
            lambda: self.household_model.set_rows(
                [
                    Row(
                        m["id"],
                        (
                            m.get("name") or "",
                            _label(RELATIONS, m.get("relation")),
                            format_birth_date(m.get("birth_date")),
                        ),
                        sort_keys=(None, None, m.get("birth_date") or ""),
                    )
                    for m in dossier.household
                ]
            ),
        )
        self.summary.setText(self._summary(dossier, today))

    @staticmethod
    def _summary(dossier: Dossier, today: dt.date) -> str:
        lines = []
        open_cases = [c for c in dossier.cases if c.get("status") == "open"]
        if len(open_cases) == 1:
            lines.append(_("1 open case: {title}", title=open_cases[0].get("title") or ""))
        elif open_cases:
            lines.append(_("{count} open cases", count=len(open_cases)))
        else:
            lines.append(_("No open case."))
        now = today.isoformat()
        planned = sorted(
            (v for v in dossier.visits if v.get("status") == "gepland"),
            key=lambda v: v.get("gepland_op") or "",
        )
        upcoming = [v for v in planned if local_day(v.get("gepland_op") or "") >= now]
        if upcoming:
            lines.append(
                _("Next home visit: {when}", when=format_moment(upcoming[0].get("gepland_op")))
            )
        waiting = [h for h in dossier.handovers if h.get("status") == "verzonden"]
        if waiting:
            lines.append(_("{count} handover(s) awaiting an answer", count=len(waiting)))
        if dossier.plans:
            lines.append(
                _("Toekomstplan of {date}", date=format_day(dossier.plans[0].get("opgesteld_op")))
            )
        lines.append(_("{count} notes", count=len(dossier.notes)))
        return "\n".join(lines)

    def release(self) -> None:
        for value in self.values.values():
            value.clear()
            value.setAccessibleName("")
        self.summary.clear()
        self.household_model.clear()


class ListTab(Tab):
    """A tab whose heart is one list of records, with buttons above it."""

    def __init__(
        self, headers: Sequence[str], parent: QWidget | None = None, *, stretch: int | None = None
    ) -> None:
        super().__init__(parent)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.model = RowsModel(headers, self)
        self.view = RecordView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        if stretch is not None:
            self.view.set_stretch_column(stretch)
        self.column.addLayout(self.buttons)
        self.column.addWidget(self.view, 1)

    def add_button(self, button: QPushButton) -> None:
        self.buttons.insertWidget(self.buttons.count() - 1, button)

    def set_rows(self, rows: list[Row]) -> None:
        _keep_current(self.view, self.model, lambda: self.model.set_rows(rows))

    def release(self) -> None:
        self.model.clear()


class CasesTab(Tab):
    """Cases with their progress through the four steps, and the decisions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_case_button = QPushButton(self)
        self.casus_button = QPushButton(self)
        self.casus_button.setObjectName("exportCasus")
        self.cases_heading = _heading("", self)
        self.cases_model = RowsModel(
            (N_("Case"), N_("Opened on"), N_("Status"), N_("Progress")), self
        )
        self.cases_view = RecordView(self)
        self.cases_view.setObjectName("casesView")
        self.cases_view.setModel(self.cases_model)
        self.cases_view.setSortingEnabled(True)
        self.decisions_heading = _heading("", self)
        self.decisions_model = RowsModel(
            (N_("Case"), N_("Outcome"), N_("Status"), N_("Version"), N_("Date")), self
        )
        self.decisions_view = RecordView(self)
        self.decisions_view.setObjectName("decisionsView")
        self.decisions_view.setModel(self.decisions_model)
        self.decisions_view.setSortingEnabled(True)
        self.decisions_view.set_stretch_column(0)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.cases_heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.new_case_button)
        heading_row.addWidget(self.casus_button)
        self.column.addLayout(heading_row)
        self.column.addWidget(self.cases_view, 3)
        self.column.addWidget(self.decisions_heading)
        self.column.addWidget(self.decisions_view, 2)

    def retranslate(self) -> None:
        self.cases_heading.setText(_("Cases"))
        self.decisions_heading.setText(_("Decisions"))
        self.new_case_button.setText(_("&New case…"))
        self.new_case_button.setAccessibleName(_("Open a new case"))
        self.new_case_button.setToolTip(
            QKeySequence(shortcut("new_case")).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.casus_button.setText(_("&Anonymous case (PDF)…"))
        self.casus_button.setAccessibleName(
            _("Save the chosen case without personal details, for the casusoverleg, as a PDF")
        )
        self.cases_view.setAccessibleName(_("Cases"))
        self.cases_view.set_placeholder(_("No cases yet. Press “New case” to start one."))
        self.decisions_view.setAccessibleName(_("Decisions"))
        self.decisions_view.set_placeholder(_("No decisions yet."))
        self.cases_model.retranslate()
        self.decisions_model.retranslate()

    def show_dossier(self, dossier: Dossier) -> None:
        rows = []
        for case in dossier.cases:
            progress, done = step_progress(case)
            if case.get("status") != "open":
                progress = _label(CASUS_STATUS, case.get("status"))
            rows.append(
                Row(
                    case["id"],
                    (
                        case.get("title") or "",
                        format_day(case.get("opened_on")),
                        _label(CASUS_STATUS, case.get("status")),
                        progress,
                    ),
                    sort_keys=(None, case.get("opened_on") or "", None, done),
                )
            )
        _keep_current(self.cases_view, self.cases_model, lambda: self.cases_model.set_rows(rows))
        titles = {c["id"]: c.get("title") or "" for c in dossier.cases}
        decisions = []
        for decision in sorted(
            dossier.decisions,
            key=lambda d: d.get("vastgesteld_op") or d.get("ingediend_op") or "",
            reverse=True,
        ):
            when = (
                decision.get("vastgesteld_op")
                or decision.get("ingediend_op")
                or decision.get("periode_van")
            )
            decisions.append(
                Row(
                    decision["id"],
                    (
                        titles.get(decision.get("casus_id") or "", ""),
                        _label(UITKOMSTEN, decision.get("uitkomst")),
                        _label(BESLUIT_STATUS, decision.get("status")),
                        str(decision.get("versie") or ""),
                        format_day(when),
                    ),
                    sort_keys=(None, None, None, decision.get("versie") or 0, when or ""),
                    extra={"casus_id": decision.get("casus_id")},
                )
            )
        _keep_current(
            self.decisions_view,
            self.decisions_model,
            lambda: self.decisions_model.set_rows(decisions),
        )

    def release(self) -> None:
        self.cases_model.clear()
        self.decisions_model.clear()


class PlanModel(QAbstractTableModel):
    """The drieluik: seven leefgebieden (rows) by now, agreements and in a year (columns).
    Editing a cell saves it through ``save(leefgebied, field, text) -> bool``."""

    def __init__(
        self, save: Callable[[str, str, str], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._panels: list[PlanPanel] = []
        self._editable = False

    def set_panels(self, panels: Sequence[PlanPanel], *, editable: bool) -> None:
        self.beginResetModel()
        self._panels = list(panels)
        self._editable = editable
        self.endResetModel()

    def clear(self) -> None:
        self.set_panels([], editable=False)

    def panel(self, row: int) -> PlanPanel:
        return self._panels[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._panels)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PLAN_FIELDS)

    def text(self, row: int, column: int) -> str:
        return str(getattr(self._panels[row], PLAN_FIELDS[column]))

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.text(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return text or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            area = _(LEEFGEBIEDEN[self._panels[index.row()].leefgebied])
            column = _(PLAN_HEADERS[index.column()])
            spoken = text or _("empty")
            return f"{area}, {column}: {spoken}"
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self._editable:
            return False
        text = str(value or "").strip()
        if text == self.text(index.row(), index.column()):
            return False
        panel = self._panels[index.row()]
        name = PLAN_FIELDS[index.column()]
        if not self._save(panel.leefgebied, name, text):
            return False
        values = {f: getattr(panel, f) for f in PLAN_FIELDS}
        values[name] = text
        self._panels[index.row()] = PlanPanel(panel.leefgebied, **values)
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(PLAN_HEADERS):
            return _(PLAN_HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._panels):
            return _(LEEFGEBIEDEN[self._panels[section].leefgebied])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(PLAN_HEADERS) - 1)
        if self._panels:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._panels) - 1)


class PlanTab(Tab):
    """The toekomstplan as a drieluik, editable in place for roles that may."""

    def __init__(
        self, save: Callable[[str, str, str], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.plan_id: str | None = None
        self.heading = _heading("", self)
        self.own_words = QLabel(self)
        self.own_words.setObjectName("planOwnWords")
        self.own_words.setWordWrap(True)
        self.own_words.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        mute(self.hint)
        self.create_button = QPushButton(self)
        self.error_label = _error_label(self)
        self.model = PlanModel(save, self)
        self.view = QTableView(self)
        self.view.setObjectName("planView")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMinimumSectionSize(self.view.fontMetrics().lineSpacing() * 3 + 8)  # room to write
        self.view.activated.connect(self._edit)  # Enter starts editing, Enter again saves
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.create_button)
        self.column.addLayout(top)
        self.column.addWidget(self.own_words)
        self.column.addWidget(self.hint)
        self.column.addWidget(self.error_label)
        self.column.addWidget(self.view, 1)

    @Slot(QModelIndex)
    def _edit(self, index: QModelIndex) -> None:
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.view.edit(index)

    def retranslate(self, *, editable: bool) -> None:
        self.create_button.setText(_("&Make a toekomstplan"))
        self.create_button.setAccessibleName(_("Make a toekomstplan"))
        self.view.setAccessibleName(_("Toekomstplan: leefgebieden, agreements, in a year"))
        self.model.retranslate()
        if self.plan_id is None:
            self.hint.setText(
                _("There is no toekomstplan yet.")
                + (" " + _("Make one together with the resident.") if editable else "")
            )
        elif editable:
            self.hint.setText(
                _(
                    "Left how things are now, in the middle what was agreed, right how things "
                    "should look in a year. Double-click a box or press Enter to change it; "
                    "Enter saves, Esc cancels."
                )
            )
        else:
            self.hint.setText(_("Your role can read the toekomstplan but not change it."))

    def show_plan(self, plan: Record | None, panels: list[PlanPanel], *, editable: bool) -> None:
        index = self.view.currentIndex()
        self.plan_id = plan["id"] if plan else None
        self.create_button.setVisible(plan is None and editable)
        self.view.setVisible(plan is not None)
        if plan is None:
            self.heading.setText(_("Toekomstplan"))
            self.own_words.clear()
            self.own_words.setVisible(False)
            self.model.clear()
            return
        self.heading.setText(_("Toekomstplan of {date}", date=format_day(plan.get("opgesteld_op"))))
        words = plan.get("in_eigen_woorden") or ""
        self.own_words.setText(_("In their own words: “{words}”", words=words) if words else "")
        self.own_words.setVisible(bool(words))
        self.model.set_panels(panels, editable=editable)
        if index.isValid():
            self.view.setCurrentIndex(self.model.index(index.row(), index.column()))

    def show_error(self, exc: BaseException | None) -> None:
        self.error_label.setText("⚠ " + error_text(exc) if exc is not None else "")
        self.error_label.setVisible(exc is not None)

    def release(self) -> None:
        self.model.clear()
        self.own_words.clear()
        self.heading.clear()


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
        self.error_label = _error_label(self)
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


class PlanVisitDialog(QDialog):
    """Plan a home visit: when and what for."""

    planned = Signal(str)  # the new visit's id

    def __init__(self, session: Session, inwoner_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planVisitDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.inwoner_id = inwoner_id
        self.visit_id: str | None = None
        self.when_label = QLabel(self)
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("dd-MM-yyyy HH:mm")
        self.when_edit.setDateTime(day_at(session.today() + dt.timedelta(days=1), 10))
        self.when_label.setBuddy(self.when_edit)
        self.purpose_label = QLabel(self)
        self.purpose_edit = QLineEdit(self)
        self.purpose_label.setBuddy(self.purpose_edit)
        self.error_label = _error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.plan_button = QPushButton(self)
        self.buttons.addButton(self.plan_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.plan)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.when_label, self.when_edit)
        form.addRow(self.purpose_label, self.purpose_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(80 * self.fontMetrics().averageCharWidth())
        self.retranslate()
        self.when_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Plan a home visit"))
        self.when_label.setText(_("&Date and time:"))
        self.when_edit.setAccessibleName(_("Date and time of the visit"))
        self.purpose_label.setText(_("&Purpose:"))
        self.purpose_edit.setAccessibleName(_("Purpose of the visit"))
        self.purpose_edit.setPlaceholderText(_("e.g. getting to know each other, toekomstplan"))
        self.plan_button.setText(_("&Plan visit"))
        self.cancel_button.setText(_("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def moment(self) -> str:
        """The chosen local date and time, stored in UTC."""
        seconds = self.when_edit.dateTime().toSecsSinceEpoch()
        return iso(dt.datetime.fromtimestamp(seconds, tz=dt.UTC))

    @Slot()
    def plan(self) -> None:
        try:
            self.visit_id = self.session.visits.plan(
                self.inwoner_id, self.moment(), doel=self.purpose_edit.text()
            )
        except WerkpleinError as exc:
            self.error_label.setText("⚠ " + error_text(exc))
            self.error_label.setVisible(True)
            return
        self.planned.emit(self.visit_id)
        self.accept()


# ---------------------------------------------------------------------------- the page
class DossierPage(Page):
    key = "dossier"

    def __init__(
        self, session: Session, nav: Navigator, parent: QWidget | None = None, inwoner_id: str = ""
    ) -> None:
        super().__init__(session, nav, parent)
        self.inwoner_id = inwoner_id
        self.dossier: Dossier | None = None
        self.timeline: list[TimelineItem] = []
        self._names: dict[str, str] = {}
        self._panels: list[PlanPanel] = []
        self._dialogs: list[QDialog] = []
        self.case_dialog: QInputDialog | None = None
        self.handover_dialog: HandoverDialog | None = None
        self.visit_dialog: PlanVisitDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.can_see_fines = session.can(Permission.VIEW_BOETE)
        self.documents = DocumentExport(self, session, self.nav)
        self.documents.busy_changed.connect(lambda _busy: self._update_documents())

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dossierTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)

        self.overview = OverviewTab(self.tabs)
        self.overview.history_button.clicked.connect(self.show_history)
        self.overview.inzage_button.clicked.connect(self.export_inzage)
        self.overview.inzage_button.setVisible(session.can(Permission.EXPORT_INZAGE))

        self.timeline_tab = ListTab((N_("Date"), N_("What"), N_("Description")), self.tabs)
        self.timeline_tab.view.setObjectName("timelineView")
        self.timeline_tab.view.open_requested.connect(self._open_timeline_row)

        self.cases_tab = CasesTab(self.tabs)
        self.cases_tab.new_case_button.clicked.connect(self.ask_new_case)
        self.cases_tab.new_case_button.setVisible(session.can(Permission.EDIT_CASE))
        self.cases_tab.cases_view.open_requested.connect(self._open_case_row)
        self.cases_tab.decisions_view.open_requested.connect(self._open_decision_row)
        self.cases_tab.casus_button.clicked.connect(self.export_casus)

        self.plan_tab = PlanTab(self._save_plan_cell, self.tabs)
        self.plan_tab.create_button.clicked.connect(self.create_plan)

        self.visits_tab = ListTab(
            (N_("Planned for"), N_("Purpose"), N_("Status"), N_("Carried out")),
            self.tabs,
            stretch=1,
        )
        self.visits_tab.view.setObjectName("visitsView")
        self.plan_visit_button = QPushButton(self.visits_tab)
        self.plan_visit_button.clicked.connect(self.ask_plan_visit)
        self.plan_visit_button.setVisible(session.can(Permission.PLAN_VISIT))
        self.visits_tab.add_button(self.plan_visit_button)
        self.visit_pdf_button = QPushButton(self.visits_tab)
        self.visit_pdf_button.setObjectName("exportVisit")
        self.visit_pdf_button.clicked.connect(self.export_visit)
        self.visits_tab.add_button(self.visit_pdf_button)
        self.visits_tab.view.open_requested.connect(self._open_visit_row)

        self.handovers_tab = HandoversTab(self.tabs)
        self.handovers_tab.view.setObjectName("handoversView")
        self.handovers_tab.handover_button.clicked.connect(self.compose_handover)
        self.handovers_tab.handover_button.setVisible(session.can(Permission.SEND_HANDOVER))
        self.handovers_tab.pdf_button.clicked.connect(self.export_handover)

        self.fines_tab: ListTab | None = None
        if self.can_see_fines:
            self.fines_tab = ListTab(
                (
                    N_("Breach"),
                    N_("Date of breach"),
                    N_("Verwijtbaarheid"),
                    N_("Benadelingsbedrag"),
                    N_("Status"),
                    N_("Confrontation talk"),
                ),
                self.tabs,
                stretch=0,
            )
            self.fines_tab.view.setObjectName("finesView")
            self.fines_tab.view.open_requested.connect(self._open_fine_row)

        self.notes_tab = NotesTab(self.tabs)
        self.notes_tab.view.setObjectName("notesView")
        self.notes_tab.save_button.clicked.connect(self.save_note)
        can_write = session.can(Permission.WRITE_NOTE)
        for widget in (self.notes_tab.note_edit, self.notes_tab.area_combo):
            widget.setEnabled(can_write)
        self.notes_tab.save_button.setEnabled(can_write)

        for tab in self._tab_widgets():
            self.tabs.addTab(tab, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 0, 16, 8)
        layout.addWidget(self.tabs)
        self._shortcuts()
        self.retranslate()
        # Read the dossier now (once), so the window's header can show the resident's name.
        self._refresh_now()

    def _tab_widgets(self) -> list[QWidget]:
        tabs: list[QWidget] = [
            self.overview,
            self.timeline_tab,
            self.cases_tab,
            self.plan_tab,
            self.visits_tab,
            self.handovers_tab,
        ]
        if self.fines_tab is not None:
            tabs.append(self.fines_tab)
        tabs.append(self.notes_tab)
        return tabs

    def _shortcuts(self) -> None:
        def bind(
            sequence: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], None]
        ) -> QShortcut:
            item = QShortcut(sequence, self)
            item.activated.connect(slot)
            return item

        self.shortcut_items = {
            "new_note": bind(shortcut("new_note"), self.focus_note),
            "new_case": bind(shortcut("new_case"), self.ask_new_case),
            "plan_visit": bind(shortcut("plan_visit"), self.ask_plan_visit),
            "handover": bind(shortcut("handover"), self.compose_handover),
            "history": bind(shortcut("history"), self.show_history),
            "refresh": bind(shortcut("refresh"), self._refresh_now),
            "save": bind(shortcut("save"), self._save_shortcut),
            "next_tab": bind(QKeySequence.StandardKey.NextChild, partial(self._step_tab, 1)),
            "previous_tab": bind(
                QKeySequence.StandardKey.PreviousChild, partial(self._step_tab, -1)
            ),
        }
        self.shortcut_items["save"].setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut_items["new_case"].setEnabled(self.session.can(Permission.EDIT_CASE))
        self.shortcut_items["plan_visit"].setEnabled(self.session.can(Permission.PLAN_VISIT))
        self.shortcut_items["handover"].setEnabled(self.session.can(Permission.SEND_HANDOVER))
        self.shortcut_items["new_note"].setEnabled(self.session.can(Permission.WRITE_NOTE))

    def _step_tab(self, step: int) -> None:
        count = self.tabs.count()
        index = self.tabs.currentIndex()
        for _attempt in range(count):
            index = (index + step) % count
            if self.tabs.isTabVisible(index):
                self.tabs.setCurrentIndex(index)
                break
        current = self.tabs.currentWidget()
        if current is not None:
            _focus_first(current)

    # ------------------------------------------------------------------ texts
    def title(self) -> str:
        if self.dossier is None:
            return _("Dossier")
        return display_name(self.dossier.resident) or _("Dossier")

    def retranslate(self) -> None:
        self.overview.retranslate()
        self.timeline_tab.view.setAccessibleName(_("Timeline"))
        self.timeline_tab.view.set_placeholder(_("Nothing has happened in this dossier yet."))
        self.timeline_tab.model.retranslate()
        self.cases_tab.retranslate()
        self.plan_tab.retranslate(editable=self.session.can(Permission.EDIT_PLAN))
        self.plan_visit_button.setText(_("&Plan a home visit…"))
        self.plan_visit_button.setAccessibleName(_("Plan a home visit"))
        self.plan_visit_button.setToolTip(
            QKeySequence(shortcut("plan_visit")).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.visit_pdf_button.setText(_("Visit &report (PDF)…"))
        self.visit_pdf_button.setAccessibleName(
            _("Save the report of the chosen home visit as a PDF")
        )
        self.visits_tab.view.setAccessibleName(_("Home visits"))
        self.visits_tab.view.set_placeholder(_("No home visits yet."))
        self.visits_tab.model.retranslate()
        self.handovers_tab.retranslate()
        if self.fines_tab is not None:
            self.fines_tab.view.setAccessibleName(_("Fines"))
            self.fines_tab.view.set_placeholder(_("No fines."))
            self.fines_tab.model.retranslate()
        self.notes_tab.retranslate()
        self.tabs.setAccessibleName(_("Parts of the dossier"))
        self._render()

    def _tab_titles(self) -> None:
        d = self.dossier
        titles: list[tuple[QWidget, str, int | None]] = [
            (self.overview, _("Overview"), None),
            (self.timeline_tab, _("Timeline"), None),
            (self.cases_tab, _("Cases"), len(d.cases) if d else None),
            (self.plan_tab, _("Toekomstplan"), None),
            (self.visits_tab, _("Home visits"), len(d.visits) if d else None),
            (self.handovers_tab, _("Handovers"), len(d.handovers) if d else None),
            (self.notes_tab, _("Notes"), len(d.notes) if d else None),
        ]
        if self.fines_tab is not None:
            fines = len(d.fines or []) if d else None
            titles.append((self.fines_tab, _("Fines"), fines))
        for widget, text, count in titles:
            index = self.tabs.indexOf(widget)
            self.tabs.setTabText(index, f"{text} ({count})" if count else text)
            self.tabs.setTabToolTip(index, text)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Read the dossier once and draw every tab from it."""
        self.dossier = self.session.residents.dossier(self.inwoner_id)
        self.timeline = self.session.residents.timeline(self.dossier)
        # No service lists colleagues yet: names of authors and handover partners come from
        # the user records (names only).
        self._names = self.session.user_names()
        plan = self.dossier.plans[0] if self.dossier.plans else None
        self._panels = self.session.plans.drieluik(plan["id"]) if plan else []
        self._render()

    def _render(self) -> None:
        self._tab_titles()
        d = self.dossier
        if d is None:
            return
        today = self.session.today()
        self.overview.show_dossier(d, today)
        self.timeline_tab.set_rows([self._timeline_row(item) for item in self.timeline])
        self.cases_tab.show_dossier(d)
        plan = d.plans[0] if d.plans else None
        editable = self.session.can(Permission.EDIT_PLAN)
        self.plan_tab.show_plan(plan, self._panels, editable=editable)
        self.plan_tab.retranslate(editable=editable)
        self.visits_tab.set_rows(
            [
                Row(
                    v["id"],
                    (
                        format_moment(v.get("gepland_op")),
                        v.get("doel") or "",
                        _label(HUISBEZOEK_STATUS, v.get("status")),
                        format_moment(v.get("uitgevoerd_op")),
                    ),
                    sort_keys=(v.get("gepland_op") or "", None, None, v.get("uitgevoerd_op")),
                )
                for v in d.visits
            ]
        )
        self.handovers_tab.show_dossier(d, self._names)
        if self.fines_tab is not None:
            # the service leaves fines out (None) for a role that may not see them
            self.tabs.setTabVisible(self.tabs.indexOf(self.fines_tab), d.fines is not None)
            self.fines_tab.set_rows(
                [
                    Row(
                        f["id"],
                        (
                            f.get("overtreding") or "",
                            format_day(f.get("overtreding_op")),
                            _label(VERWIJTBAARHEID, f.get("verwijtbaarheid")),
                            _money(f.get("benadelingsbedrag_cent")),
                            _label(BOETE_STATUS, f.get("status")),
                            format_moment(f.get("gesprek_op")),
                        ),
                        sort_keys=(
                            None,
                            f.get("overtreding_op") or "",
                            None,
                            f.get("benadelingsbedrag_cent"),
                            None,
                            f.get("gesprek_op") or "",
                        ),
                    )
                    for f in d.fines or []
                ]
            )
        self.notes_tab.show_dossier(d, self._names)
        self._update_documents()

    def _timeline_row(self, item: TimelineItem) -> Row:
        return Row(
            f"{item.kind}:{item.record_id}",
            (format_moment(item.at), _label(KINDS, item.kind), self._describe(item)),
            sort_keys=(item.at, None, None),
        )

    def _describe(self, item: TimelineItem) -> str:
        d = self.dossier
        if d is None:
            return item.title
        if item.kind == "notitie":
            note = next((n for n in d.notes if n["id"] == item.record_id), None)
            area = _label(LEEFGEBIEDEN, note.get("leefgebied")) if note else ""
            text = (note.get("text") if note else None) or item.title
            return f"{area}: {text}" if area else text
        if item.kind == "casus":
            return _("Case opened: {title}", title=item.title)
        if item.kind == "besluit":
            decision = next((x for x in d.decisions if x["id"] == item.record_id), None)
            if decision is None:
                return item.title
            return _(
                "{outcome} (version {version}, {status})",
                outcome=_label(UITKOMSTEN, decision.get("uitkomst")),
                version=decision.get("versie") or "",
                status=_label(BESLUIT_STATUS, decision.get("status")),
            )
        if item.kind == "huisbezoek":
            visit = next((v for v in d.visits if v["id"] == item.record_id), None)
            status = _label(HUISBEZOEK_STATUS, visit.get("status")) if visit else ""
            return f"{item.title} ({status})" if item.title else status
        if item.kind == "overdracht":
            handover = next((h for h in d.handovers if h["id"] == item.record_id), None)
            if handover is None:
                return item.title
            return _(
                "To {name}: {status}",
                name=self._names.get(handover.get("naar_id") or "", "…"),
                status=_label(OVERDRACHT_STATUS, handover.get("status")),
            )
        return item.title

    def _update_documents(self) -> None:
        """The export buttons: enabled when their list has something to export."""
        d = self.dossier
        idle = not self.documents.busy
        self.overview.inzage_button.setEnabled(idle and d is not None)
        self.cases_tab.casus_button.setEnabled(idle and bool(d and d.cases))
        self.visit_pdf_button.setEnabled(idle and bool(d and d.visits))
        self.handovers_tab.pdf_button.setEnabled(idle and bool(d and d.handovers))

    def _after_write(self, status: str) -> None:
        self._refresh_now()
        self.nav.data_changed(self)
        self.nav.show_status(status)

    # ------------------------------------------------------------------ opening
    @Slot(int)
    def _open_case_row(self, row: int) -> None:
        key = self.cases_tab.cases_model.key(row)
        if key:
            self.nav.open_case(key)

    @Slot(int)
    def _open_decision_row(self, row: int) -> None:
        found = self.cases_tab.decisions_model.row(row)
        if found is not None and found.extra.get("casus_id"):
            self.nav.open_case(found.extra["casus_id"])

    @Slot(int)
    def _open_visit_row(self, row: int) -> None:
        key = self.visits_tab.model.key(row)
        if key:
            self.nav.open_visit(key)

    @Slot(int)
    def _open_fine_row(self, row: int) -> None:
        if self.fines_tab is not None and (key := self.fines_tab.model.key(row)):
            self.nav.open_fine(key)

    @Slot(int)
    def _open_timeline_row(self, row: int) -> None:
        key = self.timeline_tab.model.key(row)
        if not key or self.dossier is None:
            return
        kind, record_id = key.split(":", 1)
        if kind == "casus":
            self.nav.open_case(record_id)
        elif kind == "besluit":
            decision = next((x for x in self.dossier.decisions if x["id"] == record_id), None)
            if decision is not None:
                self.nav.open_case(decision["casus_id"])
        elif kind == "huisbezoek":
            self.nav.open_visit(record_id)
        elif kind == "boete":
            self.nav.open_fine(record_id)
        elif kind == "notitie":
            self._select(self.notes_tab, record_id)
        elif kind == "overdracht":
            self._select(self.handovers_tab, record_id)

    def _select(self, tab: ListTab, record_id: str) -> None:
        self.tabs.setCurrentWidget(tab)
        row = tab.model.row_of(record_id)
        if row >= 0:
            tab.view.setCurrentIndex(tab.model.index(row, 0))
        tab.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def tab_titles(self) -> list[str]:
        """The titles of the tabs the user can see."""
        return [self.tabs.tabText(i) for i in range(self.tabs.count()) if self.tabs.isTabVisible(i)]

    # ------------------------------------------------------------------ writing
    def _keep(self, dialog: QDialog) -> None:
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_a, d=dialog: self._forget(d))

    def _forget(self, dialog: QObject) -> None:
        self._dialogs = [d for d in self._dialogs if d is not dialog]
        for name in ("case_dialog", "handover_dialog", "visit_dialog", "history_dialog"):
            if getattr(self, name) is dialog:
                setattr(self, name, None)

    @Slot()
    def focus_note(self) -> None:
        self.tabs.setCurrentWidget(self.notes_tab)
        self.notes_tab.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _save_shortcut(self) -> None:
        if self.notes_tab.note_edit.hasFocus() or self.tabs.currentWidget() is self.notes_tab:
            self.save_note()

    @Slot()
    def save_note(self) -> None:
        text = self.notes_tab.note_edit.toPlainText()
        if not text.strip():
            self.notes_tab.show_error(_("Write the note first."))
            self.notes_tab.note_edit.setFocus()
            return
        try:
            self.session.residents.write_note(
                self.inwoner_id, text, leefgebied=self.notes_tab.leefgebied()
            )
        except WerkpleinError as exc:
            self.notes_tab.show_error(error_text(exc))
            return
        self.notes_tab.show_error("")
        self.notes_tab.note_edit.clear()
        self._after_write(_("Note saved."))
        self.notes_tab.note_edit.setFocus()

    @Slot()
    def ask_new_case(self) -> None:
        if not self.session.can(Permission.EDIT_CASE) or self.case_dialog is not None:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("newCaseDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(_("New case"))
        dialog.setLabelText(_("What is the case about? A short title, e.g. “Bicycle for school”:"))
        dialog.setOkButtonText(_("Open case"))
        dialog.setCancelButtonText(_("Cancel"))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.textValueSelected.connect(self.open_new_case)
        self.case_dialog = dialog
        self._keep(dialog)
        dialog.open()

    @Slot(str)
    def open_new_case(self, title: str) -> None:
        try:
            casus_id = self.session.cases.open(self.inwoner_id, title)
        except WerkpleinError as exc:
            self.nav.show_error(exc)
            return
        self._after_write(_("Case opened."))
        self.nav.open_case(casus_id)

    @Slot()
    def ask_plan_visit(self) -> None:
        if not self.session.can(Permission.PLAN_VISIT) or self.visit_dialog is not None:
            return
        dialog = PlanVisitDialog(self.session, self.inwoner_id, self)
        dialog.planned.connect(lambda _id: self._after_write(_("Home visit planned.")))
        self.visit_dialog = dialog
        self._keep(dialog)
        self.tabs.setCurrentWidget(self.visits_tab)
        dialog.open()

    @Slot()
    def compose_handover(self) -> None:
        if not self.session.can(Permission.SEND_HANDOVER) or self.handover_dialog is not None:
            return
        dialog = HandoverDialog(self.session, self.inwoner_id, parent=self)
        dialog.sent.connect(lambda _id: self._after_write(_("Handover sent.")))
        self.handover_dialog = dialog
        self._keep(dialog)
        self.tabs.setCurrentWidget(self.handovers_tab)
        dialog.open()

    @Slot()
    def show_history(self) -> None:
        if self.history_dialog is not None:
            self.history_dialog.raise_()
            return
        dialog = HistoryDialog(self.session, "inwoner", self.inwoner_id, parent=self)
        self.history_dialog = dialog
        self._keep(dialog)
        dialog.open()

    @Slot()
    def create_plan(self) -> None:
        try:
            self.session.plans.create(self.inwoner_id)
        except WerkpleinError as exc:
            self.plan_tab.show_error(exc)
            return
        self.plan_tab.show_error(None)
        self._after_write(_("Toekomstplan made."))
        self.plan_tab.view.setFocus()
        self.plan_tab.view.setCurrentIndex(self.plan_tab.model.index(0, 0))

    def _save_plan_cell(self, leefgebied: str, name: str, text: str) -> bool:
        plan_id = self.plan_tab.plan_id
        if plan_id is None:
            return False
        try:
            self.session.plans.set_row(plan_id, leefgebied, **{name: text})
        except WerkpleinError as exc:
            self.plan_tab.show_error(exc)
            return False
        self.plan_tab.show_error(None)
        # Reload after the editor has closed, not while the view is still committing.
        QTimer.singleShot(0, self._after_plan_write)
        return True

    @Slot()
    def _after_plan_write(self) -> None:
        if self.dossier is None:
            return
        focus = self.plan_tab.view.hasFocus()
        self._after_write(_("Toekomstplan saved."))
        if focus:
            self.plan_tab.view.setFocus()

    # ------------------------------------------------------------------ documents
    def _chosen(self, tab: QWidget, view: RecordView, model: RowsModel, hint: str) -> str | None:
        """The record chosen in a list; without one, say so and put the focus on the list."""
        index = view.currentIndex()
        key = model.key(index.row()) if index.isValid() else None
        if key is None:
            self.tabs.setCurrentWidget(tab)
            view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.nav.show_status(hint)
        return key

    @Slot()
    def export_inzage(self) -> None:
        """AVG art. 15: everything stored about this resident, with who viewed it."""
        if self.dossier is None or not self.session.can(Permission.EXPORT_INZAGE):
            return
        bsn = str(self.dossier.resident.get("bsn") or "")
        self.documents.save(
            _("Save the inzage"),
            file_name(self.session, "inzage"),
            lambda s, out, share: s.exports.inzage(bsn, out, into_share=share),
        )

    @Slot()
    def export_casus(self) -> None:
        """The chosen case without anything identifying, for the casusoverleg."""
        tab = self.cases_tab
        casus_id = self._chosen(
            tab, tab.cases_view, tab.cases_model, _("Choose a case in the list first.")
        )
        if casus_id is None:
            return
        self.documents.save(
            _("Save the anonymous case"),
            file_name(self.session, "casus"),
            lambda s, out, share: s.exports.casus(casus_id, out, anonymous=True, into_share=share),
        )

    @Slot()
    def export_visit(self) -> None:
        tab = self.visits_tab
        visit_id = self._chosen(
            tab, tab.view, tab.model, _("Choose a home visit in the list first.")
        )
        if visit_id is None or self.dossier is None:
            return
        visit = next((v for v in self.dossier.visits if v["id"] == visit_id), {})
        when = visit.get("uitgevoerd_op") or visit.get("gepland_op")
        self.documents.save(
            _("Save the home visit report"),
            file_name(self.session, "visit", when),
            lambda s, out, share: s.exports.visit(visit_id, out, into_share=share),
        )

    @Slot()
    def export_handover(self) -> None:
        tab = self.handovers_tab
        handover_id = self._chosen(
            tab, tab.view, tab.model, _("Choose a handover in the list first.")
        )
        if handover_id is None or self.dossier is None:
            return
        handover = next((h for h in self.dossier.handovers if h["id"] == handover_id), {})
        self.documents.save(
            _("Save the handover summary"),
            file_name(self.session, "handover", handover.get("verzonden_op")),
            lambda s, out, share: s.exports.handover(handover_id, out, into_share=share),
        )

    # ------------------------------------------------------------------ lock
    def release(self) -> None:
        for dialog in list(self._dialogs):
            if isinstance(dialog, HandoverDialog):
                dialog.clear()
            dialog.close()
        self._dialogs = []
        self.dossier = None
        self.timeline = []
        self._panels = []
        self._names = {}
        self.overview.release()
        self.timeline_tab.release()
        self.cases_tab.release()
        self.plan_tab.release()
        self.visits_tab.release()
        self.handovers_tab.release()
        if self.fines_tab is not None:
            self.fines_tab.release()
        self.notes_tab.release()

    def models(self) -> list[QAbstractTableModel]:
        """Every model of the page (tests check that a lock empties them all)."""
        models: list[QAbstractTableModel] = [
            self.overview.household_model,
            self.timeline_tab.model,
            self.cases_tab.cases_model,
            self.cases_tab.decisions_model,
            self.plan_tab.model,
            self.visits_tab.model,
            self.handovers_tab.model,
            self.notes_tab.model,
        ]
        if self.fines_tab is not None:
            models.append(self.fines_tab.model)
        return models
