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
from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt, QTime, Slot
from PySide6.QtGui import QAction, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import error_text, mute
from ui.export import DocumentExport, file_name
from ui.pages.base import Navigator, Page
from ui.shortcuts import key as shortcut
from ui.widgets import ErrorLabel, day_at, parse_moment
from ui.widgets.money import MoneyEdit, format_money, parse_money
from werkplein import i18n
from werkplein.domain.boete import BoeteBeleid, Voorstel
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import BOETE_STATUS, VERWIJTBAARHEID
from werkplein.errors import NotAllowed, ValidationFailed, WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session
from werkplein.services.types import Record

PANEL_MAX_WIDTH = 1100
WIDE = 980  # from this page width on, the weighing and the calculation sit side by side


# ---------------------------------------------------------------------- money
def optional_money(text: str) -> int | None:
    """Cents from what was typed; None for an empty field; ``ValueError`` for a non-amount."""
    return None if not text.strip() else parse_money(text)


# ---------------------------------------------------------------------- small helpers
def _font(base: QFont, factor: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setWeight(weight)
    return font


def _label_for(text: QLabel, buddy: QWidget) -> QLabel:
    text.setBuddy(buddy)
    return text


def _money_width(edit: QLineEdit) -> None:
    """Room for a large amount and a placeholder, not the whole page width."""
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("M" * 24))
    edit.setAlignment(Qt.AlignmentFlag.AlignLeft)


def _stamp_to_local(stamp: str) -> dt.datetime:
    """A stored moment (ISO, UTC with ``Z``) in the computer's time zone."""
    moment = parse_moment(stamp)
    if not isinstance(moment, dt.datetime):
        raise ValueError("not a moment")
    return moment


def _local_to_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="minutes").replace("+00:00", "Z")


