"""A field copy sealed with a passphrase: encrypted and authenticated, so a lost laptop gives nothing away
and a copy changed or cut short is refused instead of merged.

AES-256-GCM from `cryptography` (a well-kept library: no cipher is written here), with the key derived
from the passphrase by scrypt, memory-hard, so guessing passphrases is slow. The file:

    magic (8) | scrypt cost (1) | salt (16) | nonce (12) | sealed length (8) | passphrase check (8) | ciphertext and tag

The header is authenticated with the ciphertext. The cost (log2 of scrypt's N) is the one the copy was
sealed with, so the cost can rise in later versions and older copies still open. The passphrase check (more bytes of the scrypt output)
tells a wrong passphrase from a damaged file, and the sealed length tells a truncated file from an edited one.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import InvalidInput, Problem

MAGIC = b"PIFIELD1"
SALT_BYTES, NONCE_BYTES, LENGTH_BYTES, CHECK_BYTES, KEY_BYTES = 16, 12, 8, 8, 32
HEADER_BYTES = len(MAGIC) + 1 + SALT_BYTES + NONCE_BYTES + LENGTH_BYTES + CHECK_BYTES
# scrypt's cost: a few tenths of a second and 32 MB, once per opening; every save after reuses the key.
SCRYPT_COST, SCRYPT_R, SCRYPT_P = 15, 8, 1
COSTS_READ = range(10, 21)
SHORTEST_PASSPHRASE = 10


class SealingKey:
    """The key derived from a passphrase and a salt: derived once, then used to seal every save of a session."""

    def __init__(self, passphrase: str, salt: bytes | None = None, cost: int | None = None):
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        self.salt = salt if salt is not None else os.urandom(SALT_BYTES)
        self.cost = cost if cost is not None else SCRYPT_COST
        derived = Scrypt(salt=self.salt, length=KEY_BYTES + CHECK_BYTES, n=2**self.cost, r=SCRYPT_R, p=SCRYPT_P).derive(
            passphrase.encode("utf-8")
        )
        self._key, self.check = derived[:KEY_BYTES], derived[KEY_BYTES:]

    def seal(self, plaintext: bytes) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(NONCE_BYTES)
        sealed_length = len(plaintext) + 16  # GCM appends a 16-byte tag
        header = MAGIC + bytes([self.cost]) + self.salt + nonce + sealed_length.to_bytes(LENGTH_BYTES, "big") + self.check
        return header + AESGCM(self._key).encrypt(nonce, plaintext, header)

    def opened(self, nonce: bytes, sealed: bytes, header: bytes) -> bytes:
        """The plaintext; InvalidTag if the ciphertext or its header was changed."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM(self._key).decrypt(nonce, sealed, header)


def new_passphrase_problems(passphrase: str) -> list[Problem]:
    if len(passphrase) < SHORTEST_PASSPHRASE:
        return [Problem("passphrase", f"use at least {SHORTEST_PASSPHRASE} characters: a lost laptop's copy is only as safe as its passphrase")]
    return []


def unseal(data: bytes, passphrase: str, source: Path) -> tuple[bytes, SealingKey]:
    """The plaintext of a sealed copy, and the key to seal it again; anything wrong names the file and changes nothing."""
    from cryptography.exceptions import InvalidTag

    where = str(source)
    if len(data) < HEADER_BYTES or not data.startswith(MAGIC):
        raise InvalidInput(Problem(where, "is not a peerinspect field copy (or its beginning was cut off)"))
    at = len(MAGIC)
    cost, at = data[at], at + 1
    salt, at = data[at:at + SALT_BYTES], at + SALT_BYTES
    nonce, at = data[at:at + NONCE_BYTES], at + NONCE_BYTES
    length, at = int.from_bytes(data[at:at + LENGTH_BYTES], "big"), at + LENGTH_BYTES
    check, at = data[at:at + CHECK_BYTES], at + CHECK_BYTES
    header, sealed = data[:HEADER_BYTES], data[HEADER_BYTES:]
    if len(sealed) < length:
        raise InvalidInput(Problem(where, f"is truncated: it holds {len(sealed):,} of the {length:,} bytes it was written with. "
                                          "Nothing was changed; use the complete file"))
    if len(sealed) > length:
        raise InvalidInput(Problem(where, "has bytes added after its end: it was changed after it was written. Nothing was changed"))
    if cost not in COSTS_READ:
        raise InvalidInput(Problem(where, "was sealed in a way this peerinspect does not read: upgrade to open it"))
    key = SealingKey(passphrase, salt, cost)
    if key.check != check:
        raise InvalidInput(Problem("passphrase", f"the passphrase is wrong for {where}. Nothing was changed"))
    try:
        plaintext = key.opened(nonce, sealed, header)
    except InvalidTag:
        raise InvalidInput(Problem(where, "was changed or damaged after it was written (it fails its integrity check). "
                                          "Nothing was changed")) from None
    return plaintext, key
