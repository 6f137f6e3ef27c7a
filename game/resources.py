"""Where the shipped scenarios live, in a checkout and in an installed package alike."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "scenarios"


def scenarios_dir() -> Path:
    """The folder of shipped scenario files."""
    if _CHECKOUT.is_dir():
        return _CHECKOUT
    return Path(str(resources.files("game.scenarios")))


def shipped_scenarios() -> list[Path]:
    """Every shipped scenario file, sorted by name."""
    return sorted(scenarios_dir().glob("*.yaml"))


def example_scenarios() -> list[Path]:
    """The small example scenarios (scenarios/examples), sorted by name."""
    return sorted((scenarios_dir() / "examples").glob("*.yaml"))


def default_scenario() -> Path:
    """The scenario `python main.py` opens."""
    return scenarios_dir() / "syria_2017_07.yaml"
