"""The cryptography of the share, all from the `cryptography` package.

- AES-256-GCM for every file's content (a fresh 96-bit nonce per section);
- Ed25519 signatures by the writing device over the whole file;
- X25519 + HKDF to hand keys to one device;
- HKDF over a one-time invitation code (125 random bits, so no slow KDF is needed).
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
SIGNATURE_BYTES = 64
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_GROUPS, CODE_GROUP_LEN = 5, 5


class CryptoError(Exception):
    """A signature, tag or key that does not verify. Never carries key material."""


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except (InvalidTag, ValueError) as exc:
        raise CryptoError("content does not decrypt") from exc


class SigningKey:
    """A device's Ed25519 key pair; the private half lives only in the encrypted profile."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_hex(cls, text: str) -> SigningKey:
        return cls(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text)))

    def private_hex(self) -> str:
        return _raw_private(self._private)

    def public_hex(self) -> str:
        return _raw_public(self._private.public_key())

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return raw.hex()


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def verify(public_hex: str, signature: bytes, data: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(signature, data)
    except (InvalidSignature, ValueError) as exc:
        raise CryptoError("signature does not verify") from exc


def hkdf(secret: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


# ---------------------------------------------------------------------- invitation codes
def new_code() -> str:
    """``ABCDE-FGHJK-...``: 25 characters, 125 random bits, easy to read out and type."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LEN))
    return "-".join(chars[i : i + CODE_GROUP_LEN] for i in range(0, len(chars), CODE_GROUP_LEN))


def normalize_code(text: str) -> str | None:
    """Accept lower case, spaces and the look-alikes O/I/L; None when it cannot be a code."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1"})
    chars = "".join(c for c in text.upper().translate(table) if c.isalnum())
    if len(chars) != CODE_GROUPS * CODE_GROUP_LEN or any(c not in CODE_ALPHABET for c in chars):
        return None
    return "-".join(chars[i : i + CODE_GROUP_LEN] for i in range(0, len(chars), CODE_GROUP_LEN))


def code_file_id(code: str) -> str:
    """The name of the invitation's files on the share: says nothing about the code."""
    return hashlib.sha256(b"werkplein-invite-id\0" + code.encode()).hexdigest()[:24]


def code_key(code: str) -> bytes:
    return hkdf(code.encode(), b"werkplein-invite-key")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# ---------------------------------------------------------------------- key agreement
class AgreementKey:
    """A device's X25519 key pair: a teamleider wraps new team keys for it (after a
    revocation) so that only the remaining laptops can read what is written from then on."""

    def __init__(self, private: X25519PrivateKey) -> None:
        self._private = private

    @classmethod
    def generate(cls) -> AgreementKey:
        return cls(X25519PrivateKey.generate())

    @classmethod
    def from_hex(cls, text: str) -> AgreementKey:
        return cls(X25519PrivateKey.from_private_bytes(bytes.fromhex(text)))

    def private_hex(self) -> str:
        return _raw_private(self._private)

    def public_hex(self) -> str:
        return _raw_public(self._private.public_key())

    def shared(self, peer_public_hex: str, info: bytes) -> bytes:
        """A key only this key pair and the peer's can compute."""
        try:
            peer = X25519PublicKey.from_public_bytes(bytes.fromhex(peer_public_hex))
            return hkdf(self._private.exchange(peer), info)
        except ValueError as exc:
            raise CryptoError("not a key-agreement key") from exc
