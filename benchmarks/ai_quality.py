"""How well the computer actors negotiate: agreements, fairness of deals, endings, cross-play, speed.

    python benchmarks/ai_quality.py [--games N] [--cross-games K] [--scenario PATH] [--json]
                                    [--quick] [--jobs J]

For every shipped scenario (or the one given), plays N seeded games (default 500) with our
computer actor ("normal") in every seat. Then, for every baseline (random, hardliner,
conceder) and every seat, K more games (default 100, at most N) with the baseline in that
seat and ours elsewhere, on the first K of the same seeds: cross-play is a paired comparison,
seed by seed, so K games tell the two apart about as well as many more unpaired ones would,
and the run stays within about half an hour on two cores. Reports, per scenario:

- ``agreement_rate``: share of games with at least one new agreement; ``agreement_rate_by_move``
  the same per joint move;
- ``below_no_deal_agreements``: agreements in which a signatory (every party whose consent the
  deal needed) had, when it gave its consent (proposed, counter-proposed or accepted), a value
  for the deal below its no-deal value (the levels then in force), by its true stances and goals
  and without the trust discount: ``game.ai.utility.terms_gain(..., discount=False) < -1e-6``;
- ``nash_optimality``: for each agreement, 1 - the distance (sum over the deal's moves of
  |agreed level - Nash level|) between the agreed levels and the Nash bargaining point of the
  deal's moves among its needed parties (true values, the levels in force just before as the
  disagreement point, ``game.core.scoring.nash_index``), divided by the largest possible
  distance (the sum of the moves' spans); averaged over the agreements that have a Nash point;
- ``ending_entropy`` (Shannon entropy of the endings reached / log of the number of endings) and
  ``ending_shares`` (every ending of the scenario, 0 for those never reached);
- ``cross_play``: baseline -> seat -> {"ours": average score of ours in that seat when every seat
  is ours, "baseline": average score of the baseline in that seat with ours elsewhere, both
  over the same K seeds; "margin": the mean of ours - baseline seed by seed, and "se" its
  standard error}; ``cross_play_games``: K;
- ``decision_ms_p50`` / ``decision_ms_p95``: time ours takes per decision; ``games``.

Games run in parallel worker processes (``--jobs``, default: every core).
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import multiprocessing
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from game.ai import make_agent
from game.ai.context import Context
from game.ai.play import Step, play_game
from game.ai.utility import terms_gain, values
from game.core.actions import Accept, Propose
from game.core.actions import Counter as CounterAction
from game.core.observe import observe
from game.core.scoring import nash_index, profile_grid, scores
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario

BASELINES = ("random", "hardliner", "conceder")
BELOW = -1e-6


@functools.cache
def _scenario(path: str):
    return load_scenario(path)


def _nash_optimality(step: Step, proposal) -> float | None:
    """1 - normalised distance from the agreed levels to the Nash point of the deal's moves."""
    state = step.before
    sc = state.scenario
    moves = [m for m, _ in proposal.terms]
    idx = [i for i, jm in enumerate(sc.joint_moves) if jm.id in moves]
    sizes = [len(sc.joint_moves[i].variants) for i in idx]
    sub = profile_grid(sizes).astype(np.int64)
    before = np.array([state.level(jm.id) for jm in sc.joint_moves], dtype=np.int64)
    full = np.repeat(before[None, :], len(sub), axis=0)
    full[:, idx] = sub
    parties = list(proposal.needed)
    util = np.zeros((len(sub), len(parties)))
    d = np.zeros(len(parties))
    for k, a in enumerate(parties):
        ctx = Context.build(observe(state, a))
        util[:, k] = values(ctx, full, discount=False)
        d[k] = values(ctx, before[None, :], discount=False)[0]
    consent = np.array([[a in sc.joint_moves[i].consent for a in parties] for i in idx], dtype=bool)
    cares = np.array([[state.stances[a].get(sc.joint_moves[i].id) is not None
                       and state.stances[a][sc.joint_moves[i].id].salience > 0 for a in parties] for i in idx],
                     dtype=bool)
    best = nash_index(util, d, sub, before[idx], consent, cares)
    if best is None:
        return None
    agreed = np.array([dict(proposal.terms)[sc.joint_moves[i].id] for i in idx])
    span = float(sum(n - 1 for n in sizes)) or 1.0
    return 1.0 - float(np.abs(agreed - sub[best]).sum()) / span


def play_one(path: str, seed: int, kinds: tuple[tuple[str, str], ...], measure: bool) -> dict:
    """One game; with ``measure``, the deal metrics and the decision times of ours too."""
    sc = _scenario(path)
    kind_of = dict(kinds)
    agents = {a: make_agent(kind_of.get(a, "ours"), "normal") for a in sc.actor_ids}
    consent_gain: dict[tuple[int, str], float] = {}
    record: dict = {"ms": [], "agreements": [], "below": 0, "nash": [], "nash_missing": 0}

    def on_step(step: Step) -> None:
        action = step.action
        if kind_of.get(action.actor, "ours") == "ours":
            record["ms"].append(step.seconds * 1000.0)
        if not measure:
            return
        if isinstance(action, (Propose, CounterAction, Accept)):
            number = action.proposal if isinstance(action, Accept) else step.before.next_proposal
            terms = step.before.proposal(number).terms if isinstance(action, Accept) else action.terms
            ctx = Context.build(step.obs)
            consent_gain[(number, action.actor)] = terms_gain(ctx, terms, discount=False)
        for entry in step.entries:
            if entry.kind != "agreement":
                continue
            p = step.after.proposal(int(entry.ref))
            record["agreements"].append([m for m, _ in p.terms])
            if any(consent_gain.get((p.id, a), 0.0) < BELOW for a in p.needed):
                record["below"] += 1
            value = _nash_optimality(step, p)
            if value is None:
                record["nash_missing"] += 1
            else:
                record["nash"].append(value)

    state = play_game(sc, seed, agents, on_step=on_step)
    record["ending"] = state.ending
    record["scores"] = scores(state)
    if not measure:
        record.pop("agreements")
    return record


