"""Make one example of every document from the fictional demo region.

    python docs/examples/make.py [OUT_DIR]      # default: docs/examples

Every name, BSN and address in them is made up (the demo's BSNs start with 99).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from werkplein.demo import SHOWCASE_DAY, build_demo, showcase_clock
from werkplein.services.session import Session
from werkplein.store.profile import TEST_ITERATIONS

PASSPHRASE = "example passphrase, not a secret"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        build_demo(
            folder,
            PASSPHRASE,
            residents=60,
            seed=1,
            role="teamleider",
            kdf_iterations=TEST_ITERATIONS,
            today=SHOWCASE_DAY,
        )
        with Session.open(folder, PASSPHRASE, clock=showcase_clock()) as session:
            store, exports = session.store, session.exports
            decided = store.find("besluit", "status = 'vastgesteld'", (), "vastgesteld_op")
            deviating = next(d for d in decided if d["afwijking_beleid"] and d["voorwaarden"])
            exports.decision(deviating["id"], out / "besluit.pdf")
            exports.letter(deviating["id"], out / "brief.pdf")
            exports.casus(deviating["casus_id"], out / "casus-anoniem.pdf", anonymous=True)
            resident = store.require("inwoner", deviating["inwoner_id"])
            exports.inzage(resident["bsn"], out / "inzage.pdf")
            visit = store.find("huisbezoek", "status = 'uitgevoerd'")
            visit = visit or store.find("huisbezoek")
            exports.visit(visit[0]["id"], out / "huisbezoek.pdf")
            handover = store.find("overdracht", "status = 'geaccepteerd'")
            handover = handover or store.find("overdracht")
            exports.handover(handover[0]["id"], out / "overdracht.pdf")
            fine = store.find("boete", "status = 'gesprek_gepland'") or store.find("boete")
            exports.fine_talk(fine[0]["id"], out / "confrontatiegesprek.pdf")
            batch = Path(tmp) / "batch"
            exports.decisions("2026-01-01", "2026-12-31", batch)
            for name in ("overzicht.pdf", "overzicht.csv"):
                shutil.copyfile(batch / name, out / name)
    for path in sorted(out.iterdir()):
        if path.suffix in (".pdf", ".csv"):
            print(f"{path.name}: {path.stat().st_size / 1000:.0f} kB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
