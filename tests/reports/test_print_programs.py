"""A printed-report test without its browser skips, naming the Debian package, except on CI, where it fails."""

from __future__ import annotations

import pytest

from .conftest import installed


@pytest.fixture
def nothing_installed(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda command: None)


def test_outside_ci_a_missing_program_skips_naming_the_package(nothing_installed, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install -y poppler-utils"):
        installed("pdftoppm", "poppler-utils")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_on_ci_a_missing_program_fails(nothing_installed, monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match=r"chromium is not installed: apt-get install -y chromium"):
        installed("chromium", "chromium")


def test_ci_set_to_false_is_not_ci(nothing_installed, monkeypatch):
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        installed("chromium", "chromium")
