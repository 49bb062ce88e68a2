"""Dates and times as a Dutch colleague types them, understood exactly or not at all.

``read_date("9-12-26", today)`` and ``read_moment("9 dec 10:00", today)`` accept what people
write on forms: day first, with or without leading zeros, ``-``, ``/``, ``.`` or spaces
between the parts, digits in one go (``09122026``, ``091226``), a month as a word (``9 dec``,
``9 december 2026``, also in English), ISO (``2026-12-09``), and ``vandaag``/``morgen``.
Without a year, the date nearest to ``today`` is meant (``5/1`` typed in December is next
January). A time is ``10:00``, ``10.00``, ``10u``, ``10 uur`` or ``1000``, optionally after
``om``/``at`` or a comma.

Anything else raises ``NotUnderstood`` with the reason in the user's words: a field never
guesses silently (no 31 February rolled into March, no half-read text).
"""

from __future__ import annotations

import datetime as dt
import re

from werkplein.i18n import _

MONTHS = {
    # Dutch and English names and their usual abbreviations
    "januari": 1,
    "january": 1,
    "jan": 1,
    "februari": 2,
    "february": 2,
    "feb": 2,
    "febr": 2,
    "maart": 3,
    "march": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "augustus": 8,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = frozenset(
    {
        *("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
        *("ma", "di", "wo", "do", "vr", "za", "zo"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    }
)
RELATIVE = {
    "vandaag": 0,
    "today": 0,
    "morgen": 1,
    "tomorrow": 1,
    "overmorgen": 2,
    "gisteren": -1,
    "yesterday": -1,
}
YEARS = (1900, 2100)  # outside these, a typed year is a typo

# a time at the end: "10:00", "10.00", "10u", "10 uur", "10u30", "om 10", "at 10"
_TIME = re.compile(
    r"(?:^|[\s,]+)(?:(?:om|at)\s+)?(\d{1,2})(?:[:.](\d{2})|\s*(?:u|uur|h)(\d{2})?)\s*$"
)
_TIME_AFTER_WORD = re.compile(r"[\s,]+(?:om|at)\s+(\d{1,2})\s*$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[-/.\s]\s*(\d{1,2})(?:\s*[-/.\s]\s*(\d{2}|\d{4}))?")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")
_WORDED = re.compile(r"(\d{1,2})\s*([a-z]+)\.?(?:\s+(\d{2}|\d{4}))?")


class NotUnderstood(ValueError):
    """What was typed is not a date (or time); ``str(exc)`` says why, for the user."""


def _clean(text: str) -> str:
    text = " ".join(text.strip().casefold().split())
    words = text.replace(",", " , ").split()
    while words and words[0].rstrip(".") in WEEKDAYS:  # "woensdag 9 december": the day name
        words = words[1:]
    return " ".join(words).replace(" , ", ", ").replace(" ,", ",").strip(" ,")


def _year(text: str | None, day: int, month: int, today: dt.date) -> int:
    if text is None:  # the occurrence nearest to today
        candidates = []
        for year in (today.year - 1, today.year, today.year + 1):
            try:
                candidates.append(dt.date(year, month, day))
            except ValueError:
                continue
        if not candidates:
            raise NotUnderstood(_("That day does not exist in that month."))
        return min(candidates, key=lambda d: abs((d - today).days)).year
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _date(day: int, month: int, year: int) -> dt.date:
    if not 1 <= month <= 12:
        raise NotUnderstood(_("There is no month {month}.", month=month))
    if not YEARS[0] <= year <= YEARS[1]:
        raise NotUnderstood(_("The year {year} cannot be right.", year=year))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotUnderstood(_("That day does not exist in that month.")) from None


def read_date(text: str, today: dt.date) -> dt.date:
    """The date in ``text`` (see the module). Raises ``NotUnderstood``."""
    cleaned = _clean(text)
    if not cleaned:
        raise NotUnderstood(_("Type a date, for example 9-12-2026."))
    if cleaned in RELATIVE:
        return today + dt.timedelta(days=RELATIVE[cleaned])
    if m := _ISO.fullmatch(cleaned):
        year, month, day = (int(g) for g in m.groups())
        return _date(day, month, year)
    if m := _DIGITS.fullmatch(cleaned):
        day, month = int(m[1]), int(m[2])
        return _date(day, month, _year(m[3], day, month, today))
    if m := _NUMERIC.fullmatch(cleaned):
        day, month = int(m[1]), int(m[2])
        return _date(day, month, _year(m[3], day, month, today))
    if m := _WORDED.fullmatch(cleaned):
        month_word = m[2]
        if month_word not in MONTHS:
            raise NotUnderstood(_("'{word}' is not a month.", word=month_word))
        day, month = int(m[1]), MONTHS[month_word]
        return _date(day, month, _year(m[3], day, month, today))
    raise NotUnderstood(_("'{text}' is not a date. Type for example 9-12-2026.", text=text.strip()))


def _split_time(cleaned: str) -> tuple[str, dt.time | None]:
    """The date part and the time at the end of ``cleaned`` (None when there is none)."""
    m = _TIME.search(cleaned) or _TIME_AFTER_WORD.search(cleaned)
    if m is None:
        return cleaned, None
    hour = int(m[1])
    minute = int(next((g for g in m.groups()[1:] if g), "0"))
    if hour > 23 or minute > 59:
        raise NotUnderstood(_("{time} is not a time of day.", time=m[0].strip(" ,")))
    return cleaned[: m.start()].strip(" ,"), dt.time(hour, minute)


def read_moment(text: str, today: dt.date) -> dt.datetime:
    """A date and a time of day (naive, local). Raises ``NotUnderstood``, also when the time
    is missing: an appointment without a time is not guessed at 00:00."""
    cleaned = _clean(text)
    if not cleaned:
        raise NotUnderstood(_("Type a date and a time, for example 9-12-2026 10:00."))
    date_part, time = _split_time(cleaned)
    if time is None:
        try:
            read_date(date_part, today)  # a wrong date says so first
        except NotUnderstood:
            raise NotUnderstood(
                _(
                    "'{text}' is not a date and time. Type for example 9-12-2026 10:00.",
                    text=text.strip(),
                )
            ) from None
        raise NotUnderstood(_("Type a time as well, for example 10:00."))
    return dt.datetime.combine(read_date(date_part, today), time)
