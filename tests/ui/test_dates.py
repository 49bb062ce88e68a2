"""The one date field and date-time field, typed into key by key as a person does."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from ui.widgets.dates import DateField, DateTimeField
from werkplein import i18n
from werkplein.errors import ValidationFailed

TODAY = dt.date(2026, 12, 5)


def moment_field(qtbot: QtBot) -> DateTimeField:
    field = DateTimeField(lambda: TODAY)
    field.setAccessibleName("Datum en tijd van het gesprek")
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


def type_over(qtbot: QtBot, field: DateField | DateTimeField, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)


@pytest.mark.parametrize(
    ("typed", "meant", "words"),
    [
        ("09-12-2026 10:00", dt.datetime(2026, 12, 9, 10), "woensdag 9 december 2026, 10:00"),
        ("8-12-2026 14:30", dt.datetime(2026, 12, 8, 14, 30), "dinsdag 8 december 2026, 14:30"),
        ("9/12 10:00", dt.datetime(2026, 12, 9, 10), "woensdag 9 december 2026, 10:00"),
        ("9 dec 9u", dt.datetime(2026, 12, 9, 9), "woensdag 9 december 2026, 09:00"),
    ],
)
def test_typed_key_by_key_it_says_what_it_understood(
    qtbot: QtBot, typed: str, meant: dt.datetime, words: str
) -> None:
    field = moment_field(qtbot)
    type_over(qtbot, field, typed)
    assert field.value() == meant
    assert field.words.text() == words
    assert field.problem() is None


def test_editing_in_the_middle_changes_only_that_part(qtbot: QtBot) -> None:
    field = moment_field(qtbot)
    field.set_value(dt.datetime(2026, 12, 9, 10, 0))
    assert field.text() == "09-12-2026 10:00"
    # click between "09" and "-12": delete the 9, type an 8 (the day becomes 08)
    field.edit.setFocus()
    field.edit.setCursorPosition(2)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, "8")
    assert field.value() == dt.datetime(2026, 12, 8, 10, 0)
    # and the time: put the cursor at the end, remove "00", type "30"
    field.edit.end(False)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, "30")
    assert field.value() == dt.datetime(2026, 12, 8, 10, 30)


def test_what_it_cannot_read_it_says_and_never_guesses(qtbot: QtBot) -> None:
    field = moment_field(qtbot)
    type_over(qtbot, field, "31-11-2026 10:00")
    assert field.problem() == "Die dag bestaat niet in die maand."
    assert field.words.text() == "⚠ Die dag bestaat niet in die maand."
    with pytest.raises(ValidationFailed) as refused:
        field.checked_value()
    assert refused.value.message().startswith("Datum en tijd van het gesprek: ")
    type_over(qtbot, field, "9-12-2026")  # no time: not 00:00 by guess
    assert field.problem() == "Typ ook een tijd, bijvoorbeeld 10:00."
    field.edit.clear()
    with pytest.raises(ValidationFailed):
        field.checked_value()  # required


def test_leaving_the_field_writes_the_date_the_one_way(qtbot: QtBot) -> None:
    field = moment_field(qtbot)
    other = DateField(lambda: TODAY)
    qtbot.addWidget(other)
    type_over(qtbot, field, "9 dec 10u")
    field.edit.editingFinished.emit()
    assert field.text() == "09-12-2026 10:00"


@pytest.mark.parametrize("key", ["alt_down", "f4"])
def test_alt_down_or_f4_opens_the_calendar_and_a_pick_keeps_the_time(
    qtbot: QtBot, key: str
) -> None:
    field = moment_field(qtbot)
    field.set_value(dt.datetime(2026, 12, 9, 14, 15))
    field.edit.setFocus()
    if key == "f4":
        qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    else:
        qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.calendar_popup()
    assert popup is not None
    assert popup.calendar.selectedDate() == QDate(2026, 12, 9)
    assert field.value() == dt.datetime(2026, 12, 9, 14, 15)  # the year did not move
    popup.calendar.setSelectedDate(QDate(2026, 12, 17))
    popup.calendar.activated.emit(QDate(2026, 12, 17))
    assert field.calendar_popup() is None
    assert field.value() == dt.datetime(2026, 12, 17, 14, 15)


def test_a_date_field_in_english(qtbot: QtBot) -> None:
    i18n.set_language("en")
    field = DateField(lambda: TODAY, optional=True)
    qtbot.addWidget(field)
    type_over(qtbot, field, "9 dec")
    assert field.value() == dt.date(2026, 12, 9)
    assert field.words.text() == "Wed 9 Dec 2026"
    field.edit.clear()
    assert field.checked_value() is None  # optional: empty is allowed


def test_read_only_shows_no_calendar(qtbot: QtBot) -> None:
    field = moment_field(qtbot)
    field.setReadOnly(True)
    assert not field.calendar_button.isVisible()
    qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    assert field.calendar_popup() is None
