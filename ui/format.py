"""Values as people read them, in the active language: one place for every screen that shows
a stored value it does not know in advance (the history, the conflicts)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ui.widgets import format_day, format_moment
from ui.widgets.money import format_money
from werkplein.i18n import _
from werkplein.services.types import FieldKind, field_kind


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
