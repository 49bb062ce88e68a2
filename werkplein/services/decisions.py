"""Decisions (besluiten): drafted from a case, approved by a teamleider when they deviate from
policy, set when all four toets steps are complete. A set decision never changes: a change makes
a new version that points back to the one it replaces."""

from __future__ import annotations

import re
import uuid
from typing import Any

from werkplein.domain import besluit as rules
from werkplein.domain import toets
from werkplein.domain.dates import local_day, moment_bounds, parse_date
from werkplein.domain.labels import label
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import UITKOMSTEN
from werkplein.errors import NotFound, RuleViolation, ValidationFailed
from werkplein.i18n import _
from werkplein.services.base import Service, choice, required_text
from werkplein.services.types import Changes
from werkplein.store.entities import ENTITIES, FROZEN_COPY
from werkplein.store.ids import device_code
from werkplein.store.store import Record

DRAFT_FIELDS = (
    "uitkomst",
    "voorwaarden",
    "periode_van",
    "periode_tot",
    "heroverweging_op",
    "motivering",
)


def _clean_draft(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in DRAFT_FIELDS:
            raise ValueError(f"not a decision field: {name}")
        if name == "uitkomst":
            choice("outcome", value, UITKOMSTEN)
        elif name == "voorwaarden":
            if value is not None and (
                not isinstance(value, list) or not all(isinstance(v, str) for v in value)
            ):
                raise ValidationFailed(field=_("conditions"), problem=_("must be a list of text"))
            value = [v.strip() for v in value or [] if v.strip()]
        elif name in ("periode_van", "periode_tot", "heroverweging_op") and value:
            try:
                value = parse_date(value).isoformat()
            except ValueError:
                raise ValidationFailed(
                    field=label(name), problem=_("is not a valid date")
                ) from None
        out[name] = value
    van, tot = out.get("periode_van"), out.get("periode_tot")
    if van and tot and tot < van:
        raise ValidationFailed(field=_("period"), problem=_("ends before it starts"))
    return out


def toets_snapshot(case: Record, costs: toets.CostComparison) -> dict[str, Any]:
    """The four steps as they stood when the decision was set, kept inside the decision."""
    snap = {name: case.get(name) for n in toets.STEPS for name in toets.STEP_FIELDS[n]}
    snap["kosten"] = {
        "interventie_cent": costs.interventie_cent,
        "niets_doen_cent": costs.niets_doen_cent,
        "verschil_cent": costs.verschil_cent,
        "regels_interventie": [
            [c.code, c.omschrijving, c.aantal, c.bedrag_cent] for c in costs.interventie
        ],
        "regels_niets_doen": [
            [c.code, c.omschrijving, c.aantal, c.bedrag_cent] for c in costs.niets_doen
        ],
    }
    snap["casus_id"] = case["id"]
    snap["casus_titel"] = case["title"]
    return snap


_DECISION_NAMESPACE = uuid.UUID("0b7c2f3a-5d1e-5f4a-8c6b-2e9d0a1f3b47")


def decision_id(casus_id: str, versie: int) -> str:
    """The id of version ``versie`` of a case's decision, the same on every laptop: two drafts
    of one version made offline are one decision with conflicting fields, never two decisions
    with the same number."""
    return str(uuid.uuid5(_DECISION_NAMESPACE, f"{casus_id}:{versie}"))


# ---------------------------------------------------------------------- the kenmerk
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})  # what a caller may say instead
_KENMERK = re.compile(r"WP-(\d{4})-([0-9A-Z]{4})-0*(\d+)")
_ID_START = re.compile(r"[0-9a-f]{8}")  # the fallback reference of a decision without kenmerk


def kenmerk_prefix(year: str, code: str) -> str:
    return f"WP-{year}-{code}-"


def kenmerk(year: str, code: str, number: int) -> str:
    """``WP-2026-K7QD-142``: the year the decision was set, the laptop that set it, and that
    laptop's count of the decisions it set in that year."""
    return f"{kenmerk_prefix(year, code)}{number}"


