"""Accessibility of every screen, checked the way a keyboard or screen-reader user meets it.

On a demo profile (a teamleider, who reaches every screen; the boete workspace as the demo's
boete-ambtenaar; the toets and the huisbezoek also as the klantmanager, who can edit them) each
screen is shown, every tab and step of it, and:

- every control the keyboard can reach (visible, enabled, taking focus by Tab) has a name a
  screen reader can say: its accessible name, the text of the label it is the buddy of, or the
  text of the button itself; and Qt's accessibility interface reports that name;
- Tab (and Shift+Tab) walks through every such control and comes back where it started,
  never getting stuck in one (a text field that eats Tab is a keyboard trap);
- text follows the system font size: with a 16 pt application font, labels are 16 pt (or a
  fixed proportion of it), none is sized in pixels.

Screens with a known gap in a file this suite does not own are marked ``xfail(strict=True)``
with the widgets named (``KNOWN_GAPS``); the test fails when the gap changes or is fixed, so the
mark cannot outlive the gap.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, make_demo
from ui.main_window import DETAIL, MainWindow
from ui.pages.base import Page
from ui.pages.toets import ToetsPage
from ui.tasks import tasks
from ui.unlock import UnlockWindow
from werkplein.domain.roles import Role
from werkplein.services.session import Session, User
from werkplein.store.clock import FixedClock

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,  # QDateEdit, QSpinBox, MoneyEdit...
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
    QAbstractScrollArea,  # a scroll area that takes focus is a tab stop too
)
COMPOUND = (QComboBox, QAbstractSpinBox)  # their inner line edit is named through them
MAX_TABS = 200
SECTIONS = 4  # Tabs a date field may take to pass its day, month and year


# ---------------------------------------------------------------------------- what is checked


def describe(widget: QWidget) -> str:
    """A widget as a developer finds it back: class, object name, its page's class."""
    page = widget.parentWidget()
    while page is not None and not isinstance(page, Page):
        page = page.parentWidget()
    where = type(page).__name__ if page is not None else type(widget.window()).__name__
    name = widget.objectName() or "-"
    return f"{type(widget).__name__}({name}) in {where}"


def inside_compound(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOUND):
            return True
        parent = parent.parentWidget()
    return False


