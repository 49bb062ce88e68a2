"""Versioned schema migrations (``PRAGMA user_version``).

Each migration is frozen once released: it never changes, a new one is added instead. The test
suite builds a database at every earlier version, fills it, and upgrades it to the latest.
Column lists are written out here (not derived from entities.py) for exactly that reason.
"""

from __future__ import annotations

from collections.abc import Callable

from werkplein.errors import ProfileNewer
from werkplein.store.db import Connection


def _table(name: str, columns: str) -> str:
    return (
        f"CREATE TABLE {name} (\n"
        "  rid INTEGER PRIMARY KEY,\n"
        "  id TEXT NOT NULL UNIQUE,\n"
        f"  {columns}\n"
        ")"
    )


def _append_only(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
    ]


def _v1() -> list[str]:
    """Residents, households, notes, users, device meta and the change log."""
    return [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        """CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  op_id TEXT NOT NULL UNIQUE,
  hlc TEXT NOT NULL,
  device_id TEXT NOT NULL,
  author_id TEXT,
  at TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
  payload TEXT NOT NULL
)""",
        "CREATE INDEX change_log_record ON change_log (entity, record_id)",
        *_append_only("change_log"),
        _table("gebruiker", "name TEXT, role TEXT, active INTEGER"),
        _table(
            "inwoner",
            "bsn TEXT, first_names TEXT, prefix TEXT, last_name TEXT, birth_date TEXT,\n"
            "  street TEXT, house_number TEXT, postcode TEXT, city TEXT, gemeente TEXT,\n"
            "  phone TEXT, email TEXT, contact_preference TEXT, deleted INTEGER",
        ),
        "CREATE INDEX inwoner_bsn ON inwoner (bsn)",
        "CREATE INDEX inwoner_gemeente ON inwoner (gemeente, last_name)",
        _table(
            "gezinslid",
            "inwoner_id TEXT, name TEXT, relation TEXT, birth_date TEXT, deleted INTEGER",
        ),
        "CREATE INDEX gezinslid_inwoner ON gezinslid (inwoner_id)",
        _table(
            "notitie",
            "inwoner_id TEXT, casus_id TEXT, huisbezoek_id TEXT, leefgebied TEXT, text TEXT,\n"
            "  author_id TEXT, written_at TEXT",
        ),
        "CREATE INDEX notitie_inwoner ON notitie (inwoner_id, written_at)",
    ]


def _v2() -> list[str]:
    """Cases with the four toets steps, decisions, the price list and team settings."""
    return [
        _table(
            "casus",
            "inwoner_id TEXT, title TEXT, status TEXT, opened_on TEXT, closed_on TEXT,\n"
            "  owner_id TEXT, beoogd_effect TEXT, gevraagd_middel TEXT, stap1_gereed INTEGER,\n"
            "  wetten TEXT, grondwaarde_past TEXT, grondwaarde_toelichting TEXT,\n"
            "  stap2_gereed INTEGER, afweging TEXT, kosten_interventie TEXT,\n"
            "  kosten_niets_doen TEXT, stap3_gereed INTEGER, instrumenten TEXT,\n"
            "  rechtmatig INTEGER, afwijking_beleid INTEGER, motivering_afwijking TEXT,\n"
            "  stap4_gereed INTEGER, deleted INTEGER",
        ),
        "CREATE INDEX casus_inwoner ON casus (inwoner_id)",
        _table(
            "besluit",
            "casus_id TEXT, inwoner_id TEXT, versie INTEGER, vorige_versie_id TEXT,\n"
            "  uitkomst TEXT, voorwaarden TEXT, periode_van TEXT, periode_tot TEXT,\n"
            "  heroverweging_op TEXT, motivering TEXT, afwijking_beleid INTEGER, status TEXT,\n"
            "  opgesteld_door TEXT, ingediend_op TEXT, goedgekeurd_door TEXT,\n"
            "  goedgekeurd_op TEXT, goedkeuring_opmerking TEXT, vastgesteld_door TEXT,\n"
            "  vastgesteld_op TEXT, toets TEXT",
        ),
        "CREATE INDEX besluit_casus ON besluit (casus_id)",
        "CREATE INDEX besluit_status ON besluit (status, vastgesteld_op)",
        _table(
            "prijs",
            "code TEXT, omschrijving TEXT, bedrag_cent INTEGER, eenheid TEXT, deleted INTEGER",
        ),
        _table("instelling", "value TEXT"),
    ]


