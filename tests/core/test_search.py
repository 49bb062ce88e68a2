"""Search as you type, on a real encrypted profile: residents by name, BSN, address and notes."""

from __future__ import annotations

import datetime as dt
import logging
import random
from typing import Any

import pytest

from tests.conftest import TEST_NOW
from werkplein.domain import bsn as bsn_rules
from werkplein.services.session import Session
from werkplein.store import search as search_module
from werkplein.store.clock import iso
from werkplein.store.search import (
    NOTE_TOKENIZER,
    NoteHit,
    ResidentHit,
    edit_distance,
    search_notes,
    search_residents,
    typo_distance,
)
from werkplein.store.store import Store

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def valid_bsn(start: int) -> str:
    """The first elfproef-valid BSN from the eight digits ``start`` upwards."""
    while True:
        first = f"{start:08d}"
        rest = sum(int(d) * w for d, w in zip(first, WEIGHTS, strict=True)) % 11
        if rest <= 9:
            return first + str(rest)
        start += 1


def at(day: int) -> str:
    """When a note was written: on ``day`` (1-31) of the month before the run, oldest first."""
    return iso(TEST_NOW - dt.timedelta(days=32 - day))


def ending_in(last: str, start: int = 50000) -> str:
    """The first elfproef-valid BSN ending in the four digits ``last``."""
    while not bsn_rules.is_valid(f"{start:05d}{last}"):
        start += 1
    return f"{start:05d}{last}"


BSN_A = valid_bsn(12345670)
BSN_B = valid_bsn(int(BSN_A[:8]) + 1)
BSN_C = valid_bsn(98765430)


class Data:
    """Writes residents and notes through the real write path."""

    def __init__(self, session: Session) -> None:
        self.store: Store = session.store
        self.user = session.user.id
        self._n = 0

    def resident(self, last_name: str, **fields: Any) -> str:
        self._n += 1
        values: dict[str, Any] = {
            "bsn": valid_bsn(31000000 + self._n * 17) if "bsn" not in fields else fields.pop("bsn"),
            "first_names": "Sam",
            "last_name": last_name,
            "birth_date": "1980-01-01",
            "street": "Lindelaan",
            "house_number": "1",
            "postcode": "9999 ZZ",
            "city": "Brekwolde",
            "gemeente": "Brekwolde",
        }
        values.update(fields)
        with self.store.write(self.user) as w:
            record_id, _ = w.put("inwoner", None, values)
        return record_id

    def note(self, inwoner_id: str, text: str, written_at: str | None = None) -> str:
        written_at = written_at or at(5)
        with self.store.write(self.user) as w:
            note_id, _ = w.put(
                "notitie",
                None,
                {
                    "inwoner_id": inwoner_id,
                    "text": text,
                    "author_id": self.user,
                    "written_at": written_at,
                },
            )
        return note_id

    def rename(self, inwoner_id: str, last_name: str) -> None:
        with self.store.write(self.user) as w:
            w.put("inwoner", inwoner_id, {"last_name": last_name})

    def delete(self, inwoner_id: str) -> None:
        with self.store.write(self.user) as w:
            w.delete("inwoner", inwoner_id)


@pytest.fixture
def data(session: Session) -> Data:
    return Data(session)


def ids(hits: list[ResidentHit] | list[NoteHit]) -> list[str]:
    return [h.id for h in hits]


# ---------------------------------------------------------------------------- names
def test_name_prefix_as_typed(data: Data) -> None:
    jansen = data.resident("Jansen", first_names="Pieter")
    data.resident("Bakker", first_names="Anna")
    for typed in ("j", "Ja", "jans", "JANSEN", "pie", "pieter jan"):
        hits = search_residents(data.store, typed)
        assert ids(hits) == [jansen], typed
        assert hits[0].matched_in == "name"
    assert search_residents(data.store, "jansenxyz") == []  # three edits from "jansen"
    assert search_residents(data.store, "pieter bak") == []


