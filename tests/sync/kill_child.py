"""Run one team operation in a process of its own and kill it (SIGKILL: no cleanup, no
``finally``) right after its N-th durable step: a file renamed into place or a database
transaction committed. Used by test_kill.py.

    python kill_child.py revoke  ROOT DEVICE_ID KILL_AT
    python kill_child.py restore ROOT BACKUP    KILL_AT

Exits 0 and prints ``steps=N`` when the operation finished before step KILL_AT.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from werkplein.services.session import Session
from werkplein.store.clock import process_clock
from werkplein.store.restore import restore_backup
from werkplein.store.store import Store

PASSPHRASE = os.environ["WERKPLEIN_TEST_PASSPHRASE"]
steps = 0
kill_at = int(sys.argv[4])


def step() -> None:
    global steps  # noqa: PLW0603 - one counter for the whole process
    steps += 1
    if os.environ.get("KILL_CHILD_TRACE"):  # which step is which, for a person reading along
        import traceback

        print(f"--- step {steps}", "".join(traceback.format_stack(limit=6)[:-1]), file=sys.stderr)
    if steps == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)


real_replace = os.replace


def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
    real_replace(src, dst, *args, **kwargs)
    step()


os.replace = replace
real_transaction = Store._transaction


@contextlib.contextmanager
def counted(self: Store) -> Iterator[None]:
    outer = self._depth == 0
    with real_transaction(self):
        yield
    if outer:
        step()


Store._transaction = counted  # type: ignore[method-assign,assignment]


def main() -> None:
    operation, root = sys.argv[1], Path(sys.argv[2])
    clock = process_clock()
    if operation == "revoke":
        with Session.open(root / "tl", PASSPHRASE, clock=clock) as tl:
            tl.sharing.revoke(sys.argv[3])
    elif operation == "restore":
        restore_backup(Path(sys.argv[3]), root / "restored", PASSPHRASE)
        with Session.open(root / "restored", PASSPHRASE, clock=clock) as restored:
            restored.sharing.sync()
            inwoner = restored.store.find("inwoner", limit=1)[0]["id"]
            for n in range(3):
                restored.residents.write_note(inwoner, f"Na het terugzetten {n}")
            restored.sharing.sync()
    else:
        raise SystemExit(f"unknown operation {operation}")
    print(f"steps={steps}")


if __name__ == "__main__":
    main()
