"""Roles and what each may do. Enforced in the service layer, not only by hiding buttons."""

from __future__ import annotations

from enum import StrEnum

from werkplein.i18n import N_, _


class Role(StrEnum):
    KLANTMANAGER = "klantmanager"
    WERKCOACH = "werkcoach"
    BOETE_AMBTENAAR = "boete_ambtenaar"
    TEAMLEIDER = "teamleider"


ROLE_LABELS = {
    Role.KLANTMANAGER: N_("klantmanager"),
    Role.WERKCOACH: N_("werkcoach"),
    Role.BOETE_AMBTENAAR: N_("boete-ambtenaar"),
    Role.TEAMLEIDER: N_("teamleider"),
}


class Permission(StrEnum):
    VIEW_DOSSIER = "view_dossier"
    EDIT_RESIDENT = "edit_resident"
    IMPORT_RESIDENTS = "import_residents"
    WRITE_NOTE = "write_note"
    EDIT_CASE = "edit_case"
    DRAFT_DECISION = "draft_decision"
    APPROVE_DECISION = "approve_decision"
    SET_DECISION = "set_decision"
    PLAN_VISIT = "plan_visit"
    SEND_HANDOVER = "send_handover"
    VIEW_BOETE = "view_boete"
    EDIT_BOETE = "edit_boete"
    START_BOETE = "start_boete"  # register a fine, to be handled by a boete-ambtenaar
    LOG_SIGNAL = "log_signal"
    REVIEW_SIGNALS = "review_signals"
    EDIT_PLAN = "edit_plan"
    EDIT_POLICY = "edit_policy"
    MANAGE_TEAM = "manage_team"
    DESTROY_DOSSIERS = "destroy_dossiers"  # the vernietigingslijst and erasure (AVG art. 17)
    EXPORT_DECISIONS = "export_decisions"
    EXPORT_INZAGE = "export_inzage"


_ALL = set(Role)
_KM_TL = {Role.KLANTMANAGER, Role.TEAMLEIDER}

PERMISSIONS: dict[Permission, set[Role]] = {
    Permission.VIEW_DOSSIER: _ALL,
    Permission.EDIT_RESIDENT: _KM_TL,
    Permission.IMPORT_RESIDENTS: _KM_TL,
    Permission.WRITE_NOTE: _ALL,
    Permission.EDIT_CASE: _KM_TL,
    Permission.DRAFT_DECISION: _KM_TL,
    Permission.APPROVE_DECISION: {Role.TEAMLEIDER},
    Permission.SET_DECISION: _KM_TL,
    Permission.PLAN_VISIT: {Role.KLANTMANAGER, Role.WERKCOACH, Role.TEAMLEIDER},
    Permission.SEND_HANDOVER: {Role.KLANTMANAGER, Role.WERKCOACH, Role.TEAMLEIDER},
    # boete (handhaving) data: never a werkcoach, also not through the share (sync issue)
    Permission.VIEW_BOETE: {Role.BOETE_AMBTENAAR, Role.KLANTMANAGER, Role.TEAMLEIDER},
    Permission.EDIT_BOETE: {Role.BOETE_AMBTENAAR, Role.TEAMLEIDER},
    # a klantmanager who finds a breach registers it; the weighing is the boete-ambtenaar's
    Permission.START_BOETE: {Role.BOETE_AMBTENAAR, Role.KLANTMANAGER, Role.TEAMLEIDER},
    Permission.LOG_SIGNAL: _ALL,
    Permission.REVIEW_SIGNALS: {Role.TEAMLEIDER},
    Permission.EDIT_PLAN: {Role.KLANTMANAGER, Role.WERKCOACH, Role.TEAMLEIDER},
    Permission.EDIT_POLICY: {Role.TEAMLEIDER},
    Permission.MANAGE_TEAM: {Role.TEAMLEIDER},
    Permission.DESTROY_DOSSIERS: {Role.TEAMLEIDER},
    # the teamleider exports the team's decisions for the archive and the auditor
    Permission.EXPORT_DECISIONS: {Role.TEAMLEIDER},
    # an inzage holds everything, fines included: only roles that may see all of it
    Permission.EXPORT_INZAGE: {Role.KLANTMANAGER, Role.TEAMLEIDER},
}

PERMISSION_LABELS: dict[Permission, str] = {
    Permission.VIEW_DOSSIER: N_("view a dossier"),
    Permission.EDIT_RESIDENT: N_("change personal details"),
    Permission.IMPORT_RESIDENTS: N_("import residents"),
    Permission.WRITE_NOTE: N_("write a note"),
    Permission.EDIT_CASE: N_("work on a case"),
    Permission.DRAFT_DECISION: N_("draft a decision"),
    Permission.APPROVE_DECISION: N_("approve a decision that deviates from policy"),
    Permission.SET_DECISION: N_("set a decision"),
    Permission.PLAN_VISIT: N_("plan a home visit"),
    Permission.SEND_HANDOVER: N_("send a warm handover"),
    Permission.VIEW_BOETE: N_("view fines"),
    Permission.EDIT_BOETE: N_("work on a fine"),
    Permission.START_BOETE: N_("register a fine"),
    Permission.LOG_SIGNAL: N_("log a signal"),
    Permission.REVIEW_SIGNALS: N_("review signals"),
    Permission.EDIT_PLAN: N_("work on a toekomstplan"),
    Permission.EDIT_POLICY: N_("change the price list or the fine policy"),
    Permission.MANAGE_TEAM: N_("manage the team on the shared folder"),
    Permission.DESTROY_DOSSIERS: N_("keep the destruction list of dossiers"),
    Permission.EXPORT_DECISIONS: N_("export the decisions of a period"),
    Permission.EXPORT_INZAGE: N_("make an inzage of everything stored about a resident"),
}


# what each kind of record needs to be written (by the services, and on arrival from the share)
WRITE_PERMISSION: dict[str, Permission] = {
    "gebruiker": Permission.MANAGE_TEAM,
    "inwoner": Permission.EDIT_RESIDENT,
    "gezinslid": Permission.EDIT_RESIDENT,
    "notitie": Permission.WRITE_NOTE,
    "casus": Permission.EDIT_CASE,
    "besluit": Permission.DRAFT_DECISION,
    "huisbezoek": Permission.PLAN_VISIT,
    "overdracht": Permission.SEND_HANDOVER,
    "boete": Permission.EDIT_BOETE,
    "boete_notitie": Permission.EDIT_BOETE,
    "signaal": Permission.LOG_SIGNAL,
    "toekomstplan": Permission.EDIT_PLAN,
    "plan_regel": Permission.EDIT_PLAN,
    "prijs": Permission.EDIT_POLICY,
    "instelling": Permission.EDIT_POLICY,
    "besluit_telling": Permission.DESTROY_DOSSIERS,
}


def allowed(role: Role, permission: Permission) -> bool:
    return role in PERMISSIONS[permission]


def role_label(role: Role | str) -> str:
    """A role as people say it, in the active language (an unknown value as it is)."""
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return str(role)
