"""The decision's kenmerk: a short reference a resident reads out on the phone
(``WP-<year>-<laptop>-<n>``), given by the laptop that sets the decision, kept in the decision's
frozen copy, shown on the documents and found again when typed or heard."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pdftools
from tests.conftest import today
from tests.core.test_services import colleague, complete_case, draft, new_resident
from tests.sync.conftest import Team
from tests.sync.test_sync import new_resident as team_resident
from werkplein.domain.roles import Role
from werkplein.errors import NotFound
from werkplein.export import decision as decision_doc
from werkplein.export import letter as letter_doc
from werkplein.services import documents
from werkplein.services.decisions import normalized_kenmerk
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.ids import CROCKFORD, device_code, id_tag

KENMERK = re.compile(r"WP-(\d{4})-([0-9A-HJKMNP-TV-Z]{4})-([1-9]\d*)")


def set_one(session: Session, bsn: str = "123456782", *, afwijking: bool = False) -> str:
    """A new case of a new resident, decided and set (approved by a teamleider colleague on
    the same laptop when it deviates from policy)."""
    casus_id = complete_case(session, new_resident(session, bsn), afwijking=afwijking)
    besluit_id = draft(session, casus_id)
    if afwijking:
        session.decisions.submit(besluit_id)
        colleague(session, Role.TEAMLEIDER, "Teamleider").decisions.approve(besluit_id, "Akkoord.")
    else:
        session.decisions.set(besluit_id)
    return besluit_id


def prefix(session: Session, year: int) -> str:
    return f"WP-{year}-{device_code(session.store.device_id)}-"


# ---------------------------------------------------------------------- the format
def test_the_laptop_code_is_the_first_20_bits_of_its_tag_in_crockford_base32() -> None:
    assert CROCKFORD == "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    assert not set("ILOU") & set(CROCKFORD), "nothing a caller can mishear"
    device = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
    bits = int(id_tag(device), 16) >> 12  # 8 hex digits = 32 bits: keep the first 20
    expected = "".join(CROCKFORD[(bits >> (5 * (3 - i))) & 31] for i in range(4))
    assert device_code(device) == expected
    assert len(device_code(device)) == 4
    assert device_code(device) == device_code(device), "the same laptop, the same code"
    assert device_code(device) != device_code("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")


def test_a_kenmerk_is_read_as_typed_or_heard() -> None:
    assert normalized_kenmerk("WP-2026-K7QD-142") == "WP-2026-K7QD-142"
    assert normalized_kenmerk(" wp-2026-k7qd-0142 ") == "WP-2026-K7QD-142"
    assert normalized_kenmerk("WP - 2026 - K7QD - 142") == "WP-2026-K7QD-142"
    assert normalized_kenmerk("WP-2026-O1LI-3") == "WP-2026-0111-3", "O is 0, I and L are 1"
    for not_one in ("", "WP-2026-K7Q-1", "WP-26-K7QD-1", "K7QD-142", "WP-2026-K7QD-"):
        assert normalized_kenmerk(not_one) is None


# ---------------------------------------------------------------------- giving it
def test_setting_gives_the_laptops_next_number_of_the_year(session: Session) -> None:
    first = set_one(session, "123456782")
    second = set_one(session, "111222333", afwijking=True)  # set by approving it
    third = set_one(session, "100000009")
    start = prefix(session, today().year)
    kenmerken = [session.store.require("besluit", b)["kenmerk"] for b in (first, second, third)]
    assert kenmerken == [f"{start}1", f"{start}2", f"{start}3"]
    for besluit_id, kenmerk in zip((first, second, third), kenmerken, strict=True):
        assert KENMERK.fullmatch(kenmerk)
        decision = session.store.require("besluit", besluit_id)
        assert decision["toets"]["besluit"]["kenmerk"] == kenmerk, "in the frozen copy"
        setting = [
            c
            for c in session.store.history("besluit", besluit_id)
            if c.fields.get("status", (None, None))[1] == "vastgesteld"
        ]
        assert setting[-1].fields["kenmerk"] == (None, kenmerk), "written by the same change"
    # a draft has none; nor a decision that is only submitted
    casus_id = complete_case(session, new_resident(session, "100000010"))
    assert session.store.require("besluit", draft(session, casus_id))["kenmerk"] is None


def test_the_count_starts_again_each_year_and_never_gives_a_number_twice(
    session: Session, clock: FixedClock
) -> None:
    set_one(session, "123456782")
    next_year = today().year + 1
    local_noon = dt.datetime(next_year, 1, 1, 12).astimezone()  # the user's 1 January
    clock.set(local_noon.astimezone(dt.UTC))
    new_year = set_one(session, "111222333")
    assert session.store.require("besluit", new_year)["kenmerk"] == f"{prefix(session, next_year)}1"
    # the highest number given counts, not how many are left (a decision can be erased)
    casus_id = complete_case(session, new_resident(session, "100000009"))
    with session.store.write(session.user.id) as w:
        w.put("besluit", draft(session, casus_id), {"kenmerk": f"{prefix(session, next_year)}7"})
    later = set_one(session, "100000010")
    assert session.store.require("besluit", later)["kenmerk"] == f"{prefix(session, next_year)}8"


# ---------------------------------------------------------------------- finding it
def test_a_decision_is_found_by_its_kenmerk_and_by_the_start_of_its_id(
    session: Session, tmp_path: Path
) -> None:
    besluit_id = set_one(session)
    kenmerk = session.store.require("besluit", besluit_id)["kenmerk"]
    assert session.decisions.get(kenmerk.lower())["id"] == besluit_id
    prefix, number = kenmerk.rsplit("-", 1)
    assert session.decisions.get(f"{prefix}-00{number}")["id"] == besluit_id
    assert session.decisions.get(besluit_id[:8].upper())["id"] == besluit_id
    assert session.decisions.get(besluit_id)["id"] == besluit_id
    with pytest.raises(NotFound):
        session.decisions.get(kenmerk[:-1] + "9")
    with pytest.raises(NotFound):
        session.decisions.get("geen-kenmerk")
    session.exports.letter(kenmerk, tmp_path / "brief.pdf")  # the export takes it too
    assert kenmerk in pdftools.text(tmp_path / "brief.pdf")


# ---------------------------------------------------------------------- the documents
def test_the_documents_show_the_kenmerk(session: Session, tmp_path: Path) -> None:
    besluit_id = set_one(session)
    kenmerk = session.store.require("besluit", besluit_id)["kenmerk"]
    session.exports.decision(besluit_id, tmp_path / "besluit.pdf")
    session.exports.letter(besluit_id, tmp_path / "brief.pdf")
    pages = pdftools.page_texts(tmp_path / "besluit.pdf")
    assert all(kenmerk in page for page in pages), "in the footer of every page"
    assert besluit_id in " ".join(pages), "the id stays in the accountability section"
    letter = pdftools.text(tmp_path / "brief.pdf")
    assert f"Ons kenmerk {kenmerk}" in letter
    assert besluit_id not in letter, "no 36-character id for the resident"


def test_a_decision_set_before_kenmerken_shows_the_start_of_its_id(session: Session) -> None:
    besluit_id = set_one(session)
    data = documents.decision(session, besluit_id)
    data.decision = {**data.decision, "kenmerk": None}  # as set by an older version
    letter = pdftools.text(letter_doc.render(data, today().isoformat()).data)
    assert f"Ons kenmerk {besluit_id[:8]}" in letter
    assert besluit_id not in letter
    assert "WP-" not in letter
    pages = pdftools.page_texts(decision_doc.render(data).data)
    assert all(besluit_id[:8] in page for page in pages)
    assert session.store.require("besluit", besluit_id)["kenmerk"], "nothing was written"


# ---------------------------------------------------------------------- on a team
@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    t = Team(tmp_path, tmp_path / "share")
    yield t
    t.close()


def test_each_laptop_numbers_its_own_and_the_kenmerk_travels_frozen(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    team.sync_all()
    # offline, each sets a decision: the klantmanager one of its own, the teamleider one
    # that deviates (by approving it)
    own = complete_case(km, team_resident(km, "999990019"))
    own_id = draft(km, own)
    deviating = complete_case(km, team_resident(km, "999990020"), afwijking=True)
    deviating_id = draft(km, deviating)
    km.decisions.submit(deviating_id)
    team.sync_all()
    km.decisions.set(own_id)
    tl.decisions.approve(deviating_id, "Akkoord.")
    team.sync_all()
    year = today().year
    expected = {own_id: f"{prefix(km, year)}1", deviating_id: f"{prefix(tl, year)}1"}
    assert prefix(km, year) != prefix(tl, year)
    for session in (tl, km):
        assert session.sharing.conflicts() == []
        refused = session.store.rows("SELECT count(*) FROM sync_refused")
        assert refused == [(0,)], "setting with a kenmerk is allowed to whoever sets"
        for besluit_id, kenmerk in expected.items():
            decision = session.store.require("besluit", besluit_id)
            assert decision["kenmerk"] == kenmerk
            assert decision["toets"]["besluit"]["kenmerk"] == kenmerk
        assert session.decisions.get(expected[own_id])["id"] == own_id
    assert tl.store.digest() == km.store.digest()
