"""How well the computer actors negotiate: deals, consistency, variety, difficulty, cross-play, speed.

    python benchmarks/ai_quality.py [--games N] [--cross-games K] [--level-games L] [--scenario PATH]
                                    [--json] [--quick] [--jobs J] [--difficulty-only] [--first-seed S]

For every shipped scenario (or the one given), plays N seeded games (default 500) with our
computer actor ("normal") in every seat. Then, for every baseline (random, hardliner,
conceder) and every seat, K more games (default 100, at most N) with the baseline in that
seat and ours elsewhere, on the first K of the same seeds: cross-play is a paired comparison,
seed by seed, so K games tell the two apart about as well as many more unpaired ones would.
Difficulty and exploitability use L paired games (default 30, at most K) per seat and level.
Reports, per scenario:

- ``agreement_rate``: share of games with at least one new agreement; ``agreement_rate_by_move``
  the same per joint move; ``proposals_per_agreement``: proposals and counters per agreement;
- ``below_no_deal_agreements``: agreements in which a signatory (every party whose consent the
  deal needed) had, when it gave its consent (proposed, counter-proposed or accepted), a value
  for the deal below its no-deal value (the levels then in force), by its true stances and goals
  and without the trust discount: ``game.ai.utility.terms_gain(..., discount=False) < -1e-6``;
- ``nash_ratio``: per agreement, its Nash product (the product of the signatories' true gains
  over their no-deal values) over the best Nash product of any deal on the same moves, averaged
  (``nash_ratio_expected``: the same with the trust discount, see ``dominated_share_expected``);
  ``dominated_share``: share of agreements that another deal on the same moves Pareto-dominates
  for their signatories (``dominated_share_expected``: the same with each signatory's gains
  discounted by its trust that the others keep their duties, as the actors weigh deals; a deal may
  be dominated by the undiscounted gains yet not by the risk the signatories priced in); ``random_deals``: both figures for a random deal on the same moves (every
  deal changing each of them that leaves no signatory below no deal, weighted equally);
- ``contradictions`` (per game: a reason followed by a deed it rules out: refusing the very deal
  it said it holds out for, unless the refusal names news that came since, or taking, in the turn it refused a deal and with nothing in force
  changed, one on the same moves worth less to it) and ``repeat_refused`` (per game: a deal re-sent by its sender
  after it was refused, with the same levels in force, the refusers' stated positions unchanged
  and in the same turn); see ``ai_metrics``;
- ``moves_used``: share of games in which each unilateral move was made, by ours (every seat ours)
  and by random (every seat random, on the first K seeds);
- ``forced_moves``: move -> seat -> the paired margin (mean and standard error, over L games) of
  ours made to make that move at its first chance against ours as it is: a move that raises its
  mover's score clearly (margin above its standard error) is one ours wrongly ignores;
- ``ending_entropy`` (Shannon entropy of the endings reached / log of the number of endings) and
  ``ending_shares`` (every ending of the scenario, 0 for those never reached);
- ``cross_play``: baseline -> seat -> {"ours": average score of ours in that seat when every seat
  is ours, "baseline": average score of the baseline in that seat with ours elsewhere, both
  over the same K seeds; "margin": the mean of ours - baseline seed by seed, and "se" its
  standard error}; ``cross_play_games``: K;
- ``difficulty``: seat -> {"hard-normal", "normal-easy"}: the paired margin (mean and standard
  error) of a seat played at one level against the same seat at the level below, the others
  "normal"; ``level_games``: L;
- ``exploitability``: level -> the mean over seats of the best baseline's gain in a seat (its score
  minus ours at that level in that seat) with ours at that level in every other seat;
- ``model_error``: level -> how far that level's estimate of the others' ideals is from the truth
  (mean distance as a share of each move's span, every ``MODEL_EVERY`` steps of the games with ours
  in every seat, each level reading the same observations; see ``ai_metrics.model_error``);
- ``decision_ms_p50`` / ``decision_ms_p95``: time ours takes per decision; ``games``.

Games run in parallel worker processes (``--jobs``, default: every core). ``--difficulty-only``
plays only the games ``difficulty`` needs (L paired seeds, default ``DIFFICULTY_GAMES``, each seat
at easy and at hard against ours at normal everywhere) and prints those figures with each level's
mean score. Syria's paired margins have standard errors of 0.6-1.5 points over 48 seeds (about
twice that over 12), so a real edge of a point or two needs that many or more; 96 take about two
minutes on two busy cores.
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

from benchmarks import ai_metrics as metrics
from game.ai import make_agent
from game.ai.context import Context
from game.ai.play import Step, play_game
from game.ai.utility import terms_gain
from game.core.actions import Accept, ChooseMove, Propose
from game.core.actions import Counter as CounterAction
from game.core.scoring import scores
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario

BASELINES = ("random", "hardliner", "conceder")
BELOW = -1e-6
DIFFICULTY_GAMES = 96  # paired seeds of --difficulty-only by default (see the module's text)
MODEL_EVERY = 7  # how often (in steps, after the first turn) the models of the others are checked against the truth


@functools.cache
def _scenario(path: str):
    return load_scenario(path)


class Forced:
    """Ours, except that it makes one unilateral move at its first chance (the forced-move check)."""

    def __init__(self, move: str, level: str) -> None:
        self.move, self.inner = move, make_agent("ours", level)

    def decide(self, obs, rng):
        if (obs.phase == "actions" and obs.waiting_for == obs.actor and obs.move_choice is None
                and obs.times_made.get(self.move, 1) == 0
                and any(isinstance(a, ChooseMove) and a.move == self.move for a in obs.legal)):
            return ChooseMove(obs.actor, self.move, "is made to try this move")
        return self.inner.decide(obs, rng)


def _agent(kind: str, level: str):
    return Forced(kind.split(":", 1)[1], level) if kind.startswith("forced:") else make_agent(kind, level)


def play_one(path: str, seed: int, kinds: tuple[tuple[str, str, str], ...], measure: bool,
             level: str = "normal") -> dict:
    """One game: ``kinds`` (seat, kind, level) for the seats not played by ours at ``level``; with
    ``measure``, the deal and consistency figures too. Decision times are of ours, always."""
    sc = _scenario(path)
    spec = {seat: (kind, lvl) for seat, kind, lvl in kinds}
    agents = {a: _agent(*spec.get(a, ("ours", level))) for a in sc.actor_ids}
    ours = {a for a in sc.actor_ids if spec.get(a, ("ours",))[0] in ("ours",)}
    consent_gain: dict[tuple[int, str], float] = {}
    record: dict = {"ms": [], "agreements": [], "below": 0, "deals": [], "moves": set(), "model": []}
    watch = metrics.Watch()

    def on_step(step: Step) -> None:
        action = step.action
        if action.actor in ours:
            record["ms"].append(step.seconds * 1000.0)
        if isinstance(action, ChooseMove):
            record["moves"].add(action.move)
        if not measure:
            return
        watch.step(step)
        watch.remember(step.after)
        if step.obs.phase in ("diplomacy", "answers") and step.obs.turn > 1 and step.before.step % MODEL_EVERY == 0:
            err = metrics.model_error(step.before, step.obs)
            if err is not None:
                record["model"].append(err)
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
            record["deals"].append(metrics.deal_quality(step.before, p))

    state = play_game(sc, seed, agents, on_step=on_step)
    record["ending"] = state.ending
    record["scores"] = scores(state)
    record["contradictions"] = watch.contradictions
    record["repeat_refused"] = watch.repeat_refused
    record["proposals"] = watch.proposals
    if not measure:
        record.pop("agreements")
    return record


def forced_pairs(sc) -> list[tuple[str, str]]:
    """Every (unilateral move, seat that may make it) of the scenario: the forced-move check's cases."""
    return [(um.id, a) for um in sc.unilateral_moves for a in um.actors]