def test_hit_carries_display_fields(data: Data) -> None:
    rid = data.resident(
        "Berg",
        first_names="Eva Maria",
        prefix="van den",
        bsn=BSN_A,
        birth_date="1975-03-14",
        street="Kerkstraat",
        house_number="12a",
        postcode="1234 AB",
        city="Oosterveen",
        gemeente="Laagmeer",
    )
    assert search_residents(data.store, "berg") == [
        ResidentHit(
            id=rid,
            bsn=BSN_A,
            name="Eva Maria van den Berg",
            birth_date="1975-03-14",
            address="Kerkstraat 12a, 1234 AB Oosterveen",
            gemeente="Laagmeer",
            matched_in="name",
        )
    ]


def test_accents_and_case_are_ignored(data: Data) -> None:
    ozturk = data.resident("Öztürk", first_names="Ayşe")
    hendrickx = data.resident("Hendrickx")
    celik = data.resident("Çelik")
    assert ids(search_residents(data.store, "Ozturk")) == [ozturk]
    assert ids(search_residents(data.store, "öztürk")) == [ozturk]
    assert ids(search_residents(data.store, "O\u0308ztu\u0308rk")) == [ozturk]  # decomposed
    assert ids(search_residents(data.store, "ayse oz")) == [ozturk]
    assert ids(search_residents(data.store, "hendrickx")) == [hendrickx]
    assert ids(search_residents(data.store, "celik")) == [celik]


def test_letters_the_tokenizer_does_not_fold(data: Data) -> None:
    yildiz = data.resident("Yıldız", first_names="Emre")
    michal = data.resident("Kowalski", first_names="Michał")
    strasse = data.resident("Groß")
    assert ids(search_residents(data.store, "Yildiz")) == [yildiz]
    assert ids(search_residents(data.store, "yıl")) == [yildiz]
    assert ids(search_residents(data.store, "emre yil")) == [yildiz]
    assert ids(search_residents(data.store, "michal kow")) == [michal]
    assert ids(search_residents(data.store, "MICHAŁ")) == [michal]
    assert ids(search_residents(data.store, "groß")) == [strasse]
    plain = data.resident("Yildiz", first_names="Ali")
    assert sorted(ids(search_residents(data.store, "Yıldız"))) == sorted([yildiz, plain])


def test_name_hits_sorted_by_last_name(data: Data) -> None:
    c = data.resident("Mulder", first_names="Kees")
    a = data.resident("Kramer", first_names="Kim")
    b = data.resident("Kok", first_names="Karel")
    assert ids(search_residents(data.store, "k")) == [b, a, c]


def test_limit(data: Data) -> None:
    for i in range(5):
        data.resident(f"Visser{i}")
    assert len(search_residents(data.store, "vis", limit=3)) == 3
    assert search_residents(data.store, "vis", limit=0) == []


# ---------------------------------------------------------------------------- BSN
@pytest.mark.parametrize("typed", [BSN_A, f"{BSN_A[:4]}.{BSN_A[4:6]}.{BSN_A[6:]}", f" {BSN_A} "])
def test_bsn_exact(data: Data, typed: str) -> None:
    a = data.resident("Smit", bsn=BSN_A)
    data.resident("Smid", bsn=BSN_B)  # same first eight digits but one
    hits = search_residents(data.store, typed)
    assert ids(hits) == [a]
    assert hits[0].matched_in == "bsn"


def test_full_bsn_uses_the_bsn_index_not_full_text(data: Data) -> None:
    a = data.resident("Smit", bsn=BSN_A)
    statements: list[str] = []
    data.store.conn.set_trace_callback(statements.append)
    try:
        assert ids(search_residents(data.store, BSN_A)) == [a]
    finally:
        data.store.conn.set_trace_callback(None)
    assert any("INDEXED BY inwoner_bsn" in sql for sql in statements)
    assert not any("inwoner_fts" in sql for sql in statements)


def test_bsn_unknown_or_too_long(data: Data) -> None:
    data.resident("Smit", bsn=BSN_A)
    assert search_residents(data.store, BSN_C) == []
    assert search_residents(data.store, BSN_A + "1") == []


