"""Residents (inwoners): personal details, household, notes, the dossier and the CSV import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from werkplein.domain import bsn as bsn_rules
from werkplein.domain.dates import parse_date
from werkplein.domain.records import display_name, live
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import LEEFGEBIEDEN
from werkplein.errors import FileUnreadable, ImportRefused, ValidationFailed, WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.base import Service, required_text
from werkplein.store.audit import Action
from werkplein.store.store import Changes, Record
from werkplein.sync.snapshots import HISTORY_FROM

RESIDENT_FIELDS = (
    "bsn",
    "first_names",
    "prefix",
    "last_name",
    "birth_date",
    "street",
    "house_number",
    "postcode",
    "city",
    "gemeente",
    "phone",
    "email",
    "contact_preference",
)
_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")

# CSV columns of the municipal caseload export -> our fields
IMPORT_COLUMNS = {
    "bsn": "bsn",
    "voornamen": "first_names",
    "achternaam": "last_name",
    "geboortedatum": "birth_date",
    "straat": "street",
    "huisnummer": "house_number",
    "postcode": "postcode",
    "woonplaats": "city",
    "gemeente": "gemeente",
}

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class ImportCancelled(WerkpleinError):
    msgid = N_("The import was cancelled. Nothing was imported.")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        """One sentence for the status bar and the command line."""
        return _(
            "Imported {total} residents: {created} new, {updated} updated, {unchanged} unchanged.",
            total=self.total,
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
        )


@dataclass
class Dossier:
    """Everything about one resident that this user's role may see."""

    resident: Record
    household: list[Record] = field(default_factory=list)
    notes: list[Record] = field(default_factory=list)
    cases: list[Record] = field(default_factory=list)
    decisions: list[Record] = field(default_factory=list)
    visits: list[Record] = field(default_factory=list)
    handovers: list[Record] = field(default_factory=list)
    plans: list[Record] = field(default_factory=list)
    plan_rows: list[Record] = field(default_factory=list)
    fines: list[Record] | None = None  # None: this role may not see fines
    fine_notes: list[Record] | None = None


@dataclass(frozen=True)
class TimelineItem:
    at: str  # ISO date or datetime
    kind: str  # entity name
    record_id: str
    title: str


def normalize_postcode(text: str) -> str:
    m = _POSTCODE.match(text.strip())
    if not m:
        raise ValueError("postcode")
    return f"{m.group(1)} {m.group(2).upper()}"


