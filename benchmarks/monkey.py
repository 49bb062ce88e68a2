"""Randomized working sessions in the real app, longer than the suite's: each run does random
keys, clicks, scrolls, resizes, page changes and lock/unlock while a colleague's laptop syncs
into the profile (tests/ui/monkey.py), with faulthandler on. Prints one line per run.

    python benchmarks/monkey.py [--runs 10] [--seconds 150] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WERKPLEIN_TEST_KDF": "1"}
    failed = 0
    for run in range(args.runs):
        seed = args.seed + run
        with tempfile.TemporaryDirectory() as workdir:
            result = subprocess.run(
                [sys.executable, "-X", "faulthandler", str(ROOT / "tests/ui/monkey.py"),
                 workdir, str(args.seconds), str(seed)],
                capture_output=True, text=True, env=env, check=False, cwd=workdir,
            )  # fmt: skip
        line = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
        print(f"seed {seed}: exit {result.returncode} {line}", flush=True)
        if result.returncode != 0:
            failed += 1
            print(result.stderr[-3000:], file=sys.stderr)
    minutes = args.runs * args.seconds / 60
    print(f"{args.runs - failed} of {args.runs} runs alive ({minutes:.0f} minutes in all)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
