"""Warme overdrachten: the handovers waiting for me and the ones I sent.

Selecting a handover opens it (``session.handovers.get``, logged as a view of the dossier) and
shows the whole story: the situation, what the resident wants, the agreements, the risks and
how the resident likes to be contacted. A handover waiting for me can be accepted (with a
joint intake if wanted) or returned with a comment; for one I sent I see the answer and can
plan the joint intake.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, mute
from ui.export import DocumentExport, file_name
from ui.format import format_moment_words, local_moment, scaled_font
from ui.pages.base import Navigator, Page
from ui.pages.handover_list import (
    ID_ROLE,
    INBOX,
    SENT,
    SIDE_BY_SIDE_MIN_WIDTH,
    STORY,
    HandoverList,
    HandoverRow,
    intake_stamp,
)
from ui.shortcuts import key as shortcut
from ui.widgets.dates import DateTimeField
from werkplein.domain.roles import role_label
from werkplein.domain.vocab import OVERDRACHT_STATUS
from werkplein.errors import WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session
from werkplein.services.types import Record


class HandoversPage(Page):
    key = "handovers"
    shows = frozenset({"overdracht", "inwoner", "casus", "gebruiker"})

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.handover: Record | None = None
        self._users: dict[str, Record] = {}
        self._first_load = True
        self._build()
        self.retranslate()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        mute(self.intro_label)

        self.tabs = QTabWidget(self)
        self.inbox = HandoverList(INBOX, self.tabs)
        self.sent = HandoverList(SENT, self.tabs)
        self.tabs.addTab(self.inbox, "")
        self.tabs.addTab(self.sent, "")
        for handover_list in (self.inbox, self.sent):
            handover_list.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.tabs.currentChanged.connect(self._on_tab)

        self.detail = QWidget(self)
        self.detail.setObjectName("handoverDetail")
        self._build_detail(self.detail)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.detail)
        self.detail_scroll = scroll  # keyboard-scrollable long text: named for screen readers

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([500, 560])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 4, 24, 16)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.splitter, 1)

        self.accept_shortcut = QShortcut(shortcut("accept"), self)
        self.accept_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accept_shortcut.activated.connect(self.accept)

        QWidget.setTabOrder(self.tabs, self.inbox.view)
        QWidget.setTabOrder(self.inbox.view, self.sent.view)
        QWidget.setTabOrder(self.sent.view, self.intake_check)
        QWidget.setTabOrder(self.intake_check, self.intake_edit)
        QWidget.setTabOrder(self.intake_edit, self.accept_button)
        QWidget.setTabOrder(self.accept_button, self.comment_edit)
        QWidget.setTabOrder(self.comment_edit, self.return_button)
        QWidget.setTabOrder(self.return_button, self.plan_edit)
        QWidget.setTabOrder(self.plan_edit, self.plan_button)
        QWidget.setTabOrder(self.plan_button, self.dossier_button)
        QWidget.setTabOrder(self.dossier_button, self.pdf_button)

    def _build_detail(self, detail: QWidget) -> None:
        self.placeholder = QLabel(detail)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mute(self.placeholder)

        self.content = QWidget(detail)
        self.name_label = QLabel(self.content)
        self.name_label.setObjectName("handoverResident")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setFont(scaled_font(self.font(), 1.35, QFont.Weight.DemiBold))
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel(self.content)
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label.setWordWrap(True)
        mute(self.meta_label)
        self.status_label = QLabel(self.content)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        self.story_titles: dict[str, QLabel] = {}
        self.story_texts: dict[str, QLabel] = {}
        story = QVBoxLayout()
        story.setSpacing(2)
        for field, _heading in STORY:
            title = QLabel(self.content)
            title.setFont(scaled_font(self.font(), 1.05, QFont.Weight.DemiBold))
            text = QLabel(self.content)
            text.setObjectName(f"story_{field}")
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setWordWrap(True)
            text.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            title.setBuddy(text)
            story.addSpacing(8)
            story.addWidget(title)
            story.addWidget(text)
            self.story_titles[field] = title
            self.story_texts[field] = text

        # answering a handover waiting for me
        self.answer_box = QGroupBox(self.content)
        self.intake_check = QCheckBox(self.answer_box)
        self.intake_edit = DateTimeField(self.session.today, self.answer_box)
        self.intake_edit.setEnabled(False)
        self.intake_check.toggled.connect(self.intake_edit.setEnabled)
        self.accept_button = QPushButton(self.answer_box)
        self.accept_button.setObjectName("acceptHandover")
        self.accept_button.setAutoDefault(False)
        self.accept_button.clicked.connect(self.accept)
        self.comment_label = QLabel(self.answer_box)
        self.comment_label.setWordWrap(True)
        self.comment_edit = QPlainTextEdit(self.answer_box)
        self.comment_edit.setObjectName("returnComment")
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.comment_label.setBuddy(self.comment_edit)
        self.return_button = QPushButton(self.answer_box)
        self.return_button.setObjectName("returnHandover")
        self.return_button.setAutoDefault(False)
        self.return_button.clicked.connect(self.return_handover)
        self.answer_error = QLabel(self.answer_box)
        self.answer_error.setObjectName("answerError")
        self.answer_error.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_error.setWordWrap(True)
        self.answer_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.answer_error.hide()
        intake_row = QHBoxLayout()
        intake_row.addWidget(self.intake_check)
        intake_row.addWidget(self.intake_edit)
        intake_row.addStretch(1)
        accept_row = QHBoxLayout()
        accept_row.addStretch(1)
        accept_row.addWidget(self.accept_button)
        return_row = QHBoxLayout()
        return_row.addStretch(1)
        return_row.addWidget(self.return_button)
        answer = QVBoxLayout(self.answer_box)
        answer.addLayout(intake_row)
        answer.addLayout(accept_row)
        answer.addSpacing(8)
        answer.addWidget(self.comment_label)
        answer.addWidget(self.comment_edit)
        answer.addWidget(self.answer_error)
        answer.addLayout(return_row)

        # the answer to a handover I sent
        self.reply_box = QGroupBox(self.content)
        self.reply_status = QLabel(self.reply_box)
        self.reply_comment = QLabel(self.reply_box)
        self.reply_intake = QLabel(self.reply_box)
        self.reply_titles = [QLabel(self.reply_box) for _i in range(3)]
        grid = QGridLayout()
        for row, (title, value) in enumerate(
            zip(
                self.reply_titles,
                (self.reply_status, self.reply_comment, self.reply_intake),
                strict=True,
            )
        ):
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            title.setAlignment(Qt.AlignmentFlag.AlignTop)
            grid.addWidget(title, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        self.plan_label = QLabel(self.reply_box)
        self.plan_edit = DateTimeField(self.session.today, self.reply_box)
        self.plan_label.setBuddy(self.plan_edit)
        self.plan_button = QPushButton(self.reply_box)
        self.plan_button.setObjectName("planIntake")
        self.plan_button.setAutoDefault(False)
        self.plan_button.clicked.connect(self.plan_intake)
        self.plan_error = QLabel(self.reply_box)
        self.plan_error.setTextFormat(Qt.TextFormat.PlainText)
        self.plan_error.setWordWrap(True)
        self.plan_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.plan_error.hide()
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.plan_label)
        plan_row.addWidget(self.plan_edit)
        plan_row.addStretch(1)
        plan_button_row = QHBoxLayout()
        plan_button_row.addStretch(1)
        plan_button_row.addWidget(self.plan_button)
        reply = QVBoxLayout(self.reply_box)
        reply.addLayout(grid)
        reply.addSpacing(6)
        reply.addLayout(plan_row)
        reply.addLayout(plan_button_row)
        reply.addWidget(self.plan_error)

        self.dossier_button = QPushButton(self.content)
        self.dossier_button.setObjectName("openDossier")
        self.dossier_button.setAutoDefault(False)
        self.dossier_button.clicked.connect(self.open_dossier)
        self.pdf_button = QPushButton(self.content)
        self.pdf_button.setObjectName("exportHandover")
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self.export_summary)
        self.documents = DocumentExport(self, self.session, self.nav)
        self.documents.busy_changed.connect(self.pdf_button.setDisabled)
        dossier_row = QHBoxLayout()
        dossier_row.addWidget(self.dossier_button)
        dossier_row.addWidget(self.pdf_button)
        dossier_row.addStretch(1)

        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.name_label)
        column.addWidget(self.meta_label)
        column.addWidget(self.status_label)
        column.addLayout(story)
        column.addSpacing(12)
        column.addWidget(self.answer_box)
        column.addWidget(self.reply_box)
        column.addSpacing(6)
        column.addLayout(dossier_row)
        column.addStretch(1)

        outer = QVBoxLayout(detail)
        outer.setContentsMargins(16, 8, 8, 8)
        outer.addWidget(self.placeholder)
        outer.addWidget(self.content)
        self.content.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= SIDE_BY_SIDE_MIN_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            extent = event.size().width() if wide else event.size().height()
            self.splitter.setSizes([extent * 2 // 5, extent * 3 // 5])
        super().resizeEvent(event)

    # ------------------------------------------------------------------ texts
    def title(self) -> str:
        return _("Handovers")

    def retranslate(self) -> None:
        self.detail_scroll.setAccessibleName(_("Details of the handover"))
        self.intro_label.setText(
            _(
                "A warme overdracht carries the resident's whole story, so they never have to "
                "tell it again. Choose one to read it."
            )
        )
        self.inbox.view.setAccessibleName(_("Handovers waiting for you"))
        self.sent.view.setAccessibleName(_("Handovers you sent"))
        self.inbox.empty_label.setText(_("No handovers are waiting for you."))
        self.sent.empty_label.setText(_("You have not sent any handovers."))
        for handover_list in (self.inbox, self.sent):
            handover_list.model.retranslate()
        self._update_tab_titles()
        self.placeholder.setText(_("Choose a handover in the list to read it."))
        for field, heading in STORY:
            self.story_titles[field].setText(_(heading))
            self.story_texts[field].setAccessibleName(_(heading))
        self.answer_box.setTitle(_("Your answer"))
        self.intake_check.setText(_("Plan a &joint intake on"))
        self.intake_check.setAccessibleName(_("Plan a joint intake"))
        self.intake_edit.setAccessibleName(_("Date and time of the joint intake"))
        self.accept_button.setText(_("&Accept"))
        self.accept_button.setAccessibleName(_("Accept the handover"))
        self.comment_label.setText(
            _("&Comment for the sender (needed when you return the handover)")
        )
        self.comment_edit.setAccessibleName(_("Comment for the sender"))
        self.return_button.setText(_("&Return with comment"))
        self.return_button.setAccessibleName(_("Return the handover with your comment"))
        self.reply_box.setTitle(_("The answer"))
        for title, text in zip(
            self.reply_titles, (_("Status"), _("Comment"), _("Joint intake")), strict=True
        ):
            title.setText(text + ":")
        self.plan_label.setText(_("Intake &on"))
        self.plan_edit.setAccessibleName(_("Date and time of the joint intake"))
        self.plan_button.setText(_("&Plan joint intake"))
        self.plan_button.setAccessibleName(_("Plan the joint intake"))
        self.dossier_button.setText(_("Open &dossier"))
        self.dossier_button.setAccessibleName(_("Open the resident's dossier"))
        self.pdf_button.setText(_("Summary (PD&F)…"))
        self.pdf_button.setAccessibleName(_("Save a summary of this handover as a PDF"))
        if self.handover is not None:
            self._show(self.handover)

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(0, _("For &me ({count})", count=len(self.inbox.model.rows)))
        self.tabs.setTabText(1, _("&Sent by me ({count})", count=len(self.sent.model.rows)))

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        session = self.session
        inbox = session.handovers.inbox()
        sent = session.handovers.sent()
        names = session.residents.names([h["inwoner_id"] for h in [*inbox, *sent]])
        self._users = session.colleagues()
        seen = session.settings.seen("overdracht")
        keep = self.handover["id"] if self.handover is not None else None

        def rows(records: list[Record], person_field: str) -> list[HandoverRow]:
            return [
                HandoverRow(
                    id=h["id"],
                    resident=names.get(h["inwoner_id"], "?"),
                    person=self._user_name(h.get(person_field), with_role=False),
                    sent_on=h.get("verzonden_op") or "",
                    status=h.get("status") or "",
                    new=h.get("naar_id") == session.user.id
                    and h.get("status") == "verzonden"
                    and h["id"] not in seen,
                )
                for h in records
            ]

        for handover_list, records, field in (
            (self.inbox, inbox, "van_id"),
            (self.sent, sent, "naar_id"),
        ):
            view = handover_list.view
            view.selectionModel().blockSignals(True)
            handover_list.model.set_rows(rows(records, field))
            view.selectionModel().blockSignals(False)
            handover_list.empty_label.setVisible(not records)
        self._update_tab_titles()
        if self._first_load:
            self._first_load = False
            if not inbox and sent:
                self.tabs.setCurrentWidget(self.sent)
        if keep is not None:
            current = self._current_list()
            current.view.selectionModel().blockSignals(True)
            current.select(keep)
            current.view.selectionModel().blockSignals(False)
            self._open(keep)

    def _user_name(self, user_id: Any, *, with_role: bool = True) -> str:
        user = self._users.get(user_id) if isinstance(user_id, str) else None
        if user is None:
            return "?"
        if not with_role:
            return str(user["name"])
        try:
            role = role_label(user["role"])
        except ValueError:
            return str(user["name"])
        return _("{name} ({role})", name=user["name"], role=role)

    def _current_list(self) -> HandoverList:
        return self.sent if self.tabs.currentWidget() is self.sent else self.inbox

    # ------------------------------------------------------------------ showing one
    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        handover_id = current.siblingAtColumn(0).data(ID_ROLE) if current.isValid() else None
        if isinstance(handover_id, str) and (
            self.handover is None or self.handover["id"] != handover_id
        ):
            self._open(handover_id)

    @Slot(int)
    def _on_tab(self, _index: int) -> None:
        handover_id = self._current_list().current_id()
        if handover_id is None:
            self._clear_detail()
        else:
            self._open(handover_id)

    def open_handover(self, handover_id: str) -> None:
        """Select and open one handover (in whichever list holds it)."""
        for handover_list in (self.inbox, self.sent):
            if handover_list.model.row_of(handover_id) >= 0:
                self.tabs.setCurrentWidget(handover_list)
                handover_list.select(handover_id)
                break
        self._open(handover_id)

    def _open(self, handover_id: str) -> None:
        try:
            handover = self.session.handovers.get(handover_id)
        except Exception as exc:
            self.nav.show_error(exc)
            return
        if self.handover is None or self.handover["id"] != handover_id:
            self.comment_edit.clear()
            self.intake_check.setChecked(False)
            self.intake_edit.set_value(self._default_intake(self.session.today()))
            self.answer_error.hide()
            self.plan_error.hide()
        self.handover = handover
        if handover["naar_id"] == self.session.user.id:
            self._mark_seen(handover_id)
        self._show(handover)

    def _mark_seen(self, handover_id: str) -> None:
        """Opened: no longer "new" (on this laptop), in the list and on Mijn werk."""
        if handover_id in self.session.settings.seen("overdracht"):
            return
        self.session.settings.mark_seen("overdracht", handover_id)
        model = self.inbox.model
        row = model.row_of(handover_id)
        if row >= 0:
            model.rows[row] = dataclasses.replace(model.rows[row], new=False)
            model.dataChanged.emit(model.index(row, 0), model.index(row, model.COLUMNS - 1))
        self.nav.data_changed(self)  # Mijn werk says "new" no longer

    @staticmethod
    def _default_intake(today: dt.date) -> dt.datetime:
        day = today + dt.timedelta(days=1)
        while day.isoweekday() > 5:  # a working day
            day += dt.timedelta(days=1)
        return dt.datetime.combine(day, dt.time(10))

    @staticmethod
    def _as_local(stamp: str) -> dt.datetime | None:
        moment = local_moment(stamp)
        if moment is None or isinstance(moment, dt.datetime):
            return moment
        return dt.datetime.combine(moment, dt.time(10))

    def _show(self, handover: Record) -> None:
        me = self.session.user.id
        names = self.session.residents.names([handover["inwoner_id"]])
        self.name_label.setText(names.get(handover["inwoner_id"], "?"))
        sent_on = format_moment_words(handover.get("verzonden_op") or "", "long")
        if handover["naar_id"] == me:
            meta = _(
                "From {person}, sent on {when}",
                person=self._user_name(handover["van_id"]),
                when=sent_on,
            )
        else:
            meta = _(
                "To {person}, sent on {when}",
                person=self._user_name(handover["naar_id"]),
                when=sent_on,
            )
        self.meta_label.setText(meta)
        status = handover.get("status") or ""
        self.status_label.setText(
            _("Status: {status}", status=_(OVERDRACHT_STATUS.get(status, status)))
        )
        for field, _heading in STORY:
            value = (handover.get(field) or "").strip()
            text = self.story_texts[field]
            text.setText(value or _("(nothing written)"))
            if value:
                text.setPalette(self.palette())
            else:
                mute(text)
        waiting_for_me = handover["naar_id"] == me and status == "verzonden"
        self.answer_box.setVisible(waiting_for_me)
        self.reply_box.setVisible(not waiting_for_me)
        self.reply_status.setText(self._answer_text(handover))
        self.reply_comment.setText(handover.get("reactie") or _("none"))
        intake = handover.get("intake_op") or ""
        self.reply_intake.setText(format_moment_words(intake) if intake else _("not planned"))
        involved = me in (handover["van_id"], handover["naar_id"])
        can_plan = involved and status != "teruggestuurd"
        for widget in (self.plan_label, self.plan_edit, self.plan_button):
            widget.setVisible(can_plan)
        if can_plan and not self.plan_edit.hasFocus():
            self.plan_edit.set_value(
                self._as_local(intake) or self._default_intake(self.session.today())
            )
            self.plan_button.setText(_("Move &joint intake") if intake else _("&Plan joint intake"))
        self.placeholder.hide()
        self.content.show()

    def _answer_text(self, handover: Record) -> str:
        status = handover.get("status") or ""
        label = _(OVERDRACHT_STATUS.get(status, status))
        answered = handover.get("beantwoord_op") or ""
        if status == "verzonden":
            return _("{status}: not answered yet", status=label)
        if answered:
            return _("{status} on {when}", status=label, when=format_moment_words(answered, "long"))
        return label

    def _clear_detail(self) -> None:
        self.handover = None
        self.content.hide()
        self.placeholder.show()
        self.name_label.clear()
        self.meta_label.clear()
        self.status_label.clear()
        for text in self.story_texts.values():
            text.clear()
        self.reply_status.clear()
        self.reply_comment.clear()
        self.reply_intake.clear()
        self.comment_edit.clear()
        self.answer_error.hide()
        self.plan_error.hide()

    # ------------------------------------------------------------------ answering
    def _answered(self, handover_id: str, message: str) -> None:
        self.nav.data_changed(self)
        self.refresh()
        if self.handover is None or self.handover["id"] != handover_id:
            self._open(handover_id)  # no longer in the inbox: keep showing it with its answer
        self.nav.show_status(message)

    @Slot()
    def accept(self) -> None:
        handover = self.handover
        if handover is None or not self.answer_box.isVisible():
            return
        try:
            local = self.intake_edit.checked_value() if self.intake_check.isChecked() else None
            intake = intake_stamp(local) if local is not None else None
            self.session.handovers.accept(handover["id"], intake_op=intake)
        except WerkpleinError as exc:
            self._answer_problem(exc.message())
            return
        except Exception as exc:
            self.nav.show_error(exc)
            return
        self.answer_error.hide()
        self._answered(
            handover["id"],
            _("Handover accepted. Joint intake on {when}.", when=format_moment_words(intake))
            if intake
            else _("Handover accepted."),
        )

    @Slot()
    def return_handover(self) -> None:
        handover = self.handover
        if handover is None or not self.answer_box.isVisible():
            return
        comment = self.comment_edit.toPlainText().strip()
        if not comment:
            self._answer_problem(
                _("Write a comment first: the sender needs to know why you return the handover.")
            )
            return
        try:
            self.session.handovers.return_(handover["id"], comment)
        except WerkpleinError as exc:
            self._answer_problem(exc.message())
            return
        except Exception as exc:
            self.nav.show_error(exc)
            return
        self.answer_error.hide()
        self.comment_edit.clear()
        self._answered(handover["id"], _("Handover returned to the sender."))

    def _answer_problem(self, text: str) -> None:
        self.answer_error.setText("⚠ " + text)
        self.answer_error.show()
        self.comment_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def plan_intake(self) -> None:
        handover = self.handover
        if handover is None:
            return
        try:
            local = self.plan_edit.checked_value()
            assert local is not None  # a required field
            when = intake_stamp(local)
            self.session.handovers.plan_intake(handover["id"], when)
        except WerkpleinError as exc:
            self.plan_error.setText("⚠ " + exc.message())
            self.plan_error.show()
            return
        except Exception as exc:
            self.nav.show_error(exc)
            return
        self.plan_error.hide()
        self._answered(
            handover["id"], _("Joint intake planned on {when}.", when=format_moment_words(when))
        )

    @Slot()
    def open_dossier(self) -> None:
        if self.handover is not None:
            self.nav.open_dossier(self.handover["inwoner_id"])

    @Slot()
    def export_summary(self) -> None:
        """The warme overdracht summary of the handover shown."""
        if self.handover is None:
            return
        handover_id = self.handover["id"]
        self.documents.save(
            _("Save the handover summary"),
            file_name(self.session, "handover", self.handover.get("verzonden_op")),
            lambda s, out, share: s.exports.handover(handover_id, out, into_share=share),
        )

    # ------------------------------------------------------------------ lock
    def release(self) -> None:
        self._clear_detail()
        self._users = {}
        for handover_list in (self.inbox, self.sent):
            handover_list.model.set_rows([])
        self._stale = True
