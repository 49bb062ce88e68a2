"""Small rules about records that every layer uses: how a resident's name reads, and which
records are live (not removed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

R = TypeVar("R", bound=Mapping[str, Any])


def display_name(resident: Mapping[str, Any]) -> str:
    """First names, prefix and last name, as the resident is addressed."""
    parts = [resident.get("first_names"), resident.get("prefix"), resident.get("last_name")]
    return " ".join(p for p in parts if p)


def live(records: Sequence[R]) -> list[R]:
    """The records not removed (a removal is a tombstone: ``deleted``)."""
    return [r for r in records if not r.get("deleted")]
