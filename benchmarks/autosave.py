"""Autosave benchmark: what one huisbezoek save costs as the record's history grows.

    python benchmarks/autosave.py [--saves 10000] [--out figures.json]

A klantmanager laptop (a small demo region, the cheap test KDF: unlocking is not measured here)
types an observation into one huisbezoek; every keystroke is a save through the real path
(``VisitService.observe``: role check, validation, change log with the versions it replaces,
HLC, audit, FTS), each in its own transaction as the app does it. Per-save times are reported
for windows of 200 saves at the start and after 1 000, 5 000 and 10 000 saves.

In the same run plain ``sqlcipher3`` does the same work without any bookkeeping: one UPDATE of
the observation and one change-log INSERT per save, in a database with the same schema (the
migrations' own SQL, FTS and triggers) and the same connection settings; the two take turns,
window by window, so other work on the machine slows them alike.

Target: a save under 5 ms after 10 000 saves, and no slower than at the start (flat).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlcipher3

from werkplein.demo import SHOWCASE_DAY, build_demo, showcase_clock
from werkplein.services.session import Session
from werkplein.store import schema
from werkplein.store.db import PAGE_CACHE_KIB
from werkplein.store.profile import TEST_ITERATIONS

PASSPHRASE = "benchmark passphrase, not a secret"
WINDOW = 200
TARGET_MS = 5.0
SENTENCE = "Mevrouw vertelt dat de buurvrouw helpt met boodschappen en dat het beter gaat. "


def typed(n: int) -> str:
    """The text after keystroke ``n``: a growing observation, as a person types it."""
    text = SENTENCE * (1 + n // len(SENTENCE))
    return text[: 1 + n % 2000]


def raw_database(path: Path) -> tuple[Any, str]:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA key = \"x'" + "ab" * 32 + "'\"")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    schema.migrate(conn)
    inwoner = str(uuid.uuid4())
    visit = str(uuid.uuid4())
    conn.execute(
        "INSERT INTO huisbezoek (id, inwoner_id, gepland_op, status) "
        "VALUES (?, ?, '2026-01-01T09:00:00Z', 'gepland')",
        (visit, inwoner),
    )
    return conn, visit


def raw_save(conn: Any, visit: str, n: int) -> None:
    text = typed(n)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE huisbezoek SET obs_wonen = ? WHERE id = ?", (text, visit))
    conn.execute(
        "INSERT INTO change_log (op_id, hlc, device_id, author_id, at, entity, record_id, kind, "
        "payload, parents) VALUES (?, ?, 'raw', 'raw', '2026-01-01T00:00:00Z', 'huisbezoek', ?, "
        "'update', ?, NULL)",
        (str(uuid.uuid4()), f"{n:020d}", visit, json.dumps({"obs_wonen": [None, text]})),
    )
    conn.execute("COMMIT")


def timed(save: Callable[[int], None], start: int, count: int) -> list[float]:
    out = []
    for n in range(start, start + count):
        t0 = time.perf_counter()
        save(n)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def figures(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10_000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    checkpoints = sorted({0, *(c for c in (1_000, 5_000) if c < args.saves), args.saves})
    with tempfile.TemporaryDirectory(prefix="werkplein-bench-autosave-") as tmp:
        root = Path(tmp)
        build_demo(
            root / "km",
            PASSPHRASE,
            residents=20,
            role="klantmanager",
            kdf_iterations=TEST_ITERATIONS,
            today=SHOWCASE_DAY,
        )
        raw, raw_visit = raw_database(root / "raw.db")
        windows: list[dict[str, Any]] = []
        with Session.open(root / "km", PASSPHRASE, clock=showcase_clock()) as km:
            inwoner = km.store.find("inwoner", limit=1)[0]["id"]
            visit = km.visits.plan(inwoner, f"{SHOWCASE_DAY.isoformat()}T09:00:00Z", doel="Test")

            def app_save(n: int) -> None:
                km.visits.observe(visit, "wonen", typed(n))

            done = 0
            for point in checkpoints:
                for n in range(done, point):  # grow both histories to the checkpoint, untimed
                    app_save(n)
                    raw_save(raw, raw_visit, n)
                app = timed(app_save, point, WINDOW)
                base = timed(lambda n: raw_save(raw, raw_visit, n), point, WINDOW)
                done = point + WINDOW
                windows.append(
                    {
                        "after_saves": point,
                        "werkplein": figures(app),
                        "raw_sqlcipher": figures(base),
                        "ratio_p50": round(statistics.median(app) / statistics.median(base), 2),
                    }
                )
            history = km.store.conn.execute(
                "SELECT count(*) FROM change_log WHERE record_id = ?", (visit,)
            ).fetchone()[0]
        raw.close()
    first, last = windows[0]["werkplein"]["p50_ms"], windows[-1]["werkplein"]["p50_ms"]
    result = {
        "saves": args.saves,
        "history_of_record": history,
        "windows": windows,
        "growth_last_vs_first": round(last / first, 2),
        "target_ms": TARGET_MS,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
