"""Focus and state anyone can see (WCAG 2.1 AA 2.4.7, 1.4.11): a ring of 3 px around whatever
has the keyboard focus (tables included), at least 3:1 against the window, and read-only fields
that do not look like fields to type in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QTableWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui import focus


def a_window(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QLineEdit, QTableWidget]:
    window = QWidget()
    qtbot.addWidget(window)
    editable, read_only = QLineEdit(window), QLineEdit(window)
    read_only.setReadOnly(True)
    table = QTableWidget(3, 2, window)
    layout = QVBoxLayout(window)
    for widget in (editable, read_only, table):
        layout.addWidget(widget)
    window.resize(400, 300)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, editable, read_only, table


def ring(window: QWidget) -> focus.FocusRing:
    found = window.findChild(focus.FocusRing, "focusRing")
    assert found is not None
    return found


def test_the_focused_widget_and_a_table_get_a_visible_ring(qtbot: QtBot) -> None:
    window, editable, _read_only, table = a_window(qtbot)
    editable.setFocus()
    qtbot.waitUntil(lambda: window.findChild(focus.FocusRing, "focusRing") is not None)
    shown = ring(window)
    assert shown.isVisible()
    assert shown.target is editable
    margin = focus.RING_WIDTH + focus.RING_GAP
    assert shown.geometry().contains(editable.geometry().adjusted(-margin, -margin, margin, margin))
    table.setFocus()
    qtbot.waitUntil(lambda: ring(window).target is table)
    assert ring(window).geometry().width() >= table.width()
    # the ring is drawn: its pixels are the ring colour, at least 3:1 on the window
    image = ring(window).grab().toImage()
    drawn = QColor(image.pixel(1, image.height() // 2))
    background = window.palette().color(QPalette.ColorRole.Window)
    assert focus.contrast(drawn, background) >= focus.MIN_CONTRAST
    assert ring(window).testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_the_ring_keeps_three_to_one_on_light_and_dark_windows() -> None:
    for background in ("#ffffff", "#efefef", "#d4d4d4", "#202124", "#3c3c3c"):
        colour = focus.ring_colour(QColor(background))
        assert focus.contrast(colour, QColor(background)) >= focus.MIN_CONTRAST, background


def test_read_only_fields_do_not_look_editable(qtbot: QtBot) -> None:
    window, editable, read_only, _table = a_window(qtbot)

    def field_colour(edit: QLineEdit) -> QColor:
        image = edit.grab().toImage()
        return QColor(image.pixel(edit.width() // 2, edit.height() // 2))

    window_colour = window.palette().color(QPalette.ColorRole.Window)
    assert field_colour(read_only) == field_colour(read_only)  # steady
    assert field_colour(read_only).rgb() == window_colour.rgb()
    assert field_colour(editable).rgb() != field_colour(read_only).rgb()
    read_only.setReadOnly(False)  # and back: a field to type in again
    assert field_colour(read_only).rgb() == field_colour(editable).rgb()
    editable.setReadOnly(True)
    assert field_colour(editable).rgb() == window_colour.rgb()


def test_the_ring_follows_a_field_that_scrolls_and_a_new_palette(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication, QScrollArea

    window = QWidget()
    qtbot.addWidget(window)
    area = QScrollArea(window)
    content = QWidget()
    column = QVBoxLayout(content)
    fields = [QLineEdit(content) for _ in range(30)]
    for field in fields:
        column.addWidget(field)
    area.setWidget(content)
    area.setWidgetResizable(True)
    QVBoxLayout(window).addWidget(area)
    window.resize(300, 200)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    fields[-1].setFocus()
    qtbot.waitUntil(lambda: ring(window).target is fields[-1])
    area.ensureWidgetVisible(fields[-1])  # scrolled into view: its parent moves, not the field
    qtbot.wait(20)
    shown = ring(window)
    field_top = fields[-1].mapTo(window, fields[-1].rect().topLeft()).y()
    assert abs(shown.geometry().top() + focus.RING_WIDTH + focus.RING_GAP - field_top) <= 1

    read_only = fields[0]
    read_only.setReadOnly(True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#2b2b2b"))
    try:
        app.setPalette(dark)
        qtbot.wait(10)
        assert read_only.palette().color(QPalette.ColorRole.Base) == QColor("#202124")
        assert fields[1].palette().color(QPalette.ColorRole.Base) == QColor("#2b2b2b")
    finally:
        app.setPalette(original)
