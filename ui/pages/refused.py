"""Geweigerde wijzigingen: what a laptop of the team sent that no laptop applies.

A laptop can only do through the shared folder what its user may do in the app. When a laptop
sends something else (a patched program, a damaged file), every laptop refuses it in the same
way and keeps it out of the data. The teamleider sees here which laptop it was, whose it is, what
it tried and why it was refused, to act on it (talk to the colleague, revoke a lost laptop).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui import mute
from ui.format import format_moment
from ui.pages.base import Navigator, Page
from ui.pages.conflicts import kind_label
from ui.widgets import RecordView, Row, RowsModel
from werkplein.domain.roles import Role, role_label
from werkplein.i18n import N_, _
from werkplein.services.session import Session

COLUMNS = (N_("When"), N_("Laptop of"), N_("What it tried"), N_("Why it was refused"))

# the reasons sync/authority.py, sync/rows.py and sync/bounds.py give, as a teamleider reads them
REASONS: dict[str, str] = {
    "not-allowed": N_("Its user's role may not do this"),
    "not-its-author": N_("Written in a colleague's name"),
    "not-its-op-id": N_("Sent under a colleague's change"),
    "not-its-record": N_("Written into a colleague's note"),
    "decision-set": N_("Changes a decision that was already set"),
    "needs-approval": N_("Sets a decision that deviates from policy without approval"),
    "unknown-role": N_("Gives someone a role that does not exist"),
    "unknown-status": N_("Gives a decision a status that does not exist"),
    "unknown-entity": N_("Writes data this version does not know"),
    "unknown-field": N_("Writes fields this version does not know"),
    "unknown-device": N_("Comes from a laptop that is not in the team"),
    "malformed": N_("The file is not a proper change file"),
    "not-its-own": N_("The file holds changes of other laptops"),
    "wrong-channel": N_("Fine data under the general key"),
    "too-deep": N_("The file is built to exhaust the program"),
    "too-many": N_("The file is built to exhaust the program"),
    "too-large": N_("The file is too large"),
    "damaged": N_("The file is damaged"),
}


def reason_text(reason: str) -> str:
    return _(REASONS[reason]) if reason in REASONS else reason


class RefusedPage(Page):
    key = "refused"
    shows = frozenset(())

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.list_label = QLabel(self)
        self.model = RowsModel(COLUMNS, self)
        self.view = RecordView(self)
        self.view.setObjectName("refusedList")
        self.view.setModel(self.model)
        self.view.set_stretch_column(3)
        self.view.setSortingEnabled(True)
        self.list_label.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addWidget(self.list_label)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def title(self) -> str:
        return _("Refused changes")

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "A laptop can do through the shared folder only what its user may do in the "
                "program. What a laptop sent beyond that is refused on every laptop and kept out "
                "of the data; it is listed here. A refusal can mean a damaged file, an outdated "
                "program or a misused laptop: talk to the colleague, and revoke a laptop that "
                "was lost."
            )
        )
        self.list_label.setText(_("&Refused changes"))
        self.view.setAccessibleName(_("Refused changes"))
        self.view.set_placeholder(_("Nothing was refused. Every laptop sent only what it may."))
        self.model.retranslate()
        if not self._stale:
            self.refresh()

    def refresh(self) -> None:
        names = self.session.user_names()
        refusals = self.session.sharing.refused()
        residents = self.session.residents.names(
            [r.record_id for r in refusals if r.entity == "inwoner"]
        )
        rows = []
        for number, refusal in enumerate(refusals):
            who = names.get(refusal.user_id or "", _("an unknown laptop"))
            if refusal.role in {r.value for r in Role}:
                who = f"{who} ({role_label(refusal.role)})"
            what = kind_label(refusal.entity) if refusal.entity else _("A whole file")
            if refusal.entity == "audit":
                what = _("An audit entry")
            named = {**names, **residents}.get(refusal.record_id)
            if named and refusal.entity in {"gebruiker", "inwoner"}:
                what = f"{what}: {named}"
            rows.append(
                Row(
                    str(number),
                    [format_moment(refusal.at), who, what, reason_text(refusal.reason)],
                    sort_keys=[refusal.at, who, what, refusal.reason],
                )
            )
        self.model.set_rows(rows)
