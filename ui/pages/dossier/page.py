"""The dossier page: the tabs of one resident (see the package text)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QAbstractTableModel,
    QObject,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import error_text

# Values the store keeps in Dutch words; shown in the active language.
from ui.dialogs.erase import EraseDialog
from ui.dialogs.keep_until import KeepUntilDialog
from ui.dialogs.plan_visit import PlanVisitDialog
from ui.export import DocumentExport, file_name
from ui.format import format_day, format_moment
from ui.pages.base import Navigator, Page
from ui.pages.dossier.cases import CasesTab
from ui.pages.dossier.common import KINDS, ListTab, _focus_first, _label, _money
from ui.pages.dossier.handovers import HandoversTab
from ui.pages.dossier.notes import NotesTab
from ui.pages.dossier.overview import OverviewTab
from ui.pages.dossier.plan import PlanTab
from ui.pages.handover_dialog import HandoverDialog
from ui.shortcuts import key as shortcut
from ui.widgets import RecordView, Row, RowsModel
from ui.widgets.history import HistoryDialog
from werkplein.domain.records import display_name
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import (
    BESLUIT_STATUS,
    BOETE_STATUS,
    HUISBEZOEK_STATUS,
    LEEFGEBIEDEN,
    OVERDRACHT_STATUS,
    UITKOMSTEN,
    VERWIJTBAARHEID,
)
from werkplein.errors import WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.plans import PlanPanel
from werkplein.services.residents import Dossier, TimelineItem
from werkplein.services.session import Session


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
        self.overview.keep_button.clicked.connect(self.keep_longer)
        self.overview.erase_button.clicked.connect(self.erase_on_request)
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

    def keep_longer(self) -> KeepUntilDialog:
        """The teamleider keeps the dossier beyond its destruction date."""
        dialog = KeepUntilDialog(self.session, self.inwoner_id, self)
        dialog.accepted.connect(self._kept)
        dialog.open()
        return dialog

    def erase_on_request(self) -> EraseDialog:
        """The teamleider erases the resident on their request (a duty to keep refuses it)."""
        dialog = EraseDialog(self.session, self.inwoner_id, self)
        dialog.accepted.connect(self._erased)
        dialog.open()
        dialog.check()  # a refusal shows at once, before a reason is typed
        return dialog

    def _erased(self) -> None:
        self.nav.data_changed(self)
        self.nav.go("residents")
        self.nav.show_status(
            _(
                "The resident is erased from this laptop; on a werkplein, every laptop erases "
                "them at its next sync."
            )
        )

    def _kept(self) -> None:
        self.nav.data_changed(self)
        self.refresh()
        self.nav.show_status(_("The retention of the dossier is changed."))

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
        self.overview.show_dossier(
            d,
            today,
            self.session.retention.of(self.inwoner_id),
            may_keep=self.session.can(Permission.DESTROY_DOSSIERS),
        )
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
