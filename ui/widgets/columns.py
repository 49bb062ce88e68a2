"""Column widths that show every cell whole.

Each column is measured once per change of its rows (``measure``): the width its widest cell
and its title take on one line, and the least it can take without cutting a word when the
view wraps text (the longest word; a number or a date is one word). ``share`` then divides
the view's width: every column gets what it wants when that fits, and the one column that
stretches takes the rest; when it does not fit, the widest columns give way first, down to
their longest word, and their text wraps onto more lines. Only when even that does not fit
does the view scroll sideways; a cell is never cut to "€ 4…".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

MEASURE_ROWS = 100  # rows measured per column (and the rows in view)
WORD_BREAK = re.compile(r"[ \t\n]+")  # where Qt may wrap (not at a non-breaking space)
SLACK = 2  # px: text widths are fractions; never cut a word for a rounding


@dataclass(frozen=True)
class Need:
    """What a column needs: ``wanted`` shows every measured cell on one line, ``least``
    keeps every word whole (the same as ``wanted`` in a view that does not wrap)."""

    wanted: int
    least: int


def title_width(view: QTableView, column: int) -> int:
    """The column's title, its margins and (in a sortable view) the sort arrow."""
    header = view.horizontalHeader()
    model: QAbstractItemModel | None = view.model()  # None until a model is set
    if model is None or header.isHidden():
        return 0
    title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    width = header.fontMetrics().horizontalAdvance(title) + 2 * margin + SLACK
    if view.isSortingEnabled() or header.isSortIndicatorShown():
        width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
    return width


def measured_rows(view: QTableView, model: QAbstractItemModel) -> list[int]:
    rows = set(range(min(model.rowCount(), MEASURE_ROWS)))
    top = view.rowAt(0)
    if top >= 0:
        bottom = view.rowAt(view.viewport().height() - 1)
        rows.update(range(top, (bottom if bottom >= 0 else model.rowCount() - 1) + 1))
    return sorted(rows)


def measure(view: QTableView, *, max_width: int | None = None) -> list[Need]:
    """Every column's need on the rows the view holds now. ``max_width`` caps what a column
    wants (its text wraps beyond that), never below its longest word."""
    model: QAbstractItemModel | None = view.model()  # None until a model is set
    if model is None:
        return []
    rows = measured_rows(view, model)
    wrap = view.wordWrap()
    needs = []
    for column in range(model.columnCount()):
        title = title_width(view, column)
        wanted = least = title
        for row in rows:
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if text is None or text == "":
                continue
            cell = view.sizeHintForIndex(index).width() + SLACK
            wanted = max(wanted, cell)
            if not wrap:
                least = max(least, cell)
                continue
            font = index.data(Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font if isinstance(font, QFont) else view.font())
            text = str(text)
            line = max(metrics.horizontalAdvance(part) for part in text.split("\n"))
            word = max(metrics.horizontalAdvance(part) for part in WORD_BREAK.split(text))
            least = max(least, cell - line + word)  # margins and icon stay
        if max_width is not None:
            wanted = min(wanted, max(max_width, least))
        needs.append(Need(wanted, least))
    return needs


def share(needs: Sequence[Need], available: int, stretch: int | None) -> list[int]:
    """Widths for the columns within ``available`` px: see the module's description."""
    wanted = [n.wanted for n in needs]
    least = [n.least for n in needs]
    if not needs:
        return []
    rest = stretch if stretch is not None and 0 <= stretch < len(needs) else len(needs) - 1
    if sum(wanted) <= available:
        widths = list(wanted)
        widths[rest] += available - sum(wanted)
        return widths
    if sum(least) >= available:
        return list(least)
    # the widest give way first: find the largest cap that fits
    low, high = 0, max(wanted)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(lo, min(w, cap)) for w, lo in zip(wanted, least, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    widths = [max(lo, min(w, low)) for w, lo in zip(wanted, least, strict=True)]
    widths[rest] += available - sum(widths)
    return widths


def apply(view: QTableView, needs: Sequence[Need], stretch: int | None) -> None:
    """Set the shared widths; the stretching column keeps taking whatever room is left (a
    scroll bar that comes or goes), unless it is at its least and the view scrolls."""
    if not needs:
        return
    header = view.horizontalHeader()
    rest = stretch if stretch is not None and 0 <= stretch < len(needs) else len(needs) - 1
    available = view.viewport().width()
    bar = view.verticalScrollBar()
    never = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    if not bar.isVisible() and view.verticalScrollBarPolicy() != never:
        available -= bar.sizeHint().width()  # rows may come that need it; keep its room
    widths = share(needs, max(available, 0), rest)
    fits = sum(widths) <= max(available, 0)
    header.setStretchLastSection(False)
    for column, width in enumerate(widths):
        if column == rest and fits:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(column, width)


class ColumnFitter(QObject):
    """Keeps the columns of a table view fitted: measured again when its rows change, shared
    again when its width changes (for views that are not a ``RecordView``)."""

    def __init__(
        self, view: QTableView, stretch: int | None = None, *, max_width: int | None = None
    ) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.max_width = max_width
        self.needs: list[Need] = []
        self._width = -1
        model: QAbstractItemModel | None = view.model()
        if model is not None:
            for signal in (
                model.modelReset,
                model.rowsInserted,
                model.rowsRemoved,
                model.dataChanged,
                model.headerDataChanged,
            ):
                signal.connect(self.fit)
        view.viewport().installEventFilter(self)
        self.fit()

    @Slot()
    def fit(self) -> None:
        self.needs = measure(self.view, max_width=self.max_width)
        apply(self.view, self.needs, self.stretch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            width = self.view.viewport().width()
            if width != self._width and self.needs:
                self._width = width
                apply(self.view, self.needs, self.stretch)
        return False