def forced_jobs(path: str, forced: list[tuple[str, str]], seeds) -> list[tuple]:
    """The games of the forced-move check: each case on each seed, that seat made to make the move."""
    return [(path, s, ((seat, f"forced:{move}", "normal"),), False, "normal") for move, seat in forced
            for s in seeds]


def forced_margins(forced: list[tuple[str, str]], seeds, score) -> dict:
    """move -> seat -> the mover's paired margin, forced against ours as it is; ``score(seat, seed,
    kinds)`` reads a played game's score (``kinds`` empty: every seat ours)."""
    out: dict = {}
    for move, seat in forced:
        made = np.array([score(seat, s, ((seat, f"forced:{move}", "normal"),)) for s in seeds])
        usual = np.array([score(seat, s, ()) for s in seeds])
        out.setdefault(move, {})[seat] = _paired(made, usual)
    return out


def _run(job):
    return job, play_one(*job)


def _paired(a: np.ndarray, b: np.ndarray) -> dict:
    diff = a - b
    se = float(diff.std(ddof=1) / math.sqrt(len(diff))) if len(diff) > 1 else 0.0
    return {"margin": round(float(diff.mean()), 2), "se": round(se, 2)}


def _mean(xs) -> float | None:
    xs = [x for x in xs if x is not None]
    return round(float(np.mean(xs)), 4) if xs else None


