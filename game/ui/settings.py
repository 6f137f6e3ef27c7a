"""The window's settings, persisted as a small JSON file in the user's config folder."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from game.core.errors import ParleyError
from game.paths import settings_path
from game.saves import write_atomic

log = logging.getLogger(__name__)

SCALES = (0.0, 1.0, 1.25, 1.5, 1.75, 2.0)  # 0: fit the window (1280x720 grows to fill it)
TEXT_SIZES = (0.9, 1.0, 1.15, 1.3)
TEXT_NAMES = {0.9: "Small", 1.0: "Normal", 1.15: "Large", 1.3: "Larger"}
PALETTES = ("standard", "colourblind")


@dataclass(frozen=True)
class Settings:
    ui_scale: float = 0.0
    palette: str = "standard"
    fullscreen: bool = False
    text_size: float = 1.0

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)


def _pick(value, allowed, default):
    return value if value in allowed else default


def parse(data: object) -> Settings:
    """Settings from decoded JSON; unknown or bad values fall back to the defaults."""
    if not isinstance(data, dict):
        return Settings()
    d = Settings()
    scale = data.get("ui_scale")
    text = data.get("text_size")
    return Settings(
        ui_scale=_pick(float(scale), SCALES, d.ui_scale) if isinstance(scale, int | float)
        and not isinstance(scale, bool) else d.ui_scale,
        palette=_pick(data.get("palette"), PALETTES, d.palette),
        fullscreen=data.get("fullscreen") is True,
        text_size=_pick(float(text), TEXT_SIZES, d.text_size) if isinstance(text, int | float)
        and not isinstance(text, bool) else d.text_size,
    )


def load(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when there are none or the file is unreadable."""
    path = path or settings_path()
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as err:
        log.warning("ignoring settings file %s: %s", path, err)
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
