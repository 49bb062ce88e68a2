"""Key rotation: after a revocation a teamleider laptop issues the next generation of the team
key and the fine key, wrapped for each remaining laptop (X25519, by role), in
``team/keys/<generation>.keys``; every laptop takes the generations wrapped for it."""

from __future__ import annotations

import json

from werkplein.domain.roles import Role
from werkplein.errors import (
    ShareUnavailable,
)
from werkplein.store.store import Store
from werkplein.sync import bounds, crypto
from werkplein.sync.files import (
    STATE,
    Envelope,
    EnvelopeError,
    Share,
    atomic_write,
    canonical,
    parse_envelope,
    read,
    seal_envelope,
)
from werkplein.sync.team import (
    KEYS_RE,
    META_KX,
    META_TEAM,
    Generation,
    Roster,
    TeamKeys,
    _now,
    require_team,
    sees_handhaving,
    signing_key,
)


def _wrap_info(keys: TeamKeys, number: int, device_id: str) -> bytes:
    return f"werkplein-keys\0{keys.team_id}\0{number}\0{device_id}".encode()


def rotate(store: Store, share: Share, roster: Roster) -> int:
    """Issue the next generation of the team key and the fine key, wrapped for each remaining
    (not revoked) laptop that has a key-agreement key, the fine key only for roles that see
    fines. Written to ``team/keys/<generation>.keys``; returns the new generation.

    Each file also carries every earlier generation (from 1), so a laptop that missed a file
    (away, or the file was removed from the share) still reads what was written under it. The
    number follows the newest generation on the share too: a rotation that was cut off after
    its file was written never issues the same number twice."""
    keys = receive_keys(store, share, roster)
    on_share = [
        int(m.group(1))
        for entry in bounds.scan(share.keys)
        if (m := KEYS_RE.fullmatch(entry.name)) is not None
        and _authentic(share, roster, keys, entry.name) is not None
    ]  # a file planted with a high number moves nothing
    number = max([keys.current, *on_share]) + 1
    fresh: Generation = (crypto.new_key(), crypto.new_key())
    ephemeral = crypto.AgreementKey.generate()
    sections: dict[str, tuple[bytes, bytes]] = {}
    for peer in roster.peers.values():
        if peer.revoked_pin is not None or not peer.kx_key:
            continue
        fines = sees_handhaving(peer.role)
        content = {
            "team_key": fresh[0].hex(),
            "handhaving_key": fresh[1].hex() if fresh[1] and fines else None,
            "earlier": {
                str(n): [t.hex(), h.hex() if h and fines else None]
                for n, (t, h) in sorted(keys.later.items())
            },
        }
        wrap = ephemeral.shared(peer.kx_key, _wrap_info(keys, number, peer.device_id))
        sections[peer.device_id] = (wrap, canonical(content))
    head = {
        "kind": "keys",
        "team": keys.team_id,
        "signer": store.device_id,
        "generation": number,
        "ephemeral": ephemeral.public_hex(),
        "issued_at": _now(store),
    }
    try:
        share.keys.mkdir(exist_ok=True)
        atomic_write(
            share.keys / f"{number:06d}.keys", seal_envelope(head, sections, signing_key(store))
        )
    except OSError as exc:
        raise ShareUnavailable.from_os(exc) from exc
    store.set_meta(META_TEAM, keys.with_generation(number, fresh).to_json())
    return number


def rotation_due(store: Store, share: Share, roster: Roster) -> bool:
    """Whether a revoked laptop can still read what is written now: the team never rotated
    since, or the newest generation was wrapped for it, or its file is gone (a rotation cut off,
    a file removed from the share). A teamleider laptop then rotates at its next sync."""
    revoked = {d for d, peer in roster.peers.items() if peer.revoked_pin is not None}
    if not revoked:
        return False
    keys = require_team(store)
    if keys.current == 0:
        return True
    env = _authentic(share, roster, keys, f"{keys.current:06d}.keys")
    return env is None or bool(revoked & set(env.sections))


def _authentic(share: Share, roster: Roster, keys: TeamKeys, name: str) -> Envelope | None:
    """The key file ``name`` when a teamleider of this team signed it for the generation its
    name says; None for anything else (missing, damaged, planted)."""
    m = KEYS_RE.fullmatch(name)
    if m is None:
        return None
    try:
        env = parse_envelope(read(share.keys / name, bounds.MAX_BUNDLE_FILE))
        signer = roster.peers.get(env.signer)
        if signer is None or signer.role != Role.TEAMLEIDER.value or signer.revoked_pin:
            return None
        env.verify(signer.sign_key)
    except (OSError, EnvelopeError):
        return None
    head = env.header
    if head.get("team") != keys.team_id or head.get("generation") != int(m.group(1)):
        return None
    return env


def receive_keys(store: Store, share: Share, roster: Roster) -> TeamKeys:
    """Take every newer generation a teamleider wrapped for this laptop; the team's keys as
    they are then. A laptop that was away catches up here, a revoked one finds nothing."""
    keys = require_team(store)
    own_kx = store.meta(META_KX)
    if not own_kx:
        return keys
    mine = crypto.AgreementKey.from_hex(own_kx)
    for entry in bounds.scan(share.keys):
        m = KEYS_RE.fullmatch(entry.name)
        if m is None or int(m.group(1)) <= keys.current or entry.kind != "file":
            continue
        env = _authentic(share, roster, keys, entry.name)
        if env is None:
            roster.rejected.append((f"team/keys/{entry.name}", "damaged"))
            continue
        head, number = env.header, int(m.group(1))
        try:
            if store.device_id not in env.sections:
                continue  # not for this laptop (revoked, or no key-agreement key)
            wrap = mine.shared(
                str(head.get("ephemeral", "")), _wrap_info(keys, number, store.device_id)
            )
            content = json.loads(env.open(store.device_id, wrap))
            carried = {int(n): pair for n, pair in (content.get("earlier") or {}).items()}
            carried[number] = [content["team_key"], content.get("handhaving_key")]
            for n, (team_hex, hh) in sorted(carried.items()):
                if n >= 1 and keys.generation(n) is None:
                    keys = keys.with_generation(
                        n, (bytes.fromhex(team_hex), bytes.fromhex(hh) if hh else None)
                    )
        except (OSError, EnvelopeError, crypto.CryptoError, ValueError, KeyError, TypeError):
            roster.rejected.append((f"team/keys/{entry.name}", "damaged"))
            continue
        store.set_meta(META_TEAM, keys.to_json())
    return keys


def key_generations(share: Share, roster: Roster) -> dict[str, int]:
    """Device -> the newest key generation its own signed state says it holds."""
    out: dict[str, int] = {}
    for device_id, peer in roster.peers.items():
        try:
            env = parse_envelope(read(share.device(device_id) / STATE))
            env.verify(peer.sign_key)
        except (OSError, EnvelopeError):
            continue
        number = env.header.get("gen", 0)
        if isinstance(number, int):
            out[device_id] = number
    return out
