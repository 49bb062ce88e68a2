"""The confrontatiegesprek of a fine: when, the agenda, the preparation sheet and the outcome.

The section shows and edits; the page saves (it owns the fine and its errors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from babel.dates import format_date, format_datetime
from PySide6.QtCore import QStringListModel, Qt, SignalInstance, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.format import format_money
from ui.pages.fine.common import Heading, label_for, money_width, stamp_to_local
from ui.widgets import ErrorLabel
from ui.widgets.dates import DateTimeField, Today
from ui.widgets.money import MoneyEdit
from werkplein import i18n
from werkplein.i18n import _
from werkplein.services.types import Record

AGENDA_ROWS = (7, 12)  # lines the agenda shows at least and at most


class TalkSection(QWidget):
    """Planning, agenda and outcome of the talk with the resident."""

    def __init__(self, today: Today, now: Callable[[], dt.datetime], parent: QWidget) -> None:
        super().__init__(parent)
        self._today = today
        self._now = now  # the session's clock: a talk not held yet is not prefilled as held
        self._shown: tuple[str, str] = ("", "")  # the moment and amount as the fields first showed
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.heading = Heading(self)
        column.addWidget(self.heading)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        column.addWidget(self.intro)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("talkState")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.state_label)
        self._build_planning(column)
        self._build_outcome(column)

    def _build_planning(self, column: QVBoxLayout) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.when_edit = DateTimeField(self._today, self)
        self.when_edit.setObjectName("talkWhen")
        self.when_label = label_for(QLabel(self), self.when_edit)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when_edit)
        when_row.addStretch(1)
        form.addRow(self.when_label, when_row)
        self.klantmanager_combo = QComboBox(self)
        self.klantmanager_combo.setObjectName("talkKlantmanager")
        self.klantmanager_label = label_for(QLabel(self), self.klantmanager_combo)
        form.addRow(self.klantmanager_label, self.klantmanager_combo)
        column.addLayout(form)

        self.agenda_model = QStringListModel(self)
        self.agenda_view = QListView(self)
        self.agenda_view.setObjectName("agenda")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.setWordWrap(True)
        least, most = AGENDA_ROWS
        self.agenda_view.setMinimumHeight(self.fontMetrics().lineSpacing() * least)
        self.agenda_view.setMaximumHeight(self.fontMetrics().lineSpacing() * most)
        self.agenda_label = label_for(QLabel(self), self.agenda_view)
        column.addWidget(self.agenda_label)
        agenda_row = QHBoxLayout()
        agenda_row.addWidget(self.agenda_view, 1)
        agenda_buttons = QVBoxLayout()
        self.add_item_button = QPushButton(self)
        self.add_item_button.clicked.connect(self.add_agenda_item)
        self.remove_item_button = QPushButton(self)
        self.remove_item_button.clicked.connect(self.remove_agenda_item)
        self.up_button = QPushButton(self)
        self.up_button.clicked.connect(lambda: self.move_agenda_item(-1))
        self.down_button = QPushButton(self)
        self.down_button.clicked.connect(lambda: self.move_agenda_item(1))
        for button in self.agenda_buttons():
            agenda_buttons.addWidget(button)
        agenda_buttons.addStretch(1)
        agenda_row.addLayout(agenda_buttons)
        column.addLayout(agenda_row)
        self.error = ErrorLabel(self)
        column.addWidget(self.error)
        plan_row = QHBoxLayout()
        # the boete-ambtenaar's sheet for the talk, on paper or on the laptop
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("exportTalk")
        self.pdf_button.setAutoDefault(False)
        plan_row.addWidget(self.pdf_button)
        plan_row.addStretch(1)
        self.plan_button = QPushButton(self)
        self.plan_button.setObjectName("planTalk")
        plan_row.addWidget(self.plan_button)
        column.addLayout(plan_row)

    def _build_outcome(self, column: QVBoxLayout) -> None:
        self.outcome_heading = Heading(self)
        column.addSpacing(8)
        column.addWidget(self.outcome_heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.outcome_edit = QPlainTextEdit(self)
        self.outcome_edit.setObjectName("outcome")
        self.outcome_edit.setTabChangesFocus(True)
        self.outcome_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.outcome_label = label_for(QLabel(self), self.outcome_edit)
        self.final_amount_edit = MoneyEdit(self)
        self.final_amount_edit.setObjectName("finalAmount")
        money_width(self.final_amount_edit)
        self.final_amount_label = label_for(QLabel(self), self.final_amount_edit)
        self.held_edit = DateTimeField(self._today, self, optional=True)
        self.held_edit.setObjectName("talkHeld")
        self.held_label = label_for(QLabel(self), self.held_edit)
        form.addRow(self.held_label, self.held_edit)
        form.addRow(self.outcome_label, self.outcome_edit)
        form.addRow(self.final_amount_label, self.final_amount_edit)
        column.addLayout(form)
        self.outcome_note = QLabel(self)
        self.outcome_note.setWordWrap(True)
        mute(self.outcome_note)
        column.addWidget(self.outcome_note)
        self.outcome_error = ErrorLabel(self)
        column.addWidget(self.outcome_error)
        outcome_row = QHBoxLayout()
        outcome_row.addStretch(1)
        self.outcome_button = QPushButton(self)
        self.outcome_button.setObjectName("recordOutcome")
        outcome_row.addWidget(self.outcome_button)
        column.addLayout(outcome_row)

    def agenda_buttons(self) -> list[QPushButton]:
        return [self.add_item_button, self.remove_item_button, self.up_button, self.down_button]

    def focus_chain(self) -> list[QWidget]:
        """The section's fields and buttons in the order Tab visits them."""
        return [
            self.when_edit,
            self.klantmanager_combo,
            self.agenda_view,
            *self.agenda_buttons(),
            self.pdf_button,
            self.plan_button,
            self.held_edit,
            self.outcome_edit,
            self.final_amount_edit,
            self.outcome_button,
        ]

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        self.heading.setText(_("Confrontatiegesprek"))
        self.when_label.setText(_("Da&te and time:"))
        self.when_edit.setAccessibleName(_("Date and time of the talk"))
        self.when_edit.retranslate()
        self.klantmanager_label.setText(_("&Klantmanager:"))
        self.klantmanager_combo.setAccessibleName(_("Klantmanager who joins the talk"))
        if self.klantmanager_combo.count():
            self.klantmanager_combo.setItemText(0, _("— not named yet —"))
        self.held_label.setText(_("&Held on:"))
        self.held_edit.setAccessibleName(_("When the talk was actually held"))
        self.held_edit.retranslate()
        self.agenda_label.setText(_("A&genda:"))
        self.agenda_view.setAccessibleName(_("Agenda of the talk"))
        self.add_item_button.setText(_("New &item"))
        self.add_item_button.setAccessibleName(_("Add an agenda item"))
        self.remove_item_button.setText(_("Re&move item"))
        self.remove_item_button.setAccessibleName(_("Remove the selected agenda item"))
        self.up_button.setText(_("Move &up"))
        self.up_button.setAccessibleName(_("Move the agenda item up"))
        self.down_button.setText(_("Move dow&n"))
        self.down_button.setAccessibleName(_("Move the agenda item down"))
        self.pdf_button.setText(_("Preparation for the ta&lk (PDF)…"))
        self.pdf_button.setAccessibleName(
            _("Save the preparation for the confrontatiegesprek as a PDF")
        )
        self.outcome_heading.setText(_("Outcome of the talk"))
        self.outcome_label.setText(_("Outcom&e:"))
        self.outcome_edit.setAccessibleName(_("Outcome of the talk"))
        self.final_amount_label.setText(_("&Final amount:"))
        self.final_amount_edit.setAccessibleName(_("Final amount of the fine"))
        self.outcome_note.setText(
            _("Recording the outcome completes the fine. After that it can no longer be changed.")
        )
        self.outcome_button.setText(_("Record the outcome and &complete"))
        self.outcome_button.setAccessibleName(_("Record the outcome and complete the fine"))

    def show_texts(self, fine: Record, editable: bool) -> None:
        """What the section says about the fine as stored (not the fields being typed in)."""
        self.state_label.setText(self._state(fine))
        intro = _("The talk with the resident, held together with the klantmanager.")
        if editable:
            intro += " " + _("Prepare the agenda: double-click an item or press F2 to change it.")
        self.intro.setText(intro)
        self.plan_button.setText(
            _("Save the &planning") if fine.get("gesprek_op") else _("&Plan the talk")
        )
        self.plan_button.setAccessibleName(self.plan_button.text().replace("&", ""))

    def _state(self, fine: Record) -> str:
        locale = i18n.locale_name()
        parts: list[str] = []
        if fine.get("gesprek_op"):
            moment = stamp_to_local(fine["gesprek_op"])
            parts.append(
                _(
                    "Planned for {date} at {time}.",
                    date=format_date(moment.date(), "full", locale=locale),
                    time=format_datetime(moment, "HH:mm", locale=locale),
                )
            )
        else:
            parts.append(_("The talk has not been planned yet."))
        if fine.get("status") == "afgerond":
            parts.append(
                _(
                    "Completed; final amount {amount}.",
                    amount=format_money(fine.get("vastgesteld_bedrag_cent") or 0),
                )
            )
        return " ".join(parts)

    # ------------------------------------------------------------------ fields
    def show_fields(self, fine: Record) -> None:
        """The fields as stored: the planned moment (a week from ``today`` at 10:00 when none
        is planned), the agenda, the outcome and the final amount (the proposal until set)."""
        gesprek_op = fine.get("gesprek_op")
        if gesprek_op:
            self.when_edit.set_value(stamp_to_local(gesprek_op).replace(tzinfo=None))
        else:
            next_week = self._today() + dt.timedelta(days=7)
            self.when_edit.set_value(dt.datetime.combine(next_week, dt.time(10)))
        self.agenda_model.setStringList(list(fine.get("gesprek_agenda") or []))
        held = fine.get("gesprek_gehouden_op") or fine.get("gesprek_op")
        if held and stamp_to_local(held) <= self._now():
            self.held_edit.set_value(stamp_to_local(held).replace(tzinfo=None))
        else:
            self.held_edit.set_value(None)  # not held yet: typed when the outcome is recorded
        self.outcome_edit.setPlainText(fine.get("gesprek_uitkomst") or "")
        final = fine.get("vastgesteld_bedrag_cent")
        if final is None:
            final = fine.get("voorgesteld_bedrag_cent")
        self.final_amount_edit.setText(format_money(final if final is not None else 0))
        self._shown = (self.when_edit.text(), self.final_amount_edit.text())  # as first shown
        self.error.clear_error()
        self.outcome_error.clear_error()

    def set_klantmanagers(self, people: list[tuple[str, str]], chosen: str | None) -> None:
        """The klantmanagers who can join (id, name); ``chosen`` as stored."""
        self.klantmanager_combo.clear()
        self.klantmanager_combo.addItem(_("— not named yet —"), None)
        for person_id, name in people:
            self.klantmanager_combo.addItem(name, person_id)
        self.klantmanager_combo.setCurrentIndex(max(self.klantmanager_combo.findData(chosen), 0))

    def klantmanager(self) -> str | None:
        chosen = self.klantmanager_combo.currentData()
        return chosen if isinstance(chosen, str) else None

    def held_moment(self) -> dt.datetime | None:
        """When the talk was held as typed (local), None when left empty; ValidationFailed
        when it is not a moment."""
        return self.held_edit.checked_value()

    def planned_moment(self) -> dt.datetime:
        """The typed moment (local); ValidationFailed when it is not one."""
        moment = self.when_edit.checked_value()
        assert moment is not None  # a required field
        return moment

    # ------------------------------------------------------------------ drafts
    def edit_signals(self) -> list[SignalInstance]:
        """Something was typed or changed in the section's fields."""
        return [
            self.when_edit.changed,
            self.agenda_model.dataChanged,
            self.agenda_model.rowsInserted,
            self.agenda_model.rowsRemoved,
            self.agenda_model.modelReset,
            self.outcome_edit.textChanged,
            self.final_amount_edit.textEdited,
        ]

    def draft_values(self, fine: Record) -> dict[str, Any] | None:
        """The section as typed, when it differs from the fine as stored (else None)."""
        stored = _TalkSnapshot.of(fine)
        shown_when, shown_amount = self._shown
        typed: dict[str, Any] = {
            "when": _understood(self.when_edit),
            "agenda": self.agenda_model.stringList(),
            "outcome": self.outcome_edit.toPlainText(),
            "amount": self.final_amount_edit.text(),
        }
        changed = (
            typed["agenda"] != stored.agenda
            or typed["outcome"].strip() != stored.outcome
            or self.when_edit.text() != shown_when  # also a first date, with none stored
            or typed["amount"] != shown_amount
        )
        return typed if changed else None

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.when_edit.edit.setText(str(draft.get("when") or ""))
        agenda = draft.get("agenda")
        if isinstance(agenda, list):
            self.agenda_model.setStringList([str(item) for item in agenda])
        self.outcome_edit.setPlainText(str(draft.get("outcome") or ""))
        self.final_amount_edit.setText(str(draft.get("amount") or ""))

    def apply_editable(self, editable: bool, finished: bool) -> None:
        self.final_amount_edit.setReadOnly(not editable)
        self.outcome_edit.setReadOnly(not editable)
        self.when_edit.setReadOnly(not editable)
        self.when_label.setVisible(editable)
        self.when_edit.setVisible(editable)
        self.klantmanager_combo.setEnabled(editable)
        self.held_edit.setReadOnly(not editable)
        self.agenda_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        actions: list[QWidget] = [
            *self.agenda_buttons(),
            self.plan_button,
            self.outcome_note,
            self.outcome_button,
        ]
        for widget in actions:
            widget.setVisible(editable)
        outcome: list[QWidget] = [
            self.outcome_heading,
            self.held_label,
            self.held_edit,
            self.outcome_label,
            self.outcome_edit,
            self.final_amount_label,
            self.final_amount_edit,
        ]
        for item in outcome:
            item.setVisible(editable or finished)

    def clear(self) -> None:
        self.agenda_model.setStringList([])
        self.final_amount_edit.clear()
        self.outcome_edit.clear()
        self.state_label.clear()

    def keep_typed_amount(self) -> None:
        """Re-write the typed final amount in the active language (after a language switch)."""
        cents = self.final_amount_edit.cents()
        if cents is not None:
            self.final_amount_edit.set_cents(cents)

    # ------------------------------------------------------------------ agenda
    @Slot()
    def add_agenda_item(self) -> None:
        row = self.agenda_model.rowCount()
        self.agenda_model.insertRows(row, 1)
        index = self.agenda_model.index(row, 0)
        self.agenda_model.setData(index, _("New item"))
        self.agenda_view.setCurrentIndex(index)
        self.agenda_view.setFocus()
        self.agenda_view.edit(index)

    @Slot()
    def remove_agenda_item(self) -> None:
        index = self.agenda_view.currentIndex()
        if index.isValid():
            self.agenda_model.removeRows(index.row(), 1)

    def move_agenda_item(self, step: int) -> None:
        index = self.agenda_view.currentIndex()
        if not index.isValid():
            return
        target = index.row() + step
        if not 0 <= target < self.agenda_model.rowCount():
            return
        items = self.agenda_model.stringList()
        items[index.row()], items[target] = items[target], items[index.row()]
        self.agenda_model.setStringList(items)
        self.agenda_view.setCurrentIndex(self.agenda_model.index(target, 0))


class _TalkSnapshot:
    """The talk's agenda and outcome as stored (to see what was typed since; the moment and
    the amount are compared with what the fields first showed)."""

    def __init__(self, agenda: list[str], outcome: str) -> None:
        self.agenda, self.outcome = agenda, outcome

    @classmethod
    def of(cls, fine: Record) -> _TalkSnapshot:
        agenda = [str(item) for item in fine.get("gesprek_agenda") or []]
        return cls(agenda, str(fine.get("gesprek_uitkomst") or "").strip())


def _understood(field: DateTimeField) -> str:
    """What a draft keeps of a date field: the moment it understood, written out, so "morgen"
    does not mean another day when it comes back; what it could not read, as typed."""
    try:
        value = field.value()
    except ValueError:
        return field.text()
    return f"{value:%d-%m-%Y %H:%M}" if value is not None else ""
