"""The one write path: change capture, immutability rules, validation, atomicity, reads."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_NOW, days
from werkplein.domain.labels import label
from werkplein.errors import (
    ImmutableRecord,
    NotFound,
    ValidationFailed,
    WerkpleinError,
)
from werkplein.store import db
from werkplein.store.clock import FixedClock, iso, parse_hlc
from werkplein.store.entities import ENTITIES
from werkplein.store.ids import is_uuid
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.store.store import Store

RESIDENT: dict[str, Any] = {
    "bsn": "123456782",
    "first_names": "Quirijntje",
    "prefix": None,
    "last_name": "Zwaluwstaart",
    "birth_date": "1981-04-12",
    "street": "Kievitsbloemhof",
    "house_number": "7",
    "postcode": "9999 ZZ",
    "city": "Oudewater",
    "gemeente": "Oudewater",
    "phone": None,
}


@pytest.fixture
def store(tmp_path: Path, passphrase: str, clock: FixedClock) -> Iterator[Store]:
    s = Store.create(tmp_path / "profile", passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock)
    yield s
    s.close()


@pytest.fixture
def author(store: Store) -> str:
    return store.ids()


def log_rows(store: Store, record_id: str | None = None) -> list[dict[str, Any]]:
    sql = (
        "SELECT seq, op_id, hlc, device_id, author_id, at, entity, record_id, kind, payload "
        "FROM change_log"
    )
    params: tuple[str, ...] = ()
    if record_id is not None:
        sql += " WHERE record_id = ?"
        params = (record_id,)
    cols = ["seq", "op_id", "hlc", "device_id", "author_id", "at", "entity", "record_id"]
    cols += ["kind", "payload"]
    out = []
    for row in store.conn.execute(sql + " ORDER BY seq", params):
        item = dict(zip(cols, row, strict=True))
        item["payload"] = json.loads(item["payload"])
        out.append(item)
    return out


def add_resident(store: Store, author: str, **overrides: Any) -> str:
    with store.write(author) as w:
        rid, _ = w.put("inwoner", None, {**RESIDENT, **overrides})
    return rid


def add_note(store: Store, author: str, inwoner_id: str, text: str) -> str:
    with store.write(author) as w:
        nid, _ = w.put(
            "notitie",
            None,
            {
                "inwoner_id": inwoner_id,
                "text": text,
                "author_id": author,
                "written_at": iso(store.clock.now()),
                "leefgebied": "financien",
            },
        )
    return nid


def names_field(exc: ValidationFailed, name: str) -> bool:
    """The error names the field (as its user-facing label, or its plain name)."""
    return exc.params["field"] in {name, label(name)}


def table_count(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# ---------------------------------------------------------------------- insert and update


def test_insert_logs_only_non_null_fields(store: Store, author: str, clock: FixedClock) -> None:
    with store.write(author) as w:
        rid, change = w.put("inwoner", None, RESIDENT)
    assert is_uuid(rid)
    assert change is not None
    assert change.kind == "insert"
    assert change.entity == "inwoner"
    assert change.record_id == rid
    expected = {k: (None, v) for k, v in RESIDENT.items() if v is not None}
    assert dict(change.fields) == expected
    assert "prefix" not in change.fields
    assert "phone" not in change.fields
    assert w.changes.entities == {"inwoner"}
    assert w.changes.record_ids == {rid}

    rows = log_rows(store)
    assert len(rows) == 1
    row = rows[0]
    assert row["kind"] == "insert"
    assert row["entity"] == "inwoner"
    assert row["record_id"] == rid
    assert row["author_id"] == author
    assert row["device_id"] == store.device_id
    assert row["at"] == iso(clock.now())
    assert row["op_id"] == change.op_id
    assert row["hlc"] == change.hlc
    assert row["payload"] == {k: [None, v] for k, v in RESIDENT.items() if v is not None}

    record = store.get("inwoner", rid)
    assert record is not None
    for key, value in RESIDENT.items():
        assert record[key] == value
    assert record["deleted"] is None


def test_insert_with_a_given_id_uses_that_id(store: Store, author: str) -> None:
    wanted = store.ids()
    with store.write(author) as w:
        rid, change = w.put("inwoner", wanted, RESIDENT)
    assert rid == wanted
    assert change is not None
    assert change.kind == "insert"
    assert store.require("inwoner", wanted)["last_name"] == "Zwaluwstaart"


def test_update_logs_only_really_changed_fields(
    store: Store, author: str, clock: FixedClock
) -> None:
    rid = add_resident(store, author)
    other_author = store.ids()
    clock.advance(minutes=5)
    with store.write(other_author) as w:
        _, change = w.put(
            "inwoner",
            rid,
            {
                "last_name": "Zwaluwstaart",  # unchanged
                "street": "Merelpad",  # changed
                "phone": "0612345678",  # None -> value
                "postcode": None,  # value -> None
                "city": "Oudewater",  # unchanged
            },
        )
    assert change is not None
    assert change.kind == "update"
    assert dict(change.fields) == {
        "street": ("Kievitsbloemhof", "Merelpad"),
        "phone": (None, "0612345678"),
        "postcode": ("9999 ZZ", None),
    }
    rows = log_rows(store, rid)
    assert [r["kind"] for r in rows] == ["insert", "update"]
    update = rows[1]
    assert update["author_id"] == other_author
    assert update["device_id"] == store.device_id
    assert update["at"] == iso(clock.now())
    assert update["payload"] == {
        "street": ["Kievitsbloemhof", "Merelpad"],
        "phone": [None, "0612345678"],
        "postcode": ["9999 ZZ", None],
    }
    assert update["hlc"] > rows[0]["hlc"]
    record = store.require("inwoner", rid)
    assert record["street"] == "Merelpad"
    assert record["postcode"] is None
    assert record["phone"] == "0612345678"
    assert record["last_name"] == "Zwaluwstaart"


def test_put_that_changes_nothing_writes_no_log_row(store: Store, author: str) -> None:
    rid = add_resident(store, author)
    before = store.change_count()
    digest = store.digest()
    with store.write(author) as w:
        returned, change = w.put("inwoner", rid, {"last_name": "Zwaluwstaart", "prefix": None})
        _, nothing = w.put("inwoner", rid, {})
    assert returned == rid
    assert change is None
    assert nothing is None
    assert not w.changes
    assert store.change_count() == before
    assert store.digest() == digest


def test_json_and_bool_fields_compare_by_value(store: Store, author: str) -> None:
    with store.write(author) as w:
        uid, _ = w.put("gebruiker", None, {"name": "A", "role": "klantmanager", "active": True})
        sid, _ = w.put("instelling", "regio", {"value": {"b": [1, 2], "a": "x"}})
    before = store.change_count()
    with store.write(author) as w:
        assert w.put("gebruiker", uid, {"active": True})[1] is None
        assert w.put("instelling", sid, {"value": {"a": "x", "b": [1, 2]}})[1] is None
    assert store.change_count() == before
    with store.write(author) as w:
        _, change = w.put("gebruiker", uid, {"active": False})
    assert change is not None
    assert dict(change.fields) == {"active": (True, False)}
    assert store.require("gebruiker", uid)["active"] is False


def test_hlc_is_monotonic_even_when_the_clock_stands_still_or_goes_back(
    store: Store, author: str, clock: FixedClock
) -> None:
    rid = add_resident(store, author)
    stamps = []
    for step in range(6):
        if step == 3:
            clock.advance(hours=-2)  # the laptop clock is corrected backwards
        with store.write(author) as w:
            _, change = w.put("inwoner", rid, {"house_number": str(step + 10)})
        assert change is not None
        stamps.append(change.hlc)
    all_stamps = [r["hlc"] for r in log_rows(store)]
    assert all_stamps == sorted(all_stamps)
    assert len(set(all_stamps)) == len(all_stamps)
    assert [parse_hlc(s) for s in all_stamps] == sorted(parse_hlc(s) for s in all_stamps)
    assert stamps == all_stamps[1:]


def test_hlc_continues_after_reopening(tmp_path: Path, passphrase: str, clock: FixedClock) -> None:
    folder = tmp_path / "p"
    with Store.create(folder, passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock) as s:
        author = s.ids()
        rid = add_resident(s, author)
        with s.write(author) as w:
            w.put("inwoner", rid, {"city": "Gouda"})
        last = max(r["hlc"] for r in log_rows(s))
    clock.advance(hours=-5)
    with Store.open(folder, passphrase, clock=clock) as s:
        with s.write(author) as w:
            _, change = w.put("inwoner", rid, {"city": "Woerden"})
        assert change is not None
        assert change.hlc > last


def test_hlc_stays_monotonic_across_connections_of_one_device(store: Store, author: str) -> None:
    """A worker connection (``reopen``) and the main one are the same device: their stamps
    must never tie or run backwards, or sync cannot order the two changes."""
    rid = add_resident(store, author)
    worker = store.reopen()
    try:
        assert worker.device_id == store.device_id
        with store.write(author) as w:
            w.put("inwoner", rid, {"city": "Gouda"})
        with worker.write(author) as w:
            w.put("inwoner", rid, {"city": "Woerden"})
        with store.write(author) as w:
            w.put("inwoner", rid, {"city": "Utrecht"})
    finally:
        worker.close()
    stamps = [r["hlc"] for r in log_rows(store, rid)]
    assert len(set(stamps)) == len(stamps), stamps
    assert stamps == sorted(stamps)
    assert [c.fields["city"][1] for c in store.history("inwoner", rid)[1:]] == [
        "Gouda",
        "Woerden",
        "Utrecht",
    ]


# ---------------------------------------------------------------------- append-only logs


def test_change_log_refuses_update_and_delete(store: Store, author: str) -> None:
    add_resident(store, author)
    before = log_rows(store)
    with pytest.raises(db.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE change_log SET author_id = 'someone else'")
    with pytest.raises(db.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE change_log SET payload = '{}' WHERE seq = 1")
    with pytest.raises(db.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM change_log")
    assert log_rows(store) == before


def test_audit_log_refuses_update_and_delete(store: Store, author: str) -> None:
    rid = add_resident(store, author)
    store.audit(author, "view", rid)
    store.audit(author, "export", rid)
    before = store.rows("SELECT * FROM audit_log ORDER BY seq")
    assert [row[6] for row in before][-2:] == ["view", "export"]
    with pytest.raises(db.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit_log SET action = 'view'")
    with pytest.raises(db.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit_log WHERE seq = 2")
    assert store.rows("SELECT * FROM audit_log ORDER BY seq") == before


# ---------------------------------------------------------------------- immutability


def test_notes_cannot_be_updated(store: Store, author: str) -> None:
    rid = add_resident(store, author)
    nid = add_note(store, author, rid, "Eerste gesprek")
    before = store.change_count()
    with pytest.raises(WerkpleinError), store.write(author) as w:
        w.put("notitie", nid, {"text": "Anders opgeschreven"})
    with pytest.raises(WerkpleinError), store.write(author) as w:
        w.delete("notitie", nid)
    assert store.require("notitie", nid)["text"] == "Eerste gesprek"
    assert store.change_count() == before
    # a correction is a new note
    add_note(store, author, rid, "Aanvulling")
    assert store.counts()["notes"] == 2


def _besluit(store: Store, author: str, status: str) -> str:
    with store.write(author) as w:
        bid, _ = w.put(
            "besluit",
            None,
            {
                "casus_id": store.ids(),
                "inwoner_id": store.ids(),
                "versie": 1,
                "uitkomst": "toegekend",
                "status": status,
                "motivering": "Past bij het beoogde effect",
                "voorwaarden": ["maandelijks gesprek"],
            },
        )
    return bid


def test_set_decision_is_immutable(store: Store, author: str) -> None:
    bid = _besluit(store, author, "concept")
    with store.write(author) as w:
        _, change = w.put("besluit", bid, {"motivering": "Aangescherpt"})
        assert change is not None
        _, change = w.put(
            "besluit",
            bid,
            {
                "status": "vastgesteld",
                "vastgesteld_door": author,
                "vastgesteld_op": store.clock.today().isoformat(),
            },
        )
        assert change is not None
    frozen = store.require("besluit", bid)
    count = store.change_count()
    attempts: list[dict[str, Any]] = [
        {"motivering": "Toch anders"},
        {"status": "concept"},
        {"status": "ingetrokken"},
        {"versie": 2},
        {"voorwaarden": []},
        {"toets": {"stap1": True}},
        {"vastgesteld_op": None},
    ]
    for values in attempts:
        with pytest.raises(ImmutableRecord), store.write(author) as w:
            w.put("besluit", bid, values)
    with pytest.raises(WerkpleinError), store.write(author) as w:
        w.delete("besluit", bid)
    assert store.require("besluit", bid) == frozen
    assert store.change_count() == count


def test_decision_inserted_as_set_is_immutable_too(store: Store, author: str) -> None:
    bid = _besluit(store, author, "vastgesteld")
    with pytest.raises(ImmutableRecord), store.write(author) as w:
        w.put("besluit", bid, {"uitkomst": "afgewezen"})
    assert store.require("besluit", bid)["uitkomst"] == "toegekend"


# ---------------------------------------------------------------------- delete


def test_delete_is_a_tombstone(store: Store, author: str) -> None:
    rid = add_resident(store, author)
    other = add_resident(store, author, bsn="111222333", last_name="Anders")
    assert store.counts()["residents"] == 2
    with store.write(author) as w:
        change = w.delete("inwoner", rid)
    assert change is not None
    assert change.kind == "delete"
    assert dict(change.fields) == {"deleted": (None, True)}
    row = store.get("inwoner", rid)
    assert row is not None
    assert row["deleted"] is True
    assert row["last_name"] == "Zwaluwstaart"
    assert table_count(store, "inwoner") == 2
    assert store.counts()["residents"] == 1
    with pytest.raises(NotFound):
        store.require("inwoner", rid)
    assert store.require("inwoner", other)["last_name"] == "Anders"
    assert [r["kind"] for r in log_rows(store, rid)] == ["insert", "delete"]
    assert log_rows(store, rid)[1]["payload"] == {"deleted": [None, True]}

    # deleting again changes nothing
    before = store.change_count()
    with store.write(author) as w:
        assert w.delete("inwoner", rid) is None
    assert store.change_count() == before

    # restoring is an ordinary update
    with store.write(author) as w:
        _, change = w.put("inwoner", rid, {"deleted": False})
    assert change is not None
    assert change.kind == "update"
    assert store.counts()["residents"] == 2


def test_entities_without_tombstone_cannot_be_deleted(store: Store, author: str) -> None:
    with store.write(author) as w:
        sid, _ = w.put(
            "signaal",
            None,
            {
                "titel": "Regeling knelt",
                "omschrijving": "Toeslag komt te laat",
                "ingediend_door": author,
                "status": "nieuw",
            },
        )
    with pytest.raises(WerkpleinError), store.write(author) as w:
        w.delete("signaal", sid)
    assert store.require("signaal", sid)["status"] == "nieuw"


# ---------------------------------------------------------------------- validation


@pytest.mark.parametrize("missing", ["bsn", "last_name", "birth_date", "gemeente"])
def test_required_fields_on_insert(store: Store, author: str, missing: str) -> None:
    for empty in (None, ""):
        values = {**RESIDENT, missing: empty}
        with pytest.raises(ValidationFailed) as excinfo, store.write(author) as w:
            w.put("inwoner", None, values)
        assert names_field(excinfo.value, missing)
    values = {k: v for k, v in RESIDENT.items() if k != missing}
    with pytest.raises(ValidationFailed), store.write(author) as w:
        w.put("inwoner", None, values)
    assert table_count(store, "inwoner") == 0
    assert store.change_count() == 0


def test_required_fields_on_update(store: Store, author: str) -> None:
    rid = add_resident(store, author)
    before = store.change_count()
    for empty in (None, ""):
        with pytest.raises(ValidationFailed) as excinfo, store.write(author) as w:
            w.put("inwoner", rid, {"last_name": empty, "city": "Gouda"})
        assert names_field(excinfo.value, "last_name")
    assert store.require("inwoner", rid)["last_name"] == "Zwaluwstaart"
    assert store.require("inwoner", rid)["city"] == "Oudewater"
    assert store.change_count() == before
    # optional fields may be cleared
    with store.write(author) as w:
        _, change = w.put("inwoner", rid, {"city": None})
    assert change is not None


@pytest.mark.parametrize(
    ("entity", "field", "bad"),
    [
        ("gebruiker", "active", 1),
        ("gebruiker", "active", "ja"),
        ("gebruiker", "active", 0),
        ("prijs", "bedrag_cent", True),
        ("prijs", "bedrag_cent", "1250"),
        ("prijs", "bedrag_cent", 12.5),
        ("prijs", "bedrag_cent", 12.0),
        ("prijs", "omschrijving", 42),
        ("prijs", "omschrijving", b"bytes"),
        ("prijs", "omschrijving", ["lijst"]),
        ("inwoner", "birth_date", dt.date(1981, 4, 12)),
        ("inwoner", "last_name", 7),
        ("instelling", "value", {1, 2}),
        ("instelling", "value", object()),
    ],
    ids=lambda v: v if isinstance(v, str) else type(v).__name__,
)
def test_type_checks(store: Store, author: str, entity: str, field: str, bad: object) -> None:
    base: dict[str, dict[str, Any]] = {
        "gebruiker": {"name": "Medewerker", "role": "klantmanager", "active": True},
        "prijs": {"code": "P1", "omschrijving": "Budgetcoaching", "bedrag_cent": 1250},
        "inwoner": dict(RESIDENT),
        "instelling": {"value": {"regio": "Krimpenerwaard"}},
    }
    with pytest.raises(ValidationFailed) as excinfo, store.write(author) as w:
        w.put(entity, None, {**base[entity], field: bad})
    assert names_field(excinfo.value, field)
    assert table_count(store, entity) == 0
    assert store.change_count() == 0
    # and the same field is refused on update as well
    with store.write(author) as w:
        rid, _ = w.put(entity, None, base[entity])
    before = store.change_count()
    with pytest.raises(ValidationFailed), store.write(author) as w:
        w.put(entity, rid, {field: bad})
    assert store.change_count() == before
    assert {k: v for k, v in store.require(entity, rid).items() if k in base[entity]} == (
        base[entity]
    )


def test_values_of_every_kind_round_trip(store: Store, author: str) -> None:
    case = {
        "inwoner_id": store.ids(),
        "title": "Schulden en werk",
        "status": "open",
        "opened_on": days(-22),
        "stap1_gereed": True,
        "stap2_gereed": False,
        "wetten": ["Participatiewet", "Wsnp"],
        "afweging": {"effect": "rust", "score": 3, "lijst": [1, None, "x"], "ok": True},
        "kosten_interventie": [],
        "instrumenten": "los",
        "rechtmatig": None,
    }
    with store.write(author) as w:
        cid, _ = w.put("casus", None, case)
        pid, _ = w.put("prijs", None, {"code": "B1", "omschrijving": "Bewind", "bedrag_cent": 0})
    got = store.require("casus", cid)
    for key, value in case.items():
        assert got[key] == value, key
        assert type(got[key]) is type(value), key
    assert store.require("prijs", pid)["bedrag_cent"] == 0
    stored = store.rows("SELECT stap1_gereed, stap2_gereed, wetten FROM casus")[0]
    assert stored == (1, 0, '["Participatiewet","Wsnp"]')


def test_unknown_field_or_entity_is_a_programming_error(store: Store, author: str) -> None:
    with pytest.raises(ValueError, match="no field"), store.write(author) as w:
        w.put("inwoner", None, {**RESIDENT, "shoe_size": "43"})
    with pytest.raises(ValueError, match="unknown entity"), store.write(author) as w:
        w.put("nonsense", None, {})
    assert table_count(store, "inwoner") == 0
    assert store.change_count() == 0


# ---------------------------------------------------------------------- atomicity


def test_failure_in_the_middle_rolls_back_everything(store: Store, author: str) -> None:
    existing = add_resident(store, author, bsn="999999990", last_name="Bestaand")
    store.audit(author, "view", existing)
    counts = store.counts()
    changes = store.change_count()
    audits = table_count(store, "audit_log")
    digest = store.digest()

    made: list[str] = []

    def half_done_then_fail() -> None:
        with store.write(author) as w:
            rid, _ = w.put("inwoner", None, RESIDENT)
            made.append(rid)
            w.put(
                "notitie",
                None,
                {
                    "inwoner_id": rid,
                    "text": "Halverwege",
                    "author_id": author,
                    "written_at": iso(store.clock.now()),
                },
            )
            w.put("inwoner", existing, {"city": "Gouda"})
            w.audit("view", rid)
            assert store.get("inwoner", rid) is not None  # visible inside the transaction
            raise RuntimeError("boom")

    def invalid_second_put() -> None:
        with store.write(author) as w:
            w.put("inwoner", None, {**RESIDENT, "bsn": "222333444"})
            w.put("inwoner", existing, {"last_name": ""})

    with pytest.raises(RuntimeError, match="boom"):
        half_done_then_fail()
    [rid] = made
    assert store.get("inwoner", rid) is None
    assert store.counts() == counts
    assert store.change_count() == changes
    assert table_count(store, "audit_log") == audits
    assert table_count(store, "notitie") == 0
    assert store.require("inwoner", existing)["city"] == "Oudewater"
    assert store.digest() == digest
    assert store.integrity_problems() == []

    # a validation error raised by a later put rolls back the earlier ones too
    with pytest.raises(ValidationFailed):
        invalid_second_put()
    assert store.counts() == counts
    assert store.change_count() == changes

    # and the store keeps working afterwards
    add_resident(store, author, bsn="555666777")
    assert store.counts()["residents"] == counts["residents"] + 1


def test_nested_write_commits_once(store: Store, author: str) -> None:
    with store.write(author) as outer:
        rid, _ = outer.put("inwoner", None, RESIDENT)
        with store.write(author) as inner:
            inner.put("inwoner", rid, {"city": "Gouda"})
        assert store.conn.in_transaction
    assert not store.conn.in_transaction
    assert [r["kind"] for r in log_rows(store, rid)] == ["insert", "update"]


# ---------------------------------------------------------------------- digest


def _fill(store: Store, author: str, ids: dict[str, str], order: list[str]) -> None:
    records: dict[str, tuple[str, dict[str, Any]]] = {
        "r1": ("inwoner", {**RESIDENT}),
        "r2": ("inwoner", {**RESIDENT, "bsn": "111222333", "last_name": "Anders"}),
        "n1": (
            "notitie",
            {
                "inwoner_id": ids["r1"],
                "text": "Gesprek",
                "author_id": ids["u1"],
                "written_at": iso(TEST_NOW),
            },
        ),
        "u1": ("gebruiker", {"name": "Medewerker", "role": "klantmanager", "active": True}),
        "c1": (
            "casus",
            {
                "inwoner_id": ids["r1"],
                "title": "Werk",
                "status": "open",
                "opened_on": days(-22),
                "wetten": ["Participatiewet"],
                "stap1_gereed": True,
            },
        ),
        "p1": ("prijs", {"code": "P1", "omschrijving": "Coaching", "bedrag_cent": 5000}),
    }
    for key in order:
        entity, values = records[key]
        with store.write(author) as w:
            w.put(entity, ids[key], values)


def test_digest_is_independent_of_order_device_and_log(
    tmp_path: Path, passphrase: str, clock: FixedClock
) -> None:
    a = Store.create(tmp_path / "a", passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock)
    b = Store.create(tmp_path / "b", passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock)
    try:
        assert a.device_id != b.device_id
        empty = a.digest()
        assert b.digest() == empty
        ids = {key: a.ids() for key in ("r1", "r2", "n1", "u1", "c1", "p1")}
        _fill(a, a.ids(), ids, ["r1", "r2", "n1", "u1", "c1", "p1"])
        # b: reverse order, a detour through another value, an audit entry and a setting
        with b.write(None) as w:
            w.put("prijs", ids["p1"], {"code": "P1", "omschrijving": "Oud", "bedrag_cent": 1})
        _fill(b, b.ids(), ids, ["p1", "c1", "u1", "n1", "r2", "r1"])
        b.audit(ids["u1"], "view", ids["r1"])
        b.set_meta("window", "maximized")
        assert a.digest() == b.digest()
        assert a.digest() != empty
        assert a.change_count() != b.change_count()

        with b.write(None) as w:
            w.put("inwoner", ids["r2"], {"house_number": "7a"})
        assert a.digest() != b.digest()
        with b.write(None) as w:
            w.put("inwoner", ids["r2"], {"house_number": "7"})
        assert a.digest() == b.digest()

        with b.write(None) as w:
            w.put("casus", ids["c1"], {"stap1_gereed": False})
        assert a.digest() != b.digest()
        assert a.digest(["inwoner", "notitie"]) == b.digest(["inwoner", "notitie"])
        with b.write(None) as w:
            w.put("casus", ids["c1"], {"stap1_gereed": True})
        assert a.digest() == b.digest()

        with b.write(None) as w:
            w.delete("inwoner", ids["r2"])
        assert a.digest() != b.digest()
    finally:
        a.close()
        b.close()


# ---------------------------------------------------------------------- reads


def test_counts(store: Store, author: str) -> None:
    counts = store.counts()
    assert set(counts) == {s.count_key for s in ENTITIES.values()}
    assert set(counts.values()) == {0}
    r1 = add_resident(store, author)
    r2 = add_resident(store, author, bsn="111222333")
    add_note(store, author, r1, "een")
    add_note(store, author, r2, "twee")
    add_note(store, author, r2, "drie")
    with store.write(author) as w:
        w.delete("inwoner", r2)
        w.put("gezinslid", None, {"inwoner_id": r1, "name": "Kind", "relation": "kind"})
    counts = store.counts()
    assert counts["residents"] == 1
    assert counts["notes"] == 3
    assert counts["household_members"] == 1
    assert counts["users"] == 0
    assert sum(counts.values()) == 5


def test_history_lists_every_change_oldest_first(
    store: Store, author: str, clock: FixedClock
) -> None:
    rid = add_resident(store, author)
    other = add_resident(store, author, bsn="111222333")
    clock.advance(minutes=1)
    with store.write(author) as w:
        w.put("inwoner", rid, {"street": "Merelpad"})
        w.put("inwoner", other, {"street": "Elders"})
    clock.advance(minutes=1)
    with store.write(author) as w:
        w.put("inwoner", rid, {"street": "Lijsterbes", "house_number": "9"})
    with store.write(author) as w:
        w.delete("inwoner", rid)
    history = store.history("inwoner", rid)
    assert [c.kind for c in history] == ["insert", "update", "update", "delete"]
    assert all(c.record_id == rid and c.entity == "inwoner" for c in history)
    assert history[1].fields == {"street": ("Kievitsbloemhof", "Merelpad")}
    assert history[2].fields == {
        "street": ("Merelpad", "Lijsterbes"),
        "house_number": ("7", "9"),
    }
    assert history[3].fields == {"deleted": (None, True)}
    assert [c.hlc for c in history] == sorted(c.hlc for c in history)
    assert len({c.op_id for c in history}) == 4
    street = [c.fields["street"] for c in history if "street" in c.fields]
    assert street == [
        (None, "Kievitsbloemhof"),
        ("Kievitsbloemhof", "Merelpad"),
        ("Merelpad", "Lijsterbes"),
    ]
    assert store.history("inwoner", store.ids()) == []
    assert len(store.history("inwoner", other)) == 2


def test_integrity_problems_empty_on_a_healthy_database(store: Store, author: str) -> None:
    assert store.integrity_problems() == []
    rid = add_resident(store, author)
    add_note(store, author, rid, "Gesprek over werk en inkomen")
    store.audit(author, "view", rid)
    with store.write(author) as w:
        w.put("inwoner", rid, {"street": "Merelpad"})
    assert store.integrity_problems() == []


def test_vacuum_keeps_full_text_search_in_step(store: Store, author: str) -> None:
    rid = add_resident(store, author)
    for i in range(5):
        other = add_resident(store, author, bsn=f"10000000{i}", last_name=f"Tijdelijk{i}")
        with store.write(author) as w:
            w.delete("inwoner", other)
    add_note(store, author, rid, "Afspraak bij de voedselbank")
    store.conn.execute("DELETE FROM inwoner WHERE last_name LIKE 'Tijdelijk%'")
    store.conn.execute("VACUUM")
    assert store.integrity_problems() == []
    hits = store.rows(
        "SELECT i.id FROM inwoner_fts JOIN inwoner i ON i.rid = inwoner_fts.rowid "
        "WHERE inwoner_fts MATCH ?",
        ("zwaluw*",),
    )
    assert hits == [(rid,)]
    notes = store.rows("SELECT rowid FROM notitie_fts WHERE notitie_fts MATCH 'voedselbank'")
    assert len(notes) == 1


def test_reopen_sees_committed_data_only(store: Store, author: str) -> None:
    rid = add_resident(store, author)
    worker = store.reopen()
    try:
        assert worker.require("inwoner", rid)["last_name"] == "Zwaluwstaart"
        assert worker.device_id == store.device_id
        with store.write(author) as w:
            w.put("inwoner", rid, {"city": "Gouda"})
            # not yet committed: the worker still reads the old value
            assert worker.require("inwoner", rid)["city"] == "Oudewater"
        assert worker.require("inwoner", rid)["city"] == "Gouda"
        with worker.write(author) as w:
            nid, _ = w.put(
                "notitie",
                None,
                {
                    "inwoner_id": rid,
                    "text": "Vanuit de achtergrond",
                    "author_id": author,
                    "written_at": iso(worker.clock.now()),
                },
            )
        assert store.require("notitie", nid)["text"] == "Vanuit de achtergrond"
        assert store.digest() == worker.digest()
        assert store.change_count() == worker.change_count() == 3
    finally:
        worker.close()
    assert store.integrity_problems() == []


def test_connections_use_the_safe_settings(store: Store) -> None:
    worker = store.reopen()
    try:
        for conn in (store, worker):
            assert conn.rows("PRAGMA journal_mode") == [("wal",)]
            assert conn.rows("PRAGMA temp_store") == [(2,)]  # MEMORY
            assert conn.rows("PRAGMA synchronous") == [(2,)]  # FULL
            assert conn.rows("PRAGMA foreign_keys") == [(1,)]
    finally:
        worker.close()


def test_find_and_rows(store: Store, author: str) -> None:
    add_resident(store, author, last_name="Bakker", bsn="000000001")
    add_resident(store, author, last_name="Aalders", bsn="000000002")
    add_resident(store, author, last_name="Claes", bsn="000000003", gemeente="Gouda")
    names = [r["last_name"] for r in store.find("inwoner", order="last_name")]
    assert names == ["Aalders", "Bakker", "Claes"]
    found = store.find("inwoner", "gemeente = ?", ["Gouda"])
    assert [r["last_name"] for r in found] == ["Claes"]
    assert len(store.find("inwoner", limit=2)) == 2
    assert store.rows("SELECT count(*) FROM inwoner") == [(3,)]


def test_a_save_reads_no_history_once_the_heads_are_at_hand(store: Store, author: str) -> None:
    """Saving cost is independent of history: after the first save of a record, a save names
    the versions it replaces from ``field_head`` without reading the change log, and the
    history itself stays complete."""
    rid = add_resident(store, author)
    streets = [f"Laan {n}" for n in range(30)]
    changes = []
    for street in streets:
        with store.write(author) as w:
            changes.append(w.put("inwoner", rid, {"street": street})[1])
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        with store.write(author) as w:
            last = w.put("inwoner", rid, {"street": "Slotlaan", "city": "Oudewater"})[1]
    finally:
        store.conn.set_trace_callback(None)
    reads = [s for s in statements if "FROM change_log" in s or "FROM superseded" in s]
    assert reads == []
    assert last is not None
    assert changes[-1] is not None
    assert dict(last.parents or {}) == {"street": [changes[-1].op_id]}
    history = store.history("inwoner", rid)
    assert [c.fields["street"][1] for c in history if "street" in c.fields][-31:] == [
        *streets,
        "Slotlaan",
    ]
    assert [c.fields["street"][0] for c in history[1:] if "street" in c.fields][:1] == [
        "Kievitsbloemhof"
    ]


def test_the_heads_at_hand_are_refreshed_when_changes_arrive_from_elsewhere(
    store: Store, author: str
) -> None:
    """After a merge (sync) the kept heads of that record are recomputed from the change log,
    so a save replaces what arrived too: two heads, one save settles them."""
    from werkplein.sync import merge

    rid = add_resident(store, author)
    with store.write(author) as w:
        mine = w.put("inwoner", rid, {"street": "Eigen weg"})[1]
    assert mine is not None
    first = store.rows(
        "SELECT op_id FROM change_log WHERE record_id = ? AND kind = 'insert'", (rid,)
    )[0][0]
    theirs = [
        "01a20000-0000-7000-8000-00000000aa01",
        mine.hlc[:-4] + "ffff",
        "elsewhere",
        author,
        "2026-01-01T00:00:00Z",
        "inwoner",
        rid,
        "update",
        json.dumps({"street": ["Kievitsbloemhof", "Andere weg"]}),
        json.dumps({"street": [first]}),
    ]
    with store._transaction():
        merge.apply(store, [theirs], [])
    assert {r[0] for r in store.rows("SELECT field FROM conflict")} == {"street"}
    with store.write(author) as w:
        settled = w.put("inwoner", rid, {"street": "Gekozen weg"})[1]
    assert settled is not None
    assert sorted((settled.parents or {})["street"]) == sorted([mine.op_id, theirs[0]])
    assert store.rows("SELECT count(*) FROM conflict")[0][0] == 0


def test_the_store_says_what_its_committed_writes_changed(store: Store, author: str) -> None:
    rid = add_resident(store, author)
    first = store.take_written()
    assert first is not None
    assert first.entities == {"inwoner"}
    assert first.record_ids == {rid}
    assert store.take_written() == type(first)([])  # taken: nothing new

    def rolled_back() -> None:
        with store.write(author) as w:
            w.put("inwoner", rid, {"street": "Nooit"})
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        rolled_back()
    assert not store.take_written()  # a rolled-back write changed nothing
    with store.write(author) as outer:
        outer.put("inwoner", rid, {"street": "Buiten"})
        with store.write(author) as inner:
            inner.put("inwoner", rid, {"city": "Binnen"})
    taken = store.take_written()
    assert taken is not None
    assert sorted(name for c in taken.changes for name in c.fields) == ["city", "street"]
