"""Where saves and settings go, and that the README says so."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from game import paths

ROOT = Path(__file__).resolve().parent.parent


def _defaults(monkeypatch, tmp_path) -> dict[str, str]:
    for name in (paths.HOME_ENV, "XDG_CONFIG_HOME", "XDG_DATA_HOME", "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    home = Path.home()
    return {"settings": "~/" + paths.settings_path().relative_to(home).as_posix(),
            "saves": "~/" + paths.saves_dir().relative_to(home).as_posix() + "/"}


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX defaults")
def test_the_readme_says_where_saves_and_settings_really_go(monkeypatch, tmp_path):
    """It once said saves go to ~/.config/parley; they go to ~/.local/share/parley."""
    where = _defaults(monkeypatch, tmp_path)
    assert where == {"settings": "~/.config/parley/settings.json", "saves": "~/.local/share/parley/saves/"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in where.values():
        assert f"`{text}`" in readme
    assert "`$PARLEY_HOME/config/settings.json`" in readme and "`$PARLEY_HOME/data/saves/`" in readme
    for wrong in re.findall(r"saves[^.]*`~/\.config/parley", readme):
        pytest.fail(f"the README still says saves go to the config folder: {wrong}")


def test_xdg_folders_and_parley_home_are_followed(monkeypatch, tmp_path):
    for name in (paths.HOME_ENV, "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    if sys.platform != "win32":
        assert paths.settings_path() == tmp_path / "c" / "parley" / "settings.json"
        assert paths.autosave_path() == tmp_path / "d" / "parley" / "saves" / "autosave.parley.json"
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "h"))
    assert paths.settings_path() == tmp_path / "h" / "config" / "settings.json"
    assert paths.saves_dir() == tmp_path / "h" / "data" / "saves"
