"""`peerinspect where` names the workspace and the terminal UI's settings file, without loading the UI or making either."""

from __future__ import annotations

from .test_startup import loaded_by, under


def test_where_names_the_workspace_and_the_settings_file_under_the_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("PEERINSPECT_SETTINGS", raising=False)
    modules, shown = loaded_by(tmp_path, "--workspace", str(tmp_path / "ws"), "where")
    assert shown.splitlines() == [f"workspace: {tmp_path / 'ws'}",
                                  f"terminal UI settings: {tmp_path / 'config' / 'peerinspect' / 'settings.toml'}"]
    assert not under(modules, "textual")
    assert not (tmp_path / "ws").exists() and not (tmp_path / "config").exists()
