"""Colours, the pygame_gui theme and where the assets are.

The theme file (``assets/theme.json``) is written for a scale of 1; ``theme_dict`` returns it
with font sizes multiplied by the UI scale and the text size, and paddings and borders by the
UI scale. The palette holds the colours the scenes draw themselves; the colour-blind-safe one
replaces red/green by blue/orange and the scenario's actor colours by the Okabe–Ito set, and
the scenes never use colour alone (trends have arrows and signs, actors their short names).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_CHECKOUT_ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"

Colour = tuple[int, int, int]


def assets_dir() -> Path:
    """The folder of the window's assets, in a checkout and in an installed package alike."""
    if (_CHECKOUT_ASSETS / "theme.json").is_file():
        return _CHECKOUT_ASSETS
    return Path(str(resources.files("game.assets")))


def hex_colour(text: str, default: Colour = (128, 128, 128)) -> Colour:
    """'#rrggbb' as an RGB tuple (the default if it is not one)."""
    t = text.strip().lstrip("#")
    if len(t) != 6:
        return default
    try:
        return int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16)
    except ValueError:
        return default


def to_hex(colour: Colour) -> str:
    """An RGB tuple as '#rrggbb' (for pygame_gui markup)."""
    return "#{:02x}{:02x}{:02x}".format(*colour[:3])


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """The colour t of the way from a to b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


@dataclass(frozen=True)
class Palette:
    name: str
    bg: Colour = (22, 32, 46)
    bg_deep: Colour = (14, 21, 31)
    panel: Colour = (31, 43, 60)
    panel_edge: Colour = (54, 72, 99)
    ink: Colour = (232, 237, 243)
    dim: Colour = (160, 176, 195)
    faint: Colour = (104, 120, 140)
    accent: Colour = (224, 176, 74)
    focus: Colour = (255, 214, 102)
    good: Colour = (92, 184, 124)
    bad: Colour = (226, 102, 102)
    warn: Colour = (232, 170, 70)
    table: Colour = (92, 64, 44)
    table_edge: Colour = (140, 102, 68)
    actor_set: tuple[str, ...] = ()

    def actor_colour(self, scenario_colour: str, seat: int) -> Colour:
        if self.actor_set:
            return hex_colour(self.actor_set[seat % len(self.actor_set)])
        return hex_colour(scenario_colour)

    def ink_on(self, colour: Colour) -> Colour:
        """Dark or light text, whichever reads better on a colour."""
        lum = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
        return (16, 22, 32) if lum > 140 else (245, 247, 250)


STANDARD = Palette("standard")
COLOURBLIND = Palette(
    "colourblind",
    good=(86, 180, 233),  # Okabe–Ito sky blue
    bad=(230, 159, 0),  # Okabe–Ito orange
    warn=(240, 228, 66),
    actor_set=("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#0072B2", "#BBBBBB"),
)


def palette(name: str) -> Palette:
    return COLOURBLIND if name == "colourblind" else STANDARD


_SCALED_MISC = {"border_width", "shape_corner_radius", "text_horiz_alignment_padding",
                "text_vert_alignment_padding", "padding", "rect_width", "shadow_width"}


def _scale_value(text: str, factor: float) -> str:
    parts = [p.strip() for p in str(text).split(",")]
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        return text
    out = []
    for n in nums:
        if n <= 0:
            out.append(str(int(n)))
        else:
            out.append(str(max(1, round(n * factor))))
    return ",".join(out)


def theme_dict(scale: float, text_size: float) -> dict:
    """The theme with sizes for this scale and text size."""
    raw = json.loads((assets_dir() / "theme.json").read_text(encoding="utf-8"))
    for block in raw.values():
        if not isinstance(block, dict):
            continue
        font = block.get("font")
        if isinstance(font, dict) and "size" in font:
            font["size"] = str(max(8, round(float(font["size"]) * scale * text_size)))
        misc = block.get("misc")
        if isinstance(misc, dict):
            for key in list(misc):
                if key in _SCALED_MISC:
                    misc[key] = _scale_value(misc[key], scale)
    return raw


def font_sizes(theme: dict) -> set[tuple[int, bool]]:
    """Every (size, bold) the theme names, for preloading."""
    out = set()
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict) and "size" in font:
            out.add((int(font["size"]), str(font.get("bold", "0")) in ("1", "true", "True")))
    return out
