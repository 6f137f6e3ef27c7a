"""Small hand-made scenarios for the engine's tests, written as YAML and loaded like any file.

``table()`` is a three-seat table whose right answers are easy to work out:

- indicators ``x`` (0-100, starts 50, good high) and ``y`` (0-100, starts 50, good low);
- actors ``a``, ``b``, ``c`` (capital 10, +3 a turn, trust 50 all round);
- ``pact`` needs ``a`` and ``b``: ``none`` (status quo), ``weak`` (obliges both; in force it
  adds 2 to x each turn; a's breach takes 5 from x, b's adds 5 to y) and ``strong`` (obliges
  ``a`` only; adds 4 to x each turn);
- ``aid`` needs ``b`` and ``c``: ``none`` (status quo) and ``some`` (obliges ``c``; adds 1 to y);
- no unilateral moves, no events, one ending with no condition; 3 turns of 7 days.

Every test changes what it needs with the builders below and ``make(doc)``, which dumps the
document to YAML bytes and loads them with the real loader, so the fixtures are checked like
any scenario file.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import yaml

from game.core.actions import Action, EndPhase
from game.core.model import Scenario
from game.core.rules import apply, new_game
from game.core.state import State
from game.scenario.loader import load_scenario_bytes

QUOTE = {"source": "src", "text": "Nothing was said."}


class _NoAliases(yaml.SafeDumper):
    """The loader refuses YAML aliases; a document that reuses a value must spell it out."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def actor(actor_id: str, **fields: Any) -> dict[str, Any]:
    """An actor with every required field filled in."""
    out: dict[str, Any] = {
        "id": actor_id,
        "name": f"Actor {actor_id.upper()}",
        "colour": "#336699",
        "description": f"The seat of {actor_id}.",
        "capability": 0.5,
        "capital": 10,
        "capital_per_turn": 3,
    }
    out.update(fields)
    return out


def stance(ideal: str, salience: float = 0.5, public: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"ideal": ideal, "salience": salience, "quote": dict(QUOTE)}
    if public is not None:
        out["public"] = public
    return out


