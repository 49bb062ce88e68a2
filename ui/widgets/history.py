"""The history of a record or of one of its fields: every change, newest first, with when it
was made, by whom, and the old and the new value.

Any screen can open it::

    HistoryDialog(session, "inwoner", inwoner_id, field="street", parent=self).open()

It reads ``session.residents.history(entity, record_id)`` (which checks the role) and shows a
refusal inline instead of a second dialog.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, error_text, mute
from ui.format import format_moment, format_value
from ui.widgets import RecordView, Row, RowsModel
from werkplein.domain.labels import label
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.services.types import parse_hlc

HEADERS = (N_("When"), N_("By"), N_("Field"), N_("Before"), N_("After"))

# Fields the core's label table does not name (message ids, translated when shown).
MORE_LABELS: dict[str, str] = {
    "phone": N_("phone number"),
    "email": N_("e-mail address"),
    "contact_preference": N_("contact preference"),
    "bewaren_tot": N_("kept until"),
    "bewaren_reden": N_("reason for keeping"),
    "deleted": N_("deleted"),
    "situatie": N_("situation"),
    "wens_inwoner": N_("what the resident wants"),
    "afspraken": N_("agreements"),
    "risicos": N_("risks"),
    "contactvoorkeur": N_("contact preference"),
    "nu": N_("now"),
    "over_een_jaar": N_("in a year"),
    "leefgebied": N_("leefgebied"),
    "doel": N_("purpose"),
    "in_eigen_woorden": N_("in their own words"),
}


def field_label(name: str) -> str:
    text = _(MORE_LABELS[name]) if name in MORE_LABELS else label(name)
    return text[:1].upper() + text[1:]


def change_moment(change: Any) -> str:
    """When a change was made: its wall-clock time when the store gives it, else the time in
    its hybrid logical clock stamp (milliseconds since 1970)."""
    at = getattr(change, "at", None)
    if isinstance(at, str) and at:
        return at
    try:
        ms, _counter = parse_hlc(change.hlc)
    except (AttributeError, ValueError):
        return ""
    moment = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class HistoryDialog(QDialog):
    """Every change of one record, optionally narrowed to one field."""

    def __init__(
        self,
        session: Session,
        entity: str,
        record_id: str,
        *,
        field: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.entity = entity
        self.record_id = record_id
        self._wanted = field
        self._names: dict[str, str] = {}
        self._all_rows: list[tuple[str, Row]] = []  # (field, row)
        self._begins = session.residents.history_begins()

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.field_label = QLabel(self)
        self.field_combo = QComboBox(self)
        self.field_label.setBuddy(self.field_combo)
        self.model = RowsModel(HEADERS, self)
        self.view = RecordView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        choose = QHBoxLayout()
        choose.addWidget(self.field_label)
        choose.addWidget(self.field_combo, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(choose)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.field_combo, self.view)

        chars = self.fontMetrics().averageCharWidth()
        self.resize(110 * chars, 30 * self.fontMetrics().height())
        self.retranslate()
        self.load()
        self.field_combo.currentIndexChanged.connect(self._apply_filter)

    # ------------------------------------------------------------------ data
    def load(self) -> None:
        try:
            changes = self.session.residents.history(self.entity, self.record_id)
            self._names = self.session.user_names()
        except Exception as exc:  # a refusal (role) or a damaged store: said here, in words
            self._show_error(exc)
            changes, self._names = [], {}
        rows: list[tuple[str, Row]] = []
        for change in reversed(changes):  # newest first
            stamp = change_moment(change)
            author = getattr(change, "author_id", None)
            who = self._names.get(author, "") if isinstance(author, str) else ""
            for name, (old, new) in sorted(change.fields.items()):
                rows.append(
                    (
                        name,
                        Row(
                            f"{change.op_id}:{name}",
                            (
                                format_moment(stamp),
                                who or "—",
                                field_label(name),
                                format_value(self.entity, name, old, self._names),
                                format_value(self.entity, name, new, self._names),
                            ),
                            sort_keys=(stamp, who, field_label(name).casefold(), None, None),
                            accessible=("", who or _("unknown"), "", "", ""),
                        ),
                    )
                )
        self._all_rows = rows
        self._fill_fields()
        self._apply_filter()

    def _fill_fields(self) -> None:
        present = sorted({name for name, _row in self._all_rows}, key=field_label)
        if self._wanted and self._wanted not in present:
            present.insert(0, self._wanted)
        self.field_combo.blockSignals(True)
        self.field_combo.clear()
        self.field_combo.addItem(_("All fields"), None)
        for name in present:
            self.field_combo.addItem(field_label(name), name)
        index = self.field_combo.findData(self._wanted) if self._wanted else 0
        self.field_combo.setCurrentIndex(max(index, 0))
        self.field_combo.blockSignals(False)

    @Slot()
    def _apply_filter(self) -> None:
        wanted = self.field_combo.currentData()
        self._wanted = wanted if isinstance(wanted, str) else None
        self.model.set_rows([row for name, row in self._all_rows if self._wanted in (None, name)])
        if self._wanted:
            self.view.set_placeholder(_("This field has not been changed."))
        else:
            self.view.set_placeholder(_("No changes recorded."))

    def rows(self) -> list[Row]:
        return self.model.rows()

    def _show_error(self, exc: BaseException) -> None:
        self.error_label.setText("⚠ " + error_text(exc))
        self.error_label.setVisible(True)

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        self.setWindowTitle(_("History"))
        intro = _(
            "Every change, newest first: when it was made, by whom, and the value before and after."
        )
        if self._begins:
            intro += " " + _(
                "This laptop caught up from a copy of the shared folder made on {moment}: "
                "changes from before then may be missing here. The laptops that made them "
                "keep them.",
                moment=format_moment(self._begins),
            )
        self.intro.setText(intro)
        self.field_label.setText(_("&Field:"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Close"))
        self.field_combo.setAccessibleName(_("Field"))
        self.view.setAccessibleName(_("Changes"))
        self.model.retranslate()
        if self._all_rows or self.field_combo.count():
            self.load()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        self.model.clear()  # the old values are personal data
        self._all_rows = []
        super().done(result)
