"""Joining a team from the unlock window ("Ik heb een uitnodigingscode"), between real encrypted
profiles through a real shared folder: typed into the dialog key by key, joined on a worker, the
new profile opened as after an unlock; refused before any work when the form is wrong; a wrong
code or a stop leaves nothing behind, and the code still works afterwards; keyboard only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.sync.conftest import Team
from tests.ui.test_accessibility import missed_by_tab, tab_walk, unnamed
from ui.app import AppController
from ui.dialogs.join_team import JoinStopped, JoinTeamDialog
from ui.tasks import tasks
from ui.unlock import UnlockWindow
from werkplein.errors import InvalidCode
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import PROFILE_FILE, TEST_ITERATIONS
from werkplein.sync.crypto import CODE_ALPHABET

from .conftest import MakeController, MakeProfile

WAIT = 8000  # ms; a join between two test profiles takes a fraction of that
NEW_PASSPHRASE = "paard nietje batterij"  # the colleague's own, not the teamleider's


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app passes no iteration count: the core takes the test strength from this, as the
    suite's runs set it (a join made the production KDF would take seconds)."""
    monkeypatch.setenv("WERKPLEIN_TEST_KDF", "1")


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    t = Team(tmp_path, tmp_path / "share")
    yield t
    tasks().wait_idle(WAIT / 1000)
    t.close()


@pytest.fixture
def invited(team: Team) -> tuple[Session, str, str]:
    """A teamleider laptop that made the share, a resident on it, and an invitation for a
    klantmanager: (teamleider, resident id, code)."""
    tl = team.found()
    inwoner = tl.residents.create(
        bsn="999990019",
        first_names="Anna",
        last_name="Jansen",
        birth_date="1980-01-01",
        gemeente="Lindendal",
        street="Dorpsstraat",
    )
    code = tl.sharing.invite("Collega Karin", "klantmanager")  # syncs: Anna is on the share
    return tl, inwoner, code


@pytest.fixture
def new_folder(tmp_path: Path) -> Path:
    """The folder a new colleague's app starts on: there is no profile in it yet."""
    folder = tmp_path / "nieuw"
    folder.mkdir()
    return folder


def unlock_window(controller: AppController) -> UnlockWindow:
    assert controller.unlock_window is not None
    return controller.unlock_window


def open_join(qtbot: QtBot, window: UnlockWindow) -> JoinTeamDialog:
    qtbot.mouseClick(window.join_button, Qt.MouseButton.LeftButton)
    dialog = window.join_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def fill(
    qtbot: QtBot,
    dialog: JoinTeamDialog,
    share: Path,
    code: str,
    passphrase: str = NEW_PASSPHRASE,
    repeat: str | None = None,
) -> None:
    """Type into the fields key by key, as a person does."""
    qtbot.keyClicks(dialog.share_edit, str(share))
    qtbot.keyClicks(dialog.code_edit, code)
    qtbot.keyClicks(dialog.passphrase_edit, passphrase)
    qtbot.keyClicks(dialog.repeat_edit, passphrase if repeat is None else repeat)


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def wait_for_error(qtbot: QtBot, dialog: JoinTeamDialog) -> str:
    qtbot.waitUntil(lambda: bool(dialog.error_message) and not dialog.busy, timeout=WAIT)
    return dialog.error_message


def devices_on(share: Path) -> list[str]:
    return sorted(p.name for p in (share / "devices").iterdir())


