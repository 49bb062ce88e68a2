#!/usr/bin/env bash
# The suite again with the whole process tree's clock moved by libfaketime, at the dates that
# catch a date baked into code or tests: 400 days ahead, the night the clocks go forward in the
# Netherlands (01:30, Europe/Amsterdam), a leap day, and the last minute of a year.
#
#   tests/other_dates.sh             all four dates
#   tests/other_dates.sh --ci        two of them, chosen by the commit (make test, CI): every
#                                    commit runs two, consecutive commits cover all four
#   tests/other_dates.sh -k toets    further arguments go to pytest
#
# The slow scenarios (every CLI subprocess test) are left out unless marked `dates`.
# Never set FAKETIME_DONT_FAKE_MONOTONIC: it breaks Python's sleep and subprocess timeouts.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=${PYTEST:-.venv/bin/pytest}

if ! command -v faketime >/dev/null; then
    echo "tests/other_dates.sh needs libfaketime: apt-get install faketime" >&2
    exit 1
fi

DATES=(
    "UTC|+400d"
    "Europe/Amsterdam|2027-03-28 01:30:00"
    "UTC|2028-02-29 10:00:00"
    "Europe/Amsterdam|2026-12-31 23:59:00"
)
if [[ ${1:-} == --ci ]]; then
    shift
    head=$(git rev-parse --short=1 HEAD 2>/dev/null || echo 0)
    if (( 16#$head % 2 )); then DATES=("${DATES[0]}" "${DATES[3]}"); else DATES=("${DATES[1]}" "${DATES[2]}"); fi
fi

status=0
for entry in "${DATES[@]}"; do
    zone=${entry%%|*}
    when=${entry#*|}
    if [[ $when == +* ]]; then spec=(-f "$when"); else spec=("$when"); fi
    echo "== the suite at $when ($zone)"
    if ! TZ=$zone faketime "${spec[@]}" env -u WERKPLEIN_NOW QT_QPA_PLATFORM=offscreen WERKPLEIN_TEST_KDF=1 \
        "$PYTEST" -q -p no:cacheprovider -n "${WORKERS:-2}" -m "not slow or dates" "$@"; then
        echo "== FAILED at $when ($zone)" >&2
        status=1
    fi
done
exit $status
