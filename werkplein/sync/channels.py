"""Which key a piece of data travels under on the share.

``g`` (general) is readable by every device of the team; ``h`` (handhaving: fines and their
notes, and every audit entry about them: changes, views, exports) only by devices whose role may
see fines, because only they receive that second key.
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


def of_audit(detail: str) -> str:
    """An audit entry about fine data (``boete,notitie`` for a change, ``boete:<id>`` for a view
    or an export of one) travels with the fines: a werkcoach never learns of them."""
    tokens = {token.split(":", 1)[0] for token in detail.split(",")}
    return "h" if tokens & HANDHAVING else "g"


def audit_condition(channel: str) -> str:
    """SQL over audit_log.detail selecting one channel: the same rule as ``of_audit``."""
    tests = " OR ".join(
        f"(',' || detail || ',') LIKE '%,{name},%' OR (',' || detail) LIKE '%,{name}:%'"
        for name in sorted(HANDHAVING)
    )
    return f"({tests})" if channel == "h" else f"NOT ({tests})"
