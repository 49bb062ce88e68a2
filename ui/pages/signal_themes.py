"""The teamleider's view of signals per theme: how often each theme came back in the last four
quarters, most frequent first, so a pattern can be passed on to policy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from ui import mute
from ui.format import scaled_font
from ui.widgets import RecordView, Row, RowsModel
from werkplein.i18n import N_, _
from werkplein.services.signals import ThemeCounts

QUARTERS = 4


class ThemesModel(RowsModel):
    """The rows, with the quarters they count as column headers."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__([N_("Theme"), *[""] * QUARTERS, N_("Total")], parent)
        self.quarters: list[tuple[int, int]] = []

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 1 <= section <= len(self.quarters)
        ):
            return quarter_label(*self.quarters[section - 1])
        return super().headerData(section, orientation, role)


def quarter_label(year: int, quarter: int) -> str:
    return _("Q{quarter} {year}", quarter=quarter, year=year)


class ThemesView(QWidget):
    """A table: theme, one column per quarter, total. Read-only; refreshed by the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(self.font(), 1.05, QFont.Weight.DemiBold))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.model = ThemesModel(self)
        self.view = RecordView(self)
        self.view.setObjectName("signalThemes")
        self.view.setModel(self.model)
        self.view.set_stretch_column(0)
        self.heading.setBuddy(self.view)
        self.counts: ThemeCounts | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("&Per theme"))
        self.intro.setText(
            _(
                "How often each theme came back, per quarter. Give a signal its theme in "
                "the review below; a theme that keeps coming back is one to pass on to policy."
            )
        )
        self.view.setAccessibleName(_("Signals per theme and quarter"))
        self.view.set_placeholder(_("No signals in the last four quarters."))
        self.model.retranslate()
        if self.counts is not None:
            self.show_counts(self.counts)

    def show_counts(self, counts: ThemeCounts) -> None:
        self.counts = counts
        self.model.quarters = list(counts.quarters)
        self.model.set_rows(
            [
                Row(
                    row.thema or "",
                    [
                        row.thema or _("(no theme yet)"),
                        *[str(n) for n in row.counts],
                        str(row.total),
                    ],
                    sort_keys=[(row.thema is None, (row.thema or "").casefold()),
                               *row.counts, row.total],
                )
                for row in counts.rows
            ]
        )  # fmt: skip
        header = self.view.horizontalHeader()
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
