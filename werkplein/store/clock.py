"""The one source of "now", and the hybrid logical clock that orders changes.

Every part of Werkplein (core, services, sync, exports, the demo, the UI and the CLI) asks a
``Clock`` what time it is: the session's clock, passed down from where the program starts.
This module is the only place that reads the wall clock (a test scans the code for that), so
the whole program, and the test suite with it, can be run at any date:

- ``SystemClock`` is the computer's clock;
- ``RunningClock`` starts at a given moment and runs on from there with the computer's
  monotonic clock: what ``WERKPLEIN_NOW`` (an ISO 8601 moment) gives a process, so a CLI call
  made by a test, a script or a support session can be pinned to another date;
- ``FixedClock`` moves only when told: tests and the demo generator.

``process_clock()`` is the clock of a program that was not given one: ``WERKPLEIN_NOW`` when set,
otherwise the system clock. A clock answers in UTC; ``today()`` and ``local()`` give the day
and the moment as the user's computer shows them (its time zone), which is what "today"
means to a klantmanager.

A hybrid logical clock (HLC) is the wall clock in milliseconds plus a counter: it never runs
backwards on one device, and after seeing a remote stamp it stays ahead of it, so a laptop whose
clock is hours off still orders its changes after the ones it has seen. Ties between devices are
broken by device id, which the change log stores beside the stamp.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time

from werkplein.errors import WerkpleinError
from werkplein.i18n import N_

NOW_ENV = "WERKPLEIN_NOW"


class Clock:
    """What time it is. Subclasses give ``now``; the rest derives from it."""

    def now(self) -> dt.datetime:
        """The current moment, timezone-aware (UTC)."""
        raise NotImplementedError

    def local(self) -> dt.datetime:
        """The current moment in the computer's time zone (aware)."""
        return self.now().astimezone()

    def today(self) -> dt.date:
        """The user's calendar day: the date in the computer's time zone, not in UTC."""
        return self.local().date()


class SystemClock(Clock):
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class RunningClock(Clock):
    """Starts at ``start`` and runs on at the speed of the computer's monotonic clock."""

    def __init__(self, start: dt.datetime) -> None:
        self._start = _aware(start)
        self._origin = time.monotonic()

    def now(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=time.monotonic() - self._origin)


class FixedClock(Clock):
    """A clock for tests and the demo: starts at ``start`` and moves only when told."""

    def __init__(self, start: dt.datetime) -> None:
        self._now = _aware(start)

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += dt.timedelta(**delta)

    def set(self, when: dt.datetime) -> None:
        self._now = _aware(when)


class ClockSettingInvalid(WerkpleinError):
    msgid = N_("WERKPLEIN_NOW is not a date or moment (use e.g. 2028-02-29T10:00): {value}")


def parse_moment(text: str) -> dt.datetime:
    """``2028-02-29``, ``2028-02-29T10:00`` (the computer's time zone) or ``...Z`` / ``+01:00``."""
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ClockSettingInvalid(value=text[:40]) from exc
    if when.tzinfo is None:
        when = when.astimezone()  # a moment without a zone is the computer's local time
    return when.astimezone(dt.UTC)


def clock_from_env(environ: dict[str, str] | None = None) -> Clock:
    """``WERKPLEIN_NOW`` as a running clock, or the system clock when it is not set."""
    value = (os.environ if environ is None else environ).get(NOW_ENV, "").strip()
    return RunningClock(parse_moment(value)) if value else SystemClock()


_process_clock: Clock | None = None
_process_lock = threading.Lock()


def process_clock() -> Clock:
    """The clock of this program when nobody passed one: made once, from the environment."""
    global _process_clock  # noqa: PLW0603 - one clock per process, made on first use
    with _process_lock:
        if _process_clock is None:
            _process_clock = clock_from_env()
        return _process_clock


def _aware(when: dt.datetime) -> dt.datetime:
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


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