def takes_tab_focus(widget: QWidget) -> bool:
    policy = widget.focusPolicy()
    return (policy & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus


def reachable(root: QWidget) -> list[QWidget]:
    """Controls under ``root`` the keyboard can reach: visible, enabled, taking Tab focus."""
    return [
        w
        for w in root.findChildren(QWidget)
        if (isinstance(w, INTERACTIVE) or takes_tab_focus(w))
        and w.isVisible()
        and w.isEnabled()
        and takes_tab_focus(w)
        and w.focusProxy() is None  # the proxy takes the focus (a tab widget's tab bar)
        and not inside_compound(w)
    ]


def buddy_names(window: QWidget) -> dict[int, str]:
    """Widget (by id) -> the text of a label that has it as its buddy."""
    names: dict[int, str] = {}
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        text = label.text().replace("&", "").strip()
        if buddy is not None and text:
            names[id(buddy)] = text
    return names


def spoken_name(widget: QWidget) -> str:
    """What Qt's accessibility layer hands a screen reader as the name."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def own_name(widget: QWidget, buddies: dict[int, str]) -> str:
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if id(widget) in buddies:
        return buddies[id(widget)]
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QLabel):
        return widget.text().strip()
    if isinstance(widget, QTabBar) and widget.count():
        tabs = [widget.tabText(i).replace("&", "").strip() for i in range(widget.count())]
        return ", ".join(tabs) if all(tabs) else ""
    return ""


def unnamed(root: QWidget) -> list[str]:
    """The reachable controls without a name (own rule, or Qt's accessibility interface)."""
    buddies = buddy_names(root.window())
    missing = []
    for widget in reachable(root):
        if not own_name(widget, buddies):
            missing.append(describe(widget))
        elif not spoken_name(widget):
            missing.append(f"{describe(widget)} (named, but not through Qt's accessibility)")
    return sorted(missing)


def tab_walk(qtbot: QtBot, start: QWidget, *, backwards: bool = False) -> list[QWidget]:
    """Press Tab (or Shift+Tab) from ``start`` until focus is back on it; the widgets met.
    Fails when focus stays put (a trap), leaves the window, or circles without ``start``.

    A date field takes a Tab per part (day, month, year) before it lets go: Qt's way, and no
    trap, so a widget may keep the focus for up to ``SECTIONS`` presses."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is start, f"{describe(start)} does not take focus"
    modifier = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    met = [start]
    for _n in range(MAX_TABS):
        current = QApplication.focusWidget()
        assert current is not None
        for _press in range(SECTIONS):
            qtbot.keyClick(current, Qt.Key.Key_Tab, modifier)
            after = QApplication.focusWidget()
            if after is not current:
                break
        assert after is not None, f"Tab from {describe(current)} leaves the window"
        assert after is not current, f"Tab is stuck in {describe(current)}"
        if after is start:
            return met
        assert after not in met, f"Tab circles without coming back to {describe(start)}"
        met.append(after)
    raise AssertionError(f"no way back to {describe(start)} within {MAX_TABS} Tabs")


def same_stop(widget: QWidget, met: QWidget) -> bool:
    """Tab visits a group of exclusive radio buttons once (arrow keys choose within it)."""
    if widget is met:
        return True
    if not (isinstance(widget, QRadioButton) and isinstance(met, QRadioButton)):
        return False
    if widget.group() is not None:
        return widget.group() is met.group()
    return widget.autoExclusive() and widget.parentWidget() is met.parentWidget()


def missed_by_tab(qtbot: QtBot, root: QWidget) -> list[str]:
    """Reachable controls under ``root`` that Tab or Shift+Tab never visits."""
    controls = reachable(root)
    assert controls, f"nothing to check on {type(root).__name__}"
    missed = []
    for backwards in (False, True):
        met = tab_walk(qtbot, controls[0], backwards=backwards)
        missed += [describe(w) for w in controls if not any(same_stop(w, m) for m in met)]
    return sorted(set(missed))


# ---------------------------------------------------------------------------- the screens


@dataclass(frozen=True)
class Screen:
    """One screen: the role that opens it, how to get there, and the views inside it (tabs,
    steps) that are each checked."""

    role: str
    open: Callable[[MainWindow, Session], None]
    views: Callable[[QWidget], list[Callable[[], None]]] = lambda _page: [lambda: None]


def first(session: Session, entity: str, where: str = "", order: str = "") -> str:
    records = session.store.find(entity, where, (), order, limit=1)
    assert records, f"the demo has no {entity} ({where})"
    return str(records[0]["id"])


def tabs_of(page: QWidget) -> list[Callable[[], None]]:
    """Every tab of every tab widget on the page."""
    views: list[Callable[[], None]] = [
        partial(tabs.setCurrentIndex, index)
        for tabs in page.findChildren(QTabWidget)
        for index in range(tabs.count())
    ]
    return views or [lambda: None]


def steps_of(page: QWidget) -> list[Callable[[], None]]:
    """The four steps of the toets and the decision."""
    assert isinstance(page, ToetsPage)
    return [partial(page.go_to, index, focus=False) for index in range(page.step_list.count())]


def search_all(window: MainWindow, _session: Session) -> None:
    window.go("residents")
    window.focus_search()
    window.pages["residents"].search_edit.setText("7")  # type: ignore[attr-defined]


SCREENS: dict[str, Screen] = {
    "home": Screen("teamleider", lambda w, _s: w.go("home")),
    "residents": Screen("teamleider", search_all),
    "handovers": Screen("teamleider", lambda w, _s: w.go("handovers"), tabs_of),
    "approvals": Screen("teamleider", lambda w, _s: w.go("approvals")),
    "signals": Screen("teamleider", lambda w, _s: w.go("signals")),
    "fines": Screen("boete_ambtenaar", lambda w, _s: w.go("fines")),
    "destruction": Screen("teamleider", lambda w, _s: w.go("destruction")),
    "settings": Screen("teamleider", lambda w, _s: w.go("settings")),
    "dossier": Screen(
        "teamleider",
        lambda w, s: w.open_dossier(first(s, "inwoner", "", "last_name")),
        tabs_of,
    ),
    "toets": Screen(
        "teamleider",
        lambda w, s: w.open_case(first(s, "casus", "stap4_gereed = 1", "opened_on")),
        steps_of,
    ),
    "toets-klantmanager": Screen(
        "klantmanager",
        lambda w, s: w.open_case(first(s, "casus", "status = 'open'", "opened_on")),
        steps_of,
    ),
    "huisbezoek": Screen(
        "teamleider",
        lambda w, s: w.open_visit(first(s, "huisbezoek", "status = 'gepland'", "gepland_op")),
    ),
    "huisbezoek-klantmanager": Screen(
        "klantmanager",
        lambda w, s: w.open_visit(first(s, "huisbezoek", "status = 'gepland'", "gepland_op")),
    ),
    "boete": Screen(
        "boete_ambtenaar",
        lambda w, s: w.open_fine(first(s, "boete", "", "overtreding_op")),
    ),
}

# Gaps in screens this suite does not own; each fix is described in the hand-over.
# A QScrollArea takes Tab focus by default: without a name it is an empty tab stop that a screen
# reader announces as "scroll area". ToetsPage shows the fix: NoFocus on a scroll area whose
# content takes focus itself (or a name, where keyboard scrolling of plain text is needed).
KNOWN_GAPS: dict[str, list[str]] = {}


class AccessibilityGap(AssertionError):
    """Exactly the documented gap of a screen (see ``KNOWN_GAPS``)."""


def screen_params() -> list[object]:
    params: list[object] = []
    for key in SCREENS:
        gap = KNOWN_GAPS.get(key)
        marks = (
            [
                pytest.mark.xfail(
                    strict=True,
                    raises=AccessibilityGap,
                    reason="unnamed focus stop(s): " + "; ".join(gap),
                )
            ]
            if gap
            else []
        )
        params.append(pytest.param(key, marks=marks, id=key))
    return params


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("a11y") / "demo"
    return make_demo(folder, residents=40, seed=1, role="teamleider")


OpenScreen = Callable[[str], tuple[MainWindow, QWidget]]


@pytest.fixture
def open_screen(
    qtbot: QtBot, tmp_path: Path, demo_template: Path, clock: FixedClock
) -> Iterator[OpenScreen]:
    """``open_screen(key)`` -> (the active main window, the screen shown in it)."""
    windows: list[MainWindow] = []

    def make(key: str) -> tuple[MainWindow, QWidget]:
        screen = SCREENS[key]
        folder = tmp_path / "demo"
        if not folder.exists():
            shutil.copytree(demo_template, folder)
        session = Session.open(folder, PASSPHRASE, clock=clock)
        if screen.role != session.user.role:
            record = session.store.find("gebruiker", "role = ?", (screen.role,), limit=1)[0]
            session = Session(session.store, User(record["id"], record["name"], Role(screen.role)))
        window = MainWindow(session)
        windows.append(window)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # focus needs the active window
        screen.open(window, session)
        tasks().wait_idle(5000 / 1000)  # screens load in workers
        qtbot.wait(20)  # their answers arrive
        page = window.stack.currentWidget()
        assert page is not None
        return window, page

    yield make
    tasks().wait_idle(5000 / 1000)
    for window in windows:
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)


def each_view(qtbot: QtBot, key: str, page: QWidget) -> Iterator[str]:
    """Show every tab/step of the screen in turn; yields its label."""
    for index, show in enumerate(SCREENS[key].views(page)):
        show()
        qtbot.wait(10)
        yield f"{key} view {index}"


# ---------------------------------------------------------------------------- tests


@pytest.mark.parametrize("key", screen_params())
def test_every_control_has_a_name(qtbot: QtBot, open_screen: OpenScreen, key: str) -> None:
    window, page = open_screen(key)
    found: set[str] = set()
    for _view in each_view(qtbot, key, page):
        found.update(unnamed(window))
    gap = sorted(KNOWN_GAPS.get(key, []))
    if gap and sorted(found) == gap:
        raise AccessibilityGap(f"unnamed: {gap}")
    assert sorted(found) == [], f"controls without an accessible name: {sorted(found)}"


@pytest.mark.parametrize("key", list(SCREENS))
def test_tab_reaches_every_control_and_comes_back(
    qtbot: QtBot, open_screen: OpenScreen, key: str
) -> None:
    _window, page = open_screen(key)
    checked = 0
    for view in each_view(qtbot, key, page):
        missed = missed_by_tab(qtbot, page)
        assert missed == [], f"{view}: Tab never reaches these"
        checked += len(reachable(page))
    assert checked >= 1


def test_every_navigation_page_is_among_the_checked_screens(open_screen: OpenScreen) -> None:
    window, _page = open_screen("home")
    assert window._nav_keys  # the teamleider's navigation
    assert set(window._nav_keys) <= set(SCREENS)
    assert set(DETAIL) <= {"dossier", "case", "visit", "fine"}  # each opened in SCREENS


def test_the_unlock_window_is_named_and_tabs_around(
    qtbot: QtBot, make_profile: Callable[..., Path], clock: FixedClock
) -> None:
    make_profile(folder="demo")
    window = UnlockWindow(make_profile(folder="werk"), clock=clock)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    assert unnamed(window) == []
    met = tab_walk(qtbot, window.profile_combo)
    assert met == [
        window.profile_combo,
        window.passphrase_edit,
        window.unlock_button,
        window.join_button,
        window.language_combo,
    ]
    assert missed_by_tab(qtbot, window) == []


def test_the_checks_find_an_unnamed_control_and_a_keyboard_trap(qtbot: QtBot) -> None:
    """The checks themselves: what they must catch, they catch."""
    form = QWidget()
    qtbot.addWidget(form)
    label = QLabel("&Naam:", form)
    named = QLineEdit(form)
    label.setBuddy(named)
    unnamed_edit = QLineEdit(form)
    unnamed_edit.setObjectName("nameless")
    trap = QPlainTextEdit(form)  # Tab types a tab character in it
    trap.setAccessibleName("Notitie")
    layout = QVBoxLayout(form)
    for widget in (label, named, unnamed_edit, trap):
        layout.addWidget(widget)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)

    assert unnamed(form) == ["QLineEdit(nameless) in QWidget"]
    with pytest.raises(AssertionError, match="stuck in QPlainTextEdit"):
        tab_walk(qtbot, named)

    unnamed_edit.setAccessibleName("Voornaam")
    trap.setTabChangesFocus(True)
    assert unnamed(form) == []
    assert tab_walk(qtbot, named) == [named, unnamed_edit, trap]


# ---------------------------------------------------------------------------- font size

PIXEL_FONT = re.compile(r"font(-size)?\s*:[^;]*\d\s*px", re.IGNORECASE)
BIG = 16.0
SMALLEST = 0.8  # muted or secondary text may be a little smaller, but scales along


@pytest.fixture
def big_font(qapp: QApplication) -> Iterator[QFont]:
    original = QFont(qapp.font())
    font = QFont(original)
    font.setPointSizeF(BIG)
    qapp.setFont(font)
    yield font
    qapp.setFont(original)


def text_size_problems(root: QWidget) -> list[str]:
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if PIXEL_FONT.search(widget.styleSheet()):
            problems.append(f"{describe(widget)}: font size in pixels in its style sheet")
        if not (isinstance(widget, QLabel) and widget.isVisible() and widget.text()):
            continue
        font = widget.font()
        if font.pixelSize() > 0:
            problems.append(f"{describe(widget)}: font of {font.pixelSize()} px")
        elif font.pointSizeF() < BIG * SMALLEST:
            problems.append(f"{describe(widget)}: {font.pointSizeF()} pt with a {BIG} pt system")
    return problems


def test_text_scales_with_the_system_font(
    qtbot: QtBot,
    big_font: QFont,
    open_screen: OpenScreen,
    make_profile: Callable[..., Path],
    clock: FixedClock,
) -> None:
    unlock = UnlockWindow(make_profile(folder="werk"), clock=clock)
    qtbot.addWidget(unlock)
    unlock.show()
    assert text_size_problems(unlock) == []
    assert unlock.passphrase_label.font().pointSizeF() == BIG
    assert unlock.title_label.font().pointSizeF() > BIG  # the heading stays bigger

    window, _page = open_screen("home")
    assert window.session is not None
    session = window.session
    problems: list[str] = []
    for key in (*("home", "residents", "handovers", "approvals", "signals", "settings"),
                *("dossier", "toets", "huisbezoek")):  # fmt: skip
        SCREENS[key].open(window, session)
        tasks().wait_idle(5000 / 1000)
        qtbot.wait(10)
        page = window.stack.currentWidget()
        assert page is not None
        problems += text_size_problems(page)
        labels = [w for w in page.findChildren(QLabel) if w.isVisible() and w.text()]
        assert labels, f"{key}: no text to check"
    assert problems == []
    assert window.page_title.font().pointSizeF() > BIG

    residents = window.pages["residents"]
    table = residents.table  # type: ignore[attr-defined]
    assert table.font().pointSizeF() == BIG
    assert table.verticalHeader().defaultSectionSize() > table.fontMetrics().height()
