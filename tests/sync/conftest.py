"""Laptops and a share for sync tests: real profiles (cheap test KDF), a real folder as share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, TEST_NOW
from werkplein.services.session import Session
from werkplein.services.sharing import join
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.sync.engine import SyncReport

START = TEST_NOW  # every laptop's clock starts at the run's moment (plus its own offset)


@dataclass
class Team:
    """A werkplein: the share folder and the laptops in it, each with its own clock."""

    root: Path
    share: Path
    laptops: dict[str, Session] = field(default_factory=dict)
    clocks: dict[str, FixedClock] = field(default_factory=dict)

    def found(self, name: str = "tl", role: str = "teamleider") -> Session:
        clock = FixedClock(START)
        session = Session.create(
            self.root / name,
            PASSPHRASE,
            f"Lid {name}",
            role,
            kdf_iterations=TEST_ITERATIONS,
            clock=clock,
        )
        session.sharing.create_share(self.share)
        self.laptops[name], self.clocks[name] = session, clock
        return session

    def add(self, name: str, role: str, *, by: str = "tl", clock_offset_h: float = 0) -> Session:
        code = self.laptops[by].sharing.invite(f"Collega {name}", role)
        clock = FixedClock(START + dt.timedelta(hours=clock_offset_h))
        session, _report = join(
            self.root / name,
            PASSPHRASE,
            self.share,
            code,
            kdf_iterations=TEST_ITERATIONS,
            clock=clock,
        )
        self.laptops[name], self.clocks[name] = session, clock
        return session

    def sync(self, name: str) -> SyncReport:
        return self.laptops[name].sharing.sync()

    def sync_all(self, rounds: int = 2) -> None:
        for _ in range(rounds):
            for name in self.laptops:
                self.sync(name)

    def tick(self, minutes: float = 1) -> None:
        for clock in self.clocks.values():
            clock.advance(minutes=minutes)

    def close(self) -> None:
        for session in self.laptops.values():
            session.close()


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    t = Team(tmp_path, tmp_path / "share")
    yield t
    t.close()
