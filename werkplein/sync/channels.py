"""Which key a piece of data travels under on the share.

``g`` (general) is readable by every device of the team; ``h`` (handhaving: fines and their
notes, and audit entries about them) only by devices whose role may see fines, because only
they receive that second key.
"""

from __future__ import annotations

from werkplein.store.entities import ENTITIES

CHANNELS = ("g", "h")
HANDHAVING = frozenset(s.name for s in ENTITIES.values() if s.handhaving)


def of_change(entity: str) -> str:
    return "h" if entity in HANDHAVING else "g"


def change_condition(channel: str) -> tuple[str, tuple[str, ...]]:
    """SQL over change_log.entity selecting one channel, with its parameters."""
    names = tuple(sorted(HANDHAVING))
    negate = "" if channel == "h" else "NOT "
    return f"entity {negate}IN ({','.join('?' * len(names))})", names


def audit_condition(channel: str) -> str:
    """Audit entries name the entities they touched, comma-separated, in ``detail``."""
    tests = " OR ".join(f"(',' || detail || ',') LIKE '%,{name},%'" for name in sorted(HANDHAVING))
    return f"({tests})" if channel == "h" else f"NOT ({tests})"
