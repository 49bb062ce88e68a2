"""UI fixtures: Qt without a display, real encrypted profiles with the cheap test KDF."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# before pytest-qt makes the QApplication: the suite never needs a display
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.app import AppController, configure_application
from werkplein.services.session import Session
from werkplein.store.profile import TEST_ITERATIONS

TODAY = dt.date(2026, 11, 23)  # a Monday

MakeProfile = Callable[..., Path]
MakeController = Callable[[Path], AppController]


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    configure_application(qapp)


@pytest.fixture
def make_profile(tmp_path: Path, passphrase: str) -> MakeProfile:
    """``make_profile(role=..., folder=...)`` -> the folder of a new, closed profile."""

    def make(role: str = "klantmanager", folder: str = "p") -> Path:
        data_dir = tmp_path / folder
        Session.create(
            data_dir, passphrase, "Test Medewerker", role, kdf_iterations=TEST_ITERATIONS
        ).close()
        return data_dir

    return make


@pytest.fixture
def profile_dir(make_profile: MakeProfile) -> Path:
    return make_profile()


@pytest.fixture
def make_controller(qtbot: QtBot) -> Iterator[MakeController]:
    """A started app (unlock window shown) on a folder; shut down after the test."""
    started: list[AppController] = []

    def make(data_dir: Path) -> AppController:
        controller = AppController(data_dir, today=lambda: TODAY)
        controller.start()
        assert controller.unlock_window is not None
        qtbot.waitExposed(controller.unlock_window)
        started.append(controller)
        return controller

    yield make
    for controller in started:
        controller.shutdown()


@pytest.fixture
def controller(make_controller: MakeController, profile_dir: Path) -> AppController:
    return make_controller(profile_dir)
