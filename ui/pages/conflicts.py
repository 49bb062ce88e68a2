"""Conflicten: fields two colleagues changed without having seen each other's change.

Both values were kept by the sync; the field shows one of them. This screen lists every
conflict and shows the values of the selected one side by side, each with who changed it and
when, and a button to keep it. The choice is a change like any other: it reaches the team at
the next sync and closes the conflict on every laptop.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.format import format_moment, format_value, scaled_font
from ui.pages.base import Navigator, Page
from ui.widgets import ErrorLabel, RecordView, Row, RowsModel
from werkplein.domain.labels import label
from werkplein.domain.roles import Permission
from werkplein.errors import WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.services.sharing import RESOLVE_PERMISSION, Conflict, Side

# The kind of record, as people call it.
KINDS: dict[str, str] = {
    "inwoner": N_("Resident"),
    "gezinslid": N_("Household member"),
    "notitie": N_("Note"),
    "casus": N_("Case"),
    "besluit": N_("Decision"),
    "huisbezoek": N_("Home visit"),
    "overdracht": N_("Handover"),
    "boete": N_("Fine"),
    "boete_notitie": N_("Note on a fine"),
    "signaal": N_("Signal"),
    "toekomstplan": N_("Future plan"),
    "plan_regel": N_("Line of a future plan"),
    "prijs": N_("Price"),
    "instelling": N_("Team setting"),
    "gebruiker": N_("Colleague"),
}
COLUMNS = (N_("Resident"), N_("Kind"), N_("Field"), N_("Values"))
LIST_ROWS = 6  # the list's height; the values below get the rest


def kind_label(entity: str) -> str:
    return _(KINDS[entity]) if entity in KINDS else entity


def field_label(field: str) -> str:
    text = label(field)
    return text[:1].upper() + text[1:]


def _key(conflict: Conflict) -> str:
    return json.dumps(conflict.key)


class SideCard(QFrame):
    """One of the values: the value itself (selectable), who changed it and when, and the
    button that keeps it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("conflictSide")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(self)
        font = QFont(self.caption.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.caption.setFont(font)
        self.value_label = QLabel(self)
        self.value_label.setObjectName("conflictValue")
        self.value_label.setTextFormat(Qt.TextFormat.PlainText)
        self.value_label.setWordWrap(True)
        self.value_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.value_label.setFont(scaled_font(self.value_label.font(), 1.25))
        self.meta = QLabel(self)
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        mute(self.meta)
        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName("keepValue")
        self.keep_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(self.caption)
        layout.addWidget(self.value_label)
        layout.addWidget(self.meta)
        layout.addStretch(1)
        layout.addWidget(self.keep_button)


class ConflictsPage(Page):
    key = "conflicts"

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.conflicts: dict[str, Conflict] = {}
        self.cards: list[SideCard] = []
        self._users: dict[str, str] = {}

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.list_label = QLabel(self)
        self.model = RowsModel(COLUMNS, self)
        self.view = RecordView(self)
        self.view.setObjectName("conflictList")
        self.view.setModel(self.model)
        self.view.set_stretch_column(3)
        self.view.setSortingEnabled(True)
        self.list_label.setBuddy(self.view)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.open_requested.connect(self._focus_first_side)

        self.detail = QWidget(self)
        self.detail.setObjectName("conflictDetail")
        self.heading = QLabel(self.detail)
        self.heading.setObjectName("conflictHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.heading.font(), 1.2, QFont.Weight.DemiBold))
        self.explanation = QLabel(self.detail)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.sides = QHBoxLayout()
        self.sides.setSpacing(12)
        self.error = ErrorLabel(self.detail)
        self.dossier_button = QPushButton(self.detail)
        self.dossier_button.setObjectName("openDossier")
        self.dossier_button.clicked.connect(self.open_dossier)
        buttons = QHBoxLayout()
        buttons.addWidget(self.dossier_button)
        buttons.addStretch(1)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.setSpacing(8)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.explanation)
        detail_layout.addLayout(self.sides)
        detail_layout.addWidget(self.error)
        detail_layout.addLayout(buttons)
        detail_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("conflictValues")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.detail)
        self.values_area = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addWidget(self.list_label)
        layout.addWidget(self.view)
        layout.addSpacing(8)
        layout.addWidget(scroll, 1)
        self._fit_list()
        self.retranslate()

    # ------------------------------------------------------------------ texts
    def title(self) -> str:
        return _("Conflicts")

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Two colleagues changed the same field before either had seen the other's "
                "change. Both values were kept; the one shown now is the later one. Choose "
                "which value stays: your choice reaches the whole team at the next sync."
            )
        )
        self.list_label.setText(_("&Conflicts waiting for a choice"))
        self.view.setAccessibleName(_("Conflicts waiting for a choice"))
        self.view.set_placeholder(
            _("There are no conflicts. Everything colleagues changed fits together.")
        )
        self.dossier_button.setText(_("Open the &dossier"))
        self.dossier_button.setAccessibleName(_("Open the dossier of this resident"))
        self.values_area.setAccessibleName(_("The values of the chosen conflict"))
        self.model.retranslate()
        if not self._stale:
            self.refresh()

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        selected = self.selected()
        current = self.view.currentIndex().row()
        conflicts = self.session.sharing.conflicts()
        self._users = self.session.user_names()
        ids = [c.inwoner_id for c in conflicts if c.inwoner_id]
        residents = self.session.residents.names(ids) if ids else {}
        self.conflicts = {_key(c): c for c in conflicts}
        rows = []
        for conflict in conflicts:
            if conflict.entity == "gebruiker":
                who = self._users.get(conflict.record_id, "—")
            else:
                who = residents.get(conflict.inwoner_id or "", "—")
            values = " / ".join(
                format_value(conflict.entity, conflict.field, side.value, self._users).replace(
                    "\n", " "
                )
                for side in conflict.sides
            )
            rows.append(
                Row(
                    _key(conflict),
                    [who, kind_label(conflict.entity), field_label(conflict.field), values],
                )
            )
        self.model.set_rows(rows)
        row = self.model.row_of(_key(selected)) if selected is not None else -1
        if row < 0 and rows:
            row = min(max(current, 0), len(rows) - 1)  # the next one after a resolved conflict
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectRow(row)
        self._show(self.selected())

    def selected(self) -> Conflict | None:
        index = self.view.currentIndex()
        key = self.model.key(index.row()) if index.isValid() else None
        return self.conflicts.get(key) if key is not None else None

    def _fit_list(self) -> None:
        rows = LIST_ROWS
        height = self.view.fontMetrics().height() + 12
        header = self.view.horizontalHeader().sizeHint().height()
        self.view.setMinimumHeight(header + 3 * height)
        self.view.setMaximumHeight(header + rows * height + 2 * self.view.frameWidth())

    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.error.clear_error()
        self._show(self.selected())

    # ------------------------------------------------------------------ detail
    def _clear_cards(self) -> None:
        for card in self.cards:
            self.sides.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []

    def _show(self, conflict: Conflict | None) -> None:
        self._clear_cards()
        self.detail.setVisible(conflict is not None)
        if conflict is None:
            self.heading.clear()
            self.explanation.clear()
            return
        found = self.model.row(self.model.row_of(_key(conflict)))
        who = found.cells[0] if found is not None else "—"
        kind = kind_label(conflict.entity).lower()
        field = field_label(conflict.field)
        self.heading.setText(
            _("{field} ({kind}) · {name}", field=field, kind=kind, name=who)
            if who != "—"
            else _("{field} ({kind})", field=field, kind=kind)
        )
        permission = RESOLVE_PERMISSION.get(conflict.entity, Permission.EDIT_POLICY)
        allowed = self.session.can(permission)
        explanation = _(
            "{count} values were saved for this field at about the same time. Compare them and "
            "keep the right one.",
            count=len(conflict.sides),
        )
        if not allowed:
            explanation += " " + _(
                "Your role may not change this kind of record; a colleague who may will choose."
            )
        self.explanation.setText(explanation)
        previous: QWidget = self.view
        for number, side in enumerate(conflict.sides, start=1):
            card = self._card(conflict, side, number, allowed)
            self.sides.addWidget(card, 1)
            card.show()  # now, not at the next turn of the event loop: Tab reaches it at once
            self.cards.append(card)
            QWidget.setTabOrder(previous, card.keep_button)
            previous = card.keep_button
        self.dossier_button.setVisible(
            conflict.inwoner_id is not None and conflict.entity not in ("prijs", "instelling")
        )
        QWidget.setTabOrder(previous, self.dossier_button)

    def _card(self, conflict: Conflict, side: Side, number: int, allowed: bool) -> SideCard:
        card = SideCard(self.detail)
        value = format_value(conflict.entity, conflict.field, side.value, self._users)
        caption = _("Value {number}", number=number)
        if number == 1:
            caption = _("Value {number} · shown now", number=number)
        card.caption.setText(caption)
        card.value_label.setText(value)
        card.value_label.setAccessibleName(f"{caption}: {value}")
        author = self._users.get(side.author_id or "", "")
        moment = format_moment(side.at)
        meta = (
            _("Changed by {name} on {moment}", name=author, moment=moment)
            if author
            else _("Changed on {moment}", moment=moment)
        )
        if side.device_id == self.session.profile.device_id:
            meta += " " + _("(on this laptop)")
        card.meta.setText(meta)
        card.keep_button.setText(_("Keep this value"))
        card.keep_button.setAccessibleName(
            _("Keep value {number}: {value}", number=number, value=value.replace("\n", " "))
        )
        card.keep_button.setAccessibleDescription(meta)
        card.keep_button.setEnabled(allowed)
        card.keep_button.clicked.connect(
            lambda _checked=False, c=conflict, v=side.value: self.keep(c, v)
        )
        return card

    @Slot()
    def _focus_first_side(self) -> None:
        if self.cards and self.cards[0].keep_button.isEnabled():
            self.cards[0].keep_button.setFocus(Qt.FocusReason.TabFocusReason)

    # ------------------------------------------------------------------ actions
    def keep(self, conflict: Conflict, value: Any) -> None:
        """Settle the conflict with ``value``; the list moves on to the next one."""
        self.error.clear_error()
        try:
            self.session.sharing.resolve(conflict.entity, conflict.record_id, conflict.field, value)
        except WerkpleinError as exc:
            self.error.show_error(exc)
            return
        except Exception as exc:
            self.nav.show_error(exc)
            return
        self.nav.data_changed(self)
        self.refresh()
        self.nav.show_status(
            _("The value was kept. Your colleagues get this choice at the next sync.")
        )
        if self.cards:
            self._focus_first_side()
        else:
            self.view.setFocus()

    @Slot()
    def open_dossier(self) -> None:
        conflict = self.selected()
        if conflict is not None and conflict.inwoner_id:
            self.nav.open_dossier(conflict.inwoner_id)

    def release(self) -> None:
        self._clear_cards()
        self.model.clear()
        self.conflicts = {}
        self._users = {}
        self.heading.clear()
        self.explanation.clear()
