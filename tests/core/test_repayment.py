"""A repayment plan longer than the team's policy finds proportionate is flagged: on the fine's
proposal and on the confrontatiegesprek sheet (issue 18)."""

from __future__ import annotations

from pathlib import Path

from tests import pdftools
from tests.conftest import MakeSession
from tests.core.test_services import new_resident
from werkplein.domain.boete import BoeteBeleid, propose


def test_the_months_to_pay_off_and_the_policy_maximum() -> None:
    beleid = BoeteBeleid(maximum_cent=10_000_000, max_aflossing_maanden=36)
    # 50% of € 25 600 = € 12 800; 10% of a draagkracht of € 1 000 = € 100 a month: 128 months
    long = propose(beleid, 2_560_000, "normaal", draagkracht_cent=100_000)
    assert long.aflossing_per_maand_cent == 10_000
    assert long.aflossing_maanden == 128
    assert long.te_lang(beleid)
    short = propose(beleid, 60_000, "normaal", draagkracht_cent=100_000)
    assert short.aflossing_maanden == 3
    assert not short.te_lang(beleid)
    assert propose(beleid, 60_000, "normaal", draagkracht_cent=0).te_lang(beleid)  # never paid
    assert propose(beleid, 60_000, "normaal").aflossing_maanden is None  # draagkracht unknown
    assert BoeteBeleid.from_json(beleid.to_json()) == beleid
    assert BoeteBeleid.from_json({}).max_aflossing_maanden == 36  # a policy saved before


def test_the_talk_sheet_flags_a_repayment_beyond_the_policy(
    make_session: MakeSession, tmp_path: Path
) -> None:
    session = make_session("teamleider")
    inwoner_id = new_resident(session)
    boete_id = session.fines.open(
        inwoner_id, "Inkomsten niet gemeld", benadelingsbedrag_cent=2_560_000
    )
    session.fines.update(boete_id, draagkracht_cent=100_000)
    out = tmp_path / "confrontatiegesprek.pdf"
    session.exports.fine_talk(boete_id, out)
    text = pdftools.text(out)
    # capped at the policy's maximum of € 10 000: € 100 a month for 100 months
    assert "De boete is dan in ongeveer 100 maanden betaald." in text
    assert "Weeg de evenredigheid: dit duurt langer dan de 36 maanden" in text
    assert "Langste aflossing 36 maanden" in text

    session.policy.set_boete_beleid(BoeteBeleid(max_aflossing_maanden=240))
    session.exports.fine_talk(boete_id, out)
    assert "Weeg de evenredigheid" not in pdftools.text(out)


def test_the_klantmanager_who_joins_the_talk_is_named(
    make_session: MakeSession, tmp_path: Path
) -> None:
    import pytest

    from tests.core.test_services import colleague
    from werkplein.domain.roles import Role
    from werkplein.errors import ValidationFailed

    session = make_session("teamleider")
    karin = colleague(session, Role.KLANTMANAGER, "Karin Klant")
    coach = colleague(session, Role.WERKCOACH, "Wim Coach")
    boete_id = session.fines.open(new_resident(session), "Inkomsten niet gemeld")
    when = (session.clock.now().replace(microsecond=0)).isoformat()
    with pytest.raises(ValidationFailed):
        session.fines.plan_talk(boete_id, when, klantmanager_id=coach.user.id)
    session.fines.plan_talk(boete_id, when, klantmanager_id=karin.user.id)
    out = tmp_path / "confrontatiegesprek.pdf"
    session.exports.fine_talk(boete_id, out)
    assert "Klantmanager Karin Klant" in pdftools.text(out)
