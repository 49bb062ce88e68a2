"""Search as you type: residents by name, BSN and address, and notes by their text.

All matching runs inside the encrypted database (FTS5 over external content, see schema v4).
User input never reaches FTS5 as syntax: it is cut into runs of letters and digits, and each
run is quoted (``"run"*``), so quotes, ``*``, ``NEAR``, ``AND``/``OR``, ``:`` and parentheses
are only ever text.

Speed (figures from ``benchmarks/store.py``, 20 000 residents and 200 000 notes): ranking
every match with bm25 costs 50-270 ms for common words, so notes are never ranked. FTS5 walks a
doclist backwards when asked for ``ORDER BY rowid DESC`` and stops at the ``LIMIT``;
``notitie.rid`` grows with insertion, so that yields the newest notes first, and a whole word
costs well under a millisecond however common it is. A prefix of four or more letters is the
dear part: FTS5 first merges the doclists of every word it starts (notitie_fts has a prefix
index for three letters only), up to about 15 ms for a prefix of the most common words.
Within one dossier, notes are matched in a small in-memory index of that dossier alone.

Typos in names ("brouwr", "jansn"): each word of four letters or more may be one edit away from
a name in the profile (two from eight letters; a swap of two neighbouring letters is one edit).
The distinct name words come from the FTS5 vocabulary (``fts5vocab`` in the connection's TEMP
schema, 10-25 ms at 20 000 residents) and are kept per connection with an index of their letter
pairs, until the FTS5 index's structure record says the names changed; the words found close
enough (about 1 ms, 4 ms with 20 000 different name words) are then matched exactly, like any
other word. Such residents follow the exact and prefix matches. Four digits are also the end of
a BSN, as the resident list shows it ("*****6782"), and a resident found through a note carries
the words around the match (``snippet``).

Nothing here logs: queries and results are personal data.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Literal

from werkplein.store.store import Store

MatchedIn = Literal["name", "similar_name", "bsn", "address", "note"]

BSN_LENGTH = 9
BSN_SHOWN = 4  # the list shows a BSN as "*****6782": four digits alone are its last four
MAX_TOKENS = 8  # a longer query only narrows further; cap the FTS expression
NOTE_PREFIX_MIN = 3  # notitie_fts has a prefix index for 3 characters only (schema v4)
NOTE_SCAN_MAX = 2000  # note matches looked at to fill resident hits: bounds the worst case
SNIPPET_TOKENS = 12
TYPO_TERMS_MAX = 24  # similar name words tried per query word, the closest first

_NAME_COLUMNS = "{first_names prefix last_name}"
# Letters and digits, with combining marks kept inside a word ("O\u0308zturk" is one word):
# unicode61 treats them as part of the token and drops them.
_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_DIGIT_SEPARATORS = re.compile(r"[\s.\-]+")
_POSTCODE = re.compile(r"(\d{4})\s*([A-Za-z]{1,2})")
_POSTCODE_TOKEN = re.compile(r"(\d{4})([A-Za-z]{1,2})")
_HOUSE_NUMBER = re.compile(r"\d{1,3}[^\W\d_]?")  # "12", "7a": not in inwoner_fts

# The per-dossier note index lives in this connection's in-memory temp schema (temp_store is
# MEMORY, see db.py), never in a file. It must tokenize exactly as notitie_fts (schema v4).
NOTE_TOKENIZER = "unicode61 remove_diacritics 2"
_ONE = "search_dossier_notes"
_ONE_STATE = "search_dossier_notes_state"

_RESIDENT_COLUMNS = (
    "i.id, i.bsn, i.first_names, i.prefix, i.last_name, i.birth_date, i.street, "
    "i.house_number, i.postcode, i.city, i.gemeente"
)
_RESIDENT_ORDER = "ORDER BY i.last_name COLLATE NOCASE, i.first_names COLLATE NOCASE, i.rid"


@dataclass(frozen=True)
class ResidentHit:
    """One resident in a result list. ``matched_in`` says why the resident is there."""

    id: str
    bsn: str
    name: str  # display name: first names, prefix (tussenvoegsel), last name
    birth_date: str
    address: str  # one line: street and number, postcode and city
    gemeente: str
    matched_in: MatchedIn
    snippet: str = ""  # for a note hit: the matching words of the newest matching note


@dataclass(frozen=True)
class NoteHit:
    """One note in a result list; ``snippet`` is the matching part of its text."""

    id: str
    inwoner_id: str
    written_at: str
    snippet: str


# ---------------------------------------------------------------------------- query parsing
def tokens(query: str) -> list[str]:
    """The words (runs of letters and digits) in ``query``, at most ``MAX_TOKENS``.

    Case and accents are left to the FTS5 tokenizer, which folds query and index alike
    (``str.casefold`` would turn "ß" into "ss" and no longer match)."""
    return _TOKEN.findall(query)[:MAX_TOKENS]


# Letters that unicode61 does not fold to a plain letter, frequent in Turkish and Polish
# names: "Yildiz" must find "Yıldız", "Michal" "Michał", and the other way round.
_UNFOLDED = {"ı": "i", "ł": "l", "ø": "o", "đ": "d"}
_TO_PLAIN = str.maketrans(_UNFOLDED)


def _spellings(token: str) -> list[str]:
    """``token`` without accents, and with each letter of ``_UNFOLDED`` swapped in for its
    plain letter: whole-word swaps only (all i's dotless or none), which covers how such names
    are written. The FTS5 tokenizer folds case and the other accents itself."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_TO_PLAIN)
    out = [plain, *(plain.replace(ascii_, special) for special, ascii_ in _UNFOLDED.items())]
    return list(dict.fromkeys(out))


def _quoted(text: str) -> str:
    # ``text`` holds only letters, digits and single spaces (see ``tokens``), never a quote.
    return f'"{text}"'


def _prefix_term(token: str) -> str:
    """A prefix term for one token. A postcode typed without its space ("1234ab") also finds
    postcodes stored with one, which the tokenizer splits in two."""
    pc = _POSTCODE_TOKEN.fullmatch(token)
    if pc:
        return f"({_quoted(pc[1] + ' ' + pc[2])}* OR {_quoted(token)}*)"
    spellings = _spellings(token)
    if len(spellings) == 1:
        return f"{_quoted(spellings[0])}*"
    return "(" + " OR ".join(f"{_quoted(t)}*" for t in spellings) + ")"


def _all_prefix(words: Sequence[str]) -> str:
    return " AND ".join(_prefix_term(t) for t in words)


def _note_expression(words: Sequence[str]) -> str:
    """Tokens of three or more characters match as prefixes (there is a prefix index for
    them); shorter ones as whole words, since a one- or two-letter prefix would merge the
    doclists of thousands of terms."""
    return " AND ".join(
        f"{_quoted(t)}*" if len(t) >= NOTE_PREFIX_MIN else _quoted(t) for t in words
    )


def _digits(query: str) -> str | None:
    """The digits of a query that is only digits (spaces, dots and dashes ignored)."""
    digits = _DIGIT_SEPARATORS.sub("", query.strip())
    if digits and digits.isascii() and digits.isdigit():
        return digits
    return None


# ---------------------------------------------------------------------------- residents
def search_residents(
    store: Store,
    query: str,
    *,
    gemeente: str | None = None,
    limit: int = 50,
    highlight: tuple[str, str] = ("", ""),
) -> list[ResidentHit]:
    """Residents matching ``query`` as typed so far, never deleted ones.

    - nine digits (spaces, dots, dashes ignored): the resident with exactly that BSN;
    - four digits: first the residents whose BSN ends in them (the list shows those four),
      then BSNs and postcodes starting with them;
    - other numbers of digits: BSNs and postcodes starting with them;
    - a postcode ("1234 AB", "1234ab"): residents at that postcode;
    - words: residents whose name words (or, after those, address words) start with every
      word of the query; when that gives fewer than ``limit``, residents whose names are a
      typo away from the words ("similar_name", see ``typo_distance``), and then residents
      whose notes contain the words, newest note first, with the matching words of that note
      in ``snippet`` (``highlight`` marks them).

    Name and address hits are sorted by last name.
    """
    if limit <= 0:
        return []
    digits = _digits(query)
    if digits is not None:
        if len(digits) == BSN_LENGTH:
            return _bsn_exact(store, digits, gemeente, limit)
        if len(digits) > BSN_LENGTH:
            return []
        found = _bsn_ending(store, digits, gemeente, limit) if len(digits) == BSN_SHOWN else []
        if len(found) < limit:
            found += _fts_residents(
                store,
                f"{{bsn postcode}} : {_quoted(digits)}*",
                gemeente,
                limit - len(found),
                exclude=tuple(h.id for h in found),
                digits=digits,
            )
        return found
    postcode = _POSTCODE.fullmatch(query.strip())
    if postcode:
        pc, letters = postcode[1], postcode[2]
        expression = f"{{postcode}} : ({_quoted(pc + ' ' + letters)}* OR {_quoted(pc + letters)}*)"
        return _fts_residents(store, expression, gemeente, limit)

    words = tokens(query)
    # A short number beside words is a house number ("Dorpsstraat 12"), matched on its column.
    house = [t for t in words if _HOUSE_NUMBER.fullmatch(t)]
    indexed = [t for t in words if not _HOUSE_NUMBER.fullmatch(t)]
    if not indexed:
        return []
    names = f"{_NAME_COLUMNS} : ({_all_prefix(indexed)})"
    hits = _fts_residents(store, names, gemeente, limit, matched_in="name", house=house)
    if len(hits) < limit:
        seen = tuple(h.id for h in hits)
        hits += _fts_residents(
            store, _all_prefix(indexed), gemeente, limit - len(hits), exclude=seen, house=house
        )
    if len(hits) < limit:
        hits += _typo_residents(store, indexed, gemeente, limit - len(hits), hits, house)
    if len(hits) < limit and any(len(t) >= NOTE_PREFIX_MIN for t in words):
        seen_ids = {h.id for h in hits}
        hits += _note_residents(store, words, gemeente, limit - len(hits), seen_ids, highlight)
    return hits


def _bsn_exact(store: Store, bsn: str, gemeente: str | None, limit: int) -> list[ResidentHit]:
    sql = (
        f"SELECT {_RESIDENT_COLUMNS} FROM inwoner i INDEXED BY inwoner_bsn "
        "WHERE i.bsn = ? AND coalesce(i.deleted, 0) = 0"
    )
    params: list[Any] = [bsn]
    if gemeente is not None:
        sql += " AND i.gemeente = ?"
        params.append(gemeente)
    sql += f" {_RESIDENT_ORDER} LIMIT ?"
    params.append(limit)
    return [_resident_hit(row, "bsn") for row in store.rows(sql, params)]


def _bsn_ending(store: Store, last: str, gemeente: str | None, limit: int) -> list[ResidentHit]:
    """Residents whose BSN ends in the four digits ``last``. There is no index on the end of
    a BSN: this walks the BSN index (about a millisecond at 20 000 residents)."""
    sql = (
        f"SELECT {_RESIDENT_COLUMNS} FROM inwoner i INDEXED BY inwoner_bsn "
        "WHERE substr(i.bsn, -4) = ? AND length(i.bsn) = ? AND coalesce(i.deleted, 0) = 0"
    )
    params: list[Any] = [last, BSN_LENGTH]
    if gemeente is not None:
        sql += " AND i.gemeente = ?"
        params.append(gemeente)
    sql += f" {_RESIDENT_ORDER} LIMIT ?"
    params.append(limit)
    return [_resident_hit(row, "bsn") for row in store.rows(sql, params)]


def _fts_residents(
    store: Store,
    expression: str,
    gemeente: str | None,
    limit: int,
    *,
    exclude: Sequence[str] = (),
    digits: str | None = None,
    matched_in: MatchedIn = "address",
    house: Sequence[str] = (),
) -> list[ResidentHit]:
    """Residents whose ``inwoner_fts`` entry matches ``expression``, by last name, whose
    house number starts with each of ``house``.

    ``digits`` set: a digit query; the hit is labelled "bsn" when its BSN starts with them.
    """
    sql = (
        f"SELECT {_RESIDENT_COLUMNS} FROM inwoner_fts "
        "CROSS JOIN inwoner i ON i.rid = inwoner_fts.rowid "
        "WHERE inwoner_fts MATCH ? AND coalesce(i.deleted, 0) = 0"
    )
    params: list[Any] = [expression]
    if gemeente is not None:
        sql += " AND i.gemeente = ?"
        params.append(gemeente)
    for number in house:
        sql += " AND i.house_number LIKE ?"
        params.append(f"{number}%")  # only letters and digits: nothing to escape
    if exclude:
        sql += f" AND i.id NOT IN ({', '.join('?' * len(exclude))})"
        params.extend(exclude)
    sql += f" {_RESIDENT_ORDER} LIMIT ?"
    params.append(limit)
    hits: list[ResidentHit] = []
    for row in store.rows(sql, params):
        label = matched_in
        if digits is not None:
            label = "bsn" if str(row[1] or "").startswith(digits) else "address"
        hits.append(_resident_hit(row, label))
    return hits


def _note_residents(
    store: Store,
    words: Sequence[str],
    gemeente: str | None,
    need: int,
    seen: set[str],
    highlight: tuple[str, str] = ("", ""),
) -> list[ResidentHit]:
    """Residents (not in ``seen``) with a note matching ``words``, newest note first, each
    with the snippet of that note.

    The match is walked newest first and left as soon as ``need`` residents are found, or
    after ``NOTE_SCAN_MAX`` notes: the cost never depends on how common the words are."""
    sql = (
        f"SELECT {_RESIDENT_COLUMNS}, {_snippet('notitie_fts')} FROM notitie_fts "
        "CROSS JOIN notitie n ON n.rid = notitie_fts.rowid "
        "CROSS JOIN inwoner i ON i.id = n.inwoner_id "
        "WHERE notitie_fts MATCH ? AND coalesce(i.deleted, 0) = 0"
    )
    params: list[Any] = [*highlight, _note_expression(words)]
    if gemeente is not None:
        sql += " AND i.gemeente = ?"
        params.append(gemeente)
    sql += " ORDER BY notitie_fts.rowid DESC LIMIT ?"
    params.append(NOTE_SCAN_MAX)
    hits: list[ResidentHit] = []
    found = set(seen)
    cursor = store.conn.execute(sql, params)
    try:
        for row in cursor:
            if row[0] in found:
                continue
            found.add(row[0])
            hits.append(_resident_hit(row[:-1], "note", snippet=row[-1] or ""))
            if len(hits) >= need:
                break
    finally:
        cursor.close()
    return hits


def _resident_hit(row: Sequence[Any], matched_in: MatchedIn, snippet: str = "") -> ResidentHit:
    (rid, bsn, first_names, prefix, last_name, birth_date, street, number, postcode, city,
     gemeente) = row  # fmt: skip
    return ResidentHit(
        id=rid,
        bsn=bsn or "",
        name=_join(" ", first_names, prefix, last_name),
        birth_date=birth_date or "",
        address=_join(", ", _join(" ", street, number), _join(" ", postcode, city)),
        gemeente=gemeente or "",
        matched_in=matched_in,
        snippet=snippet,
    )


def _join(sep: str, *parts: str | None) -> str:
    return sep.join(p.strip() for p in parts if p and p.strip())


# ---------------------------------------------------------------------------- typos
def typo_distance(word: str) -> int:
    """Edits tolerated in a word of this many letters: none up to three (too many names are
    one edit from "jan"), one up to seven, two from eight."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def _typo_residents(
    store: Store,
    words: Sequence[str],
    gemeente: str | None,
    need: int,
    found: Sequence[ResidentHit],
    house: Sequence[str],
) -> list[ResidentHit]:
    """Residents (not in ``found``) whose name words match every word of ``words``, each as
    typed (a prefix) or as a name word a typo away; one edit away before two."""
    if not any(typo_distance(w) for w in words):
        return []  # only short words: not even the name words are needed
    names = _name_terms(store)
    similar = [names.similar(_plain(w)) for w in words]
    distances = sorted({d for near in similar for d, _ in near})
    hits: list[ResidentHit] = []
    for most in distances:
        if len(hits) >= need:
            break
        parts = []
        for word, near in zip(words, similar, strict=True):
            terms = [_quoted(t) for d, spellings in near if d <= most for t in spellings]
            parts.append("(" + " OR ".join([_prefix_term(word), *terms]) + ")")
        seen = tuple(h.id for h in chain(found, hits))
        hits += _fts_residents(
            store,
            f"{_NAME_COLUMNS} : ({' AND '.join(parts)})",
            gemeente,
            need - len(hits),
            exclude=seen,
            matched_in="similar_name",
            house=house,
        )
    return hits


def _plain(word: str) -> str:
    """``word`` as compared for typos: lower case, no accents, ``_UNFOLDED`` letters plain."""
    if word.isascii():
        return word.lower()
    return _spellings(word)[0]


def _bigrams(word: str) -> list[str]:
    """The letter pairs of ``word`` with its start and end marked, each with its place
    (``"^b0"``, ``"br1"``, ... ``"r$6"``)."""
    padded = f"^{word}$"
    return [f"{padded[i : i + 2]}{i}" for i in range(len(padded) - 1)]


def _shifted(gram: str, by: int) -> str:
    return f"{gram[:2]}{int(gram[2:]) + by}"


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, or swap two neighbouring letters) from ``a`` to ``b``:
    the optimal string alignment distance, bit-parallel (Hyyrö 2003), one step per letter
    of ``b``."""
    if not a:
        return len(b)
    letters: dict[str, int] = {}
    for i, c in enumerate(a):
        letters[c] = letters.get(c, 0) | (1 << i)
    full = (1 << len(a)) - 1
    top = 1 << (len(a) - 1)
    vp, vn, d0, last = full, 0, 0, 0
    distance = len(a)
    for c in b:
        here = letters.get(c, 0)
        swap = (((~d0) & here) << 1) & last
        d0 = ((((here & vp) + vp) ^ vp) | here | vn | swap) & full
        hp = vn | ~(d0 | vp)
        hn = d0 & vp
        if hp & top:
            distance += 1
        elif hn & top:
            distance -= 1
        hp = ((hp << 1) | 1) & full
        hn = (hn << 1) & full
        vp = (hn | ~(d0 | hp)) & full
        vn = hp & d0
        last = here
    return distance


@dataclass
class _NameTerms:
    """The distinct name words of the profile (FTS5 terms of the name columns), compared
    as ``_plain`` spellings, with an index of their placed letter pairs to find the few
    within reach of a typo. A new name adds its words (``add``); when a word is gone (a
    rename, an erasure) the whole is read again, so no erased name stays in memory."""

    version: Any = None
    terms: set[str] = field(default_factory=set)  # as in the FTS5 index
    plain: list[str] = field(default_factory=list)  # each comparable spelling once
    spellings: list[tuple[str, ...]] = field(default_factory=list)  # its terms in the index
    at: dict[str, int] = field(default_factory=dict)  # plain spelling -> index in plain
    grams: dict[str, list[int]] = field(default_factory=dict)  # placed pair -> indexes

    def add(self, version: Any, terms: set[str]) -> None:
        """Now the words are ``terms``, which holds all of the words known so far."""
        for term in terms - self.terms:
            plain = _plain(term)
            known = self.at.get(plain)
            if known is not None:
                self.spellings[known] += (term,)
                continue
            position = self.at[plain] = len(self.plain)
            self.plain.append(plain)
            self.spellings.append((term,))
            for gram in _bigrams(plain):
                self.grams.setdefault(gram, []).append(position)
        self.terms = terms
        self.version = version

    def similar(self, word: str) -> list[tuple[int, tuple[str, ...]]]:
        """Name words a typo away from ``word`` (a ``_plain`` spelling) and not starting with
        it (its prefix finds those), as (edits, their spellings in the index), closest first.

        A word within ``most`` edits keeps all but at most ``3 * most`` of the other's letter
        pairs (a swap changes three), each moved by at most ``most`` places; only words that
        share that many pairs so placed are compared letter by letter."""
        most = typo_distance(word)
        if not most:
            return []
        grams = _bigrams(word)
        least = len(grams) - 3 * most  # at least 2: four letters have five pairs
        placed = [_shifted(g, by) for g in grams for by in range(-most, most + 1)]
        shared = Counter(chain.from_iterable(self.grams.get(g, ()) for g in placed))
        near: list[tuple[int, str, int]] = []
        for position, count in shared.items():
            if count < least:
                continue
            plain = self.plain[position]
            if abs(len(plain) - len(word)) > most or plain.startswith(word):
                continue
            edits = edit_distance(word, plain)
            if edits <= most:
                near.append((edits, plain, position))
        near.sort()
        return [(edits, self.spellings[position]) for edits, _, position in near[:TYPO_TERMS_MAX]]


# One per store (so per connection); a store is used by one thread at a time.
_NAMES: weakref.WeakKeyDictionary[Store, _NameTerms] = weakref.WeakKeyDictionary()
_NAME_VOCAB = "search_name_terms"


def forget_names(store: Store) -> None:
    """Drop the name words kept for ``store`` (after an erasure: no erased name stays in
    memory; a search session on another connection reads them again at its next typo search,
    when it sees the index changed)."""
    _NAMES.pop(store, None)


def _name_terms(store: Store) -> _NameTerms:
    """The name words of ``store``, read again only after the names changed.

    FTS5 rewrites its structure record (row 10 of ``inwoner_fts_data``) whenever it writes
    to the index, so an unchanged record means unchanged words; a new phone number or a
    note leaves it as it is. It is read before the words, so a write in between only
    causes one more read."""
    conn = store.conn
    row = conn.execute("SELECT block FROM inwoner_fts_data WHERE id = 10").fetchone()
    version = row[0] if row else None
    names = _NAMES.get(store)
    if names is not None and names.version == version:
        return names
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_NAME_VOCAB} "
        "USING fts5vocab(main, inwoner_fts, col)"
    )
    terms = {
        term
        for (term,) in conn.execute(
            f"SELECT DISTINCT term FROM temp.{_NAME_VOCAB} "
            "WHERE col IN ('first_names', 'prefix', 'last_name')"
        )
        if len(term) >= 2 and not term.isdigit() and '"' not in term
    }
    if names is None or not names.terms <= terms:
        names = _NAMES[store] = _NameTerms()
    names.add(version, terms)
    return names


