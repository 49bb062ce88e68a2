"""What the sections of the fine page share: amounts typed, moments stored, headings, and
the question before an action that cannot be undone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ui.format import parse_moment, scaled_font
from ui.widgets.money import parse_money

PANEL_MAX_WIDTH = 1100
WIDE = 980  # from this page width on, the weighing and the calculation sit side by side


# ---------------------------------------------------------------------- money
def optional_money(text: str) -> int | None:
    """Cents from what was typed; None for an empty field; ``ValueError`` for a non-amount."""
    return None if not text.strip() else parse_money(text)


# ---------------------------------------------------------------------- small helpers
def label_for(text: QLabel, buddy: QWidget) -> QLabel:
    text.setBuddy(buddy)
    return text


def money_width(edit: QLineEdit) -> None:
    """Room for a large amount and a placeholder, not the whole page width."""
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("M" * 24))
    edit.setAlignment(Qt.AlignmentFlag.AlignLeft)


def stamp_to_local(stamp: str) -> dt.datetime:
    """A stored moment (ISO, UTC with ``Z``) in the computer's time zone."""
    moment = parse_moment(stamp)
    if not isinstance(moment, dt.datetime):
        raise ValueError("not a moment")
    return moment


def local_to_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="minutes").replace("+00:00", "Z")


def qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


class Heading(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFont(scaled_font(self.font(), 1.2, QFont.Weight.DemiBold))
        self.setAccessibleDescription("heading")
