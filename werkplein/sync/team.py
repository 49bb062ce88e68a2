"""The team on the share: who may write there, with which keys, and who has been removed.

Trust starts at the *root*: the teamleider laptop that created the werkplein. Its public key
travels to every colleague inside the invitation (encrypted under the one-time code), so a
forged marker or certificate on the share cannot replace it.

- An **invitation** is two files: ``<id>.invite`` (public and signed by a teamleider device:
  role, user id, expiry and a one-off invitation key) and ``<id>.secret`` (the team keys,
  encrypted under the code). The joining laptop deletes the secret once it has joined, so a
  code works once.
- A **device certificate** (``devices/<id>/device.cert``) names the device's signing key, role
  and user; the root signs its own, a joiner signs with the invitation key.
- A **revocation** (``team/revoked/<id>.revoked``, signed by a teamleider) pins the last bundle
  of a device that is accepted; later ones are refused everywhere.

Every laptop keeps the devices it has trusted in its own encrypted profile (``sync_peer``):
a certificate removed from or replaced on the share changes nothing for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from werkplein.domain.roles import Permission, Role, allowed
from werkplein.errors import (
    AlreadyInTeam,
    InvalidCode,
    JoinIncomplete,
    NotInTeam,
    ShareInUse,
    ShareUnavailable,
    UnknownDevice,
)
from werkplein.i18n import N_
from werkplein.store.clock import iso
from werkplein.store.store import Store
from werkplein.sync import bounds, crypto
from werkplein.sync.authority import Actor
from werkplein.sync.files import (
    CERT,
    DEVICE_RE,
    INVITE_RE,
    REVOKED_RE,
    EnvelopeError,
    Share,
    atomic_write,
    canonical,
    listdir,
    parse_envelope,
    read,
    seal_envelope,
)

META_TEAM = "sync.team"
META_SIGN = "sync.sign_key"
META_SHARE = "sync.share_folder"  # also set from the settings page
META_ADMITTED = "sync.admitted"  # "1" once this laptop saw a teamleider admit it
META_KX = "sync.kx_key"  # this device's X25519 private key (hex)
KEYS_RE = re.compile(r"(\d{6})\.keys")
INVITE_DAYS = 14
REVOCATION_COPY_RE = re.compile(r"revoked-([0-9a-f-]{36})\.revoked")
SECRET_SUFFIX = ".secret"


Generation = tuple[bytes, bytes | None]  # (team key, fine key or None for a werkcoach)


@dataclass(frozen=True)
class TeamKeys:
    """The team's keys, by generation. Generation 0 came with the invitation (or the share);
    after each revocation a teamleider issues the next one, for the remaining laptops only.
    Everything is written under the newest; older ones stay to read what was written then."""

    team_id: str
    root_device: str
    root_key: str
    team_key: bytes
    handhaving_key: bytes | None
    later: dict[int, Generation] = field(default_factory=dict)  # generation 1, 2, ...

    @property
    def current(self) -> int:
        return max(self.later, default=0)

    def generation(self, number: int) -> Generation | None:
        if number == 0:
            return self.team_key, self.handhaving_key
        return self.later.get(number)

    def key_for(self, channel: str, generation: int | None = None) -> bytes | None:
        keys = self.generation(self.current if generation is None else generation)
        if keys is None:
            return None
        return keys[0] if channel == "g" else keys[1]

    def with_generation(self, number: int, keys: Generation) -> TeamKeys:
        return replace(self, later={**self.later, number: keys})

    def to_dict(self, *, fines: bool = True) -> dict[str, Any]:
        """As JSON-able data; ``fines=False`` leaves every fine key out (a werkcoach's)."""

        def hx(key: bytes | None) -> str | None:
            return key.hex() if key and fines else None

        return {
            "team": self.team_id,
            "root_device": self.root_device,
            "root_key": self.root_key,
            "team_key": self.team_key.hex(),
            "handhaving_key": hx(self.handhaving_key),
            "generations": {str(n): [t.hex(), hx(h)] for n, (t, h) in self.later.items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TeamKeys:
        hh = d.get("handhaving_key")
        later = {
            int(n): (bytes.fromhex(t), bytes.fromhex(h) if h else None)
            for n, (t, h) in (d.get("generations") or {}).items()
        }
        return cls(
            d["team"],
            d["root_device"],
            d["root_key"],
            bytes.fromhex(d["team_key"]),
            bytes.fromhex(hh) if hh else None,
            later,
        )

    @classmethod
    def from_json(cls, text: str) -> TeamKeys:
        return cls.from_dict(json.loads(text))


@dataclass
class Peer:
    device_id: str
    sign_key: str
    role: str
    user_id: str
    revoked_pin: int | None = None
    since: str | None = None  # the root laptop only: when it created the werkplein
    invite: str | None = None  # the invitation it joined with (None: the root)
    revocation: bytes | None = None  # the signed revocation, as a teamleider wrote it
    accepted: dict[str, str] | None = None  # revoked: seq -> the only bundle name accepted
    kx_key: str | None = None  # its key-agreement public key (hex)

    def pinned(self, seq: int, name: str) -> bool:
        """Whether bundle ``name`` (number ``seq``) of this laptop may still be applied."""
        if self.revoked_pin is None:
            return True
        if seq > self.revoked_pin:
            return False
        return self.accepted is None or self.accepted.get(str(seq)) == name

    def actor(self) -> Actor:
        return Actor(self.device_id, self.user_id, Role(self.role), self.since)


@dataclass
class Roster:
    peers: dict[str, Peer] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (share path, reason)

    def teamleider(self, device_id: str) -> bool:
        peer = self.peers.get(device_id)
        return peer is not None and peer.role == Role.TEAMLEIDER.value

    def revoked(self, device_id: str) -> bool:
        peer = self.peers.get(device_id)
        return peer is not None and peer.revoked_pin is not None


# ---------------------------------------------------------------------- profile side
def team_keys(store: Store) -> TeamKeys | None:
    text = store.meta(META_TEAM)
    return TeamKeys.from_json(text) if text else None


def require_team(store: Store) -> TeamKeys:
    keys = team_keys(store)
    if keys is None:
        raise NotInTeam()
    return keys


def signing_key(store: Store) -> crypto.SigningKey:
    text = store.meta(META_SIGN)
    if not text:
        raise NotInTeam()
    return crypto.SigningKey.from_hex(text)


def share_of(store: Store, override: Path | None = None) -> Share:
    if override is not None:
        return Share(override)
    text = store.meta(META_SHARE)
    if not text:
        raise NotInTeam()
    return Share(Path(text))


def sees_handhaving(role: str) -> bool:
    return allowed(Role(role), Permission.VIEW_BOETE)


def _remember_peer(store: Store, peer: Peer) -> None:
    with store._transaction():
        store.conn.execute(
            "INSERT INTO sync_peer (device_id, sign_key, role, user_id, revoked_pin, since, "
            "invite, revocation, accepted, kx_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(device_id) DO UPDATE SET revoked_pin = excluded.revoked_pin, "
            "revocation = excluded.revocation, accepted = excluded.accepted",
            (
                peer.device_id,
                peer.sign_key,
                peer.role,
                peer.user_id,
                peer.revoked_pin,
                peer.since,
                peer.invite,
                peer.revocation.hex() if peer.revocation else None,
                json.dumps(peer.accepted) if peer.accepted is not None else None,
                peer.kx_key,
            ),
        )


def _now(store: Store) -> str:
    return iso(store.clock.now())


def _cert(
    store: Store, keys: TeamKeys, sign_key: crypto.SigningKey, role: str, user_id: str
) -> dict[str, Any]:
    """A device certificate; makes the device's key-agreement key pair (kept in the profile)."""
    kx = crypto.AgreementKey.generate()
    store.set_meta(META_KX, kx.private_hex())
    return {
        "kind": "cert",
        "team": keys.team_id,
        "device": store.device_id,
        "sign_key": sign_key.public_hex(),
        "kx_key": kx.public_hex(),
        "role": role,
        "user_id": user_id,
        "issued_at": _now(store),
    }


# ---------------------------------------------------------------------- create
def create_share(store: Store, user_id: str, role: str, root: Path) -> Share:
    """Make ``root`` the werkplein's shared folder with this teamleider laptop as the root."""
    if team_keys(store) is not None:
        raise AlreadyInTeam()
    share = Share(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        if any(n for n in listdir(root) if n not in {"desktop.ini", ".DS_Store"}):
            raise ShareInUse()
    except OSError as exc:
        raise ShareUnavailable.from_os(exc) from exc
    sign = crypto.SigningKey.generate()
    keys = TeamKeys(
        team_id=crypto.new_key()[:16].hex(),
        root_device=store.device_id,
        root_key=sign.public_hex(),
        team_key=crypto.new_key(),
        handhaving_key=crypto.new_key(),
    )
    cert = {**_cert(store, keys, sign, role, user_id), "signer": "self"}
    try:
        share.make_layout()
        atomic_write(share.device(store.device_id) / CERT, seal_envelope(cert, {}, sign))
        atomic_write(
            share.marker,
            json.dumps({"format": "werkplein-share", "version": 1, "team": keys.team_id}).encode(),
        )
    except OSError as exc:
        raise ShareUnavailable.from_os(exc) from exc
    store.set_meta(META_SIGN, sign.private_hex())
    store.set_meta(META_SHARE, str(root.resolve()))
    store.set_meta(META_TEAM, keys.to_json())
    since = str(cert["issued_at"])
    _remember_peer(
        store,
        Peer(
            store.device_id,
            sign.public_hex(),
            role,
            user_id,
            since=since,
            kx_key=str(cert["kx_key"]),
        ),
    )
    store.set_meta(META_ADMITTED, "1")  # the root trusts itself
    return share


# ---------------------------------------------------------------------- invite
def invite(store: Store, user_id: str, role: str, *, days: int = INVITE_DAYS) -> str:
    """Write an invitation for ``user_id`` (already a gebruiker record) and return its code."""
    keys = require_team(store)
    share = share_of(store)
    sign = signing_key(store)
    code = crypto.new_code()
    file_id = crypto.code_file_id(code)
    invite_key = crypto.SigningKey.generate()
    expires = store.clock.now() + dt.timedelta(days=days)
    public = {
        "kind": "invite",
        "team": keys.team_id,
        "signer": store.device_id,
        "invite": file_id,
        "role": role,
        "user_id": user_id,
        "invite_key": invite_key.public_hex(),
        "expires": iso(expires),
    }
    secrets_ = {
        **keys.to_dict(fines=sees_handhaving(role)),  # every generation: history stays readable
        "invite_private": invite_key.private_hex(),
        "issuer_key": sign.public_hex(),
    }
    secret_head = {"kind": "invite-secret", "team": keys.team_id, "invite": file_id}
    try:
        atomic_write(share.invites / f"{file_id}.invite", seal_envelope(public, {}, sign))
        atomic_write(
            share.invites / f"{file_id}{SECRET_SUFFIX}",
            seal_envelope(
                secret_head, {"c": (crypto.code_key(code), canonical(secrets_))}, invite_key
            ),
        )
    except OSError as exc:
        raise ShareUnavailable.from_os(exc) from exc
    return code


@dataclass(frozen=True)
class Invitation:
    file_id: str
    keys: TeamKeys
    role: str
    user_id: str
    invite_key: crypto.SigningKey


def read_invitation(share: Share, code_text: str, now: dt.datetime) -> Invitation:
    """Open the invitation a code belongs to; InvalidCode for anything that is not a valid,
    unused, unexpired invitation of this share."""
    if not share.reachable():
        raise ShareUnavailable(reason=N_("no werkplein found in that folder"))
    code = crypto.normalize_code(code_text)
    if code is None:
        raise InvalidCode()
    file_id = crypto.code_file_id(code)
    try:
        public = parse_envelope(read(share.invites / f"{file_id}.invite"))
        secret = parse_envelope(read(share.invites / f"{file_id}{SECRET_SUFFIX}"))
        data = json.loads(secret.open("c", crypto.code_key(code)))
        public.verify(data["issuer_key"])
        invite_key = crypto.SigningKey.from_hex(data["invite_private"])
        secret.verify(invite_key.public_hex())
    except (OSError, EnvelopeError, ValueError, KeyError) as exc:
        raise InvalidCode() from exc
    head = public.header
    if head.get("invite_key") != invite_key.public_hex() or head.get("team") != data["team"]:
        raise InvalidCode()
    if share.team_id() != data["team"] or str(head.get("expires", "")) < iso(now):
        raise InvalidCode()
    keys = TeamKeys.from_dict(data)
    return Invitation(file_id, keys, str(head["role"]), str(head["user_id"]), invite_key)


def accept_invitation(store: Store, share: Share, invitation: Invitation) -> None:
    """Make this new profile a device of the team: keys into the profile, a certificate signed
    with the invitation key onto the share."""
    if team_keys(store) is not None:
        raise AlreadyInTeam()
    sign = crypto.SigningKey.generate()
    cert = {
        **_cert(store, invitation.keys, sign, invitation.role, invitation.user_id),
        "signer": f"invite:{invitation.file_id}",
    }
    try:
        atomic_write(
            share.device(store.device_id) / CERT, seal_envelope(cert, {}, invitation.invite_key)
        )
    except OSError as exc:
        raise ShareUnavailable.from_os(exc) from exc
    store.set_meta(META_SIGN, sign.private_hex())
    store.set_meta(META_SHARE, str(share.root.resolve()))
    store.set_meta(META_TEAM, invitation.keys.to_json())
    store.set_meta("user_id", invitation.user_id)
    _remember_peer(
        store,
        Peer(
            store.device_id,
            sign.public_hex(),
            invitation.role,
            invitation.user_id,
            invite=invitation.file_id,
            kx_key=str(cert["kx_key"]),
        ),
    )


def consume_invitation(share: Share, invitation: Invitation) -> None:
    with contextlib.suppress(OSError):
        (share.invites / f"{invitation.file_id}{SECRET_SUFFIX}").unlink()


def withdraw_device(share: Share, device_id: str) -> None:
    """Undo a join that could not finish: remove the device's folder from the share."""
    if DEVICE_RE.fullmatch(device_id):
        shutil.rmtree(share.device(device_id), ignore_errors=True)


def ensure_joined(store: Store) -> None:
    user_id = store.meta("user_id")
    if not user_id or store.get("gebruiker", user_id) is None:
        raise JoinIncomplete()


# ---------------------------------------------------------------------- trust
def load_roster(store: Store, share: Share, keys: TeamKeys) -> Roster:
    """Every trusted device (cached ones plus newly verified certificates) and revocations."""
    roster = Roster()
    for row in store.rows(
        "SELECT device_id, sign_key, role, user_id, revoked_pin, since, invite, revocation, "
        "accepted, kx_key FROM sync_peer"
    ):
        device_id, sign_key, role, user_id, pin, since, invite, revocation, accepted, kx = row
        roster.peers[device_id] = Peer(
            device_id,
            sign_key,
            role,
            user_id,
            pin,
            since,
            invite,
            revocation=bytes.fromhex(revocation) if revocation else None,
            accepted=json.loads(accepted) if accepted else None,
            kx_key=kx,
        )

    invites: dict[str, Any] = {}
    for name in listdir(share.invites):
        m = INVITE_RE.fullmatch(name)
        if m is None:
            if not name.endswith(SECRET_SUFFIX):
                roster.rejected.append((f"team/invites/{name}", "foreign"))
            continue
        try:
            invites[m.group(1)] = parse_envelope(read(share.invites / name))
        except (OSError, EnvelopeError) as exc:
            roster.rejected.append((f"team/invites/{name}", _reason(exc)))

    certs: dict[str, Any] = {}
    claimed: set[str] = set()  # invitations already used by a trusted device
    for name in listdir(share.devices):
        if not DEVICE_RE.fullmatch(name):
            continue
        try:
            env = parse_envelope(read(share.device(name) / CERT))
        except FileNotFoundError:
            continue
        except (OSError, EnvelopeError) as exc:
            if name not in roster.peers:
                roster.rejected.append((f"devices/{name}/{CERT}", _reason(exc)))
            continue
        if env.header.get("device") != name or env.header.get("team") != keys.team_id:
            continue
        known = roster.peers.get(name)
        if known is None:
            certs[name] = env
        elif known.sign_key == env.header.get("sign_key") and env.signer.startswith("invite:"):
            claimed.add(env.signer.removeprefix("invite:"))

    # an invitation two new laptops joined with (its secret put back): neither is admitted
    for signer, count in Counter(env.signer for env in certs.values()).items():
        if count > 1 and signer.startswith("invite:"):
            claimed.add(signer.removeprefix("invite:"))

    changed = True
    while changed:
        changed = False
        for device_id, env in sorted(
            certs.items(), key=lambda kv: (str(kv[1].header.get("issued_at")), kv[0])
        ):
            if device_id in roster.peers:
                continue
            peer = _verify_cert(env, keys, roster, invites, claimed)
            if peer is None:
                continue
            waiting = _admission(store, share, keys, roster, peer, invites, claimed)
            if waiting is not None:
                roster.rejected.append((f"devices/{device_id}/{CERT}", waiting))
                continue
            roster.peers[device_id] = peer
            _remember_peer(store, peer)
            changed = True

    # revocations: the teamleider's file, and every laptop's copy of it (a laptop that learns
    # of one keeps it and passes it on, so deleting files undoes nothing)
    found: list[tuple[str, Path]] = [
        (f"team/revoked/{e.name}", share.revoked / e.name) for e in bounds.scan(share.revoked)
    ]
    for folder in bounds.scan(share.devices):
        if folder.kind == "folder" and DEVICE_RE.fullmatch(folder.name):
            found += [
                (f"devices/{folder.name}/{e.name}", share.device(folder.name) / e.name)
                for e in bounds.scan(share.device(folder.name))
                if REVOCATION_COPY_RE.fullmatch(e.name)
            ]
    for rel, path in found:
        if not (REVOKED_RE.fullmatch(path.name) or REVOCATION_COPY_RE.fullmatch(path.name)):
            roster.rejected.append((rel, "foreign"))
            continue
        try:
            data = read(path)
            env = parse_envelope(data)
            signer = roster.peers.get(env.signer)
            if (
                signer is None
                or signer.role != Role.TEAMLEIDER.value
                or signer.revoked_pin is not None
            ):
                raise EnvelopeError("unknown-device")
            env.verify(signer.sign_key)
        except (OSError, EnvelopeError) as exc:
            roster.rejected.append((rel, _reason(exc)))
            continue
        _learn_revocation(store, keys, roster, env, data)
    return roster


def _learn_revocation(store: Store, keys: TeamKeys, roster: Roster, env: Any, data: bytes) -> None:
    head = env.header
    target = roster.peers.get(str(head.get("device")))
    pin = head.get("pin")
    accepted = head.get("accepted")
    if (
        target is None
        or not isinstance(pin, int)
        or head.get("kind") != "revocation"
        or head.get("team") != keys.team_id
        or not (accepted is None or isinstance(accepted, dict))
    ):
        return
    if target.revoked_pin is None or pin < target.revoked_pin:
        target.revoked_pin = pin
        target.accepted = {str(k): str(v) for k, v in accepted.items()} if accepted else None
        target.revocation = data
        _remember_peer(store, target)


def pass_on_revocations(store: Store, share: Share, roster: Roster) -> None:
    """Keep a copy of every revocation this laptop knows in its own folder on the share."""
    own = share.device(store.device_id)
    for peer in roster.peers.values():
        if peer.revocation is None:
            continue
        path = own / f"revoked-{peer.device_id}.revoked"
        with contextlib.suppress(OSError):
            if not path.is_file() or read(path) != peer.revocation:
                atomic_write(path, peer.revocation)


def _verify_cert(
    env: Any,
    keys: TeamKeys,
    roster: Roster,
    invites: dict[str, Any],
    claimed: set[str],
) -> Peer | None:
    head = env.header
    device_id = str(head.get("device"))
    sign_key = str(head.get("sign_key", ""))
    signer = env.signer
    since = None
    try:
        if signer == "self":
            if device_id != keys.root_device or sign_key != keys.root_key:
                return None
            env.verify(keys.root_key)
            since = str(head.get("issued_at", "")) or None
        elif signer.startswith("invite:"):
            file_id = signer.removeprefix("invite:")
            inv = invites.get(file_id)
            if inv is None:
                return None
            issuer = roster.peers.get(inv.signer)
            if (
                issuer is None
                or issuer.role != Role.TEAMLEIDER.value
                or issuer.revoked_pin is not None
            ):
                return None  # a removed teamleider laptop admits nobody any more
            inv.verify(issuer.sign_key)
            ih = inv.header
            if (
                ih.get("team") != keys.team_id
                or ih.get("role") != head.get("role")
                or ih.get("user_id") != head.get("user_id")
                or str(head.get("issued_at", "")) > str(ih.get("expires", ""))
            ):
                return None
            env.verify(str(ih["invite_key"]))
        else:
            return None
    except EnvelopeError:
        return None
    role = str(head.get("role"))
    if role not in {r.value for r in Role}:
        return None
    invite = signer.removeprefix("invite:") if signer.startswith("invite:") else None
    kx = head.get("kx_key")
    return Peer(
        device_id,
        sign_key,
        role,
        str(head.get("user_id")),
        since=since,
        invite=invite,
        kx_key=kx if isinstance(kx, str) else None,
    )


def _admission(
    store: Store,
    share: Share,
    keys: TeamKeys,
    roster: Roster,
    peer: Peer,
    invites: dict[str, Any],
    claimed: set[str],
) -> str | None:
    """None when ``peer`` may be trusted: the root, or a laptop a teamleider admitted. A
    teamleider laptop admits a laptop that joined with an invitation itself, judging the
    invitation's expiry by its own clock (not the joining laptop's) and admitting one laptop per
    invitation, ever. Otherwise the reason it is not trusted (yet)."""
    if peer.invite is None or _admitted_on_share(share, keys, roster, peer):
        if peer.invite is not None:
            claimed.add(peer.invite)
        return None
    me = roster.peers.get(store.device_id)
    if me is None or me.role != Role.TEAMLEIDER.value or me.revoked_pin is not None:
        return "not-admitted"  # a teamleider's laptop admits it when it next syncs
    used = store.rows("SELECT 1 FROM sync_peer WHERE invite = ?", (peer.invite,))
    if used or peer.invite in claimed:
        return "invitation-used"
    invitation = invites.get(peer.invite)
    if invitation is None or str(invitation.header.get("expires", "")) < _now(store):
        return "invitation-expired"
    head = {
        "kind": "admission",
        "team": keys.team_id,
        "signer": store.device_id,
        "device": peer.device_id,
        "sign_key": peer.sign_key,
        "invite": peer.invite,
        "admitted_at": _now(store),
    }
    try:
        share.admitted.mkdir(exist_ok=True)
        atomic_write(
            share.admitted / f"{peer.device_id}.admitted",
            seal_envelope(head, {}, signing_key(store)),
        )
    except OSError as exc:
        raise ShareUnavailable.from_os(exc) from exc
    claimed.add(peer.invite)
    return None


def _admitted_on_share(share: Share, keys: TeamKeys, roster: Roster, peer: Peer) -> bool:
    """Whether a trusted, unrevoked teamleider laptop signed the admission of ``peer``."""
    try:
        env = parse_envelope(read(share.admitted / f"{peer.device_id}.admitted"))
        admitter = roster.peers.get(env.signer)
        if admitter is None or admitter.role != Role.TEAMLEIDER.value or admitter.revoked_pin:
            return False
        env.verify(admitter.sign_key)
    except (OSError, EnvelopeError):
        return False
    head = env.header
    return (
        head.get("kind") == "admission"
        and head.get("team") == keys.team_id
        and head.get("device") == peer.device_id
        and head.get("sign_key") == peer.sign_key
        and head.get("invite") == peer.invite
    )


def note_admission(store: Store, share: Share, keys: TeamKeys, roster: Roster) -> None:
    """Remember once this laptop has seen its own admission (the app stops saying it waits)."""
    me = roster.peers.get(store.device_id)
    if (
        me is not None
        and store.meta(META_ADMITTED) != "1"
        and (me.invite is None or _admitted_on_share(share, keys, roster, me))
    ):
        store.set_meta(META_ADMITTED, "1")


def admitted(store: Store) -> bool:
    """Whether the team trusts this laptop: the root, or a laptop a teamleider admitted."""
    return store.meta(META_ADMITTED) == "1"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EnvelopeError):
        return exc.reason
    return "unreadable"


# ---------------------------------------------------------------------- revoke
def revoke(store: Store, device_id: str, pin: int) -> None:
    """Revoke a laptop: its bundles up to ``pin`` stay, each pinned by its name (that is, its
    content hash), so a rewritten old bundle is refused as much as a new one."""
    keys = require_team(store)
    share = share_of(store)
    known = {row[0] for row in store.rows("SELECT device_id FROM sync_peer")}
    if device_id not in known or device_id == store.device_id:
        raise UnknownDevice(device=device_id)
    accepted = {
        str(seq): str(name)
        for seq, name in store.rows(
            "SELECT seq, name FROM sync_applied WHERE device_id = ? AND seq <= ? "
            "AND name NOT LIKE 'snapshot:%'",
            (device_id, pin),
        )
    }
    head = {
        "kind": "revocation",
        "team": keys.team_id,
        "signer": store.device_id,
        "device": device_id,
        "pin": pin,
        "accepted": accepted,
        "revoked_at": _now(store),
    }
    data = seal_envelope(head, {}, signing_key(store))
    try:
        atomic_write(share.revoked / f"{device_id}.revoked", data)
    except OSError as exc:
        raise ShareUnavailable.from_os(exc) from exc
    roster = load_roster(store, share, keys)
    pass_on_revocations(store, share, roster)
