"""Which key a piece of data travels under on the share.

``g`` (general) is readable by every device of the team; ``h`` (handhaving: fines and their
notes, and every audit entry about them: changes, views, exports) only by devices whose role may
see fines, because only they receive that second key.
"""

from __future__ import annotations

from werkplein.store.audit import chain_of
from werkplein.store.entities import HANDHAVING

CHANNELS = ("g", "h")


def of_change(entity: str) -> str:
    return "h" if entity in HANDHAVING else "g"


def change_condition(channel: str) -> tuple[str, tuple[str, ...]]:
    """SQL over change_log.entity selecting one channel, with its parameters."""
    names = tuple(sorted(HANDHAVING))
    negate = "" if channel == "h" else "NOT "
    return f"entity {negate}IN ({','.join('?' * len(names))})", names


def of_audit(detail: str) -> str:
    """An audit entry about fine data travels with the fines (its chain: store/audit.py), so a
    werkcoach never learns of them and still holds whole chains."""
    return chain_of(detail)


def audit_condition(channel: str) -> str:
    """SQL over audit_log.detail selecting one channel: the same rule as ``of_audit``."""
    tests = " OR ".join(
        f"(',' || detail || ',') LIKE '%,{name},%' OR (',' || detail) LIKE '%,{name}:%'"
        for name in sorted(HANDHAVING)
    )
    return f"({tests})" if channel == "h" else f"NOT ({tests})"