def test_partial_bsn_matches_by_prefix(data: Data) -> None:
    a = data.resident("Smit", bsn=BSN_A)
    b = data.resident("Smid", bsn=BSN_B)
    data.resident("Vos", bsn=BSN_C)
    hits = search_residents(data.store, "1234 56")
    assert sorted(ids(hits)) == sorted([a, b])
    assert {h.matched_in for h in hits} == {"bsn"}
    assert ids(search_residents(data.store, BSN_A[:8])) == [a]
    assert search_residents(data.store, "5") == []


def test_the_last_four_digits_shown_in_the_list_find_the_resident(data: Data) -> None:
    a = data.resident("Smit", bsn=BSN_A)
    data.resident("Smid", bsn=BSN_B)
    shown = bsn_rules.mask(BSN_A).lstrip("*")  # what the resident list shows
    assert shown == BSN_A[-4:]
    hits = search_residents(data.store, shown)
    assert matches(hits) == [(a, "bsn")]
    assert search_residents(data.store, BSN_A[-3:]) == []  # three digits: a prefix only
    assert search_residents(data.store, BSN_A[-5:]) == []  # five digits: a prefix only
    assert search_residents(data.store, shown, gemeente="Laagmeer") == []


def test_four_digits_find_the_bsn_ending_first_then_prefixes(data: Data) -> None:
    last = BSN_C[-4:]
    ending = data.resident("Vos", bsn=BSN_C)
    postcode = data.resident("Aalders", postcode=f"{last} AB")
    starting = data.resident("Bakker", bsn=valid_bsn(int(last + "0000")))
    gone = data.resident("Zwart", bsn=ending_in(last))
    assert matches(search_residents(data.store, last)) == [
        (ending, "bsn"),  # BSNs ending in the digits, by last name
        (gone, "bsn"),
        (postcode, "address"),  # then postcodes and BSNs starting with them
        (starting, "bsn"),
    ]
    data.delete(gone)
    assert ids(search_residents(data.store, last)) == [ending, postcode, starting]
    assert ids(search_residents(data.store, last, limit=1)) == [ending]


# ---------------------------------------------------------------------------- address
def test_postcode(data: Data) -> None:
    spaced = data.resident("Dekker", postcode="1234 AB")
    unspaced = data.resident("Dijkstra", postcode="1234AB")
    data.resident("Meijer", postcode="1234 AC")
    for typed in ("1234 AB", "1234ab", "1234 a"):
        hits = search_residents(data.store, typed)
        assert {*ids(hits)} >= {spaced}, typed
        assert {h.matched_in for h in hits} == {"address"}
    assert sorted(ids(search_residents(data.store, "1234 AB"))) == sorted([spaced, unspaced])
    assert ids(search_residents(data.store, "dekker 1234ab")) == [spaced]
    assert ids(search_residents(data.store, "dijkstra 1234ab")) == [unspaced]
    assert len(search_residents(data.store, "1234")) == 3  # all digits: postcode prefix


def test_street_city_and_house_number(data: Data) -> None:
    twelve = data.resident("Bos", street="Dorpsstraat", house_number="12")
    three = data.resident("Vos", street="Dorpsstraat", house_number="3")
    data.resident("Mos", street="Kerkweg", house_number="12", city="Zuiderdam")
    hits = search_residents(data.store, "dorpsstr")
    assert sorted(ids(hits)) == sorted([twelve, three])
    assert {h.matched_in for h in hits} == {"address"}
    assert ids(search_residents(data.store, "Dorpsstraat 12")) == [twelve]
    assert ids(search_residents(data.store, "dorpsstraat 3")) == [three]
    assert len(search_residents(data.store, "zuiderd")) == 1


def test_name_hits_come_before_address_hits(data: Data) -> None:
    street = data.resident("Aalders", street="Kampweg")
    name = data.resident("Kamphuis", street="Lindelaan")
    hits = search_residents(data.store, "kamp")
    assert [(h.id, h.matched_in) for h in hits] == [(name, "name"), (street, "address")]


