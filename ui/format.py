"""Values as people read them, in the active language: the one place for dates, moments,
money, font sizes and stored values of any kind (the history, the conflicts)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_currency
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QFont

from werkplein import i18n
from werkplein.i18n import _
from werkplein.services.types import FieldKind, field_kind

# ---------------------------------------------------------------------------- dates


def day_at(day: dt.date, hour: int, minute: int = 0) -> QDateTime:
    """A local date and time for a date-time field (e.g. a proposed appointment)."""
    return QDateTime(QDate(day.year, day.month, day.day), QTime(hour, minute))


def parse_moment(stamp: str | None) -> dt.datetime | dt.date | None:
    """An ISO date ("2026-11-23") or moment ("2026-11-23T09:15:00.000Z") from the store."""
    if not stamp:
        return None
    try:
        if "T" not in stamp:
            return dt.date.fromisoformat(stamp[:10])
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()  # shown in the laptop's own time zone


def local_moment(stamp: str) -> dt.datetime | dt.date | None:
    """A stored stamp (``2026-11-23``, ``2026-11-23T10:00Z``) as a local date or naive time."""
    moment = parse_moment(stamp)
    if isinstance(moment, dt.datetime):
        return moment.replace(tzinfo=None)
    return moment


def format_day(value: str | dt.date | None) -> str:
    """A date in the active language: "23 nov. 2026"."""
    if isinstance(value, str):
        parsed = parse_moment(value)
        value = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    if value is None:
        return ""
    return str(format_date(value, "medium", locale=i18n.locale_name()))


def format_moment(stamp: str | None) -> str:
    """A stored date or moment in the active language, with the time when there is one."""
    parsed = parse_moment(stamp)
    if parsed is None:
        return ""
    if not isinstance(parsed, dt.datetime):
        return format_day(parsed)
    time = format_time(parsed.replace(tzinfo=None).time(), "short", locale=i18n.locale_name())
    return f"{format_day(parsed.date())} {time}"


def format_birth_date(stamp: str | None) -> str:
    """Birth dates as people write them on forms: dd-mm-jjjj."""
    parsed = parse_moment(stamp)
    if parsed is None:
        return ""
    day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    return f"{day:%d-%m-%Y}"


def format_moment_words(stamp: str, date_format: str = "full") -> str:
    """A stamp in words: "maandag 23 november 2026, 10:00" (the date alone when there is no
    time; the stamp itself when it is not one)."""
    moment = parse_moment(stamp)
    locale = i18n.locale_name()
    if moment is None:
        return stamp
    if not isinstance(moment, dt.datetime):
        return str(format_date(moment, date_format, locale=locale))
    return _(
        "{date}, {time}",
        date=format_date(moment.date(), date_format, locale=locale),
        time=format_time(moment.replace(tzinfo=None).time(), "short", locale=locale),
    )


# ---------------------------------------------------------------------------- money
def format_money(cents: int | None, *, empty: str = "") -> str:
    """Integer cents as money in the active locale (``€ 1.234,50``, ``€1,234.50``); zero is
    ``€ 0,00``; no amount (None) is ``empty``. The one money format of the screens."""
    if cents is None:
        return empty
    return str(format_currency(Decimal(cents) / 100, "EUR", locale=i18n.locale_name()))


# ---------------------------------------------------------------------------- fonts
def scaled_font(base: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    """``base`` made ``factor`` times as large (headings, figures), with an optional weight."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    if weight is not None:
        font.setWeight(weight)
    return font


# ---------------------------------------------------------------------------- values
def format_value(entity: str, name: str, value: Any, names: Mapping[str, str]) -> str:
    """A stored value: dates and money in the active language, yes/no, colleagues by name
    (``names``: id -> name), lists and records as short text; an empty value says so."""
    if value is None or value in ("", [], {}):
        return _("(empty)")
    kind = field_kind(entity, name)
    if kind == FieldKind.BOOL or isinstance(value, bool):
        return _("yes") if value else _("no")
    if kind == FieldKind.DATE and isinstance(value, str):
        return format_day(value) or value
    if kind == FieldKind.DATETIME and isinstance(value, str):
        return format_moment(value) or value
    if name.endswith("_cent") and isinstance(value, int):
        return format_money(value)
    if kind == FieldKind.REF and isinstance(value, str):
        return names.get(value, "…")
    if isinstance(value, list):
        return "; ".join(_item(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_item(v)}" for k, v in value.items())
    return str(value)


def _item(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, str | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