def _v3() -> list[str]:
    """Home visits, warm handovers, fines, signals and the toekomstplan."""
    return [
        _table(
            "huisbezoek",
            "inwoner_id TEXT, casus_id TEXT, gepland_op TEXT, uitgevoerd_op TEXT, status TEXT,\n"
            "  medewerkers TEXT, doel TEXT, obs_wonen TEXT, obs_inkomen TEXT,\n"
            "  obs_financien TEXT, obs_werk TEXT, obs_gezondheid TEXT, obs_gezin TEXT,\n"
            "  obs_netwerk TEXT, checklist TEXT, deleted INTEGER",
        ),
        "CREATE INDEX huisbezoek_inwoner ON huisbezoek (inwoner_id)",
        "CREATE INDEX huisbezoek_gepland ON huisbezoek (status, gepland_op)",
        _table(
            "overdracht",
            "inwoner_id TEXT, casus_id TEXT, van_id TEXT, naar_id TEXT, situatie TEXT,\n"
            "  wens_inwoner TEXT, afspraken TEXT, risicos TEXT, contactvoorkeur TEXT,\n"
            "  status TEXT, reactie TEXT, verzonden_op TEXT, beantwoord_op TEXT, intake_op TEXT",
        ),
        "CREATE INDEX overdracht_naar ON overdracht (naar_id, status)",
        "CREATE INDEX overdracht_inwoner ON overdracht (inwoner_id)",
        _table(
            "boete",
            "inwoner_id TEXT, casus_id TEXT, behandelaar_id TEXT, overtreding TEXT,\n"
            "  overtreding_op TEXT, benadelingsbedrag_cent INTEGER, verwijtbaarheid TEXT,\n"
            "  voorgesteld_bedrag_cent INTEGER, berekening TEXT, draagkracht_cent INTEGER,\n"
            "  draagkracht_toelichting TEXT, dringende_redenen TEXT, afzien INTEGER,\n"
            "  gesprek_op TEXT, gesprek_agenda TEXT, gesprek_uitkomst TEXT,\n"
            "  vastgesteld_bedrag_cent INTEGER, status TEXT, deleted INTEGER",
        ),
        "CREATE INDEX boete_inwoner ON boete (inwoner_id)",
        _table(
            "boete_notitie",
            "boete_id TEXT, inwoner_id TEXT, text TEXT, author_id TEXT, written_at TEXT",
        ),
        "CREATE INDEX boete_notitie_boete ON boete_notitie (boete_id)",
        _table(
            "signaal",
            "titel TEXT, omschrijving TEXT, regeling TEXT, ingediend_door TEXT,\n"
            "  ingediend_op TEXT, status TEXT, reactie TEXT",
        ),
        _table(
            "toekomstplan",
            "inwoner_id TEXT, opgesteld_op TEXT, in_eigen_woorden TEXT, deleted INTEGER",
        ),
        "CREATE INDEX toekomstplan_inwoner ON toekomstplan (inwoner_id)",
        _table(
            "plan_regel",
            "plan_id TEXT, inwoner_id TEXT, leefgebied TEXT, nu TEXT, afspraken TEXT,\n"
            "  over_een_jaar TEXT, deleted INTEGER",
        ),
        "CREATE INDEX plan_regel_plan ON plan_regel (plan_id)",
    ]


def _fts_triggers(table: str, fts: str, cols: list[str]) -> list[str]:
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    names = ", ".join(cols)
    return [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rid, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rid, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {names} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rid, {old}); "
        f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rid, {new}); END",
    ]


_RESIDENT_FTS_COLS = ["first_names", "prefix", "last_name", "street", "postcode", "city", "bsn"]


def _v4() -> list[str]:
    """Full-text search inside the encrypted file: residents (prefix search as you type) and
    notes. External content keyed on the INTEGER ``rid``, so VACUUM cannot shift it."""
    tokenizer = "unicode61 remove_diacritics 2"
    return [
        f"CREATE VIRTUAL TABLE inwoner_fts USING fts5({', '.join(_RESIDENT_FTS_COLS)}, "
        f"content='inwoner', content_rowid='rid', tokenize='{tokenizer}', prefix='1 2 3')",
        *_fts_triggers("inwoner", "inwoner_fts", _RESIDENT_FTS_COLS),
        f"CREATE VIRTUAL TABLE notitie_fts USING fts5(text, content='notitie', "
        f"content_rowid='rid', tokenize='{tokenizer}', prefix='3')",
        *_fts_triggers("notitie", "notitie_fts", ["text"]),
        "INSERT INTO inwoner_fts(inwoner_fts) VALUES ('rebuild')",
        "INSERT INTO notitie_fts(notitie_fts) VALUES ('rebuild')",
    ]


