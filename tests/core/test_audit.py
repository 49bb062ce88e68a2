"""The hash-chained audit log: intact chains verify, every kind of tampering is reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from werkplein.store import audit, db
from werkplein.store.audit import Action
from werkplein.store.clock import FixedClock, iso
from werkplein.store.ids import is_uuid
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.store.store import Store

RESIDENT: dict[str, Any] = {
    "bsn": "123456782",
    "first_names": "Quirijntje",
    "last_name": "Zwaluwstaart",
    "birth_date": "1981-04-12",
    "street": "Kievitsbloemhof",
    "house_number": "17",
    "postcode": "9999 ZZ",
    "city": "Oudewater",
    "gemeente": "Oudewater",
    "phone": "0612398745",
    "email": "q.zwaluwstaart@voorbeeld.nl",
}
NOTE = "Schuldsaneringstraject besproken met Quirijntje"
PERSONAL = [*RESIDENT.values(), NOTE, "Schuldsaneringstraject", "Medewerkster Annegien"]


@pytest.fixture
def store(tmp_path: Path, passphrase: str, clock: FixedClock) -> Iterator[Store]:
    s = Store.create(tmp_path / "profile", passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock)
    yield s
    s.close()


@pytest.fixture
def user(store: Store) -> str:
    with store.write(None) as w:
        user_id, _ = w.put(
            "gebruiker", None, {"name": "Medewerkster Annegien", "role": "klantmanager"}
        )
    return user_id


@pytest.fixture
def resident(store: Store, user: str, clock: FixedClock) -> str:
    with store.write(user) as w:
        rid, _ = w.put("inwoner", None, RESIDENT)
        w.put(
            "notitie",
            None,
            {
                "inwoner_id": rid,
                "text": NOTE,
                "author_id": user,
                "written_at": iso(clock.now()),
            },
        )
    return rid


@pytest.fixture
def chain(store: Store, user: str, resident: str, clock: FixedClock) -> list[int]:
    """Five more entries on top of whatever writing the resident logged; returns all seqs."""
    for action in (Action.VIEW, Action.UPDATE, Action.EXPORT, Action.VIEW):
        clock.advance(minutes=1)
        store.audit(user, action, resident, "dossier")
    store.audit(user, Action.SEARCH, None, "")
    assert audit.verify(store.conn) == []
    return [r[0] for r in store.rows("SELECT seq FROM audit_log ORDER BY seq")]


def stamp(when: dt.datetime) -> str:
    """How the log writes a moment: UTC, milliseconds, Z (e.g. 2026-11-23T09:00:30.000Z)."""
    utc = when.astimezone(dt.UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def drop_guards(store: Store) -> None:
    """What an attacker with the key could do: remove the append-only triggers."""
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("DROP TRIGGER audit_log_no_delete")


def entries(store: Store) -> list[tuple[Any, ...]]:
    return store.rows(
        "SELECT seq, id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, hash "
        "FROM audit_log ORDER BY seq"
    )


# ---------------------------------------------------------------------- intact chains


def test_appended_entries_verify(store: Store, user: str, resident: str, clock: FixedClock) -> None:
    assert audit.verify(store.conn) == []
    before = len(entries(store))
    start = clock.now()
    store.audit(user, Action.VIEW, resident, "dossier")
    clock.advance(seconds=30)
    store.audit(user, Action.EXPORT, resident, "pdf")
    store.audit(user, Action.SEARCH, None)
    rows = entries(store)
    assert len(rows) == before + 3
    assert audit.verify(store.conn) == []
    assert store.integrity_problems() == []

    prev = audit.GENESIS
    for seq, eid, dev, at, uid, inw, action, detail, prev_hash, digest in rows:
        assert prev_hash == prev, seq
        assert digest == audit.entry_hash(prev_hash, eid, dev, at, uid, inw, action, detail)
        assert dev == store.device_id
        prev = digest
    head = store.meta("audit_head")
    assert head == f"{prev}:{len(rows)}"

    last = rows[-3:]
    assert [r[6] for r in last] == ["view", "export", "search"]
    assert [r[5] for r in last] == [resident, resident, None]
    assert [r[4] for r in last] == [user, user, user]
    assert last[0][3] == stamp(start)
    assert last[1][3] == stamp(start + dt.timedelta(seconds=30))
    assert all(is_uuid(r[1]) for r in rows)


def test_for_resident_lists_that_dossier_only(store: Store, user: str, resident: str) -> None:
    with store.write(user) as w:
        other, _ = w.put("inwoner", None, {**RESIDENT, "bsn": "111222333"})
    store.audit(user, Action.VIEW, resident)
    store.audit(user, Action.VIEW, other)
    store.audit(user, Action.SEARCH, None)
    mine = audit.for_resident(store.conn, resident)
    assert mine
    assert {e.inwoner_id for e in mine} == {resident}
    assert mine[-1].action == "view"
    assert [e.seq for e in mine] == sorted(e.seq for e in mine)
    assert {e.inwoner_id for e in audit.for_resident(store.conn, other)} == {other}


def test_chain_continues_across_reopen_and_passphrase_change(
    tmp_path: Path, passphrase: str, clock: FixedClock
) -> None:
    folder = tmp_path / "p"
    with Store.create(folder, passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock) as s:
        user = s.ids()
        s.audit(user, Action.VIEW, None)
        s.change_passphrase("een heel ander wachtwoord")
        s.audit(user, Action.VIEW, None)
        assert audit.verify(s.conn) == []
    with Store.open(folder, "een heel ander wachtwoord", clock=clock) as s:
        s.audit(user, Action.EXPORT, None)
        worker = s.reopen()
        try:
            worker.audit(user, Action.VIEW, None)
        finally:
            worker.close()
        s.audit(user, Action.VIEW, None)
        assert len(entries(s)) == 5
        assert audit.verify(s.conn) == []
        assert s.integrity_problems() == []


def test_failed_write_leaves_no_audit_entry(store: Store, user: str, resident: str) -> None:
    before = entries(store)

    def fail_inside() -> None:
        with store.write(user) as w:
            w.put("inwoner", resident, {"city": "Gouda"})
            w.audit(Action.UPDATE, resident, "poging")
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        fail_inside()
    assert entries(store) == before
    assert audit.verify(store.conn) == []


# ---------------------------------------------------------------------- tampering


def test_triggers_refuse_tampering(store: Store, chain: list[int]) -> None:
    with pytest.raises(db.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit_log SET action = 'view' WHERE seq = ?", (chain[1],))
    with pytest.raises(db.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit_log WHERE seq = ?", (chain[-1],))
    assert audit.verify(store.conn) == []


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("action", "view"),
        ("action", "delete"),
        ("at", "2020-01-01T00:00:00.000Z"),
        ("user_id", "0190a1b2-0000-7000-8000-000000000999"),
        ("inwoner_id", None),
        ("detail", "iets anders"),
        ("device_id", "another-device"),
    ],
)
def test_edited_entry_is_reported(
    store: Store, chain: list[int], column: str, value: object
) -> None:
    drop_guards(store)
    target = chain[-3]  # the EXPORT entry, in the middle of the chain
    store.conn.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = ?", (value, target))
    problems = audit.verify(store.conn)
    assert problems
    assert any(f"audit entry {target}:" in p for p in problems), problems
    assert any("edited" in p for p in problems)
    assert any(p.startswith("audit entry") for p in store.integrity_problems())


def test_edited_and_rehashed_entry_breaks_the_next_link(store: Store, chain: list[int]) -> None:
    """Recomputing the edited entry's own hash does not hide it: the next entry points to the
    old hash."""
    drop_guards(store)
    target = chain[-3]
    row = next(r for r in entries(store) if r[0] == target)
    seq, eid, dev, at, uid, inw, _action, detail, prev_hash, _hash = row
    new_hash = audit.entry_hash(prev_hash, eid, dev, at, uid, inw, "view", detail)
    store.conn.execute(
        "UPDATE audit_log SET action = 'view', hash = ? WHERE seq = ?", (new_hash, seq)
    )
    problems = audit.verify(store.conn)
    following = chain[chain.index(target) + 1]
    assert any(f"audit entry {following}:" in p and "chain" in p for p in problems), problems
    assert not any(f"audit entry {target}:" in p for p in problems)


def test_deleted_middle_entry_is_reported(store: Store, chain: list[int]) -> None:
    drop_guards(store)
    middle = chain[len(chain) // 2]
    store.conn.execute("DELETE FROM audit_log WHERE seq = ?", (middle,))
    problems = audit.verify(store.conn)
    following = chain[chain.index(middle) + 1]
    assert any(f"audit entry {following}:" in p and "chain" in p for p in problems), problems
    # the head counts entries, so a removal is also seen at the end
    assert any("last entries" in p for p in problems)


def test_deleted_first_entry_is_reported(store: Store, chain: list[int]) -> None:
    drop_guards(store)
    store.conn.execute("DELETE FROM audit_log WHERE seq = ?", (chain[0],))
    problems = audit.verify(store.conn)
    assert any(f"audit entry {chain[1]}:" in p for p in problems), problems


def test_deleted_last_entry_is_reported(store: Store, chain: list[int]) -> None:
    drop_guards(store)
    store.conn.execute("DELETE FROM audit_log WHERE seq = ?", (chain[-1],))
    problems = audit.verify(store.conn)
    assert problems == ["audit log: the last entries are missing or the head was altered"]
    assert problems[0] in store.integrity_problems()


def test_cut_tail_is_reported(store: Store, chain: list[int]) -> None:
    drop_guards(store)
    store.conn.execute("DELETE FROM audit_log WHERE seq >= ?", (chain[-3],))
    problems = audit.verify(store.conn)
    assert problems == ["audit log: the last entries are missing or the head was altered"]


def test_emptied_log_is_reported(store: Store, chain: list[int]) -> None:
    assert chain
    drop_guards(store)
    store.conn.execute("DELETE FROM audit_log")
    assert audit.verify(store.conn) != []


def test_reordered_entries_are_reported(store: Store, chain: list[int]) -> None:
    drop_guards(store)
    a, b = chain[-3], chain[-2]
    store.conn.execute("UPDATE audit_log SET seq = -1 WHERE seq = ?", (a,))
    store.conn.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", (a, b))
    store.conn.execute("UPDATE audit_log SET seq = ? WHERE seq = -1", (b,))
    problems = audit.verify(store.conn)
    assert any(f"audit entry {a}:" in p for p in problems), problems


def test_altered_head_is_reported(store: Store, chain: list[int]) -> None:
    assert chain
    head, count = str(store.meta("audit_head")).split(":")
    store.set_meta("audit_head", f"{head}:{int(count) + 1}")
    assert audit.verify(store.conn) == [
        "audit log: the last entries are missing or the head was altered"
    ]
    store.set_meta("audit_head", f"{'f' * 64}:{count}")
    assert audit.verify(store.conn) != []
    store.set_meta("audit_head", f"{head}:{count}")
    assert audit.verify(store.conn) == []


def test_problems_name_sequence_numbers_only(store: Store, chain: list[int]) -> None:
    drop_guards(store)
    store.conn.execute(
        "UPDATE audit_log SET detail = 'Zwaluwstaart 123456782' WHERE seq = ?", (chain[-2],)
    )
    problems = audit.verify(store.conn)
    assert problems
    for problem in problems:
        assert "Zwaluwstaart" not in problem
        assert "123456782" not in problem


# ---------------------------------------------------------------------- no personal data


def test_entries_hold_no_personal_data(
    store: Store, user: str, resident: str, chain: list[int]
) -> None:
    with store.write(user) as w:
        w.put("inwoner", resident, {"street": "Merelpad", "phone": "0687654321"})
        w.audit(Action.UPDATE, resident, "inwoner")
    with store.write(user) as w:
        w.delete("inwoner", resident)
    rows = entries(store)
    assert len(rows) >= len(chain) + 1
    actions = {
        Action.VIEW,
        Action.CREATE,
        Action.UPDATE,
        Action.DELETE,
        Action.EXPORT,
        Action.IMPORT,
        Action.SEARCH,
    }
    for seq, eid, dev, at, uid, inw, action, detail, prev_hash, digest in rows:
        assert is_uuid(eid)
        assert is_uuid(dev)
        assert is_uuid(uid)
        assert inw is None or is_uuid(inw)
        assert action in actions, (seq, action)
        assert at.endswith("Z")
        dt.datetime.fromisoformat(at.replace("Z", "+00:00"))  # a moment, nothing else
        assert len(prev_hash) == len(digest) == 64
        text = " ".join(str(v) for v in (action, detail)).lower()
        for word in [*PERSONAL, "Merelpad", "0687654321"]:
            assert word.lower() not in text, (seq, word)
