"""Signalen: every professional can flag where rules make residents get stuck; the teamleider
reviews them and passes patterns on to policy. Signals hold no resident's details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from werkplein.domain import anonymity
from werkplein.domain.dates import local_day
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


@dataclass(frozen=True)
class ThemeRow:
    thema: str | None  # None: signals without a theme yet
    counts: list[int]  # per quarter, oldest first

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ThemeCounts:
    quarters: list[tuple[int, int]]  # (year, quarter), oldest first
    rows: list[ThemeRow]


def _quarter(current: tuple[int, int], back: int) -> tuple[int, int]:
    year, quarter = current
    index = year * 4 + quarter - 1 - back
    return index // 4, index % 4 + 1


class SignalService(Service):
    def traces(self, *texts: str) -> anonymity.Traces:
        """Names and streets of residents in this profile, and postcodes, in ``texts``. Only
        the residents whose last name or street holds a word of the texts are read (found in
        the search index), so a check takes milliseconds also with 20 000 residents."""
        words = sorted({w for text in texts for w in anonymity.words(text) if len(w) >= 3})
        names: set[str] = set()
        streets: set[str] = set()
        if words:
            match = "{last_name street} : (" + " OR ".join(f'"{w}"' for w in words) + ")"
            rows = self.store.rows(
                "SELECT first_names, prefix, last_name, street FROM inwoner "
                "WHERE rid IN (SELECT rowid FROM inwoner_fts WHERE inwoner_fts MATCH ?) "
                "AND coalesce(deleted, 0) = 0",
                (match,),
            )
            for first, prefix, last, street in rows:
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

    def review(
        self, signal_id: str, status: str, reactie: str = "", thema: str | None = None
    ) -> Changes:
        """The teamleider's status and reaction; ``thema`` groups it with signals like it
        (None leaves the theme as it was, "" removes it)."""
        self.session.require(Permission.REVIEW_SIGNALS)
        self.store.require("signaal", signal_id)
        choice("status", status, SIGNAAL_STATUS)
        values: dict[str, Any] = {"status": status, "reactie": reactie.strip() or None}
        if thema is not None:
            values["thema"] = self._known_theme(thema)
        with self._write() as w:
            w.put("signaal", signal_id, values)
        return w.changes

    def themes(self) -> list[str]:
        """The themes given so far, alphabetically."""
        self.session.require(Permission.REVIEW_SIGNALS)
        rows = self.store.rows(
            "SELECT DISTINCT thema FROM signaal WHERE thema IS NOT NULL AND thema != ''"
        )
        return sorted((str(r[0]) for r in rows), key=str.casefold)

    def _known_theme(self, thema: str) -> str | None:
        """A typed theme as it was given before ("reiskosten" is "Reiskosten"), else as typed."""
        typed = " ".join(thema.split())
        if not typed:
            return None
        return next((t for t in self.themes() if t.casefold() == typed.casefold()), typed)

    def theme_counts(self, quarters: int = 4) -> ThemeCounts:
        """How often each theme came back, per quarter of the year, the newest ``quarters``
        (this one included), most frequent first; signals without a theme as one row."""
        self.session.require(Permission.REVIEW_SIGNALS)
        today = self.session.today()
        current = (today.year, (today.month - 1) // 3 + 1)
        labels = [_quarter(current, back) for back in range(quarters - 1, -1, -1)]
        counts: dict[str | None, list[int]] = {}
        for thema, logged in self.store.rows("SELECT thema, ingediend_op FROM signaal"):
            if not logged:
                continue
            day = dt.date.fromisoformat(local_day(str(logged)))
            quarter = (day.year, (day.month - 1) // 3 + 1)
            if quarter not in labels:
                continue
            counts.setdefault(str(thema) if thema else None, [0] * quarters)[
                labels.index(quarter)
            ] += 1
        rows = sorted(
            counts.items(),
            key=lambda item: (item[0] is None, -sum(item[1]), str(item[0]).casefold()),
        )
        return ThemeCounts(labels, [ThemeRow(t, c) for t, c in rows])
