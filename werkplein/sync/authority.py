"""Who may write what, checked again when a change arrives from the share.

What a laptop may not do through the app, it must not achieve through the share either: a
patched app on an enrolled laptop signs with real keys, so a valid signature proves only who
wrote a change, not that it was allowed. Every change and audit entry is checked against the
rules the services enforce, for the user enrolled on the laptop that signed it:

- the **role** is the one in the team's signed roster (the teamleider's invitation), never a
  field that arrived through sync;
- a change's **author** is the laptop's own user, and an **op id** (and the id of a note it
  writes) carries that laptop's tag (``werkplein.store.ids``), so nobody can re-send a
  colleague's change or overwrite a colleague's note;
- each entity (and some fields) needs a permission of the role; fields that name a person
  acting (``goedgekeurd_door``, ``author_id``, ...) name the laptop's own user;
- only a teamleider sets a decision that deviates from policy, and nobody changes a set one;
- audit entries are the laptop's own user's.

The verdict is a pure function of signed data (the row, its signer's roster entry, and for a set
decision the change that set it), so every honest laptop refuses the same changes and still
reaches the same state. Refused changes are kept out of the data, recorded and reported; a
refusal never blocks the laptop's later changes.

The root laptop (the teamleider's that created the werkplein) brought the data it held before
the share existed, possibly made by several users on one laptop (the demo, an import): its
changes and audit entries stamped before its certificate are taken as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from werkplein.domain import besluit as rules
from werkplein.domain.roles import WRITE_PERMISSION, Permission, Role, allowed
from werkplein.store.entities import ENTITIES
from werkplein.store.ids import device_code, id_tag

# fields whose value must be the acting user (when the change writes them)
SELF_FIELDS: dict[str, frozenset[str]] = {
    "notitie": frozenset({"author_id"}),
    "boete_notitie": frozenset({"author_id"}),
    "besluit": frozenset({"opgesteld_door", "vastgesteld_door", "goedgekeurd_door"}),
    "signaal": frozenset({"ingediend_door"}),
    "overdracht": frozenset({"van_id"}),
}
# fields that need more than the entity's permission
FIELD_PERMISSION: dict[tuple[str, str], Permission] = {
    ("besluit", "goedgekeurd_door"): Permission.APPROVE_DECISION,
    ("besluit", "goedgekeurd_op"): Permission.APPROVE_DECISION,
    ("besluit", "goedkeuring_opmerking"): Permission.APPROVE_DECISION,
    ("inwoner", "bewaren_tot"): Permission.DESTROY_DOSSIERS,
    ("inwoner", "bewaren_reden"): Permission.DESTROY_DOSSIERS,
    ("signaal", "status"): Permission.REVIEW_SIGNALS,
    ("signaal", "reactie"): Permission.REVIEW_SIGNALS,
    ("signaal", "thema"): Permission.REVIEW_SIGNALS,
}
# decision statuses and who may move a decision into them
STATUS_PERMISSION: dict[str, Permission] = {
    rules.CONCEPT: Permission.DRAFT_DECISION,
    rules.TER_GOEDKEURING: Permission.DRAFT_DECISION,
    rules.AFGEKEURD: Permission.APPROVE_DECISION,
    rules.VASTGESTELD: Permission.SET_DECISION,
}
ROLES = frozenset(r.value for r in Role)
# what registering a fine writes (FineService.open): all a role that may only start one may do
START_BOETE_FIELDS = frozenset(
    {
        "inwoner_id",
        "casus_id",
        "behandelaar_id",
        "overtreding",
        "overtreding_op",
        "benadelingsbedrag_cent",
        "verwijtbaarheid",
        "afzien",
        "status",
        "gesprek_agenda",
        "voorgesteld_bedrag_cent",
        "berekening",
    }
)


@dataclass(frozen=True)
class Actor:
    """The user enrolled on a laptop, as the team's signed roster has it."""

    device_id: str
    user_id: str
    role: Role
    since: str | None = None  # the root laptop: when it created the werkplein (ISO, UTC)

    def history(self, at: object) -> bool:
        """Whether something stamped ``at`` is the root laptop's own history."""
        return self.since is not None and isinstance(at, str) and at <= self.since

    def may(self, permission: Permission) -> bool:
        return allowed(self.role, permission)


FrozenLookup = Callable[[str, str], bool]  # (entity, record id) -> set already
ExistsLookup = Callable[[str, str], bool]  # (entity, record id) -> this laptop has the record