def _qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before an action that cannot be undone (a seam for the tests)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(title, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


class _Heading(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFont(_font(self.font(), 1.2, QFont.Weight.DemiBold))
        self.setAccessibleDescription("heading")


# ---------------------------------------------------------------------- the calculation panel
class CalculationPanel(QFrame):
    """The proposed fine, every step of it in words: basis × percentage = amount, the policy's
    minimum or maximum, the waiver, and what is recovered per month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calculationPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#calculationPanel { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.heading = _Heading(self)
        self.preview_label = QLabel(self)
        self.preview_label.setWordWrap(True)
        mute(self.preview_label)
        self.steps_label = QLabel(self)
        self.steps_label.setObjectName("calculationSteps")
        self.steps_label.setWordWrap(True)
        self.steps_label.setTextFormat(Qt.TextFormat.PlainText)
        self.steps_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("proposedAmount")
        self.amount_label.setFont(_font(self.font(), 1.6, QFont.Weight.DemiBold))
        self.amount_label.setTextFormat(Qt.TextFormat.PlainText)
        self.recovery_label = QLabel(self)
        self.recovery_label.setObjectName("recovery")
        self.recovery_label.setWordWrap(True)
        self.recovery_label.setTextFormat(Qt.TextFormat.PlainText)
        self.policy_label = QLabel(self)
        self.policy_label.setObjectName("policyFigures")
        self.policy_label.setWordWrap(True)
        self.policy_label.setTextFormat(Qt.TextFormat.PlainText)
        mute(self.policy_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.amount_label)
        layout.addWidget(self.recovery_label)
        layout.addSpacing(6)
        layout.addWidget(self.policy_label)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader can land on the sum
        self.setMinimumWidth(300)

    def show_proposal(
        self,
        voorstel: Voorstel,
        beleid: BoeteBeleid,
        verwijtbaarheid: str,
        *,
        has_benadeling: bool,
        draagkracht_cent: int | None,
        preview: bool,
    ) -> None:
        blame = _(VERWIJTBAARHEID[verwijtbaarheid])
        raw = voorstel.basis_cent * voorstel.percentage // 100
        if has_benadeling:
            steps = [
                _(
                    "{basis} × {percentage}% ({blame}) = {amount}",
                    basis=format_money(voorstel.basis_cent),
                    percentage=voorstel.percentage,
                    blame=blame,
                    amount=format_money(raw),
                )
            ]
        else:
            raw = voorstel.basis_cent if voorstel.percentage else 0
            steps = [
                _(
                    "No benadeling: the policy's fixed amount of {basis} applies ({blame}) = "
                    "{amount}",
                    basis=format_money(voorstel.basis_cent),
                    blame=blame,
                    amount=format_money(raw),
                )
            ]
        if voorstel.begrensd == "minimum":
            steps.append(
                _(
                    "Raised to the policy minimum of {amount}",
                    amount=format_money(beleid.minimum_cent),
                )
            )
        elif voorstel.begrensd == "maximum":
            steps.append(
                _(
                    "Capped at the policy maximum of {amount}",
                    amount=format_money(beleid.maximum_cent),
                )
            )
        if voorstel.afgezien:
            steps.append(
                _("Waived for urgent reasons: {amount}", amount=format_money(0)),
            )
        self.steps_label.setText("\n".join(steps))
        self.amount_label.setText(format_money(voorstel.bedrag_cent))
        if voorstel.aflossing_per_maand_cent is not None and draagkracht_cent is not None:
            recovery = _(
                "Recovery: {amount} per month ({percentage}% of a draagkracht of {draagkracht} "
                "per month)",
                amount=format_money(voorstel.aflossing_per_maand_cent),
                percentage=beleid.draagkracht_pct,
                draagkracht=format_money(draagkracht_cent),
            )
        elif not voorstel.bedrag_cent:
            recovery = _("Nothing to recover.")
        else:
            recovery = _("Enter the draagkracht to see the monthly recovery.")
        self.recovery_label.setText(recovery)
        percentages = ", ".join(
            f"{_(VERWIJTBAARHEID[code])} {beleid.percentages.get(code, 0)}%"
            for code in VERWIJTBAARHEID
        )
        self.policy_label.setText(
            _(
                "Team policy (set by the teamleider): {percentages}; minimum {minimum}, "
                "maximum {maximum}; without benadeling {fixed}; recovery {draagkracht}% of "
                "the draagkracht.",
                percentages=percentages,
                minimum=format_money(beleid.minimum_cent),
                maximum=format_money(beleid.maximum_cent),
                fixed=format_money(beleid.zonder_benadeling_cent),
                draagkracht=beleid.draagkracht_pct,
            )
        )
        self.preview_label.setText(_("Preview of your changes: not saved yet.") if preview else "")
        self.preview_label.setVisible(preview)
        self.setAccessibleName(
            " ".join(
                [
                    *steps,
                    _("Proposed fine: {amount}", amount=self.amount_label.text()),
                    recovery,
                ]
            )
        )

    def clear(self) -> None:
        for label in (self.steps_label, self.amount_label, self.recovery_label):
            label.clear()
        self.setAccessibleName("")


# ---------------------------------------------------------------------- the page
class FinePage(Page):
    key = "fine"

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
        self._build_talk(column)
        column.addStretch(1)
        self._set_tab_order()

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
        self.status_label.setFont(_font(self.font(), 1.05, QFont.Weight.DemiBold))
        self.dossier_button = QPushButton(self.body)
        self.dossier_button.clicked.connect(self._open_dossier)
        top.addWidget(self.status_label, 1)
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

        self.breach_heading = _Heading(self.body)
        column.addSpacing(8)
        column.addWidget(self.breach_heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.overtreding_edit = QLineEdit(self.body)
        self.overtreding_edit.setObjectName("overtreding")
        self.overtreding_label = _label_for(QLabel(self.body), self.overtreding_edit)
        self.breach_date_label = QLabel(self.body)
        self.breach_date_label.setObjectName("breachDate")
        self.breach_date_caption = QLabel(self.body)
        form.addRow(self.overtreding_label, self.overtreding_edit)
        form.addRow(self.breach_date_caption, self.breach_date_label)
        column.addLayout(form)
        self.overtreding_edit.textEdited.connect(self._on_form_changed)

    def _build_weighing(self, column: QVBoxLayout) -> None:
        self.weighing_heading = _Heading(self.body)
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
        self.benadeling_label = _label_for(QLabel(left), self.benadeling_edit)
        self.verwijtbaarheid_combo = QComboBox(left)
        self.verwijtbaarheid_combo.setObjectName("verwijtbaarheid")
        for code in VERWIJTBAARHEID:
            self.verwijtbaarheid_combo.addItem("", code)
        self.verwijtbaarheid_label = _label_for(QLabel(left), self.verwijtbaarheid_combo)
        self.draagkracht_edit = MoneyEdit(left)
        self.draagkracht_edit.setObjectName("draagkracht")
        self.draagkracht_label = _label_for(QLabel(left), self.draagkracht_edit)
        self.toelichting_edit = QPlainTextEdit(left)
        self.toelichting_edit.setObjectName("draagkrachtToelichting")
        self.toelichting_edit.setTabChangesFocus(True)
        self.toelichting_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.toelichting_label = _label_for(QLabel(left), self.toelichting_edit)
        self.redenen_edit = QPlainTextEdit(left)
        self.redenen_edit.setObjectName("dringendeRedenen")
        self.redenen_edit.setTabChangesFocus(True)
        self.redenen_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.redenen_label = _label_for(QLabel(left), self.redenen_edit)
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
            _money_width(edit)
            edit.textEdited.connect(self._on_form_changed)
        self.verwijtbaarheid_combo.currentIndexChanged.connect(self._on_form_changed)
        self.toelichting_edit.textChanged.connect(self._on_form_changed)
        self.redenen_edit.textChanged.connect(self._on_form_changed)
        self.afzien_check.toggled.connect(self._on_form_changed)

    def _build_reconsideration(self, column: QVBoxLayout) -> None:
        self.notes_heading = _Heading(self.body)
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
        self.new_note_label = _label_for(QLabel(self.body), self.new_note_edit)
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

    def _build_talk(self, column: QVBoxLayout) -> None:
        self.talk_heading = _Heading(self.body)
        column.addSpacing(12)
        column.addWidget(self.talk_heading)
        self.talk_intro = QLabel(self.body)
        self.talk_intro.setWordWrap(True)
        mute(self.talk_intro)
        column.addWidget(self.talk_intro)
        self.talk_state_label = QLabel(self.body)
        self.talk_state_label.setObjectName("talkState")
        self.talk_state_label.setWordWrap(True)
        self.talk_state_label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.talk_state_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.when_edit = QDateTimeEdit(self.body)
        self.when_edit.setObjectName("talkWhen")
        self.when_edit.setCalendarPopup(True)
        self.when_label = _label_for(QLabel(self.body), self.when_edit)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when_edit)
        when_row.addStretch(1)
        form.addRow(self.when_label, when_row)
        column.addLayout(form)

        self.agenda_model = QStringListModel(self)
        self.agenda_view = QListView(self.body)
        self.agenda_view.setObjectName("agenda")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.setWordWrap(True)
        self.agenda_view.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.agenda_view.setMaximumHeight(self.fontMetrics().lineSpacing() * 12)
        self.agenda_label = _label_for(QLabel(self.body), self.agenda_view)
        column.addWidget(self.agenda_label)
        agenda_row = QHBoxLayout()
        agenda_row.addWidget(self.agenda_view, 1)
        agenda_buttons = QVBoxLayout()
        self.add_item_button = QPushButton(self.body)
        self.add_item_button.clicked.connect(self._add_agenda_item)
        self.remove_item_button = QPushButton(self.body)
        self.remove_item_button.clicked.connect(self._remove_agenda_item)
        self.up_button = QPushButton(self.body)
        self.up_button.clicked.connect(lambda: self._move_agenda_item(-1))
        self.down_button = QPushButton(self.body)
        self.down_button.clicked.connect(lambda: self._move_agenda_item(1))
        for button in (
            self.add_item_button,
            self.remove_item_button,
            self.up_button,
            self.down_button,
        ):
            agenda_buttons.addWidget(button)
        agenda_buttons.addStretch(1)
        agenda_row.addLayout(agenda_buttons)
        column.addLayout(agenda_row)
        self.talk_error = ErrorLabel(self.body)
        column.addWidget(self.talk_error)
        plan_row = QHBoxLayout()
        # the boete-ambtenaar's sheet for the talk, on paper or on the laptop
        self.talk_pdf_button = QPushButton(self.body)
        self.talk_pdf_button.setObjectName("exportTalk")
        self.talk_pdf_button.setAutoDefault(False)
        self.talk_pdf_button.clicked.connect(self.export_talk)
        self.documents = DocumentExport(self, self.session, self.nav)
        self.documents.busy_changed.connect(self.talk_pdf_button.setDisabled)
        plan_row.addWidget(self.talk_pdf_button)
        plan_row.addStretch(1)
        self.plan_button = QPushButton(self.body)
        self.plan_button.setObjectName("planTalk")
        self.plan_button.clicked.connect(self.plan_talk)
        plan_row.addWidget(self.plan_button)
        column.addLayout(plan_row)

        self.outcome_heading = _Heading(self.body)
        column.addSpacing(8)
        column.addWidget(self.outcome_heading)
        outcome_form = QFormLayout()
        outcome_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.outcome_edit = QPlainTextEdit(self.body)
        self.outcome_edit.setObjectName("outcome")
        self.outcome_edit.setTabChangesFocus(True)
        self.outcome_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.outcome_label = _label_for(QLabel(self.body), self.outcome_edit)
        self.final_amount_edit = MoneyEdit(self.body)
        self.final_amount_edit.setObjectName("finalAmount")
        _money_width(self.final_amount_edit)
        self.final_amount_label = _label_for(QLabel(self.body), self.final_amount_edit)
        outcome_form.addRow(self.outcome_label, self.outcome_edit)
        outcome_form.addRow(self.final_amount_label, self.final_amount_edit)
        column.addLayout(outcome_form)
        self.outcome_note = QLabel(self.body)
        self.outcome_note.setWordWrap(True)
        mute(self.outcome_note)
        column.addWidget(self.outcome_note)
        self.outcome_error = ErrorLabel(self.body)
        column.addWidget(self.outcome_error)
        outcome_row = QHBoxLayout()
        outcome_row.addStretch(1)
        self.outcome_button = QPushButton(self.body)
        self.outcome_button.setObjectName("recordOutcome")
        self.outcome_button.clicked.connect(self.record_outcome)
        outcome_row.addWidget(self.outcome_button)
        column.addLayout(outcome_row)

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
            self.when_edit,
            self.agenda_view,
            self.add_item_button,
            self.remove_item_button,
            self.up_button,
            self.down_button,
            self.talk_pdf_button,
            self.plan_button,
            self.outcome_edit,
            self.final_amount_edit,
            self.outcome_button,
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
        self.talk_heading.setText(_("Confrontatiegesprek"))
        self.when_label.setText(_("Da&te and time:"))
        self.when_edit.setAccessibleName(_("Date and time of the talk"))
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
        self.talk_pdf_button.setText(_("Preparation for the ta&lk (PDF)…"))
        self.talk_pdf_button.setAccessibleName(
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
        self.when_edit.setDisplayFormat("dd-MM-yyyy HH:mm")
        if self.fine is None:
            return
        if not self._dirty:
            self._show_fine(self.fine, self._notes_cache)
            return
        # keep what was typed; re-set only the texts that come from the record
        self._loading = True
        try:
            for edit in (self.benadeling_edit, self.draagkracht_edit, self.final_amount_edit):
                cents = edit.cents()
                if cents is not None:
                    edit.set_cents(cents)
        finally:
            self._loading = False
        self._show_record_texts(self.fine, self._notes_cache)
        self._apply_editable()
        self._update_proposal()
        self._update_dirty()

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
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
            gesprek_op = fine.get("gesprek_op")
            if gesprek_op:
                self.when_edit.setDateTime(_qdatetime(_stamp_to_local(gesprek_op)))
            else:
                next_week = self.session.today() + dt.timedelta(days=7)
                self.when_edit.setDateTime(day_at(next_week, 10))
            self.agenda_model.setStringList(list(fine.get("gesprek_agenda") or []))
            self.outcome_edit.setPlainText(fine.get("gesprek_uitkomst") or "")
            final = fine.get("vastgesteld_bedrag_cent")
            if final is None:
                final = fine.get("voorgesteld_bedrag_cent")
            self.final_amount_edit.setText(format_money(final if final is not None else 0))
            self._apply_editable()
            self._dirty = False
            self._update_proposal()
            self._update_dirty()
            for label in (self.weigh_error, self.note_error, self.talk_error, self.outcome_error):
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
        self.status_label.setText(_("Status: {status}", status=_(BOETE_STATUS.get(status, status))))
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
        self.talk_state_label.setText(self._talk_state(fine))
        intro = _("The talk with the resident, held together with the klantmanager.")
        if self.editable:
            intro += " " + _("Prepare the agenda: double-click an item or press F2 to change it.")
        self.talk_intro.setText(intro)
        self.plan_button.setText(
            _("Save the &planning") if fine.get("gesprek_op") else _("&Plan the talk")
        )
        self.plan_button.setAccessibleName(self.plan_button.text().replace("&", ""))

    def _note_text(self, note: Record) -> str:
        when = ""
        if note.get("written_at"):
            when = format_datetime(
                _stamp_to_local(note["written_at"]), "d MMM yyyy HH:mm", locale=i18n.locale_name()
            )
        author = self._user_name(note.get("author_id"))
        return f"{when} · {author}\n{note.get('text', '')}"

    def _user_name(self, user_id: str | None) -> str:
        if not user_id:
            return "?"
        if user_id == self.session.user.id:
            return self.session.user.name
        return self.session.user_names().get(user_id, "?")

    def _talk_state(self, fine: Record) -> str:
        locale = i18n.locale_name()
        parts: list[str] = []
        if fine.get("gesprek_op"):
            moment = _stamp_to_local(fine["gesprek_op"])
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

    def _apply_editable(self) -> None:
        editable = self.editable
        for edit in (
            self.overtreding_edit,
            self.benadeling_edit,
            self.draagkracht_edit,
            self.final_amount_edit,
        ):
            edit.setReadOnly(not editable)
        for text in (self.toelichting_edit, self.redenen_edit, self.outcome_edit):
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
        self.when_edit.setReadOnly(not editable)
        self.when_label.setVisible(editable)
        self.when_edit.setVisible(editable)
        self.agenda_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        actions: list[QWidget] = [
            self.save_button,
            self.dirty_label,
            self.new_note_label,
            self.new_note_edit,
            self.add_note_button,
            self.add_item_button,
            self.remove_item_button,
            self.up_button,
            self.down_button,
            self.plan_button,
            self.outcome_note,
            self.outcome_button,
        ]
        for widget in actions:
            widget.setVisible(editable)
        self.save_action.setEnabled(editable)
        finished = bool(self.fine and self.fine.get("status") == "afgerond")
        show_outcome = editable or finished
        outcome: list[QWidget] = [
            self.outcome_heading,
            self.outcome_label,
            self.outcome_edit,
            self.final_amount_label,
            self.final_amount_edit,
        ]
        for item in outcome:
            item.setVisible(show_outcome)

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

    def _failed(self, exc: Exception, where: ErrorLabel) -> None:
        if isinstance(exc, WerkpleinError):
            where.show_error(exc)
        else:
            self.nav.show_error(exc)

    def _written(self, status: str) -> None:
        self.nav.data_changed(self)
        self.refresh()
        self.nav.show_status(status)

    # ------------------------------------------------------------------ actions
    @Slot()
    def save(self) -> None:
        if self.fine is None or not self.editable:
            return
        self.weigh_error.clear_error()
        try:
            values = self._form_values()
            self.session.fines.update(self.boete_id, **values)
        except Exception as exc:
            self._failed(exc, self.weigh_error)
            return
        self._written(_("The weighing of the fine was saved."))

    @Slot()
    def add_note(self) -> None:
        if self.fine is None or not self.editable:
            return
        self.note_error.clear_error()
        try:
            self.session.fines.add_reconsideration(self.boete_id, self.new_note_edit.toPlainText())
        except Exception as exc:
            self._failed(exc, self.note_error)
            return
        self.new_note_edit.clear()
        self._written(_("The reconsideration note was added."))

    @Slot()
    def plan_talk(self) -> None:
        if self.fine is None or not self.editable:
            return
        self.talk_error.clear_error()
        moment = self.when_edit.dateTime().toPython()
        assert isinstance(moment, dt.datetime)
        try:
            self.session.fines.plan_talk(
                self.boete_id, _local_to_stamp(moment), self.agenda_model.stringList()
            )
        except Exception as exc:
            self._failed(exc, self.talk_error)
            return
        self._written(_("The confrontatiegesprek was planned."))

    @Slot()
    def record_outcome(self) -> None:
        if self.fine is None or not self.editable:
            return
        self.outcome_error.clear_error()
        try:
            cents = optional_money(self.final_amount_edit.text())
        except ValueError:
            cents = -1
        if cents is None or cents < 0:
            self.outcome_error.show_error(
                ValidationFailed(
                    field=_("final amount"), problem=_("enter an amount such as 1.234,50")
                )
            )
            return
        if not self.outcome_edit.toPlainText().strip():
            self.outcome_error.show_error(
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
            self.session.fines.record_outcome(self.boete_id, self.outcome_edit.toPlainText(), cents)
        except Exception as exc:
            self._failed(exc, self.outcome_error)
            return
        self._written(_("The outcome was recorded; the fine is completed."))

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

    # ------------------------------------------------------------------ agenda
    @Slot()
    def _add_agenda_item(self) -> None:
        row = self.agenda_model.rowCount()
        self.agenda_model.insertRows(row, 1)
        index = self.agenda_model.index(row, 0)
        self.agenda_model.setData(index, _("New item"))
        self.agenda_view.setCurrentIndex(index)
        self.agenda_view.setFocus()
        self.agenda_view.edit(index)

    @Slot()
    def _remove_agenda_item(self) -> None:
        index = self.agenda_view.currentIndex()
        if index.isValid():
            self.agenda_model.removeRows(index.row(), 1)

    def _move_agenda_item(self, step: int) -> None:
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

    # ------------------------------------------------------------------ locking
    def release(self) -> None:
        self.fine = None
        self._notes_cache = []
        self._resident_name = ""
        self.notes_model.clear()
        self.agenda_model.setStringList([])
        for edit in (
            self.overtreding_edit,
            self.benadeling_edit,
            self.draagkracht_edit,
            self.final_amount_edit,
        ):
            edit.clear()
        for text in (
            self.toelichting_edit,
            self.redenen_edit,
            self.outcome_edit,
            self.new_note_edit,
        ):
            text.clear()
        for label in (
            self.breach_date_label,
            self.talk_state_label,
            self.message_label,
        ):
            label.clear()
        self.calculation.clear()
