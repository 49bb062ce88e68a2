"""Erasing a resident (AVG art. 17) and destroying dossiers past their date, on a laptop that
is not part of a werkplein: no trace is left in the decrypted database, the audit chain still
verifies, and a duty to keep refuses it. (On a team: see docs/ERASURE.md, not built yet.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, TEST_NOW
from tests.core.test_services import colleague, new_resident
from werkplein.domain.roles import Role
from werkplein.errors import NotAllowed, NotFound, RuleViolation
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

TRACES = ("zwaluwstaart", "fenna", "123456782", "kastanjelaan", "schimmel in de badkamer")


def every_text(session: Session) -> str:
    """Every value of every table of the decrypted database, as one text."""
    conn = session.store.conn
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    parts = []
    for table in tables:
        for row in conn.execute(f"SELECT * FROM {table}"):
            parts += [str(v) for v in row]
    return "\n".join(parts).casefold()  # the search index keeps words in lower case


def a_full_dossier(session: Session, inwoner_id: str) -> None:
    casus_id = session.cases.open(inwoner_id, "Fiets")
    session.residents.write_note(inwoner_id, "Schimmel in de badkamer gezien.")
    visit_id = session.visits.plan(inwoner_id, session.today().isoformat())
    session.visits.observe(visit_id, "wonen", "Schimmel in de badkamer.")
    session.cases.close(casus_id)


def old_profile(tmp_path: Path, role: str = "teamleider") -> tuple[Path, str, str]:
    """A profile with a dossier closed twelve years ago and one of a resident with none."""
    past = FixedClock(TEST_NOW - dt.timedelta(days=12 * 366))
    folder = tmp_path / "p"
    with Session.create(
        folder, PASSPHRASE, "Tessa", role, kdf_iterations=TEST_ITERATIONS, clock=past
    ) as then:
        old = new_resident(then)
        a_full_dossier(then, old)
        other = then.residents.create(
            bsn="100000009",
            first_names="Joris",
            last_name="Ansems",
            birth_date="01-02-1970",
            gemeente="Lindendal",
        )
    return folder, old, other


def test_erasing_leaves_no_trace_and_the_audit_chain_holds(tmp_path: Path) -> None:
    folder, old, other = old_profile(tmp_path)
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as session:
        before = every_text(session)
        assert all(trace in before for trace in TRACES)
        from werkplein.store import search

        assert [h.id for h in session.residents.search("zwaluwstart")] == [old]  # a typo
        assert "zwaluwstaart" in search._NAMES[session.store].terms  # the name words, in memory
        erased = session.retention.erase("123456782", "Verzoek van de inwoner (AVG art. 17)")
        assert session.store not in search._NAMES  # forgotten with her
        assert erased.records >= 4
        assert erased.changes > 0
        after = every_text(session)
        for trace in TRACES:
            assert trace not in after, trace
        assert session.store.integrity_problems() == []
        assert session.store.get("inwoner", other) is not None  # the others untouched
        assert session.residents.by_bsn("123456782") is None
        assert session.residents.search("Zwaluwstaart") == [] or all(
            hit.id != old for hit in session.residents.search("Zwaluwstaart")
        )
        logged = session.store.rows(
            "SELECT action, detail FROM audit_log WHERE inwoner_id = ? ORDER BY seq DESC LIMIT 1",
            (old,),
        )
        assert logged == [("erase", "avg17")]  # who, when, which id, the ground; nothing else
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as again:
        assert again.store.integrity_problems() == []


def test_a_duty_to_keep_refuses_erasure(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    with Session.create(
        folder, PASSPHRASE, "Tessa", "teamleider", kdf_iterations=TEST_ITERATIONS,
        clock=FixedClock(TEST_NOW),
    ) as session:  # fmt: skip
        running = new_resident(session)
        session.cases.open(running, "Loopt nog")
        with pytest.raises(RuleViolation) as refused:
            session.retention.erase("123456782", "Verzoek")
        assert "loopt nog" in refused.value.message()
        ended = new_resident(session, "100000009")
        session.cases.close(session.cases.open(ended, "Net klaar"))
        with pytest.raises(RuleViolation) as kept:
            session.retention.erase("100000009", "Verzoek")
        assert "te bewaren tot" in kept.value.message()
        with pytest.raises(NotFound):
            session.retention.erase("100000010", "Verzoek")
        with pytest.raises(NotAllowed):
            colleague(session, Role.KLANTMANAGER).retention.erase("123456782", "Verzoek")
        assert session.store.get("inwoner", running) is not None


def test_the_list_past_its_date_is_destroyed(tmp_path: Path) -> None:
    folder, old, other = old_profile(tmp_path)
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as session:
        assert [r.inwoner_id for r in session.retention.due()] == [old]
        assert session.retention.destroy_due("Jaarlijkse vernietiging") == 1
        assert session.retention.due() == []
        assert session.store.get("inwoner", old) is None
        assert session.store.get("inwoner", other) is not None  # no dossier: not on the list
        assert "zwaluwstaart" not in every_text(session)


def test_a_kept_resident_without_a_dossier_is_not_erased(tmp_path: Path) -> None:
    folder, _old, other = old_profile(tmp_path)
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as session:
        until = (TEST_NOW.date() + dt.timedelta(days=400)).isoformat()
        session.retention.keep_until(other, until, "Rechtszaak loopt")
        with pytest.raises(RuleViolation) as kept:
            session.retention.erase("100000009", "Verzoek")
        assert until in kept.value.message()
        assert session.store.get("inwoner", other) is not None


def test_a_second_list_of_the_day_never_replaces_the_first(tmp_path: Path) -> None:
    folder, old, _other = old_profile(tmp_path)
    archive = tmp_path / "archief"
    archive.mkdir()
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as session:
        first = session.retention.save_list([old], "Eerste ronde", archive)
        second = session.retention.save_list([old], "Tweede ronde", archive)
    assert first != second
    assert len(list(archive.iterdir())) == 4


def test_a_planned_visit_refuses_erasure_also_without_a_case(tmp_path: Path) -> None:
    folder, _old, other = old_profile(tmp_path)
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as session:
        session.visits.plan(other, session.today().isoformat(), doel="Kennismaking")
        with pytest.raises(RuleViolation) as refused:
            session.retention.erase("100000009", "Verzoek")
        assert "gepland huisbezoek" in refused.value.message()
        assert session.store.get("inwoner", other) is not None


def test_the_period_overview_still_counts_a_destroyed_dossiers_decisions(tmp_path: Path) -> None:
    from tests import pdftools
    from tests.sync.test_erasure import an_old_dossier

    with Session.create(
        tmp_path / "p", PASSPHRASE, "Tessa", "teamleider",
        kdf_iterations=TEST_ITERATIONS, clock=FixedClock(TEST_NOW),
    ) as session:  # fmt: skip
        inwoner_id = new_resident(session)
        an_old_dossier(session, inwoner_id)
        day = session.store.find("besluit", "inwoner_id = ?", [inwoner_id])[0]["vastgesteld_op"]
        start = end = day[:10]
        before = session.exports.decisions(start, end, tmp_path / "voor")
        assert before.decisions == 1
        assert session.retention.destroy([inwoner_id], "Selectielijst") == 1
        after = session.exports.decisions(start, end, tmp_path / "na")
        assert after.decisions == 0  # no decision of hers is left to put in a file
        text = pdftools.text(tmp_path / "na" / "overzicht.pdf")
        assert "Vastgestelde besluiten 1" in text
        assert "Afwijkend van beleid 1 (100%)" in text
        assert "Lindendal 1 100%" in text
        assert "1 van de hierboven getelde besluiten horen bij dossiers die sindsdien" in text
        assert "Zwaluwstaart" not in text