def evaluate(path: str, games: int, pool, cross_games: int = 100, seeds_offset: int = 0,
             level_games: int = 30) -> dict:
    sc = _scenario(path)
    seeds = range(seeds_offset, seeds_offset + games)
    paired = seeds[:max(1, min(cross_games, games))]
    levelled = paired[:max(1, min(level_games, len(paired)))]
    seats = sc.actor_ids
    own_job = {s: (path, s, (), True, "normal") for s in seeds}
    jobs = list(own_job.values())
    jobs += [(path, s, tuple((a, "random", "normal") for a in seats), False, "normal") for s in paired]
    for base in BASELINES:
        for seat in seats:
            jobs += [(path, s, ((seat, base, "normal"),), False, "normal") for s in paired]
    for lvl in ("easy", "hard"):
        for seat in seats:
            jobs += [(path, s, ((seat, "ours", lvl),), False, "normal") for s in levelled]
        jobs += [(path, s, (), False, lvl) for s in levelled]
        for base in BASELINES:
            for seat in seats:
                jobs += [(path, s, ((seat, base, "normal"),), False, lvl) for s in levelled]
    forced = forced_pairs(sc)
    jobs += forced_jobs(path, forced, levelled)
    results = dict(pool.imap_unordered(_run, jobs, chunksize=4) if pool else map(_run, jobs))
    own = [results[own_job[s]] for s in seeds]
    endings = Counter(r["ending"] for r in own)
    ids = [e.id for e in sc.endings] + (["calendar"] if "calendar" in endings else [])
    shares = {e: endings.get(e, 0) / games for e in ids}
    probs = np.array([v for v in shares.values() if v > 0])
    entropy = float(-(probs * np.log(probs)).sum() / math.log(len(ids))) if len(ids) > 1 else 0.0
    by_move = {jm.id: sum(any(jm.id in a for a in r["agreements"]) for r in own) / games for jm in sc.joint_moves}
    deals = [d for r in own for d in r["deals"]]
    ms = np.array([v for r in own for v in r["ms"]])
    agreements = sum(len(r["agreements"]) for r in own)
    randoms = [results[(path, s, tuple((a, "random", "normal") for a in seats), False, "normal")] for s in paired]
    moves_used = {um.id: {"ours": round(sum(um.id in r["moves"] for r in own) / games, 4),
                          "random": round(sum(um.id in r["moves"] for r in randoms) / len(randoms), 4)}
                  for um in sc.unilateral_moves}

    def score(seat: str, s: int, kinds: tuple = (), lvl: str = "normal") -> float:
        key = (path, s, kinds, True, lvl) if not kinds and lvl == "normal" else (path, s, kinds, False, lvl)
        return results[key]["scores"][seat]

    cross: dict = {}
    for base in BASELINES:
        cross[base] = {}
        for seat in seats:
            theirs = np.array([score(seat, s, ((seat, base, "normal"),)) for s in paired])
            ours = np.array([score(seat, s) for s in paired])
            cross[base][seat] = {"ours": round(float(ours.mean()), 2), "baseline": round(float(theirs.mean()), 2),
                                 **_paired(ours, theirs)}
    difficulty = {}
    for seat in seats:
        at = {lvl: np.array([score(seat, s, ((seat, "ours", lvl),)) if lvl != "normal" else score(seat, s)
                             for s in levelled]) for lvl in ("easy", "normal", "hard")}
        difficulty[seat] = {"hard-normal": _paired(at["hard"], at["normal"]),
                            "normal-easy": _paired(at["normal"], at["easy"])}
    forced_moves = forced_margins(forced, levelled, score)
    exploit = {}
    for lvl in ("easy", "normal", "hard"):
        per_seat = []
        for seat in seats:
            ours = np.array([score(seat, s, (), lvl) for s in levelled])
            best = max(float(np.mean(np.array([score(seat, s, ((seat, base, "normal"),), lvl) for s in levelled])
                                     - ours)) for base in BASELINES)
            per_seat.append(best)
        exploit[lvl] = round(float(np.mean(per_seat)), 2)
    return {
        "games": games,
        "agreement_rate": round(sum(bool(r["agreements"]) for r in own) / games, 4),
        "agreement_rate_by_move": {k: round(v, 4) for k, v in by_move.items()},
        "agreements_per_game": round(agreements / games, 3),
        "proposals_per_agreement": round(sum(r["proposals"] for r in own) / agreements, 2) if agreements else None,
        "below_no_deal_agreements": int(sum(r["below"] for r in own)),
        "nash_ratio": _mean(d.nash_ratio for d in deals),
        "dominated_share": round(float(np.mean([d.dominated for d in deals])), 4) if deals else None,
        "nash_ratio_expected": _mean(d.nash_ratio_expected for d in deals),
        "dominated_share_expected": round(float(np.mean([d.dominated_expected for d in deals])), 4) if deals else None,
        "random_deals": {"nash_ratio": _mean(d.random_ratio for d in deals),
                         "dominated_share": _mean(d.random_dominated for d in deals)},
        "contradictions": round(sum(r["contradictions"] for r in own) / games, 3),
        "repeat_refused": round(sum(r["repeat_refused"] for r in own) / games, 3),
        "moves_used": moves_used,
        "forced_moves": forced_moves,
        "ending_entropy": round(entropy, 4),
        "ending_shares": {k: round(v, 4) for k, v in shares.items()},
        "cross_play": cross,
        "cross_play_games": len(paired),
        "difficulty": difficulty,
        "exploitability": exploit,
        "model_error": {lvl: _mean(e[lvl] for r in own for e in r["model"]) for lvl in ("easy", "normal", "hard")},
        "level_games": len(levelled),
        "mean_scores": {a: round(float(np.mean([r["scores"][a] for r in own])), 2) for a in seats},
        "decision_ms_p50": round(float(np.percentile(ms, 50)), 3) if ms.size else None,
        "decision_ms_p95": round(float(np.percentile(ms, 95)), 3) if ms.size else None,
    }


