"""Sync benchmark: applying changes from the share, a sync with nothing new, share bytes.

    python benchmarks/sync.py [--changes 100000] [--devices 50] [--out figures.json]

1. A teamleider laptop holds a demo region of about ``--changes`` change-log entries and puts
   it on a shared folder (a real folder). A new laptop joins and applies everything: read,
   check hash and signature, decrypt, inflate within limits, check every row, authorise every
   change (sync/authority.py), merge per field, FTS, bookkeeping. In the same run raw
   ``sqlcipher3`` inserts the same rows (every record in its final state plus the same
   change-log rows) into a database with the same schema (the migrations' own SQL, FTS and
   triggers included) and the same connection settings, in one transaction. Target: within 2x.
2. ``--devices`` laptops each put a few changes on the share and exchange everything; then one
   laptop syncs with nothing new (p50/max of 7 runs). Target: under 300 ms.
3. Share bytes per 1 000 changes (compressed and encrypted bundles).

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

from werkplein.demo import SHOWCASE_DAY, build_demo, showcase_clock
from werkplein.services.session import Session
from werkplein.services.sharing import join
from werkplein.store import schema
from werkplein.store.db import PAGE_CACHE_KIB
from werkplein.store.entities import ENTITIES
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.sync import engine

PASSPHRASE = "benchmark passphrase, not a secret"
TARGET_APPLY_RATIO = 2.0
TARGET_NOOP_MS = 300.0
CHANGES_PER_RESIDENT = 12.3  # what the demo generator writes per resident, roughly


def raw_baseline(source: Session, path: Path) -> tuple[float, int]:
    """Seconds for plain sqlcipher3 to insert the same rows the new laptop ends up with."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for name, s in ENTITIES.items():
        cols = ", ".join(["id", *s.fields])
        rows[name] = [tuple(r) for r in source.store.conn.execute(f"SELECT {cols} FROM {name}")]
    log = [
        tuple(r)
        for r in source.store.conn.execute(
            "SELECT op_id, hlc, device_id, author_id, at, entity, record_id, kind, payload, "
            "parents FROM change_log"
        )
    ]
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA key = \"x'" + "ab" * 32 + "'\"")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    schema.migrate(conn)
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for name, s in ENTITIES.items():
        cols = ["id", *s.fields]
        conn.executemany(
            f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            rows[name],
        )
    conn.executemany(
        "INSERT INTO change_log (op_id, hlc, device_id, author_id, at, entity, record_id, kind, "
        "payload, parents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        log,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed, len(log)


def bench_apply(root: Path, changes: int) -> dict[str, Any]:
    residents = max(int(changes / CHANGES_PER_RESIDENT), 10)
    build_demo(
        root / "tl",
        PASSPHRASE,
        residents=residents,
        role="teamleider",
        kdf_iterations=TEST_ITERATIONS,
        today=SHOWCASE_DAY,
    )
    share = root / "share"
    with Session.open(root / "tl", PASSPHRASE, clock=showcase_clock()) as tl:
        total = tl.store.change_count()
        start = time.perf_counter()
        tl.sharing.create_share(share)
        export_s = time.perf_counter() - start
        code = tl.sharing.invite("Nieuwe Collega", "klantmanager")
        raw_s, raw_rows = raw_baseline(tl, root / "raw.db")
        digest = tl.store.digest()
    bundle_files = list(share.rglob("*.wpb"))
    share_bytes = sum(p.stat().st_size for p in bundle_files)

    start = time.perf_counter()
    session, report = join(root / "new", PASSPHRASE, share, code, kdf_iterations=TEST_ITERATIONS)
    apply_s = time.perf_counter() - start
    with session:
        assert session.store.digest() == digest, "the new laptop does not hold the same data"
    return {
        "residents": residents,
        "changes": total,
        "bundles": len(bundle_files),
        "export_s": round(export_s, 2),
        "apply_s": round(apply_s, 2),
        "apply_changes_per_s": round(report.received_changes / apply_s),
        "raw_insert_s": round(raw_s, 2),
        "raw_rows": raw_rows,
        "ratio": round(apply_s / raw_s, 2),
        "target_ratio": TARGET_APPLY_RATIO,
        "share_bytes_per_1000_changes": round(share_bytes / total * 1000),
    }


def bench_noop(root: Path, devices: int) -> dict[str, Any]:
    share = root / "share"
    tl = Session.create(
        root / "d0", PASSPHRASE, "Teamleider", "teamleider", kdf_iterations=TEST_ITERATIONS
    )
    tl.sharing.create_share(share)
    laptops = [tl]
    for n in range(1, devices):
        code = tl.sharing.invite(f"Collega {n}", "klantmanager")
        session, _ = join(root / f"d{n}", PASSPHRASE, share, code, kdf_iterations=TEST_ITERATIONS)
        with session.store.write(session.user.id) as w:
            w.put(
                "signaal",
                None,
                {
                    "titel": f"Signaal {n}",
                    "omschrijving": "Benchmark",
                    "ingediend_door": session.user.id,
                    "status": "nieuw",
                },
            )
        session.sharing.sync()
        laptops.append(session)
    for session in laptops:
        session.sharing.sync()
    folders = len(list((share / "devices").iterdir()))
    samples = []
    for _ in range(7):
        start = time.perf_counter()
        report = tl.sharing.sync()
        samples.append((time.perf_counter() - start) * 1000)
        assert report.received_changes == 0
    for session in laptops:
        session.close()
    return {
        "device_folders": folders,
        "noop_sync_ms_p50": round(statistics.median(samples), 1),
        "noop_sync_ms_max": round(max(samples), 1),
        "target_ms": TARGET_NOOP_MS,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    os.environ.pop("WERKPLEIN_TEST_KDF", None)
    with tempfile.TemporaryDirectory(prefix="werkplein-bench-sync-") as tmp:
        result = {
            "apply": bench_apply(Path(tmp) / "apply", args.changes),
            "noop": bench_noop(Path(tmp) / "noop", args.devices),
            "engine": {"bundle_max": engine.BUNDLE_MAX},
        }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