def contents(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def wrong(code: str) -> str:
    """The code with its last character changed: well-formed, but no invitation's."""
    last = code[-1]
    return code[:-1] + next(c for c in CODE_ALPHABET if c != last)


# ---------------------------------------------------------------------- joining


def test_a_new_colleague_joins_from_the_unlock_window_and_works_on_the_team_data(
    qtbot: QtBot,
    make_controller: MakeController,
    team: Team,
    invited: tuple[Session, str, str],
    new_folder: Path,
    clock: FixedClock,
) -> None:
    tl, inwoner, code = invited
    tl_device = tl.profile.device_id
    controller = make_controller(new_folder)
    window = unlock_window(controller)
    # no profile here: joining is the way on, as a full button (not a link)
    assert window.join_button.text() == "Ik heb een &uitnodigingscode"
    assert window.join_button.isVisible()
    assert not window.join_button.isFlat()
    assert not window.unlock_button.isEnabled()

    dialog = open_join(qtbot, window)
    assert dialog.windowTitle() == "Aansluiten bij een team"
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    assert dialog.profile_edit.text() == str(new_folder)  # the folder the app started on
    assert dialog.focusWidget() is dialog.share_edit
    assert not dialog.progress_bar.isVisible()
    fill(qtbot, dialog, team.share, code.lower().replace("-", " "))  # as read out by phone
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert dialog.busy  # on a worker: the window goes on
    assert dialog.progress_bar.isVisible()
    assert dialog.cancel_button.text() == "&Stoppen"
    assert not dialog.code_edit.isEnabled()

    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=WAIT)
    main = controller.main_window
    assert main is not None
    assert controller.unlock_window is None  # as after an unlock
    session = main.session
    assert session is not None
    assert session.profile.folder == new_folder
    assert session.user.name == "Collega Karin"
    assert session.user.role.value == "klantmanager"
    assert session.clock is clock  # the window's clock, as every session of the app
    # the first sync brought the team's data; the profile is made at the test strength
    assert session.store.get("inwoner", inwoner)["street"] == "Dorpsstraat"
    assert session.sharing.state().joined
    assert session.profile.status(digest=False).kdf_iterations == TEST_ITERATIONS
    assert devices_on(team.share) == sorted([tl_device, session.profile.device_id])
    assert (new_folder / PROFILE_FILE).is_file()

    # the code was used: it does not work a second time
    controller.shutdown()
    other = make_controller(new_folder.with_name("nog-een"))
    again = open_join(qtbot, unlock_window(other))
    fill(qtbot, again, team.share, code)
    qtbot.mouseClick(again.join_button, Qt.MouseButton.LeftButton)
    assert wait_for_error(qtbot, again) == InvalidCode().message()
    assert contents(new_folder.with_name("nog-een")) == []


def test_with_a_profile_the_link_is_there_and_the_join_goes_to_a_new_folder_next_to_it(
    qtbot: QtBot,
    make_controller: MakeController,
    make_profile: MakeProfile,
    team: Team,
    invited: tuple[Session, str, str],
) -> None:
    _tl, _inwoner, code = invited
    werk = make_profile(folder="werk")
    (werk.with_name("werk-2")).mkdir()  # taken, though empty: the next one is chosen
    controller = make_controller(werk)
    window = unlock_window(controller)
    assert window.join_button.isVisible()
    assert window.join_button.isFlat()  # the unlock comes first here
    assert window.focusWidget() is window.passphrase_edit

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert tab_walk(qtbot, window.profile_combo) == [
        window.profile_combo,
        window.passphrase_edit,
        window.unlock_button,
        window.join_button,
        window.language_combo,
    ]

    dialog = open_join(qtbot, window)
    assert dialog.profile_edit.text() == str(werk.with_name("werk-3"))
    fill(qtbot, dialog, team.share, code)
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)  # Enter joins
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=WAIT)
    assert controller.session is not None
    assert controller.session.profile.folder == werk.with_name("werk-3")
    assert (werk / PROFILE_FILE).is_file()  # the existing profile is untouched


# ---------------------------------------------------------------------- refused or failed


def test_different_passphrases_are_refused_before_any_work(
    qtbot: QtBot,
    make_controller: MakeController,
    team: Team,
    invited: tuple[Session, str, str],
    new_folder: Path,
) -> None:
    tl, _inwoner, code = invited
    controller = make_controller(new_folder)
    dialog = open_join(qtbot, unlock_window(controller))
    fill(qtbot, dialog, team.share, code, repeat=NEW_PASSPHRASE + "!")
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)

    # refused at once, in the click: nothing was started
    assert not dialog.busy
    assert dialog._task is None
    assert dialog.error_message == (
        "De twee wachtwoordzinnen verschillen. Typ twee keer dezelfde wachtwoordzin."
    )
    assert dialog.error_label.isVisible()
    assert dialog.focusWidget() is dialog.repeat_edit
    assert not dialog.progress_bar.isVisible()
    assert contents(new_folder) == []
    assert devices_on(team.share) == [tl.profile.device_id]

    # corrected, the same code joins: the refusal used nothing up
    retype(qtbot, dialog.repeat_edit, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=WAIT)