def difficulty_only(path: str, level_games: int, pool, first_seed: int = 0) -> dict:
    """Only the ``difficulty`` figures, over ``level_games`` paired seeds from ``first_seed``
    (``--difficulty-only``, ``--first-seed``): cheap enough to run with more seeds than the whole
    benchmark, and on a fresh range to check a change fitted on another."""
    seats = _scenario(path).actor_ids
    seeds = range(first_seed, first_seed + level_games)
    jobs = [(path, s, (), False, "normal") for s in seeds]
    jobs += [(path, s, ((seat, "ours", lvl),), False, "normal") for lvl in ("easy", "hard") for seat in seats
             for s in seeds]
    results = dict(pool.imap_unordered(_run, jobs, chunksize=4) if pool else map(_run, jobs))
    out = {}
    for seat in seats:
        at = {lvl: np.array([results[(path, s, ((seat, "ours", lvl),) if lvl != "normal" else (), False,
                                      "normal")]["scores"][seat] for s in seeds]) for lvl in ("easy", "normal", "hard")}
        out[seat] = {"hard-normal": _paired(at["hard"], at["normal"]), "normal-easy": _paired(at["normal"], at["easy"]),
                     "mean": {lvl: round(float(v.mean()), 2) for lvl, v in at.items()}}
    return {"difficulty": out, "level_games": level_games, "first_seed": first_seed}


