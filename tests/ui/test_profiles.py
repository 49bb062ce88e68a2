"""Choosing the profile on the unlock window: the profile folders next to the one the app was
started on, "Andere map…", and which folder the passphrase is then checked against; on real
encrypted profiles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MakeController, MakeProfile
from tests.ui.test_unlock import type_and_enter, unlock, unlock_window, wait_for_error
from ui.unlock import NoProfileHere, find_profiles, folder_label
from werkplein.errors import WrongPassphrase
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

OTHER_PASSPHRASE = "een ander wachtwoord 2026"


@pytest.fixture
def two_profiles(make_profile: MakeProfile, tmp_path: Path, clock: FixedClock) -> tuple[Path, Path]:
    """Profile "werk" (the usual passphrase) and, next to it, "demo" with a passphrase of its
    own; also a folder without a profile and a loose file, which are not offered."""
    werk = make_profile(folder="werk")
    demo = tmp_path / "demo"
    Session.create(
        demo,
        OTHER_PASSPHRASE,
        "Demo Medewerker",
        "werkcoach",
        kdf_iterations=TEST_ITERATIONS,
        clock=clock,
    ).close()
    (tmp_path / "leeg").mkdir()
    (tmp_path / "notities.txt").write_text("geen profiel", encoding="utf-8")
    return werk, demo


def folder_state(*folders: Path) -> dict[str, bytes]:
    return {
        str(path): path.read_bytes()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_profiles_next_to_the_folder_are_offered_by_folder_name(
    make_controller: MakeController, two_profiles: tuple[Path, Path]
) -> None:
    werk, _demo = two_profiles
    window = unlock_window(make_controller(werk))
    combo = window.profile_combo
    assert window.profile_names() == ["demo", "werk"]  # no "leeg", no file, no user names
    assert combo.currentText() == "werk"
    assert window.data_dir == werk
    assert combo.itemText(combo.count() - 1) == "Andere map…"
    assert "Medewerker" not in " ".join(combo.itemText(i) for i in range(combo.count()))
    assert window.passphrase_edit.isEnabled()
    assert not window.error_message


def test_choose_the_second_profile_and_unlock_it(
    qtbot: QtBot, make_controller: MakeController, two_profiles: tuple[Path, Path]
) -> None:
    werk, demo = two_profiles
    controller = make_controller(werk)
    window = unlock_window(controller)
    window.profile_combo.setCurrentIndex(window.profile_combo.findText("demo"))
    assert window.data_dir == demo

    main = unlock(qtbot, controller, OTHER_PASSPHRASE)
    assert main.session is not None
    assert main.session.store.data_dir == demo
    assert main.session.user.name == "Demo Medewerker"
    assert main.profile_status.text() == "Profiel: demo"

    # locking returns to the unlock window with the same profile chosen
    main.lock()
    window = unlock_window(controller)
    assert window.profile_combo.currentText() == "demo"
    assert window.profile_names() == ["demo", "werk"]
    main = unlock(qtbot, controller, OTHER_PASSPHRASE)
    assert main.session is not None
    assert main.session.store.data_dir == demo


def test_wrong_passphrase_on_the_chosen_profile_changes_nothing(
    qtbot: QtBot, make_controller: MakeController, two_profiles: tuple[Path, Path], passphrase: str
) -> None:
    werk, demo = two_profiles
    before = folder_state(werk, demo)
    controller = make_controller(werk)
    window = unlock_window(controller)
    window.profile_combo.setCurrentIndex(window.profile_combo.findText("demo"))

    type_and_enter(qtbot, window, passphrase)  # the passphrase of "werk", not of "demo"

    assert wait_for_error(qtbot, window) == WrongPassphrase().message()
    assert controller.main_window is None
    assert window.data_dir == demo
    assert window.profile_combo.currentText() == "demo"
    assert folder_state(werk, demo) == before

    # choosing the other profile clears the error that was about this one
    window.profile_combo.setCurrentIndex(window.profile_combo.findText("werk"))
    assert not window.error_message
    assert unlock(qtbot, controller, passphrase).session is not None


def test_profile_is_chosen_with_the_keyboard_alone(
    qtbot: QtBot, make_controller: MakeController, two_profiles: tuple[Path, Path]
) -> None:
    werk, demo = two_profiles
    controller = make_controller(werk)
    window = unlock_window(controller)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.passphrase_edit.hasFocus()

    qtbot.keyClick(window.passphrase_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.profile_combo.hasFocus()
    qtbot.keyClick(window.profile_combo, Qt.Key.Key_Up)  # werk -> demo
    assert window.profile_combo.currentText() == "demo"
    qtbot.keyClick(window.profile_combo, Qt.Key.Key_Tab)
    assert window.passphrase_edit.hasFocus()
    qtbot.keyClicks(window.passphrase_edit, OTHER_PASSPHRASE)
    qtbot.keyClick(window.passphrase_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=5000)
    assert controller.session is not None
    assert controller.session.store.data_dir == demo


def test_profile_mnemonic_focuses_the_choice(
    qtbot: QtBot, make_controller: MakeController, two_profiles: tuple[Path, Path]
) -> None:
    window = unlock_window(make_controller(two_profiles[0]))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # "&Profiel:"
    assert window.profile_combo.hasFocus()


def test_other_folder_asks_for_a_folder_and_a_folder_without_profile_is_refused(
    make_controller: MakeController,
    two_profiles: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    werk, _demo = two_profiles
    elsewhere = tmp_path / "usb" / "werk"  # the same name as a listed folder
    elsewhere.parent.mkdir()
    answers = [str(elsewhere.parent), ""]
    asked: list[str] = []

    def choose(_parent: QWidget, title: str, _start: str) -> str:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    window = unlock_window(make_controller(werk))
    combo = window.profile_combo
    other = combo.count() - 1

    combo.setCurrentIndex(other)
    combo.activated.emit(other)  # as the user picking "Andere map…"
    assert asked == ["Kies een profielmap"]
    assert window.data_dir == elsewhere.parent.absolute()
    assert combo.currentText() == "usb"
    assert window.error_message == NoProfileHere().message()
    assert not window.passphrase_edit.isEnabled()
    assert not window.unlock_button.isEnabled()

    # cancelling the dialog keeps the folder chosen before
    combo.setCurrentIndex(other)
    combo.activated.emit(other)
    assert combo.currentText() == "usb"
    assert window.data_dir == elsewhere.parent.absolute()

    combo.setCurrentIndex(combo.findText("werk"))
    assert window.passphrase_edit.isEnabled()
    assert not window.error_message


def test_a_folder_that_does_not_exist_yet_is_offered_next_to_the_profiles(
    make_controller: MakeController, two_profiles: tuple[Path, Path], tmp_path: Path
) -> None:
    window = unlock_window(make_controller(tmp_path / "nieuw"))
    assert window.profile_names() == ["demo", "nieuw", "werk"]
    assert window.profile_combo.currentText() == "nieuw"
    assert window.error_message == NoProfileHere().message()
    assert not window.passphrase_edit.isEnabled()
    assert window.focusWidget() is window.profile_combo  # focus starts where it can be used

    window.profile_combo.setCurrentIndex(window.profile_combo.findText("werk"))
    assert window.passphrase_edit.isEnabled()
    assert window.unlock_button.isEnabled()
    assert not window.error_message


def test_names_of_folders_with_the_same_name_show_their_parent(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "werk", tmp_path / "b" / "werk"
    assert folder_label(first, [first, second]) == "werk (a)"
    assert folder_label(first, [first, tmp_path / "demo"]) == "werk"
    assert find_profiles(tmp_path / "ontbreekt" / "p") == [tmp_path / "ontbreekt" / "p"]