# ---------------------------------------------------------------------------- notes
def test_residents_found_through_their_notes(data: Data) -> None:
    old = data.resident("Prins")
    new = data.resident("Koster")
    name = data.resident("Schuldink")
    data.note(old, "Aangemeld bij schuldhulpverlening.", at(1))
    data.note(new, "Schuldhulpverlening gestart, eerste gesprek gepland.", at(20))
    data.note(new, "Nog een notitie over schuldhulpverlening.", at(21))
    hits = search_residents(data.store, "schuld")
    assert [(h.id, h.matched_in) for h in hits] == [
        (name, "name"),
        (new, "note"),  # newest note first, each resident once
        (old, "note"),
    ]
    assert ids(search_residents(data.store, "schuld", limit=1)) == [name]
    assert ids(search_residents(data.store, "gesprek gepl")) == [new]


def test_short_words_do_not_search_notes(data: Data) -> None:
    rid = data.resident("Prins")
    data.note(rid, "Gesprek over de huur.")
    assert search_residents(data.store, "ge") == []
    assert ids(search_residents(data.store, "ges")) == [rid]


def test_search_notes_newest_first_with_snippet(data: Data) -> None:
    rid = data.resident("Prins")
    first = data.note(rid, "Telefonisch contact over de energierekening.", at(1))
    second = data.note(rid, "Energierekening betaald.", at(9))
    data.note(rid, "Huisbezoek afgelegd.", at(10))
    hits = search_notes(data.store, "energie")
    assert ids(hits) == [second, first]
    assert hits[1] == NoteHit(
        id=first,
        inwoner_id=rid,
        written_at=at(1),
        snippet="Telefonisch contact over de energierekening.",
    )
    marked = search_notes(data.store, "energie", highlight=("[", "]"))
    assert marked[0].snippet == "[Energierekening] betaald."
    assert ids(search_notes(data.store, "energie", limit=1)) == [second]
    assert search_notes(data.store, "energie", limit=0) == []


def test_search_notes_every_word_must_match(data: Data) -> None:
    rid = data.resident("Prins")
    both = data.note(rid, "Huur achterstand besproken met de verhuurder.")
    data.note(rid, "Huur betaald.")
    assert ids(search_notes(data.store, "huur verhuur")) == [both]
    assert search_notes(data.store, "huur zwembad") == []


def test_search_notes_of_one_resident(data: Data) -> None:
    a = data.resident("Prins")
    b = data.resident("Koster")
    note_a = data.note(a, "Voedselbank aangevraagd.", at(1))
    data.note(b, "Voedselbank aangevraagd.", at(2))
    assert ids(search_notes(data.store, "voedsel", inwoner_id=a)) == [note_a]
    # The per-dossier index follows new notes and other dossiers.
    later = data.note(a, "Voedselbank pakket opgehaald.", at(3))
    assert ids(search_notes(data.store, "voedsel", inwoner_id=a)) == [later, note_a]
    assert len(search_notes(data.store, "voedsel", inwoner_id=b)) == 1
    assert ids(search_notes(data.store, "voedsel", inwoner_id=a)) == [later, note_a]
    assert search_notes(data.store, "voedsel", inwoner_id="no-such-resident") == []


def test_note_index_for_one_resident_tokenizes_like_notitie_fts(data: Data) -> None:
    sql = data.store.rows("SELECT sql FROM sqlite_master WHERE name = 'notitie_fts'")[0][0]
    assert f"tokenize='{NOTE_TOKENIZER}'" in sql
    rid = data.resident("Prins")
    note = data.note(rid, "Gesprek met mevrouw Öztürk-Çelik over de cursus.")
    for typed in ("ozturk", "celik", "CURSUS", "ges"):
        assert ids(search_notes(data.store, typed, inwoner_id=rid)) == [note], typed
        assert ids(search_notes(data.store, typed)) == [note], typed


