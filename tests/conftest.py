"""Shared fixtures. Profiles use the cheap test KDF through the explicit test-only parameter.

One clock for the whole run: ``TEST_NOW`` is the moment the run started (or ``WERKPLEIN_NOW``
when given, to run the suite at another date without faketime), to the minute. Every test gets
its own ``clock`` standing at that moment, and every profile, session, window, sync team and
CLI call of the test uses it (subprocesses through ``WERKPLEIN_NOW``). Dates in tests are derived
from it ("today + 5 months"), never written down, unless a literal date is the point of a test.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from werkplein import i18n
from werkplein.demo import build_demo
from werkplein.services.session import Session
from werkplein.store.clock import NOW_ENV, FixedClock, SystemClock, iso, parse_moment
from werkplein.store.profile import TEST_ITERATIONS

PASSPHRASE = "correct horse battery staple"

# before anything asks for the process clock, so the run and its subprocesses share one moment
os.environ[NOW_ENV] = iso(
    parse_moment(os.environ[NOW_ENV])
    if os.environ.get(NOW_ENV)
    else SystemClock().now().replace(second=0, microsecond=0)
)
TEST_NOW = parse_moment(os.environ[NOW_ENV])


def run_clock() -> FixedClock:
    """A clock standing at the run's moment (for module-level and session-scoped set-ups)."""
    return FixedClock(TEST_NOW)


def today() -> dt.date:
    """The run's day, as the user sees it (the computer's time zone)."""
    return run_clock().today()


def days(n: int) -> str:
    """``today + n days`` as an ISO date."""
    return (today() + dt.timedelta(days=n)).isoformat()


def moment(n_days: int = 0, hour: int | None = None, minute: int = 0) -> str:
    """A stored moment (UTC, ISO with Z) ``n_days`` from today at ``hour:minute`` local time,
    or at the run's time of day when ``hour`` is None."""
    if hour is None:
        when = TEST_NOW + dt.timedelta(days=n_days)
    else:
        local = dt.datetime.combine(today() + dt.timedelta(days=n_days), dt.time(hour, minute))
        when = local.astimezone()
    return when.astimezone(dt.UTC).isoformat(timespec="minutes").replace("+00:00", "Z")


def pytest_configure(config: pytest.Config) -> None:
    """Tests that run the CLI or the app in this process would harden it for good (a hard core
    limit of 0 that no child can raise), and test_no_core_dump.py, which checks in a child
    started with core dumps on that the program turns them off, would depend on test order. In
    the test process only the soft limit goes to 0."""
    from werkplein import hardening

    def harden_softly() -> None:
        with contextlib.suppress(ImportError, ValueError, OSError):
            import resource

            hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
            resource.setrlimit(resource.RLIMIT_CORE, (0, hard))

    hardening.harden_process = harden_softly


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
    """The test's clock, at the run's moment; tests move it with ``advance``."""
    return run_clock()


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


def make_demo(folder: Path, *, passphrase: str = PASSPHRASE, **options: Any) -> Path:
    """A demo region around the run's day, in ``folder`` (cheap KDF); options go to build_demo."""
    build_demo(
        folder,
        passphrase,
        kdf_iterations=TEST_ITERATIONS,
        clock=run_clock(),
        **options,
    )
    return folder
