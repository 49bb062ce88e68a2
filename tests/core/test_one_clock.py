"""One clock: only werkplein/store/clock.py reads the wall clock; everything else asks a Clock.

The scan reads the syntax tree of every module in werkplein/, ui/ and the scripts that build the
demo pictures and documents, so an alias (``from datetime import date as D``) or a call split
over lines does not slip through. Durations (time.monotonic, time.perf_counter) are not "now".
"""

from __future__ import annotations

import ast
import datetime as dt
import time
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.core.test_services import complete_case, new_resident
from werkplein.domain.dates import local_day, moment_bounds
from werkplein.services.exports import decision_file_name
from werkplein.services.session import Session
from werkplein.store.clock import (
    NOW_ENV,
    ClockSettingInvalid,
    FixedClock,
    RunningClock,
    SystemClock,
    clock_from_env,
    parse_moment,
)
from werkplein.store.profile import TEST_ITERATIONS

ROOT = Path(__file__).resolve().parents[2]
CLOCK_MODULE = ROOT / "werkplein" / "store" / "clock.py"
SCANNED = ("werkplein", "ui", "docs", "benchmarks", "installer")

# datetime/date class methods that read the wall clock
WALL_METHODS = {"now", "utcnow", "today"}
DATE_CLASSES = {"date", "datetime"}
# Qt's ways to ask the wall clock
QT_METHODS = {
    "currentDate",
    "currentDateTime",
    "currentDateTimeUtc",
    "currentTime",
    "currentMSecsSinceEpoch",
    "currentSecsSinceEpoch",
}
# the time module's wall-clock readers (monotonic and perf_counter measure durations: allowed)
TIME_READERS = {"time", "time_ns"}
# ... and its converters, which read the wall clock only when not given a time: name -> the
# number of arguments that means "now"
TIME_CONVERTERS = {"localtime": 0, "gmtime": 0, "ctime": 0, "asctime": 0, "strftime": 1}
TIME_FUNCTIONS = TIME_READERS | set(TIME_CONVERTERS)


def _terminal(node: ast.expr) -> str | None:
    """The last name of ``a.b.c`` (``c``) or of a plain name."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def wall_clock_reads(source: str) -> list[tuple[int, str]]:
    """(line, text) of every place in ``source`` that reads the wall clock."""
    tree = ast.parse(source)
    aliases: dict[str, str] = {}  # local name -> what it stands for (datetime, date, time.x)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "datetime":
            for name in node.names:
                if name.name in DATE_CLASSES:
                    aliases[name.asname or name.name] = name.name
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            for name in node.names:
                if name.name in TIME_FUNCTIONS:
                    found.append((node.lineno, f"from time import {name.name}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_time(node.func, TIME_CONVERTERS):
            assert isinstance(node.func, ast.Attribute)
            if len(node.args) <= TIME_CONVERTERS[node.func.attr]:
                found.append((node.lineno, f"time.{node.func.attr}"))
        if not isinstance(node, ast.Attribute):
            continue
        owner = _terminal(node.value)
        owner = aliases.get(owner or "", owner)
        if (
            (node.attr in WALL_METHODS and owner in DATE_CLASSES)
            or node.attr in QT_METHODS
            or _is_time(node, TIME_READERS)
        ):
            found.append((node.lineno, f"{owner}.{node.attr}"))
    return sorted(found)


def _is_time(node: ast.expr, names: Collection[str]) -> bool:
    """``time.<name>`` for a name in ``names``."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "time"
        and node.attr in names
    )


def _modules() -> list[Path]:
    files = [p for folder in SCANNED for p in sorted((ROOT / folder).rglob("*.py"))]
    return [p for p in files if p != CLOCK_MODULE and ".venv" not in p.parts]


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    modules = _modules()
    assert len(modules) > 80  # the scan sees the code, not an empty folder
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in modules
        for line, text in wall_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "source",
    [
        "import datetime as dt\nx = dt.date.today()",
        "import datetime\nx = datetime.datetime.now(datetime.UTC)",
        "from datetime import datetime\nx = datetime.utcnow()",
        "from datetime import date as D\nx = D.today()",
        "from PySide6.QtCore import QDate\nx = QDate.currentDate()",
        "from PySide6.QtCore import QDateTime\nx = QDateTime.currentDateTime().addDays(1)",
        "import time\nx = time.time()",
        "from time import time\nx = time()",
        "import time\nx = time.strftime('%Y')",
        "import time\nx = time.localtime()",
        "import time\nids = IdFactory(time.time)",
    ],
)
def test_the_scan_finds_every_way_to_read_the_wall_clock(source: str) -> None:
    assert wall_clock_reads(source)


