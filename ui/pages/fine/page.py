"""Boete: the workspace of the boete-ambtenaar for one fine.

The breach, the weighing (benadelingsbedrag, verwijtbaarheid, draagkracht, dringende redenen),
the proposed fine computed in the open from the team's policy, the reconsideration notes and
the confrontatiegesprek (agenda, date, outcome). The klantmanager may read it; a completed fine
is read-only for everyone; a werkcoach never sees fine data (the service refuses it).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from babel.dates import format_date, format_datetime
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import error_text, mute
from ui.dialogs.confirm import confirm
from ui.drafts import DraftKeeper
from ui.export import DocumentExport, file_name
from ui.format import format_money, scaled_font
from ui.pages.base import Navigator, Page
from ui.pages.fine.calculation import CalculationPanel
from ui.pages.fine.common import (
    PANEL_MAX_WIDTH,
    WIDE,
    Heading,
    label_for,
    local_to_stamp,
    money_width,
    optional_money,
    stamp_to_local,
)
from ui.pages.fine.talk import TalkSection
from ui.shortcuts import key as shortcut
from ui.widgets import ErrorLabel
from ui.widgets.money import MoneyEdit
from werkplein import i18n
from werkplein.domain.boete import BoeteBeleid
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import BOETE_STATUS, VERWIJTBAARHEID
from werkplein.errors import NotAllowed, ValidationFailed, WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session
from werkplein.services.types import Changes, Record


# ---------------------------------------------------------------------- the page
class FinePage(Page):
    key = "fine"
    shows = frozenset({"boete", "boete_notitie", "inwoner", "gebruiker", "instelling"})

    def __init__(
        self, session: Session, nav: Navigator, parent: QWidget | None = None, ident: str = ""
    ) -> None:
        super().__init__(session, nav, parent)
        self.ident = ident
        self.boete_id = ident
        self.fine: Record | None = None
        self._notes_cache: list[Record] = []
        self._resident_name = ""
        self._beleid = BoeteBeleid()
        self._loading = False
        self._dirty = False
        self.editable = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("fineMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setContentsMargins(32, 24, 32, 24)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message_label.hide()
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the fields
        self.body = QWidget(self.scroll_area)
        self.body.setObjectName("fineBody")
        self.body.setMaximumWidth(PANEL_MAX_WIDTH)
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.message_label)
        outer.addWidget(self.scroll_area, 1)

        column = QVBoxLayout(self.body)
        column.setContentsMargins(32, 16, 32, 32)
        column.setSpacing(10)
        self._build_header(column)
        self._build_weighing(column)
        self._build_reconsideration(column)
        column.addSpacing(12)
        self.talk = TalkSection(self.session.today, self.session.clock.now, self.body)
        self.talk.pdf_button.clicked.connect(self.export_talk)
        self.talk.plan_button.clicked.connect(self.plan_talk)
        self.talk.outcome_button.clicked.connect(self.record_outcome)
        self.documents = DocumentExport(self, self.session, self.nav)
        self.documents.busy_changed.connect(self.talk.pdf_button.setDisabled)
        column.addWidget(self.talk)
        column.addStretch(1)
        self._set_tab_order()

        # what is typed and not saved is kept as it is typed (ui/drafts.py)
        self.drafts = DraftKeeper(self, session, self._draft_values, self._restore_draft)
        self.new_note_edit.textChanged.connect(self.drafts.changed)
        for signal in self.talk.edit_signals():
            signal.connect(self.drafts.changed)
        self.save_action = QAction(self)
        self.save_action.setShortcut(shortcut("save"))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # while shown
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        self.retranslate()

    # ------------------------------------------------------------------ building
    def _build_header(self, column: QVBoxLayout) -> None:
        top = QHBoxLayout()
        self.status_label = QLabel(self.body)
        self.status_label.setObjectName("fineStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setFont(scaled_font(self.font(), 1.05, QFont.Weight.DemiBold))
        self.dossier_button = QPushButton(self.body)
        self.dossier_button.clicked.connect(self._open_dossier)
        self.take_over_button = QPushButton(self.body)
        self.take_over_button.setObjectName("takeOverFine")
        self.take_over_button.setVisible(False)
        self.take_over_button.clicked.connect(self.take_over)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.take_over_button)
        top.addWidget(self.dossier_button)
        column.addLayout(top)
        self.readonly_label = QLabel(self.body)
        self.readonly_label.setObjectName("readOnlyNote")
        self.readonly_label.setWordWrap(True)
        self.readonly_label.setTextFormat(Qt.TextFormat.PlainText)
        self.readonly_label.setStyleSheet(
            "QLabel#readOnlyNote { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 6px; padding: 8px 12px; }"
        )
        self.readonly_label.hide()
        column.addWidget(self.readonly_label)

        self.breach_heading = Heading(self.body)
        column.addSpacing(8)
        column.addWidget(self.breach_heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.overtreding_edit = QLineEdit(self.body)
        self.overtreding_edit.setObjectName("overtreding")
        self.overtreding_label = label_for(QLabel(self.body), self.overtreding_edit)
        self.breach_date_label = QLabel(self.body)
        self.breach_date_label.setObjectName("breachDate")
        self.breach_date_caption = QLabel(self.body)
        form.addRow(self.overtreding_label, self.overtreding_edit)
        form.addRow(self.breach_date_caption, self.breach_date_label)
        column.addLayout(form)
        self.overtreding_edit.textEdited.connect(self._on_form_changed)

    def _build_weighing(self, column: QVBoxLayout) -> None:
        self.weighing_heading = Heading(self.body)
        column.addSpacing(8)
        column.addWidget(self.weighing_heading)
        self.weighing_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.weighing_row.setSpacing(24)
        left = QWidget(self.body)
        form = QFormLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.benadeling_edit = MoneyEdit(left)
        self.benadeling_edit.setObjectName("benadelingsbedrag")
        self.benadeling_label = label_for(QLabel(left), self.benadeling_edit)
        self.verwijtbaarheid_combo = QComboBox(left)
        self.verwijtbaarheid_combo.setObjectName("verwijtbaarheid")
        for code in VERWIJTBAARHEID:
            self.verwijtbaarheid_combo.addItem("", code)
        self.verwijtbaarheid_label = label_for(QLabel(left), self.verwijtbaarheid_combo)
        self.draagkracht_edit = MoneyEdit(left)
        self.draagkracht_edit.setObjectName("draagkracht")
        self.draagkracht_label = label_for(QLabel(left), self.draagkracht_edit)
        self.toelichting_edit = QPlainTextEdit(left)
        self.toelichting_edit.setObjectName("draagkrachtToelichting")
        self.toelichting_edit.setTabChangesFocus(True)
        self.toelichting_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.toelichting_label = label_for(QLabel(left), self.toelichting_edit)
        self.redenen_edit = QPlainTextEdit(left)
        self.redenen_edit.setObjectName("dringendeRedenen")
        self.redenen_edit.setTabChangesFocus(True)
        self.redenen_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.redenen_label = label_for(QLabel(left), self.redenen_edit)
        self.afzien_check = QCheckBox(left)
        self.afzien_check.setObjectName("afzien")
        form.addRow(self.benadeling_label, self.benadeling_edit)
        form.addRow(self.verwijtbaarheid_label, self.verwijtbaarheid_combo)
        form.addRow(self.draagkracht_label, self.draagkracht_edit)
        form.addRow(self.toelichting_label, self.toelichting_edit)
        form.addRow(self.redenen_label, self.redenen_edit)
        form.addRow("", self.afzien_check)
        self.weigh_error = ErrorLabel(left)
        self.weigh_error.setObjectName("weighError")
        form.addRow(self.weigh_error)
        buttons = QHBoxLayout()
        self.dirty_label = QLabel(left)
        mute(self.dirty_label)
        self.save_button = QPushButton(left)
        self.save_button.setObjectName("saveFine")
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.dirty_label, 1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)

        self.calculation = CalculationPanel(self.body)
        self.weighing_row.addWidget(left, 3)
        self.weighing_row.addWidget(self.calculation, 2)
        column.addLayout(self.weighing_row)

        for edit in (self.benadeling_edit, self.draagkracht_edit):
            money_width(edit)
            edit.textEdited.connect(self._on_form_changed)
        self.verwijtbaarheid_combo.currentIndexChanged.connect(self._on_form_changed)
        self.toelichting_edit.textChanged.connect(self._on_form_changed)
        self.redenen_edit.textChanged.connect(self._on_form_changed)
        self.afzien_check.toggled.connect(self._on_form_changed)

    def _build_reconsideration(self, column: QVBoxLayout) -> None:
        self.notes_heading = Heading(self.body)
        column.addSpacing(12)
        column.addWidget(self.notes_heading)
        self.notes_intro = QLabel(self.body)
        self.notes_intro.setWordWrap(True)
        mute(self.notes_intro)
        column.addWidget(self.notes_intro)
        self.notes_model = QStandardItemModel(self)
        self.notes_view = QListView(self.body)
        self.notes_view.setObjectName("reconsiderations")
        self.notes_view.setModel(self.notes_model)
        self.notes_view.setWordWrap(True)
        self.notes_view.setAlternatingRowColors(True)
        self.notes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notes_view.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.notes_view.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        self.notes_view.setSpacing(2)
        column.addWidget(self.notes_view)
        self.new_note_edit = QPlainTextEdit(self.body)
        self.new_note_edit.setObjectName("newReconsideration")
        self.new_note_edit.setTabChangesFocus(True)
        self.new_note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.new_note_label = label_for(QLabel(self.body), self.new_note_edit)
        column.addWidget(self.new_note_label)
        column.addWidget(self.new_note_edit)
        self.note_error = ErrorLabel(self.body)
        column.addWidget(self.note_error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add_note_button = QPushButton(self.body)
        self.add_note_button.setObjectName("addReconsideration")
        self.add_note_button.clicked.connect(self.add_note)
        row.addWidget(self.add_note_button)
        column.addLayout(row)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.dossier_button,
            self.overtreding_edit,
            self.benadeling_edit,
            self.verwijtbaarheid_combo,
            self.draagkracht_edit,
            self.toelichting_edit,
            self.redenen_edit,
            self.afzien_check,
            self.save_button,
            self.calculation,
            self.notes_view,
            self.new_note_edit,
            self.add_note_button,
            *self.talk.focus_chain(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event: Any) -> None:
        wide = self.width() >= WIDE
        self.weighing_row.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    # ------------------------------------------------------------------ texts
    def title(self) -> str:
        if self._resident_name:
            return _("Fine — {name}", name=self._resident_name)
        return _("Fine")

    def retranslate(self) -> None:
        self.take_over_button.setText(_("&Take over this fine"))
        self.take_over_button.setAccessibleName(_("Handle this fine yourself from now on"))
        self.dossier_button.setText(_("Open dossier"))
        self.dossier_button.setAccessibleName(_("Open the resident's dossier"))
        self.breach_heading.setText(_("Breach"))
        self.overtreding_label.setText(_("Breac&h:"))
        self.overtreding_edit.setAccessibleName(_("Breach"))
        self.breach_date_caption.setText(_("Date of the breach:"))
        self.weighing_heading.setText(_("Weighing"))
        self.benadeling_label.setText(_("&Benadelingsbedrag:"))
        self.benadeling_edit.setAccessibleName(_("Benadelingsbedrag"))
        self.verwijtbaarheid_label.setText(_("&Verwijtbaarheid:"))
        self.verwijtbaarheid_combo.setAccessibleName(_("Verwijtbaarheid"))
        for index, code in enumerate(VERWIJTBAARHEID):
            self.verwijtbaarheid_combo.setItemText(index, _(VERWIJTBAARHEID[code]))
        self.draagkracht_label.setText(_("&Draagkracht per month:"))
        self.draagkracht_edit.setAccessibleName(_("Draagkracht per month"))
        self.toelichting_label.setText(_("E&xplanation of the draagkracht:"))
        self.toelichting_edit.setAccessibleName(_("Explanation of the draagkracht"))
        self.redenen_label.setText(_("D&ringende redenen:"))
        self.redenen_edit.setAccessibleName(_("Dringende redenen"))
        self.afzien_check.setText(_("&Waive the fine for urgent reasons"))
        self.afzien_check.setAccessibleName(_("Waive the fine for urgent reasons"))
        self.save_button.setText(_("&Save the weighing"))
        self.save_button.setAccessibleName(_("Save the weighing"))
        self.save_button.setToolTip(shortcut("save").toString())
        self.calculation.heading.setText(_("Proposed fine"))
        self.notes_heading.setText(_("Reconsideration"))
        self.notes_intro.setText(
            _(
                "Notes on reconsidering the fine, in order. A note cannot be changed or "
                "removed afterwards."
            )
        )
        self.notes_view.setAccessibleName(_("Reconsideration notes"))
        self.new_note_label.setText(_("New n&ote:"))
        self.new_note_edit.setAccessibleName(_("New reconsideration note"))
        self.add_note_button.setText(_("&Add note"))
        self.add_note_button.setAccessibleName(_("Add the reconsideration note"))
        self.talk.retranslate()
        if self.fine is None:
            return
        if not self._dirty:
            self._show_fine(self.fine, self._notes_cache)
            return
        # keep what was typed; re-set only the texts that come from the record
        self._loading = True
        try:
            for edit in (self.benadeling_edit, self.draagkracht_edit):
                cents = edit.cents()
                if cents is not None:
                    edit.set_cents(cents)
            self.talk.keep_typed_amount()
        finally:
            self._loading = False
        self._show_record_texts(self.fine, self._notes_cache)
        self._apply_editable()
        self._update_proposal()
        self._update_dirty()

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        opening = self.fine is None
        try:
            fine = self.session.fines.get(self.boete_id)
        except NotAllowed as exc:
            self._show_refusal(exc)
            return
        notes = self.session.fines.reconsiderations(self.boete_id)
        names = self.session.residents.names([fine["inwoner_id"]])
        self._resident_name = names.get(fine["inwoner_id"], "")
        self._beleid = self.session.policy.boete_beleid()
        self.fine = fine
        self._notes_cache = notes
        self._show_fine(fine, notes)
        if opening and self.editable:
            note = self.drafts.attach(f"boete:{self.boete_id}")
            if note is not None:
                self.nav.show_status(note)

    def _show_refusal(self, exc: WerkpleinError) -> None:
        self.fine = None
        self._resident_name = ""
        self.scroll_area.hide()
        self.message_label.setText("⚠ " + error_text(exc))
        self.message_label.setAccessibleName(self.message_label.text())
        self.message_label.show()

    def _show_fine(self, fine: Record, notes: list[Record]) -> None:
        self._loading = True
        try:
            self._show_record_texts(fine, notes)
            self.overtreding_edit.setText(fine.get("overtreding") or "")
            self.benadeling_edit.setText(format_money(fine.get("benadelingsbedrag_cent")))
            index = self.verwijtbaarheid_combo.findData(fine.get("verwijtbaarheid") or "normaal")
            self.verwijtbaarheid_combo.setCurrentIndex(max(index, 0))
            self.draagkracht_edit.setText(format_money(fine.get("draagkracht_cent")))
            self.toelichting_edit.setPlainText(fine.get("draagkracht_toelichting") or "")
            self.redenen_edit.setPlainText(fine.get("dringende_redenen") or "")
            self.afzien_check.setChecked(bool(fine.get("afzien")))
            self.talk.show_fields(fine)
            klantmanagers = sorted(
                (
                    (str(c["id"]), str(c["name"]))
                    for c in self.session.colleagues().values()
                    if c.get("role") == "klantmanager" and c.get("active", True)
                ),
                key=lambda person: person[1],
            )
            self.talk.set_klantmanagers(klantmanagers, fine.get("gesprek_klantmanager_id"))
            self._apply_editable()
            self._dirty = False
            self._update_proposal()
            self._update_dirty()
            for label in (self.weigh_error, self.note_error):
                label.clear_error()
            self.message_label.hide()
            self.scroll_area.show()
        finally:
            self._loading = False

    def _show_record_texts(self, fine: Record, notes: list[Record]) -> None:
        """Everything shown from the record that is not an input: status, dates, notes."""
        locale = i18n.locale_name()
        status = fine.get("status") or "voorbereiding"
        can_edit = self.session.can(Permission.EDIT_BOETE)
        self.editable = can_edit and status != "afgerond"
        handler_id = fine.get("behandelaar_id")
        handler = self._user_name(handler_id) if handler_id else _("nobody")
        self.status_label.setText(
            _(
                "Status: {status} · handled by {name}",
                status=_(BOETE_STATUS.get(status, status)),
                name=handler,
            )
        )
        self.take_over_button.setVisible(
            can_edit and status != "afgerond" and handler_id != self.session.user.id
        )
        if status == "afgerond":
            self.readonly_label.setText(_("This fine has been completed and cannot be changed."))
        elif not can_edit:
            self.readonly_label.setText(
                _(
                    "You can read this fine. Only the boete-ambtenaar or the teamleider "
                    "can change it."
                )
            )
        self.readonly_label.setVisible(not self.editable)
        breach_on = fine.get("overtreding_op")
        self.breach_date_label.setText(
            format_date(dt.date.fromisoformat(breach_on[:10]), "long", locale=locale)
            if breach_on
            else _("not recorded")
        )
        self.notes_model.clear()
        for note in notes:
            item = QStandardItem(self._note_text(note))
            item.setEditable(False)
            self.notes_model.appendRow(item)
        if not notes:
            empty = QStandardItem(_("No reconsideration notes yet."))
            empty.setEditable(False)
            empty.setSelectable(False)
            self.notes_model.appendRow(empty)
        self.talk.show_texts(fine, self.editable)

    def _note_text(self, note: Record) -> str:
        when = ""
        if note.get("written_at"):
            when = format_datetime(
                stamp_to_local(note["written_at"]), "d MMM yyyy HH:mm", locale=i18n.locale_name()
            )
        author = self._user_name(note.get("author_id"))
        return f"{when} · {author}\n{note.get('text', '')}"

    def _user_name(self, user_id: str | None) -> str:
        if not user_id:
            return "?"
        if user_id == self.session.user.id:
            return self.session.user.name
        return self.session.user_names().get(user_id, "?")

    def _apply_editable(self) -> None:
        editable = self.editable
        for edit in (
            self.overtreding_edit,
            self.benadeling_edit,
            self.draagkracht_edit,
        ):
            edit.setReadOnly(not editable)
        for text in (self.toelichting_edit, self.redenen_edit):
            text.setReadOnly(not editable)
        self.redenen_edit.setPlaceholderText(
            _("For example: the fine would wreck a running work trajectory.") if editable else ""
        )
        self.benadeling_edit.setPlaceholderText(
            _("e.g. 1.234,50; empty if there is none") if editable else ""
        )
        self.draagkracht_edit.setPlaceholderText(_("e.g. 250,00") if editable else "")
        self.verwijtbaarheid_combo.setEnabled(editable)
        self.afzien_check.setEnabled(editable)
        actions: list[QWidget] = [
            self.save_button,
            self.dirty_label,
            self.new_note_label,
            self.new_note_edit,
            self.add_note_button,
        ]
        for widget in actions:
            widget.setVisible(editable)
        self.save_action.setEnabled(editable)
        finished = bool(self.fine and self.fine.get("status") == "afgerond")
        self.talk.apply_editable(editable, finished)

    # ------------------------------------------------------------------ the form
    def _form_values(self) -> dict[str, Any]:
        """The weighing as typed; raises ValidationFailed for an amount that is not one."""
        values: dict[str, Any] = {
            "overtreding": self.overtreding_edit.text().strip(),
            "verwijtbaarheid": self.verwijtbaarheid_combo.currentData(),
            "draagkracht_toelichting": self.toelichting_edit.toPlainText().strip() or None,
            "dringende_redenen": self.redenen_edit.toPlainText().strip() or None,
            "afzien": self.afzien_check.isChecked(),
        }
        for key, edit, caption in (
            ("benadelingsbedrag_cent", self.benadeling_edit, _("benadelingsbedrag")),
            ("draagkracht_cent", self.draagkracht_edit, _("draagkracht")),
        ):
            try:
                values[key] = optional_money(edit.text())
            except ValueError:
                raise ValidationFailed(
                    field=caption, problem=_("enter an amount such as 1.234,50")
                ) from None
        if not values["overtreding"]:
            raise ValidationFailed(field=_("breach"), problem=_("is required"))
        return values

    @Slot()
    def _on_form_changed(self) -> None:
        if self._loading or self.fine is None:
            return
        self._dirty = True
        self._update_dirty()
        self._update_proposal()
        self.drafts.changed()

    def _update_dirty(self) -> None:
        self.dirty_label.setText(_("Unsaved changes") if self._dirty else "")

    def _update_proposal(self) -> None:
        if self.fine is None:
            return
        try:
            values = self._form_values()
        except ValidationFailed:
            values = {}
        merged = {**self.fine, **values}
        voorstel = self.session.fines.proposal(merged)
        self.calculation.show_proposal(
            voorstel,
            self._beleid,
            merged.get("verwijtbaarheid") or "normaal",
            has_benadeling=bool(merged.get("benadelingsbedrag_cent")),
            draagkracht_cent=merged.get("draagkracht_cent"),
            preview=self._dirty,
        )

    def _written(self, status: str, changes: Changes | None = None) -> None:
        """After a write: the fine as the write left it (from ``changes``, without reading it
        again), else read anew (a new note)."""
        self.nav.data_changed(self)
        if changes is not None and self.fine is not None:
            self.fine = changes.applied_to(self.fine, "boete")
            self._dirty = False
            self._show_fine(self.fine, self._notes_cache)
        else:
            self.refresh()
        self.drafts.keep_now()  # what was saved is no draft any more
        self.nav.show_status(status)

    # ------------------------------------------------------------------ actions
    @Slot()
    def save(self) -> None:
        if self.fine is None or not self.editable:
            return
        self.weigh_error.clear_error()
        try:
            values = self._form_values()
            changes = self.session.fines.update(self.boete_id, **values)
        except Exception as exc:
            self.fail(exc, self.weigh_error)
            return
        self._written(_("The weighing of the fine was saved."), changes)

    @Slot()
    def add_note(self) -> None:
        if self.fine is None or not self.editable:
            return
        self.note_error.clear_error()
        try:
            self.session.fines.add_reconsideration(self.boete_id, self.new_note_edit.toPlainText())
        except Exception as exc:
            self.fail(exc, self.note_error)
            return
        self.new_note_edit.clear()
        self._written(_("The reconsideration note was added."))

    @Slot()
    def plan_talk(self) -> None:
        if self.fine is None or not self.editable:
            return
        self.talk.error.clear_error()
        try:
            moment = self.talk.planned_moment()
            changes = self.session.fines.plan_talk(
                self.boete_id,
                local_to_stamp(moment),
                self.talk.agenda_model.stringList(),
                klantmanager_id=self.talk.klantmanager(),
            )
        except Exception as exc:
            self.fail(exc, self.talk.error)
            return
        self._written(_("The confrontatiegesprek was planned."), changes)

    @Slot()
    def record_outcome(self) -> None:
        if self.fine is None or not self.editable:
            return
        self.talk.outcome_error.clear_error()
        try:
            cents = optional_money(self.talk.final_amount_edit.text())
        except ValueError:
            cents = -1
        if cents is None or cents < 0:
            self.talk.outcome_error.show_error(
                ValidationFailed(
                    field=_("final amount"), problem=_("enter an amount such as 1.234,50")
                )
            )
            return
        if not self.talk.outcome_edit.toPlainText().strip():
            self.talk.outcome_error.show_error(
                ValidationFailed(field=_("outcome"), problem=_("is required"))
            )
            return
        if not confirm(
            self,
            _("Complete the fine"),
            _(
                "Record the outcome with a final amount of {amount}? After this the fine "
                "can no longer be changed.",
                amount=format_money(cents),
            ),
        ):
            return
        try:
            held = self.talk.held_moment()
            changes = self.session.fines.record_outcome(
                self.boete_id,
                self.talk.outcome_edit.toPlainText(),
                cents,
                gehouden_op=local_to_stamp(held) if held is not None else None,
            )
        except Exception as exc:
            self.fail(exc, self.talk.outcome_error)
            return
        self._written(_("The outcome was recorded; the fine is completed."), changes)

    @Slot()
    def take_over(self) -> None:
        """Handle this fine from now on (a colleague left or is away); asked first."""
        if self.fine is None:
            return
        handler_id = self.fine.get("behandelaar_id")
        if not confirm(
            self,
            _("Take over the fine"),
            _(
                "From now on you handle this fine instead of {name}. The history keeps who "
                "handled it before.",
                name=self._user_name(handler_id) if handler_id else _("nobody"),
            ),
            _("&Take over"),
        ):
            return
        try:
            changes = self.session.fines.take_over(self.boete_id)
        except Exception as exc:
            self.fail(exc, self.weigh_error)
            return
        self._written(_("You handle this fine from now on."), changes)

    @Slot()
    def export_talk(self) -> None:
        """The preparation sheet for the confrontatiegesprek."""
        if self.fine is None:
            return
        boete_id = self.boete_id
        self.documents.save(
            _("Save the preparation for the confrontatiegesprek"),
            file_name(self.session, "fine_talk", self.fine.get("gesprek_op")),
            lambda s, out, share: s.exports.fine_talk(boete_id, out, into_share=share),
        )

    def _open_dossier(self) -> None:
        if self.fine is not None:
            self.nav.open_dossier(self.fine["inwoner_id"])

    # ------------------------------------------------------------------ locking
    # ------------------------------------------------------------------ drafts
    def _weighing_widgets(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        return {
            "overtreding": self.overtreding_edit,
            "benadeling": self.benadeling_edit,
            "draagkracht": self.draagkracht_edit,
            "toelichting": self.toelichting_edit,
            "redenen": self.redenen_edit,
        }

    def _draft_values(self) -> dict[str, Any] | None:
        """What is typed and not saved: the weighing (as typed), a new note, the talk."""
        if self.fine is None or not self.editable:
            return None
        draft: dict[str, Any] = {}
        if self._dirty:
            draft["weighing"] = {
                **{
                    name: w.text() if isinstance(w, QLineEdit) else w.toPlainText()
                    for name, w in self._weighing_widgets().items()
                },
                "verwijtbaarheid": self.verwijtbaarheid_combo.currentData(),
                "afzien": self.afzien_check.isChecked(),
            }
        if self.new_note_edit.toPlainText().strip():
            draft["note"] = self.new_note_edit.toPlainText()
        talk = self.talk.draft_values(self.fine)
        if talk is not None:
            draft["talk"] = talk
        return draft or None

    def _restore_draft(self, draft: dict[str, Any]) -> None:
        weighing = draft.get("weighing")
        if isinstance(weighing, dict):
            self._loading = True
            try:
                for name, widget in self._weighing_widgets().items():
                    text = str(weighing.get(name) or "")
                    if isinstance(widget, QLineEdit):
                        widget.setText(text)
                    else:
                        widget.setPlainText(text)
                index = self.verwijtbaarheid_combo.findData(weighing.get("verwijtbaarheid"))
                self.verwijtbaarheid_combo.setCurrentIndex(max(index, 0))
                self.afzien_check.setChecked(bool(weighing.get("afzien")))
            finally:
                self._loading = False
            self._dirty = True
            self._update_dirty()
            self._update_proposal()
        if isinstance(draft.get("note"), str):
            self.new_note_edit.setPlainText(draft["note"])
        if isinstance(draft.get("talk"), dict):
            self.talk.restore_draft(draft["talk"])

    def release(self) -> None:
        self.drafts.release()
        self.fine = None
        self._notes_cache = []
        self._resident_name = ""
        self.notes_model.clear()
        self.talk.clear()
        for edit in (
            self.overtreding_edit,
            self.benadeling_edit,
            self.draagkracht_edit,
        ):
            edit.clear()
        for text in (
            self.toelichting_edit,
            self.redenen_edit,
            self.new_note_edit,
        ):
            text.clear()
        for label in (
            self.breach_date_label,
            self.message_label,
        ):
            label.clear()
        self.calculation.clear()
