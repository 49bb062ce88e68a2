"""Files on the share: their layout, their names, one signed envelope format, atomic writes.

The share::

    werkplein-share.json                 format marker and team id (nothing personal)
    team/invites/<id>.invite             an invitation: public part signed by a teamleider,
                                         secrets encrypted under the one-time code
    team/admitted/<device>.admitted      a teamleider's admission of a laptop that joined with
                                         an invitation (judged by the teamleider's clock)
    team/revoked/<device>.revoked        a revocation, signed by a teamleider
    team/keys/<generation>.keys          new team keys after a revocation, wrapped per remaining
                                         laptop (X25519), signed by a teamleider
    devices/<device>/device.cert         the device's public key, role and user id, signed
    devices/<device>/state.wps           what the device has applied (for safe pruning)
    devices/<device>/<seq>-<hash>.wpb    its change bundles, immutable, numbered in sequence
    devices/<device>/keys-<b>.ring       its resident keys (rings.py), 16 files, rewritten when
                                         a key is made or erased
    erasures/<id>.erasure                an erasure of a resident, signed by a teamleider,
                                         kept forever (erasures.py)
    snapshots/<hlc>-<hash>.wps           compacted states, written by teamleider devices

A device only writes inside its own folder (a teamleider also in team/, snapshots/ and
erasures/), so no two laptops ever write the same file and no lock is needed.

Every file is one *envelope*::

    b"WPLN" | version (1 byte) | header length (4 bytes) | header (canonical JSON)
            | section ciphertexts (AES-256-GCM, listed in the header) | Ed25519 signature

The header holds only ids, sequence numbers and sizes; what the sections hold is personal and
therefore encrypted. The signature covers everything before it, so a flipped byte anywhere makes
the file fail. Files are written under a temporary name, flushed and renamed.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkplein.store import files
from werkplein.sync import bounds, crypto
from werkplein.sync.bounds import TMP_PREFIX

MAGIC = b"WPLN"
HEADER_DEPTH = 6  # {"covers": {...}, "sections": [{...}]} is as deep as a header goes
HEADER_ITEMS = 20_000
FORMAT = 1
MARKER = "werkplein-share.json"
BUNDLE_RE = re.compile(r"(\d{8})-([0-9a-f]{16})\.wpb")
SNAPSHOT_RE = re.compile(r"([0-9a-f]{16})-([0-9a-f]{16})\.wps")
DEVICE_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
INVITE_RE = re.compile(r"([0-9a-f]{24})\.invite")
REVOKED_RE = re.compile(r"(.+)\.revoked")
RING_RE = re.compile(r"keys-([0-9a-f])\.ring")
ERASURE_RE = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.erasure")
CERT = "device.cert"
STATE = "state.wps"


# A file that is not a whole, authentic envelope, or one outside the limits of bounds.py;
# ``reason`` is a short code for the report.
EnvelopeError = bounds.Refused


@dataclass(frozen=True)
class Envelope:
    header: dict[str, Any]
    sections: dict[str, bytes]  # channel -> ciphertext (still encrypted)
    signed: bytes  # the bytes the signature covers
    signature: bytes

    @property
    def signer(self) -> str:
        return str(self.header.get("signer", ""))

    def verify(self, public_hex: str) -> None:
        try:
            crypto.verify(public_hex, self.signature, self.signed)
        except crypto.CryptoError as exc:
            raise EnvelopeError("bad-signature") from exc

    def open(self, channel: str, key: bytes) -> bytes:
        """Decrypt one section."""
        for section in self.header.get("sections", []):
            if section["channel"] == channel:
                nonce = crypto.unb64(section["nonce"])
                aad = _aad(self.header, channel)
                try:
                    return crypto.unseal(key, nonce, self.sections[channel], aad)
                except crypto.CryptoError as exc:
                    raise EnvelopeError("does-not-decrypt") from exc
        raise EnvelopeError("no-section")


def _aad(header: Mapping[str, Any], channel: str) -> bytes:
    bare = {k: v for k, v in header.items() if k != "sections"}
    return canonical(bare) + b"\0" + channel.encode()


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def seal_envelope(
    header: Mapping[str, Any],
    sections: Mapping[str, tuple[bytes, bytes]],  # channel -> (key, plaintext)
    signing_key: crypto.SigningKey,
) -> bytes:
    head = dict(header)
    parts: list[bytes] = []
    listed: list[dict[str, Any]] = []
    for channel, (key, plaintext) in sections.items():
        nonce, ciphertext = crypto.seal(key, plaintext, _aad(head, channel))
        listed.append({"channel": channel, "nonce": crypto.b64(nonce), "size": len(ciphertext)})
        parts.append(ciphertext)
    if listed:
        head["sections"] = listed
    head_bytes = canonical(head)
    signed = MAGIC + bytes([FORMAT]) + len(head_bytes).to_bytes(4, "big") + head_bytes
    signed += b"".join(parts)
    return signed + signing_key.sign(signed)


def parse_envelope(data: bytes) -> Envelope:
    """Split a file into header, sections and signature; raise EnvelopeError when it is not a
    whole envelope (truncated, another format). The signature is checked by the caller, who
    knows the signer's key."""
    if len(data) < len(MAGIC) + 5 + crypto.SIGNATURE_BYTES or not data.startswith(MAGIC):
        raise EnvelopeError("not-an-envelope")
    if data[4] != FORMAT:
        raise EnvelopeError("unknown-format")
    size = int.from_bytes(data[5:9], "big")
    if size > bounds.MAX_HEADER:
        raise EnvelopeError("too-large")
    end = 9 + size
    if end + crypto.SIGNATURE_BYTES > len(data):
        raise EnvelopeError("truncated")
    # the header is read before the signature can be checked (it names the signer): bounded
    header = bounds.load_json(data[9:end], depth=HEADER_DEPTH, items=HEADER_ITEMS)
    if not isinstance(header, dict):
        raise EnvelopeError("damaged")
    sections: dict[str, bytes] = {}
    offset = end
    listed = header.get("sections", [])
    if not isinstance(listed, list):
        raise EnvelopeError("damaged")
    for section in listed:
        if not (
            isinstance(section, dict)
            and isinstance(section.get("channel"), str)
            and isinstance(section.get("nonce"), str)
            and isinstance(section.get("size"), int)
            and 0 <= section["size"] <= len(data)
        ):
            raise EnvelopeError("damaged")
        sections[section["channel"]] = data[offset : offset + section["size"]]
        offset += section["size"]
    if offset + crypto.SIGNATURE_BYTES != len(data):
        raise EnvelopeError("truncated" if offset + 64 > len(data) else "damaged")
    return Envelope(header, sections, data[:offset], data[offset:])


