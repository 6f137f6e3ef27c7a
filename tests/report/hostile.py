"""A scenario and a game full of markup, template syntax and odd Unicode, for the handout tests.

Made from the tutorial by replacing its words; every string below must reach the page as text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from game import saves
from game.resources import scenarios_dir
from game.scenario.loader import load_scenario
from game.session import Seat, Session

ODD = "Zalgo z\u0335\u0322a\u0334l\u0337g\u0338o, \U0001d54c\U0001d55f\U0001d55a, \u05e2\u05d1\u05e8\u05d9\u05ea, \u6f22\u5b57, \U0001f469\U0001f3fd\u200d\U0001f33e, zero\u200bwidth"
LONG = "Unbreakable" + "x" * 90
TITLE = "<script>alert('title')</script> Vell & dam"
NAME = 'High"><img src=x onerror=alert(1)>ford'
DESCRIPTION = f"</style><script>alert(2)</script> {ODD} {LONG}"
OBJECTIVE = "<b>not bold</b> {{ 7*7 }} {% raw %} &amp; <!-- comment -->"
QUOTE = "javascript:alert(3) <a href=javascript:alert(4)>link</a>"
MOVE = "Water <svg onload=alert(5)>sharing"
INDICATOR = "Flow <iframe src=https://example.com/></iframe>"
QUESTION = "<style>body{display:none}</style> Why? <link rel=stylesheet href=https://example.com/x.css>"
# the loader refuses text-direction controls in scenarios; a save's reasons may still hold them
REASON = '"><img src=x onerror=alert(6)><script src=https://example.com/x.js></script> \u202eRTL\u202c ' + ODD

# what a reader must see, literally, in the text of a page: the public words everywhere, an actor's
# secrets in its brief and the report, the discussion questions in the report
PUBLIC = [TITLE, NAME, MOVE, INDICATOR]
BRIEFS = ["</style><script>alert(2)</script>"]  # the actors' descriptions
PRIVATE = ["{{ 7*7 }}", "<b>not bold</b>", "<a href=javascript:alert(4)>link</a>"]
DEBRIEF = ["<style>body{display:none}</style>"]


def _yaml(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def write_scenario(folder: Path) -> Path:
    """The hostile scenario file (it validates: only words differ from the tutorial)."""
    text = (scenarios_dir() / "tutorial_river.yaml").read_text(encoding="utf-8")
    swaps = {
        "id: tutorial_river": "id: hostile_river",
        '"Tutorial: the Vell river dam"': f'"{_yaml(TITLE)}"',
        'name: "Highford"': f'name: "{_yaml(NAME)}"',
        '"The downstream farming town. Its orchards and fields depend on the water Highford lets through."':
            f'"{_yaml(DESCRIPTION)}"',
        '"Get Lowmere to pay its share of the dam\'s upkeep."': f'"{_yaml(OBJECTIVE)}"',
        "We want a release schedule we can see and check, not a promise": QUOTE,
        'name: "Water sharing"': f'name: "{_yaml(MOVE)}"',
        'label: "Flow reaching Lowmere"': f'label: "{_yaml(INDICATOR)}"',
        '"What would you change in this scenario to make it fairer to Highford?"': f'"{_yaml(QUESTION)}"',
    }
    for old, new in swaps.items():
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class _Loud:
    """Our computer actor, but every action carries a hostile reason (as a hand-made save could)."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def decide(self, obs, rng):
        return dataclasses.replace(self.inner.decide(obs, rng), reason=REASON)


def write_game(folder: Path, seed: int = 3) -> tuple[Path, Path]:
    """(scenario file, save file) of a finished game of the hostile scenario."""
    from game.session import agent_for

    scenario_path = write_scenario(folder)
    sc = load_scenario(scenario_path)
    seats = {a: Seat(a, "computer") for a in sc.actor_ids}
    session = Session(sc, seed, seats, agent_factory=lambda seat: _Loud(agent_for(seat)))
    session.run_computers()
    assert session.over
    save = folder / "hostile.parley.json"
    saves.save(session, save, str(scenario_path))
    return scenario_path, save