# ---------------------------------------------------------------------------- notes
def search_notes(
    store: Store,
    query: str,
    *,
    inwoner_id: str | None = None,
    limit: int = 50,
    highlight: tuple[str, str] = ("", ""),
) -> list[NoteHit]:
    """Notes whose text contains every word of ``query`` (the longer words as prefixes),
    newest first; only of one resident when ``inwoner_id`` is given. Notes of deleted
    residents are left out. ``highlight`` marks the matched words in the snippet."""
    words = tokens(query)
    if not words or limit <= 0:
        return []
    if inwoner_id is None:
        # Walk the match newest first; the LIMIT stops it early.
        sql = (
            f"SELECT n.id, n.inwoner_id, n.written_at, {_snippet('notitie_fts')} FROM notitie_fts "
            "CROSS JOIN notitie n ON n.rid = notitie_fts.rowid "
            "CROSS JOIN inwoner i ON i.id = n.inwoner_id "
            "WHERE notitie_fts MATCH ? AND coalesce(i.deleted, 0) = 0 "
            "ORDER BY notitie_fts.rowid DESC LIMIT ?"
        )
        params: list[Any] = [*highlight, _note_expression(words), limit]
    else:
        # FTS5 cannot combine a prefix match with "only these rows" cheaply (each rowid probe
        # rebuilds the prefix's doclist), so match within a small index of just this dossier.
        if not _resident_notes_index(store, inwoner_id):
            return []
        sql = (
            f"SELECT n.id, n.inwoner_id, n.written_at, {_snippet(_ONE)} "
            f"FROM {_ONE} CROSS JOIN notitie n ON n.rid = {_ONE}.rowid "
            f"WHERE {_ONE} MATCH ? ORDER BY n.written_at DESC, n.rid DESC LIMIT ?"
        )
        params = [*highlight, _note_expression(words), limit]
    return [
        NoteHit(id=row[0], inwoner_id=row[1], written_at=row[2] or "", snippet=row[3] or "")
        for row in store.rows(sql, params)
    ]


