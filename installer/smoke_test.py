"""Smoke test of a frozen Werkplein build (the PyInstaller folder in dist/werkplein).

    python installer/smoke_test.py [EXECUTABLE] [--gui both|offscreen|xcb|none]
                                   [--python PY] [--runs N] [--keep]

EXECUTABLE defaults to dist/werkplein/werkplein (werkplein.exe on Windows). Everything runs in
a fresh temporary HOME, XDG folders (APPDATA/LOCALAPPDATA on Windows) and profile folder with
the cheap test key derivation (WERKPLEIN_TEST_KDF=1), and checks:

  bundle    translations, fonts, sRGB profile, icon, babel locale data and the Qt platform
            plugins (offscreen, and xcb on Linux) are inside; every module of werkplein/ and
            ui/ is in the archive (when PyInstaller is importable, as in the build venv)
  version   `werkplein --version` equals __version__ of werkplein/__init__.py (the source)
  profile   `werkplein init` without --data-dir lands in the platform's data folder
  demo      `werkplein demo --residents 30 --role teamleider` makes a profile `status` reads
  export    `werkplein export decisions` writes overzicht.csv, overzicht.pdf and one PDF per
            decision; `werkplein export decision --id` writes one, in Dutch and in English;
            each is a PDF with embedded fonts (/FontFile2)
  gui       the app starts, shows its unlock window and quits by itself with exit code 0
            (WERKPLEIN_QUIT_AFTER_MS), saving a picture of it that must not be blank
            (WERKPLEIN_SMOKE_SCREENSHOT): offscreen, and on X11 (QT_QPA_PLATFORM=xcb) on
            $DISPLAY or else under xvfb-run when it is installed
  timings   start-up of the frozen app against `python -m werkplein` (--version, and GUI start
            to quit), and the size of the bundle

Exits 0 when every check passed, 1 on the first failure (with what failed and the command's
output), 2 on bad usage. Needs only the standard library.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
EXE_NAME = "werkplein.exe" if WINDOWS else "werkplein"
DEFAULT_EXE = ROOT / "dist" / "werkplein" / EXE_NAME
PASSPHRASE = "smoke-test-passphrase"
QUIT_AFTER_MS = 2500
CLI_TIMEOUT = 120
GUI_TIMEOUT = 60
PERIOD = ("--from", "2026-01-01", "--to", "2026-12-31")
CSV_COLUMNS = ("besluit_id", "casus_id", "gemeente", "vastgesteld_op", "uitkomst")
BABEL_LOCALES = ("root", "nl", "nl_NL", "en", "en_001", "en_GB")


class SmokeFailure(Exception):
    """One check failed; the message says which and what was seen."""


@dataclass
class Report:
    timings: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: bool = False


REPORT = Report()


@contextmanager
def step(name: str) -> Iterator[None]:
    print(f"[smoke] {name} ...", flush=True)
    started = time.perf_counter()
    try:
        yield
    except SmokeFailure as exc:
        REPORT.failed = True
        print(f"[smoke] {name}: FAILED\n{exc}", file=sys.stderr, flush=True)
        raise
    print(f"[smoke] {name}: ok ({time.perf_counter() - started:.1f} s)", flush=True)


def source_version() -> str:
    text = (ROOT / "werkplein" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.M)
    if not match:
        raise SmokeFailure("werkplein/__init__.py has no __version__")
    return match.group(1)


# ---------------------------------------------------------------------- running commands
@dataclass
class Sandbox:
    """A temporary home: nothing the app writes lands in the real user's folders."""

    root: Path

    @property
    def home(self) -> Path:
        return self.root / "home"

    def env(self, extra: Mapping[str, str | None] | None = None) -> dict[str, str]:
        out = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("WERKPLEIN_", "XDG_", "QT_")) and k not in {"LANGUAGE"}
        }
        runtime = self.root / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        out.update(
            {
                "HOME": str(self.home),
                "USERPROFILE": str(self.home),
                "APPDATA": str(self.home / "AppData" / "Roaming"),
                "LOCALAPPDATA": str(self.home / "AppData" / "Local"),
                "XDG_DATA_HOME": str(self.home / ".local" / "share"),
                "XDG_CONFIG_HOME": str(self.home / ".config"),
                "XDG_CACHE_HOME": str(self.home / ".cache"),
                "XDG_STATE_HOME": str(self.home / ".local" / "state"),
                "XDG_RUNTIME_DIR": str(runtime),
                "WERKPLEIN_PASSPHRASE": PASSPHRASE,
                "WERKPLEIN_TEST_KDF": "1",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        for key, value in (extra or {}).items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = value
        return out


def run(
    cmd: Sequence[str | os.PathLike[str]],
    env: Mapping[str, str],
    *,
    timeout: float = CLI_TIMEOUT,
    expect: int = 0,
) -> subprocess.CompletedProcess[str]:
    args = [str(c) for c in cmd]
    try:
        proc = subprocess.run(
            args,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"`{' '.join(args)}` did not finish within {timeout:.0f} s") from exc
    except OSError as exc:
        raise SmokeFailure(f"`{' '.join(args)}` could not start: {exc}") from exc
    problem = None
    if proc.returncode != expect:
        problem = f"exit code {proc.returncode}, expected {expect}"
    elif "Traceback" in proc.stderr or "Traceback" in proc.stdout:
        problem = "a traceback reached the user"
    if problem:
        raise SmokeFailure(
            f"`{' '.join(args)}`: {problem}\n--- stdout\n{proc.stdout[-4000:]}"
            f"\n--- stderr\n{proc.stderr[-4000:]}"
        )
    return proc


def timed(cmd: Sequence[str | os.PathLike[str]], env: Mapping[str, str], **kw: float) -> float:
    started = time.perf_counter()
    run(cmd, env, **kw)
    return time.perf_counter() - started


def median_time(
    cmd: Sequence[str | os.PathLike[str]], env: Mapping[str, str], runs: int, **kw: float
) -> float:
    timed(cmd, env, **kw)  # warm the disk cache: the figures compare programs, not disks
    return statistics.median(timed(cmd, env, **kw) for _ in range(runs))


# ---------------------------------------------------------------------- checks
def internal_dir(exe: Path) -> Path:
    internal = exe.parent / "_internal"
    return internal if internal.is_dir() else exe.parent


def check_bundle(exe: Path) -> None:
    base = internal_dir(exe)
    must = [
        "translations/nl/LC_MESSAGES/werkplein.po",
        "translations/en/LC_MESSAGES/werkplein.po",
        "translations/nl/LC_MESSAGES/werkplein_ui.po",
        "resources/fonts/DejaVuSans.ttf",
        "resources/fonts/DejaVuSans-Bold.ttf",
        "resources/fonts/DejaVuSans-Oblique.ttf",
        "resources/icc/sRGB.icc",
        "resources/icons/werkplein.svg",
        "babel/global.dat",
        *(f"babel/locale-data/{name}.dat" for name in BABEL_LOCALES),
    ]
    missing = [m for m in must if not (base / m).is_file()]
    source_pos = sorted(p.relative_to(ROOT) for p in ROOT.glob("translations/*/LC_MESSAGES/*.po"))
    missing += [str(p) for p in source_pos if not (base / p).is_file()]
    plugins = base / "PySide6" / ("plugins" if WINDOWS else "Qt/plugins") / "platforms"
    wanted = ["qoffscreen", "qwindows"] if WINDOWS else ["libqoffscreen", "libqxcb"]
    have = {p.name.split(".")[0] for p in plugins.glob("*")} if plugins.is_dir() else set()
    missing += [f"{plugins.relative_to(base)}/{w}" for w in wanted if w not in have]
    if missing:
        raise SmokeFailure(f"missing from {base}:\n  " + "\n  ".join(missing))
    stray = [p for p in ("tests", "benchmarks") if (base / p).exists()]
    if stray:
        raise SmokeFailure(f"test or benchmark code in the bundle: {stray}")
    check_modules(exe)


def check_modules(exe: Path) -> None:
    """Every module of werkplein/ and ui/ is in the archive: the main window imports its pages
    by name, which a missing hidden import would only show once a user opens that page."""
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:
        REPORT.notes.append("module list not checked: PyInstaller is not importable here")
        return
    archive = CArchiveReader(str(exe))
    pyz = archive.open_embedded_archive("PYZ.pyz")
    frozen = set(pyz.toc)
    expected = set()
    for package in ("werkplein", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            expected.add(".".join(parts))
    expected.discard("werkplein.__main__")
    missing = sorted(expected - frozen)
    if missing:
        raise SmokeFailure(
            "modules of the source tree are not in the frozen app (a hidden import, or a build "
            "older than the source: run installer/build_linux.sh):\n  " + "\n  ".join(missing)
        )


def check_version(exe: Path, sandbox: Sandbox) -> None:
    expected = f"werkplein {source_version()}"
    proc = run([exe, "--version"], sandbox.env())
    got = proc.stdout.strip() or proc.stderr.strip()
    if got != expected:
        raise SmokeFailure(
            f"--version printed {got!r}, the source says {expected!r} (rebuild the bundle?)"
        )


def platform_data_dir(sandbox: Sandbox) -> Path:
    """Where platformdirs' user_data_dir("Werkplein", appauthor=False) points in the sandbox."""
    if WINDOWS:
        return sandbox.home / "AppData" / "Local" / "Werkplein"
    if sys.platform == "darwin":
        return sandbox.home / "Library" / "Application Support" / "Werkplein"
    return sandbox.home / ".local" / "share" / "Werkplein"


def check_default_profile(exe: Path, sandbox: Sandbox) -> None:
    run([exe, "init", "--name", "Rook Test", "--role", "klantmanager"], sandbox.env())
    expected = platform_data_dir(sandbox) / "profiel" / "profile.json"
    if not expected.is_file():
        found = sorted(str(p) for p in sandbox.home.rglob("profile.json"))
        raise SmokeFailure(f"the default profile is not at {expected}; found: {found}")


def check_demo(exe: Path, sandbox: Sandbox, data_dir: Path) -> None:
    run(
        [exe, "demo", "--data-dir", data_dir, "--residents", "30", "--role", "teamleider"],
        sandbox.env(),
    )
    proc = run([exe, "status", "--data-dir", data_dir, "--json"], sandbox.env())
    status = json.loads(proc.stdout)
    if status.get("counts", {}).get("residents") != 30:
        raise SmokeFailure(f"the demo profile does not hold 30 residents: {status.get('counts')}")
    if status.get("user", {}).get("role") != "teamleider":
        raise SmokeFailure(f"the demo profile's user is not a teamleider: {status.get('user')}")
    if status.get("version") != source_version():
        raise SmokeFailure(f"status reports version {status.get('version')!r}")


def check_pdf(path: Path) -> None:
    if not path.is_file():
        raise SmokeFailure(f"no PDF at {path}")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise SmokeFailure(f"{path} does not start with %PDF-: {data[:16]!r}")
    if b"/FontFile2" not in data:
        raise SmokeFailure(f"{path} has no embedded TrueType font (/FontFile2)")
    if b"%%EOF" not in data[-64:]:
        raise SmokeFailure(f"{path} is cut off (no %%EOF at the end)")


def check_export(exe: Path, sandbox: Sandbox, data_dir: Path, work: Path) -> None:
    out = work / "export"
    run(
        [*(exe, "export", "decisions", "--data-dir", data_dir, "--out", out), *PERIOD],
        sandbox.env(),
    )
    overview = out / "overzicht.csv"
    if not overview.is_file():
        raise SmokeFailure(f"no {overview}; the folder holds {sorted(os.listdir(out))}")
    with overview.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        columns = tuple(reader.fieldnames or ())
        rows = list(reader)
    if columns[: len(CSV_COLUMNS)] != CSV_COLUMNS:
        raise SmokeFailure(f"overzicht.csv columns are {columns}, expected {CSV_COLUMNS}...")
    if not rows:
        raise SmokeFailure("overzicht.csv lists no decision: the demo region should hold some")
    check_pdf(out / "overzicht.pdf")
    pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) != len(rows) + 1:
        raise SmokeFailure(f"{len(rows)} decisions in overzicht.csv but {len(pdfs)} PDFs")
    for pdf in pdfs:
        check_pdf(pdf)
    besluit = rows[0]["besluit_id"]
    for lang in ("nl", "en"):  # the two locales whose babel data the bundle carries
        single = work / f"besluit-{lang}.pdf"
        command = ["--lang", lang, "export", "decision", "--data-dir", data_dir]
        run([exe, *command, "--id", besluit, "--out", single], sandbox.env())
        check_pdf(single)
    REPORT.notes.append(f"export: {len(rows)} decisions, overzicht.csv/.pdf, single nl + en")


# ---------------------------------------------------------------------- PNG (no Pillow)
def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the pixel rows (bytes per pixel as stored) of an 8-bit PNG."""
    data = path.read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise SmokeFailure(f"{path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    if header is None:
        raise SmokeFailure(f"{path} has no IHDR")
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise SmokeFailure(f"{path}: unexpected PNG format (depth {depth}, colour {colour})")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r) for r in rows]


def check_screenshot(path: Path) -> str:
    if not path.is_file() or path.stat().st_size == 0:
        raise SmokeFailure(f"the app saved no picture of its window at {path}")
    width, height, rows = png_pixels(path)
    if width < 200 or height < 100:
        raise SmokeFailure(f"the window picture is only {width}x{height} pixels")
    channels = len(rows[0]) // width
    counts: dict[bytes, int] = {}
    for row in rows:
        for x in range(0, len(row), channels):
            pixel = row[x : x + channels]
            counts[pixel] = counts.get(pixel, 0) + 1
    commonest = max(counts.values()) / (width * height)
    if len(counts) < 16 or commonest > 0.97:
        raise SmokeFailure(
            f"the window picture looks blank: {len(counts)} colours, the commonest covers "
            f"{commonest:.0%}"
        )
    return f"{width}x{height} px, {len(counts)} colours, background {commonest:.0%}"


# ---------------------------------------------------------------------- GUI
def gui_modes(choice: str) -> list[tuple[str, list[str], dict[str, str]]]:
    """(label, command prefix, environment) for each way of showing the window here."""
    modes: list[tuple[str, list[str], dict[str, str]]] = []
    if choice in {"both", "offscreen"}:
        modes.append(("offscreen", [], {"QT_QPA_PLATFORM": "offscreen"}))
    if choice in {"both", "xcb"} and not WINDOWS and sys.platform != "darwin":
        if os.environ.get("DISPLAY"):
            display = os.environ["DISPLAY"]
            modes.append((f"xcb on DISPLAY={display}", [], {"QT_QPA_PLATFORM": "xcb"}))
        elif shutil.which("xvfb-run"):
            prefix = ["xvfb-run", "--auto-servernum", "--server-args=-screen 0 1280x800x24"]
            modes.append(("xcb under xvfb-run", prefix, {"QT_QPA_PLATFORM": "xcb"}))
        elif choice == "xcb":
            raise SmokeFailure("--gui xcb: no DISPLAY and no xvfb-run")
        else:
            REPORT.notes.append("gui on X11 not tried: no DISPLAY and no xvfb-run")
    if choice in {"both", "windows"} and WINDOWS:
        modes.append(("windows", [], {}))
    return modes


def check_gui(
    cmd: list[str], sandbox: Sandbox, data_dir: Path, work: Path, mode: tuple
) -> tuple[float, str]:
    label, prefix, extra = mode
    shot = work / f"window-{re.sub(r'[^a-z]+', '-', label)}.png"
    env = sandbox.env(
        {
            **extra,
            "WERKPLEIN_QUIT_AFTER_MS": str(QUIT_AFTER_MS),
            "WERKPLEIN_SMOKE_SCREENSHOT": str(shot),
        }
    )
    started = time.perf_counter()
    run([*prefix, *cmd, "--data-dir", data_dir], env, timeout=GUI_TIMEOUT)
    elapsed = time.perf_counter() - started
    return elapsed, f"{check_screenshot(shot)} -> {shot}"


# ---------------------------------------------------------------------- size
def tree_size(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def default_python() -> Path:
    venv = ROOT / ".venv" / ("Scripts/python.exe" if WINDOWS else "bin/python")
    return venv if venv.is_file() else Path(sys.executable)


# ---------------------------------------------------------------------- main
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("executable", nargs="?", type=Path, default=DEFAULT_EXE)
    parser.add_argument(
        "--gui", choices=("both", "offscreen", "xcb", "windows", "none"), default="both"
    )
    parser.add_argument(
        "--python", type=Path, default=None, help="the Python of `python -m werkplein`"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per start-up figure")
    parser.add_argument("--no-timings", action="store_true", help="skip the comparison")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    exe = args.executable.resolve()
    if not exe.is_file() or not os.access(exe, os.X_OK):
        print(
            f"[smoke] no frozen executable at {exe}: build it with installer/build_linux.sh",
            file=sys.stderr,
        )
        return 1
    python = args.python or default_python()
    work = Path(tempfile.mkdtemp(prefix="werkplein-smoke-"))
    sandbox = Sandbox(work)
    sandbox.home.mkdir()
    data_dir = work / "profiel-demo"
    print(f"[smoke] {exe} (version {source_version()} in the source), work folder {work}")
    gui_times: dict[str, float] = {}
    try:
        with step("bundle contents"):
            check_bundle(exe)
        with step("--version"):
            check_version(exe, sandbox)
        with step("default profile folder (platformdirs)"):
            check_default_profile(exe, sandbox)
        with step("demo profile (30 residents, teamleider)"):
            check_demo(exe, sandbox, data_dir)
        with step("export decisions (CSV and PDF)"):
            check_export(exe, sandbox, data_dir, work)
        for mode in gui_modes(args.gui):
            with step(f"GUI start and quit, {mode[0]}"):
                elapsed, seen = check_gui([str(exe)], sandbox, data_dir, work, mode)
                gui_times[mode[0]] = elapsed
                REPORT.notes.append(f"window picture ({mode[0]}): {seen}")
        if not args.no_timings:
            with step("timings"):
                timings(exe, python, sandbox, data_dir, work, args.runs, gui_times)
    except SmokeFailure:
        print(f"[smoke] FAILED; the work folder is kept: {work}", file=sys.stderr)
        return 1
    for note in REPORT.notes:
        print(f"[smoke] {note}")
    if REPORT.timings:
        width = max(len(k) for k, _ in REPORT.timings)
        print("[smoke] timings and size:")
        for key, value in REPORT.timings:
            print(f"  {key:<{width}}  {value}")
    if args.keep:
        print(f"[smoke] work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
        print("[smoke] work folder removed (--keep keeps it, with the window pictures)")
    print("[smoke] all checks passed")
    return 0


def timings(
    exe: Path,
    python: Path,
    sandbox: Sandbox,
    data_dir: Path,
    work: Path,
    runs: int,
    gui_times: dict[str, float],
) -> None:
    env = sandbox.env()
    frozen = median_time([exe, "--version"], env, runs)
    source_cmd = [str(python), "-m", "werkplein"]
    source = median_time([*source_cmd, "--version"], env, runs)
    REPORT.timings.append(("--version, frozen (median)", f"{frozen:.2f} s"))
    REPORT.timings.append((f"--version, {python} -m werkplein", f"{source:.2f} s"))
    offscreen = next((m for m in gui_modes("offscreen")), None)
    if offscreen is not None:
        gui_runs = max(1, min(runs, 3))
        frozen_gui = statistics.median(
            check_gui([str(exe)], sandbox, data_dir, work, offscreen)[0] for _ in range(gui_runs)
        )
        source_gui = statistics.median(
            check_gui(source_cmd, sandbox, data_dir, work, offscreen)[0] for _ in range(gui_runs)
        )
        quit_s = QUIT_AFTER_MS / 1000
        for label, value in (("frozen", frozen_gui), ("python -m", source_gui)):
            REPORT.timings.append(
                (
                    f"GUI start->quit offscreen, {label}",
                    f"{value:.2f} s (start-up ~{value - quit_s:.2f} s + {quit_s:.1f} s shown)",
                )
            )
    for label, elapsed in gui_times.items():
        REPORT.timings.append((f"GUI start->quit {label}, frozen (1st run)", f"{elapsed:.2f} s"))
    size = tree_size(exe.parent)
    REPORT.timings.append(("bundle size", f"{size / 1e6:.0f} MB ({size / 2**20:.0f} MiB)"))


if __name__ == "__main__":
    raise SystemExit(main())
