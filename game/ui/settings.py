"""The window's settings, persisted as a small JSON file in the user's config folder.

The file is read like every file from outside (``game.files.read_capped``: a regular file of at
most ``MAX_BYTES``, no pipe or device), and nothing in it is trusted: a value that is not one of
the allowed ones (a 400-digit number, a string, a nested list) is dropped for the default with a
logged warning; a file that cannot be read or parsed (too large, nested too deep) gives the
defaults. Settings never stop the game from starting.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from game.core.errors import FileProblem, ParleyError
from game.files import read_capped, write_atomic
from game.paths import settings_path

log = logging.getLogger(__name__)

SCALES = (0.0, 1.0, 1.25, 1.5, 1.75, 2.0)  # 0: fit the window (1280x720 grows to fill it)
TEXT_SIZES = (0.9, 1.0, 1.15, 1.3)
TEXT_NAMES = {0.9: "Small", 1.0: "Normal", 1.15: "Large", 1.3: "Larger"}
PALETTES = ("standard", "colourblind")
MAX_BYTES = 64_000  # a settings file is a few lines


@dataclass(frozen=True)
class Settings:
    ui_scale: float = 0.0
    palette: str = "standard"
    fullscreen: bool = False
    text_size: float = 1.0

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)


def _number(data: dict, key: str, allowed: tuple[float, ...], default: float) -> float:
    """One of the allowed numbers, or the default (with a warning) for anything else."""
    value = data.get(key, default)
    # compared as exact numbers: float() of a 400-digit integer would overflow
    if isinstance(value, int | float) and not isinstance(value, bool) and value in allowed:
        return float(value)
    log.warning("settings: ignoring %s (%s); using %s", key, _shown(value), default)
    return default


def _choice(data: dict, key: str, allowed: tuple, default):
    value = data.get(key, default)
    if isinstance(value, str | bool) and value in allowed and type(value) is type(default):
        return value
    log.warning("settings: ignoring %s (%s); using %s", key, _shown(value), default)
    return default


def _shown(value) -> str:
    if isinstance(value, dict | list):
        return f"a {type(value).__name__}"
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge number"
    return text if len(text) <= 40 else text[:37] + "..."


def parse(data: object) -> Settings:
    """Settings from decoded JSON; unknown or bad values fall back to the defaults."""
    d = Settings()
    if not isinstance(data, dict):
        log.warning("settings: the file does not hold a JSON object; using the defaults")
        return d
    return Settings(
        ui_scale=_number(data, "ui_scale", SCALES, d.ui_scale),
        palette=_choice(data, "palette", PALETTES, d.palette),
        fullscreen=_choice(data, "fullscreen", (True, False), d.fullscreen),
        text_size=_number(data, "text_size", TEXT_SIZES, d.text_size),
    )


def load(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when there are none or the file is unreadable."""
    path = path or settings_path()
    try:
        raw = read_capped(path, MAX_BYTES)
    except FileProblem as err:
        if err.reason not in ("no such file", "a part of the path is not a folder"):  # none: the defaults
            log.warning("ignoring settings file %s", err)
        return Settings()
    try:
        return parse(json.loads(raw.decode("utf-8")))
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        log.warning("ignoring settings file %s: %s", path, str(err)[:120])
        return Settings()


def store(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings; the problem as text if they could not be written."""
    path = path or settings_path()
    try:
        write_atomic(path, (json.dumps(asdict(settings), indent=1) + "\n").encode("utf-8"), backup=False)
    except (ParleyError, OSError) as err:  # a read-only config folder must never stop the game
        log.warning("cannot write settings: %s", err)
        return str(err)
    return None
