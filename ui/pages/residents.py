"""Inwoners: find a resident as you type, by name, BSN, address or a word from a note.

Every search runs off the UI thread, so the screen never stalls on 20 000 residents. A
keystroke starts a search at once; keys typed while one runs wait for its answer and are then
searched together, and only the newest query's answer is shown. The table never shows a BSN
in full (someone may be looking over a shoulder): the dossier does; its last four digits, as
shown, find the resident. A name with a typo still finds the resident (found in "similar name",
after the exact matches); for a resident found through a note, the words around the match show
under the table, the matching ones in bold (and in the row's tooltip).

Speed (a keystroke should show its results within 50 ms):
- the searches run on one thread of this page that keeps its connection open (a
  ``ui.tasks.Lane``): a new SQLCipher connection starts with a cold page cache and takes three
  to four times as long for the same query;
- the table gets the first ``BATCH`` results and fetches more as the user scrolls;
- rows have one fixed height and columns fixed widths from the font, never measured from the
  cells (Qt would otherwise ask every cell of every row for its size on each keystroke);
- every row's texts are formatted once; the empty-table text and the count's colour are only
  set when they change, as each set repaints.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QRect,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, error_text, mute
from ui.format import format_birth_date
from ui.pages.base import Navigator, Page
from ui.shortcuts import key as shortcut
from ui.tasks import Lane, Progress
from ui.widgets import ModelIndex, RecordView, sort_text
from werkplein.domain import bsn as bsn_rules
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.services.types import ResidentHit

DEBOUNCE_MS = 0  # keys typed during a search: searched on the next turn of the event loop
LIMIT = 200  # results kept; one more is asked for, to know there are more
BATCH = 50  # rows handed to the table at once; more as the user scrolls down

COLUMNS = (
    N_("Name"),
    N_("BSN"),
    N_("Date of birth"),
    N_("Address"),
    N_("Gemeente"),
    N_("Found in"),
)
NAME, BSN, BORN, ADDRESS, GEMEENTE, FOUND = range(len(COLUMNS))
# column widths in average characters: wanted, and the least when the window is narrow; the
# address takes what is left, and at least ADDRESS_CHARS while the others can still give way
WIDTHS = {NAME: 28, BSN: 12, BORN: 12, GEMEENTE: 16, FOUND: 11}
NARROWEST = {NAME: 12, BSN: 10, BORN: 10, GEMEENTE: 10, FOUND: 8}  # the results measured on top
FULL = {BSN: "*****8888", BORN: "88-88-8888"}  # never cut (nor are the column titles)
ADDRESS_CHARS = 32
# roles as plain ints: data() is called thousands of times per repaint
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
USER = int(Qt.ItemDataRole.UserRole)
ANSWERED = frozenset({DISPLAY, ACCESSIBLE, TOOLTIP, USER})
MATCHED_IN = {
    "name": N_("name"),
    "similar_name": N_("similar name"),
    "bsn": N_("BSN"),
    "address": N_("address"),
    "note": N_("note"),
}
# private-use marks around the matching words of a note (turned into bold, or dropped)
HIGHLIGHT = ("\ue000", "\ue001")


def plain_snippet(snippet: str) -> str:
    """A note hit's snippet without the highlight marks."""
    return snippet.replace(HIGHLIGHT[0], "").replace(HIGHLIGHT[1], "")


def rich_snippet(snippet: str) -> str:
    """A note hit's snippet as rich text, the matching words in bold."""
    return html.escape(snippet).replace(HIGHLIGHT[0], "<b>").replace(HIGHLIGHT[1], "</b>")