# ---------------------------------------------------------------------- writing and reading
def atomic_write(path: Path, data: bytes) -> None:
    """``store.files.atomic_write`` on the share: a crash leaves at most a temporary file whose
    name readers skip (``TMP_PREFIX``). Only the file's own folder is made: a share that
    vanished is never re-created locally."""
    path.parent.mkdir(exist_ok=True)
    files.atomic_write(path, data, temp=path.with_name(f"{TMP_PREFIX}{secrets.token_hex(6)}"))


def read(path: Path, limit: int = bounds.MAX_SMALL_FILE) -> bytes:
    """A regular file of at most ``limit`` bytes (see bounds.read_file)."""
    return bounds.read_file(path, limit)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Share:
    """A share folder; every path the sync touches comes from here."""

    root: Path

    @property
    def marker(self) -> Path:
        return self.root / MARKER

    @property
    def devices(self) -> Path:
        return self.root / "devices"

    @property
    def invites(self) -> Path:
        return self.root / "team" / "invites"

    @property
    def keys(self) -> Path:
        return self.root / "team" / "keys"

    @property
    def admitted(self) -> Path:
        return self.root / "team" / "admitted"

    @property
    def revoked(self) -> Path:
        return self.root / "team" / "revoked"

    @property
    def snapshots(self) -> Path:
        return self.root / "snapshots"

    @property
    def erasures(self) -> Path:
        return self.root / "erasures"

    def device(self, device_id: str) -> Path:
        return self.devices / device_id

    def make_layout(self) -> None:
        for folder in (
            self.devices,
            self.invites,
            self.keys,
            self.admitted,
            self.revoked,
            self.snapshots,
            self.erasures,
        ):
            folder.mkdir(parents=True, exist_ok=True)

    def reachable(self) -> bool:
        try:
            return self.marker.is_file()
        except OSError:
            return False

    def team_id(self) -> str | None:
        try:
            marker = json.loads(self.marker.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(marker, dict) or marker.get("format") != "werkplein-share":
            return None
        team = marker.get("team")
        return team if isinstance(team, str) else None


def listdir(folder: Path) -> list[str]:
    """Names in a folder, sorted; [] when it does not exist. Temporary files are left out."""
    return [entry.name for entry in bounds.scan(folder)]


def bundle_name(seq: int, data: bytes) -> str:
    return f"{seq:08d}-{content_hash(data)}.wpb"


def matches_hash(name: str, data: bytes, pattern: re.Pattern[str] = BUNDLE_RE) -> bool:
    """Whether ``name`` is a bundle (or snapshot) name whose hash is that of ``data``."""
    m = pattern.fullmatch(name)
    return m is not None and m.group(2) == content_hash(data)
