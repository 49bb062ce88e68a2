"""The core's types and helpers the UI shows or passes on, in one place: the UI imports
services and domain only (a ruff rule in ``ui/ruff.toml`` guards it), never the store or the
sync engine."""

from __future__ import annotations

from werkplein.store.clock import Clock, iso, parse_hlc, process_clock
from werkplein.store.entities import ENTITIES
from werkplein.store.entities import T as FieldKind
from werkplein.store.erase import Erased
from werkplein.store.search import ResidentHit
from werkplein.store.store import Changes, Record
from werkplein.sync.report import SyncReport
from werkplein.sync.team import INVITE_DAYS

__all__ = [
    "INVITE_DAYS",
    "Changes",
    "Clock",
    "Erased",
    "FieldKind",
    "Record",
    "ResidentHit",
    "SyncReport",
    "field_kind",
    "iso",
    "parse_hlc",
    "process_clock",
]


def field_kind(entity: str, name: str) -> FieldKind | None:
    """What kind of value a field holds (a date, money in cents, a reference, ...)."""
    spec = ENTITIES.get(entity)
    return spec.fields.get(name) if spec is not None else None
