"""Property: whatever laptops do offline and in whatever order they sync, one full round later
every laptop holds the same data, every change of every laptop, and a conflict exactly where two
edits of one field met without either having seen the other.

The test keeps its own model of who had seen which edit (an edit sees what its laptop had
received by then); the conflicts it expects come from that model, not from the code under test.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sync.conftest import Team

FIELDS = ("street", "city")
VALUES = ("Aweg", "Beek", "Cdorp")
RESIDENTS = 2


@dataclass
class Edit:
    ident: int
    laptop: int
    resident: int
    field: str
    value: str
    seen: frozenset[int]  # edits its laptop knew when it was made


@dataclass
class Model:
    laptops: int
    edits: list[Edit] = field(default_factory=list)
    known: list[set[int]] = field(default_factory=list)  # per laptop: edits it has
    on_share: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.known = [set() for _ in range(self.laptops)]

    def edit(self, laptop: int, resident: int, name: str, value: str) -> None:
        ident = len(self.edits)
        self.edits.append(Edit(ident, laptop, resident, name, value, frozenset(self.known[laptop])))
        self.known[laptop].add(ident)

    def sync(self, laptop: int) -> None:
        self.on_share |= {e.ident for e in self.edits if e.laptop == laptop}  # sent first
        self.known[laptop] |= self.on_share

    def conflicts(self) -> set[tuple[int, str]]:
        out = set()
        for resident in range(RESIDENTS):
            for name in FIELDS:
                mine = [e for e in self.edits if (e.resident, e.field) == (resident, name)]
                replaced = {i for e in mine for i in e.seen}
                heads = {e.value for e in mine if e.ident not in replaced}
                if len(heads) > 1:
                    out.add((resident, name))
        return out


action = st.one_of(
    st.tuples(
        st.just("edit"),
        st.integers(0, 4),
        st.integers(0, RESIDENTS - 1),
        st.sampled_from(FIELDS),
        st.sampled_from(VALUES),
    ),
    st.tuples(st.just("sync"), st.integers(0, 4)),
    st.tuples(st.just("note"), st.integers(0, 4), st.integers(0, RESIDENTS - 1)),
    st.tuples(st.just("tick"), st.integers(1, 90)),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    laptops=st.integers(3, 5),
    skew=st.lists(st.integers(-360, 360), min_size=5, max_size=5),
    actions=st.lists(action, min_size=4, max_size=30),
)
def test_every_laptop_converges_and_conflicts_are_exact(
    laptops: int, skew: list[int], actions: list[tuple[object, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        team = Team(Path(tmp), Path(tmp) / "share")
        try:
            _run(team, laptops, skew, actions)
        finally:
            team.close()


def _run(team: Team, n: int, skew: list[int], actions: list[tuple[object, ...]]) -> None:
    tl = team.found("l0")
    names = ["l0"]
    for i in range(1, n):
        role = "teamleider" if i == 1 else "klantmanager"
        team.add(f"l{i}", role, by="l0", clock_offset_h=skew[i] / 60)
        names.append(f"l{i}")
    residents = []
    for r in range(RESIDENTS):
        residents.append(
            tl.residents.create(
                bsn=("999990019", "999990020")[r],
                last_name=f"Inwoner{r}",
                birth_date="1980-01-01",
                gemeente="Lindendal",
            )
        )
    team.sync_all()
    model = Model(n)

    for step in actions:
        kind = step[0]
        if kind == "tick":
            team.tick(float(step[1]))  # type: ignore[arg-type]
            continue
        laptop = int(step[1]) % n  # type: ignore[call-overload]
        session = team.laptops[names[laptop]]
        if kind == "sync":
            session.sharing.sync()
            model.sync(laptop)
        elif kind == "note":
            session.residents.write_note(residents[int(step[2])], f"notitie {len(actions)}")  # type: ignore[call-overload]
        else:
            resident, name, value = int(step[2]), str(step[3]), str(step[4])  # type: ignore[call-overload]
            current = session.store.get("inwoner", residents[resident])
            assert current is not None
            if current[name] == value:
                continue  # writing the value it already shows changes nothing
            with session.store.write(session.user.id) as w:
                w.put("inwoner", residents[resident], {name: value})
            model.edit(laptop, resident, name, value)

    for _ in range(2):  # one full round: everyone sends, then everyone receives
        for name in names:
            team.laptops[name].sharing.sync()

    stores = [team.laptops[name].store for name in names]
    assert len({s.digest() for s in stores}) == 1
    all_ops = set()
    for s in stores:
        all_ops |= {
            r[0] for r in s.rows("SELECT op_id FROM change_log WHERE device_id = ?", (s.device_id,))
        }
    for s in stores:
        assert {r[0] for r in s.rows("SELECT op_id FROM change_log")} == all_ops
    expected = {(residents[r], f) for r, f in model.conflicts()}
    for s in stores:
        found = {(str(r[0]), str(r[1])) for r in s.rows("SELECT record_id, field FROM conflict")}
        assert found == expected
        for record_id, name in found:  # the value shown is one of the conflicting values
            heads = s.rows(
                "SELECT heads FROM conflict WHERE record_id = ? AND field = ?", (record_id, name)
            )
            shown = s.get("inwoner", record_id)
            assert shown is not None
            assert shown[name] in str(heads[0][0])
