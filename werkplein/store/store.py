"""The Store: one open profile database and the one write path.

Every change to a synced record goes through ``Writer.put`` / ``Writer.delete``, which applies
the change *and* appends it to the change log in the same transaction: entity, record, the old
and new value of each field that really changed, author, device, hybrid-logical-clock stamp and
wall time. The sync layer ships exactly this log; history is never lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkplein.domain.labels import label
from werkplein.errors import (
    BackupNotWritten,
    DatabaseDamaged,
    ImmutableRecord,
    NotFound,
    ProfileLocked,
    ProfileNewer,
    StorageUnavailable,
    SyncFirst,
    ValidationFailed,
    WerkpleinError,
)
from werkplein.i18n import N_, _
from werkplein.store import audit, files, profile, schema, versions
from werkplein.store.clock import Clock, Hlc, iso, process_clock, to_ms
from werkplein.store.db import Connection, DatabaseError, connect, translate
from werkplein.store.entities import ENTITIES, MAX_TEXT, EntitySpec, T, spec
from werkplein.store.ids import IdFactory, id_tag

Value = Any
Record = dict[str, Any]
RECOVER_KEY = "sync.recover"  # "1": restored from a backup, the next sync recovers first


@dataclass(frozen=True)
class Change:
    """One entry of the change log."""

    op_id: str
    hlc: str
    entity: str
    record_id: str
    kind: str  # insert | update | delete
    fields: Mapping[str, tuple[Value, Value]]  # field -> (old, new)
    author_id: str | None = None
    at: str = ""  # wall-clock time, ISO 8601 UTC
    parents: Mapping[str, Sequence[str]] | None = None  # field -> versions the writer had seen


@dataclass
class Changes:
    """What one write operation changed; the UI uses it to refresh only what is stale."""

    changes: list[Change] = field(default_factory=list)

    @property
    def entities(self) -> set[str]:
        return {c.entity for c in self.changes}

    @property
    def record_ids(self) -> set[str]:
        return {c.record_id for c in self.changes}

    def __bool__(self) -> bool:
        return bool(self.changes)

    def applied_to(self, record: Record, entity: str) -> Record:
        """``record`` as it is after these changes (a screen keeps what it shows current
        without reading it again)."""
        out = dict(record)
        for change in self.changes:
            if change.entity == entity and change.record_id == record.get("id"):
                out.update({name: new for name, (_old, new) in change.fields.items()})
        return out


WRITTEN_KEPT = 2000  # changes remembered for take_written

# One encoder for every call: json.dumps with options builds a new JSONEncoder each time.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_LOG_INSERT = (
    "INSERT INTO change_log (op_id, hlc, device_id, author_id, at, entity, record_id, kind, "
    "payload, parents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def canonical_json(value: Value) -> str:
    return _CANONICAL.encode(value)


def encode(kind: T, name: str, value: Value) -> Value:
    """Python value -> SQLite value, with a type check per field kind."""
    if value is None:
        return None
    if kind is T.BOOL:
        if not isinstance(value, bool):
            raise ValidationFailed(field=label(name), problem=_("must be yes or no"))
        return int(value)
    if kind is T.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationFailed(field=label(name), problem=_("must be a whole number"))
        return value
    if kind is T.JSON:
        try:
            return canonical_json(value)
        except (TypeError, ValueError):
            problem = _("must be structured data")
            raise ValidationFailed(field=label(name), problem=problem) from None
    if not isinstance(value, str):
        raise ValidationFailed(field=label(name), problem=_("must be text"))
    if len(value) > MAX_TEXT:
        raise ValidationFailed(field=label(name), problem=_("is too long"))
    return value


def decode(kind: T, value: Value) -> Value:
    if value is None:
        return None
    if kind is T.BOOL:
        return bool(value)
    if kind is T.JSON:
        return json.loads(value)
    return value


class Store:
    """An unlocked profile. Create with ``Store.create`` or ``Store.open``; close when done."""

    def __init__(
        self,
        data_dir: Path,
        header: profile.Header,
        key: bytes,
        conn: Connection,
        *,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.header = header
        self._key = key
        self.conn = conn
        self.clock: Clock = clock or process_clock()
        self.ids = ids or IdFactory(lambda: to_ms(self.clock.now()))
        self._depth = 0
        self._uncommitted: list[Change] = []  # written by the open transaction's writes
        self._written: list[Change] | None = []  # committed, not yet taken (None: too many)
        found = schema.version(self.conn)
        if found > schema.LATEST:
            self.conn.close()
            raise ProfileNewer(found=found, known=schema.LATEST)
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
        except DatabaseError as exc:
            raise translate(exc) from exc
        schema.migrate(self.conn)
        self.hlc = Hlc(self.clock, self._meta("hlc"))
        self.device_id = self._meta("device_id") or self._init_device()
        # restored from a backup while part of a team: no write (nor audit entry) before the
        # first sync recovered what this laptop wrote after the backup (sync/engine.py)
        self.recovering = self._meta(RECOVER_KEY) == "1"
        if ids is None:  # the profile's own ids carry its tag (a seeded demo keeps its ids)
            self.ids.tag = id_tag(self.device_id)

    # ------------------------------------------------------------------ opening and closing
    @classmethod
    def create(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        kdf_iterations: int | None = None,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
    ) -> Store:
        """Make a new profile in ``data_dir``. ``kdf_iterations`` is for tests only."""
        profile.check_passphrase_strength(passphrase)
        profile.prepare_new_profile_dir(data_dir)
        iterations = kdf_iterations or profile.kdf_iterations_for_new_profile()
        header, key = profile.new_header(passphrase, iterations)
        try:
            conn = connect(data_dir / header.database, key)
            store = cls(data_dir, header, key, conn, clock=clock, ids=ids)
            profile.write_header(data_dir, header)
        except BaseException:
            for leftover in data_dir.glob(f"{header.database}*"):
                leftover.unlink()
            raise
        return store

    @classmethod
    def open(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
    ) -> Store:
        header, key = profile.unlock(data_dir, passphrase)
        return cls.open_with_key(data_dir, header, key, clock=clock, ids=ids)

    @classmethod
    def open_with_key(
        cls,
        data_dir: Path,
        header: profile.Header,
        key: bytes,
        *,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
    ) -> Store:
        """Open a further connection without paying the KDF again (workers, sync)."""
        conn = connect(data_dir / header.database, key)
        try:
            store = cls(data_dir, header, key, conn, clock=clock, ids=ids)
        except BaseException:
            conn.close()  # a refused or failed open leaves no connection (and no -wal) behind
            raise
        store._remove_stale_files()
        return store

    def reopen(self) -> Store:
        """Another Store on the same profile, for use in a worker thread."""
        return self.opener()()

    def opener(self) -> Callable[[], Store]:
        """Opens another Store on this profile later, in any thread, also after this one was
        closed (what it needs is copied now)."""
        if not self._key:
            raise ProfileLocked()
        data_dir, header, key, clock = self.data_dir, self.header, bytes(self._key), self.clock
        return lambda: Store.open_with_key(data_dir, header, key, clock=clock)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        self._key = b""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _remove_stale_files(self) -> None:
        for path in profile.stale_database_files(self.data_dir, self.header):
            with contextlib.suppress(OSError):
                path.unlink()

    # ------------------------------------------------------------------ device meta
    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def meta(self, key: str) -> str | None:
        return self._meta(key)

    def set_meta(self, key: str, value: str) -> None:
        """Device-local settings and bookkeeping; never synced, never in the digest."""
        with self._transaction():
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def delete_meta(self, key: str) -> None:
        with self._transaction():
            self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))

    def _init_device(self) -> str:
        device_id = self.ids()
        with self._transaction():
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('device_id', ?), ('created_at', ?)",
                (device_id, iso(self.clock.now())),
            )
        return device_id

    # ------------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            stored = self._meta("hlc")  # another connection of this device may have moved it
        except DatabaseError as exc:
            raise translate(exc) from exc
        if stored:
            self.hlc.observe(stored)
        self._depth = 1
        try:
            yield
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('hlc', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (self.hlc.last,),
            )
            self.conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(DatabaseError):
                self.conn.execute("ROLLBACK")
            if isinstance(exc, DatabaseError | OSError):
                raise translate(exc, writing=True) from exc
            raise
        finally:
            self._depth = 0

    @contextlib.contextmanager
    def write(self, author_id: str | None) -> Iterator[Writer]:
        """One all-or-nothing write operation; ``writer.changes`` says what it changed."""
        if self.recovering:
            raise SyncFirst()
        writer = Writer(self, author_id)
        outer = self._depth == 0
        try:
            with self._transaction():
                yield writer
                writer.flush_audit()
                self._uncommitted += writer.changes.changes
        except BaseException:
            if outer:
                self._uncommitted = []
            raise
        if outer:
            if self._written is not None:
                self._written += self._uncommitted
                if len(self._written) > WRITTEN_KEPT:
                    self._written = None  # so much changed: every screen reloads
            self._uncommitted = []

    def take_written(self) -> Changes | None:
        """What this store's writes changed since the last call (a screen asks, after it
        wrote, so the others reload only what is stale); None when too much to list."""
        written, self._written = self._written, []
        return None if written is None else Changes(written)

    # ------------------------------------------------------------------ reads
    def get(self, entity: str, record_id: str) -> Record | None:
        s = spec(entity)
        row = self.conn.execute(
            f"SELECT {', '.join(['id', *s.fields])} FROM {s.table} WHERE id = ?", (record_id,)
        ).fetchone()
        return None if row is None else self._decode_row(s, row)

    def require(self, entity: str, record_id: str) -> Record:
        record = self.get(entity, record_id)
        if record is None or record.get("deleted"):
            raise NotFound(what=entity, ident=record_id)
        return record

    def find(
        self,
        entity: str,
        where: str = "",
        params: Sequence[Value] = (),
        order: str = "",
        limit: int | None = None,
    ) -> list[Record]:
        """Records of ``entity`` matching an SQL condition written by a service."""
        s = spec(entity)
        sql = f"SELECT {', '.join(['id', *s.fields])} FROM {s.table}"
        if where:
            sql += f" WHERE {where}"
        if order:
            sql += f" ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [self._decode_row(s, row) for row in self.conn.execute(sql, tuple(params))]

    def rows(self, sql: str, params: Sequence[Value] = ()) -> list[tuple[Value, ...]]:
        return [tuple(row) for row in self.conn.execute(sql, tuple(params)).fetchall()]

    @staticmethod
    def _decode_row(s: EntitySpec, row: Sequence[Value]) -> Record:
        out: Record = {"id": row[0]}
        for (name, kind), value in zip(s.fields.items(), row[1:], strict=True):
            out[name] = decode(kind, value)
        return out

    def history(self, entity: str, record_id: str) -> list[Change]:
        """Every change of one record, oldest first (the history of any field)."""
        rows = self.conn.execute(
            "SELECT op_id, hlc, entity, record_id, kind, payload, author_id, at FROM change_log "
            "WHERE entity = ? AND record_id = ? ORDER BY hlc, device_id",
            (entity, record_id),
        ).fetchall()
        return [
            Change(
                op_id,
                hlc,
                ent,
                rec,
                kind,
                {k: (v[0], v[1]) for k, v in json.loads(payload).items()},
                author_id,
                at,
            )
            for op_id, hlc, ent, rec, kind, payload, author_id, at in rows
        ]

    def change_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM change_log").fetchone()[0])

    # ------------------------------------------------------------------ status
    def schema_version(self) -> int:
        return schema.version(self.conn)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in ENTITIES.values():
            where = " WHERE coalesce(deleted, 0) = 0" if "deleted" in s.fields else ""
            out[s.count_key] = int(
                self.conn.execute(f"SELECT count(*) FROM {s.table}{where}").fetchone()[0]
            )
        return out

    def digest(self, entities: Sequence[str] | None = None) -> str:
        """A hash of the logical content: every synced record and field, ordered by entity and
        id. Independent of insertion order, local row ids, the change log and the audit log."""
        h = hashlib.sha256()
        for name in sorted(entities or ENTITIES):
            s = ENTITIES[name]
            cols = ", ".join(["id", *s.fields])
            for row in self.conn.execute(f"SELECT {cols} FROM {s.table} ORDER BY id"):
                values = self._decode_row(s, row)
                h.update(canonical_json([name, values]).encode("utf-8"))
                h.update(b"\n")
        return h.hexdigest()

    def integrity_problems(self) -> list[str]:
        """Cipher (page HMACs), SQLite structure, full-text indexes and the audit chain."""
        problems: list[str] = []
        try:
            problems += [
                f"cipher: {row[0]}"
                for row in self.conn.execute("PRAGMA cipher_integrity_check").fetchall()
            ]
            result = [row[0] for row in self.conn.execute("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                problems += [f"sqlite: {line}" for line in result]
            for fts in ("inwoner_fts", "notitie_fts"):
                try:
                    self.conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
                except DatabaseError:
                    problems.append(f"full-text index {fts} out of step")
            problems += audit.verify(self.conn)
        except DatabaseError as exc:
            problems.append(f"database unreadable: {type(exc).__name__}")
        return problems

    # ------------------------------------------------------------------ audit
    def audit(self, user_id: str, action: str, inwoner_id: str | None, detail: str = "") -> None:
        if self.recovering:
            raise SyncFirst()
        with self._transaction():
            audit.append(
                self.conn,
                entry_id=self.ids(),
                device_id=self.device_id,
                at=iso(self.clock.now()),
                user_id=user_id,
                inwoner_id=inwoner_id,
                action=action,
                detail=detail,
            )

    # ------------------------------------------------------------------ passphrase and backup
    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt into a new file, verify it, then switch with one atomic rename."""
        profile.check_passphrase_strength(new_passphrase)
        header, key = profile.new_header(new_passphrase, self.header.iterations)
        new_path = self.data_dir / header.database
        try:
            self._export_to(new_path, f"x'{key.hex()}'", raw=True)
            check = connect(new_path, key)
            try:
                if [r[0] for r in check.execute("PRAGMA integrity_check")] != ["ok"]:
                    raise DatabaseDamaged()
            finally:
                check.close()
            profile.write_header(self.data_dir, header)
        except BaseException:
            for leftover in self.data_dir.glob(f"{header.database}*"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        old = self.header
        self.conn.close()
        self.header, self._key = header, key
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                (self.data_dir / f"{old.database}{suffix}").unlink()
        self.conn = connect(new_path, key)
        self.conn.execute("PRAGMA journal_mode = WAL")  # the exported copy starts in DELETE mode

    def backup(self, out: Path, passphrase: str) -> None:
        """A complete, encrypted copy: a standard SQLCipher 4 file (PBKDF2-HMAC-SHA512,
        256 000 iterations) that opens with the profile's passphrase. Written under a
        temporary name and renamed when complete."""
        profile.unlock(self.data_dir, passphrase)  # the backup must open with this passphrase
        out = out.resolve()
        tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
        try:
            self._export_to(tmp, passphrase, raw=False)
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, out)
            files.fsync_dir(out.parent)
        except StorageUnavailable as exc:
            raise BackupNotWritten(reason=exc.params.get("reason", "")) from exc
        except OSError as exc:
            raise BackupNotWritten(reason=exc.strerror or type(exc).__name__) from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    def _export_to(self, path: Path, key: str, *, raw: bool) -> None:
        version = self.schema_version()
        key_sql = f'"{key}"' if raw else "?"
        params: tuple[str, ...] = (str(path),) if raw else (str(path), key)
        try:
            self.conn.execute(f"ATTACH DATABASE ? AS export KEY {key_sql}", params)
            try:
                self.conn.execute("SELECT sqlcipher_export('export')")
                self.conn.execute(f"PRAGMA export.user_version = {version}")
            finally:
                self.conn.execute("DETACH DATABASE export")
        except (DatabaseError, OSError) as exc:
            raise translate(exc) from exc


