"""Documents (reportlab): how the method leaves the laptop.

One module per document; each turns what the services return into PDF bytes through the shared
page design in ``document.py``. ``werkplein.services.exports`` gathers the data, checks the
role, writes the file under a temporary name and renames it when complete, and logs the export
in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rendered:
    """A finished document: its bytes and what the audit log records about it (ids only)."""

    data: bytes
    inwoner_id: str | None
    detail: str