def test_a_note_hit_carries_the_matching_words(data: Data) -> None:
    rid = data.resident("Prins")
    name = data.resident("Deurwaarder")
    data.note(rid, "Telefonisch contact over de huur.", at(1))
    data.note(rid, "Inwoner geeft aan dat er weer post van de deurwaarder is.", at(2))
    data.note(rid, "Huisbezoek afgelegd.", at(3))
    hits = search_residents(data.store, "deurwaard")
    assert matches(hits) == [(name, "name"), (rid, "note")]
    assert hits[0].snippet == ""
    assert hits[1].snippet == "Inwoner geeft aan dat er weer post van de deurwaarder is."
    marked = search_residents(data.store, "post deurw", highlight=("[", "]"))
    assert marked[0].snippet == "Inwoner geeft aan dat er weer [post] van de [deurwaarder] is."


def test_a_long_note_gives_a_short_snippet_around_the_match(data: Data) -> None:
    rid = data.resident("Prins")
    words = [f"woord{i}" for i in range(60)]
    words[40] = "kinderopvang"
    data.note(rid, " ".join(words) + ".")
    (hit,) = search_residents(data.store, "kinderopv", highlight=("<", ">"))
    assert "<kinderopvang>" in hit.snippet
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    assert len(hit.snippet.split()) <= 12


# ---------------------------------------------------------------------------- typos
def matches(hits: list[ResidentHit]) -> list[tuple[str, str]]:
    return [(h.id, h.matched_in) for h in hits]


def test_a_typo_in_a_name_still_finds_the_resident(data: Data) -> None:
    brouwer = data.resident("Brouwer", first_names="Pieter")
    jansen = data.resident("Jansen", first_names="Anna")
    data.resident("Bakker", first_names="Els")
    for typed in ("brouwr", "brouwerr", "bruower", "Brouwar", "browuer", "BROUWR", "brouwerrr"):
        assert matches(search_residents(data.store, typed)) == [(brouwer, "similar_name")], typed
    assert ids(search_residents(data.store, "jansn")) == [jansen]
    assert ids(search_residents(data.store, "pieter brouwr")) == [brouwer]
    assert ids(search_residents(data.store, "pietr brouwer")) == [brouwer]
    assert ids(search_residents(data.store, "brouwr pieter")) == [brouwer]
    assert search_residents(data.store, "anna brouwr") == []  # every word must match
    assert search_residents(data.store, "xyzzy") == []


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("bos", True),
        ("bis", False),  # three letters: no typo allowed
        ("boss", True),  # four letters: one edit
        ("brwer", False),  # five letters, two edits from "brouwer"
        ("brouwxx", False),  # seven letters, two edits
        ("brouwerxx", True),  # nine letters: two edits
        ("brouwerxyz", False),  # three edits
    ],
)
def test_the_edits_allowed_grow_with_the_word(data: Data, typed: str, found: bool) -> None:
    bos = data.resident("Bos")
    brouwer = data.resident("Brouwer")
    assert bool(set(ids(search_residents(data.store, typed))) & {bos, brouwer}) == found


def test_typo_distance_and_edit_distance() -> None:
    assert [typo_distance("x" * n) for n in range(1, 11)] == [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]
    assert edit_distance("brouwr", "brouwer") == 1
    assert edit_distance("bruower", "brouwer") == 1  # a swap of neighbours is one edit
    assert edit_distance("jansn", "jansen") == 1
    assert edit_distance("", "abc") == 3
    assert edit_distance("abc", "") == 3
    assert edit_distance("xyzzy", "brouwer") == 7


def reference_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook table."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_edit_distance_agrees_with_the_textbook_table() -> None:
    rng = random.Random(18)
    for _ in range(3000):
        a = "".join(rng.choice("abcı") for _ in range(rng.randint(0, 10)))
        b = "".join(rng.choice("abcı") for _ in range(rng.randint(0, 10)))
        assert edit_distance(a, b) == reference_distance(a, b), (a, b)