def _new_row_diff(s: EntitySpec, values: Mapping[str, Value]) -> dict[str, tuple[Value, Value]]:
    """Check the required fields of a new record; its change-log entry (None -> value)."""
    missing = [f for f in s.required if values.get(f) in (None, "")]
    if missing:
        raise ValidationFailed(field=label(missing[0]), problem=_("is required"))
    return {k: (None, v) for k, v in values.items() if v is not None}


class Writer:
    """The change-capture path. Obtain through ``Store.write``."""

    def __init__(self, store: Store, author_id: str | None) -> None:
        self._store = store
        self.author_id = author_id
        self.changes = Changes()
        # (inwoner id, action) -> entities touched: one audit entry per dossier per action
        self._touched: dict[tuple[str, str], set[str]] = {}

    def new_id(self) -> str:
        return self._store.ids()

    def require(self, entity: str, record_id: str) -> Record:
        """A record as it is now, read inside this write's transaction: pass it on to ``put``
        (``current=``) so the write path reads it once."""
        return self._store.require(entity, record_id)

    def put(
        self,
        entity: str,
        record_id: str | None,
        values: Mapping[str, Value],
        *,
        current: Record | None = None,
    ) -> tuple[str, Change | None]:
        """Insert or update the given fields. Only fields that really changed are written and
        logged; a put that changes nothing writes nothing. Returns (record id, change).
        ``current``: the record as ``require`` read it in this transaction (not read again)."""
        s = spec(entity)
        unknown = set(values) - set(s.fields)
        if unknown:
            raise ValueError(f"{entity} has no field(s) {sorted(unknown)}")
        encoded = {name: encode(s.fields[name], name, v) for name, v in values.items()}
        conn = self._store.conn
        if record_id is None:
            record_id = self.new_id()
        elif current is None or current.get("id") != record_id:
            current = self._store.get(entity, record_id)

        parents: dict[str, list[str]] | None = None
        if current is None:
            diff = _new_row_diff(s, values)
            cols = ["id", *encoded]
            conn.execute(
                f"INSERT INTO {s.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                (record_id, *encoded.values()),
            )
            kind = "insert"
        else:
            if s.append_only:
                raise WerkpleinError(N_("This entry cannot be changed; add a new one instead."))
            if s.frozen_when and current.get(s.frozen_when[0]) == s.frozen_when[1]:
                raise _immutable(s)
            diff = {k: (current[k], v) for k, v in values.items() if current[k] != v}
            if not diff:
                return record_id, None
            for name in s.required:
                if name in diff and diff[name][1] in (None, ""):
                    raise ValidationFailed(field=label(name), problem=_("is required"))
            sets = ", ".join(f"{k} = ?" for k in diff)
            conn.execute(
                f"UPDATE {s.table} SET {sets} WHERE id = ?",
                (*(encoded[k] for k in diff), record_id),
            )
            kind = "delete" if diff.get("deleted", (None, False))[1] is True else "update"
            parents = self._supersede(entity, record_id, diff)
        self._touch(s, record_id, values, current, kind)
        change = self._log(entity, record_id, kind, diff, parents)
        if parents is not None:
            versions.replaced(conn, entity, record_id, change.op_id, diff)
        return record_id, change

    def resolve(self, entity: str, record_id: str, field_name: str, value: Value) -> Change:
        """Settle a conflict: ``value`` becomes the field's value and supersedes every version
        seen so far, also when it equals the value shown now (so the choice itself syncs)."""
        s = spec(entity)
        current = self._store.require(entity, record_id)
        if s.frozen_when and current.get(s.frozen_when[0]) == s.frozen_when[1]:
            raise _immutable(s)
        encoded = encode(s.fields[field_name], field_name, value)
        self._store.conn.execute(
            f"UPDATE {s.table} SET {field_name} = ? WHERE id = ?", (encoded, record_id)
        )
        diff = {field_name: (current[field_name], value)}
        parents = self._supersede(entity, record_id, diff)
        self._touch(s, record_id, {field_name: value}, current, "update")
        change = self._log(entity, record_id, "update", diff, parents)
        versions.replaced(self._store.conn, entity, record_id, change.op_id, diff)
        return change

    def _supersede(
        self, entity: str, record_id: str, diff: Mapping[str, object]
    ) -> dict[str, list[str]]:
        """The versions of each changed field this write replaces (all its heads, so a person's
        edit settles a conflict on that field), and drop the conflicts it settles."""
        known = versions.known_heads(self._store.conn, entity, record_id, diff)
        parents = {name: ids for name, ids in known.items() if ids}
        self._store.conn.executemany(
            "DELETE FROM conflict WHERE entity = ? AND record_id = ? AND field = ?",
            [(entity, record_id, name) for name in diff],
        )
        return parents

    def insert_many(self, entity: str, rows: Sequence[Mapping[str, Value]]) -> list[str]:
        """Insert new records in bulk (imports, demo data): the same checks, change-log entries
        and audit as ``put(entity, None, values)`` for each row, in order, but written with one
        ``executemany`` per run of rows with the same fields. Returns the new ids, in order."""
        s = spec(entity)
        store = self._store
        conn = store.conn
        fields = s.fields
        ids: list[str] = []
        log: list[tuple[Value, ...]] = []
        run_cols: tuple[str, ...] | None = None
        run: list[tuple[Value, ...]] = []

        def flush() -> None:
            if run and run_cols is not None:
                cols = ("id", *run_cols)
                conn.executemany(
                    f"INSERT INTO {s.table} ({', '.join(cols)}) "
                    f"VALUES ({', '.join('?' * len(cols))})",
                    run,
                )
            run.clear()

        for values in rows:
            unknown = values.keys() - fields.keys()
            if unknown:
                raise ValueError(f"{entity} has no field(s) {sorted(unknown)}")
            encoded = [encode(fields[name], name, v) for name, v in values.items()]
            diff = _new_row_diff(s, values)
            record_id = self.new_id()
            cols = tuple(values)
            if cols != run_cols:
                flush()
                run_cols = cols
            run.append((record_id, *encoded))
            change = Change(self.new_id(), store.hlc.tick(), entity, record_id, "insert", diff)
            log.append(self._log_row(change))
            self._touch(s, record_id, values, None, "insert")
            self.changes.changes.append(change)
            ids.append(record_id)
        flush()
        conn.executemany(_LOG_INSERT, log)
        return ids

    def delete(self, entity: str, record_id: str) -> Change | None:
        """Deletion is a tombstone (``deleted = true``), so it syncs and can be reviewed."""
        s = spec(entity)
        if "deleted" not in s.fields:
            raise WerkpleinError(N_("This entry cannot be removed."))
        return self.put(entity, record_id, {"deleted": True})[1]

    def audit(self, action: str, inwoner_id: str | None, detail: str = "") -> None:
        if self.author_id is not None:
            self._store.audit(self.author_id, action, inwoner_id, detail)

    def _touch(
        self,
        s: EntitySpec,
        record_id: str,
        values: Mapping[str, Value],
        current: Record | None,
        kind: str,
    ) -> None:
        """Remember which dossier this change belongs to, for the audit log."""
        if s.name == "inwoner":
            inwoner_id: str | None = record_id
        elif s.resident_field:
            inwoner_id = values.get(s.resident_field) or (current or {}).get(s.resident_field)
        else:
            return
        if inwoner_id:
            action = {"insert": "create"}.get(kind, kind)
            self._touched.setdefault((inwoner_id, action), set()).add(s.name)

    def flush_audit(self) -> None:
        """Every change of a dossier is audited, in the same transaction as the change."""
        if self.author_id is None:
            self._touched.clear()
            return
        for (inwoner_id, action), entities in self._touched.items():
            self._store.audit(self.author_id, action, inwoner_id, ",".join(sorted(entities)))
        self._touched.clear()

    def _log(
        self,
        entity: str,
        record_id: str,
        kind: str,
        diff: Mapping[str, tuple[Value, Value]],
        parents: Mapping[str, Sequence[str]] | None = None,
    ) -> Change:
        store = self._store
        change = Change(
            self.new_id(),
            store.hlc.tick(),
            entity,
            record_id,
            kind,
            dict(diff),
            self.author_id,
            iso(store.clock.now()),
            parents or None,
        )
        store.conn.execute(_LOG_INSERT, self._log_row(change))
        self.changes.changes.append(change)
        return change

    def _log_row(self, change: Change) -> tuple[Value, ...]:
        store = self._store
        return (
            change.op_id,
            change.hlc,
            store.device_id,
            self.author_id,
            change.at or iso(store.clock.now()),
            change.entity,
            change.record_id,
            change.kind,
            canonical_json({k: [o, n] for k, (o, n) in change.fields.items()}),
            canonical_json(change.parents) if change.parents else None,
        )


def _immutable(s: EntitySpec) -> ImmutableRecord:
    """A set decision, or another record that was completed (a home visit)."""
    if s.name == "besluit":
        return ImmutableRecord()
    return ImmutableRecord(N_("This was completed and can no longer be changed; add a note to it."))
