"""Dates and times as people type them: understood exactly, or refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from werkplein.domain.typed_dates import NotUnderstood, read_date, read_moment

TODAY = dt.date(2026, 12, 5)  # a Saturday in December: "5/1" is next January


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("9-12-2026", dt.date(2026, 12, 9)),
        ("09-12-2026", dt.date(2026, 12, 9)),
        ("9-12-26", dt.date(2026, 12, 9)),
        ("09-12-26", dt.date(2026, 12, 9)),
        ("9/12/2026", dt.date(2026, 12, 9)),
        ("9.12.2026", dt.date(2026, 12, 9)),
        (" 9 - 12 - 2026 ", dt.date(2026, 12, 9)),
        ("09122026", dt.date(2026, 12, 9)),
        ("091226", dt.date(2026, 12, 9)),
        ("2026-12-09", dt.date(2026, 12, 9)),
        ("9 dec", dt.date(2026, 12, 9)),
        ("9 dec.", dt.date(2026, 12, 9)),
        ("9 December 2026", dt.date(2026, 12, 9)),
        ("woensdag 9 december 2026", dt.date(2026, 12, 9)),
        ("9 mrt", dt.date(2027, 3, 9)),  # nearest to today: next March
        ("9/12", dt.date(2026, 12, 9)),
        ("5/1", dt.date(2027, 1, 5)),
        ("30-11", dt.date(2026, 11, 30)),
        ("morgen", dt.date(2026, 12, 6)),
        ("Vandaag", TODAY),
    ],
)
def test_a_date_as_typed(typed: str, meant: dt.date) -> None:
    assert read_date(typed, TODAY) == meant


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "Typ een datum"),
        ("31-2-2026", "bestaat niet"),
        ("29-2", "bestaat niet"),  # no 29 February near 2026
        ("9-13-2026", "maand 13"),
        ("1-1-1850", "1850"),
        ("9 decembr", "'decembr' is geen maand"),
        ("volgende week", "geen datum"),
        ("9-12-2026 10:00", "geen datum"),  # a date field takes no time: never half-read
        ("12345", "geen datum"),
    ],
)
def test_what_is_not_a_date_is_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(NotUnderstood) as refused:
        read_date(typed, TODAY)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("9/12 10:00", dt.datetime(2026, 12, 9, 10, 0)),
        ("08-12-2026 14:30", dt.datetime(2026, 12, 8, 14, 30)),
        ("9-12-26 9.15", dt.datetime(2026, 12, 9, 9, 15)),
        ("9 dec 10u", dt.datetime(2026, 12, 9, 10, 0)),
        ("9 dec 10u30", dt.datetime(2026, 12, 9, 10, 30)),
        ("9 dec om 10", dt.datetime(2026, 12, 9, 10, 0)),
        ("9 dec 10 uur", dt.datetime(2026, 12, 9, 10, 0)),
        ("woensdag 9 december 2026, 10:00", dt.datetime(2026, 12, 9, 10, 0)),
        ("morgen 9:15", dt.datetime(2026, 12, 6, 9, 15)),
    ],
)
def test_a_moment_as_typed(typed: str, meant: dt.datetime) -> None:
    assert read_moment(typed, TODAY) == meant


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("9-12-2026", "ook een tijd"),  # never 00:00 by guess
        ("9-12-2026 25:00", "25:00 is geen tijdstip"),
        ("9-12-2026 10:75", "geen tijdstip"),
        ("31-11 10:00", "bestaat niet"),
        ("straks", "geen datum en tijd"),
    ],
)
def test_what_is_not_a_moment_is_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(NotUnderstood) as refused:
        read_moment(typed, TODAY)
    assert reason in str(refused.value)
