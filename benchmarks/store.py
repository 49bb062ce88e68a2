"""Store benchmark: unlock, reopen, bulk insert and search, against raw SQLCipher in the same run.

    python benchmarks/store.py [--residents 20000] [--notes-per-resident 10] [--out results.json]

Builds, in a temporary folder, a profile of generated residents (fictional names) with about ten
notes each, through the real write path (``Store.write`` + ``Writer.put``: validation, change
log, HLC, audit), with the production KDF (256 000 PBKDF2 rounds). In the same run the same rows
go into plain ``sqlcipher3`` databases keyed with the passphrase, with the same tables, indexes,
FTS5 tables and triggers (the migrations' own statements) but no change log and no audit: once
with SQLCipher's default settings, once with the store's connection settings (WAL, 64 MiB page
cache), and, for information, once more with a change-log row per record. The loads take turns
batch by batch, so other work on the machine slows them alike. Unlock and searches as typed are
then timed in a fresh process, whose peak memory is what the app would use.

Targets: search p95 < 30 ms; inserts within 1.5x raw SQLCipher (64 MiB cache).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlcipher3

from werkplein.store import profile, schema
from werkplein.store.clock import process_clock, to_ms
from werkplein.store.db import PAGE_CACHE_KIB
from werkplein.store.ids import IdFactory
from werkplein.store.search import (
    edit_distance,
    search_notes,
    search_residents,
    tokens,
    typo_distance,
)
from werkplein.store.store import Store, Writer, canonical_json

PASSPHRASE = "benchmark passphrase, not a secret"
BATCH = 1000  # residents (with their notes) per transaction
QUERIES = 200
SEED = 20261123
TARGET_SEARCH_P95_MS = 30.0
TARGET_INSERT_RATIO = 1.5
APP_MARKS = ("\ue000", "\ue001")  # the residents page's highlight marks (ui/pages/residents.py)

# ---------------------------------------------------------------------------- fictional data
FIRST_A = [
    "Jo", "Ma", "Se", "Li", "Ka", "Te", "Ro", "Ni", "Da", "Fe", "He", "Wi", "Be", "Ev", "An",
    "Ir", "Yu", "Za", "Mé", "Ay", "Ib", "Nou", "Fle", "Bra", "Kee", "Lie", "Sjo", "Thi", "Gé",
    "Ös", "Ça",
]  # fmt: skip
FIRST_B = [
    "rik", "nne", "lle", "ra", "ke", "ntje", "rd", "mar", "sa", "mke", "no", "bert", "dy",
    "jn", "mi", "ssa", "ter", "len", "ek", "ran", "lin", "wout", "dan", "ze",
]  # fmt: skip
LAST_A = [
    "Brek", "Hoev", "Kral", "Dijkm", "Veld", "Smed", "Rozen", "Tuin", "Molen", "Bakk", "Sluis",
    "Oost", "Wester", "Zand", "Geer", "Lind", "Öztür", "Çel", "Yıl", "Amr", "Bouz", "Nguy",
    "Hendr", "Kwak", "Stee", "Plas", "Vree", "Haar", "Kuip", "Wijn", "Loo", "Bos", "Dek",
    "Ram", "Scheep", "Vos", "Gül", "Mees", "Pronk", "Strui",
]  # fmt: skip
LAST_B = [
    "ink", "stra", "man", "hof", "ens", "er", "ing", "ema", "kamp", "berg", "ga", "ickx", "k",
    "ri", "en", "oui", "sma", "ert", "dijk", "horst", "ling", "aart", "el", "es",
]  # fmt: skip
PREFIXES = ["van", "de", "van der", "van den", "ter", "in 't", "van de", "den"]
STREET_A = [
    "Dorps", "Kerk", "Molen", "School", "Linden", "Eiken", "Beuken", "Vlasakker", "Hoefslag",
    "Zonnebloem", "Reiger", "Merel", "Kievit", "Turfsteker", "Veenkade", "Boterbloem",
    "Hazelaar", "Wilgen", "Esdoorn", "Korenaar", "Spoor", "Haven", "Vaart", "Brink", "Lisdodde",
]  # fmt: skip
STREET_B = ["straat", "laan", "weg", "plein", "hof", "singel", "gracht", "dijk", "pad", "erf"]
CITY_A = ["Brek", "Oud", "Nieuw", "Wester", "Ooster", "Zuider", "Hoog", "Laag", "Groot", "Klein"]
CITY_B = ["dam", "veen", "hoven", "horst", "wolde", "buren", "dorp", "meer", "zijl", "loo"]
GEMEENTEN = ["Brekwolde", "Oostervenen", "Laagmeerland", "Zijlhoven"]

WHO = ["inwoner", "mevrouw", "meneer", "de partner", "de dochter", "de zoon", "de buurvrouw",
       "de mantelzorger", "de bewindvoerder", "de jobcoach"]  # fmt: skip
TOPICS = ["de uitkering", "het huurcontract", "de schulden", "de energierekening", "werk",
          "de zorgverzekering", "de kinderopvang", "vrijwilligerswerk", "de taalcursus",
          "de inkomstenopgave", "het re-integratietraject", "de woonsituatie"]  # fmt: skip
CONCERNS = ["de huur al twee maanden achterloopt", "er weer post van de deurwaarder is",
            "het werk bij de supermarkt goed bevalt", "de gezondheid achteruit gaat",
            "de kinderen slecht slapen", "er spanning is in het gezin",
            "zij graag een opleiding wil volgen", "hij zich eenzaam voelt",
            "de schuldhulpverlening nog niet gestart is",
            "de auto verkocht moet worden"]  # fmt: skip
OBSERVATIONS = ["de woning is netjes", "er staan veel dozen in de gang",
                "de verwarming doet het niet", "er is schimmel in de badkamer",
                "het contact verliep prettig", "inwoner was gespannen",
                "er was een tolk aanwezig", "de post lag ongeopend op tafel"]  # fmt: skip
PLACES = ["werkplein", "gemeentehuis", "wijkcentrum", "buurthuis", "servicepunt"]
AGENCIES = ["schuldhulpverlening", "het sociaal wijkteam", "de voedselbank",
            "het maatschappelijk werk", "de GGD", "het UWV", "de woningcorporatie",
            "de huisarts", "Vluchtelingenwerk", "de budgetcoach"]  # fmt: skip
ACTIONS = ["loonstroken opvragen", "bankafschriften controleren",
           "afspraak plannen met werkgever", "aanvraag bijzondere bijstand beoordelen",
           "beslagvrije voet laten herberekenen", "terugbelverzoek afhandelen",
           "participatieverklaring bespreken", "kostendelersnorm toetsen",
           "woonkostentoeslag onderzoeken", "loonkostensubsidie aanvragen"]  # fmt: skip
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]  # fmt: skip
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]
RARE_SYLLABLES = ["kwel", "der", "ha", "ver", "stru", "wel", "mos", "tik", "plo", "fen",
                  "zar", "gu", "lon", "bri", "ske", "dra"]  # fmt: skip
LEEFGEBIEDEN = ["wonen", "inkomen", "financien", "werk", "gezondheid", "gezin", "netwerk"]


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def _bsn(rng: random.Random, used: set[str]) -> str:
    while True:
        first = f"{rng.randrange(10_000_000, 100_000_000):08d}"
        partial = sum(int(d) * w for d, w in zip(first, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        last = partial % 11
        if last <= 9 and first + str(last) not in used:
            used.add(first + str(last))
            return first + str(last)


def make_rare_words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(RARE_SYLLABLES) for _ in range(rng.randint(3, 4))))
    return sorted(words)


def make_resident(rng: random.Random, used_bsn: set[str], cities: list[str]) -> dict[str, Any]:
    city = rng.choice(cities)
    return {
        "bsn": _bsn(rng, used_bsn),
        "first_names": rng.choice(FIRST_A) + rng.choice(FIRST_B),
        "prefix": rng.choice(PREFIXES) if rng.random() < 0.25 else None,
        "last_name": rng.choice(LAST_A) + rng.choice(LAST_B),
        "birth_date": f"{rng.randint(1940, 2006)}-{rng.randint(1, 12):02d}-"
        f"{rng.randint(1, 28):02d}",
        "street": rng.choice(STREET_A) + rng.choice(STREET_B),
        "house_number": str(rng.randint(1, 240))
        + (rng.choice("abc") if rng.random() < 0.1 else ""),
        "postcode": f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRTVWXZ')}"
        f"{rng.choice('ABCDEGHJKLMNPRTVWXZ')}",
        "city": city,
        "gemeente": rng.choice(GEMEENTEN),
        "phone": f"06-{rng.randint(10_000_000, 99_999_999)}",
        "contact_preference": rng.choice(["telefoon", "post", "email", "huisbezoek"]),
        "deleted": False,
    }


def make_note_text(rng: random.Random, rare: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(2, 5)):
        kind = rng.randrange(8)
        if kind == 0:
            s = f"Telefonisch contact gehad met {rng.choice(WHO)} over {rng.choice(TOPICS)}."
        elif kind == 1:
            s = f"Huisbezoek afgelegd; {rng.choice(OBSERVATIONS)}."
        elif kind == 2:
            s = f"{rng.choice(WHO).capitalize()} geeft aan dat {rng.choice(CONCERNS)}."
        elif kind == 3:
            s = (
                f"Afspraak gemaakt voor {rng.choice(DAYS)} {rng.randint(1, 28)} "
                f"{rng.choice(MONTHS)} om {rng.randint(9, 16)} uur op het {rng.choice(PLACES)}."
            )
        elif kind == 4:
            s = (
                f"Inkomsten over {rng.choice(MONTHS)} ontvangen, {rng.randint(20, 1900)} euro "
                "verrekend met de uitkering."
            )
        elif kind == 5:
            s = f"Doorverwezen naar {rng.choice(AGENCIES)} voor {rng.choice(TOPICS)}."
        elif kind == 6:
            s = f"Volgende stap: {rng.choice(ACTIONS)}."
        else:
            s = f"Besproken: {rng.choice(TOPICS)} en {rng.choice(TOPICS)}, {rng.choice(rare)}."
        sentences.append(s)
    if rng.random() < 0.15:
        sentences.append(f"Kenmerk {rng.choice(rare)} {rng.choice(rare)}.")
    return " ".join(sentences)


@dataclass
class Dataset:
    residents: list[dict[str, Any]]
    notes: list[list[dict[str, Any]]]  # per resident: fields except inwoner_id / author_id
    rare: list[str]

    @property
    def rows(self) -> int:
        return len(self.residents) + sum(len(n) for n in self.notes)


def make_dataset(residents: int, notes_per_resident: int, seed: int = SEED) -> Dataset:
    rng = random.Random(seed)
    rare = make_rare_words(rng, 3000)
    cities = sorted({rng.choice(CITY_A) + rng.choice(CITY_B) for _ in range(40)})
    used: set[str] = set()
    people = [make_resident(rng, used, cities) for _ in range(residents)]
    start = 1_700_000_000  # written_at grows with insertion order, as in real use
    step = max(1, 94_000_000 // max(1, residents * notes_per_resident))
    notes: list[list[dict[str, Any]]] = []
    n = 0
    for _ in people:
        mine = []
        for _ in range(max(0, notes_per_resident + rng.randint(-2, 2))):
            n += 1
            when = time.gmtime(start + n * step)
            mine.append(
                {
                    "leefgebied": rng.choice(LEEFGEBIEDEN),
                    "text": make_note_text(rng, rare),
                    "written_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", when),
                }
            )
        notes.append(mine)
    return Dataset(people, notes, rare)


# ---------------------------------------------------------------------------- measuring
def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": ms(statistics.median(ordered)),
        "p95_ms": ms(p95),
        "max_ms": ms(ordered[-1]),
        "n": len(ordered),
    }


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def time_queries(run: Callable[[str], Any], queries: Iterable[str]) -> dict[str, float]:
    samples = []
    for q in queries:
        t0 = time.perf_counter()
        run(q)
        samples.append(time.perf_counter() - t0)
    return percentiles(samples)


# ---------------------------------------------------------------------------- loaders
Batch = list[tuple[dict[str, Any], list[dict[str, Any]]]]  # residents with their notes


class OursLoader:
    """The real write path: ``store.write`` + ``Writer.put``, one transaction per batch."""

    def __init__(self, data_dir: Path, *, bulk: bool = False) -> None:
        self.data_dir = data_dir
        self.bulk = bulk
        self.store = Store.create(data_dir, PASSPHRASE)  # default: production KDF strength
        assert self.store.header.iterations == profile.DEFAULT_ITERATIONS
        with self.store.write(None) as w:
            self.user_id, _ = w.put("gebruiker", None, {"name": "Bench", "role": "klantmanager"})

    def load(self, batch: Batch) -> None:
        uid = self.user_id
        with self.store.write(uid) as w:
            if self.bulk:  # Writer.insert_many, when the store has it
                rids = w.insert_many("inwoner", [person for person, _ in batch])
                w.insert_many(
                    "notitie",
                    [
                        {**note, "inwoner_id": rid, "author_id": uid}
                        for rid, (_, notes) in zip(rids, batch, strict=True)
                        for note in notes
                    ],
                )
                return
            for person, notes in batch:
                rid, _ = w.put("inwoner", None, person)
                for note in notes:
                    w.put("notitie", None, {**note, "inwoner_id": rid, "author_id": uid})

    def close(self) -> None:
        self.store.close()


RAW_INWONER = [
    "bsn", "first_names", "prefix", "last_name", "birth_date", "street", "house_number",
    "postcode", "city", "gemeente", "phone", "contact_preference", "deleted",
]  # fmt: skip
RAW_NOTITIE = ["inwoner_id", "leefgebied", "text", "author_id", "written_at"]
RAW_LOG = (
    "INSERT INTO change_log (op_id, hlc, device_id, author_id, at, entity, record_id, kind, "
    "payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def raw_connect(path: Path, *, tuned: bool) -> Any:
    """Plain sqlcipher3 keyed with the passphrase (SQLCipher's own PBKDF2, 256 000 rounds)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {_sql_string(PASSPHRASE)}")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if tuned:  # the store's connection settings (db.connect)
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    return conn


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _raw_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


class RawLoader:
    """The same rows with ``executemany``: same tables, indexes, FTS5 tables and triggers (the
    migrations' own statements), no change log and no audit unless ``log`` is set, in which
    case it also writes one change-log row per record with the same JSON payload."""

    def __init__(self, path: Path, *, tuned: bool, log: bool = False) -> None:
        self.path = path
        self.log = log
        self.conn = raw_connect(path, tuned=tuned)
        self.settings = {
            "cache_size": int(self.conn.execute("PRAGMA cache_size").fetchone()[0]),
            "journal_mode": str(self.conn.execute("PRAGMA journal_mode").fetchone()[0]),
        }
        self.conn.execute("BEGIN")
        for migration in schema.MIGRATIONS:
            for statement in migration():
                self.conn.execute(statement)
        self.conn.execute("COMMIT")
        self.ids = IdFactory(lambda: to_ms(process_clock().now()))
        self.user_id = self.ids()
        self.hlc = 0
        self.conn.execute(
            "INSERT INTO gebruiker (id, name, role) VALUES (?, 'Bench', 'klantmanager')",
            (self.user_id,),
        )
        self.ins_inwoner = (
            f"INSERT INTO inwoner (id, {', '.join(RAW_INWONER)}) "
            f"VALUES ({', '.join('?' * (len(RAW_INWONER) + 1))})"
        )
        self.ins_notitie = (
            f"INSERT INTO notitie (id, {', '.join(RAW_NOTITIE)}) "
            f"VALUES ({', '.join('?' * (len(RAW_NOTITIE) + 1))})"
        )

    def _log_row(self, entity: str, record_id: str, values: dict[str, Any]) -> tuple[Any, ...]:
        self.hlc += 1
        payload = {k: [None, v] for k, v in values.items() if v is not None}
        return (
            self.ids(), f"{self.hlc:016x}", "bench", self.user_id, "2026-01-01T00:00:00.000Z",
            entity, record_id, "insert", canonical_json(payload),
        )  # fmt: skip

    def load(self, batch: Batch) -> None:
        people: list[tuple[Any, ...]] = []
        notes: list[tuple[Any, ...]] = []
        log: list[tuple[Any, ...]] = []
        uid = self.user_id
        for person, mine in batch:
            rid = self.ids()
            people.append((rid, *(_raw_value(person.get(c)) for c in RAW_INWONER)))
            if self.log:
                log.append(self._log_row("inwoner", rid, person))
            for note in mine:
                nid = self.ids()
                notes.append((nid, rid, note["leefgebied"], note["text"], uid, note["written_at"]))
                if self.log:
                    values = {**note, "inwoner_id": rid, "author_id": uid}
                    log.append(self._log_row("notitie", nid, values))
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.executemany(self.ins_inwoner, people)
        self.conn.executemany(self.ins_notitie, notes)
        if self.log:
            self.conn.executemany(RAW_LOG, log)
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def load_interleaved(loaders: dict[str, OursLoader | RawLoader], data: Dataset) -> dict[str, float]:
    """Load the same batches into every database, taking turns batch by batch (in a rotating
    order), so that other load on the machine hits all of them alike. Returns seconds each."""
    seconds = dict.fromkeys(loaders, 0.0)
    names = list(loaders)
    for number, start in enumerate(range(0, len(data.residents), BATCH)):
        batch = list(
            zip(
                data.residents[start : start + BATCH],
                data.notes[start : start + BATCH],
                strict=True,
            )
        )
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            t0 = time.perf_counter()
            loaders[name].load(batch)
            seconds[name] += time.perf_counter() - t0
    return seconds


# ---------------------------------------------------------------------------- queries
def _typed(word: str, rng: random.Random) -> str:
    """A word as typed so far: often 1-3 letters, sometimes more or all of it."""
    roll = rng.random()
    if roll < 0.45:
        return word[: rng.randint(1, 3)]
    if roll < 0.75:
        return word[: rng.randint(min(4, len(word)), len(word))]
    return word


def name_queries(data: Dataset, rng: random.Random) -> list[str]:
    out = []
    for _ in range(QUERIES):
        p = rng.choice(data.residents)
        last = p["last_name"] if rng.random() < 0.7 else _strip_accents(p["last_name"])
        roll = rng.random()
        if roll < 0.5:
            out.append(_typed(last, rng))
        elif roll < 0.8:
            out.append(f"{p['first_names']} {_typed(last, rng)}")
        elif roll < 0.9 and p["prefix"]:
            out.append(f"{p['prefix']} {_typed(last, rng)}")
        else:
            out.append(_typed(p["first_names"], rng).lower())
    return out


def bsn_queries(data: Dataset, rng: random.Random) -> list[str]:
    out = []
    for _ in range(QUERIES):
        bsn = rng.choice(data.residents)["bsn"]
        roll = rng.random()
        if roll < 0.4:
            out.append(bsn)
        elif roll < 0.5:
            out.append(f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}")
        elif roll < 0.6:
            out.append(f"{rng.randrange(10**8, 10**9)}")  # mostly nobody
        else:
            out.append(bsn[: rng.randint(2, 8)])
    return out


def address_queries(data: Dataset, rng: random.Random) -> list[str]:
    out = []
    for _ in range(QUERIES):
        p = rng.choice(data.residents)
        roll = rng.random()
        if roll < 0.35:
            out.append(_typed(p["street"], rng))
        elif roll < 0.55:
            out.append(f"{p['street']} {p['house_number']}")
        elif roll < 0.7:
            out.append(p["postcode"] if rng.random() < 0.5 else p["postcode"].replace(" ", ""))
        elif roll < 0.8:
            out.append(p["postcode"][: rng.randint(2, 4)])
        else:
            out.append(_typed(p["city"], rng))
    return out


COMMON_NOTE_WORDS = ["gesprek", "contact", "uitkering", "afspraak", "inwoner", "huur",
                     "schulden", "werk", "verrekend", "telefonisch", "besproken", "euro",
                     "huisbezoek", "gemeentehuis", "woning"]  # fmt: skip


def note_queries(data: Dataset, rng: random.Random) -> list[str]:
    out = []
    for _ in range(QUERIES):
        roll = rng.random()
        common = rng.choice(COMMON_NOTE_WORDS)
        rare = rng.choice(data.rare)
        if roll < 0.25:
            out.append(common)
        elif roll < 0.45:
            out.append(rare)
        elif roll < 0.65:
            out.append(f"{common} {rare}")
        elif roll < 0.8:
            out.append(f"{rng.choice(COMMON_NOTE_WORDS)} {common[: rng.randint(3, len(common))]}")
        elif roll < 0.9:
            out.append(_typed(common, rng))
        else:
            out.append(f"{rare[: rng.randint(3, 6)]}")
    return out


TYPOS_AS_IN_THE_ISSUE = ["brouwr", "jansn", "brouwerr", "de vris", "bakkr"]


def _typo(word: str, rng: random.Random) -> str:
    """``word`` with one typo (two, sometimes, from eight letters): a letter left out, one too
    many, a wrong one, or two neighbours swapped. Never shorter than four letters."""
    for _ in range(2 if len(word) >= 8 and rng.random() < 0.3 else 1):
        i = rng.randrange(len(word) - 1)
        kind = rng.randrange(4) if len(word) > 4 else rng.randrange(1, 4)
        if kind == 0:
            word = word[:i] + word[i + 1 :]
        elif kind == 1:
            word = word[:i] + rng.choice("aeiourstn") + word[i:]
        elif kind == 2:
            word = word[:i] + rng.choice("aeiourstn") + word[i + 1 :]
        else:
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


def typo_queries(data: Dataset, rng: random.Random) -> list[str]:
    """Names with a typo, whole: the last name alone, after the first names, or the first
    names misspelt; and a few from the issue ("brouwr", "jansn"), which find nobody here."""
    out = []
    for _ in range(QUERIES):
        p = rng.choice(data.residents)
        last = p["last_name"] if rng.random() < 0.7 else _strip_accents(p["last_name"])
        roll = rng.random()
        if roll < 0.1:
            out.append(rng.choice(TYPOS_AS_IN_THE_ISSUE))
        elif roll < 0.6:
            out.append(_typo(last, rng))
        elif roll < 0.85:
            out.append(f"{p['first_names']} {_typo(last, rng)}")
        else:
            out.append(f"{_typo(p['first_names'], rng)} {last}")
    return out


def bsn_last_four_queries(data: Dataset, rng: random.Random) -> list[str]:
    """The last four digits of a BSN, as the resident list shows them ("*****6782")."""
    return [rng.choice(data.residents)["bsn"][-4:] for _ in range(QUERIES)]


# ---------------------------------------------------------------------------- the run
def _rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _own_peak_mib() -> float:
    """This process's own peak RSS. Linux keeps ru_maxrss across fork and exec, so a child
    would report its parent's peak; VmHWM belongs to this process image alone."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return _rss_mib()


def run(residents: int, notes_per_resident: int) -> dict[str, Any]:
    os.environ.pop(profile.TEST_KDF_ENV, None)  # never the cheap test KDF here
    probe = sqlcipher3.connect(":memory:")
    versions = {
        "sqlcipher": probe.execute("PRAGMA cipher_version").fetchone()[0],
        "sqlite": probe.execute("SELECT sqlite_version()").fetchone()[0],
    }
    probe.close()
    data = make_dataset(residents, notes_per_resident)
    rng = random.Random(SEED + 1)
    result: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            **versions,
        },
        "residents": len(data.residents),
        "notes": data.rows - len(data.residents),
        "rows": data.rows,
    }
    with tempfile.TemporaryDirectory(prefix="werkplein-bench-") as tmp:
        root = Path(tmp)

        # Inserts: ours and the raw baselines, the same batches in turn.
        loaders: dict[str, OursLoader | RawLoader] = {
            "ours": OursLoader(root / "ours"),
            "raw_default": RawLoader(root / "raw-default.db", tuned=False),
            "raw_64mib": RawLoader(root / "raw-64mib.db", tuned=True),
            "raw_64mib_with_log": RawLoader(root / "raw-64mib-log.db", tuned=True, log=True),
        }
        if hasattr(Writer, "insert_many"):
            loaders["ours_insert_many"] = OursLoader(root / "ours-bulk", bulk=True)
        seconds = load_interleaved(loaders, data)
        insert: dict[str, Any] = {"batch_residents": BATCH, "rows": data.rows}
        for name, loader in loaders.items():
            insert[name] = {
                "seconds": round(seconds[name], 2),
                "rows_per_s": round(data.rows / seconds[name]),
            }
            if isinstance(loader, RawLoader):
                insert[name] |= loader.settings
            loader.close()
        for raw in ("raw_default", "raw_64mib", "raw_64mib_with_log"):
            for ours in ("ours", "ours_insert_many"):
                if ours in seconds:
                    insert[f"ratio_{ours}_vs_{raw}"] = round(seconds[ours] / seconds[raw], 2)
        result["insert"] = insert

        # Unlock and search in a fresh process: its memory is what the app would use.
        queries = {
            "name": name_queries(data, rng),
            "bsn": bsn_queries(data, rng),
            "address": address_queries(data, rng),
            "notes": note_queries(data, rng),
            "typo": typo_queries(data, rng),
            "bsn_last_four": bsn_last_four_queries(data, rng),
        }
        (root / "queries.json").write_text(json.dumps(queries), encoding="utf-8")
        child = subprocess.run(
            [sys.executable, __file__, "--measure-child", str(root)],
            capture_output=True,
            text=True,
            check=True,
        )
        result |= json.loads(child.stdout)
        result["db_size_mib"] = {
            p.name: round(p.stat().st_size / 2**20, 1) for p in sorted(root.rglob("*.db"))
        }
    result["peak_rss_mib"]["benchmark_process"] = _rss_mib()
    ours_p95 = {k: v["p95_ms"] for k, v in result["search"].items() if not k.startswith("raw")}
    ratio = result["insert"]["ratio_ours_vs_raw_64mib"]
    result["targets"] = {
        "search_p95_ms": {
            "target": TARGET_SEARCH_P95_MS,
            "worst": max(ours_p95.values()),
            "met": max(ours_p95.values()) < TARGET_SEARCH_P95_MS,
        },
        "insert_ratio_vs_raw_64mib": {
            "target": TARGET_INSERT_RATIO,
            "ratio": ratio,
            "met": ratio <= TARGET_INSERT_RATIO,
        },
    }
    return result


def measure(root: Path) -> dict[str, Any]:
    """Unlock, reopen and search the built profile (the child process of ``run``)."""
    rng = random.Random(SEED + 2)
    queries: dict[str, list[str]] = json.loads((root / "queries.json").read_text("utf-8"))
    ours_unlock = []
    for _ in range(3):
        t0 = time.perf_counter()
        Store.open(root / "ours", PASSPHRASE).close()
        ours_unlock.append(time.perf_counter() - t0)
    raw_unlock = [
        timed(lambda: raw_connect(root / "raw-64mib.db", tuned=False).close()) for _ in range(3)
    ]
    raw_conn = raw_connect(root / "raw-64mib.db", tuned=False)
    raw_kdf = int(raw_conn.execute("PRAGMA kdf_iter").fetchone()[0])
    raw_conn.close()

    store = Store.open(root / "ours", PASSPHRASE)
    header, key = profile.unlock(root / "ours", PASSPHRASE)
    reopen = []
    for _ in range(20):
        t0 = time.perf_counter()
        other = store.reopen()
        reopen.append(time.perf_counter() - t0)
        other.close()

    def raw_key_open() -> None:
        conn = sqlcipher3.connect(str(root / "ours" / header.database))
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()

    raw_reopen = [timed(raw_key_open) for _ in range(20)]
    opened = {
        "kdf_iterations_ours": header.iterations,
        "kdf_iterations_raw": raw_kdf,
        "unlock_ours_ms": [ms(x) for x in ours_unlock],
        "unlock_raw_ms": [ms(x) for x in raw_unlock],
        "reopen_ours_median_ms": ms(statistics.median(reopen)),
        "reopen_raw_key_median_ms": ms(statistics.median(raw_reopen)),
    }

    # Searches, on the freshly unlocked store (cold page cache at first).
    nq, bq, aq, tq = (queries[k] for k in ("name", "bsn", "address", "notes"))
    yq, lq = queries["typo"], queries["bsn_last_four"]
    all_ids = [row[0] for row in store.rows("SELECT id FROM inwoner")]
    one = all_ids[len(all_ids) // 2]
    search = {
        "name": time_queries(lambda q: search_residents(store, q), nq),
        "bsn": time_queries(lambda q: search_residents(store, q), bq),
        "address": time_queries(lambda q: search_residents(store, q), aq),
        "notes": time_queries(lambda q: search_notes(store, q), tq),
        "residents_by_note_words": time_queries(lambda q: search_residents(store, q), tq),
        "name_in_gemeente": time_queries(
            lambda q: search_residents(store, q, gemeente=GEMEENTEN[0]), nq
        ),
        "name_with_typo": time_queries(lambda q: search_residents(store, q), yq),
        "name_with_typo_in_gemeente": time_queries(
            lambda q: search_residents(store, q, gemeente=GEMEENTEN[0]), yq
        ),
        "bsn_last_four": time_queries(lambda q: search_residents(store, q), lq),
        # as the residents page asks: up to 201 residents, note snippets marked
        "app_name": time_queries(lambda q: search_residents(store, q, limit=201), nq),
        "app_name_with_typo": time_queries(lambda q: search_residents(store, q, limit=201), yq),
        "app_residents_by_note_words": time_queries(
            lambda q: search_residents(store, q, limit=201, highlight=APP_MARKS), tq
        ),
        "notes_in_one_dossier": time_queries(lambda q: search_notes(store, q, inwoner_id=one), tq),
        "notes_in_one_dossier_each_query_another": time_queries(
            lambda q: search_notes(store, q, inwoner_id=rng.choice(all_ids)), tq
        ),
    }
    store.close()
    app_rss = _own_peak_mib()

    # Raw baseline for note search: plain MATCH ranked by bm25 over every match.
    raw = raw_connect(root / "raw-64mib.db", tuned=True)

    def raw_bm25(q: str) -> None:
        words = tokens(q)
        if words:
            raw.execute(
                "SELECT rowid FROM notitie_fts WHERE notitie_fts MATCH ? ORDER BY rank LIMIT 50",
                (" AND ".join(f'"{w}"*' for w in words),),
            ).fetchall()

    search["raw_notes_bm25_over_all_matches"] = time_queries(raw_bm25, tq)

    # Raw baseline for typos: every resident's name words compared with each query word in
    # SQL (a Python function per row), as without a vocabulary; 20 queries, it is slow.
    def near(names: str | None, query: str) -> int:
        have = tokens(_strip_accents(names or "").lower())
        return int(
            all(
                any(n.startswith(w) or edit_distance(w, n) <= typo_distance(w) for n in have)
                for w in tokens(_strip_accents(query).lower())
            )
        )

    raw.create_function("near", 2, near, deterministic=True)

    def raw_typo(q: str) -> None:
        raw.execute(
            "SELECT rowid FROM inwoner WHERE coalesce(deleted, 0) = 0 AND "
            "near(first_names || ' ' || coalesce(prefix, '') || ' ' || last_name, ?) "
            "ORDER BY last_name LIMIT 50",
            (q,),
        ).fetchall()

    search["raw_typo_scan_every_name_20_queries"] = time_queries(raw_typo, yq[:20])
    raw.close()
    return {"open": opened, "search": search, "peak_rss_mib": {"unlock_and_search": app_rss}}


def table(result: dict[str, Any]) -> str:
    ins = result["insert"]
    op = result["open"]
    m = result["machine"]
    labels = {
        "ours": "ours: store.write + Writer.put",
        "ours_insert_many": "ours: store.write + Writer.insert_many",
        "raw_default": "raw sqlcipher3, default settings",
        "raw_64mib": "raw sqlcipher3, WAL + 64 MiB cache",
        "raw_64mib_with_log": "raw, 64 MiB, + change-log rows (info)",
    }
    lines = [
        f"Werkplein store benchmark: {result['residents']} residents, {result['notes']} notes "
        f"(SQLCipher {m['sqlcipher']}, SQLite {m['sqlite']}, {m['cpus']} CPUs)",
        "",
        f"{'insert, 1 transaction per 1000 residents':42} {'rows/s':>8} {'seconds':>8}",
    ]
    for name, label in labels.items():
        if name in ins:
            lines.append(f"  {label:40} {ins[name]['rows_per_s']:>8} {ins[name]['seconds']:>8}")
    for key, value in ins.items():
        if key.startswith("ratio_"):
            lines.append(f"  {key[6:].replace('_vs_', ' / '):40} {value:>7}x")
    lines += [
        f"  target: ours / raw_64mib <= {TARGET_INSERT_RATIO}x",
        "",
        f"unlock with the passphrase ({op['kdf_iterations_ours']} / {op['kdf_iterations_raw']} "
        f"PBKDF2 rounds): ours {op['unlock_ours_ms']} ms, raw {op['unlock_raw_ms']} ms",
        f"second connection with the raw key (median of 20): ours "
        f"{op['reopen_ours_median_ms']} ms, raw {op['reopen_raw_key_median_ms']} ms",
        "",
        f"{'search, 200 queries as typed':42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}",
    ]
    for name, s in result["search"].items():
        lines.append(f"  {name:40} {s['p50_ms']:>8} {s['p95_ms']:>8} {s['max_ms']:>8}")
    t = result["targets"]
    lines += [
        f"  target: p95 < {TARGET_SEARCH_P95_MS} ms (the raw lines are naive baselines)",
        "",
        f"database files (MiB): {result['db_size_mib']}",
        f"peak memory (MiB): unlock + all searches in a fresh process (VmHWM) "
        f"{result['peak_rss_mib']['unlock_and_search']}; benchmark process, generated data and "
        f"all loaders (ru_maxrss) {result['peak_rss_mib']['benchmark_process']}",
        f"targets: search p95 {'met' if t['search_p95_ms']['met'] else 'MISSED'} "
        f"(worst {t['search_p95_ms']['worst']} ms); inserts "
        f"{'met' if t['insert_ratio_vs_raw_64mib']['met'] else 'MISSED'} "
        f"({t['insert_ratio_vs_raw_64mib']['ratio']}x raw)",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--notes-per-resident", type=int, default=10)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--measure-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_child:
        print(json.dumps(measure(args.measure_child)))
        return 0
    result = run(args.residents, args.notes_per_resident)
    print(table(result))
    print()
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
