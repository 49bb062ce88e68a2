"""Huisbezoek mode: the screen open on the laptop at the resident's kitchen table.

Large, calm text. Observations per leefgebied are saved continuously: every change is written
through ``session.visits.observe`` about 400 ms after the user stops typing (at the latest
1.5 s into continuous typing), and at once on focus-out, on switching leefgebied, on hiding
the screen, on release (lock) and when the screen is closed. Each save is its own small
transaction in the service, so a crash or a closed lid loses at most the last few hundred
milliseconds of typing. Nothing here ever needs a network.
"""

from __future__ import annotations

import datetime as dt
import itertools

from babel.dates import format_time
from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QFont,
    QHideEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, error_text, mute
from ui.dialogs.confirm import confirm
from ui.export import DocumentExport, file_name
from ui.format import format_moment_words, local_moment, scaled_font
from ui.pages.base import Navigator, Page
from ui.shortcuts import key as shortcut
from werkplein import i18n
from werkplein.domain.records import display_name
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import HUISBEZOEK_STATUS, LEEFGEBIEDEN
from werkplein.i18n import _
from werkplein.services.session import Session
from werkplein.services.types import Record

SAVE_DELAY_MS = 400  # after the user stops typing
MAX_UNSAVED_MS = 1500  # while the user keeps typing without a pause
PAGE_FONT_SCALE = 1.3  # kitchen-table reading distance
KEY_ROLE = Qt.ItemDataRole.UserRole
FILLED_MARK = " •"


