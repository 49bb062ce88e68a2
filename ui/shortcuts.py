"""Every keyboard shortcut of the app, declared once (WCAG: everything by keyboard)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from werkplein.i18n import N_

# key -> (sequence, description shown in Help > Sneltoetsen)
SHORTCUTS: dict[str, tuple[str, str]] = {
    "lock": ("Ctrl+L", N_("Lock Werkplein")),
    "quit": ("Ctrl+Q", N_("Quit")),
    "home": ("Ctrl+1", N_("Go to My work")),
    "residents": ("Ctrl+2", N_("Go to Residents")),
    "handovers": ("Ctrl+3", N_("Go to Handovers")),
    "approvals": ("Ctrl+4", N_("Go to Approvals")),
    "signals": ("Ctrl+5", N_("Go to Signals")),
    "fines": ("Ctrl+6", N_("Go to Fines")),
    "settings": ("Ctrl+,", N_("Go to Settings")),
    "search": ("Ctrl+F", N_("Search residents")),
    "back": ("Alt+Left", N_("Back to the previous screen")),
    "new_signal": ("Ctrl+Shift+S", N_("Log a signal")),
    "save": ("Ctrl+S", N_("Save")),
    "next_step": ("Ctrl+PgDown", N_("Next step")),
    "previous_step": ("Ctrl+PgUp", N_("Previous step")),
    "shortcuts": ("F1", N_("Show the keyboard shortcuts")),
    "new_note": ("Ctrl+N", N_("Write a note")),
    "new_case": ("Ctrl+Shift+C", N_("Open a new case")),
    "new_fine": ("Ctrl+Shift+B", N_("Register a new fine")),
    "plan_visit": ("Ctrl+Shift+V", N_("Plan a home visit")),
    "handover": ("Ctrl+Shift+O", N_("Compose a warm handover")),
    "complete_step": ("Ctrl+Return", N_("Mark this step complete")),
    "history": ("Ctrl+H", N_("Show the history of this field")),
    "filter": ("Ctrl+G", N_("Filter by gemeente")),
    "accept": ("Ctrl+Shift+A", N_("Accept")),
    "refresh": ("F5", N_("Reload")),
    "sync": ("F9", N_("Synchronise with the shared folder")),
}


def key(name: str) -> QKeySequence:
    return QKeySequence(SHORTCUTS[name][0])
