"""`parley autoplay`: a whole game with a computer actor in every seat, as a transcript.

    python main.py autoplay [SCENARIO] --seed N [--turns K] [--save FILE] [--load FILE] [--json]

``--turns K`` stops after turn K has been resolved; ``--save`` writes the game so far;
``--load`` continues a saved game to its end. The output depends only on the scenario, the
seed and the seats, so two runs print the same bytes, and a game saved at turn K and loaded
again ends exactly as the uninterrupted one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game import saves, transcript
from game.core.errors import ParleyError, ScenarioError
from game.session import Seat, Session


def run(scenario_path: str | None, seed: int | None, turns: int | None, save_to: str | None,
        load_from: str | None, as_json: bool, agent: str = "ours", level: str = "normal") -> int:
    from game.resources import default_scenario
    from game.scenario.loader import load_scenario

    if load_from:
        session, scenario_file = saves.load(load_from, saves.find_scenario)
        if seed is not None and seed != session.seed:
            print(f"parley: {load_from} was played with seed {session.seed}, not {seed}", file=sys.stderr)
            return 2
    else:
        scenario_file = str(Path(scenario_path or default_scenario()))
        try:
            scenario = load_scenario(scenario_file)
        except ScenarioError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            return 1
        agents = {a: agent for a in scenario.actor_ids}
        if agent == "mixed":  # each seat ours or random, drawn from the seed as `balance --seats mixed` does
            from game.balance.games import seat_agents

            agents = seat_agents(scenario, 0 if seed is None else seed, "mixed")
        seats = {a: Seat(a, "computer", level, agents[a]) for a in scenario.actor_ids}
        session = Session(scenario, 0 if seed is None else seed, seats)
    while not session.over:
        if turns is not None and session.state.turn > turns:
            break
        if session.step_computer() is None:  # every seat is a computer, so this cannot stall
            break
    if save_to:
        saves.save(session, save_to, scenario_file)
    state = session.state
    if as_json:
        sys.stdout.write(json.dumps(transcript.as_json(state), indent=1, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(transcript.as_text(state))
    return 0


def main_autoplay(args) -> int:
    try:
        return run(args.scenario, args.seed, args.turns, args.save, args.load, args.json, args.agent, args.level)
    except ParleyError as err:
        print(f"parley: {err}", file=sys.stderr)
        return 1