def _v5() -> list[str]:
    """The audit log (NEN 7513 style): who saw or changed which dossier, hash-chained."""
    return [
        """CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  inwoner_id TEXT,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
)""",
        "CREATE INDEX audit_log_inwoner ON audit_log (inwoner_id, at)",
        *_append_only("audit_log"),
    ]


def _v6() -> list[str]:
    """Sync: per-field parents in the change log, conflicts, and what went to and came from the
    share. ``parents`` is {field: [op ids]}: the versions of each field the writer had seen."""
    return [
        "ALTER TABLE change_log ADD COLUMN parents TEXT",
        """CREATE TABLE conflict (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  heads TEXT NOT NULL,
  PRIMARY KEY (entity, record_id, field)
) WITHOUT ROWID""",
        """CREATE TABLE sync_exported (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  channel TEXT NOT NULL,
  last_change INTEGER NOT NULL,
  last_audit INTEGER NOT NULL,
  changes INTEGER NOT NULL,
  at TEXT NOT NULL,
  pruned INTEGER NOT NULL DEFAULT 0
)""",
        """CREATE TABLE sync_applied (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  changes INTEGER NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (device_id, seq)
) WITHOUT ROWID""",
        """CREATE TABLE sync_peer (
  device_id TEXT PRIMARY KEY,
  sign_key TEXT NOT NULL,
  role TEXT NOT NULL,
  user_id TEXT NOT NULL,
  revoked_pin INTEGER
) WITHOUT ROWID""",
    ]


def _v7() -> list[str]:
    """Sync: what arrived but was refused (a malformed bundle, a change its laptop may not
    make): kept out of the data but not forgotten, for the report and the teamleider."""
    return [
        """CREATE TABLE sync_refused (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  file TEXT NOT NULL,
  op_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (device_id, seq, op_id, reason)
)""",
        # the root laptop's certificate date: what it brought from before the share existed
        "ALTER TABLE sync_peer ADD COLUMN since TEXT",
        # the invitation a laptop joined with: a teamleider admits one laptop per invitation
        "ALTER TABLE sync_peer ADD COLUMN invite TEXT",
        # a revoked laptop: the signed revocation itself (hex), kept and passed on by every
        # laptop, and the names of its bundles it pins (JSON {seq: name})
        "ALTER TABLE sync_peer ADD COLUMN revocation TEXT",
        "ALTER TABLE sync_peer ADD COLUMN accepted TEXT",
        # its key-agreement key (X25519): new team keys are wrapped for it after a revocation
        "ALTER TABLE sync_peer ADD COLUMN kx_key TEXT",
    ]


def _v8() -> list[str]:
    """Versions: the heads of each field kept at hand, so a save reads O(1) whatever the
    record's history (a cache of what the change log says, filled when first needed and
    emptied for a record whenever changes from elsewhere arrive); and the versions a snapshot
    showed to be superseded although this laptop never received the change that did it."""
    return [
        """CREATE TABLE field_head (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  heads TEXT NOT NULL,
  PRIMARY KEY (entity, record_id, field)
) WITHOUT ROWID""",
        """CREATE TABLE superseded (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  op_id TEXT NOT NULL,
  PRIMARY KEY (entity, record_id, field, op_id)
) WITHOUT ROWID""",
    ]


def _v9() -> list[str]:
    """Retention: a teamleider keeps a resident's dossier beyond its destruction date, until a
    day and for a reason (an objection, a court case)."""
    return [
        "ALTER TABLE inwoner ADD COLUMN bewaren_tot TEXT",
        "ALTER TABLE inwoner ADD COLUMN bewaren_reden TEXT",
    ]


