"""Erasure on a team (issue 17, docs/ERASURE.md): a resident destroyed on every laptop and made
unreadable on the share without rewriting it, also on a laptop that was away, one that joins
later and one restored from a backup made before; the others untouched, the audit chains whole,
the decisions still counted."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tests.conftest import PASSPHRASE
from tests.core.test_erase import every_text
from tests.core.test_services import new_resident
from tests.e2e.conftest import run as run_cli
from tests.sync.conftest import Team, change_row, forge, payload
from werkplein.errors import NotAllowed
from werkplein.services.session import Session
from werkplein.store.entities import ENTITIES, HANDHAVING
from werkplein.store.restore import restore_backup
from werkplein.sync import engine, rings
from werkplein.sync import team as team_sync
from werkplein.sync.files import EnvelopeError, canonical, parse_envelope, seal_envelope
from werkplein.sync.packing import pack

TRACES = ("zwaluwstaart", "fenna", "123456782", "kastanjelaan", "schimmel in de badkamer")
OTHER = ("ansems", "joris", "vlinderstraat")
SEALED = re.compile(r"~[0-9a-f-]{36}:([0-9a-f-]{36}):")


def other_resident(session: Session) -> str:
    return session.residents.create(
        bsn="100000009",
        first_names="Joris",
        last_name="Ansems",
        birth_date="01-02-1970",
        street="Vlinderstraat",
        house_number="3",
        gemeente="Lindendal",
    )


def an_old_dossier(tl: Session, inwoner_id: str) -> None:
    """A case closed and a decision set twelve years ago: the dossier is past its date."""
    old = tl.today() - dt.timedelta(days=12 * 366)
    with tl.store.write(tl.user.id) as w:
        casus_id, _c = w.put(
            "casus",
            None,
            {"inwoner_id": inwoner_id, "title": "Fiets", "status": "gesloten",
             "opened_on": old.isoformat(), "closed_on": old.isoformat()},
        )  # fmt: skip
        w.put(
            "besluit",
            None,
            {"casus_id": casus_id, "inwoner_id": inwoner_id, "versie": 1,
             "uitkomst": "toegekend", "status": "vastgesteld", "afwijking_beleid": True,
             "motivering": "Fiets voor Fenna Zwaluwstaart, Kastanjelaan.",
             "periode_van": old.isoformat(), "periode_tot": old.isoformat(),
             "vastgesteld_op": f"{old.isoformat()}T10:00:00+00:00"},
        )  # fmt: skip


# ---------------------------------------------------------------------- the share, decrypted
def team_keys(team: Team) -> list[bytes]:
    """Every team and fine key of every generation any laptop of the team holds."""
    found: set[bytes] = set()
    for session in team.laptops.values():
        keys = team_sync.require_team(session.store)
        for number in [0, *keys.later]:
            pair = keys.generation(number)
            assert pair is not None
            found.update(k for k in pair if k)
    return sorted(found)


def _sections(path: Path, keys: list[bytes]) -> list[Any]:
    """Every section of an envelope on the share that one of ``keys`` opens, as JSON."""
    try:
        env = parse_envelope(path.read_bytes())
    except EnvelopeError:
        return []
    out = []
    for channel in env.sections:
        for key in keys:
            try:
                plain = env.open(channel, key)
            except EnvelopeError:
                continue
            with contextlib.suppress(zlib.error):
                plain = zlib.decompress(plain)
            out.append(json.loads(plain))
    return out


def share_text(team: Team, *, resident_keys: bool = True) -> str:
    """Every file on the share, as its bytes and as decrypted with every key the team holds:
    the team keys, then every resident key in a ring or still in a profile."""
    keys = team_keys(team)
    files = sorted(p for p in team.share.rglob("*") if p.is_file())
    held: list[bytes] = []
    if resident_keys:
        for path in files:
            if path.name.endswith(".ring"):
                for content in _sections(path, keys):
                    held += [bytes.fromhex(k) for k in content.values()]
        for session in team.laptops.values():
            held += [bytes(r[0]) for r in session.store.rows("SELECT key FROM resident_key")]
    parts: list[str] = []
    for path in files:
        parts.append(path.read_bytes().decode("latin-1"))
        for content in _sections(path, keys):
            rows = content.get("changes", []) if isinstance(content, dict) else []
            # what the team key opens, without the sealed payloads: their base64 text holds
            # any five letters now and then ("fenna" about once in twenty runs)
            masked = [[*r[:8], "~" if SEALED.match(str(r[8])) else r[8], *r[9:]] for r in rows]
            shown = {**content, "changes": masked} if rows else content
            parts.append(json.dumps(shown, ensure_ascii=False))
            for row in rows:
                m = SEALED.match(str(row[8]))
                if m is None:
                    continue
                blob = base64.b64decode(str(row[8]).split(":", 2)[2])
                for key in held:
                    try:
                        parts.append(
                            AESGCM(key)
                            .decrypt(blob[:12], blob[12:], rings._aad(row, m.group(1)))
                            .decode()
                        )
                    except InvalidTag:  # another resident's key
                        continue
    return "\n".join(parts).casefold()


def found(text: str, traces: tuple[str, ...]) -> set[str]:
    return {t for t in traces if t in text}


# ---------------------------------------------------------------------- the proof
def test_erasure_reaches_every_laptop_and_leaves_the_share_unreadable(
    team: Team, tmp_path: Path
) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    away = team.add("away", "klantmanager")
    restored_later = team.add("back", "klantmanager")
    fenna = new_resident(km)
    joris = other_resident(km)
    km.residents.write_note(fenna, "Schimmel in de badkamer gezien.")
    km.residents.write_note(joris, "Joris fietst naar de Vlinderstraat.")
    team.sync_all()
    an_old_dossier(tl, fenna)
    wc.residents.write_note(fenna, "Werkcoach: Fenna Zwaluwstaart begint maandag.")
    team.sync_all()
    # the resident's data travels only under their keys: the team keys alone show nothing
    assert found(share_text(team, resident_keys=False), TRACES) == set()
    assert found(share_text(team), TRACES) == set(TRACES)  # the check can see them

    team.prune_to_snapshot()  # a snapshot holds her too: the late joiner starts from it
    backup = tmp_path / "back.backup"
    restored_later.store.backup(backup, PASSPHRASE)
    restored_later.residents.write_note(fenna, "Na de back-up: schimmel in de badkamer.")
    team.sync("back")
    away.residents.write_note(fenna, "Onderweg: Fenna Zwaluwstaart opnieuw schimmel.")

    assert [r.inwoner_id for r in tl.retention.due()] == [fenna]
    assert tl.retention.destroy([fenna], "Selectielijst 2026") == 1
    assert tl.store.get("inwoner", fenna) is None
    for name in ("tl", "km", "wc", "back"):
        team.sync(name)
    # the restored backup comes back before the erasure and must not bring Fenna back
    team.laptops.pop("back").close()
    restore_backup(backup, tmp_path / "teruggezet", PASSPHRASE)
    team.laptops["back"] = Session.open(
        tmp_path / "teruggezet", PASSPHRASE, clock=team.clocks["back"]
    )
    assert team.laptops["back"].store.get("inwoner", fenna) is not None  # as it was
    report = team.sync("back")
    assert report.erased == 1
    report = team.sync("away")  # back after weeks away, with a note about her queued
    assert report.erased == 1
    assert report.sent_changes == 0
    late = team.add("late", "werkcoach")  # joins after the erasure, from the old snapshot
    assert late.store.get("inwoner", joris) is not None
    team.sync_all()

    for name, session in team.laptops.items():
        assert session.store.get("inwoner", fenna) is None, name
        assert session.residents.by_bsn("123456782") is None, name
        text = every_text(session)
        assert found(text, TRACES) == set(), name
        assert found(text, OTHER) == set(OTHER), name  # the others untouched
        assert session.store.integrity_problems() == [], name
        assert session.store.rows("SELECT 1 FROM tombstone WHERE id = ?", (fenna,)), name
    plain = sorted(set(ENTITIES) - HANDHAVING)  # a werkcoach holds no fine data
    assert len({s.store.digest(plain) for s in team.laptops.values()}) == 1
    assert len({s.store.digest() for n, s in team.laptops.items() if n not in ("wc", "late")}) == 1
    assert found(share_text(team), TRACES) == set()
    # the audit keeps the erasure, with ids and the ground only; the decision is still counted
    entries = tl.store.rows("SELECT inwoner_id, detail FROM audit_log WHERE action = 'erase'")
    assert entries == [(fenna, "retention")]
    for session in team.laptops.values():
        assert session.store.rows(
            "SELECT uitkomst, gemeente, afwijking_beleid FROM besluit_telling"
        ) == [("toegekend", "Lindendal", 1)]

    proc = run_cli("export", "inzage", "--data-dir", tmp_path / "km", "--bsn", "123456782",
                   "--out", tmp_path / "inzage.pdf")  # fmt: skip
    assert proc.returncode == 1


# ---------------------------------------------------------------------- attacks with own keys
def erased_team(team: Team) -> tuple[Session, Session, str, str]:
    """A teamleider and a klantmanager; Fenna (past her date) erased and synced, Joris kept."""
    tl = team.found()
    km = team.add("km", "klantmanager")
    fenna, joris = new_resident(km), other_resident(km)
    team.sync_all()
    an_old_dossier(tl, fenna)
    team.sync_all()
    assert tl.retention.destroy([fenna], "Selectielijst") == 1
    team.sync_all()
    return tl, km, fenna, joris


def test_only_a_teamleider_erases_not_a_patched_klantmanager(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    joris = other_resident(km)
    team.sync_all()
    sync = engine.Sync(km.store)  # the klantmanager's own, legitimate keys
    key = sync.keys.key_for("g")
    assert key is not None
    content = {"inwoner_id": joris, "ground": "avg17", "records": [["inwoner", joris]]}
    head = {"kind": "erasure", "team": sync.keys.team_id, "signer": km.store.device_id,
            "id": km.store.ids(), "gen": 0, "at": "2026-01-01T00:00:00+00:00"}  # fmt: skip
    (team.share / "erasures" / f"{head['id']}.erasure").write_bytes(
        seal_envelope(head, {"g": (key, canonical(content))}, sync.sign)
    )
    (team.share / "erasures" / "junk.erasure").write_bytes(b"\0" * 100)
    report = team.sync("tl")
    assert report.erased == 0
    assert {r.reason for r in report.rejected} >= {"not-allowed", "foreign"}
    assert tl.store.get("inwoner", joris) is not None
    with pytest.raises(NotAllowed):
        km.retention.erase("100000009", "Verzoek")  # and not through the app either


def test_a_patched_laptop_cannot_bring_an_erased_resident_back(team: Team) -> None:
    tl, km, fenna, joris = erased_team(team)
    note = km.store.ids()

    def a_note(record_id: str, inwoner_id: str, text: str) -> list[Any]:
        fields = {"inwoner_id": inwoner_id, "text": text, "author_id": km.user.id,
                  "written_at": "2026-01-01T00:00:00+00:00"}  # fmt: skip
        return change_row(km, "notitie", record_id, fields, kind="insert")

    forged = payload(
        # her own record again, under its old id, and a new note that names her
        change_row(km, "inwoner", fenna, {"last_name": "Zwaluwstaart", "bsn": "123456782"}),
        a_note(note, fenna, "Schimmel in de badkamer"),
        a_note(km.store.ids(), joris, "Joris belt."),
    )
    forge(team, "km", forged)
    team.sync("tl")
    assert tl.store.get("inwoner", fenna) is None
    assert tl.store.get("notitie", note) is None
    assert found(every_text(tl), TRACES) == set()
    assert "joris belt." in every_text(tl)  # the rest of the file applies


def test_a_damaged_seal_refuses_the_file_and_a_missing_key_waits(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    team.sync_all()
    joris = other_resident(km)
    ring = team.share / "devices" / km.store.device_id / rings.ring_name(rings.bucket(joris))
    team.sync("km")
    saved = ring.read_bytes()
    ring.unlink()  # the ring has not reached this copy of the share yet (a slow cloud client)
    team.sync("tl")
    assert tl.store.get("inwoner", joris) is None  # its bundle waits for the key
    ring.write_bytes(saved)
    team.sync("tl")
    assert tl.store.get("inwoner", joris) is not None

    sync = engine.Sync(km.store)
    row = change_row(km, "inwoner", joris, {"phone": "0612345678"})
    sealed = rings.seal_changes(sync.resident_keys, [row])[0]
    sealed[8] = sealed[8][:-8] + ("A" * 8 if not sealed[8].endswith("A" * 8) else "B" * 8)
    path = forge(team, "km", payload(sealed))
    report = team.sync("tl")
    assert any(r.path == path and r.reason == "malformed" for r in report.rejected)
    km.residents.write_note(joris, "Daarna gewoon verder.")
    team.sync("km")
    team.sync("tl")
    assert "daarna gewoon verder." in every_text(tl)


def forged_event(team: Team, name: str, content: dict[str, Any]) -> str:
    """An erasure event signed with laptop ``name``'s own keys; returns its id."""
    sync = engine.Sync(team.laptops[name].store)
    key = sync.keys.key_for("g")
    assert key is not None
    head = {
        "kind": "erasure",
        "team": sync.keys.team_id,
        "signer": sync.store.device_id,
        "id": sync.store.ids(),
        "gen": sync.keys.current,
        "at": "2026-01-01T00:00:00Z",
    }
    (team.share / "erasures" / f"{head['id']}.erasure").write_bytes(
        seal_envelope(head, {"g": (key, pack(content))}, sync.sign)
    )
    return str(head["id"])