@pytest.mark.parametrize(
    "source",
    [
        "x = session.today()",
        "x = self.store.clock.now()",
        "import time\nx = time.monotonic()",
        "import time\nx = time.perf_counter()",
        "import datetime as dt\nx = dt.datetime.fromisoformat('2026-01-01')",
        "x = self.clock.today().isoformat()",
        "import time\nx = time.gmtime(1_700_000_000)",
        "import time\nx = time.strftime('%Y', time.gmtime(0))",
    ],
)
def test_the_scan_leaves_the_session_clock_and_durations_alone(source: str) -> None:
    assert wall_clock_reads(source) == []


# ---------------------------------------------------------------------- the clocks
def test_today_is_the_users_day_not_the_utc_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """00:30 in Amsterdam on 1 January is still 31 December in UTC."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        clock = FixedClock(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC))
        assert clock.now().date() == dt.date(2026, 12, 31)
        assert clock.today() == dt.date(2027, 1, 1)
        assert clock.local().hour == 0
    finally:
        monkeypatch.undo()
        time.tzset()


def test_werkplein_now_sets_a_running_clock() -> None:
    clock = clock_from_env({NOW_ENV: "2028-02-29T10:00Z"})
    assert isinstance(clock, RunningClock)
    first = clock.now()
    assert dt.datetime(2028, 2, 29, 10, tzinfo=dt.UTC) <= first
    assert first < dt.datetime(2028, 2, 29, 10, 1, tzinfo=dt.UTC)
    time.sleep(0.01)
    assert clock.now() > first  # it runs on


def test_without_werkplein_now_the_system_clock_is_used() -> None:
    assert isinstance(clock_from_env({}), SystemClock)
    assert isinstance(clock_from_env({NOW_ENV: "  "}), SystemClock)


def test_a_moment_without_a_zone_is_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        assert parse_moment("2027-03-28T01:30") == dt.datetime(2027, 3, 28, 0, 30, tzinfo=dt.UTC)
        assert parse_moment("2027-07-01") == dt.datetime(2027, 6, 30, 22, 0, tzinfo=dt.UTC)
        assert parse_moment("2027-07-01T12:00+00:00").hour == 12
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize("value", ["tomorrow", "2028-02-30", "29-02-2028x", ""])
def test_a_bad_werkplein_now_is_a_clear_error(value: str) -> None:
    with pytest.raises(ClockSettingInvalid) as caught:
        parse_moment(value)
    assert "WERKPLEIN_NOW" in caught.value.message()


# ---------------------------------------------------------------------- the user's day
@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("amsterdam")
def test_a_moment_belongs_to_the_users_day() -> None:
    assert local_day("2027-02-28T23:30:00.000Z") == "2027-03-01"
    assert local_day("2027-02-28T22:59Z") == "2027-02-28"
    assert local_day("2027-02-28") == "2027-02-28"
    low, high = moment_bounds("2027-03-01", "2027-03-01")
    assert (low, high) == ("2027-02-28T23:00:00.000Z", "2027-03-01T23:00:00.000Z")
    # the night the clocks go forward is 23 hours long
    low, high = moment_bounds("2027-03-28", "2027-03-28")
    assert (low, high) == ("2027-03-27T23:00:00.000Z", "2027-03-28T22:00:00.000Z")


@pytest.mark.usefixtures("amsterdam")
def test_just_after_midnight_counts_for_the_new_day(tmp_path: Path) -> None:
    """At 00:30 on 1 March in Amsterdam (28 February in UTC): the decision set now is in the
    export of 1 March and named after it, and a visit at 00:30 on 9 March is not "until 8 March"."""
    clock = FixedClock(parse_moment("2027-03-01T00:30"))
    with Session.create(
        tmp_path / "p", PASSPHRASE, "Tl", "teamleider", kdf_iterations=TEST_ITERATIONS, clock=clock
    ) as session:
        casus_id = complete_case(session, new_resident(session))
        besluit_id = session.decisions.draft(casus_id, uitkomst="toegekend", motivering="Past.")
        session.decisions.set(besluit_id)
        decision = session.store.require("besluit", besluit_id)
        assert decision["vastgesteld_op"].startswith("2027-02-28T23:30")
        assert [d["id"] for d in session.decisions.set_between("2027-03-01", "2027-03-01")] == [
            besluit_id
        ]
        assert session.decisions.set_between("2027-02-28", "2027-02-28") == []
        assert decision_file_name(decision) == f"besluit-2027-03-01-{besluit_id}.pdf"

        session.visits.plan(new_resident(session, "111222333"), "2027-03-08T23:30Z")
        assert session.visits.planned(until="2027-03-08") == []
        assert len(session.visits.planned(until="2027-03-09")) == 1