def test_exact_and_prefix_matches_rank_before_typo_matches(data: Data) -> None:
    typo = data.resident("Janssen", first_names="Aad")
    street = data.resident("Aalders", street="Jansenlaan")
    exact = data.resident("Jansen", first_names="Ben")
    prefix = data.resident("Jansens", first_names="Cor")
    hits = search_residents(data.store, "jansen")
    assert matches(hits) == [
        (exact, "name"),
        (prefix, "name"),
        (street, "address"),
        (typo, "similar_name"),
    ]
    assert ids(search_residents(data.store, "jansen", limit=3)) == [exact, prefix, street]


def test_one_edit_away_comes_before_two(data: Data) -> None:
    two = data.resident("Brouwer")  # "brouwerrs": two edits; first by last name otherwise
    one = data.resident("Brouwers")  # one edit
    assert matches(search_residents(data.store, "brouwerrs")) == [
        (one, "similar_name"),
        (two, "similar_name"),
    ]


def test_typos_and_accents(data: Data) -> None:
    ozturk = data.resident("Öztürk")
    yildiz = data.resident("Yıldız")
    assert ids(search_residents(data.store, "oztrk")) == [ozturk]
    assert ids(search_residents(data.store, "Öztürkk")) == [ozturk]
    assert ids(search_residents(data.store, "yildz")) == [yildiz]
    assert ids(search_residents(data.store, "yıldz")) == [yildiz]


def test_typo_search_follows_new_renamed_and_deleted_residents(data: Data) -> None:
    assert search_residents(data.store, "brouwr") == []  # the name words are read and kept
    rid = data.resident("Brouwer")
    assert ids(search_residents(data.store, "brouwr")) == [rid]
    data.rename(rid, "Dijkstra")
    assert search_residents(data.store, "brouwr") == []
    assert "brouwer" not in search_module._NAMES[data.store].plain  # not kept in memory
    assert ids(search_residents(data.store, "dijkstr")) == [rid]
    assert ids(search_residents(data.store, "dijkstar")) == [rid]
    data.delete(rid)
    assert search_residents(data.store, "dijkstar") == []


def test_typo_search_respects_the_gemeente_and_house_number(data: Data) -> None:
    here = data.resident("Brouwer", gemeente="Brekwolde", house_number="12")
    there = data.resident("Brouwer", gemeente="Laagmeer", house_number="3")
    assert sorted(ids(search_residents(data.store, "brouwr"))) == sorted([here, there])
    assert ids(search_residents(data.store, "brouwr", gemeente="Laagmeer")) == [there]
    assert ids(search_residents(data.store, "brouwr 12")) == [here]


def test_typo_search_reads_the_name_words_once(data: Data) -> None:
    data.resident("Brouwer")
    search_residents(data.store, "brouwr")
    statements: list[str] = []
    data.store.conn.set_trace_callback(statements.append)
    try:
        search_residents(data.store, "brouwr")
        search_residents(data.store, "jansn")
    finally:
        data.store.conn.set_trace_callback(None)
    assert not any("fts5vocab" in sql or "search_name_terms" in sql for sql in statements)
    data.resident("Jansen")
    assert len(search_residents(data.store, "jansn")) == 1  # a new name is read again


# ---------------------------------------------------------------------------- filters
def test_gemeente_filter(data: Data) -> None:
    here = data.resident("Jansen", gemeente="Brekwolde", bsn=BSN_A)
    there = data.resident("Janssen", gemeente="Laagmeer", bsn=BSN_B)
    data.note(there, "Jansen is de buurman.")
    assert sorted(ids(search_residents(data.store, "jans"))) == sorted([here, there])
    assert ids(search_residents(data.store, "jans", gemeente="Brekwolde")) == [here]
    assert ids(search_residents(data.store, "jans", gemeente="Laagmeer")) == [there]
    assert search_residents(data.store, BSN_A, gemeente="Laagmeer") == []
    assert ids(search_residents(data.store, "12345", gemeente="Laagmeer")) == [there]
    assert search_residents(data.store, "jans", gemeente="Nergenshuizen") == []


