"""Document benchmark: one motivated decision, and the teamleider's batch of many.

    python benchmarks/export.py [--decisions 1000] [--out figures.json]

1. One motivated decision through ``ExportService.decision`` (gather from the encrypted store,
   render three pages with embedded fonts and the PDF/A parts, write under a temporary name,
   rename, audit). Median and max of 15 runs after one warm-up (the warm-up loads the fonts).
   Target: under 200 ms.
2. ``--decisions`` set decisions in one batch (``ExportService.decisions``): one PDF each,
   ``overzicht.csv`` and ``overzicht.pdf`` with its charts. Target: 1 000 in under 60 s.
   The demo sets a few dozen decisions; the rest are copies of those, spread over the demo's
   residents (same content, new ids), written through the store's own insert path.
3. The baseline, timed in the same run: a minimal reportlab document of one page (a title and
   a paragraph with the standard Helvetica font, written to memory), and the same with
   platypus and the embedded DejaVu fonts.

Profiles use the cheap test KDF: unlocking is not what is measured here (see store.py).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from werkplein.demo import SHOWCASE_DAY, build_demo, showcase_clock
from werkplein.export.pdf import FONT, register_fonts
from werkplein.services.session import Session
from werkplein.store.profile import TEST_ITERATIONS

PASSPHRASE = "benchmark passphrase, not a secret"
TARGET_ONE_MS = 200.0
TARGET_BATCH_S = 60.0


def minimal_canvas() -> float:
    start = time.perf_counter()
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(72, 770, "Besluit")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(72, 750, "Een minimale pagina als ondergrens.")
    canvas.showPage()
    canvas.save()
    return time.perf_counter() - start


def minimal_platypus_embedded() -> float:
    register_fonts()
    start = time.perf_counter()
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    body = styles["Normal"].clone("body", fontName=FONT)
    doc = SimpleDocTemplate(buffer, initialFontName=FONT)
    doc.build([Paragraph("Besluit", body), Paragraph("Één pagina met ë, ï en €.", body)])
    return time.perf_counter() - start


def timed(fn: Any, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def multiply_decisions(session: Session, wanted: int) -> int:
    """Copies of the demo's set decisions (new ids), spread over its residents."""
    store = session.store
    originals = store.find("besluit", "status = 'vastgesteld'")
    cases = {c["id"]: c for c in store.find("casus")}
    have = len(originals)
    copies: list[dict[str, Any]] = []
    for n in range(max(0, wanted - have)):
        source = originals[n % len(originals)]
        copy = {k: v for k, v in source.items() if k not in ("id", "rid")}
        case = cases[source["casus_id"]]
        copy["inwoner_id"] = case["inwoner_id"]
        copies.append(copy)
    with store.write(session.user.id) as w:
        w.insert_many("besluit", copies)
    return have


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_demo(
            root / "demo",
            PASSPHRASE,
            residents=300,
            seed=7,
            role="teamleider",
            kdf_iterations=TEST_ITERATIONS,
            today=SHOWCASE_DAY,
        )
        with Session.open(root / "demo", PASSPHRASE, clock=showcase_clock()) as session:
            original = multiply_decisions(session, args.decisions)
            decision = session.store.find("besluit", "status = 'vastgesteld'")[0]["id"]

            canvas_runs = timed(minimal_canvas, 30)
            platypus_runs = timed(minimal_platypus_embedded, 30)
            out = root / "one.pdf"
            session.exports.decision(decision, out)  # warm-up: fonts, caches
            one = timed(lambda: session.exports.decision(decision, out), 15)
            pages = len(re.findall(rb"/Type /Page[^s]", out.read_bytes()))
            figures["one_decision_ms"] = {
                "median": statistics.median(one) * 1000,
                "max": max(one) * 1000,
                "bytes": out.stat().st_size,
                "target": TARGET_ONE_MS,
            }
            figures["baseline_minimal_page_ms"] = statistics.median(canvas_runs) * 1000
            figures["baseline_platypus_embedded_fonts_ms"] = statistics.median(platypus_runs) * 1000

            start = time.perf_counter()
            result = session.exports.decisions("2000-01-01", "2100-12-31", root / "batch")
            batch = time.perf_counter() - start
            size = sum(p.stat().st_size for p in (root / "batch").iterdir())
            figures["batch"] = {
                "decisions": result.decisions,
                "from_demo": original,
                "seconds": batch,
                "per_decision_ms": batch / max(result.decisions, 1) * 1000,
                "megabytes": size / 1e6,
                "target_s": TARGET_BATCH_S,
            }
    print(
        f"minimal reportlab page (Helvetica, canvas): {figures['baseline_minimal_page_ms']:.2f} ms"
    )
    print(
        f"minimal platypus page, embedded DejaVu:     "
        f"{figures['baseline_platypus_embedded_fonts_ms']:.2f} ms"
    )
    o = figures["one_decision_ms"]
    print(
        f"one motivated decision ({pages} pages, {o['bytes'] / 1000:.0f} kB): median "
        f"{o['median']:.1f} ms, max {o['max']:.1f} ms (target {TARGET_ONE_MS:.0f} ms)"
    )
    b = figures["batch"]
    print(
        f"batch of {b['decisions']} decisions: {b['seconds']:.1f} s "
        f"({b['per_decision_ms']:.1f} ms each, {b['megabytes']:.1f} MB; "
        f"target {TARGET_BATCH_S:.0f} s)"
    )
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
