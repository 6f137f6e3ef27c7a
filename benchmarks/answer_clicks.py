"""Clicks per turn for the player of one seat, before and after the answer panel's batch refusals.

    python benchmarks/answer_clicks.py [--scenario FILE] [--seat us] [--games 5] [--level normal]
                                       [--player computer|wary] [--accept-gain 10] [--json]

Each game is played by the computer in every other seat; the seat itself is played either by the
computer too (``--player computer``) or by a wary new player, as in the play-test of issue 16
(``--player wary``: accepts a deal only if the preview says it adds at least ``--accept-gain``
points to its score, refuses every other, never proposes, makes no move). The game is then read
again as if a person had entered the seat's actions with the window: every sitting of that seat (its actions between
two of another seat's) is costed in clicks, once as the dialog answered one proposal per click
and once with the strip of ``game.present.answers``: the proposals accepted (or countered) first,
one by one, then the repeats refused in one click and the other refused ones in two presses (the
second confirms), when that is fewer. The action list is the
same both ways: only what it costs to enter differs.

The costs of the other actions are a fixed model of the window: opening the answer dialog 1; an
answer 1; a counter 2 plus one per term; a proposal 2 plus one per term and per recipient; a
statement 4; a private message 5; a move chosen 2 (none: part of ending the phase); a duty kept
or broken 1; ending a phase 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.core.actions import (
    Accept,
    ChooseMove,
    Counter,
    EndPhase,
    Message,
    Propose,
    Reject,
    SetCompliance,
    Statement,
)
from game.present import answers, deal
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from game.session import Seat, Session, agent_for


class Wary:
    """The play-tester's way with proposals: take the clearly good ones, refuse the rest."""

    def __init__(self, sc, gain: float) -> None:
        self.sc, self.gain = sc, gain

    def decide(self, obs, rng):
        for p in obs.open_to_me():
            good = deal.preview(obs, self.sc, p.terms).gain >= self.gain
            return Accept(obs.actor, p.id) if good else Reject(obs.actor, p.id)
        return EndPhase(obs.actor)


def cost(action) -> int:
    """What one action costs to enter in the window, answers aside."""
    if isinstance(action, Counter):
        return 2 + len(action.terms)
    if isinstance(action, Propose):
        return 2 + len(action.terms) + len(action.to)
    if isinstance(action, Statement):
        return 4
    if isinstance(action, Message):
        return 5
    if isinstance(action, ChooseMove):
        return 2 if action.move else 0
    if isinstance(action, (SetCompliance, EndPhase)):
        return 1
    return 0


def sitting_clicks(waiting: list[int], marks: dict, actions: list) -> tuple[int, int, int, int]:
    """(all clicks before, all after, answer clicks before, answer clicks after) of one sitting."""
    other = sum(cost(a) for a in actions)
    answered = [a for a in actions if isinstance(a, (Accept, Reject, Counter))]
    if not answered:
        return other, other, 0, 0
    singles = sum(1 for a in answered if not isinstance(a, Counter))
    before = 1 + singles  # the dialog opened once, then one click an answer
    # with the strip: the accepted ones first, one click each; then the refused repeats in one
    # click, and the other refused ones in two presses (when that is fewer), while two or more wait
    refused = {a.proposal for a in answered if isinstance(a, Reject)}
    rep = [i for i in waiting if i in marks and i in refused]
    rest = [i for i in waiting if i not in marks and i in refused]
    after = 1 + singles - len(rep) - len(rest)
    if len(rep) + len(rest) >= 2:
        after += min(len(rep), 1) + min(len(rest), 2)
    else:
        after += len(rep) + len(rest)
    return other + before, other + after, before, after


def game_clicks(sc, seed: int, seat: str, level: str, player: str = "computer", gain: float = 10.0) -> dict:
    def agents(st: Seat):
        return Wary(sc, gain) if player == "wary" and st.actor == seat else agent_for(st)

    s = Session(sc, seed, {a: Seat(a, "computer", level) for a in sc.actor_ids}, agents)
    turns: dict[int, list[int]] = {}
    sitting: list = []
    start = None  # (turn, waiting ids, marks) when the seat sat down

    def close() -> None:
        if start is not None:
            b, a, ab, aa = sitting_clicks(start[1], start[2], sitting)
            row = turns.setdefault(start[0], [0, 0, 0, 0])
            for i, v in enumerate((b, a, ab, aa)):
                row[i] += v

    while not s.over:
        if s.to_move == seat:
            if start is None:
                obs = s.observe(seat)
                start = (obs.turn, [p.id for p in obs.open_to_me()], answers.marks(obs))
                sitting = []
            action, _ = s.step_computer()
            sitting.append(action)
        else:
            close()
            start = None
            if s.step_computer() is None:
                break
    close()
    total = [sum(r[i] for r in turns.values()) for i in range(4)]
    n = max(1, len(turns))
    return {"seed": seed, "turns": len(turns), "clicks_before": total[0], "clicks_after": total[1],
            "answer_clicks_before": total[2], "answer_clicks_after": total[3],
            "per_turn_before": round(total[0] / n, 2), "per_turn_after": round(total[1] / n, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default=str(default_scenario()))
    ap.add_argument("--seat", default="us")
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--level", default="normal")
    ap.add_argument("--player", choices=("computer", "wary"), default="computer")
    ap.add_argument("--accept-gain", type=float, default=10.0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sc = load_scenario(args.scenario)
    games = [game_clicks(sc, seed, args.seat, args.level, args.player, args.accept_gain) for seed in range(args.games)]
    turns = sum(g["turns"] for g in games) or 1
    out = {"scenario": args.scenario, "seat": args.seat, "level": args.level, "player": args.player, "games": games}
    for key in ("clicks_before", "clicks_after", "answer_clicks_before", "answer_clicks_after"):
        out[key + "_per_turn"] = round(sum(g[key] for g in games) / turns, 2)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for g in games:
            print(f"seed {g['seed']}: {g['turns']} turns, {g['per_turn_before']} -> {g['per_turn_after']} clicks a turn "
                  f"(answers {g['answer_clicks_before']} -> {g['answer_clicks_after']})")
        print(f"per turn: {out['clicks_before_per_turn']} -> {out['clicks_after_per_turn']} clicks; answers "
              f"{out['answer_clicks_before_per_turn']} -> {out['answer_clicks_after_per_turn']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