def _run(job):
    return job, play_one(*job)


def evaluate(path: str, games: int, pool, cross_games: int = 100, seeds_offset: int = 0) -> dict:
    sc = _scenario(path)
    seeds = range(seeds_offset, seeds_offset + games)
    paired = seeds[:max(1, min(cross_games, games))]
    jobs = [(path, s, (), True) for s in seeds]
    for base in BASELINES:
        for seat in sc.actor_ids:
            jobs += [(path, s, ((seat, base),), False) for s in paired]
    results = dict(pool.imap_unordered(_run, jobs, chunksize=4) if pool else map(_run, jobs))
    own = [results[j] for j in jobs if not j[2]]
    endings = Counter(r["ending"] for r in own)
    ids = [e.id for e in sc.endings] + (["calendar"] if "calendar" in endings else [])
    shares = {e: endings.get(e, 0) / games for e in ids}
    probs = np.array([v for v in shares.values() if v > 0])
    entropy = float(-(probs * np.log(probs)).sum() / math.log(len(ids))) if len(ids) > 1 else 0.0
    by_move = {jm.id: sum(any(jm.id in a for a in r["agreements"]) for r in own) / games for jm in sc.joint_moves}
    nash = [v for r in own for v in r["nash"]]
    ms = np.array([v for r in own for v in r["ms"]])
    cross: dict = {}
    for base in BASELINES:
        cross[base] = {}
        for seat in sc.actor_ids:
            theirs = np.array([results[(path, s, ((seat, base),), False)]["scores"][seat] for s in paired])
            ours = np.array([results[(path, s, (), True)]["scores"][seat] for s in paired])
            diff = ours - theirs
            se = float(diff.std(ddof=1) / math.sqrt(len(diff))) if len(diff) > 1 else 0.0
            cross[base][seat] = {"ours": round(float(ours.mean()), 2), "baseline": round(float(theirs.mean()), 2),
                                 "margin": round(float(diff.mean()), 2), "se": round(se, 2)}
    return {
        "games": games,
        "agreement_rate": round(sum(bool(r["agreements"]) for r in own) / games, 4),
        "agreement_rate_by_move": {k: round(v, 4) for k, v in by_move.items()},
        "agreements_per_game": round(sum(len(r["agreements"]) for r in own) / games, 3),
        "below_no_deal_agreements": int(sum(r["below"] for r in own)),
        "nash_optimality": round(float(np.mean(nash)), 4) if nash else None,
        "nash_undefined": int(sum(r["nash_missing"] for r in own)),
        "ending_entropy": round(entropy, 4),
        "ending_shares": {k: round(v, 4) for k, v in shares.items()},
        "cross_play": cross,
        "cross_play_games": len(paired),
        "mean_scores": {a: round(float(np.mean([r["scores"][a] for r in own])), 2) for a in sc.actor_ids},
        "decision_ms_p50": round(float(np.percentile(ms, 50)), 3) if ms.size else None,
        "decision_ms_p95": round(float(np.percentile(ms, 95)), 3) if ms.size else None,
    }


def _table(name: str, res: dict) -> str:
    lines = [f"== {name} ({res['games']} games) =="]
    for key in ("agreement_rate", "agreements_per_game", "below_no_deal_agreements", "nash_optimality",
                "nash_undefined", "ending_entropy", "decision_ms_p50", "decision_ms_p95"):
        lines.append(f"{key:>26}: {res[key]}")
    lines.append(f"{'agreements by move':>26}: " + ", ".join(f"{k} {v:.2f}" for k, v in res["agreement_rate_by_move"].items()))
    lines.append(f"{'endings':>26}: " + ", ".join(f"{k} {v:.2f}" for k, v in res["ending_shares"].items()))
    lines.append(f"{'cross-play':>26}  seat: ours/baseline (margin ± se), {res['cross_play_games']} paired games")
    for base, seats in res["cross_play"].items():
        row = ", ".join(f"{s} {v['ours']:.1f}/{v['baseline']:.1f} ({v['margin']:+.1f}±{v['se']:.1f})"
                        for s, v in seats.items())
        lines.append(f"{base:>26}: {row}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=500)
    ap.add_argument("--scenario", help="limit to one scenario file")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cross-games", type=int, default=100,
                    help="paired games per baseline and seat for cross-play (at most --games)")
    ap.add_argument("--quick", action="store_true", help="20 games per scenario")
    ap.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    args = ap.parse_args(argv)
    games = 20 if args.quick else args.games
    if games < 1:
        ap.error("--games must be at least 1")
    if args.cross_games < 1:
        ap.error("--cross-games must be at least 1")
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    paths = [Path(args.scenario)] if args.scenario else shipped_scenarios()
    out: dict = {}
    start = time.perf_counter()
    ctx = multiprocessing.get_context("fork") if sys.platform != "win32" else multiprocessing.get_context()
    pool = ctx.Pool(args.jobs) if args.jobs > 1 else None
    try:
        for path in paths:
            sc = _scenario(str(path))
            out[sc.id] = evaluate(str(path), games, pool, args.cross_games)
    finally:
        if pool:
            pool.close()
            pool.join()
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for name, res in out.items():
            print(_table(name, res))
        print(f"({seconds:.0f} s)")
    print(f"ai_quality: {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
