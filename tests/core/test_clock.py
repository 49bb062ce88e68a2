"""The hybrid logical clock: stamps sort as text and never run backwards."""

from __future__ import annotations

import datetime as dt

from werkplein.store.clock import FixedClock, Hlc, parse_hlc


def test_stamps_stay_sortable_when_the_counter_overflows() -> None:
    hlc = Hlc(FixedClock(dt.datetime(2026, 11, 23, tzinfo=dt.UTC)))
    stamps = [hlc.tick() for _ in range(70_000)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    assert {len(s) for s in stamps} == {16}


def test_observing_a_clock_ahead_keeps_later_local_stamps_after_it() -> None:
    clock = FixedClock(dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    hlc = Hlc(clock)
    ahead = Hlc(FixedClock(dt.datetime(2026, 11, 23, 6, tzinfo=dt.UTC))).tick()
    hlc.observe(ahead)
    local = hlc.tick()
    assert local > ahead
    assert parse_hlc(local)[0] == parse_hlc(ahead)[0]