def test_malformed_rows_and_events_never_stop_a_sync(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    joris = other_resident(km)
    team.sync_all()
    row = change_row(km, "inwoner", km.store.ids(), {"phone": "1"})
    row[6] = ["not", "a", "string"]  # unhashable where an id belongs
    bad = forge(team, "km", payload(row))
    forged_event(team, "tl", {"inwoner_id": km.store.ids(), "ground": "avg17",
                              "records": [[["x"], joris]]})  # fmt: skip
    other = forged_event(team, "tl", {"inwoner_id": km.store.ids(), "ground": "avg17",
                                      "records": [["inwoner", joris]]})  # fmt: skip
    for _ in range(2):
        report = team.sync("km")
    assert km.store.get("inwoner", joris) is not None  # never another resident's records
    assert km.store.rows("SELECT 1 FROM erasure WHERE id = ?", (other,))
    report = team.sync("tl")
    assert any(r.path == bad and r.reason == "malformed" for r in report.rejected)
    km.residents.write_note(joris, "Daarna gewoon verder.")
    team.sync("km")
    team.sync("tl")
    assert "daarna gewoon verder." in every_text(tl)


def test_an_erasure_outlives_the_revocation_of_its_laptop(team: Team) -> None:
    tl = team.found()
    tl2 = team.add("tl2", "teamleider")
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    away = team.add("away", "klantmanager")
    fenna, joris = new_resident(km), other_resident(km)
    team.sync_all()
    an_old_dossier(tl, fenna)
    for name in ("tl", "tl2", "km", "wc"):
        team.sync(name)
    wc.residents.write_note(fenna, "Werkcoach over Fenna.")  # its newest change: erased next
    team.sync("wc")
    assert tl.retention.destroy([fenna], "Selectielijst") == 1
    for name in ("tl", "tl2", "km", "wc"):
        team.sync(name)
    tl2.sharing.revoke(tl.store.device_id)  # the teamleider's laptop is lost afterwards
    team.laptops.pop("tl").close()
    wc.residents.write_note(joris, "Later: Joris gewoon verder.")  # numbered after the erased
    team.sync("wc")
    report = team.sync("away")
    assert report.erased == 1  # the remaining teamleider's copy
    assert away.store.get("inwoner", fenna) is None
    assert "later: joris gewoon verder." in every_text(away)


def test_a_large_dossier_and_an_early_update_are_erased_and_sealed(
    team: Team, tmp_path: Path
) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    km2 = team.add("km2", "klantmanager")
    team.sync_all()
    fenna = new_resident(km)
    casus = km.cases.open(fenna, "Fiets")
    with km.store.write(km.user.id) as w:
        for i in range(6000):  # an event far beyond the small-file limit
            w.put("gezinslid", None, {"inwoner_id": fenna, "name": f"Kind {i}", "relation": "kind"})
    team.sync("km")
    team.sync("km2")
    km2.cases.update(casus, beoogd_effect="Geheim effect voor zwaluwstaart")
    team.sync("km2")
    held = tmp_path / "held"  # km's files reach the teamleider's copy of the share late
    shutil.copytree(team.share / "devices" / km.store.device_id, held)
    for bundle in (team.share / "devices" / km.store.device_id).glob("*.wpb"):
        bundle.unlink()
    team.sync("tl")  # it holds the update of a case whose resident it does not know yet
    engine.Sync(tl.store).write_snapshot()
    for bundle in held.glob("*.wpb"):
        shutil.copy(bundle, team.share / "devices" / km.store.device_id / bundle.name)
    assert found(share_text(team, resident_keys=False), ("geheim effect",)) == set()
    team.sync_all()
    an_old_dossier(tl, fenna)
    old = (tl.today() - dt.timedelta(days=12 * 366)).isoformat()
    with tl.store.write(tl.user.id) as w:  # that case too ended long ago
        w.put("casus", casus, {"status": "gesloten", "opened_on": old, "closed_on": old})
    team.sync_all()
    assert tl.retention.destroy([fenna], "Selectielijst") == 1
    team.sync_all()
    for session in team.laptops.values():
        assert session.store.get("inwoner", fenna) is None
        assert session.store.rows("SELECT count(*) FROM gezinslid")[0][0] == 0
    assert found(share_text(team), ("geheim effect", *TRACES)) == set()


def test_a_revoked_laptops_ring_cannot_fill_a_profile(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    team.sync_all()
    sync = engine.Sync(km.store)
    key = sync.keys.key_for("g")
    assert key is not None
    entries: dict[str, str] = {}
    while len(entries) < 5_000:
        owner = km.store.ids()
        if rings.bucket(owner) == "a":
            entries[owner] = os.urandom(32).hex()
    head = {"kind": "ring", "team": sync.keys.team_id, "signer": km.store.device_id,
            "device": km.store.device_id, "bucket": "a", "gen": sync.keys.current}  # fmt: skip
    ring = seal_envelope(head, {"g": (key, canonical(entries))}, sync.sign)
    tl.sharing.revoke(km.store.device_id)
    (team.share / "devices" / km.store.device_id / rings.ring_name("a")).write_bytes(ring)
    before = tl.store.rows("SELECT count(*) FROM resident_key")[0][0]
    team.sync("tl")
    assert tl.store.rows("SELECT count(*) FROM resident_key")[0][0] == before


def test_a_revoked_laptops_folder_can_go_once_revoked(team: Team) -> None:
    """The README's advice: after the revocation (which writes a snapshot) the revoked
    laptop's folder, its key files included, may be deleted; a colleague that had not read its
    last files takes them from the snapshot."""
    tl = team.found()
    km = team.add("km", "klantmanager")
    away = team.add("away", "klantmanager")
    team.sync_all()
    joris = other_resident(km)
    km.residents.write_note(joris, "Laatste notitie voor het verlies.")
    team.sync("km")
    tl.sharing.revoke(km.store.device_id)
    shutil.rmtree(team.share / "devices" / km.store.device_id)
    team.sync("away")
    assert away.store.get("inwoner", joris) is not None
    assert "laatste notitie voor het verlies." in every_text(away)
