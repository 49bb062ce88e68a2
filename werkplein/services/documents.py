"""What each document shows, gathered from the store: one function per document, returning the
plain data its renderer in ``werkplein.export`` lays out (services -> export, one way: the
renderers never read the store or call a service).

Every read goes through the same role checks and audit of views as the screens: opening a case
for a document logs the view of that case, as opening it in the app does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from werkplein.domain import toets
from werkplein.domain.records import live
from werkplein.domain.roles import Permission
from werkplein.errors import WerkpleinError
from werkplein.export.casus import CasusData
from werkplein.export.decision import DecisionData
from werkplein.export.fine_talk import FineTalkData
from werkplein.export.handover import HandoverData
from werkplein.export.inzage import InzageData
from werkplein.export.overview import OverviewData
from werkplein.export.visit import VisitData
from werkplein.store import audit
from werkplein.store.clock import iso
from werkplein.store.store import Record

if TYPE_CHECKING:
    from werkplein.services.session import Session

BY_RESIDENT = "inwoner_id = ?"


def region(session: Session) -> str:
    """The werkplein's name on every letterhead (the team's region setting)."""
    return session.policy.region().naam


def _linked_case(session: Session, record: Record) -> Record | None:
    """The case a visit, handover or fine belongs to, if it is linked to one."""
    casus_id = record.get("casus_id")
    return session.store.get("casus", casus_id) if casus_id else None


def _costs_from_snapshot(snapshot: dict[str, Any]) -> toets.CostComparison:
    kosten = snapshot.get("kosten") or {}

    def lines(key: str) -> tuple[toets.CostLine, ...]:
        return tuple(
            toets.CostLine(str(code), str(label), int(count), int(amount))
            for code, label, count, amount in kosten.get(key) or []
        )

    return toets.CostComparison(lines("regels_interventie"), lines("regels_niets_doen"))


def _case_costs(session: Session, case: Record) -> toets.CostComparison | None:
    """None when a cost line refers to a price that no longer exists."""
    try:
        return session.cases.costs(case)
    except WerkpleinError:
        return None


def decision(session: Session, besluit_id: str) -> DecisionData:
    """The motivated decision and the letter about it. A set decision shows the four steps
    as they stood when it was set (its snapshot), never the case as it is now. ``besluit_id``
    may also be the decision's kenmerk."""
    found = session.decisions.get(besluit_id)  # checks the role and logs the view
    besluit_id = found["id"]
    store = session.store
    live_case = store.require("casus", found["casus_id"])
    snapshot = found.get("toets") if found["status"] == "vastgesteld" else None
    if snapshot:
        case: dict[str, Any] = {**live_case, **snapshot}
        case["title"] = snapshot.get("casus_titel") or live_case["title"]
        costs = _costs_from_snapshot(snapshot)
    else:
        case = dict(live_case)
        costs = session.cases.costs(live_case)
    resident = store.require("inwoner", found["inwoner_id"])
    history = store.history("besluit", besluit_id)
    setting = [c for c in history if c.fields.get("status", (None, None))[1] == "vastgesteld"]
    marker = setting[-1] if setting else (history[-1] if history else None)
    previous = (
        store.get("besluit", found["vorige_versie_id"]) if found.get("vorige_versie_id") else None
    )
    return DecisionData(
        decision=found,
        case=case,
        resident=resident,
        region=region(session),
        users=session.user_names(),
        costs=costs,
        set_by_change=marker.op_id if marker else None,
        previous=previous,
    )


def casus(session: Session, casus_id: str) -> CasusData:
    """The case for the casusoverleg (both versions: the renderer leaves out what identifies)."""
    case = session.cases.get(casus_id)  # checks the role and logs the view
    store = session.store
    resident = store.require("inwoner", case["inwoner_id"])
    household = live(store.find("gezinslid", BY_RESIDENT, (resident["id"],), "birth_date"))
    decisions = session.decisions.for_case(casus_id)
    plans = session.plans.for_resident(resident["id"])
    plan = plans[-1] if plans else None
    panels = session.plans.drieluik(plan["id"]) if plan is not None else []  # logs the view
    return CasusData(
        case=case,
        resident=resident,
        household=household,
        decisions=decisions,
        plan=plan,
        panels=panels,
        users=session.user_names(),
        today=session.today(),
        costs=_case_costs(session, case),
        region=region(session),
    )


