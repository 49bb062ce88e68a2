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
