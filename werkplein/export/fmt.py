"""Dates, times and money as a Dutch reader expects them on paper (babel, active language)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_currency

from werkplein.i18n import _, locale_name


def money(cents: int | None) -> str:
    if cents is None:
        return "-"
    return str(format_currency(cents / 100, "EUR", locale=locale_name()))


def _parse(value: str | dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    if "T" in text:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone()  # the laptop's time zone, as the app shows it
        return moment.replace(tzinfo=None)
    return dt.date.fromisoformat(text[:10])


def date(value: str | dt.date | dt.datetime | None) -> str:
    """``23 november 2026``."""
    if not value:
        return "-"
    day = _parse(value)
    if isinstance(day, dt.datetime):
        day = day.date()
    return str(format_date(day, format="long", locale=locale_name()))


def short_date(value: str | dt.date | dt.datetime | None) -> str:
    """``23-11-2026`` (tables)."""
    if not value:
        return "-"
    day = _parse(value)
    if isinstance(day, dt.datetime):
        day = day.date()
    return str(format_date(day, format="short", locale=locale_name()))


def moment(value: str | dt.datetime | None) -> str:
    """``23 november 2026, 10:15`` (a date alone is shown as a date)."""
    if not value:
        return "-"
    when = _parse(value)
    if not isinstance(when, dt.datetime):
        return date(when)
    return _(
        "{date}, {time}",
        date=format_date(when.date(), format="long", locale=locale_name()),
        time=format_time(when.time(), format="short", locale=locale_name()),
    )


def yes_no(value: object) -> str:
    if value is None:
        return "-"
    return _("yes") if value else _("no")


def address(resident: Mapping[str, Any]) -> str:
    """``Dorpsstraat 12, 1234 AB Lindendal``."""
    street = " ".join(p for p in (resident.get("street"), resident.get("house_number")) if p)
    town = " ".join(p for p in (resident.get("postcode"), resident.get("city")) if p)
    return ", ".join(p for p in (street, town) if p) or "-"
