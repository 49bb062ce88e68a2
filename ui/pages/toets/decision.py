"""The decision of a case: draft it, submit it for approval or set it; a set one only gets new
versions.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
)
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.export import DocumentExport, file_name
from ui.format import scaled_font
from ui.pages.toets.common import (
    DECISION_GUIDANCE,
    _label,
    _same,
    _text,
    _text_edit,
    date_text,
)
from ui.shortcuts import key as shortcut
from ui.widgets import ErrorLabel
from ui.widgets.dates import DateField
from ui.widgets.tables import Column, CompactTable, Fields, FieldsModel
from werkplein.domain import besluit as decision_rules
from werkplein.domain import toets
from werkplein.domain.roles import Permission
from werkplein.domain.typed_dates import NotUnderstood
from werkplein.domain.vocab import BESLUIT_STATUS, UITKOMSTEN
from werkplein.errors import ValidationFailed, WerkpleinError
from werkplein.i18n import N_, _

if TYPE_CHECKING:
    from ui.pages.toets.page import ToetsPage


# ---------------------------------------------------------------------- the decision

NOT_ON_A_TEAM = N_(
    "This laptop is not on a team yet: the decision waits here until the laptop joins a team "
    "and synchronises. Only then can a teamleider see it."
)


class DecisionPanel(QWidget):
    """Draft the decision; submit it for approval or set it; a set one only gets new versions."""

    def __init__(self, page: ToetsPage) -> None:
        super().__init__(page)
        self.page = page
        self.decisions: list[Fields] = []
        self.selected: Fields | None = None
        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(self.font(), 1.3, QFont.Weight.DemiBold))
        self.guidance = _label(self)
        self.guidance.setContentsMargins(12, 8, 12, 8)
        self.guidance.setAutoFillBackground(True)
        palette = self.guidance.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        self.guidance.setPalette(palette)

        self.list_label = QLabel(self)
        self.list_label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.model = FieldsModel(
            (
                Column(N_("Version"), lambda r: str(r.get("versie", "")), number=True),
                Column(N_("Outcome"), lambda r: _(UITKOMSTEN.get(r.get("uitkomst") or "", "—"))),
                Column(N_("Status"), self._status_text),
                Column(N_("Date"), self._date_of),
            ),
            self,
        )
        self.view = CompactTable(self.model, self, stretch=1)
        self.view.setObjectName("decisions_table")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_label.setBuddy(self.view)
        self.empty_label = _label(self)
        mute(self.empty_label)

        self.form = QWidget(self)
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.outcome_combo = QComboBox(self.form)
        self.outcome_combo.setObjectName("uitkomst")
        self.conditions_edit = _text_edit(self.form, 3)
        self.conditions_edit.setObjectName("voorwaarden")
        self.period_check = QCheckBox(self.form)
        self.period_check.setObjectName("periode")
        self.from_edit = self._date_edit("periode_van")
        self.until_edit = self._date_edit("periode_tot")
        self.from_label = QLabel(self.form)
        self.from_label.setBuddy(self.from_edit)
        self.until_label = QLabel(self.form)
        self.until_label.setBuddy(self.until_edit)
        dates_row = QHBoxLayout()
        dates_row.addWidget(self.from_label)
        dates_row.addWidget(self.from_edit)
        dates_row.addWidget(self.until_label)
        dates_row.addWidget(self.until_edit)
        dates_row.addStretch(1)
        period_row = QVBoxLayout()
        period_row.addWidget(self.period_check)
        period_row.addLayout(dates_row)
        self.review_check = QCheckBox(self.form)
        self.review_check.setObjectName("heroverweging")
        self.review_edit = self._date_edit("heroverweging_op")
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_check)
        review_row.addWidget(self.review_edit)
        review_row.addStretch(1)
        self.motivation_edit = _text_edit(self.form, 5)
        self.motivation_edit.setObjectName("motivering")
        self.outcome_label = _label(self.form, self.outcome_combo)
        self.conditions_label = _label(self.form, self.conditions_edit)
        self.period_label = _label(self.form, self.period_check)
        self.review_label = _label(self.form, self.review_check)
        self.motivation_label = _label(self.form, self.motivation_edit)
        form.addRow(self.outcome_label, self.outcome_combo)
        form.addRow(self.conditions_label, self.conditions_edit)
        form.addRow(self.period_label, period_row)
        form.addRow(self.review_label, review_row)
        form.addRow(self.motivation_label, self.motivation_edit)

        self.state_label = _label(self)
        self.state_label.setObjectName("decisionState")
        self.state_label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.state_detail = _label(self)
        self.state_detail.setObjectName("decisionStateDetail")
        self.reason_label = _label(self)
        self.reason_label.setObjectName("decisionReason")
        self.error_label = ErrorLabel(self)
        self.error_label.setObjectName("decisionError")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_draft")
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submit")
        self.set_button = QPushButton(self)
        self.set_button.setObjectName("set_decision")
        self.new_version_button = QPushButton(self)
        self.new_version_button.setObjectName("new_version")
        # documents of the selected version (a letter only of a set decision)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("decision_pdf")
        self.pdf_button.setAutoDefault(False)
        self.letter_button = QPushButton(self)
        self.letter_button.setObjectName("decision_letter")
        self.letter_button.setAutoDefault(False)
        self.documents = DocumentExport(self, page.session, page.nav)
        self.documents.busy_changed.connect(lambda _busy: self.update_state())
        document_row = QHBoxLayout()
        document_row.addWidget(self.pdf_button)
        document_row.addWidget(self.letter_button)
        document_row.addStretch(1)
        # the actions sit in a bar under the panel (the page places it): texts that come and
        # go above them (the list after the first save, the reasons) never move them
        self.action_bar = QFrame(page)
        self.action_bar.setObjectName("decisionFooter")
        self.action_bar.setFrameShape(QFrame.Shape.StyledPanel)
        for widget in (
            self.reason_label,
            self.error_label,
            self.save_button,
            self.submit_button,
            self.set_button,
            self.new_version_button,
        ):
            widget.setParent(self.action_bar)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_version_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.set_button)
        bar = QVBoxLayout(self.action_bar)
        bar.setContentsMargins(16, 10, 16, 10)
        bar.addWidget(self.reason_label)
        bar.addWidget(self.error_label)
        bar.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.guidance)
        layout.addWidget(self.list_label)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.state_label)
        layout.addWidget(self.state_detail)
        layout.addLayout(document_row)
        layout.addSpacing(4)
        layout.addWidget(self.form)
        layout.addStretch(1)

        self.view.selectionModel().currentRowChanged.connect(self._on_row)
        self.period_check.toggled.connect(self._update_dates)
        self.review_check.toggled.connect(self._update_dates)
        self.edit_signals = (  # something was typed or chosen in the form
            self.outcome_combo.currentIndexChanged,
            self.conditions_edit.textChanged,
            self.motivation_edit.textChanged,
            self.period_check.toggled,
            self.review_check.toggled,
            self.from_edit.changed,
            self.until_edit.changed,
            self.review_edit.changed,
        )
        for signal in self.edit_signals:
            signal.connect(self.update_state)
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        self.set_button.clicked.connect(self.set_decision)
        self.new_version_button.clicked.connect(self.new_version)
        self.pdf_button.clicked.connect(self.export_decision)
        self.letter_button.clicked.connect(self.export_letter)
        chain: list[QWidget] = [
            self.view,
            self.pdf_button,
            self.letter_button,
            self.outcome_combo,
            self.conditions_edit,
            self.period_check,
            self.from_edit,
            self.until_edit,
            self.review_check,
            self.review_edit,
            self.motivation_edit,
            self.save_button,
            self.new_version_button,
            self.submit_button,
            self.set_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _date_edit(self, name: str) -> DateField:
        edit = DateField(self.page.today, self.form)
        edit.setObjectName(name)
        return edit

    def _dates_in_use(self) -> list[DateField]:
        fields = [self.from_edit, self.until_edit] if self.period_check.isChecked() else []
        return fields + ([self.review_edit] if self.review_check.isChecked() else [])

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.heading.setText(_("Decision"))
        self.guidance.setText(_(DECISION_GUIDANCE))
        self.list_label.setText(_("Decisions &in this case"))
        self.view.setAccessibleName(_("Decisions in this case"))
        self.empty_label.setText(_("This case has no decision yet. Draft one below."))
        current = self.outcome_combo.currentData()
        self.outcome_combo.blockSignals(True)
        self.outcome_combo.clear()
        for code, label in UITKOMSTEN.items():
            self.outcome_combo.addItem(_(label), code)
        self.outcome_combo.setPlaceholderText(_("Choose the outcome"))
        self.outcome_combo.setCurrentIndex(self.outcome_combo.findData(current))
        self.outcome_combo.blockSignals(False)
        self.outcome_label.setText(_("&Outcome"))
        self.outcome_combo.setAccessibleName(_("Outcome"))
        self.conditions_label.setText(_("&Conditions, one per line"))
        self.conditions_edit.setAccessibleName(_("Conditions, one per line"))
        self.period_label.setText(_("&Period"))
        self.period_check.setText(_("for a limited period"))
        self.from_label.setText(_("from"))
        self.period_check.setAccessibleName(_("For a limited period"))
        self.from_edit.setAccessibleName(_("Period from"))
        self.until_label.setText(_("until"))
        self.until_edit.setAccessibleName(_("Period until"))
        self.review_label.setText(_("&Review"))
        self.review_check.setText(_("look at it again on"))
        self.review_check.setAccessibleName(_("Review date"))
        self.review_edit.setAccessibleName(_("Review on"))
        self.motivation_label.setText(_("&Motivation"))
        self.motivation_edit.setAccessibleName(_("Motivation of the decision"))
        self.save_button.setText(_("Save &draft"))
        self.submit_button.setText(_("Submit for &approval"))
        self.set_button.setText(_("Set the &decision"))
        self.new_version_button.setText(_("&New version"))
        self.pdf_button.setText(_("Decision as PD&F…"))
        self.pdf_button.setAccessibleName(_("Save the motivated decision as a PDF"))
        self.letter_button.setText(_("&Letter to the resident…"))
        self.letter_button.setAccessibleName(_("Save the letter to the resident as a PDF"))
        self.model.retranslate()
        self.update_state()

    def _status_text(self, row: Fields) -> str:
        return _(BESLUIT_STATUS.get(row.get("status") or "", "—"))

    def _date_of(self, row: Fields) -> str:
        return date_text(row.get("vastgesteld_op") or row.get("ingediend_op")) or "—"

    # ---------------------------------------------------------------- loading
    def reload(self, select_id: str | None = None) -> None:
        session, case = self.page.session, self.page.case
        if case is None:
            return
        self.decisions = session.decisions.for_case(case["id"])
        self.model.set_rows(self.decisions)
        self.view.setVisible(bool(self.decisions))
        self.list_label.setVisible(bool(self.decisions))
        self.empty_label.setVisible(not self.decisions)
        chosen = next((d for d in self.decisions if d["id"] == select_id), None)
        if chosen is None and self.decisions:
            chosen = self.decisions[-1]  # the newest version
        self._select(chosen)

    def select_newest(self) -> None:
        self._select(self.decisions[-1] if self.decisions else None)

    def _select(self, decision: Fields | None) -> None:
        self.selected = decision
        if decision is not None:
            row = self.decisions.index(decision)
            self.view.selectionModel().blockSignals(True)
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectionModel().blockSignals(False)
        self._load(decision or {})
        self.error_label.setVisible(False)
        self.update_state()

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.decisions):
            if self.editable() and self.dirty():
                self.save(quiet=True)
            self._select(self.decisions[current.row()])

    def _load(self, decision: Fields) -> None:
        today = self.page.today()
        self.outcome_combo.setCurrentIndex(self.outcome_combo.findData(decision.get("uitkomst")))
        self.conditions_edit.setPlainText("\n".join(decision.get("voorwaarden") or []))
        van, tot = decision.get("periode_van"), decision.get("periode_tot")
        self.period_check.setChecked(bool(van or tot))
        self.from_edit.set_value(_day(van) or today)
        self.until_edit.set_value(_day(tot) or today + dt.timedelta(days=182))
        review = decision.get("heroverweging_op")
        self.review_check.setChecked(bool(review))
        self.review_edit.set_value(_day(review) or today + dt.timedelta(days=150))
        self.motivation_edit.setPlainText(decision.get("motivering") or "")
        self._update_dates()

    def _update_dates(self) -> None:
        editable = self.editable()
        self.from_edit.setEnabled(editable and self.period_check.isChecked())
        self.until_edit.setEnabled(editable and self.period_check.isChecked())
        self.review_edit.setEnabled(editable and self.review_check.isChecked())

    # ---------------------------------------------------------------- state
    def editable(self) -> bool:
        """The selected decision (or a new one) may be changed by this user."""
        if not self.page.session.can(Permission.DRAFT_DECISION) or not self.page.case_open():
            return False
        if self.selected is None:
            return True
        return self.selected["status"] in decision_rules.EDITABLE

    def values(self) -> Fields:
        conditions = [line.strip() for line in self.conditions_edit.toPlainText().splitlines()]
        period = self.period_check.isChecked()
        return {
            "uitkomst": self.outcome_combo.currentData(),
            "voorwaarden": [c for c in conditions if c],
            "periode_van": _typed_day(self.from_edit) if period else None,
            "periode_tot": _typed_day(self.until_edit) if period else None,
            "heroverweging_op": _typed_day(self.review_edit)
            if self.review_check.isChecked()
            else None,
            "motivering": _text(self.motivation_edit.toPlainText()),
        }

    def dirty(self) -> bool:
        stored = self.selected or {}
        return any(not _same(k, stored.get(k), v) for k, v in self.values().items())

    def update_state(self) -> None:
        case = self.page.case
        editable = self.editable()
        for widget in (self.outcome_combo, self.period_check, self.review_check):
            widget.setEnabled(editable)
        for edit in (self.conditions_edit, self.motivation_edit):
            edit.setReadOnly(not editable)
        self._update_dates()
        decision = self.selected
        can_draft = self.page.session.can(Permission.DRAFT_DECISION) and self.page.case_open()
        deviates = bool(case and case.get("afwijking_beleid"))
        complete = bool(case and toets.all_complete(case))
        values = self.values()
        self.save_button.setVisible(editable)
        self.save_button.setEnabled(bool(values["uitkomst"]))
        self.submit_button.setVisible(editable and deviates)
        self.set_button.setVisible(
            editable and not deviates and self.page.session.can(Permission.SET_DECISION)
        )
        latest = bool(self.decisions) and decision is self.decisions[-1]
        self.new_version_button.setVisible(
            can_draft
            and decision is not None
            and decision["status"] == decision_rules.VASTGESTELD
            and latest
        )
        reasons: list[str] = []
        if editable:
            if not values["uitkomst"]:
                reasons.append(_("Choose the outcome."))
            if not complete:
                reasons.append(_(decision_rules.NOT_COMPLETE))
            if not values["motivering"]:
                reasons.append(_("Write the motivation of the decision."))
        ready = editable and not reasons
        self.submit_button.setEnabled(ready)
        self.set_button.setEnabled(ready)
        if editable and reasons:
            action = _("Before you can submit or set the decision:")
            self.reason_label.setText(action + "\n" + "\n".join(f"• {r}" for r in reasons))
        elif editable and deviates:
            self.reason_label.setText(
                _("This decision deviates from policy: a teamleider approves it before it is set.")
            )
        else:
            self.reason_label.setText("")
        self.reason_label.setVisible(bool(self.reason_label.text()))
        self._update_documents(decision)
        parts = self._state_text(decision)
        self.state_label.setText(parts[0] if parts else "")
        self.state_detail.setText("\n".join(parts[1:]))
        self.state_label.setVisible(bool(parts))
        self.state_detail.setVisible(len(parts) > 1)
        self.page.update_decision_item()

    def _update_documents(self, decision: Fields | None) -> None:
        busy = self.documents.busy
        is_set = decision is not None and decision["status"] == decision_rules.VASTGESTELD
        for button in (self.pdf_button, self.letter_button):
            button.setVisible(decision is not None)
        self.pdf_button.setEnabled(decision is not None and not busy)
        self.letter_button.setEnabled(is_set and not busy)
        self.letter_button.setToolTip(
            "" if is_set else _("A letter can only be made of a decision that has been set.")
        )

    def _state_text(self, decision: Fields | None) -> list[str]:
        """The selected decision's version and status, then who did what and when."""
        if decision is None:
            return []
        status = str(decision["status"])
        parts = [
            _(
                "Version {version}: {status}",
                version=decision["versie"],
                status=_(BESLUIT_STATUS.get(status, status)),
            )
        ]
        names = self.page.user_names(
            [decision.get("vastgesteld_door") or "", decision.get("goedgekeurd_door") or ""]
        )
        if status == decision_rules.TER_GOEDKEURING:
            parts.append(
                _(
                    "Submitted on {date}; waiting for a teamleider.",
                    date=date_text(decision.get("ingediend_op")),
                )
            )
            if not self.page.session.sharing.joined():
                parts.append(_(NOT_ON_A_TEAM))
            if self.page.session.can(Permission.APPROVE_DECISION):
                key = shortcut("approvals").toString(QKeySequence.SequenceFormat.NativeText)
                parts.append(
                    _("You approve it or send it back under Approvals ({shortcut}).", shortcut=key)
                )
        elif status == decision_rules.AFGEKEURD:
            parts.append(
                _(
                    "Sent back by the teamleider: {comment}",
                    comment=decision.get("goedkeuring_opmerking") or "",
                )
            )
        elif status == decision_rules.VASTGESTELD:
            parts.append(
                _(
                    "Set on {date} by {name}. A set decision does not change; "
                    "make a new version to change it.",
                    date=date_text(decision.get("vastgesteld_op")),
                    name=names.get(decision.get("vastgesteld_door") or "", "?"),
                )
            )
            if decision.get("goedgekeurd_door"):
                parts.append(
                    _(
                        "Approved by {name}.",
                        name=names.get(decision["goedgekeurd_door"], "?"),
                    )
                )
                if decision.get("goedkeuring_opmerking"):
                    parts.append(_("Comment: {comment}", comment=decision["goedkeuring_opmerking"]))
        return parts

    # ---------------------------------------------------------------- actions
    def _fail(self, exc: BaseException) -> None:
        self.page.fail(exc, self.error_label)

    def save(self, quiet: bool = False) -> bool:
        """Write the draft (a new one, or changes to the selected one). True when saved."""
        if not self.editable():
            return False
        values = self.values()
        if not values["uitkomst"]:
            if not quiet:
                self._fail(WerkpleinError(N_("Choose the outcome.")))
            return False
        try:
            for field in self._dates_in_use():
                field.checked_value()
        except ValidationFailed as exc:
            self._fail(exc)  # also when quiet: a date that is not one is never saved unseen
            return False
        session, case = self.page.session, self.page.case
        assert case is not None
        try:
            if self.selected is None:
                select = session.decisions.draft(case["id"], **values)
            else:
                select = self.selected["id"]
                if self.dirty():
                    session.decisions.update_draft(select, **values)
        except Exception as exc:
            self._fail(exc)
            return False
        self.page.nav.data_changed(self.page)
        self.reload(select)
        self.page.drafts.keep_now()  # the saved part is no draft any more
        if not quiet:
            self.page.nav.show_status(_("The draft decision is saved."))
        return True

    def submit(self) -> None:
        if not self.save(quiet=True) or self.selected is None:
            return
        try:
            self.page.session.decisions.submit(self.selected["id"])
        except Exception as exc:
            self._fail(exc)
            return
        self.page.nav.data_changed(self.page)
        self.reload(self.selected["id"])
        if self.page.session.sharing.joined():
            self.page.nav.show_status(_("The decision is sent to a teamleider for approval."))
        else:
            self.page.nav.show_status(_(NOT_ON_A_TEAM))

    def set_decision(self) -> None:
        if not self.save(quiet=True) or self.selected is None:
            return
        try:
            self.page.session.decisions.set(self.selected["id"])
        except Exception as exc:
            self._fail(exc)
            return
        self.page.nav.data_changed(self.page)
        self.reload(self.selected["id"])
        self.page.nav.show_status(_("The decision is set."))

    def new_version(self) -> None:
        if self.selected is None:
            return
        try:
            new_id = self.page.session.decisions.new_version(self.selected["id"])
        except Exception as exc:
            self._fail(exc)
            return
        self.page.nav.data_changed(self.page)
        self.reload(new_id)
        self.outcome_combo.setFocus()
        self.page.nav.show_status(_("A new draft version is made; the set decision stays."))

    def export_decision(self) -> None:
        """The motivated decision of the selected version (a draft is saved first)."""
        if self.selected is None:
            return
        if self.editable() and self.dirty() and not self.save(quiet=True):
            return
        decision = self.selected
        draft = decision["status"] != decision_rules.VASTGESTELD
        name = file_name(
            self.page.session,
            "draft" if draft else "decision",
            None if draft else decision.get("vastgesteld_op"),
        )
        besluit_id = decision["id"]
        self.documents.save(
            _("Save the decision as a PDF"),
            name,
            lambda s, out, share: s.exports.decision(besluit_id, out, into_share=share),
        )

    def export_letter(self) -> None:
        """The letter to the resident, in plain Dutch, of a set decision."""
        decision = self.selected
        if decision is None or decision["status"] != decision_rules.VASTGESTELD:
            return
        besluit_id = decision["id"]
        self.documents.save(
            _("Save the letter to the resident"),
            file_name(self.page.session, "letter", decision.get("vastgesteld_op")),
            lambda s, out, share: s.exports.letter(besluit_id, out, into_share=share),
        )

    # ---------------------------------------------------------------- drafts
    def draft_values(self) -> Fields | None:
        """What is typed and not saved, as typed (a date that is not one stays text)."""
        if not (self.editable() and self.dirty()):
            return None
        return {
            "besluit_id": self.selected["id"] if self.selected is not None else None,
            "uitkomst": self.outcome_combo.currentData(),
            "voorwaarden": self.conditions_edit.toPlainText(),
            "periode": self.period_check.isChecked(),
            "van": _typed_day(self.from_edit),  # understood: a date, so "morgen" stays that day
            "tot": _typed_day(self.until_edit),
            "heroverweging": self.review_check.isChecked(),
            "heroverweging_op": _typed_day(self.review_edit),
            "motivering": self.motivation_edit.toPlainText(),
        }

    def restore_draft(self, draft: Fields) -> None:
        """Put a kept draft back: into the version it was typed for, or a new one."""
        target = draft.get("besluit_id")
        chosen = next((d for d in self.decisions if d["id"] == target), None)
        if target is not None and chosen is None:
            return  # that version is gone (or set meanwhile): nothing to put it in
        self._select(chosen)  # None: a new decision, never a version someone else made
        if not self.editable():
            return
        index = self.outcome_combo.findData(draft.get("uitkomst"))
        self.outcome_combo.setCurrentIndex(index)
        self.conditions_edit.setPlainText(str(draft.get("voorwaarden") or ""))
        self.period_check.setChecked(bool(draft.get("periode")))
        for field, name in (
            (self.from_edit, "van"),
            (self.until_edit, "tot"),
            (self.review_edit, "heroverweging_op"),
        ):
            _restore_day(field, draft.get(name))
        self.review_check.setChecked(bool(draft.get("heroverweging")))
        self.motivation_edit.setPlainText(str(draft.get("motivering") or ""))
        self.update_state()

    def release(self) -> None:
        self.decisions = []
        self.selected = None
        self.model.set_rows([])
        self._load({})


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if iso else None


def _typed_day(field: DateField) -> str | None:
    """A date field's day (ISO); what was typed when it is not understood (so the form is
    changed, and saving says why not)."""
    try:
        value = field.value()
    except NotUnderstood:
        return field.text()
    return value.isoformat() if value is not None else None


def _restore_day(field: DateField, kept: object) -> None:
    """A draft's day back into its field: a date it understood (ISO), or the text as typed."""
    text = str(kept or "")
    try:
        field.set_value(dt.date.fromisoformat(text))
    except ValueError:
        field.edit.setText(text)
