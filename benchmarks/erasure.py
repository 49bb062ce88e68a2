"""Erasure benchmark: erasing one resident among ``--residents`` on a team (issue 17).

    python benchmarks/erasure.py [--residents 20000] [--out figures.json]

1. A teamleider laptop holds a demo region of ``--residents`` residents and puts it on a shared
   folder (a real folder); a klantmanager laptop joins and applies everything.
2. The teamleider erases one resident with a dossier (set decisions included): the anonymous
   count of the decisions, the local erasure (rows, change log, keys, search index, tombstones,
   ``secure_delete``, WAL checkpoint) and the audit entry, in one transaction. Target: under 1 s.
   In the same run raw ``sqlcipher3`` deletes the same rows (records and change-log rows) from a
   database with the same schema and rows, in one transaction: the baseline.
3. The teamleider's next sync: what it adds to or changes on the share (no old bundle or snapshot
   may be rewritten). Then the klantmanager's sync applying the erasure, against a sync with
   nothing new.

Profiles use the cheap test KDF: unlocking is not what is measured here (see store.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlcipher3

from benchmarks.sync import PASSPHRASE, raw_baseline
from werkplein.demo import SHOWCASE_DAY, build_demo, showcase_clock
from werkplein.services.retention import GROUND_REQUEST
from werkplein.services.session import Session
from werkplein.services.sharing import join
from werkplein.store.erase import records_of
from werkplein.store.profile import TEST_ITERATIONS

TARGET_S = 1.0


def listing(share: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(share)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in share.rglob("*")
        if p.is_file()
    }


def raw_delete(path: Path, records: list[tuple[str, str]]) -> float:
    """Seconds for plain sqlcipher3 to delete the same records and their change-log rows."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA key = \"x'" + "ab" * 32 + "'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DROP TRIGGER change_log_no_delete")
    for entity, record_id in records:
        conn.execute(f"DELETE FROM {entity} WHERE id = ?", (record_id,))
        conn.execute(
            "DELETE FROM change_log WHERE entity = ? AND record_id = ?", (entity, record_id)
        )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def bench(root: Path, residents: int) -> dict[str, Any]:
    start = time.perf_counter()
    build_demo(
        root / "tl",
        PASSPHRASE,
        residents=residents,
        role="teamleider",
        kdf_iterations=TEST_ITERATIONS,
        today=SHOWCASE_DAY,
    )
    share = root / "share"
    clock = showcase_clock()
    tl = Session.open(root / "tl", PASSPHRASE, clock=clock)
    tl.sharing.create_share(share)
    code = tl.sharing.invite("Nieuwe Collega", "klantmanager")
    km, _report = join(root / "km", PASSPHRASE, share, code, kdf_iterations=TEST_ITERATIONS)
    setup_s = time.perf_counter() - start

    chosen = tl.store.rows(
        "SELECT inwoner_id, count(*) AS n FROM besluit WHERE status = 'vastgesteld' "
        "GROUP BY inwoner_id ORDER BY n DESC LIMIT 1"
    )[0]
    inwoner_id = str(chosen[0])
    records = records_of(tl.store, inwoner_id)
    raw_rows = raw_baseline(tl, root / "raw.db")[1]
    raw_s = raw_delete(root / "raw.db", records)

    before = listing(share)
    start = time.perf_counter()
    erased = tl.retention._destroy(inwoner_id, GROUND_REQUEST)  # the duty to keep aside
    erase_s = time.perf_counter() - start
    start = time.perf_counter()
    tl.sharing.sync()
    tl_sync_s = time.perf_counter() - start
    after = listing(share)
    added = sorted(set(after) - set(before))
    changed = sorted(n for n in set(after) & set(before) if after[n] != before[n])
    removed = sorted(set(before) - set(after))

    start = time.perf_counter()
    report = km.sharing.sync()
    apply_s = time.perf_counter() - start
    assert report.erased == 1
    assert km.store.get("inwoner", inwoner_id) is None
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        km.sharing.sync()
        samples.append(time.perf_counter() - start)
    counts = tl.store.counts()
    tl.close()
    km.close()
    return {
        "residents": counts["residents"] + 1,
        "changes_before": raw_rows,
        "setup_s": round(setup_s, 1),
        "erased_records": erased.records,
        "erased_change_log_rows": erased.changes,
        "erase_ms": round(erase_s * 1000, 1),
        "target_ms": TARGET_S * 1000,
        "raw_delete_ms": round(raw_s * 1000, 1),
        "teamleider_sync_ms": round(tl_sync_s * 1000, 1),
        "share_added": [_kind(n) for n in added],
        "share_changed": [_kind(n) for n in changed],
        "share_removed": [_kind(n) for n in removed],
        "erasure_event_bytes": sum(after[n][0] for n in added if n.endswith(".erasure")),
        "colleague_apply_sync_ms": round(apply_s * 1000, 1),
        "colleague_noop_sync_ms_p50": round(statistics.median(samples) * 1000, 1),
    }


def _kind(name: str) -> str:
    """A share path with the laptop folder's id left out."""
    parts = name.split("/")
    if parts[0] == "devices" and len(parts) == 3:
        return f"devices/<laptop>/{parts[2]}"
    if parts[0] == "erasures":
        return "erasures/<id>.erasure"
    return name


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    os.environ.pop("WERKPLEIN_TEST_KDF", None)
    with tempfile.TemporaryDirectory(prefix="werkplein-bench-erasure-") as tmp:
        result = bench(Path(tmp), args.residents)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