def test_the_form_says_what_is_missing_in_dutch_field_by_field(
    qtbot: QtBot,
    make_controller: MakeController,
    make_profile: MakeProfile,
    team: Team,
    invited: tuple[Session, str, str],
    new_folder: Path,
) -> None:
    tl, _inwoner, code = invited
    dialog = open_join(qtbot, unlock_window(make_controller(new_folder)))

    def refused(field: QLineEdit) -> str:
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        assert not dialog.busy
        assert dialog.focusWidget() is field
        return dialog.error_message

    assert refused(dialog.share_edit) == "Kies de gedeelde map van het team."
    qtbot.keyClicks(dialog.share_edit, str(team.share.with_name("elders")))
    assert refused(dialog.share_edit).startswith("Deze gedeelde map is niet te vinden.")
    retype(qtbot, dialog.share_edit, str(team.share))
    assert refused(dialog.code_edit) == (
        "Vul de uitnodigingscode in die u van uw teamleider hebt gekregen."
    )
    qtbot.keyClicks(dialog.code_edit, code)
    qtbot.keyClicks(dialog.passphrase_edit, "kort")
    qtbot.keyClicks(dialog.repeat_edit, "kort")
    assert refused(dialog.passphrase_edit) == (
        "De wachtwoordzin is te kort: gebruik ten minste 8 tekens."  # the core's rule
    )
    retype(qtbot, dialog.passphrase_edit, NEW_PASSPHRASE)
    retype(qtbot, dialog.repeat_edit, NEW_PASSPHRASE)
    retype(qtbot, dialog.profile_edit, str(make_profile(folder="bezet")))
    assert refused(dialog.profile_edit) == (
        "In deze map staat al een Werkplein-profiel. Kies een lege map."
    )
    retype(qtbot, dialog.profile_edit, str(team.share / "profiel"))
    assert refused(dialog.profile_edit).startswith("Het profiel hoort op deze laptop")
    assert devices_on(team.share) == [tl.profile.device_id]
    assert contents(new_folder) == []


def test_a_wrong_code_says_so_in_dutch_and_leaves_nothing_behind(
    qtbot: QtBot,
    make_controller: MakeController,
    team: Team,
    invited: tuple[Session, str, str],
    new_folder: Path,
) -> None:
    tl, _inwoner, code = invited
    controller = make_controller(new_folder)
    dialog = open_join(qtbot, unlock_window(controller))
    fill(qtbot, dialog, team.share, wrong(code))
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)

    message = wait_for_error(qtbot, dialog)
    assert message.startswith("Deze uitnodigingscode is onbekend in deze gedeelde map")
    assert message == InvalidCode().message()
    assert dialog.isVisible()
    assert controller.main_window is None
    assert dialog.code_edit.isEnabled()
    assert dialog.focusWidget() is dialog.code_edit
    assert dialog.code_edit.selectedText() == wrong(code)
    assert dialog.cancel_button.text() == "Annuleren"
    assert not dialog.progress_bar.isVisible()
    assert contents(new_folder) == []
    assert devices_on(team.share) == [tl.profile.device_id]


def test_stopping_a_join_removes_the_new_profile_and_laptop_and_the_code_still_works(
    qtbot: QtBot,
    make_controller: MakeController,
    make_profile: MakeProfile,
    team: Team,
    invited: tuple[Session, str, str],
) -> None:
    """Stopped after the core made the profile and put the laptop on the share (it stops at
    the first bundle received): both go again, and the folder next to the profile too."""
    tl, _inwoner, code = invited
    werk = make_profile(folder="werk")
    controller = make_controller(werk)
    dialog = open_join(qtbot, unlock_window(controller))
    target = werk.with_name("werk-2")
    assert dialog.profile_edit.text() == str(target)
    fill(qtbot, dialog, team.share, code)
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.text() == "&Stoppen"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    message = wait_for_error(qtbot, dialog)
    assert message == JoinStopped().message()
    assert message.startswith("Het aansluiten is gestopt. Er is niets achtergebleven")
    assert dialog.isVisible()  # Stop says what happened; it does not close
    assert controller.main_window is None
    assert not target.exists()
    assert devices_on(team.share) == [tl.profile.device_id]

    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=WAIT)
    assert controller.session is not None
    assert controller.session.profile.folder == target


