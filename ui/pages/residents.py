"""Inwoners: find a resident as you type, by name, BSN, address or a word from a note.

Typing is debounced and every search runs in a worker on its own connection, so the screen
never stalls on 20 000 residents; only the newest query's answer is shown. The table never
shows a BSN in full (someone may be looking over a shoulder): the dossier does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, error_text, mute
from ui.pages.base import Navigator, Page
from ui.shortcuts import key as shortcut
from ui.widgets import ModelIndex, RecordView, format_birth_date, sort_text
from ui.workers import Progress, run_task
from werkplein.domain import bsn as bsn_rules
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.store.search import ResidentHit

DEBOUNCE_MS = 30  # a search takes a few ms: the pause only merges fast typing
LIMIT = 200  # rows shown; one more is asked for, to know there are more

COLUMNS = (
    N_("Name"),
    N_("BSN"),
    N_("Date of birth"),
    N_("Address"),
    N_("Gemeente"),
    N_("Found in"),
)
NAME, BSN, BORN, ADDRESS, GEMEENTE, FOUND = range(len(COLUMNS))
MATCHED_IN = {
    "name": N_("name"),
    "bsn": N_("BSN"),
    "address": N_("address"),
    "note": N_("note"),
}


class ResidentsModel(QAbstractTableModel):
    """Search results. Sortable on every column; the BSN only masked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[ResidentHit] = []
        self._natural: list[ResidentHit] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._cells: dict[tuple[str, int], str] = {}

    def set_hits(self, hits: Sequence[ResidentHit]) -> None:
        self.beginResetModel()
        self._cells.clear()
        self._natural = list(hits)
        self._hits = self._sorted()
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def hit(self, row: int) -> ResidentHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    @staticmethod
    def text(hit: ResidentHit, column: int) -> str:
        if column == NAME:
            return hit.name
        if column == BSN:
            return bsn_rules.mask(hit.bsn) if hit.bsn else ""
        if column == BORN:
            return format_birth_date(hit.birth_date)
        if column == ADDRESS:
            return hit.address
        if column == GEMEENTE:
            return hit.gemeente
        return _(MATCHED_IN.get(hit.matched_in, hit.matched_in))

    @staticmethod
    def sort_key(hit: ResidentHit, column: int) -> str:
        if column == BORN:
            return hit.birth_date
        if column == BSN:
            return hit.bsn[-4:]
        return sort_text(ResidentsModel.text(hit, column))

    def cell(self, hit: ResidentHit, column: int) -> str:
        """The shown text, formatted once per result (painting asks for it many times)."""
        key = (hit.id, column)
        text = self._cells.get(key)
        if text is None:
            text = self._cells[key] = self.text(hit, column)
        return text

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(hit, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if index.column() == BSN:
                return _("BSN ending in {digits}", digits=" ".join(hit.bsn[-4:]))
            return self.cell(hit, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == ADDRESS:
            return hit.address
        if role == Qt.ItemDataRole.UserRole:
            return hit.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._hits = self._sorted()
        self.layoutChanged.emit()

    def _sorted(self) -> list[ResidentHit]:
        column, order = self._sort
        if not 0 <= column < len(COLUMNS):
            return list(self._natural)  # the search's own order: best matches first
        return sorted(
            self._natural,
            key=lambda h: self.sort_key(h, column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def retranslate(self) -> None:
        self._cells.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._hits:
            self.dataChanged.emit(self.index(0, FOUND), self.index(len(self._hits) - 1, FOUND))


class SearchField(QLineEdit):
    """The search field: Down moves into the results, Enter opens the first result."""

    def __init__(self, page: ResidentsPage) -> None:
        super().__init__(page)
        self._page = page

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self._page.model.rowCount():
            self._page.table.setFocus(Qt.FocusReason.TabFocusReason)
            self._page.table.setCurrentIndex(self._page.model.index(0, 0))
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._page.enter_pressed()
            return
        super().keyPressEvent(event)


class ResidentsPage(Page):
    key = "residents"

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self._generation = 0  # bumped for every search; older answers are dropped
        self._shown_query: tuple[str, str | None] | None = None
        self._more = False
        self._error: BaseException | None = None
        self._searching = False
        self._open_on_results = False

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.search_label = QLabel(self)
        self.search_edit = SearchField(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setObjectName("residentSearch")
        self.search_label.setBuddy(self.search_edit)
        self.gemeente_label = QLabel(self)
        self.gemeente_combo = QComboBox(self)
        self.gemeente_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.gemeente_label.setBuddy(self.gemeente_combo)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.model = ResidentsModel(self)
        self.table = RecordView(self, max_chars=26)  # the address gets the rest
        self.table.setObjectName("residentResults")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.set_stretch_column(ADDRESS)
        self.table.open_requested.connect(self.open_row)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(self._on_text)
        self.gemeente_combo.currentIndexChanged.connect(self._on_gemeente)
        self.filter_shortcut = QShortcut(shortcut("filter"), self)
        self.filter_shortcut.activated.connect(self._focus_filter)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.search_label)
        top.addWidget(self.search_edit, 1)
        top.addSpacing(16)
        top.addWidget(self.gemeente_label)
        top.addWidget(self.gemeente_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search_edit, self.gemeente_combo)
        self.setTabOrder(self.gemeente_combo, self.table)
        self.setFocusProxy(self.search_edit)

        self._fill_gemeenten()
        self.retranslate()

    # ------------------------------------------------------------------ texts
    def title(self) -> str:
        return _("Residents")

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Type a name, BSN, postcode, address or a word from a note. "
                "Press Enter or double-click a resident to open the dossier."
            )
        )
        self.search_label.setText(_("&Search:"))
        self.search_edit.setPlaceholderText(_("Name, BSN, address or note text"))
        self.search_edit.setAccessibleName(_("Search residents"))
        self.gemeente_label.setText(_("Ge&meente:"))
        self.gemeente_combo.setAccessibleName(_("Filter by gemeente"))
        if self.gemeente_combo.count():
            self.gemeente_combo.setItemText(0, _("All gemeenten"))
        self.table.setAccessibleName(_("Residents found"))
        self.model.retranslate()
        self._update_count()

    def _fill_gemeenten(self) -> None:
        current = self.gemeente_combo.currentData()
        self.gemeente_combo.blockSignals(True)
        self.gemeente_combo.clear()
        self.gemeente_combo.addItem(_("All gemeenten"), None)
        try:
            gemeenten = self.session.policy.region().gemeenten
        except Exception as exc:  # the search still works without the filter
            self.nav.show_error(exc)
            gemeenten = ()
        for name in gemeenten:
            self.gemeente_combo.addItem(name, name)
        index = self.gemeente_combo.findData(current) if current else 0
        self.gemeente_combo.setCurrentIndex(max(index, 0))
        self.gemeente_combo.blockSignals(False)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Data changed elsewhere (a new resident, a new note): search again."""
        self._fill_gemeenten()
        if self.search_edit.text().strip():
            self._search(force=True)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    @Slot()
    def _focus_filter(self) -> None:
        self.gemeente_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.gemeente_combo.showPopup()

    def gemeente(self) -> str | None:
        data = self.gemeente_combo.currentData()
        return data if isinstance(data, str) else None

    @Slot(str)
    def _on_text(self, _text: str) -> None:
        self.timer.start()

    @Slot(int)
    def _on_gemeente(self, _index: int) -> None:
        self.search_now()

    @Slot()
    def search_now(self) -> None:
        """Search for what is in the field now (the debounce timer ends up here)."""
        self._search(force=False)

    def enter_pressed(self) -> None:
        """Enter in the search field: one result opens, several move into the table."""
        self._open_on_results = True
        self._search(force=False)
        if not self._searching:
            self._after_enter()

    def _after_enter(self) -> None:
        self._open_on_results = False
        if self.model.rowCount() == 1:
            self.open_row(0)
        elif self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _search(self, *, force: bool) -> None:
        self.timer.stop()
        query = self.search_edit.text().strip()
        gemeente = self.gemeente()
        self._generation += 1
        generation = self._generation
        self._error = None
        if not query:
            self._searching = False
            self._shown_query = None
            self._more = False
            self.model.clear()
            self._update_count()
            return
        if self._shown_query == (query, gemeente) and not force:
            self._searching = False
            self._update_count()
            return
        self._searching = True
        self._update_count()

        def search(session: Session, _progress: Progress) -> list[ResidentHit]:
            return session.residents.search(query, gemeente=gemeente, limit=LIMIT + 1)

        run_task(
            self,
            self.session,
            search,
            on_done=lambda hits: self._on_results(generation, query, gemeente, hits),
            on_error=lambda exc: self._on_failed(generation, exc),
        )

    def _on_results(
        self, generation: int, query: str, gemeente: str | None, hits: list[ResidentHit]
    ) -> None:
        if generation != self._generation:
            return  # typed on meanwhile: a newer search is under way
        self._searching = False
        self._shown_query = (query, gemeente)
        self._more = len(hits) > LIMIT
        self.model.set_hits(hits[:LIMIT])
        self._update_count()
        if self._open_on_results:
            self._after_enter()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._searching = False
        self._error = exc
        self._open_on_results = False
        self.model.clear()
        self._update_count()

    def _update_count(self) -> None:
        """The line above the table, and what the empty table says."""
        count = self.model.rowCount()
        query = self.search_edit.text().strip()
        colour = ""
        if self._error is not None:
            text = "⚠ " + error_text(self._error)
            colour = ERROR_COLOUR
        elif not query:
            text = ""
        elif self._searching and not count:
            text = _("Searching…")
        elif self._more:
            text = _(
                "More than {count} residents found: type more to narrow the search.", count=LIMIT
            )
        elif count == 1:
            text = _("1 resident found")
        elif count:
            text = _("{count} residents found", count=count)
        else:
            text = _("No residents found")
        self.count_label.setText(text)
        self.count_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.count_label.setAccessibleName(text)
        if not query:
            self.table.set_placeholder(
                _(
                    'Start typing to find a resident: a name ("de Vries"), a BSN, a postcode '
                    '("7543 AV"), a street or a word from a note.'
                )
            )
        elif self._searching:
            self.table.set_placeholder("")
        elif self.gemeente() is not None:
            self.table.set_placeholder(
                _(
                    'No resident in {gemeente} matches "{query}". Check the spelling, or '
                    'choose "All gemeenten".',
                    gemeente=self.gemeente() or "",
                    query=query,
                )
            )
        else:
            self.table.set_placeholder(
                _(
                    'No resident matches "{query}". Check the spelling, or search by BSN '
                    "or postcode.",
                    query=query,
                )
            )

    # ------------------------------------------------------------------ opening
    @Slot(int)
    def open_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            self.nav.open_dossier(hit.id)

    def release(self) -> None:
        self.timer.stop()
        self._generation += 1  # a search still running is dropped when it answers
        self._shown_query = None
        self._searching = False
        self._open_on_results = False
        self._more = False
        self.model.clear()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.count_label.clear()