def test_deleted_residents_never_appear(data: Data) -> None:
    gone = data.resident("Verdwenen", bsn=BSN_A, street="Kanaalweg", postcode="4321 XY")
    kept = data.resident("Blijvers", bsn=BSN_B)
    data.note(gone, "Notitie over de verhuizing.")
    data.note(kept, "Notitie over de verhuizing.")
    assert len(search_residents(data.store, "verdw")) == 1  # found before the delete
    data.delete(gone)
    assert search_residents(data.store, "verdw") == []
    assert search_residents(data.store, BSN_A) == []
    assert ids(search_residents(data.store, "12345")) == [kept]
    assert search_residents(data.store, "kanaalweg") == []
    assert search_residents(data.store, "4321 XY") == []
    assert ids(search_residents(data.store, "verhuizing")) == [kept]
    assert {h.inwoner_id for h in search_notes(data.store, "verhuizing")} == {kept}
    assert search_notes(data.store, "verhuizing", inwoner_id=gone) == []


# ---------------------------------------------------------------------------- odd input
HOSTILE = [
    '"',
    '""',
    'jan"',
    '"jansen',
    "*",
    "jans*",
    "jansen)",
    "(jansen",
    "NEAR(jansen bakker)",
    "jansen OR bakker",
    "jansen AND",
    "AND",
    "OR",
    "NOT jansen",
    "jansen NOT bakker",
    "last_name:jansen",
    "{first_names}: jansen",
    "^jansen",
    "jansen'",
    "jansen; DROP TABLE inwoner",
    "jansen + bakker",
    "-jansen",
    "\\",
    "%",
    "_",
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_fts_syntax_in_input_is_only_text(data: Data, typed: str) -> None:
    jansen = data.resident("Jansen", first_names="Piet")
    bakker = data.resident("Bakker", first_names="Els")
    data.note(jansen, "Jansen belt morgen terug.")
    data.note(bakker, "Bakker belt morgen terug.")
    residents = ids(search_residents(data.store, typed))
    notes = search_notes(data.store, typed)
    dossier = search_notes(data.store, typed, inwoner_id=jansen)
    # Never everybody: operators are words that must match too, or are dropped as punctuation.
    assert bakker not in residents or "bakker" in typed.lower()
    assert len(notes) <= 1
    assert all(n.inwoner_id == jansen for n in dossier)
    assert data.store.integrity_problems() == []


def test_punctuation_is_ignored_around_words(data: Data) -> None:
    jansen = data.resident("Jansen")
    for typed in ('"jansen"', "(jans)", "jans*", "jansen,", "'jansen'"):
        assert ids(search_residents(data.store, typed)) == [jansen], typed
    assert search_residents(data.store, "jansen OR bakker") == []  # "or" is just a word


@pytest.mark.parametrize("typed", ["", "   ", "\t\n", "*", '"', "()", "-", "...", "!?", ":"])
def test_empty_queries_return_nothing(data: Data, typed: str) -> None:
    rid = data.resident("Jansen")
    data.note(rid, "Een notitie.")
    assert search_residents(data.store, typed) == []
    assert search_notes(data.store, typed) == []
    assert search_notes(data.store, typed, inwoner_id=rid) == []


def test_search_logs_nothing(data: Data, caplog: pytest.LogCaptureFixture) -> None:
    rid = data.resident("Geheimsma", bsn=BSN_A)
    data.note(rid, "Vertrouwelijke schuldenlast.")
    with caplog.at_level(logging.DEBUG):
        search_residents(data.store, "geheim")
        search_residents(data.store, BSN_A)
        search_residents(data.store, "vertrouw")
        search_residents(data.store, "geheimsam")  # a typo
        search_residents(data.store, BSN_A[-4:])
        search_notes(data.store, "schulden")
        search_notes(data.store, "schulden", inwoner_id=rid)
    text = caplog.text.lower()
    for secret in ("geheim", BSN_A, "vertrouw", "schulden"):
        assert secret not in text