def inzage(session: Session, inwoner_id: str) -> InzageData:
    """Everything stored about one resident (AVG art. 15), with the audit log, which already
    holds the view of the dossier this makes."""
    session.require(Permission.EXPORT_INZAGE)
    store = session.store
    dossier = session.residents.dossier(inwoner_id)  # logs the view
    # read directly: a resident is entitled to the fines whatever the role may see
    fines = live(store.find("boete", BY_RESIDENT, (inwoner_id,), "overtreding_op"))
    fine_notes = store.find("boete_notitie", BY_RESIDENT, (inwoner_id,), "written_at")
    users = session.colleagues()
    all_cases = {c["id"]: c for c in store.find("casus", BY_RESIDENT, (inwoner_id,))}
    today = session.today()
    entries = audit.for_resident(store.conn, inwoner_id)
    return InzageData(
        resident=dossier.resident,
        household=dossier.household,
        notes=dossier.notes,
        cases=dossier.cases,
        decisions=dossier.decisions,
        visits=dossier.visits,
        handovers=dossier.handovers,
        plans=dossier.plans,
        plan_rows=dossier.plan_rows,
        fines=fines,
        fine_notes=fine_notes,
        users=users,
        all_cases=all_cases,
        costs={c["id"]: _case_costs(session, c) for c in dossier.cases},
        retention_years=session.policy.retention_years(),
        today=today,
        audit=entries,
        region=region(session),
    )


def visit(session: Session, visit_id: str) -> VisitData:
    """The huisbezoek report."""
    found = session.visits.get(visit_id)  # checks the role and logs the view
    notes = sorted(session.visits.notes(visit_id), key=lambda n: str(n.get("written_at") or ""))
    store = session.store
    resident = store.require("inwoner", found["inwoner_id"])
    case = _linked_case(session, found)
    return VisitData(
        visit=found,
        notes=notes,
        resident=resident,
        case=case,
        colleagues=session.colleagues(),
        region=region(session),
        made_at=iso(session.clock.now()),
        user_id=session.user.id,
    )


def handover(session: Session, handover_id: str) -> HandoverData:
    """The warme overdracht summary: no fines (a werkcoach may make it)."""
    found = session.handovers.get(handover_id)  # checks the role and logs the view
    store = session.store
    resident = store.require("inwoner", found["inwoner_id"])
    colleagues = session.colleagues()
    case = _linked_case(session, found)
    household = live(store.find("gezinslid", BY_RESIDENT, (resident["id"],), "birth_date"))
    open_cases = [
        c
        for c in live(store.find("casus", BY_RESIDENT, (resident["id"],), "opened_on"))
        if c.get("status") == "open"
    ]
    return HandoverData(
        handover=found,
        resident=resident,
        colleagues=colleagues,
        case=case,
        household=household,
        open_cases=open_cases,
        today=session.today(),
        region=region(session),
        made_at=iso(session.clock.now()),
        user_id=session.user.id,
    )


def fine_talk(session: Session, boete_id: str) -> FineTalkData:
    """The boete-ambtenaar's preparation sheet for the confrontatiegesprek."""
    fine = session.fines.get(boete_id)  # checks VIEW_BOETE and logs the view
    voorstel = session.fines.proposal(fine)
    beleid = session.policy.boete_beleid()
    notes = session.fines.reconsiderations(boete_id)
    store = session.store
    resident = store.require("inwoner", fine["inwoner_id"])
    case = _linked_case(session, fine)
    return FineTalkData(
        fine=fine,
        voorstel=voorstel,
        beleid=beleid,
        notes=notes,
        resident=resident,
        case=case,
        colleagues=session.colleagues(),
        region=region(session),
        made_at=iso(session.clock.now()),
        user_id=session.user.id,
    )


def overview(
    session: Session,
    rows: Sequence[dict[str, Any]],
    *,
    start: str,
    end: str,
    gemeente: str | None,
) -> OverviewData:
    """``overzicht.pdf`` of the teamleider's export: the rows of ``overzicht.csv``, and the
    decisions of the period whose dossiers were destroyed since (counted only)."""
    return OverviewData(
        rows=rows,
        start=start,
        end=end,
        gemeente=gemeente,
        region=region(session),
        made_at=session.clock.now().isoformat(),
        made_by=f"{session.user.name} ({session.user.role_label})",
        destroyed=[
            {
                "uitkomst": r["uitkomst"],
                "gemeente": r["gemeente"] or "",
                "afwijking_beleid": "true" if r["afwijking_beleid"] else "false",
            }
            for r in session.decisions.counted_between(start, end, gemeente)
        ],
    )
