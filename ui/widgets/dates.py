"""The one date field and the one date-and-time field of the app.

A line to type in as a person writes a date (``9-12-2026``, ``09-12-26``, ``9 dec``,
``9/12 10:00``; see ``werkplein.domain.typed_dates``), typed in one go or edited anywhere in
the middle. Under it, what was understood, in words ("woensdag 9 december 2026, 10:00"), or
why it was not: the field never guesses. Alt+Down or F4 (or the button) opens a calendar.

Qt's QDateEdit was used before: it silently kept sections it could not parse, ignored typing
after a click into the day, and lowered the year on Alt+Down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Generic, TypeVar

from babel.dates import format_date, format_time
from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, mute
from werkplein import i18n
from werkplein.domain.typed_dates import NotUnderstood, read_date, read_moment
from werkplein.errors import ValidationFailed
from werkplein.i18n import _

V = TypeVar("V", dt.date, dt.datetime)
Today = Callable[[], dt.date]


def date_in_words(day: dt.date, form: str = "full") -> str:
    """The day in words: "woensdag 9 december 2026" (``full``); "wo 9 dec 2026" (``short``:
    a day field's words stay on one line next to a second field)."""
    pattern = "full" if form == "full" else "EEE d MMM y"
    return str(format_date(day, pattern, locale=i18n.locale_name()))


def moment_in_words(moment: dt.datetime) -> str:
    return _(
        "{date}, {time}",
        date=date_in_words(moment.date()),
        time=format_time(moment.time(), "short", locale=i18n.locale_name()),
    )


class _CalendarPopup(QFrame):
    """A month calendar under the field; a click or Enter picks the day, Escape closes."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)

    @Slot(QDate)
    def _pick(self, day: QDate) -> None:
        self.picked.emit(day)
        self.close()


class _TypedField(QWidget, Generic[V]):
    """What the date and the date-time field share: the line, the words and the calendar."""

    changed = Signal()  # the text changed (understood or not)

    def __init__(self, today: Today, parent: QWidget | None = None, *, optional: bool) -> None:
        super().__init__(parent)
        self._today: Today = today
        self.optional: bool = optional
        self.edit: QLineEdit = QLineEdit(self)
        self.edit.setClearButtonEnabled(False)
        self.edit.installEventFilter(self)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._tidy)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the line
        self.calendar_button.clicked.connect(self.open_calendar)
        self.words = QLabel(self)
        self.words.setObjectName("understood")
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        mute(self.words)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.words)
        self.setFocusProxy(self.edit)
        self._popup: _CalendarPopup | None = None
        self._caption = ""
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00-00-0000 00:00MMM"))
        self.retranslate()

    # ------------------------------------------------------------------ subclass parts
    def _read(self, text: str, today: dt.date) -> V:
        raise NotImplementedError

    def _write(self, value: V) -> str:
        raise NotImplementedError

    def _words(self, value: V) -> str:
        raise NotImplementedError

    def _example(self) -> str:
        raise NotImplementedError

    def _with_day(self, day: dt.date) -> V:
        raise NotImplementedError

    # ------------------------------------------------------------------ values
    def value(self) -> V | None:
        """What was typed; None when empty; raises ``NotUnderstood`` when it is not a date."""
        text = self.edit.text()
        if not text.strip():
            return None
        return self._read(text, self._today())

    def checked_value(self, caption: str | None = None) -> V | None:
        """``value()``, with what is wrong as a ValidationFailed naming the field (for the
        form's error line); an empty required field is wrong too."""
        name = caption or self._caption or self.accessibleName()
        try:
            value = self.value()
        except NotUnderstood as exc:
            raise ValidationFailed(field=name, problem=str(exc)) from None
        if value is None and not self.optional:
            raise ValidationFailed(field=name, problem=_("is required"))
        return value

    def set_value(self, value: V | None) -> None:
        self.edit.setText("" if value is None else self._write(value))
        self._show_understood()

    def clear(self) -> None:
        self.set_value(None)

    def text(self) -> str:
        return self.edit.text()

    def problem(self) -> str | None:
        """Why the text is not understood; None when it is (or empty)."""
        try:
            self.value()
        except NotUnderstood as exc:
            return str(exc)
        return None

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.calendar_button.setVisible(not read_only)

    def isReadOnly(self) -> bool:
        return self.edit.isReadOnly()

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self._caption = name
        self.calendar_button.setAccessibleName(_("Calendar for {field}", field=name))

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self._example())
        self.calendar_button.setToolTip(_("Open the calendar (Alt+Down)"))
        self._show_understood()

    # ------------------------------------------------------------------ showing
    @Slot(str)
    def _on_edited(self, _text: str) -> None:
        self._show_understood()
        self.changed.emit()

    def _show_understood(self) -> None:
        try:
            value = self.value()
        except NotUnderstood as exc:
            self.words.setText("⚠ " + str(exc))
            self.words.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.words.setAccessibleName(self.words.text())
            return
        self.words.setStyleSheet("")
        mute(self.words)
        self.words.setText("" if value is None else self._words(value))
        self.words.setAccessibleName(self.words.text())

    @Slot()
    def _tidy(self) -> None:
        """Leaving the field writes an understood value the one way (09-12-2026 10:00)."""
        if self.edit.isReadOnly():
            return
        try:
            value = self.value()
        except NotUnderstood:
            return
        if value is not None and self._write(value) != self.edit.text():
            self.edit.setText(self._write(value))
            self.changed.emit()

    # ------------------------------------------------------------------ the calendar
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def open_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        popup = _CalendarPopup(self)
        try:
            current = self.value()
        except NotUnderstood:
            current = None
        day = current if current is not None else self._today()
        if isinstance(day, dt.datetime):
            day = day.date()
        popup.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        popup.picked.connect(self._picked)
        popup.adjustSize()
        popup.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self._popup = popup
        popup.show()
        popup.calendar.setFocus()

    @Slot(QDate)
    def _picked(self, day: QDate) -> None:
        picked = dt.date(day.year(), day.month(), day.day())
        self.set_value(self._with_day(picked))
        self.edit.setFocus()
        self.changed.emit()

    def calendar_popup(self) -> _CalendarPopup | None:
        """The open calendar, if any (for tests and screen readers)."""
        popup = self._popup
        return popup if popup is not None and popup.isVisible() else None


class DateField(_TypedField[dt.date]):
    """A day: ``9-12-2026``, ``9 dec``, ``morgen``."""

    def __init__(self, today: Today, parent: QWidget | None = None, *, optional: bool = False):
        super().__init__(today, parent, optional=optional)

    def _read(self, text: str, today: dt.date) -> dt.date:
        return read_date(text, today)

    def _write(self, value: dt.date) -> str:
        return f"{value:%d-%m-%Y}"

    def _words(self, value: dt.date) -> str:
        return date_in_words(value, "short")

    def _example(self) -> str:
        return _("e.g. 9-12-2026")

    def _with_day(self, day: dt.date) -> dt.date:
        return day


class DateTimeField(_TypedField[dt.datetime]):
    """A day and a time of day (local, naive): ``9-12-2026 10:00``, ``9 dec 10u``."""

    def __init__(self, today: Today, parent: QWidget | None = None, *, optional: bool = False):
        super().__init__(today, parent, optional=optional)

    def _read(self, text: str, today: dt.date) -> dt.datetime:
        return read_moment(text, today)

    def _write(self, value: dt.datetime) -> str:
        return f"{value:%d-%m-%Y %H:%M}"

    def _words(self, value: dt.datetime) -> str:
        return moment_in_words(value)

    def _example(self) -> str:
        return _("e.g. 9-12-2026 10:00")

    def _with_day(self, day: dt.date) -> dt.datetime:
        try:
            current = self.value()
        except NotUnderstood:
            current = None
        time = current.time() if current is not None else dt.time(10, 0)
        return dt.datetime.combine(day, time)
