"""The vernietigingslijst as the archive keeps it: which dossiers were approved for
destruction, on what ground, by whom and when. Ids, gemeenten and dates only: a destruction
statement must not keep what it destroys."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from werkplein.export import fmt
from werkplein.export.document import Builder, letterhead
from werkplein.i18n import _

CSV_COLUMNS = ("inwoner_id", "gemeente", "category", "ended_on", "destroy_on")
CATEGORIES = {"dossier": "client dossier", "dossier_boete": "client dossier with a fine"}


@dataclass
class DestructionData:
    rows: Sequence[dict[str, str | None]]  # RetentionService rows (to_json)
    reason: str  # the teamleider's reason for the approval
    region: str
    made_at: str  # ISO moment
    made_by: str  # "name (role)"


def render_csv(data: DestructionData) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in data.rows:
        writer.writerow([row.get(column) or "" for column in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")  # Excel reads the accents right


def render_pdf(data: DestructionData) -> bytes:
    b = Builder(
        letterhead(data.region, None),
        title=_("Destruction list"),
        reference=fmt.short_date(data.made_at),
        subject=_("Client dossiers approved for destruction"),
        keywords="Werkplein; vernietigingslijst; Archiefwet",
    )
    b.title(_("Destruction list"), _("Client dossiers approved for destruction"))
    b.fields(
        [
            (_("Dossiers"), str(len(data.rows))),
            (_("Ground"), data.reason),
            (_("Approved on"), fmt.moment(data.made_at)),
            (_("Approved by"), data.made_by),
        ]
    )
    b.small(
        _(
            "Each dossier ended on the date shown and was kept for the team's retention period "
            "(or longer, where a teamleider kept it). This list names no residents."
        )
    )
    b.table(
        [_("Resident id"), _("Gemeente"), _("Category"), _("Ended on"), _("Destroy from")],
        [
            [
                str(row["inwoner_id"]),
                str(row.get("gemeente") or ""),
                _(CATEGORIES.get(str(row.get("category")), str(row.get("category")))),
                fmt.short_date(row.get("ended_on")),
                fmt.short_date(row.get("destroy_on")),
            ]
            for row in data.rows
        ],
        [76, 22, 24, 22, 26],
    )
    return b.render()