def variant(
    variant_id: str,
    obligations: list[dict] | None = None,
    effects: list[str] | None = None,
    monitoring: float = 0.0,
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": variant_id, "label": variant_id.replace("_", " ").title()}
    if obligations:
        out["obligations"] = obligations
    if effects:
        out["effects"] = effects
    if monitoring:
        out["monitoring"] = monitoring
    return out


def duty(actor_id: str, *violation: str) -> dict[str, Any]:
    return {"actor": actor_id, "duty": f"{actor_id} does its part", "violation": list(violation)}


def joint_move(move_id: str, consent: list[str], variants: list[dict], **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": move_id,
        "name": move_id.replace("_", " ").title(),
        "description": f"The {move_id} mechanism.",
        "consent": consent,
        "variants": variants,
        "quote": dict(QUOTE),
    }
    out.update(fields)
    return out


def unilateral(move_id: str, actors: list[str], **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": move_id,
        "name": move_id.replace("_", " ").title(),
        "description": f"The {move_id} move.",
        "actors": actors,
        "headline": "{actor} makes " + move_id,
        "quote": dict(QUOTE),
    }
    out.update(fields)
    return out


def event(event_id: str, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": event_id, "headline": f"News: {event_id}"}
    out.update(fields)
    return out


def ending(ending_id: str, condition: str | None = None, at: str = "any") -> dict[str, Any]:
    out: dict[str, Any] = {"id": ending_id, "title": f"Ending {ending_id}", "text": f"It ends: {ending_id}."}
    if condition is not None:
        out["condition"] = condition
    if at != "any":
        out["at"] = at
    return out


def pact() -> dict[str, Any]:
    return joint_move(
        "pact",
        ["a", "b"],
        [
            variant("none"),
            variant("weak", [duty("a", "x -= 5"), duty("b", "y += 5")], ["x += 2"]),
            variant("strong", [duty("a", "x -= 5")], ["x += 4"]),
        ],
    )


def aid() -> dict[str, Any]:
    return joint_move(
        "aid", ["b", "c"], [variant("none"), variant("some", [duty("c", "y += 2")], ["y += 1"])]
    )


def table() -> dict[str, Any]:
    """The base document described in the module docstring (a fresh copy each call)."""
    return {
        "format": 1,
        "id": "test-table",
        "title": "Test table",
        "summary": "A small table for the engine's tests.",
        "sources": [{"id": "src", "title": "Minutes", "outlet": "Test desk", "date": "2020-01-01"}],
        "calendar": {"start": "2020-01-01", "turn_days": 7, "turns": 3},
        "indicators": [
            {"id": "x", "label": "X", "start": 50, "good": "high"},
            {"id": "y", "label": "Y", "start": 50, "good": "low"},
        ],
        "actors": [
            actor(
                "a",
                stances={"pact": stance("strong", 0.8)},
                goals=[{"indicator": "x", "want": "high"}],
                brief={"objectives": ["A wants x high."], "red_lines": ["A never gives up strong."]},
            ),
            actor(
                "b",
                stances={"pact": stance("weak", 0.6), "aid": stance("some", 0.4)},
                goals=[{"indicator": "y", "want": "low"}],
                brief={"objectives": ["B wants y low."], "red_lines": ["B never accepts strong."]},
            ),
            actor(
                "c",
                stances={"aid": stance("none", 0.5)},
                goals=[{"indicator": "x", "want": "low"}],
                brief={"objectives": ["C wants x low."], "red_lines": ["C never pays for aid."]},
            ),
        ],
        "joint_moves": [pact(), aid()],
        "endings": [ending("fallback")],
        "debrief": {
            "history": [{"text": "Nothing happened."}],
            "learning_objectives": ["Test the rules."],
            "discussion_questions": ["Did the rules hold?"],
        },
    }


def make(doc: dict[str, Any]) -> Scenario:
    """The scenario a document describes, through the real loader."""
    data = yaml.dump(copy.deepcopy(doc), Dumper=_NoAliases, sort_keys=False, allow_unicode=True)
    return load_scenario_bytes(data.encode("utf-8"), "test.yaml")


def start(doc: dict[str, Any] | Scenario, seed: int = 0) -> tuple[State, np.random.Generator]:
    """A new game of a document (or scenario) and the generator that goes with it."""
    sc = doc if isinstance(doc, Scenario) else make(doc)
    rng = np.random.default_rng(seed)
    return new_game(sc, seed, rng), rng


def play(state: State, rng: np.random.Generator, *actions: Action) -> State:
    """The state after applying actions in order."""
    for action in actions:
        state, _ = apply(state, action, rng)
    return state


def end_until(
    state: State,
    rng: np.random.Generator,
    phase: str | None = None,
    turn: int | None = None,
    limit: int = 1000,
) -> State:
    """End the phase for whoever is to move until the phase (and turn) is reached or the game ends."""
    for _ in range(limit):
        if state.phase == "over":
            return state
        if (phase is None or state.phase == phase) and (turn is None or state.turn == turn):
            return state
        state, _ = apply(state, EndPhase(state.to_move), rng)
    raise AssertionError("the phase was never reached")


def to_actions(state: State, rng: np.random.Generator) -> State:
    """Skip the rest of the turn's diplomacy (and answers) to the actions phase."""
    return end_until(state, rng, "actions", state.turn)


def finish_turn(state: State, rng: np.random.Generator, **orders: list[Action]) -> State:
    """From the actions phase, each seat makes its listed choices and ends: the turn resolves.

    ``orders`` maps an actor id to the actions it takes before ending the phase.
    """
    assert state.phase == "actions", state.phase
    turn = state.turn
    while state.phase == "actions" and state.turn == turn:
        actor = state.to_move
        state = play(state, rng, *orders.get(actor, []), EndPhase(actor))
    return state


def run_turn(state: State, rng: np.random.Generator, **orders: list[Action]) -> State:
    """Skip diplomacy, make the listed choices and resolve the turn."""
    return finish_turn(to_actions(state, rng), rng, **orders)


PACT_WEAK = (("pact", 1),)
PACT_STRONG = (("pact", 2),)


def news_turns(state, event_id: str) -> list[int]:
    """The turns on which an event made the news."""
    return [e.turn for e in state.log if e.kind == "news" and e.ref == event_id]


def play_out(state, rng):
    """End every phase until the game is over."""
    return end_until(state, rng, phase="over")


def kinds(state, since: int = 0) -> list[str]:
    return [e.kind for e in state.log[since:]]


def fingerprint(state) -> tuple:
    """Everything a game is made of, to compare two games."""
    return (
        state.log,
        state.changes,
        state.trust_changes,
        state.indicators,
        state.trust,
        state.series,
        state.ending,
        state.agreements,
        state.proposals,
        state.notes,
        state.capital,
        state.stances,
        state.made_by,
        state.happened,
        state.turn,
    )
