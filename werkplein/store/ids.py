"""UUIDv7 record ids: globally unique, time-ordered (so index pages stay warm), no device
bookkeeping needed. A seeded generator makes demo data deterministic.

Ids made on a laptop of a team end in that laptop's *tag* (eight hex digits derived from its
device id): an op id, and the id of a note, then belong to the laptop that made them, so a
laptop can neither re-send a colleague's change under its id nor write into a colleague's note
(``werkplein.sync.authority`` checks it on arrival)."""

from __future__ import annotations

import hashlib
import os
import random
import threading
import uuid
from collections.abc import Callable


class IdFactory:
    """Makes UUIDv7 strings, monotonic within this factory.

    ``now_ms`` gives the millisecond timestamp; ``randbytes`` the 10 random bytes. Both are
    swappable so tests and the demo generator get the same ids for the same seed.
    """

    def __init__(
        self,
        now_ms: Callable[[], int],
        randbytes: Callable[[int], bytes] = os.urandom,
        tag: str | None = None,
    ) -> None:
        self._now_ms = now_ms
        self._randbytes = randbytes
        self.tag = tag  # eight hex digits every id ends in (None: all random)
        self._last_ms = -1
        self._seq = 0
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            ms = self._now_ms()
            if ms <= self._last_ms:
                ms = self._last_ms
                self._seq += 1
                if self._seq > 0xFFF:  # 12-bit counter exhausted: borrow the next millisecond
                    ms += 1
                    self._seq = 0
            else:
                self._seq = 0
            self._last_ms = ms
            rand = int.from_bytes(self._randbytes(8), "big")
        value = (ms & 0xFFFF_FFFF_FFFF) << 80
        value |= 0x7 << 76
        value |= (self._seq & 0xFFF) << 64
        value |= 0b10 << 62
        value |= rand & ((1 << 62) - 1)
        h = f"{value:032x}"  # what str(uuid.UUID(int=value)) gives, without the object
        if self.tag is not None:
            h = h[:24] + self.tag  # 30 random bits are left beside the 12-bit counter
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def id_tag(device_id: str) -> str:
    """The eight hex digits every id made on ``device_id`` ends in."""
    return hashlib.sha256(b"werkplein-id-tag\0" + device_id.encode()).hexdigest()[:8]


# Crockford's base32: no I, L, O or U, so a reference read out on the phone is never ambiguous
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def device_code(device_id: str) -> str:
    """The four characters of a laptop in its decisions' references (kenmerk): the first 20
    bits of its tag in Crockford's base32."""
    bits = int(id_tag(device_id)[:5], 16)
    return "".join(CROCKFORD[(bits >> shift) & 0x1F] for shift in (15, 10, 5, 0))


def seeded_ids(seed: int, start_ms: int) -> IdFactory:
    """Deterministic ids for the demo region: same seed, same ids."""
    rng = random.Random(seed)
    tick = [start_ms]

    def now_ms() -> int:
        tick[0] += 1
        return tick[0]

    return IdFactory(now_ms, rng.randbytes)


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return True
