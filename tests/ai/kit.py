"""Small hand-made scenarios for the computer actors' tests, with answers easy to work out.

``table(...)`` builds a scenario file as a document and loads it with the real loader:

- indicators ``stock`` (0-100, starts 50, good high) and ``tension`` (0-100, starts 20, good low);
- actors ``a`` and ``b``, who must both consent to ``deal``, and ``c``, who has no say in it;
- ``deal`` has five variants, ``nothing`` (level 0, the status quo), ``talks``, ``truce``,
  ``treaty`` and ``union`` (levels 1-4); levels 1-4 oblige ``a`` and ``b``;
- by default ``a`` wants ``union`` and ``b`` wants ``truce`` (salience 0.8 each), nobody has
  goals, so values are stance closeness only: for ``b`` the Nash point against ``nothing`` is
  ``truce`` (level 2);
- no unilateral moves or events; 4 turns.

Keyword arguments replace parts of the document; helpers move a game to a given seat's slot.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import yaml

from game.core.actions import Action, EndPhase
from game.core.model import Scenario
from game.core.observe import Observation, observe
from game.core.rules import apply, new_game
from game.core.state import State
from game.scenario.loader import load_scenario_bytes

QUOTE = {"source": "src", "text": "Nothing was said."}
LEVELS = ("nothing", "talks", "truce", "treaty", "union")


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def stance(ideal: str, salience: float = 0.8, public: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"ideal": ideal, "salience": salience, "quote": dict(QUOTE)}
    if public is not None:
        out["public"] = public
    return out


def actor(actor_id: str, stances: dict | None = None, concession: str = "linear", **fields: Any) -> dict:
    out: dict[str, Any] = {
        "id": actor_id,
        "name": f"Actor {actor_id.upper()}",
        "colour": "#336699",
        "description": f"The seat of {actor_id}.",
        "capability": 0.5,
        "capital": 10,
        "capital_per_turn": 3,
        "personality": {"concession": concession, "risk": 0.5, "loyalty": 0.5},
        "stances": stances or {},
    }
    out.update(fields)
    return out


def duty(actor_id: str, *violation: str) -> dict[str, Any]:
    return {"actor": actor_id, "duty": f"{actor_id} does its part", "violation": list(violation)}


def deal_move(monitoring: float = 0.0, effects: list[str] | None = None,
              violation_a: list[str] | None = None) -> dict[str, Any]:
    variants = [{"id": LEVELS[0], "label": "Nothing"}]
    for lvl in LEVELS[1:]:
        v: dict[str, Any] = {"id": lvl, "label": lvl.title(),
                             "obligations": [duty("a", *(violation_a or [])), duty("b")]}
        if effects:
            v["effects"] = list(effects)
        if monitoring:
            v["monitoring"] = monitoring
        variants.append(v)
    return {"id": "deal", "name": "The Deal", "description": "What a and b may agree.",
            "consent": ["a", "b"], "variants": variants, "quote": dict(QUOTE)}


def document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": 1,
        "id": "ai_table",
        "title": "A table for the computer actors' tests",
        "summary": "Two parties and a bystander discuss one deal.",
        "sources": [{"id": "src", "title": "A note", "outlet": "Nobody", "date": "2025-01-01"}],
        "calendar": {"start": "2025-01-01", "turn_days": 7, "turns": 4},
        "indicators": [
            {"id": "stock", "label": "Stock", "start": 50, "good": "high"},
            {"id": "tension", "label": "Tension", "start": 20, "good": "low"},
        ],
        "actors": [
            actor("a", {"deal": stance("union")}),
            actor("b", {"deal": stance("truce")}),
            actor("c", {"deal": stance("treaty", 0.3)}),
        ],
        "joint_moves": [deal_move()],
        "unilateral_moves": [],
        "endings": [{"id": "end", "title": "The end", "text": "Time is up."}],
        "debrief": {"history": [{"text": "Nothing happened."}], "learning_objectives": ["None."],
                    "discussion_questions": ["None?"]},
    }
    doc.update(copy.deepcopy(changes))
    return doc


def load(doc: dict[str, Any]) -> Scenario:
    data = yaml.dump(doc, Dumper=_NoAliases, sort_keys=False, allow_unicode=True).encode()
    return load_scenario_bytes(data, "test.yaml")


def table(**changes: Any) -> Scenario:
    return load(document(**changes))


def start(sc: Scenario, seed: int = 0) -> tuple[State, np.random.Generator]:
    rng = np.random.default_rng(seed)
    return new_game(sc, seed, rng), rng


def step(state: State, action: Action, rng: np.random.Generator) -> State:
    return apply(state, action, rng)[0]


def until(state: State, rng: np.random.Generator, actor: str, turn: int | None = None,
          phase: str | None = None) -> State:
    """End every slot until it is ``actor``'s move (on that turn and in that phase, if given)."""
    for _ in range(10_000):
        if (state.to_move == actor and (turn is None or state.turn == turn)
                and (phase is None or state.phase == phase)):
            return state
        if state.phase == "over":
            raise AssertionError("the game ended first")
        state = step(state, EndPhase(state.to_move), rng)
    raise AssertionError("never reached")


def seen_by(state: State, actor: str) -> Observation:
    return observe(state, actor)
