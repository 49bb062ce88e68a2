"""The dossier of one resident, in tabs: overview, timeline, cases, toekomstplan, home visits,
handovers, fines (only for roles that may see them) and notes.

The dossier is read once per refresh (``session.residents.dossier`` logs that view) and every
tab is drawn from that one read. Writes go through the services; after each, the page reloads
itself and tells the window that data changed.

The page (``page.py``), one module per tab (``overview``, ``cases``, ``plan``, ``handovers``,
``notes``) and what they share (``common``). Planning a visit is a dialog of its own
(``ui/dialogs/plan_visit.py``).
"""

from ui.pages.dossier.page import DossierPage

__all__ = ["DossierPage"]
