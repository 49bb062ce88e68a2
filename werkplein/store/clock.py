"""Time from one swappable place, and the hybrid logical clock that orders changes.

A hybrid logical clock (HLC) is the wall clock in milliseconds plus a counter: it never runs
backwards on one device, and after seeing a remote stamp it stays ahead of it, so a laptop whose
clock is hours off still orders its changes after the ones it has seen. Ties between devices are
broken by device id, which the change log stores beside the stamp.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, timezone-aware (UTC)."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock for tests and the demo: starts at ``start`` and moves only when told."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            start = start.replace(tzinfo=dt.UTC)
        self._now = start

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += dt.timedelta(**delta)

    def set(self, when: dt.datetime) -> None:
        self._now = when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def to_ms(when: dt.datetime) -> int:
    return int(when.timestamp() * 1000)


def iso(when: dt.datetime) -> str:
    """ISO 8601 in UTC with milliseconds, e.g. ``2026-11-23T09:15:00.000Z``."""
    return when.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def format_hlc(ms: int, counter: int) -> str:
    return f"{ms:012x}{counter:04x}"


def parse_hlc(stamp: str) -> tuple[int, int]:
    return int(stamp[:12], 16), int(stamp[12:], 16)


class Hlc:
    """Hybrid logical clock; ``tick`` for local events, ``observe`` for remote stamps."""

    def __init__(self, clock: Clock, last: str | None = None) -> None:
        self._clock = clock
        self._ms, self._counter = parse_hlc(last) if last else (0, 0)
        self._lock = threading.Lock()

    @property
    def last(self) -> str:
        return format_hlc(self._ms, self._counter)

    def tick(self) -> str:
        with self._lock:
            wall = to_ms(self._clock.now())
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            elif self._counter < 0xFFFF:
                self._counter += 1
            else:  # the 16-bit counter is full: borrow the next millisecond, keep the width
                self._ms, self._counter = self._ms + 1, 0
            return format_hlc(self._ms, self._counter)

    def observe(self, stamp: str) -> None:
        with self._lock:
            ms, counter = parse_hlc(stamp)
            self._ms, self._counter = max((self._ms, self._counter), (ms, counter))


def monotonic_ms() -> float:
    return time.monotonic() * 1000
