"""Which agreements are Pareto-dominated, and why the sender's ``improve`` did not replace them.

    python benchmarks/dominated.py [--scenario PATH] [--games N] [--seed S] [--level normal]

Plays N seeded games with ours in every seat and, for every agreement that another deal on the
same moves dominates for its signatories by their true values (``ai_metrics.deal_quality``), prints
who proposed it (and in answer to what), the best dominating deal (largest sum of the signatories'
true gains), each signatory's true gain for both, and, as the sender saw it when it sent the deal,
its own discounted gain and its estimates of the others for both deals, and which test of
``improve`` the dominating deal failed (not among the allowed deals: below the sender's
aspiration, a party estimated to gain nothing, excluded; or not better by the estimates).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from benchmarks.ai_metrics import EPS
from game.ai import make_agent, negotiate
from game.ai.context import Context
from game.ai.play import play_game
from game.ai.utility import values
from game.core.actions import Counter, Propose
from game.core.observe import observe
from game.core.scoring import profile_grid
from game.scenario.loader import load_scenario


def _true_gains(state, needed, rows, before):
    out = np.zeros((len(rows), len(needed)))
    for k, a in enumerate(needed):
        ctx = Context.build(observe(state, a))
        out[:, k] = values(ctx, rows, discount=False) - values(ctx, before[None, :], discount=False)[0]
    return out


def _terms(sc, row, before):
    return ", ".join(f"{jm.id}={jm.variants[int(row[i])].label}" for i, jm in enumerate(sc.joint_moves)
                     if row[i] != before[i])


def explain(sc, state, proposal, sent_obs, level: str) -> list[str] | None:
    """Lines describing a dominated agreement (None: it is not dominated)."""
    moves = {m for m, _ in proposal.terms}
    idx = [i for i, jm in enumerate(sc.joint_moves) if jm.id in moves]
    sub = profile_grid([len(sc.joint_moves[i].variants) for i in idx]).astype(np.int64)
    before = np.array([state.level(jm.id) for jm in sc.joint_moves], dtype=np.int64)
    rows = np.repeat(before[None, :], len(sub), axis=0)
    rows[:, idx] = sub
    gains = _true_gains(state, proposal.needed, rows, before)
    agreed_row = np.array([dict(proposal.terms).get(jm.id, before[i]) for i, jm in enumerate(sc.joint_moves)])
    k = int(np.flatnonzero((rows == agreed_row[None, :]).all(axis=1))[0])
    dom = (gains >= gains[k] - EPS).all(axis=1) & (gains > gains[k] + EPS).any(axis=1)
    if not dom.any():
        return None
    cand = np.flatnonzero(dom)
    d = int(cand[np.argmax(gains[cand].sum(axis=1))])
    lines = [f"turn {proposal.turn}: #{proposal.id} by {proposal.sender}"
             + (f" (counter to #{proposal.counter_of})" if proposal.counter_of is not None else "")
             + f" to {', '.join(proposal.to)}: {_terms(sc, agreed_row, before)}",
             f"  dominated by: {_terms(sc, rows[d], before)}",
             "  true gains (agreed -> dominating): " + ", ".join(
                 f"{a} {gains[k, j]:+.4f} -> {gains[d, j]:+.4f}" for j, a in enumerate(proposal.needed))]
    if sent_obs is None:
        lines.append("  (the sender's observation was not recorded)")
        return lines
    ctx = Context.build(sent_obs)
    style = negotiate.STYLES[level]
    deals = negotiate.evaluate(ctx, style)
    find = {tuple(p): i for i, p in enumerate(deals.profiles.tolist())}
    ia, idd = find.get(tuple(agreed_row.tolist())), find.get(tuple(rows[d].tolist()))
    if ia is None or idd is None:
        lines.append("  the dominating deal is not among the sender's candidates")
        return lines
    excluded = negotiate._excluded(ctx, deals)
    cols = [ctx.actor_index[a] for a in proposal.needed]
    lines.append("  sender's view (agreed -> dominating): own g "
                 f"{deals.g[ia]:+.4f} -> {deals.g[idd]:+.4f} (asp {deals.asp[idd]:+.4f}), estimates "
                 + ", ".join(f"{a} {deals.est[ia, c]:+.4f} -> {deals.est[idd, c]:+.4f}"
                             for a, c in zip(proposal.needed, cols) if a != ctx.me))
    why = []
    if not deals.mine[idd]:
        why.append("below the sender's aspiration or floor (mine)")
    if not deals.theirs[idd]:
        why.append("a party estimated to gain too little (theirs)")
    if excluded[idd]:
        why.append("excluded (offered or refused this turn, or overlaps an open offer)")
    est_a, est_d = deals.est[ia, cols], deals.est[idd, cols]
    if not ((est_d >= est_a - 1e-9).all() and (est_d > est_a + 1e-4).any()):
        worse = [a for a, x, y in zip(proposal.needed, est_a, est_d) if y < x - 1e-9]
        why.append("not better by the sender's estimates (worse for " + ", ".join(worse) + ")")
    if deals.u[idd] < deals.g[idd] - 1e-9 or deals.g[idd] < deals.g[ia]:
        why.append(f"trust discount: own undiscounted {deals.u[ia]:+.4f} -> {deals.u[idd]:+.4f}")
    lines.append("  improve did not find it: " + ("; ".join(why) if why else "it should have (a bug)"))
    return lines


def run(path: str, games: int, seed: int, level: str) -> int:
    sc = load_scenario(path)
    agents = {a: make_agent("ours", level) for a in sc.actor_ids}
    total = dominated = 0
    for s in range(seed, seed + games):
        sent: dict[int, object] = {}
        found: list[list[str]] = []

        def on_step(step, sent=sent, found=found):
            nonlocal total
            if isinstance(step.action, (Propose, Counter)):
                sent[step.before.next_proposal] = step.obs
            for entry in step.entries:
                if entry.kind == "agreement":
                    total += 1
                    p = step.after.proposal(int(entry.ref))
                    lines = explain(sc, step.before, p, sent.get(p.id), level)
                    if lines:
                        found.append(lines)

        play_game(sc, s, agents, on_step=on_step)
        for lines in found:
            dominated += 1
            print(f"seed {s}, " + "\n".join(lines))
    print(f"{dominated} of {total} agreements dominated ({games} games, seeds {seed}-{seed + games - 1})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="scenarios/syria_2017_07.yaml")
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--level", default="normal", choices=sorted(negotiate.STYLES))
    args = ap.parse_args(argv)
    return run(args.scenario, args.games, args.seed, args.level)


if __name__ == "__main__":
    raise SystemExit(main())
