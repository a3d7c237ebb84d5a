"""Session tokens: who signed in, under which generation of their sessions, and when they last acted, signed with the workspace's own key.

A token names nothing secret: its signature proves the workspace that made it issued it, so a token carried to
another workspace, or changed by hand, does not verify.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import datetime

from attrs import frozen


@frozen
class Session:
    person_id: str
    generation: int  # the account's count of sessions ended at once, when this one began
    last_used: datetime


def new_key() -> str:
    return secrets.token_hex(32)


def minted(key: str, session: Session) -> str:
    body = json.dumps(
        {"person": session.person_id, "generation": session.generation, "used": session.last_used.isoformat()},
        separators=(",", ":"), sort_keys=True,
    ).encode()
    payload = base64.urlsafe_b64encode(body).decode().rstrip("=")
    return f"{payload}.{_signature(key, payload)}"


def read(key: str, token: str) -> Session | None:
    """The session a token carries, or None when this workspace's key did not sign it (or it is not a token)."""
    payload, _, signature = token.strip().partition(".")
    if not signature or not hmac.compare_digest(signature, _signature(key, payload)):
        return None
    try:
        fields = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return Session(fields["person"], int(fields["generation"]), datetime.fromisoformat(fields["used"]))
    except (ValueError, KeyError, TypeError):
        return None


def _signature(key: str, payload: str) -> str:
    return hmac.new(bytes.fromhex(key), payload.encode(), hashlib.sha256).hexdigest()
