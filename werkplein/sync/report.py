"""What a sync reports: what it sent, received, refused and left waiting (``sync --json``; the
JSON keys are a contract with municipal IT scripts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rejection:
    path: str  # relative to the share root; holds ids only
    reason: str
    laptop: str | None = None  # the device whose file or change it was
    entity: str | None = None  # a refused change: what it tried to write
    record: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "reason": self.reason,
            "laptop": self.laptop,
            "entity": self.entity,
            "record": self.record,
        }


@dataclass
class SyncReport:
    sent_changes: int = 0
    sent_files: int = 0
    received_changes: int = 0
    received_files: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    waiting: int = 0
    conflicts: int = 0
    new_conflicts: int = 0
    pruned: int = 0
    snapshot_used: str | None = None
    snapshot_written: str | None = None
    erased: int = 0  # residents erased here by erasure events from the share

    def to_json(self) -> dict[str, Any]:
        return {
            "sent": {"changes": self.sent_changes, "files": self.sent_files},
            "received": {"changes": self.received_changes, "files": self.received_files},
            "rejected": [r.to_json() for r in self.rejected],
            "waiting": self.waiting,
            "conflicts": self.conflicts,
            "new_conflicts": self.new_conflicts,
            "pruned": self.pruned,
            "snapshot_used": self.snapshot_used,
            "snapshot_written": self.snapshot_written,
            "erased": self.erased,
        }