def _v10() -> list[str]:
    """Erasure on a team (docs/ERASURE.md): each laptop's key per resident, sealing what it
    sends about them (and the keys its colleagues published); the residents and records erased
    (tombstones), never applied again from any file; the erasures applied here, and the ones
    made here still to be published; the anonymous count of the set decisions of a destroyed
    dossier, which the period overview still counts; search indexes that forget at once; and
    an index of each laptop's own changes, for the sync's export."""
    return [
        """CREATE TABLE resident_key (
  device_id TEXT NOT NULL,
  inwoner_id TEXT NOT NULL,
  key BLOB NOT NULL,
  PRIMARY KEY (device_id, inwoner_id)
) WITHOUT ROWID""",
        "CREATE INDEX resident_key_inwoner ON resident_key (inwoner_id)",
        "CREATE TABLE tombstone (id TEXT PRIMARY KEY, entity TEXT NOT NULL) WITHOUT ROWID",
        """CREATE TABLE erasure (
  id TEXT PRIMARY KEY,
  inwoner_id TEXT NOT NULL,
  ground TEXT NOT NULL,
  at TEXT NOT NULL,
  event TEXT,
  published INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID""",
        _table(
            "besluit_telling",
            "gemeente TEXT, uitkomst TEXT, afwijking_beleid INTEGER, vastgesteld_op TEXT",
        ),
        # what this laptop has not sent yet, found without reading its colleagues' changes
        "CREATE INDEX change_log_device ON change_log (device_id, seq)",
        "CREATE INDEX audit_log_device ON audit_log (device_id, seq)",
        # the search indexes forget a deleted row's words at once (FTS5 secure-delete), not
        # at the next merge of their segments; one merge now drops what older deletes left
        *(
            statement
            for fts in ("inwoner_fts", "notitie_fts")
            for statement in (
                f"INSERT INTO {fts}({fts}, rank) VALUES ('secure-delete', 1)",
                f"INSERT INTO {fts}({fts}) VALUES ('optimize')",
            )
        ),
    ]


def _v11() -> list[str]:
    """The decision's short reference (kenmerk, e.g. WP-2026-K7QD-142), given when it is set;
    decisions set before keep none (documents show a fallback). Indexed: a decision is looked
    up by it, and a laptop counts its own references of a year by prefix."""
    return [
        "ALTER TABLE besluit ADD COLUMN kenmerk TEXT",
        "CREATE INDEX besluit_kenmerk ON besluit (kenmerk)",
    ]


_LOG_COLUMNS = (
    "seq, op_id, hlc, device_id, author_id, at, entity, record_id, kind, payload, parents"
)


def _v12() -> list[str]:
    """The change log numbers its rows without ever reusing a number (AUTOINCREMENT): an
    erasure removes a resident's rows, maybe the newest, and a number used again would fall
    below what the sync has already sent, so the new change would never be sent."""
    return [
        """CREATE TABLE change_log_v12 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  hlc TEXT NOT NULL,
  device_id TEXT NOT NULL,
  author_id TEXT,
  at TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
  payload TEXT NOT NULL,
  parents TEXT
)""",
        f"INSERT INTO change_log_v12 ({_LOG_COLUMNS}) SELECT {_LOG_COLUMNS} FROM change_log",
        "DROP TABLE change_log",
        "ALTER TABLE change_log_v12 RENAME TO change_log",
        "CREATE INDEX change_log_record ON change_log (entity, record_id)",
        "CREATE INDEX change_log_device ON change_log (device_id, seq)",
        *_append_only("change_log"),
    ]


def _v13() -> list[str]:
    """When a confrontatiegesprek was actually held and which klantmanager joined it; the
    theme a teamleider gives a signal, to see how often a theme comes back."""
    return [
        "ALTER TABLE boete ADD COLUMN gesprek_gehouden_op TEXT",
        "ALTER TABLE boete ADD COLUMN gesprek_klantmanager_id TEXT",
        "ALTER TABLE signaal ADD COLUMN thema TEXT",
    ]


MIGRATIONS: list[Callable[[], list[str]]] = [
    _v1,
    _v2,
    _v3,
    _v4,
    _v5,
    _v6,
    _v7,
    _v8,
    _v9,
    _v10,
    _v11,
    _v12,
    _v13,
]
LATEST = len(MIGRATIONS)


def version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int = LATEST) -> int:
    """Bring the database to ``target``, one migration per transaction. Returns the old version."""
    current = version(conn)
    if current > LATEST:
        raise ProfileNewer(found=current, known=LATEST)
    for number in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number - 1]():
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return current