def _snippet(table: str) -> str:
    """The matched part of the note text; the two ``?`` take the highlight marks."""
    return f"snippet({table}, 0, ?, ?, '…', {SNIPPET_TOKENS})"


def _resident_notes_index(store: Store, inwoner_id: str) -> bool:
    """Make ``temp.search_dossier_notes`` hold exactly the notes of ``inwoner_id``; False when
    the resident does not exist or is deleted.

    Notes are append-only, so (count, highest rid) identifies the set: typing in one dossier
    refills nothing, and a new note or another dossier refills it (a few ms per 100 notes).
    """
    conn = store.conn
    row = conn.execute(
        "SELECT coalesce(deleted, 0) FROM inwoner WHERE id = ?", (inwoner_id,)
    ).fetchone()
    if row is None or row[0]:
        return False
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_ONE} "
        f"USING fts5(text, tokenize='{NOTE_TOKENIZER}')"
    )
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS temp.{_ONE_STATE} (inwoner_id TEXT, n INTEGER, last INTEGER)"
    )
    count, last = conn.execute(
        "SELECT count(*), max(rid) FROM notitie INDEXED BY notitie_inwoner WHERE inwoner_id = ?",
        (inwoner_id,),
    ).fetchone()
    state = conn.execute(f"SELECT inwoner_id, n, last FROM temp.{_ONE_STATE}").fetchone()
    if state is not None and tuple(state) == (inwoner_id, count, last):
        return True
    # State first: if this is interrupted, the next search finds no state and refills.
    conn.execute(f"DELETE FROM temp.{_ONE_STATE}")
    conn.execute(f"DELETE FROM temp.{_ONE}")
    conn.execute(
        f"INSERT INTO temp.{_ONE} (rowid, text) "
        "SELECT rid, text FROM notitie INDEXED BY notitie_inwoner WHERE inwoner_id = ?",
        (inwoner_id,),
    )
    conn.execute(
        f"INSERT INTO temp.{_ONE_STATE} (inwoner_id, n, last) VALUES (?, ?, ?)",
        (inwoner_id, count, last),
    )
    return True
