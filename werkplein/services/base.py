"""What every service shares: the session, role checks, the write path and audit of views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from werkplein.domain.dates import parse_moment
from werkplein.domain.labels import label
from werkplein.errors import RuleViolation, ValidationFailed
from werkplein.i18n import _
from werkplein.store.audit import Action
from werkplein.store.clock import iso
from werkplein.store.store import Store, Writer

if TYPE_CHECKING:
    from werkplein.services.session import Session


class Service:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def store(self) -> Store:
        return self.session.store

    @property
    def user_id(self) -> str:
        return self.session.user.id

    @contextmanager
    def _write(self) -> Iterator[Writer]:
        with self.store.write(self.user_id) as writer:
            yield writer

    def _now(self) -> str:
        return iso(self.store.clock.now())

    def _today(self) -> str:
        return self.store.clock.today().isoformat()

    def _viewed(self, inwoner_id: str, detail: str) -> None:
        """NEN 7513: every view of a dossier is logged (ids only)."""
        self.store.audit(self.user_id, Action.VIEW, inwoner_id, detail)


def rule(problems: list[str]) -> None:
    """Raise the first broken rule as a RuleViolation in the user's language."""
    if problems:
        raise RuleViolation(problems[0])


def choice(name: str, value: Any, allowed: Mapping[str, str]) -> None:
    if value not in allowed:
        raise ValidationFailed(
            field=label(name), problem=_("choose one of: {options}", options=", ".join(allowed))
        )


def moment_field(text: str) -> dt.datetime:
    """A moment given to a service (ISO 8601); ValidationFailed when it is none."""
    try:
        return parse_moment(text)
    except ValueError:
        raise ValidationFailed(field=_("date"), problem=_("is not a valid date")) from None


def required_text(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed(field=label(name), problem=_("is required"))
    return value.strip()
