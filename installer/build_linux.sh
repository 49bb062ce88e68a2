#!/usr/bin/env bash
# Builds the Linux folder bundle dist/werkplein/ with PyInstaller and smoke-tests it.
#
#   installer/build_linux.sh [--no-smoke] [--tar] [-- SMOKE_TEST_ARGS...]
#
# --tar also packs dist/werkplein-<version>-linux-x86_64.tar.gz (the folder and
# werkplein.desktop, for /opt/werkplein; see installer/README.md).
# Uses the project virtualenv (.venv, made by `make install`; VENV=... for another one) and
# installs PyInstaller into it when missing (PYINSTALLER_SPEC, default "pyinstaller>=6.10,<7").
# Qt's xcb platform plugin links a few X11 helper libraries that slim systems lack; they are
# taken into the bundle when the build machine has them, so they are checked first (and
# installed with apt-get when running as root on Debian/Ubuntu, unless NO_APT=1).
# Work files go to build/pyinstaller/, the result to dist/werkplein/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
PYINSTALLER_SPEC="${PYINSTALLER_SPEC:-pyinstaller>=6.10,<7}"
SMOKE=1
TAR=0
SMOKE_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-smoke) SMOKE=0 ;;
        --tar) TAR=1 ;;
        --) shift; SMOKE_ARGS=("$@"); break ;;
        *) echo "usage: $0 [--no-smoke] [--tar] [-- SMOKE_TEST_ARGS...]" >&2; exit 2 ;;
    esac
    shift
done

if [ ! -x "$PY" ]; then
    echo "build_linux: no virtualenv at $VENV: run 'make install' first" >&2
    exit 1
fi
if ! "$PY" -c "import werkplein, PySide6, sqlcipher3" 2>/dev/null; then
    echo "build_linux: werkplein is not installed in $VENV: run 'make install' first" >&2
    exit 1
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "build_linux: installing PyInstaller into $VENV"
    "$VENV/bin/pip" install --quiet "$PYINSTALLER_SPEC"
fi

# The X11 libraries libqxcb.so needs beyond what every desktop has (Debian package names).
QXCB="$("$PY" -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")')"
missing_libs() { ldd "$QXCB" | awk '/not found/ {print $1}'; }
if [ -n "$(missing_libs)" ]; then
    echo "build_linux: Qt's xcb plugin lacks: $(missing_libs | tr '\n' ' ')"
    PKGS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
    if [ "${NO_APT:-0}" != 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq $PKGS >/dev/null
    else
        echo "build_linux: install them first, e.g. apt-get install $PKGS" >&2
        exit 1
    fi
    if [ -n "$(missing_libs)" ]; then
        echo "build_linux: still missing: $(missing_libs | tr '\n' ' ')" >&2
        exit 1
    fi
fi

echo "build_linux: building dist/werkplein (PyInstaller $("$PY" -c 'import PyInstaller; print(PyInstaller.__version__)'))"
started=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/werkplein.spec
echo "build_linux: built in $(( $(date +%s) - started )) s: dist/werkplein ($(du -sh dist/werkplein | cut -f1)), version $(cat build/pyinstaller/werkplein-version.txt)"

if [ "$SMOKE" = 1 ]; then
    "$PY" installer/smoke_test.py dist/werkplein/werkplein ${SMOKE_ARGS[@]+"${SMOKE_ARGS[@]}"}
fi

if [ "$TAR" = 1 ]; then
    VERSION="$(cat build/pyinstaller/werkplein-version.txt)"
    TARBALL="dist/werkplein-$VERSION-linux-$(uname -m).tar.gz"
    cp installer/werkplein.desktop dist/werkplein/werkplein.desktop
    tar -C dist -czf "$TARBALL" werkplein
    rm dist/werkplein/werkplein.desktop
    echo "build_linux: $TARBALL ($(du -h "$TARBALL" | cut -f1))"
fi
