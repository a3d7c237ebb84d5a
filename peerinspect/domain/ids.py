"""Record identity: every record has its own UUID, never a storage row number."""

from uuid import uuid4


def new_id() -> str:
    return uuid4().hex
