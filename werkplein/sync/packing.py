"""How a bundle's or a snapshot's content is packed: compact JSON, compressed; unpacked within
the limits of bounds.py and checked row by row (rows.py)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from typing import Any

from werkplein.sync import bounds, rows
from werkplein.sync.bounds import Refused

BUNDLE_BUDGET = 8 * 1024 * 1024  # JSON bytes per bundle or snapshot section, about (bounds.py)


class Malformed(Refused):
    """An authentic file (its laptop's signature holds) whose content no laptop may apply."""


def pack(payload: dict[str, Any]) -> bytes:
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), 6)


Opener = Callable[[Any], rows.Payload]  # a section's JSON -> its checked, opened content


def unpack(data: bytes, opener: Opener = rows.payload) -> rows.Payload:
    """A section's content within the limits of bounds.py, every row checked (rows.py);
    ``opener`` also opens what is sealed with resident keys (rings.open_payload)."""
    return opener(bounds.load_json(bounds.inflate(data)))


def key_generation(header: dict[str, Any]) -> int:
    """The key generation a file was written with (0: before any rotation)."""
    number = header.get("gen", 0)
    return number if isinstance(number, int) and not isinstance(number, bool) else -1
