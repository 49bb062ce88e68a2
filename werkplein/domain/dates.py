"""Dates as users type them (YYYY-MM-DD or DD-MM-YYYY) and as the store keeps them (ISO)."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(text: str) -> dt.date:
    """Parse ``2026-11-23`` or ``23-11-2026`` (also with / or .). Raises ValueError."""
    text = text.strip()
    if m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _NL.match(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError("not a date")
    return dt.date(year, month, day)


def iso_date(text: str) -> str:
    return parse_date(text).isoformat()


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def local_day(stamp: str) -> str:
    """The user's calendar day (ISO) of a stored value: a date is itself; a moment (ISO 8601,
    UTC with ``Z``) falls on the day the computer's time zone gives it. 00:30 in Amsterdam on
    1 March is stored as 28 February 23:30Z and belongs to 1 March."""
    if "T" not in stamp:
        return stamp[:10]
    return parse_moment(stamp).astimezone().date().isoformat()


def parse_moment(stamp: str) -> dt.datetime:
    """A stored moment (ISO 8601, ``Z`` or an offset; UTC when it names no zone). Raises
    ValueError."""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def moment_bounds(start: str, end: str) -> tuple[str, str]:
    """Stored-moment bounds (UTC, ISO) of the days ``start`` to ``end`` inclusive, as the user
    counts days: ``low <= moment < high``."""

    def midnight(day: dt.date) -> str:
        local = dt.datetime.combine(day, dt.time()).astimezone()
        return local.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    return (
        midnight(dt.date.fromisoformat(start)),
        midnight(dt.date.fromisoformat(end) + dt.timedelta(days=1)),
    )