# ---------------------------------------------------------------------- keyboard


def test_the_dialog_is_named_and_works_by_keyboard_alone(
    qtbot: QtBot,
    make_controller: MakeController,
    team: Team,
    invited: tuple[Session, str, str],
    new_folder: Path,
) -> None:
    _tl, inwoner, code = invited
    controller = make_controller(new_folder)
    window = unlock_window(controller)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.profile_combo.hasFocus()
    qtbot.keyClick(window.profile_combo, Qt.Key.Key_Tab)  # nothing to unlock: on to joining
    assert window.join_button.hasFocus()
    qtbot.keyClick(window.join_button, Qt.Key.Key_Space)
    dialog = window.join_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)

    assert unnamed(dialog) == []
    for label, field in (
        (dialog.share_label, dialog.share_edit),
        (dialog.code_label, dialog.code_edit),
        (dialog.passphrase_label, dialog.passphrase_edit),
        (dialog.repeat_label, dialog.repeat_edit),
        (dialog.profile_label, dialog.profile_edit),
    ):
        assert label.buddy() is field
        assert "&" in label.text()
    assert [dialog.share_label.text(), dialog.code_label.text()] == [
        "&Gedeelde map:",
        "&Uitnodigingscode:",
    ]
    assert tab_walk(qtbot, dialog.share_edit) == [
        dialog.share_edit,
        dialog.share_button,
        dialog.code_edit,
        dialog.passphrase_edit,
        dialog.repeat_edit,
        dialog.profile_edit,
        dialog.profile_button,
        dialog.join_button,
        dialog.cancel_button,
    ]
    assert missed_by_tab(qtbot, dialog) == []

    # a mnemonic reaches each field; type, Tab on, Enter joins
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # "&Gedeelde map:"
    assert dialog.share_edit.hasFocus()
    qtbot.keyClicks(dialog.share_edit, str(team.share))
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # "&Uitnodigingscode:"
    assert dialog.code_edit.hasFocus()
    for text in (code, NEW_PASSPHRASE, NEW_PASSPHRASE):
        focused = QApplication.focusWidget()
        assert isinstance(focused, QLineEdit)
        qtbot.keyClicks(focused, text)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert dialog.profile_edit.hasFocus()
    qtbot.keyClick(dialog.profile_edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=WAIT)
    assert controller.session is not None
    assert controller.session.store.get("inwoner", inwoner)["last_name"] == "Jansen"


def test_escape_while_joining_stops_and_closes_leaving_nothing(
    qtbot: QtBot,
    make_controller: MakeController,
    team: Team,
    invited: tuple[Session, str, str],
    new_folder: Path,
) -> None:
    tl, _inwoner, code = invited
    controller = make_controller(new_folder)
    window = unlock_window(controller)
    dialog = open_join(qtbot, window)
    fill(qtbot, dialog, team.share, code)
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    assert dialog.busy
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # until the core has removed what it made
    assert dialog.cancel_button.text() == "Stoppen…"

    qtbot.waitUntil(lambda: window.join_dialog is None, timeout=WAIT)
    assert controller.main_window is None
    assert controller.unlock_window is window
    assert contents(new_folder) == []
    assert devices_on(team.share) == [tl.profile.device_id]


def test_closing_the_unlock_window_during_a_join_stops_it_and_leaves_nothing(
    qtbot: QtBot,
    team: Team,
    invited: tuple[Session, str, str],
    new_folder: Path,
    clock: FixedClock,
) -> None:
    tl, _inwoner, code = invited
    window = UnlockWindow(new_folder, clock=clock)
    qtbot.addWidget(window)
    opened: list[Session] = []
    window.unlocked.connect(opened.append)
    window.show()
    qtbot.waitExposed(window)
    dialog = open_join(qtbot, window)
    fill(qtbot, dialog, team.share, code)
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert dialog.busy

    window.close()  # the app quits: the join stops before the window goes
    assert contents(new_folder) == []
    assert devices_on(team.share) == [tl.profile.device_id]
    qtbot.wait(50)  # what the worker hands back arrives for a closed window
    assert opened == []
