"""Retention: when a dossier ends and when it must be destroyed (the vernietigingslijst)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, TEST_NOW
from tests.core.test_services import colleague, new_resident
from werkplein.domain import retention as rules
from werkplein.domain.roles import Role
from werkplein.errors import NotAllowed
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

TODAY = dt.date(2026, 12, 5)
YEARS = dict(rules.DEFAULT_YEARS)


def facts(**values: object) -> rules.Facts:
    base: dict[str, object] = {
        "open_cases": 0,
        "last_closed": None,
        "running_until": None,
        "open_decision_periods": 0,
        "open_fines": 0,
        "last_fine": None,
        "fines": 0,
    }
    return rules.Facts(**{**base, **values})  # type: ignore[arg-type]


def test_a_closed_dossier_is_kept_ten_years_after_it_ended() -> None:
    kept = rules.retention(facts(last_closed="2015-03-01"), TODAY, YEARS)
    assert kept == rules.Retention(rules.DOSSIER, dt.date(2015, 3, 1), dt.date(2025, 3, 1))
    assert kept.due(TODAY)
    assert not rules.retention(facts(last_closed="2020-03-01"), TODAY, YEARS).due(TODAY)


@pytest.mark.parametrize(
    "running",
    [
        {"open_cases": 1, "last_closed": "2010-01-01"},
        {"last_closed": "2010-01-01", "running_until": "2027-01-31"},  # a period runs on
        {"last_closed": "2010-01-01", "open_decision_periods": 1},  # a period without end
        {"last_closed": "2010-01-01", "open_fines": 1, "fines": 1},
    ],
)
def test_a_dossier_that_still_runs_has_no_destruction_date(running: dict[str, object]) -> None:
    kept = rules.retention(facts(**running), TODAY, YEARS)
    assert kept.ended_on is None
    assert kept.destroy_on is None
    assert not kept.due(TODAY)


def test_it_ends_on_the_latest_of_closing_a_period_and_a_fine() -> None:
    kept = rules.retention(
        facts(last_closed="2012-01-10", running_until="2013-06-30", last_fine="2013-02-01"),
        TODAY,
        YEARS,
    )
    assert kept.ended_on == dt.date(2013, 6, 30)


def test_a_fine_makes_it_the_longer_period_and_a_hold_keeps_it_longer() -> None:
    with_fine = rules.retention(facts(last_closed="2010-05-01", fines=1), TODAY, YEARS)
    assert with_fine.category == rules.WITH_FINE
    assert with_fine.destroy_on == dt.date(2030, 5, 1)
    held = rules.retention(facts(last_closed="2010-05-01", hold_until="2028-01-01"), TODAY, YEARS)
    assert held.destroy_on == dt.date(2028, 1, 1)
    assert rules.add_years(dt.date(2016, 2, 29), 10) == dt.date(2026, 2, 28)


def test_the_teamleider_keeps_the_list_on_the_sessions_day(tmp_path: Path) -> None:
    """A case closed twelve years ago is due; an open one, a recent one and one with a fine
    under the longer period are not. Only the teamleider keeps the list."""
    past = FixedClock(TEST_NOW - dt.timedelta(days=12 * 366))
    folder = tmp_path / "p"
    with Session.create(
        folder, PASSPHRASE, "Tessa", "teamleider", kdf_iterations=TEST_ITERATIONS, clock=past
    ) as then:
        old = new_resident(then, "123456782")
        then.cases.close(then.cases.open(old, "Oud"))
        fined = new_resident(then, "100000010")
        then.cases.close(then.cases.open(fined, "Met boete"))
        boete_id = then.fines.open(fined, "Inkomsten niet doorgegeven")
        then.fines.record_outcome(boete_id, "Opgelegd", 10_000)
        running = new_resident(then, "100000009")
        then.cases.open(running, "Loopt nog")
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as now:
        recent = new_resident(now, "100000022")
        now.cases.close(now.cases.open(recent, "Net klaar"))
        due = now.retention.due()
        assert [r.inwoner_id for r in due] == [old]
        row = due[0].to_json()
        assert set(row) >= {"inwoner_id", "gemeente", "ended_on", "destroy_on"}
        assert row["gemeente"] == "Lindendal"
        by_id = {r.inwoner_id: r.retention for r in now.retention.overview()}
        assert by_id[fined].category == rules.WITH_FINE
        assert by_id[running].destroy_on is None
        with pytest.raises(NotAllowed):
            colleague(now, Role.KLANTMANAGER).retention.due()


def test_the_teamleider_keeps_a_dossier_longer_with_a_reason(tmp_path: Path) -> None:
    from werkplein.errors import ValidationFailed

    past = FixedClock(TEST_NOW - dt.timedelta(days=12 * 366))
    folder = tmp_path / "p"
    with Session.create(
        folder, PASSPHRASE, "Tessa", "teamleider", kdf_iterations=TEST_ITERATIONS, clock=past
    ) as then:
        old = new_resident(then)
        then.cases.close(then.cases.open(old, "Oud"))
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as now:
        assert [r.inwoner_id for r in now.retention.due()] == [old]
        until = (TEST_NOW.date() + dt.timedelta(days=400)).isoformat()
        with pytest.raises(ValidationFailed):
            now.retention.keep_until(old, until, "  ")  # a reason is required
        with pytest.raises(ValidationFailed):
            now.retention.keep_until(old, TEST_NOW.date().isoformat(), "Bezwaar")  # not past
        with pytest.raises(NotAllowed):
            colleague(now, Role.KLANTMANAGER).retention.keep_until(old, until, "Bezwaar")
        now.retention.keep_until(old, until, "Bezwaar loopt")
        assert now.retention.due() == []
        kept = now.retention.of(old)
        assert kept is not None
        assert kept.retention.destroy_on == dt.date.fromisoformat(until)
        now.retention.keep_until(old, None, "")  # no longer kept
        assert [r.inwoner_id for r in now.retention.due()] == [old]


def test_a_fine_ends_when_it_was_completed_not_at_its_breach(tmp_path: Path) -> None:
    """A fine for a breach long ago, completed recently without a talk: the dossier ended on
    the day of completion (the change that completed it), so it is not due."""
    past = FixedClock(TEST_NOW - dt.timedelta(days=25 * 366))
    folder = tmp_path / "p"
    with Session.create(
        folder, PASSPHRASE, "Tessa", "teamleider", kdf_iterations=TEST_ITERATIONS, clock=past
    ) as then:
        fined = new_resident(then)
        then.cases.close(then.cases.open(fined, "Oud"))
        boete_id = then.fines.open(fined, "Inkomsten", overtreding_op=then.today().isoformat())
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as now:
        now.fines.record_outcome(boete_id, "Opgelegd", 10_000)
        kept = now.retention.of(fined)
        assert kept is not None
        assert kept.retention.ended_on == FixedClock(TEST_NOW).today()
        assert now.retention.due() == []


def test_a_planned_visit_or_a_waiting_handover_keeps_the_dossier_running(tmp_path: Path) -> None:
    past = FixedClock(TEST_NOW - dt.timedelta(days=12 * 366))
    folder = tmp_path / "p"
    with Session.create(
        folder, PASSPHRASE, "Tessa", "teamleider", kdf_iterations=TEST_ITERATIONS, clock=past
    ) as then:
        visited = new_resident(then)
        then.cases.close(then.cases.open(visited, "Oud"))
        handed = new_resident(then, "100000009")
        then.cases.close(then.cases.open(handed, "Oud"))
    with Session.open(folder, PASSPHRASE, clock=FixedClock(TEST_NOW)) as now:
        assert {r.inwoner_id for r in now.retention.due()} == {visited, handed}
        now.visits.plan(visited, now.today().isoformat(), doel="Nog even langs")
        werkcoach = colleague(now, Role.WERKCOACH)
        now.handovers.send(handed, werkcoach.user.id, situatie="Weer werk", wens_inwoner="Werk")
        assert now.retention.due() == []
        kept = now.retention.of(visited)
        assert kept is not None
        assert kept.retention.ended_on is None