def _table(name: str, res: dict) -> str:
    lines = [f"== {name} ({res['games']} games) =="]
    for key in ("agreement_rate", "agreements_per_game", "proposals_per_agreement", "below_no_deal_agreements",
                "nash_ratio", "nash_ratio_expected", "dominated_share", "dominated_share_expected", "random_deals", "contradictions", "repeat_refused",
                "ending_entropy", "exploitability", "model_error", "decision_ms_p50", "decision_ms_p95"):
        lines.append(f"{key:>26}: {res[key]}")
    lines.append(f"{'agreements by move':>26}: " + ", ".join(f"{k} {v:.2f}" for k, v in res["agreement_rate_by_move"].items()))
    lines.append(f"{'endings':>26}: " + ", ".join(f"{k} {v:.2f}" for k, v in res["ending_shares"].items()))
    lines.append(f"{'cross-play':>26}  seat: ours/baseline (margin ± se), {res['cross_play_games']} paired games")
    for base, seats in res["cross_play"].items():
        row = ", ".join(f"{s} {v['ours']:.1f}/{v['baseline']:.1f} ({v['margin']:+.1f}±{v['se']:.1f})"
                        for s, v in seats.items())
        lines.append(f"{base:>26}: {row}")
    lines.append(f"{'difficulty':>26}  seat: hard-normal, normal-easy (margin ± se), {res['level_games']} paired games")
    for seat, d in res["difficulty"].items():
        lines.append(f"{seat:>26}: " + ", ".join(f"{k} {v['margin']:+.1f}±{v['se']:.1f}" for k, v in d.items()))
    lines.append(f"{'forced moves (margin±se)':>26}: " + ", ".join(
        f"{m}/{a} {v['margin']:+.1f}±{v['se']:.1f}" for m, seats in res["forced_moves"].items() for a, v in seats.items()))
    lines.append(f"{'moves used (ours/random)':>26}: " + ", ".join(
        f"{k} {v['ours']:.2f}/{v['random']:.2f}" for k, v in res["moves_used"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=500)
    ap.add_argument("--scenario", help="limit to one scenario file")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cross-games", type=int, default=100,
                    help="paired games per baseline and seat for cross-play (at most --games)")
    ap.add_argument("--level-games", type=int, default=None,
                    help="paired games per seat and level for difficulty and exploitability (at most --cross-games; "
                         f"default 30, or {DIFFICULTY_GAMES} with --difficulty-only)")
    ap.add_argument("--quick", action="store_true", help="20 games per scenario")
    ap.add_argument("--difficulty-only", action="store_true",
                    help="only the difficulty figures, over --level-games paired seeds (with --json)")
    ap.add_argument("--first-seed", type=int, default=0,
                    help="the first game's seed (default 0; the games use seeds first..first+games-1, "
                         "in --difficulty-only too): to check a change on a fresh range")
    ap.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    args = ap.parse_args(argv)
    games = 20 if args.quick else args.games
    if games < 1:
        ap.error("--games must be at least 1")
    if args.cross_games < 1:
        ap.error("--cross-games must be at least 1")
    if args.level_games is None:
        args.level_games = DIFFICULTY_GAMES if args.difficulty_only else 30
    if args.level_games < 1:
        ap.error("--level-games must be at least 1")
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    if args.first_seed < 0:
        ap.error("--first-seed must be at least 0")
    paths = [Path(args.scenario)] if args.scenario else shipped_scenarios()
    out: dict = {}
    start = time.perf_counter()
    ctx = multiprocessing.get_context("fork") if sys.platform != "win32" else multiprocessing.get_context()
    pool = ctx.Pool(args.jobs) if args.jobs > 1 else None
    try:
        for path in paths:
            sc = _scenario(str(path))
            if args.difficulty_only:
                out[sc.id] = difficulty_only(str(path), args.level_games, pool, args.first_seed)
            else:
                out[sc.id] = evaluate(str(path), games, pool, args.cross_games, seeds_offset=args.first_seed,
                                     level_games=args.level_games)
    finally:
        if pool:
            pool.close()
            pool.join()
    seconds = time.perf_counter() - start
    if args.json or args.difficulty_only:
        print(json.dumps(out, indent=1))
    else:
        for name, res in out.items():
            print(_table(name, res))
        print(f"({seconds:.0f} s)")
    print(f"ai_quality: {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