class ResidentsModel(QAbstractTableModel):
    """Search results. Sortable on every column (over all results, not only the rows fetched);
    the BSN only masked. Shows ``BATCH`` rows at first and more through ``fetchMore``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[ResidentHit] = []
        self._natural: list[ResidentHit] = []
        self._loaded = 0  # rows the view knows about
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._cells: dict[str, tuple[str, ...]] = {}

    def set_hits(self, hits: Sequence[ResidentHit]) -> None:
        self.beginResetModel()
        self._cells.clear()
        self._natural = list(hits)
        self._hits = self._sorted()
        self._loaded = min(len(self._hits), BATCH)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def total(self) -> int:
        """All results, also those not fetched into the table yet."""
        return len(self._hits)

    def hit(self, row: int) -> ResidentHit | None:
        return self._hits[row] if 0 <= row < self._loaded else None

    def first_note_hit(self) -> ResidentHit | None:
        """The first row in the table found through a note, with its snippet."""
        for hit in self._hits[: self._loaded]:
            if hit.matched_in == "note" and hit.snippet:
                return hit
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self._loaded < len(self._hits)

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        end = min(self._loaded + BATCH, len(self._hits))
        self.beginInsertRows(QModelIndex(), self._loaded, end - 1)
        self._loaded = end
        self.endInsertRows()

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

    def cells(self, hit: ResidentHit) -> tuple[str, ...]:
        """The row's shown texts, formatted once per result (painting asks many times)."""
        cells = self._cells.get(hit.id)
        if cells is None:
            cells = self._cells[hit.id] = tuple(self.text(hit, c) for c in range(len(COLUMNS)))
        return cells

    def cell(self, hit: ResidentHit, column: int) -> str:
        return self.cells(hit)[column]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> Any:
        if role not in ANSWERED:
            return None  # fonts, colours, alignment...: Qt's defaults
        row = index.row()
        if not 0 <= row < self._loaded:
            return None
        hit = self._hits[row]
        column = index.column()
        if role == DISPLAY:
            return self.cells(hit)[column]
        if role == USER:
            return hit.id
        note = plain_snippet(hit.snippet) if hit.matched_in == "note" else ""
        if role == ACCESSIBLE:
            if column == BSN:
                return _("BSN ending in {digits}", digits=" ".join(hit.bsn[-4:]))
            if column == FOUND and note:
                return _("note: {snippet}", snippet=note)
            return self.cells(hit)[column]
        if column == ADDRESS:  # the tooltip
            return hit.address
        return note or None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if (
            role == DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == self._sort:
            return  # already in this order: nothing to move
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
        if self._loaded:
            self.dataChanged.emit(self.index(0, FOUND), self.index(self._loaded - 1, FOUND))


class ResultsView(RecordView):
    """The results table with fixed sizes: one text line per row, column widths from the font
    and the results held (at most ``LIMIT``; a few hundred text widths), never from laying
    out the cells, so a new result list costs only the visible rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._two_lines = False
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_rows()

    def _fit_rows(self) -> None:
        rows = self.verticalHeader()
        rows.setMinimumSectionSize(1)
        lines = self.fontMetrics().height() + (
            self.fontMetrics().lineSpacing() if self._two_lines else 0
        )
        rows.setDefaultSectionSize(lines + 10)

    def _set_two_lines(self, two: bool) -> None:
        """One text line per row, or two when the address needs them (a narrow window)."""
        if two != self._two_lines:
            self._two_lines = two
            self.setWordWrap(two)
            self._fit_rows()

    def _fits_in_two_lines(self, width: int) -> bool:
        """Every address held wraps onto at most two lines in ``width`` px."""
        model: QAbstractItemModel | None = self.model()
        if model is None or width <= 0:
            return False
        metrics = self.fontMetrics()
        area = QRect(0, 0, width, 10 * metrics.lineSpacing())
        two = metrics.height() + metrics.lineSpacing()
        for row in range(model.rowCount()):
            text = model.data(model.index(row, ADDRESS))
            wrapped = metrics.boundingRect(area, int(Qt.TextFlag.TextWordWrap), str(text or ""))
            if wrapped.width() > width or wrapped.height() > two:
                return False
        return True

    def _widest(self, column: int) -> int:
        """The widest text of the column among the results held (0 without results)."""
        model: QAbstractItemModel | None = self.model()
        if model is None:
            return 0
        metrics = self.fontMetrics()
        texts = (model.data(model.index(row, column)) for row in range(model.rowCount()))
        return max((metrics.horizontalAdvance(str(text)) for text in texts if text), default=0)

    def fit_columns(self) -> None:
        """Every column as wide as its widest result (with room for the header and its sort
        arrow), the address taking the rest. In a narrow window the columns give way (down
        to ``NARROWEST``, never below a whole name or number) to the address; when even that
        is too little, the address wraps onto a second line (every row two lines high), and
        only when that is not enough either does the table scroll sideways: an address is
        never cut off."""
        chars = max(self.fontMetrics().averageCharWidth(), 1)
        header = self.horizontalHeader()
        model = self.model()
        wanted: dict[int, int] = {}
        least: dict[int, int] = {}
        for column, width in WIDTHS.items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
            title_width = header.fontMetrics().horizontalAdvance(title)
            texts = [FULL.get(column, "")]
            if column == FOUND:  # every "found in" word fits, in the current language
                texts += [_(label) for label in MATCHED_IN.values()]
            full = max(self.fontMetrics().horizontalAdvance(t) for t in texts) + 2 * chars
            full = max(full, self._widest(column) + 2 * chars)
            wanted[column] = max(width * chars, title_width + 4 * chars, full)  # + sort arrow
            narrowest = max(NARROWEST[column] * chars, full, title_width + 2 * chars)
            least[column] = min(narrowest, wanted[column])
        # the address on one line: its text and the cell's margins (as Qt's style draws them)
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
        address = max(ADDRESS_CHARS * chars, self._widest(ADDRESS) + 2 * (margin + 1) + 2)
        spare = sum(wanted.values()) - sum(least.values())
        # the scroll bar may come with the rows, after this: leave room for it now
        room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        short = sum(wanted.values()) + address - room
        give = min(max(short, 0) / spare, 1.0) if spare else 0.0
        for column, width in wanted.items():
            self.setColumnWidth(column, math.floor(width - (width - least[column]) * give))
        left = room - sum(self.columnWidth(column) for column in wanted)
        if left >= address or self._fits_in_two_lines(left - 2 * (margin + 1) - 2):
            self._set_two_lines(left < address)
            header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        else:
            self._set_two_lines(False)
            header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(ADDRESS, address)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()
            self.fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()


def search_work(
    opener: Callable[[], Session], query: str, gemeente: str | None
) -> Callable[[dict[str, Any], Progress], list[ResidentHit]]:
    """One search on the page's lane, on the session the lane keeps open between searches, so
    a search finds the pages it needs already decrypted in that connection's cache."""

    def work(state: dict[str, Any], _progress: Progress) -> list[ResidentHit]:
        own = state.get("session")
        if own is None:
            own = state["session"] = opener()
        try:
            return list(
                own.residents.search(query, gemeente=gemeente, limit=LIMIT + 1, highlight=HIGHLIGHT)
            )
        except Exception:
            close_search_session(state)  # the next search starts on a new connection
            raise

    return work


def close_search_session(state: dict[str, Any]) -> None:
    """On the lane's thread, as it ends: the connection is closed where it was opened."""
    own = state.pop("session", None)
    if own is not None:
        own.close()


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
    shows = frozenset({"inwoner", "gezinslid", "notitie"})

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self._generation = 0  # bumped for every search; older answers are dropped
        self._shown_query: tuple[str, str | None] | None = None
        self._more = False
        self._error: BaseException | None = None
        self._searching = False
        self._open_on_results = False
        self._in_flight = 0  # searches started and not answered yet
        self._pending = False  # typed on while a search ran: search again when it answers
        self._count_colour = ""
        self._lane: Lane | None = None  # started with the first search

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
        self.table = ResultsView(self)
        self.table.setObjectName("residentResults")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.set_stretch_column(ADDRESS)  # the address gets the rest
        self.table.open_requested.connect(self.open_row)
        # the matching words of a note hit: the current row's, else the first note hit's
        self.snippet_label = QLabel(self)
        self.snippet_label.setObjectName("noteSnippet")
        self.snippet_label.setTextFormat(Qt.TextFormat.RichText)
        self.snippet_label.setWordWrap(True)
        self.snippet_label.setVisible(False)
        self._snippet_text = ""
        self.model.modelReset.connect(self._update_snippet)
        self.model.rowsInserted.connect(self._update_snippet)
        self.model.layoutChanged.connect(self._update_snippet)
        self.table.selectionModel().currentRowChanged.connect(self._update_snippet)

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
        layout.addWidget(self.snippet_label)
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
        self._update_snippet()

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
        if self._in_flight:
            self._pending = True  # searched as soon as the running search answers
        else:
            self._search(force=False)  # at once: the worker starts while the field repaints

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
        if self.model.total() == 1:
            self.open_row(0)
        elif self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _search(self, *, force: bool) -> None:
        self.timer.stop()
        self._pending = False
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
        lane = self._start_lane()
        self._in_flight += 1
        lane.run(
            self,
            search_work(self._opener, query, gemeente),
            on_done=lambda hits: self._on_results(generation, query, gemeente, hits),
            on_error=lambda exc: self._on_failed(generation, exc),
        )

    def _start_lane(self) -> Lane:
        if self._lane is None:
            lane = Lane("residentSearch")
            self._opener = self.session.opener()
            # a page deleted without release() (never on lock or quit) still ends its lane
            self.destroyed.connect(lambda _obj=None: lane.close(close_search_session))
            self._lane = lane
        return self._lane

    def _stop_lane(self) -> None:
        lane, self._lane = self._lane, None
        if lane is not None:
            lane.close(close_search_session)

    def _answered(self) -> None:
        """A search ended (shown or dropped): keys typed meanwhile are searched now."""
        self._in_flight = max(self._in_flight - 1, 0)
        if self._pending and not self._in_flight:
            self._pending = False
            self.timer.start()

    def _on_results(
        self, generation: int, query: str, gemeente: str | None, hits: list[ResidentHit]
    ) -> None:
        self._answered()
        if generation != self._generation:
            return  # a newer search is under way
        self._searching = False
        self._shown_query = (query, gemeente)
        self._more = len(hits) > LIMIT
        self.model.set_hits(hits[:LIMIT])
        self._update_count()
        if self._open_on_results:
            self._after_enter()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        self._answered()
        if generation != self._generation:
            return
        self._searching = False
        self._error = exc
        self._open_on_results = False
        self.model.clear()
        self._update_count()

    def _update_count(self) -> None:
        """The line above the table, and what the empty table says."""
        count = self.model.total()
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
        if colour != self._count_colour:  # a new style sheet re-polishes: only on a change
            self._count_colour = colour
            self.count_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.count_label.setAccessibleName(text)
        if count:
            # the placeholder is only shown (and read out) when the table is empty; setting it
            # repaints the table, which a keystroke should not wait for
            return
        if not query:
            placeholder = _(
                'Start typing to find a resident: a name ("de Vries"), a BSN, a postcode '
                '("7543 AV"), a street or a word from a note.'
            )
        elif self._searching:
            placeholder = ""
        elif self.gemeente() is not None:
            placeholder = _(
                'No resident in {gemeente} matches "{query}". Check the spelling, or '
                'choose "All gemeenten".',
                gemeente=self.gemeente() or "",
                query=query,
            )
        else:
            placeholder = _(
                'No resident matches "{query}". Check the spelling, or search by BSN or postcode.',
                query=query,
            )
        if placeholder != self.table.placeholder():
            self.table.set_placeholder(placeholder)

    @Slot()
    def _update_snippet(self, *_args: object) -> None:
        """Under the table: the words around the match in the note of the current row, or,
        when that row was not found through a note, of the first row that was."""
        hit = self.model.hit(self.table.currentIndex().row())
        if hit is None or hit.matched_in != "note" or not hit.snippet:
            hit = self.model.first_note_hit()
        text = spoken = ""
        if hit is not None:
            intro = _("In a note on {name}:", name=hit.name)
            text = f"{html.escape(intro)} {rich_snippet(hit.snippet)}"
            spoken = f"{intro} {plain_snippet(hit.snippet)}"
        if text == self._snippet_text:
            return  # setting the same text would still lay the page out again
        self._snippet_text = text
        self.snippet_label.setText(text)
        self.snippet_label.setAccessibleName(spoken)
        self.snippet_label.setVisible(bool(text))

    # ------------------------------------------------------------------ opening
    @Slot(int)
    def open_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            self.nav.open_dossier(hit.id)

    def release(self) -> None:
        self.timer.stop()
        self._generation += 1  # a search still running is dropped when it answers
        self._stop_lane()  # and its connection is closed
        self._in_flight = 0
        self._pending = False
        self._shown_query = None
        self._searching = False
        self._open_on_results = False
        self._more = False
        self.model.clear()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.count_label.clear()
        self.count_label.setAccessibleName("")
        self._update_snippet()  # the model is empty: no note text stays on screen
        self.table.set_placeholder("")  # it may quote the query