class VisitPage(Page):
    """One huisbezoek, for use during the visit."""

    key = "visit"
    shows = frozenset({"huisbezoek", "notitie", "inwoner", "gezinslid", "casus", "gebruiker"})
    saved = Signal()  # an observation reached the database (the indicator changed)

    def __init__(
        self, session: Session, nav: Navigator, parent: QWidget | None = None, ident: str = ""
    ) -> None:
        super().__init__(session, nav, parent)
        self.visit_id = ident
        self.visit: Record | None = None
        self.last_saved: dt.datetime | None = None
        self.save_failed: BaseException | None = None
        self._dirty: set[str] = set()
        self._loading = False
        self._flushing = False
        self._keys = list(LEEFGEBIEDEN)
        self.setFont(scaled_font(self.font(), PAGE_FONT_SCALE))

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self._max_timer = QTimer(self)
        self._max_timer.setSingleShot(True)
        self._max_timer.setInterval(MAX_UNSAVED_MS)
        self._max_timer.timeout.connect(self.flush)

        self._build()
        self._connect()
        self.retranslate()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        # who, when, why
        self.name_label = QLabel(self)
        self.name_label.setObjectName("visitResident")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setFont(scaled_font(self.font(), 1.35, QFont.Weight.DemiBold))
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.when_label = QLabel(self)
        self.when_label.setTextFormat(Qt.TextFormat.PlainText)
        self.when_label.setWordWrap(True)
        self.purpose_label = QLabel(self)
        self.purpose_label.setTextFormat(Qt.TextFormat.PlainText)
        self.purpose_label.setWordWrap(True)
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("savedIndicator")
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        mute(self.saved_label)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("visitStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(self.name_label)
        who.addWidget(self.when_label)
        who.addWidget(self.purpose_label)
        state = QVBoxLayout()
        state.setSpacing(2)
        state.addWidget(self.saved_label)
        state.addWidget(self.status_label)
        state.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(who, 1)
        top.addLayout(state)

        # left: the leefgebieden and the checklist
        left = QWidget(self)
        self.left_pane = left
        self.areas_label = QLabel(left)
        self.areas_label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.areas_model = QStandardItemModel(self)
        for key in self._keys:
            item = QStandardItem()
            item.setData(key, KEY_ROLE)
            item.setEditable(False)
            self.areas_model.appendRow(item)
        self.areas_view = QListView(left)
        self.areas_view.setObjectName("leefgebieden")
        self.areas_view.setModel(self.areas_model)
        self.areas_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.areas_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.areas_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.areas_view.setSpacing(1)
        self.areas_label.setBuddy(self.areas_view)

        self.checklist_label = QLabel(left)
        self.checklist_label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.checklist_model = QStandardItemModel(self)
        self.checklist_view = QListView(left)
        self.checklist_view.setObjectName("checklist")
        self.checklist_view.setModel(self.checklist_model)
        self.checklist_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checklist_view.setWordWrap(True)
        self.checklist_view.setResizeMode(QListView.ResizeMode.Adjust)  # wrap again on resize
        self.checklist_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # no spacing: Qt wraps an item at the viewport's width less the spacing, but lets one
        # that fits the whole width stand on one line, a pixel or two cut off ("Identiteit …")
        self.checklist_view.setSpacing(0)
        self.checklist_label.setBuddy(self.checklist_view)
        # the leefgebieden take the height of their rows, the checklist the rest
        option = QStyleOptionViewItem()
        self.areas_view.initViewItemOption(option)
        option.text = "Wonen"
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        cell = self.areas_view.style().sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self.areas_view
        )
        row = cell.height() + 2 * self.areas_view.spacing()
        frame = 2 * self.areas_view.frameWidth() + 2
        self.areas_view.setMaximumHeight(len(self._keys) * row + frame)

        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 8, 0)
        left_column.addWidget(self.areas_label)
        left_column.addWidget(self.areas_view)
        left_column.addSpacing(8)
        left_column.addWidget(self.checklist_label)
        left_column.addWidget(self.checklist_view, 1)

        # centre: the observation of the chosen leefgebied, quick notes
        centre = QWidget(self)
        self.observation_label = QLabel(centre)
        self.observation_label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.editors: dict[str, QPlainTextEdit] = {}
        self.editor_stack = QStackedWidget(centre)
        for key in self._keys:
            editor = QPlainTextEdit(self.editor_stack)
            editor.setObjectName(f"obs_{key}")
            editor.setTabChangesFocus(True)
            editor.installEventFilter(self)
            self.editors[key] = editor
            self.editor_stack.addWidget(editor)

        self.note_label = QLabel(centre)
        self.note_area_combo = QComboBox(centre)
        self.note_area_combo.setObjectName("noteLeefgebied")
        self.note_area_combo.addItem("", None)
        for key in self._keys:
            self.note_area_combo.addItem("", key)
        self.note_edit = QLineEdit(centre)
        self.note_edit.setObjectName("quickNote")
        self.note_label.setBuddy(self.note_edit)
        self.add_note_button = QPushButton(centre)
        self.add_note_button.setAutoDefault(False)
        self.note_area_label = QLabel(centre)
        self.note_area_label.setBuddy(self.note_area_combo)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.add_note_button)
        note_area_row = QHBoxLayout()
        note_area_row.addWidget(self.note_area_label)
        note_area_row.addWidget(self.note_area_combo)
        note_area_row.addStretch(1)
        self.note_error = QLabel(centre)
        self.note_error.setWordWrap(True)
        self.note_error.setTextFormat(Qt.TextFormat.PlainText)
        self.note_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.note_error.hide()

        self.notes_label = QLabel(centre)
        self.notes_model = QStandardItemModel(self)
        self.notes_view = QListView(centre)
        self.notes_view.setObjectName("visitNotes")
        self.notes_view.setModel(self.notes_model)
        self.notes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notes_view.setWordWrap(True)
        self.notes_view.setAlternatingRowColors(True)
        self.notes_label.setBuddy(self.notes_view)

        centre_column = QVBoxLayout(centre)
        centre_column.setContentsMargins(8, 0, 0, 0)
        centre_column.addWidget(self.observation_label)
        centre_column.addWidget(self.editor_stack, 5)
        centre_column.addSpacing(6)
        centre_column.addWidget(self.note_label)
        centre_column.addLayout(note_row)
        centre_column.addLayout(note_area_row)
        centre_column.addWidget(self.note_error)
        centre_column.addSpacing(6)
        centre_column.addWidget(self.notes_label)
        centre_column.addWidget(self.notes_view, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([280, 800])

        # the end of the visit
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelVisit")
        self.cancel_button.setAutoDefault(False)
        self.complete_button = QPushButton(self)
        self.complete_button.setObjectName("completeVisit")
        self.complete_button.setAutoDefault(False)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("exportVisit")
        self.pdf_button.setAutoDefault(False)
        self.documents = DocumentExport(self, self.session, self.nav)
        self.documents.busy_changed.connect(self.pdf_button.setDisabled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.complete_button)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(line)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        order: list[QWidget] = [
            self.areas_view,
            *self.editors.values(),
            self.note_edit,
            self.add_note_button,
            self.note_area_combo,
            self.notes_view,
            self.checklist_view,
            self.pdf_button,
            self.cancel_button,
            self.complete_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.next_area = QShortcut(shortcut("next_step"), self)
        self.next_area.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.previous_area = QShortcut(shortcut("previous_step"), self)
        self.previous_area.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _connect(self) -> None:
        self.areas_view.selectionModel().currentChanged.connect(self._on_area_changed)
        self.areas_view.activated.connect(self._focus_editor)
        for key, editor in self.editors.items():
            editor.textChanged.connect(lambda k=key: self._on_text_changed(k))
        self.note_edit.returnPressed.connect(self.add_note)
        self.add_note_button.clicked.connect(self.add_note)
        self.checklist_model.itemChanged.connect(self._on_checklist_item)
        self.complete_button.clicked.connect(self.complete)
        self.cancel_button.clicked.connect(self.cancel_visit)
        self.pdf_button.clicked.connect(self.export_report)
        self.next_area.activated.connect(lambda: self._step_area(1))
        self.previous_area.activated.connect(lambda: self._step_area(-1))

    # ------------------------------------------------------------------ texts
    def title(self) -> str:
        return _("Home visit")

    def retranslate(self) -> None:
        self.areas_label.setText(_("&Leefgebieden"))
        self.areas_view.setAccessibleName(_("Leefgebieden"))
        self.areas_view.setAccessibleDescription(
            _("Choose a leefgebied with the arrow keys; press Enter to write.")
        )
        self.checklist_label.setText(_("Chec&klist"))
        self.checklist_view.setAccessibleName(_("Checklist"))
        self.checklist_view.setAccessibleDescription(_("Press Space to tick an item."))
        for key, editor in self.editors.items():
            editor.setAccessibleName(
                _("Observations: {leefgebied}", leefgebied=_(LEEFGEBIEDEN[key]))
            )
            editor.setAccessibleDescription(
                _("Write what you see and hear. Everything is saved as you type.")
            )
            editor.setPlaceholderText(
                _("Observations about {leefgebied}…", leefgebied=_(LEEFGEBIEDEN[key]).lower())
            )
        self._label_notes(self.visit is not None and self.visit.get("status") == "uitgevoerd")
        self.note_area_combo.setItemText(0, _("No leefgebied"))
        for index, key in enumerate(self._keys, start=1):
            self.note_area_combo.setItemText(index, _(LEEFGEBIEDEN[key]))
        self.note_area_combo.setAccessibleName(_("Leefgebied of the quick note"))
        self.note_area_label.setText(_("About l&eefgebied:"))
        self.note_edit.setAccessibleName(_("Quick note"))
        self.note_edit.setPlaceholderText(_("A short note, e.g. an agreement or a phone number"))
        self.add_note_button.setText(_("Add &note"))
        self.add_note_button.setAccessibleName(_("Add the quick note"))
        self.notes_label.setText(_("Notes made &during this visit"))
        self.notes_view.setAccessibleName(_("Notes made during this visit"))
        self.complete_button.setText(_("Co&mplete home visit"))
        self.complete_button.setAccessibleName(_("Complete the home visit"))
        self.cancel_button.setText(_("&Cancel home visit…"))
        self.cancel_button.setAccessibleName(_("Cancel the home visit"))
        self.pdf_button.setText(_("&Report (PDF)…"))
        self.pdf_button.setAccessibleName(_("Save the report of this home visit as a PDF"))
        self.name_label.setAccessibleName(_("Resident"))
        self.saved_label.setAccessibleName(_("Save status"))
        self._update_areas()
        self._update_observation_label()
        self._update_saved_label()
        metrics = self.areas_view.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(_(label) + FILLED_MARK) for label in LEEFGEBIEDEN.values()
        )
        self.left_pane.setMinimumWidth(widest + 48)  # frame, margins and a scroll bar
        if self.visit is not None:
            self._show_header(self.visit)
            self._fill_checklist(self.visit)
            self._fill_notes()

    def _current_key(self) -> str:
        index = self.areas_view.currentIndex()
        key = index.data(KEY_ROLE) if index.isValid() else None
        return key if isinstance(key, str) else self._keys[0]

    def _update_observation_label(self) -> None:
        label = _(LEEFGEBIEDEN[self._current_key()])
        self.observation_label.setText(_("&Observations: {leefgebied}", leefgebied=label))
        self.observation_label.setBuddy(self.editors[self._current_key()])

    def _update_areas(self) -> None:
        for row, key in enumerate(self._keys):
            item = self.areas_model.item(row)
            label = _(LEEFGEBIEDEN[key])
            filled = bool(self.editors[key].toPlainText().strip())
            item.setText(label + (FILLED_MARK if filled else ""))
            item.setData(
                _("{leefgebied}, written", leefgebied=label) if filled else label,
                Qt.ItemDataRole.AccessibleTextRole,
            )

    def _update_saved_label(self) -> None:
        self.saved_label.setWordWrap(self.save_failed is not None)
        if self.save_failed is not None:
            self.saved_label.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.saved_label.setText(
                _("⚠ Not saved: {reason}", reason=error_text(self.save_failed))
            )
        elif self.last_saved is not None:
            self.saved_label.setStyleSheet("")
            self.saved_label.setText(
                _(
                    "✓ Saved at {time}",
                    time=format_time(self.last_saved, "short", locale=i18n.locale_name()),
                )
            )
        else:
            self.saved_label.setStyleSheet("")
            self.saved_label.setText(_("Saved automatically as you type"))

    def _show_header(self, visit: Record) -> None:
        planned = _("Planned for {when}", when=format_moment_words(visit.get("gepland_op") or ""))
        status = _(HUISBEZOEK_STATUS.get(visit.get("status") or "", visit.get("status") or ""))
        if visit.get("status") == "uitgevoerd" and visit.get("uitgevoerd_op"):
            state = _(
                "Status: {status} ({when})",
                status=status,
                when=format_moment_words(visit["uitgevoerd_op"], "long"),
            )
        else:
            state = _("Status: {status}", status=status)
        self.when_label.setText(planned)
        self.status_label.setText(state)
        doel = visit.get("doel") or ""
        self.purpose_label.setText(
            _("Purpose: {doel}", doel=doel) if doel else _("No purpose recorded")
        )

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        self.flush()
        visit = self.session.visits.get(self.visit_id)
        resident = self.session.residents.get(visit["inwoner_id"])
        self.visit = visit
        self._loading = True
        try:
            self.name_label.setText(display_name(resident))
            self._show_header(visit)
            for key, editor in self.editors.items():
                text = visit.get(f"obs_{key}") or ""
                if editor.toPlainText() != text:
                    editor.setPlainText(text)
            self._fill_checklist(visit)
        finally:
            self._loading = False
        self._fill_notes()
        if not self.areas_view.currentIndex().isValid():
            self.areas_view.setCurrentIndex(self.areas_model.index(0, 0))
        self._update_areas()
        self._update_observation_label()
        self._apply_state(visit)

    def _apply_state(self, visit: Record) -> None:
        writable = self.session.can(Permission.PLAN_VISIT) and visit["status"] != "geannuleerd"
        done = visit["status"] == "uitgevoerd"  # observations locked; notes are addenda
        for editor in self.editors.values():
            editor.setReadOnly(not writable or done)
        for widget in (self.note_area_combo, self.note_edit, self.add_note_button):
            widget.setEnabled(writable)
        self.checklist_view.setEnabled(writable and not done)
        self._label_notes(done)
        self.complete_button.setEnabled(writable and visit["status"] == "gepland")
        self.cancel_button.setEnabled(writable and visit["status"] == "gepland")

    def _label_notes(self, done: bool) -> None:
        self.note_label.setText(
            _("&Addendum: the visit is completed (Enter adds it, with its time and your name)")
            if done
            else _("&Quick note (Enter adds it)")
        )

    def _fill_checklist(self, visit: Record) -> None:
        self.checklist_model.blockSignals(True)
        try:
            self.checklist_model.clear()
            for entry in visit.get("checklist") or []:
                item = QStandardItem(str(entry["item"]))
                item.setData(entry["item"], KEY_ROLE)
                item.setEditable(False)
                item.setCheckable(True)
                item.setCheckState(
                    Qt.CheckState.Checked if entry.get("done") else Qt.CheckState.Unchecked
                )
                self.checklist_model.appendRow(item)
        finally:
            self.checklist_model.blockSignals(False)
        self.checklist_view.reset()

    def _fill_notes(self) -> None:
        notes = self.session.visits.notes(self.visit_id)
        self.notes_model.clear()
        for note in notes:
            self.notes_model.appendRow(self._note_item(note))
        if not notes:
            empty = QStandardItem(_("No notes yet."))
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.notes_model.appendRow(empty)

    def _note_item(self, note: Record) -> QStandardItem:
        moment = local_moment(note.get("written_at") or "")
        time = (
            format_time(moment, "short", locale=i18n.locale_name())
            if isinstance(moment, dt.datetime)
            else ""
        )
        area_key = note.get("leefgebied")
        area = _(LEEFGEBIEDEN[area_key]) if area_key in LEEFGEBIEDEN else ""
        head = " · ".join(part for part in (time, area) if part)
        item = QStandardItem(f"{head} — {note['text']}" if head else note["text"])
        item.setData(note["id"], KEY_ROLE)
        item.setEditable(False)
        return item

    # ------------------------------------------------------------------ saving
    def _on_text_changed(self, key: str) -> None:
        if self._loading or self.visit is None or self.editors[key].isReadOnly():
            return
        self._dirty.add(key)
        self._save_timer.start()  # restarts: saves SAVE_DELAY_MS after the last keystroke
        if not self._max_timer.isActive():
            self._max_timer.start()

    @property
    def has_unsaved(self) -> bool:
        return bool(self._dirty)

    @Slot()
    def flush(self) -> None:
        """Write every pending observation now (each its own small transaction)."""
        self._save_timer.stop()
        self._max_timer.stop()
        if self._flushing or not self._dirty or self.visit is None:
            return
        self._flushing = True
        try:
            for key in [k for k in self._keys if k in self._dirty]:
                text = self.editors[key].toPlainText()
                self.session.visits.observe(self.visit_id, key, text)
                self._dirty.discard(key)
                self.visit[f"obs_{key}"] = text or None
        except Exception as exc:  # kept dirty: the next change or focus-out tries again
            self.save_failed = exc
            self.nav.show_status(error_text(exc))
        else:
            self.save_failed = None
            self.last_saved = self.session.clock.local().replace(tzinfo=None)
            self.nav.data_changed(self)
            self.saved.emit()
        finally:
            self._flushing = False
        self._update_saved_label()
        self._update_areas()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self.editors.values():
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    # ------------------------------------------------------------------ leefgebieden
    @Slot(QModelIndex, QModelIndex)
    def _on_area_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.flush()
        key = current.data(KEY_ROLE)
        if not isinstance(key, str):
            return
        self.editor_stack.setCurrentWidget(self.editors[key])
        self.note_area_combo.setCurrentIndex(self._keys.index(key) + 1)
        self._update_observation_label()

    @Slot(QModelIndex)
    def _focus_editor(self, _index: QModelIndex) -> None:
        self.editors[self._current_key()].setFocus(Qt.FocusReason.OtherFocusReason)

    def _step_area(self, step: int) -> None:
        row = (self._keys.index(self._current_key()) + step) % len(self._keys)
        self.show_area(self._keys[row])

    def show_area(self, key: str, *, focus: bool = True) -> None:
        """Switch to one leefgebied (saving the one left first)."""
        self.areas_view.setCurrentIndex(self.areas_model.index(self._keys.index(key), 0))
        if focus:
            self.editors[key].setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ quick notes, checklist
    @Slot()
    def add_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text or self.visit is None:
            return
        area = self.note_area_combo.currentData()
        try:
            note_id = self.session.visits.quick_note(
                self.visit_id, text, area if isinstance(area, str) else None
            )
        except Exception as exc:
            self.note_error.setText(error_text(exc))
            self.note_error.show()
            return
        self.note_error.hide()
        self.note_edit.clear()
        self.nav.data_changed(self)
        note = self.session.visits.note(note_id)
        if note is not None:
            if self.notes_model.rowCount() == 1 and not self.notes_model.item(0).data(KEY_ROLE):
                self.notes_model.clear()  # the "no notes yet" line
            self.notes_model.insertRow(0, self._note_item(note))
        self.nav.show_status(_("Note added."))

    def _on_checklist_item(self, item: QStandardItem) -> None:
        name = item.data(KEY_ROLE)
        if not isinstance(name, str) or self.visit is None:
            return
        done = item.checkState() == Qt.CheckState.Checked
        try:
            self.session.visits.tick(self.visit_id, name, done)
        except Exception as exc:
            self.checklist_model.blockSignals(True)
            item.setCheckState(Qt.CheckState.Unchecked if done else Qt.CheckState.Checked)
            self.checklist_model.blockSignals(False)
            self.nav.show_error(exc)
            return
        self.nav.data_changed(self)

    def open_items(self) -> list[str]:
        model = self.checklist_model
        return [
            model.item(row).text()
            for row in range(model.rowCount())
            if model.item(row).checkState() != Qt.CheckState.Checked
        ]

    # ------------------------------------------------------------------ the end of the visit
    def _confirm(self, title: str, text: str, yes: str) -> bool:
        return confirm(self, title, text, yes, cancel=_("Go back"))

    @Slot()
    def complete(self) -> None:
        self.flush()
        left = len(self.open_items())
        if left and not self._confirm(
            _("Complete home visit"),
            _(
                "{count} items of the checklist are not ticked. "
                "Do you want to complete the home visit anyway?",
                count=left,
            ),
            _("Complete"),
        ):
            return
        try:
            self.session.visits.complete(self.visit_id)
        except Exception as exc:
            self.nav.show_error(exc)
            return
        self.nav.data_changed(self)
        self.refresh()
        self.nav.show_status(_("The home visit is completed."))

    @Slot()
    def cancel_visit(self) -> None:
        self.flush()
        if not self._confirm(
            _("Cancel home visit"),
            _("Do you want to cancel this home visit? What has been written stays in the dossier."),
            _("Cancel the visit"),
        ):
            return
        try:
            self.session.visits.cancel(self.visit_id)
        except Exception as exc:
            self.nav.show_error(exc)
            return
        self.nav.data_changed(self)
        self.refresh()
        self.nav.show_status(_("The home visit is cancelled."))

    @Slot()
    def export_report(self) -> None:
        """The huisbezoek report, with what is written so far (saved first)."""
        if self.visit is None:
            return
        self.flush()
        if self.save_failed is not None:
            return
        visit_id = self.visit_id
        when = self.visit.get("uitgevoerd_op") or self.visit.get("gepland_op")
        self.documents.save(
            _("Save the home visit report"),
            file_name(self.session, "visit", when),
            lambda s, out, share: s.exports.visit(visit_id, out, into_share=share),
        )

    # ------------------------------------------------------------------ lock
    def release(self) -> None:
        """Save what is pending, then drop every text that holds personal data."""
        try:
            self.flush()
        finally:
            self._save_timer.stop()
            self._max_timer.stop()
            self._dirty.clear()
            self.visit = None
            self._loading = True
            try:
                for editor in self.editors.values():
                    editor.clear()
                    editor.document().clearUndoRedoStacks()
                self.note_edit.clear()
                self.checklist_model.clear()
                self.notes_model.clear()
                for label in (
                    self.name_label,
                    self.when_label,
                    self.purpose_label,
                    self.status_label,
                    self.note_error,
                ):
                    label.clear()
            finally:
                self._loading = False
            self._stale = True