def normalized_kenmerk(text: str) -> str | None:
    """A kenmerk as typed or heard (lower case, spaces, O for 0, leading zeros) in its
    written form, or None when ``text`` is not one."""
    compact = "".join(text.split()).upper()
    found = _KENMERK.fullmatch(compact)
    if found is None:
        return None
    year, code, number = found.groups()
    return kenmerk(year, code.translate(_READ_AS), int(number))


class DecisionService(Service):
    def get(self, besluit_id: str) -> Record:
        """A decision by its id, or by its kenmerk (``WP-2026-K7QD-142``), or by the first 8
        characters of its id (what documents show of a decision set without a kenmerk)."""
        self.session.require(Permission.VIEW_DOSSIER)
        decision = self._lookup(besluit_id)
        self._viewed(decision["inwoner_id"], f"besluit:{decision['id']}")
        return decision

    def _lookup(self, reference: str) -> Record:
        found = self.store.get("besluit", reference)
        if found is None:
            wanted = normalized_kenmerk(reference)
            if wanted is not None:
                matches = self.store.find("besluit", "kenmerk = ?", (wanted,))
            elif _ID_START.fullmatch(reference.strip().lower()):
                start = reference.strip().lower()
                matches = self.store.find("besluit", "id >= ? AND id < ?", (start, start + "g"))
            else:
                matches = []
            found = matches[0] if len(matches) == 1 else None
        if found is None:
            raise NotFound(what="besluit", ident=reference)
        return found

    def _next_kenmerk(self, now: str) -> str:
        """The kenmerk of a decision this laptop sets at ``now``: one more than the highest
        number it gave in that year (counted in the store, where every decision it set is, also
        after a restore: its own changes come back from the share first). The highest, not the
        count: a number is never given twice, also when a decision is gone (an erasure)."""
        year, code = local_day(now)[:4], device_code(self.store.device_id)
        prefix = kenmerk_prefix(year, code)
        given = self.store.rows(
            "SELECT kenmerk FROM besluit WHERE kenmerk >= ? AND kenmerk < ?",
            (prefix, prefix[:-1] + "."),  # "." follows "-": every kenmerk with this prefix
        )
        tails = (str(k)[len(prefix) :] for (k,) in given)
        return kenmerk(year, code, max((int(t) for t in tails if t.isdigit()), default=0) + 1)

    def for_case(self, casus_id: str) -> list[Record]:
        self.session.require(Permission.VIEW_DOSSIER)
        return self.store.find("besluit", "casus_id = ?", (casus_id,), "versie")

    def draft(self, casus_id: str, **values: Any) -> str:
        """A new draft decision (version 1, or the next version after a set one)."""
        self.session.require(Permission.DRAFT_DECISION)
        case = self.store.require("casus", casus_id)
        clean = _clean_draft(values)
        required_text("outcome", clean.get("uitkomst"))
        previous = self.for_case(casus_id)
        open_drafts = [d for d in previous if d["status"] in (*rules.EDITABLE, "ter_goedkeuring")]
        if open_drafts:
            raise RuleViolation(_("This case already has a decision in progress."))
        set_ones = [d for d in previous if d["status"] == rules.VASTGESTELD]
        versie = len(previous) + 1
        with self._write() as w:
            besluit_id, _change = w.put(
                "besluit",
                decision_id(casus_id, versie),
                {
                    **clean,
                    "casus_id": casus_id,
                    "inwoner_id": case["inwoner_id"],
                    "versie": versie,
                    "vorige_versie_id": set_ones[-1]["id"] if set_ones else None,
                    "afwijking_beleid": bool(case.get("afwijking_beleid")),
                    "status": rules.CONCEPT,
                    "opgesteld_door": self.user_id,
                },
            )
        return besluit_id

    def update_draft(self, besluit_id: str, **values: Any) -> Changes:
        self.session.require(Permission.DRAFT_DECISION)
        decision = self.store.require("besluit", besluit_id)
        if decision["status"] not in rules.EDITABLE:
            raise RuleViolation(rules.NOT_EDITABLE)
        with self._write() as w:
            w.put("besluit", besluit_id, _clean_draft(values))
        return w.changes

    def new_version(self, besluit_id: str, **values: Any) -> str:
        """Change a set decision: a new draft version, the set one stays as it was."""
        decision = self.store.require("besluit", besluit_id)
        base = {k: decision[k] for k in DRAFT_FIELDS}
        return self.draft(decision["casus_id"], **{**base, **values})

    def _case_ready(self, decision: Record) -> Record:
        case = self.store.require("casus", decision["casus_id"])
        if not toets.all_complete(case):
            raise RuleViolation(rules.NOT_COMPLETE)
        required_text("motivation", decision.get("motivering"))
        return case

    def submit(self, besluit_id: str) -> Changes:
        """Send a decision that deviates from policy to the teamleider."""
        self.session.require(Permission.DRAFT_DECISION)
        decision = self.store.require("besluit", besluit_id)
        if decision["status"] not in rules.EDITABLE:
            raise RuleViolation(rules.NOT_EDITABLE)
        case = self._case_ready(decision)
        if not case.get("afwijking_beleid"):
            raise RuleViolation(rules.NO_DEVIATION)
        with self._write() as w:
            w.put(
                "besluit",
                besluit_id,
                {
                    "status": rules.TER_GOEDKEURING,
                    "ingediend_op": self._now(),
                    "afwijking_beleid": True,
                },
            )
        return w.changes

    def approve(self, besluit_id: str, opmerking: str = "") -> Changes:
        """The teamleider stands behind the choice: approving sets the decision."""
        self.session.require(Permission.APPROVE_DECISION)
        decision = self.store.require("besluit", besluit_id)
        if decision["status"] != rules.TER_GOEDKEURING:
            raise RuleViolation(rules.NOT_SUBMITTED)
        if decision["opgesteld_door"] == self.user_id:
            raise RuleViolation(rules.OWN_DECISION)
        case = self._case_ready(decision)
        now = self._now()
        with self._write() as w:
            w.put(
                "besluit",
                besluit_id,
                self._set_fields(
                    case,
                    decision,
                    now,
                    goedgekeurd_door=self.user_id,
                    goedgekeurd_op=now,
                    goedkeuring_opmerking=opmerking.strip() or None,
                ),
            )
        return w.changes

    def send_back(self, besluit_id: str, opmerking: str) -> Changes:
        self.session.require(Permission.APPROVE_DECISION)
        decision = self.store.require("besluit", besluit_id)
        if decision["status"] != rules.TER_GOEDKEURING:
            raise RuleViolation(rules.NOT_SUBMITTED)
        with self._write() as w:
            w.put(
                "besluit",
                besluit_id,
                {
                    "status": rules.AFGEKEURD,
                    "goedkeuring_opmerking": required_text("comment", opmerking),
                },
            )
        return w.changes

    def set(self, besluit_id: str) -> Changes:
        """Vaststellen: only when all four steps are complete, and after approval when the
        decision deviates from policy."""
        self.session.require(Permission.SET_DECISION)
        decision = self.store.require("besluit", besluit_id)
        if decision["status"] == rules.VASTGESTELD:
            raise RuleViolation(rules.NOT_EDITABLE)
        case = self._case_ready(decision)
        if case.get("afwijking_beleid"):
            raise RuleViolation(rules.NEEDS_APPROVAL)
        if decision["status"] not in rules.EDITABLE:
            raise RuleViolation(rules.NOT_EDITABLE)
        with self._write() as w:
            w.put("besluit", besluit_id, self._set_fields(case, decision, self._now()))
        return w.changes

    def _set_fields(
        self, case: Record, decision: Record, now: str, **approval: Any
    ) -> dict[str, Any]:
        """What setting writes: the status, who and when, the kenmerk, and inside ``toets`` the
        four steps and the whole decision as set (``toets.besluit``, kenmerk included). That
        copy is what the decision is from then on, on every laptop, whatever else arrives with
        whatever stamp."""
        fields: dict[str, Any] = {
            "status": rules.VASTGESTELD,
            "vastgesteld_door": self.user_id,
            "vastgesteld_op": now,
            "afwijking_beleid": bool(case.get("afwijking_beleid")),
            "kenmerk": self._next_kenmerk(now),
            **approval,
        }
        snapshot = toets_snapshot(case, self.session.cases.costs(case))
        snapshot[FROZEN_COPY] = {
            name: value
            for name, value in {**decision, **fields}.items()
            if name in ENTITIES["besluit"].fields and name != "toets"
        }
        return {**fields, "toets": snapshot}

    def awaiting_approval(self) -> list[Record]:
        """Decisions waiting for a teamleider, oldest first, each with ``ingediend_door``:
        who submitted it (the author of the change that did, from the change log)."""
        self.session.require(Permission.APPROVE_DECISION)
        waiting = self.store.find("besluit", "status = ?", (rules.TER_GOEDKEURING,), "ingediend_op")
        return [{**d, "ingediend_door": self._submitter(d)} for d in waiting]

    def _submitter(self, decision: Record) -> str | None:
        for change in reversed(self.store.history("besluit", decision["id"])):
            if change.fields.get("status", (None, None))[1] == rules.TER_GOEDKEURING:
                return change.author_id
        return decision.get("opgesteld_door")

    def answers(self, since: str) -> list[Record]:
        """The teamleider's answers to this user's decisions (Mijn werk): every one sent back
        and not yet revised, and every approval from ``since`` (an ISO moment) on."""
        self.session.require(Permission.DRAFT_DECISION)
        return self.store.find(
            "besluit",
            "opgesteld_door = ? AND (status = ? OR (goedgekeurd_door IS NOT NULL "
            "AND goedgekeurd_op >= ?))",
            (self.user_id, rules.AFGEKEURD, since),
            "ingediend_op DESC",
        )

    def reviews_due(self, until: str) -> list[Record]:
        """Set decisions whose review date falls on or before ``until`` and that have no later
        version yet: the klantmanager looks at them again."""
        self.session.require(Permission.VIEW_DOSSIER)
        return self.store.find(
            "besluit",
            "status = 'vastgesteld' AND heroverweging_op IS NOT NULL AND heroverweging_op <= ? "
            "AND NOT EXISTS "
            "(SELECT 1 FROM besluit later WHERE later.vorige_versie_id = besluit.id)",
            (until,),
            "heroverweging_op",
        )

    def counted_between(self, start: str, end: str, gemeente: str | None = None) -> list[Record]:
        """What is left of the set decisions of destroyed dossiers with vastgesteld_op in
        [start, end]: outcome, gemeente and deviation, for the period overview's counts."""
        self.session.require(Permission.VIEW_DOSSIER)
        where = "vastgesteld_op >= ? AND vastgesteld_op < ?"
        params: list[Any] = list(moment_bounds(start, end))
        if gemeente:
            where += " AND gemeente = ?"
            params.append(gemeente)
        return self.store.find("besluit_telling", where, params, "vastgesteld_op")

    def set_between(self, start: str, end: str, gemeente: str | None = None) -> list[Record]:
        """Set decisions with vastgesteld_op in [start, end] (dates, inclusive)."""
        self.session.require(Permission.VIEW_DOSSIER)
        where = "status = 'vastgesteld' AND vastgesteld_op >= ? AND vastgesteld_op < ?"
        params: list[Any] = list(moment_bounds(start, end))  # the user's days, not UTC days
        if gemeente:
            where += " AND inwoner_id IN (SELECT id FROM inwoner WHERE gemeente = ?)"
            params.append(gemeente)
        return self.store.find("besluit", where, params, "vastgesteld_op")
