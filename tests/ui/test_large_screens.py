"""A large screen (2560x1440) is used, not left empty: on the demo, Mijn werk's lists grow with
the window and show more of their rows than on a small laptop (1024x700); a case's step keeps a
readable width, and its buttons (and "Dossier openen") stay by the form they act on instead of
drifting to the far edge of the screen.

Screens are built as ``tests/ui/test_elision.py`` builds them (its fixtures are reused).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_elision import OpenScreen, make_template, screen_opener
from ui.pages.home import HomePage
from ui.pages.toets import ToetsPage
from ui.pages.toets.page import READABLE_CHARS
from werkplein.store.clock import FixedClock

SMALL = (1024, 700)
LARGE = (2560, 1440)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_template(tmp_path_factory)


@pytest.fixture
def show(qtbot: QtBot, tmp_path: Path, demo: Path, clock: FixedClock) -> Iterator[OpenScreen]:
    yield from screen_opener(qtbot, tmp_path, demo, clock)


def right_edge(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), QPoint(widget.width(), 0)).x()


def left_edge(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).x()


def work_lists(page: QWidget) -> dict[str, tuple[int, int, int]]:
    """Each Mijn werk list: (height, rows shown whole, rows in it)."""
    assert isinstance(page, HomePage)
    return {
        key: (work.list.height(), work.shown_rows(), work.list.count())
        for key, work in page.welcome.work.lists.items()
    }


def test_mijn_werk_lists_grow_on_a_large_screen(qtbot: QtBot, show: OpenScreen) -> None:
    small = work_lists(show("home-klantmanager", SMALL, LARGE).page)
    large = work_lists(show("home-klantmanager", LARGE, SMALL).page)
    assert small.keys() == large.keys()
    scrolled = [key for key, (_height, shown, count) in small.items() if shown < count]
    assert scrolled, f"every list of the demo fits a small screen: {small}"
    for key in scrolled:  # what scrolls on a small screen shows more on a large one
        assert large[key][0] > small[key][0], (key, small, large)
        assert large[key][1] > small[key][1], (key, small, large)
    for key, (_height, shown, count) in small.items():
        assert large[key][1] >= shown, key
        assert shown >= min(count, 4), f"{key}: fewer than four rows on a small screen"


def test_a_step_keeps_a_readable_width_and_its_buttons_by_it(
    qtbot: QtBot, show: OpenScreen
) -> None:
    shown = show("toets-klantmanager", LARGE, SMALL)
    page = shown.page
    assert isinstance(page, ToetsPage)
    readable = page.fontMetrics().averageCharWidth() * READABLE_CHARS
    for index, view in enumerate(shown.views):
        view()
        qtbot.wait(10)
        panel = page.stack.currentWidget()
        assert panel is not None
        form = panel.widget()  # type: ignore[attr-defined]  # the step in its scroll area
        assert form.width() <= readable, f"step {index + 1} is wider than it reads well"
        for button in (page.save_button, page.complete_button):
            if button.isVisible():
                assert right_edge(button) <= right_edge(panel) + 4, button.objectName()
    # the dossier button stands by the case's title, not at the screen's far edge
    assert left_edge(page.dossier_button) - left_edge(page.case_title) < 1600
    assert right_edge(page.dossier_button) <= right_edge(page.stack) + 4
