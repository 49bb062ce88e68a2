"""The hybrid logical clock: stamps sort as text and never run backwards."""

from __future__ import annotations

import datetime as dt

from tests.conftest import TEST_NOW, run_clock
from werkplein.store.clock import FixedClock, Hlc, parse_hlc


def test_stamps_stay_sortable_when_the_counter_overflows() -> None:
    hlc = Hlc(run_clock())
    stamps = [hlc.tick() for _ in range(70_000)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    assert {len(s) for s in stamps} == {16}


def test_observing_a_clock_ahead_keeps_later_local_stamps_after_it() -> None:
    clock = run_clock()
    hlc = Hlc(clock)
    ahead = Hlc(FixedClock(TEST_NOW + dt.timedelta(hours=6))).tick()
    hlc.observe(ahead)
    local = hlc.tick()
    assert local > ahead
    assert parse_hlc(local)[0] == parse_hlc(ahead)[0]
