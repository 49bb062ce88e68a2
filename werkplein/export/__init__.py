"""Documents (reportlab): how the method leaves the laptop.

One module per document; each lays out a plain dataclass (``VisitData``, ``DecisionData``, ...)
as PDF bytes through the shared page design in ``document.py``, and reads no store and calls no
service. ``werkplein.services.documents`` gathers that data (with the role checks and the audit
of views); ``werkplein.services.exports`` writes the file under a temporary name, renames it
when complete, and logs the export in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rendered:
    """A finished document: its bytes and what the audit log records about it (ids only)."""

    data: bytes
    inwoner_id: str | None
    detail: str
