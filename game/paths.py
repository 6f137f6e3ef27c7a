"""Where Parley keeps its files: settings in the config folder, saves in the data folder.

Handouts the window writes (reports, briefs) go to ``~/Documents/Parley``.
``PARLEY_HOME``, when set, holds all three (``PARLEY_HOME/config``, ``/data`` and ``/documents``): tests
and the tour point it at a temporary folder. Otherwise the XDG folders are used
(``$XDG_CONFIG_HOME/parley``, default ``~/.config/parley``; ``$XDG_DATA_HOME/parley``, default
``~/.local/share/parley``), or ``%APPDATA%\\Parley`` on Windows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HOME_ENV = "PARLEY_HOME"


def _base(xdg: str, default: str, sub: str) -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / sub
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "Parley" / sub
    root = os.environ.get(xdg)
    return (Path(root) if root else Path.home() / default) / "parley"


def config_dir() -> Path:
    """The folder of the settings file."""
    return _base("XDG_CONFIG_HOME", ".config", "config")


def data_dir() -> Path:
    """The folder of saves and the autosave."""
    return _base("XDG_DATA_HOME", ".local/share", "data")


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_path() -> Path:
    """The autosave, rewritten after every human action and at every turn change."""
    return saves_dir() / "autosave.parley.json"


def documents_dir() -> Path:
    """Where the window writes handouts (reports, briefs): a folder a teacher finds, ~/Documents/Parley."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "documents"
    docs = Path.home() / "Documents"
    return (docs if docs.is_dir() else Path.home()) / "Parley"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def list_saves() -> list[Path]:
    """Save files in the saves folder, newest first."""
    folder = saves_dir()
    try:
        found = [p for p in folder.glob("*.parley.json") if p.is_file()]
    except OSError:
        return []

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=mtime, reverse=True)
