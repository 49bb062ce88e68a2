"""Shared fixtures. Profiles use the cheap test KDF through the explicit test-only parameter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from werkplein import i18n
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _dutch(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in Dutch, the app's default language."""
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC))


MakeSession = Callable[..., Session]


@pytest.fixture
def make_session(tmp_path: Path, clock: FixedClock) -> Iterator[MakeSession]:
    """``make_session(role="klantmanager", name=..., folder=...)`` -> an open Session."""
    opened: list[Session] = []

    def make(
        role: str = "klantmanager", name: str = "Test Medewerker", folder: str = ""
    ) -> Session:
        data_dir = tmp_path / (folder or f"profile-{role}-{len(opened)}")
        session = Session.create(
            data_dir, PASSPHRASE, name, role, kdf_iterations=TEST_ITERATIONS, clock=clock
        )
        opened.append(session)
        return session

    yield make
    for session in opened:
        if session.store.conn is not None:
            session.close()


@pytest.fixture
def session(make_session: MakeSession) -> Session:
    return make_session("klantmanager")
