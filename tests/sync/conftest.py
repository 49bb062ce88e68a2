"""Laptops and a share for sync tests: real profiles (cheap test KDF), a real folder as share."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE, TEST_NOW
from werkplein.services.session import Session
from werkplein.services.sharing import join
from werkplein.store.clock import FixedClock, iso
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.sync import engine
from werkplein.sync.engine import SyncReport
from werkplein.sync.files import bundle_name, seal_envelope

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

    def prune_to_snapshot(self, by: str = "tl") -> dict[str, int]:
        """The teamleider laptop ``by`` writes a snapshot, and every laptop's bundles it covers
        leave the share (what tidying does once a laptop away has stopped counting as active).
        A laptop that lacks them catches up from the snapshot at its next sync. Returns what
        the snapshot covers (laptop -> bundle)."""
        writer = self.laptops[by]
        engine.Sync(writer.store).write_snapshot()
        covers = engine.applied_vector(writer.store)
        for session in self.laptops.values():
            limit = covers.get(session.store.device_id, 0)
            folder = self.share / "devices" / session.store.device_id
            for seq, name in session.store.rows(
                "SELECT seq, name FROM sync_exported WHERE pruned = 0 AND seq <= ?", (limit,)
            ):
                (folder / str(name)).unlink(missing_ok=True)
                session.store.conn.execute(
                    "UPDATE sync_exported SET pruned = 1 WHERE seq = ?", (int(seq),)
                )
        return covers

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


def forge(
    team: Team,
    name: str,
    content: dict[str, Any] | bytes,
    *,
    channel: str = "g",
    compress: bool = True,
) -> str:
    """What a patched app on laptop ``name`` can do with its own legitimate keys: write a signed
    bundle holding ``content`` (a payload, or raw section bytes) at its next sequence number,
    and go on numbering after it. Returns the bundle's path relative to the share."""
    session = team.laptops[name]
    sync = engine.Sync(session.store)
    key = sync.keys.key_for(channel)
    assert key is not None, f"{name} has no key for channel {channel}"
    seq = sync._next_seq()
    plain = json.dumps(content).encode() if isinstance(content, dict) else content
    section = zlib.compress(plain) if compress else plain
    header = {
        "kind": "bundle",
        "team": sync.keys.team_id,
        "signer": session.store.device_id,
        "device": session.store.device_id,
        "seq": seq,
        "channel": channel,
    }
    data = seal_envelope(header, {channel: (key, section)}, sync.sign)
    file_name = bundle_name(seq, data)
    (sync.own / file_name).write_bytes(data)
    marks = engine.watermarks(session.store)[channel]
    sync._record_export(seq, file_name, channel, marks, 0)
    return f"devices/{session.store.device_id}/{file_name}"


def change_row(
    session: Session,
    entity: str,
    record_id: str,
    fields: dict[str, Any],
    *,
    kind: str = "update",
    op_id: str | None = None,
    hlc: str | None = None,
    author_id: str | None = "me",
    parents: dict[str, list[str]] | None = None,
) -> list[Any]:
    """A change-log row as laptop ``session`` would send it (its device, its clock)."""
    return [
        op_id or session.store.ids(),
        hlc or session.store.hlc.tick(),
        session.store.device_id,
        session.user.id if author_id == "me" else author_id,
        iso(session.clock.now()),
        entity,
        record_id,
        kind,
        json.dumps({name: [None, value] for name, value in fields.items()}),
        json.dumps(parents) if parents else None,
    ]


def payload(*changes: list[Any], audit: list[list[Any]] | None = None) -> dict[str, Any]:
    return {"changes": list(changes), "audit": audit or [], "last_change": 0, "last_audit": 0}
