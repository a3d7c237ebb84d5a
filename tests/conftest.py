"""What every test shares."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from peerinspect.signin import passwords


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """argon2id at its cheapest: at the recommended costs every sign-in a test makes takes a tenth of a second.

    Tests about the costs themselves ask for `recommended_password_costs`.
    """
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))


@pytest.fixture
def recommended_password_costs(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", passwords.RECOMMENDED)
