"""Documents leaving the encrypted store: who may make which, where they may go, and the
audit log of every export (NEN 7513: the export of a dossier is an event like a view).

Every document is written under a temporary name and renamed when complete. A document is
personal data in the clear, so writing one into the team's shared folder is refused unless
the caller confirms it (``into_share=True``, the app asks first).
"""

from __future__ import annotations

import contextlib
import csv
import io
import secrets
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkplein.domain import bsn as bsn_rules
from werkplein.domain.dates import local_day
from werkplein.domain.roles import Permission
from werkplein.errors import (
    ExportCancelled,
    ExportIntoShare,
    NotFound,
    RuleViolation,
    ValidationFailed,
)
from werkplein.export import Rendered, files, parallel
from werkplein.i18n import N_, _
from werkplein.services.base import Service
from werkplein.store.audit import Action

if TYPE_CHECKING:
    from werkplein.export.decision import DecisionData

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

CSV_COLUMNS = (
    "besluit_id",
    "casus_id",
    "gemeente",
    "vastgesteld_op",
    "uitkomst",
    "afwijking_beleid",
    "versie",
    "goedgekeurd_op",
    "heroverweging_op",
    "bestand",
    "kenmerk",  # appended: municipal scripts read the columns above by name and place
)
LETTER_NOT_SET = N_("A letter can only be made of a decision that has been set.")


@dataclass(frozen=True)
class BatchResult:
    folder: Path
    decisions: int
    files: list[str]


def decision_file_name(decision: dict[str, Any]) -> str:
    """``besluit-2026-10-01-<id>.pdf``: a date and an id, nothing about the person."""
    stamp = decision.get("vastgesteld_op")
    day = local_day(str(stamp)) if stamp else "concept"
    return f"besluit-{day}-{decision['id']}.pdf"