def validate_resident(values: Mapping[str, Any], *, today: dt.date) -> dict[str, Any]:
    """Check and normalize resident fields; raises ValidationFailed with a clear message."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in RESIDENT_FIELDS:
            raise ValueError(f"not a resident field: {name}")
        if isinstance(value, str):
            value = value.strip()
        if value in ("", None):
            out[name] = None
            continue
        if name == "bsn":
            value = bsn_rules.normalize(value)
            if not bsn_rules.is_valid(value):
                raise ValidationFailed(field=_("BSN"), problem=_("does not pass the elfproef"))
        elif name == "birth_date":
            try:
                born = parse_date(value)
            except ValueError:
                raise ValidationFailed(
                    field=_("birth date"), problem=_("is not a valid date")
                ) from None
            if born > today or born.year < 1900:
                raise ValidationFailed(field=_("birth date"), problem=_("is not a valid date"))
            value = born.isoformat()
        elif name == "postcode":
            try:
                value = normalize_postcode(value)
            except ValueError:
                raise ValidationFailed(
                    field=_("postcode"), problem=_("use four digits and two letters")
                ) from None
        out[name] = value
    return out


class ResidentService(Service):
    # ------------------------------------------------------------------ reading
    def get(self, inwoner_id: str) -> Record:
        self.session.require(Permission.VIEW_DOSSIER)
        record = self.store.require("inwoner", inwoner_id)
        self._viewed(inwoner_id, "inwoner")
        return record

    def by_bsn(self, bsn: str) -> Record | None:
        self.session.require(Permission.VIEW_DOSSIER)
        found = self.store.find(
            "inwoner", "bsn = ? AND coalesce(deleted, 0) = 0", (bsn_rules.normalize(bsn),)
        )
        if not found:
            return None
        self._viewed(found[0]["id"], "inwoner")
        return found[0]

    def names(self, ids: list[str]) -> dict[str, str]:
        """Display names for work lists (Mijn werk); opening a dossier is what gets audited."""
        self.session.require(Permission.VIEW_DOSSIER)
        out: dict[str, str] = {}
        for chunk in _chunks(sorted(set(ids))):
            marks = ", ".join("?" * len(chunk))
            for record in self.store.find("inwoner", f"id IN ({marks})", chunk):
                out[record["id"]] = display_name(record)
        return out

    def search(
        self,
        query: str,
        *,
        gemeente: str | None = None,
        limit: int = 50,
        highlight: tuple[str, str] = ("", ""),
    ) -> list[Any]:
        """Residents by name (also with a typo), BSN, the last four digits of a BSN, address
        or note text (see ``werkplein.store.search``); ``highlight`` marks the matching words
        in a note hit's snippet."""
        self.session.require(Permission.VIEW_DOSSIER)
        from werkplein.store import search

        return list(
            search.search_residents(
                self.store, query, gemeente=gemeente, limit=limit, highlight=highlight
            )
        )

    def dossier(self, inwoner_id: str) -> Dossier:
        """The whole dossier, as far as this role may see it. Logged as one view."""
        self.session.require(Permission.VIEW_DOSSIER)
        store = self.store
        resident = store.require("inwoner", inwoner_id)
        by_resident = "inwoner_id = ?"
        args = (inwoner_id,)
        dossier = Dossier(
            resident=resident,
            household=live(store.find("gezinslid", by_resident, args, "birth_date")),
            notes=store.find("notitie", by_resident, args, "written_at DESC"),
            cases=live(store.find("casus", by_resident, args, "opened_on DESC")),
            decisions=store.find("besluit", by_resident, args, "casus_id, versie"),
            visits=live(store.find("huisbezoek", by_resident, args, "gepland_op DESC")),
            handovers=store.find("overdracht", by_resident, args, "verzonden_op DESC"),
            plans=live(store.find("toekomstplan", by_resident, args, "opgesteld_op DESC")),
            plan_rows=live(store.find("plan_regel", by_resident, args, "leefgebied")),
        )
        if self.session.can(Permission.VIEW_BOETE):
            dossier.fines = live(store.find("boete", by_resident, args, "overtreding_op DESC"))
            dossier.fine_notes = store.find("boete_notitie", by_resident, args, "written_at")
        self._viewed(inwoner_id, "dossier")
        return dossier

    def timeline(self, dossier: Dossier) -> list[TimelineItem]:
        """One timeline of everything that happened, newest first."""
        items = [
            TimelineItem(n["written_at"], "notitie", n["id"], n["text"][:80]) for n in dossier.notes
        ]
        items += [TimelineItem(c["opened_on"], "casus", c["id"], c["title"]) for c in dossier.cases]
        items += [
            TimelineItem(
                d.get("vastgesteld_op") or d.get("ingediend_op") or "",
                "besluit",
                d["id"],
                f"{d['uitkomst']} (v{d['versie']}, {d['status']})",
            )
            for d in dossier.decisions
        ]
        items += [
            TimelineItem(
                v.get("uitgevoerd_op") or v["gepland_op"],
                "huisbezoek",
                v["id"],
                v.get("doel") or "",
            )
            for v in dossier.visits
        ]
        items += [
            TimelineItem(h.get("verzonden_op") or "", "overdracht", h["id"], h.get("status") or "")
            for h in dossier.handovers
        ]
        for fine in dossier.fines or []:
            items.append(
                TimelineItem(
                    fine.get("overtreding_op") or "", "boete", fine["id"], fine["overtreding"]
                )
            )
        undated = [i for i in items if not i.at]
        if undated:  # a draft decision, a handover not sent yet: when it was made
            made = self._made_at([(i.kind, i.record_id) for i in undated])
            items = [replace(i, at=made.get(i.record_id, "")) if not i.at else i for i in items]
        return sorted(items, key=lambda i: i.at, reverse=True)

    def _made_at(self, records: list[tuple[str, str]]) -> dict[str, str]:
        """When each record was made (its first change), by record id."""
        found: dict[str, str] = {}
        for entity, record_id in records:
            row = self.store.rows(
                "SELECT min(at) FROM change_log WHERE entity = ? AND record_id = ?",
                (entity, record_id),
            )
            if row and row[0][0]:
                found[record_id] = str(row[0][0])
        return found

    def history(self, entity: str, record_id: str) -> list[Any]:
        """Every change of one record of a dossier (the history of any field)."""
        self.session.require(Permission.VIEW_DOSSIER)
        if entity in ("boete", "boete_notitie"):
            self.session.require(Permission.VIEW_BOETE)
        return self.store.history(entity, record_id)

    def history_begins(self) -> str | None:
        """When this laptop caught up from a snapshot of the share (an ISO moment), if it did:
        the history of what the snapshot brought begins there on this laptop (the earlier
        changes are kept on the laptops that made them)."""
        return self.store.meta(HISTORY_FROM) or None

    # ------------------------------------------------------------------ writing
    def create(self, **values: Any) -> str:
        self.session.require(Permission.EDIT_RESIDENT)
        clean = validate_resident(values, today=self.store.clock.today())
        for name in ("bsn", "last_name", "birth_date", "gemeente"):
            required_text(name, clean.get(name))
        if self.store.find("inwoner", "bsn = ? AND coalesce(deleted, 0) = 0", (clean["bsn"],)):
            raise ValidationFailed(field=_("BSN"), problem=_("is already registered"))
        with self._write() as w:
            inwoner_id, _change = w.put("inwoner", None, clean)
        return inwoner_id

    def update(self, inwoner_id: str, **values: Any) -> Changes:
        self.session.require(Permission.EDIT_RESIDENT)
        self.store.require("inwoner", inwoner_id)
        clean = validate_resident(values, today=self.store.clock.today())
        with self._write() as w:
            w.put("inwoner", inwoner_id, clean)
        return w.changes

    def add_household_member(
        self, inwoner_id: str, name: str, relation: str, birth_date: str | None = None
    ) -> str:
        self.session.require(Permission.EDIT_RESIDENT)
        self.store.require("inwoner", inwoner_id)
        values = {
            "inwoner_id": inwoner_id,
            "name": required_text("name", name),
            "relation": required_text("relation", relation),
            "birth_date": parse_date(birth_date).isoformat() if birth_date else None,
        }
        with self._write() as w:
            member_id, _change = w.put("gezinslid", None, values)
        return member_id

    def write_note(
        self,
        inwoner_id: str,
        text: str,
        *,
        leefgebied: str | None = None,
        casus_id: str | None = None,
        huisbezoek_id: str | None = None,
    ) -> str:
        """Notes are a journal: appended, never edited (a correction is a new note)."""
        self.session.require(Permission.WRITE_NOTE)
        self.store.require("inwoner", inwoner_id)
        if leefgebied is not None and leefgebied not in LEEFGEBIEDEN:
            raise ValidationFailed(field=_("leefgebied"), problem=_("unknown"))
        with self._write() as w:
            note_id, _change = w.put(
                "notitie",
                None,
                {
                    "inwoner_id": inwoner_id,
                    "casus_id": casus_id,
                    "huisbezoek_id": huisbezoek_id,
                    "leefgebied": leefgebied,
                    "text": required_text("note", text),
                    "author_id": self.user_id,
                    "written_at": self._now(),
                },
            )
        return note_id

    # ------------------------------------------------------------------ import
    def _ids_by_bsn(self, bsns: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(bsns):
            marks = ", ".join("?" * len(chunk))
            for inwoner_id, bsn in self.store.rows(
                f"SELECT id, bsn FROM inwoner WHERE coalesce(deleted, 0) = 0 AND bsn IN ({marks})",
                chunk,
            ):
                out[bsn] = inwoner_id
        return out

    def import_csv(
        self,
        path: Path,
        *,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> ImportResult:
        """The caseload export of the municipal system. All or nothing: one bad row refuses
        the whole file, listing every bad row; a resident already present (same BSN) is
        updated in only the fields that really changed."""
        self.session.require(Permission.IMPORT_RESIDENTS)
        try:
            data = path.read_bytes()
        except OSError:
            raise FileUnreadable() from None
        rows = parse_import(data, today=self.store.clock.today())
        created = updated = unchanged = 0
        known = self._ids_by_bsn([values["bsn"] for values in rows])
        new_rows: list[dict[str, Any]] = []
        with self._write() as w:
            for done, values in enumerate(rows, start=1):
                if cancelled is not None and cancelled():
                    raise ImportCancelled()
                record_id = known.get(values["bsn"])
                if record_id is None:
                    new_rows.append(values)
                    created += 1
                elif w.put("inwoner", record_id, values)[1] is None:
                    unchanged += 1
                else:
                    updated += 1
                if len(new_rows) >= 500:
                    w.insert_many("inwoner", new_rows)
                    new_rows.clear()
                if progress is not None and (done % 200 == 0 or done == len(rows)):
                    progress(done, len(rows))
            w.insert_many("inwoner", new_rows)
            w.audit(Action.IMPORT, None, f"rows={len(rows)}")
        return ImportResult(created, updated, unchanged)


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([(1, _("the file is not UTF-8 text"))]) from None


def parse_import(data: bytes, *, today: dt.date) -> list[dict[str, Any]]:
    """Validate every row first; refuse the whole file with every bad line number."""
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused([(1, _("the file is empty"))]) from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in IMPORT_COLUMNS if c not in names]
    if missing:
        raise ImportRefused([(1, _("missing columns: {columns}", columns=", ".join(missing)))])
    index = {c: names.index(c) for c in IMPORT_COLUMNS}
    problems: list[tuple[int, str]] = []
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        raw = {
            IMPORT_COLUMNS[c]: (row[i].strip() if i < len(row) else "") for c, i in index.items()
        }
        empty = [c for c, f in IMPORT_COLUMNS.items() if not raw[f]]
        if empty:
            problems.append((line, _("missing field: {fields}", fields=", ".join(empty))))
            continue
        try:
            clean = validate_resident(raw, today=today)
        except ValidationFailed as exc:
            problems.append((line, exc.message()))
            continue
        if clean["bsn"] in seen:
            problems.append((line, _("same BSN as line {other}", other=seen[clean["bsn"]])))
            continue
        seen[clean["bsn"]] = line
        rows.append(clean)
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused([(1, _("the file holds no residents"))])
    return rows
