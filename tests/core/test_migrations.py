"""Every released schema version upgrades to the latest with its data intact."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from werkplein.errors import ProfileNewer, WerkpleinError
from werkplein.services.session import Session
from werkplein.store import audit, db, profile, schema
from werkplein.store.clock import FixedClock, format_hlc, iso
from werkplein.store.entities import ENTITIES
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.store.store import Store

LATEST = schema.LATEST
LEGACY_DEVICE = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
LEGACY_HLC = format_hlc(1_790_000_000_000, 7)  # 2026-09 (before the test clock)
AUTHOR = "0190a1b2-0000-7000-8000-000000000001"

# Rows as they were written at each version: table -> list of column dicts (stored values).
ROWS_BY_VERSION: dict[int, dict[str, list[dict[str, Any]]]] = {
    1: {
        "gebruiker": [
            {"id": AUTHOR, "name": "Oude Medewerker", "role": "klantmanager", "active": 1}
        ],
        "inwoner": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000010",
                "bsn": "123456782",
                "first_names": "Quirijntje",
                "prefix": "van der",
                "last_name": "Zwaluwstaart",
                "birth_date": "1981-04-12",
                "street": "Kievitsbloemhof",
                "house_number": "17",
                "postcode": "9999 ZZ",
                "city": "Oudewater",
                "gemeente": "Oudewater",
                "contact_preference": "telefoon",
                "deleted": 0,
            },
            {
                "id": "0190a1b2-0000-7000-8000-000000000011",
                "bsn": "987654321",
                "last_name": "Klaproosveld",
                "birth_date": "1990-02-28",
                "gemeente": "Montfoort",
                "deleted": 1,
            },
        ],
        "gezinslid": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000020",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "name": "Pietje",
                "relation": "kind",
                "birth_date": "2015-06-01",
            }
        ],
        "notitie": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000030",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "leefgebied": "financien",
                "text": "Schuldsaneringstraject besproken bij de voedselbank",
                "author_id": AUTHOR,
                "written_at": "2026-09-01T10:00:00.000Z",
            },
            {
                "id": "0190a1b2-0000-7000-8000-000000000031",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "text": "Kraamzorgindicatie aangevraagd, café-bezoek geregeld",
                "author_id": AUTHOR,
                "written_at": "2026-09-02T10:00:00.000Z",
            },
        ],
    },
    2: {
        "casus": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000040",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "title": "Werk en inkomen",
                "status": "open",
                "opened_on": "2026-09-01",
                "owner_id": AUTHOR,
                "beoogd_effect": "Zelf de huur betalen",
                "stap1_gereed": 1,
                "wetten": '["Participatiewet"]',
                "afweging": '{"rust":"gewogen"}',
                "stap2_gereed": 0,
                "deleted": 0,
            }
        ],
        "besluit": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000050",
                "casus_id": "0190a1b2-0000-7000-8000-000000000040",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "versie": 1,
                "uitkomst": "toegekend",
                "voorwaarden": '["maandelijks gesprek"]',
                "status": "vastgesteld",
                "vastgesteld_door": AUTHOR,
                "vastgesteld_op": "2026-09-10T12:00:00.000Z",
                "afwijking_beleid": 0,
                "toets": '{"stap1":true}',
            }
        ],
        "prijs": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000060",
                "code": "BC",
                "omschrijving": "Budgetcoaching",
                "bedrag_cent": 125_000,
                "eenheid": "traject",
            }
        ],
        "instelling": [{"id": "regio", "value": '{"naam":"Lopikerwaard"}'}],
    },
    3: {
        "huisbezoek": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000070",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "gepland_op": "2026-09-15T09:00:00.000Z",
                "status": "gepland",
                "medewerkers": f'["{AUTHOR}"]',
                "obs_wonen": "Vocht in de slaapkamer",
                "checklist": '{"Identiteit gecontroleerd":false}',
            }
        ],
        "overdracht": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000080",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "van_id": AUTHOR,
                "naar_id": "0190a1b2-0000-7000-8000-000000000002",
                "situatie": "Klaar voor werk",
                "status": "verzonden",
            }
        ],
        "boete": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000090",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000011",
                "overtreding": "inlichtingenplicht",
                "benadelingsbedrag_cent": 250_000,
                "afzien": 0,
                "status": "onderzoek",
            }
        ],
        "boete_notitie": [
            {
                "id": "0190a1b2-0000-7000-8000-000000000091",
                "boete_id": "0190a1b2-0000-7000-8000-000000000090",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000011",
                "text": "Vakantiegeld niet gemeld",
                "author_id": AUTHOR,
                "written_at": "2026-09-20T10:00:00.000Z",
            }
        ],
        "signaal": [
            {
                "id": "0190a1b2-0000-7000-8000-0000000000a0",
                "titel": "Toeslag te laat",
                "omschrijving": "Gezinnen wachten maanden",
                "ingediend_door": AUTHOR,
                "status": "nieuw",
            }
        ],
        "toekomstplan": [
            {
                "id": "0190a1b2-0000-7000-8000-0000000000b0",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "opgesteld_op": "2026-09-21",
                "in_eigen_woorden": "Over een jaar heb ik werk",
            }
        ],
        "plan_regel": [
            {
                "id": "0190a1b2-0000-7000-8000-0000000000b1",
                "plan_id": "0190a1b2-0000-7000-8000-0000000000b0",
                "inwoner_id": "0190a1b2-0000-7000-8000-000000000010",
                "leefgebied": "werk",
                "nu": "Geen werk",
                "over_een_jaar": "Parttime werk",
            }
        ],
    },
}
RESIDENT = "0190a1b2-0000-7000-8000-000000000010"
LEGACY_OP = "0190a1b2-0000-7000-8000-0000000000f0"


def rows_up_to(version: int) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for number in range(1, version + 1):
        out.update(ROWS_BY_VERSION.get(number, {}))
    return out


def insert_legacy_rows(conn: Any, version: int) -> None:
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('device_id', ?), ('hlc', ?), ('created_at', ?)",
        (LEGACY_DEVICE, LEGACY_HLC, "2026-09-01T09:00:00.000Z"),
    )
    for table, rows in rows_up_to(version).items():
        for row in rows:
            cols = ", ".join(row)
            marks = ", ".join("?" * len(row))
            conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
    payload = {"last_name": [None, "Zwaluwstaart"], "bsn": [None, "123456782"]}
    conn.execute(
        "INSERT INTO change_log (op_id, hlc, device_id, author_id, at, entity, record_id, kind, "
        "payload) VALUES (?, ?, ?, ?, ?, 'inwoner', ?, 'insert', ?)",
        (
            LEGACY_OP,
            LEGACY_HLC,
            LEGACY_DEVICE,
            AUTHOR,
            "2026-09-01T10:00:00.000Z",
            RESIDENT,
            json.dumps(payload),
        ),
    )
    conn.execute("COMMIT")


def build_database(folder: Path, passphrase: str, version: int) -> tuple[profile.Header, bytes]:
    """A profile whose database stopped at ``version``, filled with raw SQL."""
    folder.mkdir(parents=True)
    header, key = profile.new_header(passphrase, TEST_ITERATIONS)
    conn = db.connect(folder / header.database, key)
    try:
        assert schema.migrate(conn, target=version) == 0
        assert schema.version(conn) == version
        insert_legacy_rows(conn, version)
    finally:
        conn.close()
    profile.write_header(folder, header)
    return header, key


def normalized_schema(conn: Any) -> list[tuple[str, str, str, str | None]]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return sorted(
        (t, n, tbl, None if sql is None else " ".join(sql.split())) for t, n, tbl, sql in rows
    )


def decoded(entity: str, row: dict[str, Any]) -> dict[str, Any]:
    """What ``Store.get`` should return for a raw row."""
    spec = ENTITIES[entity]
    out: dict[str, Any] = {"id": row["id"]}
    for name, kind in spec.fields.items():
        value = row.get(name)
        if value is not None and kind == "bool":
            value = bool(value)
        elif value is not None and kind == "json":
            value = json.loads(value)
        out[name] = value
    return out


@pytest.fixture
def fresh_schema(
    tmp_path: Path, passphrase: str, clock: FixedClock
) -> list[tuple[str, str, str, str | None]]:
    with Store.create(
        tmp_path / "fresh", passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock
    ) as store:
        return normalized_schema(store.conn)


def test_every_migration_is_listed_once() -> None:
    assert len(schema.MIGRATIONS) == LATEST
    assert LATEST >= 5
    assert sorted(ROWS_BY_VERSION) == [1, 2, 3]


@pytest.mark.parametrize("version", range(1, LATEST))
def test_upgrade_from_every_older_version(
    tmp_path: Path,
    passphrase: str,
    clock: FixedClock,
    version: int,
    fresh_schema: list[tuple[str, str, str, str | None]],
) -> None:
    folder = tmp_path / f"v{version}"
    header, key = build_database(folder, passphrase, version)

    with Store.open_with_key(folder, header, key, clock=clock) as store:
        assert store.schema_version() == LATEST
        assert int(store.conn.execute("PRAGMA user_version").fetchone()[0]) == LATEST

        # the old rows are intact
        for table, rows in rows_up_to(version).items():
            for row in rows:
                assert store.get(table, row["id"]) == decoded(table, row), (table, row["id"])
        assert store.device_id == LEGACY_DEVICE
        [legacy] = store.history("inwoner", RESIDENT)
        assert legacy.op_id == LEGACY_OP
        assert legacy.fields == {
            "last_name": (None, "Zwaluwstaart"),
            "bsn": (None, "123456782"),
        }
        expected_residents = 1  # the second one is a tombstone
        assert store.counts()["residents"] == expected_residents

        # full-text search finds the notes and residents written before it existed
        hits = store.rows(
            "SELECT n.id FROM notitie_fts JOIN notitie n ON n.rid = notitie_fts.rowid "
            "WHERE notitie_fts MATCH ? ORDER BY n.id",
            ("voedselbank",),
        )
        assert hits == [("0190a1b2-0000-7000-8000-000000000030",)]
        hits = store.rows(
            "SELECT rowid FROM notitie_fts WHERE notitie_fts MATCH ?", ("cafe",)
        )  # diacritics removed
        assert len(hits) == 1
        hits = store.rows(
            "SELECT i.id FROM inwoner_fts JOIN inwoner i ON i.rid = inwoner_fts.rowid "
            "WHERE inwoner_fts MATCH ?",
            ("zwal*",),
        )
        assert hits == [(RESIDENT,)]

        # the schema is exactly that of a fresh database
        assert normalized_schema(store.conn) == fresh_schema
        assert store.integrity_problems() == []

        # and the upgraded store works: writes, search, audit, HLC after the legacy stamp
        with store.write(AUTHOR) as w:
            _, change = w.put("inwoner", RESIDENT, {"street": "Merelpad"})
            w.put(
                "notitie",
                None,
                {
                    "inwoner_id": RESIDENT,
                    "text": "Na de upgrade geschreven",
                    "author_id": AUTHOR,
                    "written_at": iso(clock.now()),
                },
            )
        assert change is not None
        assert change.hlc > LEGACY_HLC
        assert store.rows("SELECT count(*) FROM inwoner_fts WHERE inwoner_fts MATCH 'merelpad'")
        assert store.rows("SELECT count(*) FROM notitie_fts WHERE notitie_fts MATCH 'upgrade'") == [
            (1,)
        ]
        store.audit(AUTHOR, audit.Action.VIEW, RESIDENT)
        assert store.integrity_problems() == []

    # the passphrase still opens it, and it stays at the latest version
    with Store.open(folder, passphrase, clock=clock) as again:
        assert again.schema_version() == LATEST
        assert again.require("inwoner", RESIDENT)["street"] == "Merelpad"


def test_migrate_step_by_step_matches_all_at_once(
    tmp_path: Path, fresh_schema: list[tuple[str, str, str, str | None]]
) -> None:
    header, key = profile.new_header("a good passphrase", TEST_ITERATIONS)
    tmp_path.joinpath("steps").mkdir()
    conn = db.connect(tmp_path / "steps" / header.database, key)
    try:
        for target in range(1, LATEST + 1):
            assert schema.migrate(conn, target=target) == target - 1
            assert schema.version(conn) == target
        assert schema.migrate(conn) == LATEST  # nothing left to do
        got = normalized_schema(conn)
    finally:
        conn.close()
    assert got == fresh_schema


def _file_state(folder: Path) -> dict[str, tuple[int, str]]:
    return {
        p.name: (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.iterdir())
    }


def test_newer_database_is_refused_and_not_modified(
    tmp_path: Path, passphrase: str, clock: FixedClock
) -> None:
    folder = tmp_path / "newer"
    with Store.create(folder, passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock) as store:
        with store.write(None) as w:
            w.put("prijs", None, {"code": "A", "omschrijving": "B", "bedrag_cent": 1})
        header, key = store.header, profile.unlock(folder, passphrase)[1]
    conn = db.connect(folder / header.database, key)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    before = _file_state(folder)

    with pytest.raises(ProfileNewer) as excinfo:
        Store.open(folder, passphrase, clock=clock)
    assert excinfo.value.params == {"found": LATEST + 1, "known": LATEST}
    with pytest.raises(ProfileNewer):
        Store.open_with_key(folder, header, key, clock=clock)
    with pytest.raises(ProfileNewer):
        Session.open(folder, passphrase, clock=clock)

    assert _file_state(folder) == before  # no connection left open, no -wal/-shm, no change
    check = db.connect(folder / header.database, key)
    try:
        assert schema.version(check) == LATEST + 1
        with pytest.raises(ProfileNewer):
            schema.migrate(check)
        assert schema.version(check) == LATEST + 1
    finally:
        check.close()


def with_broken(number: int, statements: list[str]) -> list[Callable[[], list[str]]]:
    """The migration list with migration ``number`` (1-based) replaced by a broken one."""

    def migration() -> list[str]:
        return statements

    patched = list(schema.MIGRATIONS)
    patched[number - 1] = migration
    return patched


BROKEN = [
    "CREATE TABLE half_done (x INTEGER)",
    "INSERT INTO half_done VALUES (1)",
    "ALTER TABLE inwoner ADD COLUMN nonsense TEXT",
    "UPDATE inwoner SET last_name = 'Overschreven'",
    "THIS IS NOT SQL",
]


def _tables(conn: Any) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_failing_migration_rolls_back_to_the_previous_version(
    tmp_path: Path, passphrase: str, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "broken"
    header, key = build_database(folder, passphrase, LATEST - 1)
    monkeypatch.setattr(schema, "MIGRATIONS", with_broken(LATEST, BROKEN))

    with pytest.raises((db.DatabaseError, WerkpleinError)):
        Store.open_with_key(folder, header, key, clock=clock)

    conn = db.connect(folder / header.database, key)
    try:
        assert schema.version(conn) == LATEST - 1
        assert "half_done" not in _tables(conn)
        columns = {r[1] for r in conn.execute("PRAGMA table_info(inwoner)")}
        assert "nonsense" not in columns
        names = conn.execute("SELECT last_name FROM inwoner ORDER BY id").fetchall()
        assert names == [("Zwaluwstaart",), ("Klaproosveld",)]
        assert not conn.in_transaction
    finally:
        conn.close()

    monkeypatch.undo()
    with Store.open_with_key(folder, header, key, clock=clock) as store:
        assert store.schema_version() == LATEST
        assert store.integrity_problems() == []
        assert store.require("inwoner", RESIDENT)["last_name"] == "Zwaluwstaart"


def test_failure_midway_keeps_the_steps_that_succeeded(
    tmp_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From version 1, with migration 4 broken: 2 and 3 are committed, 4 is rolled back."""
    folder = tmp_path / "midway"
    header, key = build_database(folder, passphrase, 1)
    broken = with_broken(4, ["CREATE TABLE half_done (x)", "NOPE"])
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    conn = db.connect(folder / header.database, key)
    try:
        with pytest.raises(db.DatabaseError):
            schema.migrate(conn)
        assert schema.version(conn) == 3
        tables = _tables(conn)
        assert {"casus", "besluit", "huisbezoek", "boete"} <= tables
        assert "half_done" not in tables
        assert "notitie_fts" not in tables
        assert not conn.in_transaction
    finally:
        conn.close()
