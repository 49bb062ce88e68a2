"""Visible focus and read-only state (WCAG 2.1 AA, 2.4.7 Focus Visible and 1.4.11 Non-text
Contrast), whatever the platform style draws.

- **A focus ring**: the widget that has the keyboard focus gets a 3-pixel ring around it in the
  accent colour, at least 3:1 against the window background (checked against the palette:
  ``ring_colour`` darkens or lightens the accent until it is). It is drawn by one transparent
  overlay per window that follows the focus (moves, resizes, scrolls), so it also shows on
  tables and lists, where most styles draw nothing, and it never takes a click.
- **Read-only fields** (a finished fine, a completed visit) look like text on the window, not
  like a field to type in: their field background is the window's (their palette's Base role,
  set whenever a field becomes read-only or editable; a style sheet would stop the screens'
  larger fonts from reaching the fields).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

ACCENT = QColor("#1f5fbf")
RING_WIDTH = 3
RING_GAP = 1  # between the widget's edge and the ring
MIN_CONTRAST = 3.0  # WCAG 1.4.11
FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)
_STATE_EVENTS = (
    QEvent.Type.ReadOnlyChange,
    QEvent.Type.Polish,
    QEvent.Type.ApplicationPaletteChange,  # a dark or high-contrast palette: follow it
    QEvent.Type.PaletteChange,
)


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ring_colour(background: QColor) -> QColor:
    """The accent, darker on a light window (lighter on a dark one) until 3:1 against it."""
    colour = QColor(ACCENT)
    dark_window = luminance(background) < 0.2
    for _step in range(20):
        if contrast(colour, background) >= MIN_CONTRAST:
            break
        colour = colour.lighter(125) if dark_window else colour.darker(125)
    return colour


class FocusRing(QWidget):
    """The overlay of one window: transparent, on top, drawing the ring around ``target``."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []  # the target and its parents up to the window
        self.hide()

    def follow(self, target: QWidget | None) -> None:
        for watched in self._watched:
            if shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self.target = target
        self._watched = []
        window = self.parentWidget()
        widget: QWidget | None = target
        while widget is not None and widget is not window:  # a scroll or a splitter moves
            widget.installEventFilter(self)  # a parent, not the field itself
            self._watched.append(widget)
            widget = widget.parentWidget()
        self.place()

    def place(self) -> None:
        target = self.target
        window = self.parentWidget()
        if (
            target is None
            or window is None
            or not shiboken6.isValid(target)
            or not target.isVisible()
        ):
            self.hide()
            return
        margin = RING_WIDTH + RING_GAP
        top_left = target.mapTo(window, target.rect().topLeft())
        ring = QRect(top_left, target.size()).adjusted(-margin, -margin, margin, margin)
        self.setGeometry(ring.intersected(window.rect()))
        self._ring = ring.translated(-self.x(), -self.y())
        self.raise_()
        self.show()
        self.update()

    def colour(self) -> QColor:
        window = self.parentWidget()
        palette = window.palette() if window is not None else QGuiApplication.palette()
        return ring_colour(palette.color(QPalette.ColorRole.Window))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.colour(), RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH // 2
        painter.drawRect(getattr(self, "_ring", self.rect()).adjusted(half, half, -half - 1,
                                                                       -half - 1))  # fmt: skip
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in self._watched and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self.place()
        return False


class FocusRings(QObject):
    """Follows the application's focus; one ring per top-level window."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("werkpleinFocusRings")
        self._shown: FocusRing | None = None  # the ring around the focus now
        app.focusChanged.connect(self._focus_changed)
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _STATE_EVENTS and isinstance(watched, FIELDS):
            show_read_only(watched)
        return False

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # the widget losing focus may be half destroyed: never touched here
        if self._shown is not None and shiboken6.isValid(self._shown):
            self._shown.follow(None)
        self._shown = None
        if new is None or not shiboken6.isValid(new) or isinstance(new, FocusRing):
            return
        ring = self.ring_of(new.window(), make=True)
        if ring is not None:
            ring.follow(new)
            self._shown = ring

    @staticmethod
    def ring_of(window: QWidget, *, make: bool) -> FocusRing | None:
        found = window.findChild(FocusRing, "focusRing", Qt.FindChildOption.FindDirectChildrenOnly)
        if found is None and make:
            found = FocusRing(window)
        return found


def show_read_only(field: QLineEdit | QPlainTextEdit | QTextEdit) -> None:
    """A read-only field's background is the window's; an editable one's the normal field's."""
    palette = field.palette()
    app = QGuiApplication.palette()
    role = QPalette.ColorRole.Window if field.isReadOnly() else QPalette.ColorRole.Base
    wanted = app.color(role)
    if palette.color(QPalette.ColorRole.Base) != wanted:
        palette.setColor(QPalette.ColorRole.Base, wanted)
        field.setPalette(palette)


def install(app: QApplication) -> None:
    """The focus rings and the read-only look, for the whole application (once)."""
    if app.findChild(FocusRings, "werkpleinFocusRings") is None:
        FocusRings(app)