class ExportService(Service):
    # ------------------------------------------------------------------ writing
    def _share_folder(self) -> Path | None:
        from werkplein.sync.team import META_SHARE

        value = self.store.meta(META_SHARE)
        return Path(value) if value else None

    def into_share(self, path: Path) -> bool:
        """Would ``path`` land in the team's shared folder? (The app asks before it does.)"""
        return files.inside(path, self._share_folder())

    def _check_target(self, path: Path, into_share: bool) -> None:
        if not into_share and self.into_share(path):
            raise ExportIntoShare()

    def _save(self, rendered: Rendered, out: Path, *, into_share: bool) -> None:
        """Audit first, then write: a document with personal data never exists, not even for a
        moment or after a kill, without its entry in the audit log (an entry may stand for a
        document that a failure then did not write: the log errs on the side of telling)."""
        self._check_target(out, into_share)
        self.store.audit(self.user_id, Action.EXPORT, rendered.inwoner_id, rendered.detail)
        files.write_atomic(out, rendered.data)

    # ------------------------------------------------------------------ one document
    def decision(self, besluit_id: str, out: Path, *, into_share: bool = False) -> None:
        """The motivated decision (any status; a draft is marked as such)."""
        from werkplein.export import decision
        from werkplein.services import documents

        data = documents.decision(self.session, besluit_id)
        self._save(decision.render(data), out, into_share=into_share)

    def letter(self, besluit_id: str, out: Path, *, into_share: bool = False) -> None:
        """The letter to the resident, in plain Dutch (B1), of a set decision."""
        from werkplein.export import letter
        from werkplein.services import documents

        data = documents.decision(self.session, besluit_id)
        if not data.is_set:
            raise RuleViolation(LETTER_NOT_SET)
        self._save(letter.render(data, self._today()), out, into_share=into_share)

    def casus(
        self, casus_id: str, out: Path, *, anonymous: bool = True, into_share: bool = False
    ) -> None:
        """The case for the casusoverleg; ``anonymous`` leaves out everything identifying."""
        from werkplein.export import casus
        from werkplein.services import documents

        data = documents.casus(self.session, casus_id)
        self._save(casus.render(data, anonymous=anonymous), out, into_share=into_share)

    def inzage(self, bsn: str, out: Path, *, into_share: bool = False) -> None:
        """AVG art. 15: everything stored about one resident, with the audit log."""
        from werkplein.export import inzage
        from werkplein.services import documents

        self.session.require(Permission.EXPORT_INZAGE)
        inwoner_id = self.resident_by_bsn(bsn)
        data = documents.inzage(self.session, inwoner_id)
        self._save(inzage.render(data), out, into_share=into_share)

    def visit(self, visit_id: str, out: Path, *, into_share: bool = False) -> None:
        """The huisbezoek report."""
        from werkplein.export import visit
        from werkplein.services import documents

        data = documents.visit(self.session, visit_id)
        self._save(visit.render(data), out, into_share=into_share)

    def handover(self, handover_id: str, out: Path, *, into_share: bool = False) -> None:
        """The warme overdracht summary."""
        from werkplein.export import handover
        from werkplein.services import documents

        data = documents.handover(self.session, handover_id)
        self._save(handover.render(data), out, into_share=into_share)

    def fine_talk(self, boete_id: str, out: Path, *, into_share: bool = False) -> None:
        """The boete-ambtenaar's preparation sheet for the confrontatiegesprek."""
        from werkplein.export import fine_talk
        from werkplein.services import documents

        data = documents.fine_talk(self.session, boete_id)
        self._save(fine_talk.render(data), out, into_share=into_share)

    def resident_by_bsn(self, bsn: str) -> str:
        value = bsn_rules.normalize(bsn)
        if not bsn_rules.is_valid(value):
            raise ValidationFailed(field=_("BSN"), problem=_("does not pass the elfproef"))
        found = self.store.find("inwoner", "bsn = ? AND coalesce(deleted, 0) = 0", (value,))
        if not found:
            raise NotFound(what=_("resident with BSN"), ident=_("(not shown)"))
        return str(found[0]["id"])

    # ------------------------------------------------------------------ the teamleider's batch
    def decisions(
        self,
        start: str,
        end: str,
        out_dir: Path,
        *,
        gemeente: str | None = None,
        into_share: bool = False,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> BatchResult:
        """Every set decision with ``vastgesteld_op`` in [start, end] (dates, inclusive),
        optionally of one gemeente, into ``out_dir``: one PDF per decision, ``overzicht.csv``
        and ``overzicht.pdf``. The files are made in a hidden folder inside ``out_dir`` and
        moved in only when all are complete; a stop or an error leaves nothing behind."""
        from werkplein.export import decision, overview
        from werkplein.services import documents

        self.session.require(Permission.EXPORT_DECISIONS)
        if end < start:
            raise ValidationFailed(field=_("period"), problem=_("ends before it starts"))
        gemeente = self._gemeente(gemeente)
        self._check_target(out_dir, into_share)
        chosen = self.session.decisions.set_between(start, end, gemeente)
        with self._write() as w:  # audited before the first file exists (see _save)
            for record in chosen:
                w.audit(Action.EXPORT, record["inwoner_id"], f"besluit:{record['id']}")
        created = not out_dir.exists()
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            staging = out_dir / f".werkplein-export-{secrets.token_hex(6)}"
            staging.mkdir()
        except OSError as exc:
            raise files.not_written(exc) from exc
        total = len(chosen) + 1
        rows: list[dict[str, Any]] = []
        names: list[str] = []
        gathered: deque[decision.DecisionData] = deque()  # in flight, in order

        def gather_each() -> Iterator[decision.DecisionData]:
            for record in chosen:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                data = documents.decision(self.session, record["id"])
                gathered.append(data)
                yield data

        try:
            with parallel.Renderer(len(chosen)) as renderer:
                rendered = renderer.map(decision.render_pdf, gather_each())
                for done, pdf in enumerate(rendered, start=1):
                    if cancelled is not None and cancelled():
                        raise ExportCancelled()
                    data = gathered.popleft()
                    name = decision_file_name(data.decision)
                    files.write_atomic(staging / name, pdf)
                    names.append(name)
                    rows.append(_csv_row(data, name))
                    if progress is not None:
                        progress(done, total)
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            files.write_atomic(staging / "overzicht.csv", _csv(rows))
            summary = overview.render(
                documents.overview(self.session, rows, start=start, end=end, gemeente=gemeente)
            )
            files.write_atomic(staging / "overzicht.pdf", summary)
            for name in [*names, "overzicht.csv", "overzicht.pdf"]:
                (staging / name).replace(out_dir / name)
            staging.rmdir()
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            if created:
                with contextlib.suppress(OSError):
                    out_dir.rmdir()
            raise
        if progress is not None:
            progress(total, total)
        return BatchResult(out_dir, len(rows), [*names, "overzicht.csv", "overzicht.pdf"])

    def _gemeente(self, gemeente: str | None) -> str | None:
        if not gemeente:
            return None
        known = self.session.policy.region().gemeenten
        for name in known:
            if name.casefold() == gemeente.strip().casefold():
                return name
        raise ValidationFailed(
            field=_("gemeente"),
            problem=_("choose one of: {options}", options=", ".join(known)),
        )


def _csv_row(data: DecisionData, file_name: str) -> dict[str, Any]:
    record = data.decision
    return {
        "besluit_id": record["id"],
        "casus_id": record["casus_id"],
        "gemeente": data.resident.get("gemeente") or "",
        "vastgesteld_op": record.get("vastgesteld_op") or "",
        "uitkomst": record.get("uitkomst") or "",
        "afwijking_beleid": "true" if record.get("afwijking_beleid") else "false",
        "versie": record.get("versie"),
        "goedgekeurd_op": record.get("goedgekeurd_op") or "",
        "heroverweging_op": record.get("heroverweging_op") or "",
        "bestand": file_name,
        "kenmerk": record.get("kenmerk") or "",  # empty: set before decisions had one
    }


def _csv(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
