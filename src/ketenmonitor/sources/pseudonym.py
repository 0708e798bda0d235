"""Keyed pseudonyms for identifiers, and encryption of archived deliveries.

An identifier (person number, BSN, parketnummer, name of an investigation) becomes
``HMAC-SHA256(key, normalised value)`` in hexadecimal. The key is a secret of 32 random bytes kept
outside the warehouse: in the file ``ketenmonitor.key`` of the workspace (made by
``ketenmonitor keygen``) or, taking precedence, in the environment variable ``KETENMONITOR_KEY``
(64 hexadecimal characters). The same value under the same key gives the same pseudonym in every
delivery and every source, so that records can be linked later without anyone seeing the value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_ENV = "KETENMONITOR_KEY"
KEY_FILE = "ketenmonitor.key"
ARCHIVE_CHUNK = 16 << 20


class KeyMissingError(Exception):
    """No pseudonymisation key: ingestion must not run."""


def normalise_identifier(value: str) -> str:
    """The form of an identifier that is hashed: trimmed, upper case, inner spaces removed.

    ``' 10/123456-19 '`` and ``'10/123456-19'`` are one parketnummer; ``'ab 12'`` and ``'AB12'``
    one person number.
    """
    return "".join(value.split()).upper()


class Pseudonymiser:
    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise KeyMissingError("the pseudonymisation key must be at least 32 bytes")
        self._key = key

    def __call__(self, value: str) -> str:
        digest = hmac.new(self._key, normalise_identifier(value).encode("utf-8"), hashlib.sha256)
        return digest.hexdigest()

    def fernet_key(self) -> bytes:
        """A separate key for the archive, derived from the secret (never the secret itself)."""
        derived = hmac.new(self._key, b"ketenmonitor archive v1", hashlib.sha256).digest()
        return base64.urlsafe_b64encode(derived)

    def encrypt_file(self, source: Path, target: Path) -> None:
        """Encrypt ``source`` into ``target`` in chunks (memory stays small for large files):
        each chunk is a Fernet token preceded by its length as 4 bytes, big-endian."""
        from cryptography.fernet import Fernet

        f = Fernet(self.fernet_key())
        with source.open("rb") as src, target.open("wb") as dst:
            while chunk := src.read(ARCHIVE_CHUNK):
                token = f.encrypt(chunk)
                dst.write(len(token).to_bytes(4, "big") + token)

    def decrypt_file(self, source: Path) -> bytes:
        """The content of an archive file written by ``encrypt_file``."""
        from cryptography.fernet import Fernet

        f = Fernet(self.fernet_key())
        out = bytearray()
        with source.open("rb") as src:
            while head := src.read(4):
                out += f.decrypt(src.read(int.from_bytes(head, "big")))
        return bytes(out)


def generate_key(path: Path, overwrite: bool = False) -> Path:
    """Write a new random key to ``path`` (readable by its owner only)."""
    if path.exists() and not overwrite:
        raise FileExistsError(
            f"{path} exists; a new key would make every earlier pseudonym unlinkable. "
            "Use --force only if that is what you want."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return path


def load_key(home: Path) -> bytes:
    """The key from ``KETENMONITOR_KEY`` or from ``<home>/ketenmonitor.key``."""
    text = os.environ.get(KEY_ENV)
    where = f"environment variable {KEY_ENV}"
    if not text:
        path = home / KEY_FILE
        if not path.exists():
            raise KeyMissingError(
                f"no pseudonymisation key: run `ketenmonitor keygen` (writes {path}) or set "
                f"{KEY_ENV}. Identifiers are never stored in clear, so ingestion cannot run "
                "without a key."
            )
        text = path.read_text(encoding="ascii")
        where = str(path)
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        raise KeyMissingError(f"the key in {where} is not hexadecimal") from None
    if len(key) < 32:
        raise KeyMissingError(f"the key in {where} is shorter than 32 bytes (64 hex characters)")
    return key
