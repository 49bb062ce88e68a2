"""The dossier's first tab: the resident, the household and what runs now."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.format import format_birth_date, format_day, format_moment

# Values the store keeps in Dutch words; shown in the active language.
from ui.pages.dossier.common import (
    CONTACT,
    RELATIONS,
    Tab,
    _button_row,
    _heading,
    _keep_current,
    _label,
)
from ui.shortcuts import key as shortcut
from ui.widgets import RecordView, Row, RowsModel
from werkplein.domain.dates import local_day
from werkplein.domain.records import display_name
from werkplein.i18n import N_, _
from werkplein.services.residents import Dossier
from werkplein.services.retention import ResidentRetention


class OverviewTab(Tab):
    """Personal details (with the full BSN), household, and a short summary."""

    FIELDS = (
        ("name", N_("Name")),
        ("bsn", N_("BSN")),
        ("birth_date", N_("Date of birth")),
        ("address", N_("Address")),
        ("gemeente", N_("Gemeente")),
        ("phone", N_("Phone")),
        ("email", N_("E-mail")),
        ("contact_preference", N_("Contact preference")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details_heading = _heading("", self)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.form.setHorizontalSpacing(16)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for name, _caption in self.FIELDS:
            caption = QLabel(self)
            mute(caption)
            value = QLabel(self)
            value.setObjectName(f"detail_{name}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.captions[name] = caption
            self.values[name] = value
            self.form.addRow(caption, value)
        self.history_button = QPushButton(self)
        self.inzage_button = QPushButton(self)
        self.inzage_button.setObjectName("exportInzage")
        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName("keepUntil")
        self.keep_button.setVisible(False)
        self.erase_button = QPushButton(self)
        self.erase_button.setObjectName("eraseResident")
        self.erase_button.setVisible(False)
        self.summary_heading = _heading("", self)
        self.summary = QLabel(self)
        self.summary.setObjectName("dossierSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.household_heading = _heading("", self)
        self.household_model = RowsModel((N_("Name"), N_("Relation"), N_("Date of birth")), self)
        self.household_view = RecordView(self)
        self.household_view.setObjectName("householdView")
        self.household_view.setModel(self.household_model)
        self.household_view.setSortingEnabled(True)
        self.household_view.set_stretch_column(0)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.details_heading)
        left.addLayout(self.form)
        left.addLayout(_button_row(self.history_button, self.inzage_button))
        left.addSpacing(12)
        left.addWidget(self.summary_heading)
        left.addWidget(self.summary)
        left.addLayout(_button_row(self.keep_button, self.erase_button))
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.household_heading)
        right.addWidget(self.household_view, 1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid, 1)

    def retranslate(self) -> None:
        self.details_heading.setText(_("Personal details"))
        for name, caption in self.FIELDS:
            self.captions[name].setText(_(caption) + ":")
        self.history_button.setText(_("Hi&story of the details…"))
        self.history_button.setAccessibleName(_("Show the history of the personal details"))
        self.inzage_button.setText(_("Subject &access (PDF)…"))
        self.inzage_button.setAccessibleName(
            _("Save everything stored about this resident (inzage) as a PDF")
        )
        self.history_button.setToolTip(
            QKeySequence(shortcut("history")).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.summary_heading.setText(_("In short"))
        self.keep_button.setText(_("&Keep longer…"))
        self.keep_button.setAccessibleName(_("Keep this dossier beyond its destruction date"))
        self.erase_button.setText(_("&Erase on request…"))
        self.erase_button.setAccessibleName(
            _("Erase everything about this resident on their request (AVG article 17)")
        )
        self.household_heading.setText(_("Household"))
        self.household_view.setAccessibleName(_("Household members"))
        self.household_view.set_placeholder(_("No household members registered."))
        self.household_model.retranslate()

    def show_dossier(
        self,
        dossier: Dossier,
        today: dt.date,
        retention: ResidentRetention | None = None,
        *,
        may_keep: bool = False,
    ) -> None:
        r = dossier.resident
        born = r.get("birth_date") or ""
        age = ""
        if born:
            day = dt.date.fromisoformat(born[:10])
            years = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
            age = " " + _("({years} years)", years=years)
        street = " ".join(p for p in (r.get("street"), r.get("house_number")) if p)
        town = " ".join(p for p in (r.get("postcode"), r.get("city")) if p)
        texts = {
            "name": display_name(r),
            "bsn": r.get("bsn") or "",
            "birth_date": format_birth_date(born) + age,
            "address": ", ".join(p for p in (street, town) if p),
            "gemeente": r.get("gemeente") or "",
            "phone": r.get("phone") or "",
            "email": r.get("email") or "",
            "contact_preference": _label(CONTACT, r.get("contact_preference")),
        }
        for name, text in texts.items():
            self.values[name].setText(text or "—")
            caption = self.captions[name].text().rstrip(":")
            spoken = text or _("not known")
            self.values[name].setAccessibleName(f"{caption}: {spoken}")
        _keep_current(
            self.household_view,
            self.household_model,
            lambda: self.household_model.set_rows(
                [
                    Row(
                        m["id"],
                        (
                            m.get("name") or "",
                            _label(RELATIONS, m.get("relation")),
                            format_birth_date(m.get("birth_date")),
                        ),
                        sort_keys=(None, None, m.get("birth_date") or ""),
                    )
                    for m in dossier.household
                ]
            ),
        )
        lines = [self._summary(dossier, today)]
        if retention is not None:
            lines.append(retention_text(retention, dossier.resident))
        self.summary.setText("\n".join(lines))
        self.keep_button.setVisible(may_keep)
        self.erase_button.setVisible(may_keep)

    @staticmethod
    def _summary(dossier: Dossier, today: dt.date) -> str:
        lines = []
        open_cases = [c for c in dossier.cases if c.get("status") == "open"]
        if len(open_cases) == 1:
            lines.append(_("1 open case: {title}", title=open_cases[0].get("title") or ""))
        elif open_cases:
            lines.append(_("{count} open cases", count=len(open_cases)))
        else:
            lines.append(_("No open case."))
        now = today.isoformat()
        planned = sorted(
            (v for v in dossier.visits if v.get("status") == "gepland"),
            key=lambda v: v.get("gepland_op") or "",
        )
        upcoming = [v for v in planned if local_day(v.get("gepland_op") or "") >= now]
        if upcoming:
            lines.append(
                _("Next home visit: {when}", when=format_moment(upcoming[0].get("gepland_op")))
            )
        waiting = [h for h in dossier.handovers if h.get("status") == "verzonden"]
        if waiting:
            lines.append(_("{count} handover(s) awaiting an answer", count=len(waiting)))
        if dossier.plans:
            lines.append(
                _("Toekomstplan of {date}", date=format_day(dossier.plans[0].get("opgesteld_op")))
            )
        lines.append(_("{count} notes", count=len(dossier.notes)))
        return "\n".join(lines)

    def release(self) -> None:
        for value in self.values.values():
            value.clear()
            value.setAccessibleName("")
        self.summary.clear()
        self.household_model.clear()


def retention_text(item: ResidentRetention, resident: dict[str, object]) -> str:
    """The dossier's retention in one or two sentences."""
    kept = item.retention
    if kept.ended_on is None or kept.destroy_on is None:
        text = _("Retention: the dossier still runs.")
    else:
        text = _(
            "Retention: the dossier ended on {ended}; destroy from {destroy}.",
            ended=format_day(kept.ended_on),
            destroy=format_day(kept.destroy_on),
        )
    hold = resident.get("bewaren_tot")
    if isinstance(hold, str) and hold:
        text += " " + _(
            "Kept until {day}: {reason}",
            day=format_day(hold),
            reason=str(resident.get("bewaren_reden") or ""),
        )
    return text
