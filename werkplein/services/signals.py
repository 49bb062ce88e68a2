"""Signalen: every professional can flag where rules make residents get stuck; the teamleider
reviews them and passes patterns on to policy. Signals hold no resident's details."""

from __future__ import annotations

from werkplein.domain import anonymity
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import SIGNAAL_STATUS
from werkplein.errors import RuleViolation
from werkplein.i18n import N_
from werkplein.services.base import Service, choice, required_text
from werkplein.services.types import Changes
from werkplein.store.store import Record

HOLDS_BSN = N_(
    "The text seems to hold a BSN. Remove it: a signal is about the rule, not about a person."
)
MAY_IDENTIFY = N_(
    "The text may point at a person: {found}. A signal is about the rule, not about a person: "
    "write it in general terms, or log it anyway if these words name no one."
)


class MayIdentify(RuleViolation):
    """A signal's text holds a resident's name or street, or a postcode: logged only once the
    person confirms it names no one."""

    def __init__(self, found: anonymity.Traces) -> None:
        super().__init__(MAY_IDENTIFY, found=", ".join(f"'{w}'" for w in found.words()))
        self.found = found


class SignalService(Service):
    def traces(self, *texts: str) -> anonymity.Traces:
        """Names and streets of residents in this profile, and postcodes, in ``texts``."""
        names: set[str] = set()
        streets: set[str] = set()
        for first, prefix, last, street in self.store.rows(
            "SELECT DISTINCT first_names, prefix, last_name, street FROM inwoner "
            "WHERE coalesce(deleted, 0) = 0"
        ):
            last_name = " ".join(str(p) for p in (prefix, last) if p)
            if last_name:
                names.add(anonymity.fold(last_name))
                names.add(anonymity.fold(str(last or "")))
                if first:
                    names.add(anonymity.fold(f"{first} {last_name}"))
            if street:
                streets.add(anonymity.fold(str(street)))
        return anonymity.traces(texts, names, streets)

    def log(
        self, titel: str, omschrijving: str, regeling: str = "", *, confirmed: bool = False
    ) -> str:
        """Log a signal. Refused when its text holds a BSN; when it holds a resident's name or
        street, or a postcode, refused (MayIdentify) until ``confirmed``."""
        self.session.require(Permission.LOG_SIGNAL)
        texts = (titel, omschrijving, regeling)
        if any(anonymity.holds_bsn(text) for text in texts):
            raise RuleViolation(HOLDS_BSN)
        if not confirmed and (found := self.traces(*texts)):
            raise MayIdentify(found)
        with self._write() as w:
            signal_id, _change = w.put(
                "signaal",
                None,
                {
                    "titel": required_text("title", titel),
                    "omschrijving": required_text("description", omschrijving),
                    "regeling": regeling.strip() or None,
                    "ingediend_door": self.user_id,
                    "ingediend_op": self._now(),
                    "status": "nieuw",
                },
            )
        return signal_id

    def all(self) -> list[Record]:
        """The review board: teamleiders see all signals, others their own."""
        if self.session.can(Permission.REVIEW_SIGNALS):
            return self.store.find("signaal", order="ingediend_op DESC")
        return self.store.find(
            "signaal", "ingediend_door = ?", (self.user_id,), "ingediend_op DESC"
        )

    def review(self, signal_id: str, status: str, reactie: str = "") -> Changes:
        self.session.require(Permission.REVIEW_SIGNALS)
        self.store.require("signaal", signal_id)
        choice("status", status, SIGNAAL_STATUS)
        with self._write() as w:
            w.put("signaal", signal_id, {"status": status, "reactie": reactie.strip() or None})
        return w.changes
