"""Whether a text may point at a person: what a signal (which is about a rule, never about a
resident) must not hold. Pure functions; the names and streets to look for come from the
profile (services/signals.py)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from werkplein.domain import bsn

_NINE_DIGITS = re.compile(r"(?<!\d)(\d[\d .-]{7,12}\d)(?!\d)")
# "7311AB", "7311ab", "7311 AB"; not "sinds 2024 is" (a year and a word)
_POSTCODE = re.compile(r"(?<![\dA-Za-z])[1-9]\d{3}(?:[A-Za-z]{2}| [A-Z]{2})(?![A-Za-z])")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
MAX_WORDS = 4  # "van den Berg", "Lange Nieuwstraat": names and streets of up to four words
MIN_LENGTH = 3  # "Os", "Ek": too short to tell a name from a word


def fold(text: str) -> str:
    """Lower case without accents, so "Özdemir" and "ozdemir" are the same name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def holds_bsn(text: str) -> bool:
    """Nine digits (spaces, dots or dashes allowed) that pass the elfproef: most likely a BSN."""
    for match in _NINE_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) == 9 and bsn.is_valid(digits):
            return True
    return False


@dataclass(frozen=True)
class Traces:
    """What in a text may point at a person, as it was written there."""

    names: tuple[str, ...] = ()  # a resident's last name (or first and last name)
    streets: tuple[str, ...] = ()  # a street a resident of the profile lives in
    postcodes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.names or self.streets or self.postcodes)

    def words(self) -> list[str]:
        return list(dict.fromkeys([*self.names, *self.streets, *self.postcodes]))


def words(text: str) -> list[str]:
    """The words of ``text``, folded, without quotes (safe inside a quoted FTS5 term)."""
    return [fold(m.group(0)).replace('"', "") for m in _WORD.finditer(text)]


def phrases(text: str) -> dict[str, str]:
    """Every run of one to MAX_WORDS words in ``text``, folded -> as written, longest first."""
    words = [m.group(0) for m in _WORD.finditer(text)]
    out: dict[str, str] = {}
    for size in range(MAX_WORDS, 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            out.setdefault(fold(" ".join(run)), " ".join(run))
    return out


def traces(texts: Iterable[str], names: set[str], streets: set[str]) -> Traces:
    """Names and streets (folded, from the profile) and postcodes found in ``texts``."""
    found_names: list[str] = []
    found_streets: list[str] = []
    postcodes: list[str] = []
    for text in texts:
        postcodes += [m.group(0) for m in _POSTCODE.finditer(text)]
        for folded, written in phrases(text).items():
            if len(folded) < MIN_LENGTH or any(written in f for f in found_names + found_streets):
                continue  # too short, or part of a longer name found already
            if folded in names and written.split()[-1][:1].isupper():
                found_names.append(written)  # written as a name: "Meer", not "meer"
            if folded in streets:
                found_streets.append(written)
    return Traces(
        tuple(dict.fromkeys(found_names)),
        tuple(dict.fromkeys(found_streets)),
        tuple(dict.fromkeys(postcodes)),
    )
