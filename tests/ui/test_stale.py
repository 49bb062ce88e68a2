"""After a write, only the screens that may show what changed reload (the write says what it
changed); after a sync, an import or a write made elsewhere, every screen does."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.test_import_ui import window_for
from ui.main_window import MainWindow
from ui.pages.base import Page
from werkplein.store.clock import FixedClock

MARKED: set[str] = set()


def stale(window: MainWindow) -> set[str]:
    """The screens told to reload (the visible one reloads at once, the others when shown)."""
    return set(MARKED)


def fresh_pages(window: MainWindow, keys: tuple[str, ...]) -> None:
    for key in keys:
        window.go(key)
    MARKED.clear()


def test_a_write_marks_only_the_screens_it_concerns(
    qtbot: QtBot,
    profile_dir: Path,
    passphrase: str,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = Page.mark_stale

    def marked(page: Page) -> None:
        MARKED.add(page.key)
        real(page)

    monkeypatch.setattr(Page, "mark_stale", marked)
    window = window_for(qtbot, profile_dir, passphrase, clock)
    keys = ("home", "residents", "signals", "settings")
    fresh_pages(window, keys)
    assert window.session is not None
    window.session.signals.log("Regel knelt", "Een voorbeeld zonder namen.")
    window.data_changed(window.pages["settings"])  # the settings page wrote (say)
    assert stale(window) & set(keys) == {"home", "signals"}

    fresh_pages(window, keys)
    window.session.residents.create(
        bsn="999990019", last_name="Jansen", birth_date="1980-01-01", gemeente="Lindendal"
    )
    window.data_changed(window.pages["signals"])
    assert stale(window) & set(keys) == {"home", "residents"}

    fresh_pages(window, keys)
    window.data_changed(None)  # a sync brought changes: everything may have changed
    assert stale(window) & set(keys) == set(keys)

    fresh_pages(window, keys)
    window.data_changed(window.pages["home"])  # nothing recorded (a worker wrote): all
    assert stale(window) & set(keys) == set(keys) - {"home"}