def check_change(
    actor: Actor,
    row: list[Any],
    frozen: FrozenLookup,
    parsed: dict[str, list[Any]] | None = None,
    exists: ExistsLookup | None = None,
) -> str | None:
    """Why ``row`` (a checked change-log row, see rows.py) is refused, or None to apply it.
    ``parsed`` is its payload as rows.py parsed it already."""
    _op, _hlc, _device, _author, at, entity, record_id, _kind, payload, _parents = row
    spec = ENTITIES.get(entity)
    if spec is None:
        return "unknown-entity"
    history = actor.history(at)  # the root's own past: several authors, ids without tags
    if not history and (reason := check_identity(actor, row)) is not None:
        return reason
    fields: dict[str, list[Any]] = parsed if parsed is not None else json.loads(payload)
    unknown = set(fields) - set(spec.fields)
    if unknown:
        return "unknown-field"
    permission = WRITE_PERMISSION[entity]
    if entity == "boete" and not actor.may(permission) and actor.may(Permission.START_BOETE):
        known = exists is not None and exists(entity, record_id)
        if not record_id.endswith(id_tag(actor.device_id)) or known:
            return "not-allowed"  # only a new fine of its own, never one that exists
        return _started_fine(row[7], fields)
    if not actor.may(permission):
        return "not-allowed"
    for name, (_old, new) in fields.items():
        needed = FIELD_PERMISSION.get((entity, name))
        if needed is not None and not actor.may(needed):
            return "not-allowed"
        if (
            not history
            and name in SELF_FIELDS.get(entity, ())
            and new is not None
            and new != actor.user_id
        ):
            return "not-its-author"
    if entity == "gebruiker" and "role" in fields and fields["role"][1] not in ROLES:
        return "unknown-role"
    if entity == "besluit":
        kenmerk = fields.get("kenmerk", [None, None])[1]
        if kenmerk is not None and not history and not _its_kenmerk(actor, kenmerk):
            return "not-its-kenmerk"  # a reference is the setting laptop's own
        return _decision(actor, record_id, fields, frozen, history)
    return None


def _its_kenmerk(actor: Actor, kenmerk: object) -> bool:
    """``WP-<year>-<this laptop's code>-<number>``: only the laptop that sets a decision gives
    it its reference, from its own series (a copied or planted one would hide the real one)."""
    pattern = rf"WP-\d{{4}}-{device_code(actor.device_id)}-[1-9]\d{{0,8}}"
    return isinstance(kenmerk, str) and re.fullmatch(pattern, kenmerk) is not None


def _started_fine(kind: str, fields: Mapping[str, list[Any]]) -> str | None:
    """A role that may only register a fine: a new fine, in preparation, handled by nobody
    yet (a boete-ambtenaar takes it over); never a change to one."""
    if kind != "insert" or not set(fields) <= START_BOETE_FIELDS:
        return "not-allowed"
    if fields.get("status", [None, None])[1] != "voorbereiding":
        return "not-allowed"
    if fields.get("behandelaar_id", [None, None])[1] is not None:
        return "not-allowed"
    return None


def check_identity(actor: Actor, row: list[Any]) -> str | None:
    """Whether the change is its laptop's own: author, op id and (for a note) record id."""
    op_id, _hlc, _device, author_id, at, entity, record_id = row[:7]
    if actor.history(at):
        return None
    if author_id != actor.user_id:
        return "not-its-author"
    if not str(op_id).endswith(id_tag(actor.device_id)):
        return "not-its-op-id"
    spec = ENTITIES.get(entity)
    if spec is not None and spec.append_only and not record_id.endswith(id_tag(actor.device_id)):
        return "not-its-record"  # a note is written once, by the laptop that made it
    return None


def _decision(
    actor: Actor,
    record_id: str,
    fields: Mapping[str, list[Any]],
    frozen: FrozenLookup,
    history: bool = False,
) -> str | None:
    if frozen("besluit", record_id) and not history:
        return "decision-set"  # a set decision never changes, whatever the change's stamp
    status = fields.get("status", [None, None])[1]
    if status is None:
        return None
    needed = STATUS_PERMISSION.get(status)
    if needed is None:
        return "unknown-status"
    if not actor.may(needed):
        return "not-allowed"
    if status == rules.VASTGESTELD and not actor.may(Permission.APPROVE_DECISION):
        # only a teamleider sets a decision that deviates from policy (by approving it)
        toets = fields.get("toets", [None, None])[1]
        deviates = fields.get("afwijking_beleid", [None, False])[1]
        if not isinstance(toets, dict) or toets.get("afwijking_beleid") or deviates:
            return "needs-approval"
    return None


def check_audit(actor: Actor, row: list[Any]) -> str | None:
    """Audit entries are the signing laptop's own user's (the root's history aside)."""
    if actor.history(row[2]):
        return None
    return None if row[3] == actor.user_id else "not-its-author"
