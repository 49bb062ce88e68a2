"""Writer.insert_many writes what put() would, row for row (proposed with the bulk path)."""

from __future__ import annotations

import pytest

from werkplein.errors import ValidationFailed
from werkplein.services.session import Session


def resident(n: int, **extra: object) -> dict[str, object]:
    return {
        "bsn": f"{100000000 + n}",
        "last_name": f"Naam{n}",
        "birth_date": "1980-01-01",
        "gemeente": "Brekwolde",
        **extra,
    }


def test_insert_many_matches_put(session: Session) -> None:
    store, user = session.store, session.user.id
    rows = [resident(1), resident(2, prefix="van"), resident(3, deleted=False), resident(4)]
    with store.write(user) as w:
        ids = w.insert_many("inwoner", rows)
        put_id, put_change = w.put("inwoner", None, resident(5))
    assert len(set(ids)) == 4
    for record_id, values in zip(ids, rows, strict=True):
        record = store.require("inwoner", record_id)
        assert {k: record[k] for k in values} == values
        (change,) = store.history("inwoner", record_id)
        assert change.kind == "insert"
        assert change.fields == {k: (None, v) for k, v in values.items()}
    # input order is kept: local row ids, change-log order and HLC stamps all ascend
    rids = [store.rows("SELECT rid FROM inwoner WHERE id = ?", (i,))[0][0] for i in ids]
    assert rids == sorted(rids)
    log = [r[0] for r in store.rows("SELECT record_id FROM change_log ORDER BY seq")]
    assert log[-5:] == [*ids, put_id]
    assert put_change is not None
    assert [c.hlc for c in w.changes.changes] == sorted(c.hlc for c in w.changes.changes)
    audited = {r[0] for r in store.rows("SELECT inwoner_id FROM audit_log")}
    assert set(ids) <= audited
    assert store.integrity_problems() == []


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (resident(9, last_name=""), ValidationFailed),
        (resident(9, shoe_size="42"), ValueError),
        (resident(9, deleted="no"), ValidationFailed),
    ],
)
def test_insert_many_checks_every_row_and_writes_nothing_on_error(
    session: Session, row: dict[str, object], error: type[Exception]
) -> None:
    store, user = session.store, session.user.id
    before = store.change_count()
    with pytest.raises(error), store.write(user) as w:
        w.insert_many("inwoner", [resident(1), row])
    assert store.change_count() == before
    assert store.rows("SELECT count(*) FROM inwoner")[0][0] == 0
