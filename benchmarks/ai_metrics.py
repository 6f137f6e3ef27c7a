"""Figures of one game for benchmarks/ai_quality.py: how good each deal is, and how consistent the actors are.

- ``deal_quality``: for an agreement, the ratio of its Nash product (the product of its
  signatories' gains over their no-deal values, by their true values without the trust discount)
  to the best Nash product of any deal on the same moves, and whether another deal on those moves
  would have left every signatory at least as well off and one better off (Pareto domination);
  with the same two figures averaged over every deal on those moves that changes each of them and
  leaves no signatory below no deal, as a random deal's reference; and whether it is dominated by
  the signatories' expected values (each changed move discounted by their trust that the others
  keep their duties, as the actors themselves weigh a deal: rule 8.2), and its Nash ratio so weighed.
- ``model_error``: how far each level's estimate of where the others' ideals lie is from the truth
  (the mean distance in levels, as a share of each move's span, over the stances the others hold);
- ``Watch``: follows a game step by step and counts ``contradictions`` (a reason followed by a
  deed it rules out, unless the deed's reason names news that came since, as rule 8.3 allows) and ``repeat_refused`` (a deal re-sent by its sender after it was refused,
  with nothing changed since), and the proposals made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from game.ai.context import Context
from game.ai.utility import terms_gain, values
from game.core.actions import Accept, Propose, Reject, make_terms
from game.core.actions import Counter as CounterAction
from game.core.observe import observe
from game.core.scoring import profile_grid

EPS = 1e-6
SLACK = 0.005  # a change of own value smaller than this is no reversal of preference
RESEND_TURNS = 1  # turns after a refusal from which the calendar's pressure counts as a change


@dataclass(frozen=True)
class DealQuality:
    nash_ratio: float | None  # None: no deal on these moves gives every signatory a gain
    dominated: bool
    random_ratio: float | None
    random_dominated: float | None  # share of the random reference deals that are dominated
    dominated_expected: bool = False  # dominated when each signatory's trust is priced as a chance
    nash_ratio_expected: float | None = None  # nash_ratio with the same pricing of trust


def _products(gains: np.ndarray) -> np.ndarray:
    return np.prod(np.maximum(gains, 0.0), axis=1)


def dominated_rows(gains: np.ndarray) -> np.ndarray:
    """For each row of gains (P, N): whether another row is at least as good for all and better for one."""
    ge = (gains[None, :, :] >= gains[:, None, :] - EPS).all(axis=2)
    gt = (gains[None, :, :] > gains[:, None, :] + EPS).any(axis=2)
    return (ge & gt).any(axis=1)


def judge_deal(gains: np.ndarray, agreed: int, full: np.ndarray) -> DealQuality:
    """The figures for row ``agreed`` of gains (P, N) among all deals on the same moves; ``full`` (P,)
    marks the rows that change every one of those moves (the random reference)."""
    prod = _products(gains)
    best = float(prod.max())
    dom = dominated_rows(gains)
    ratio = float(prod[agreed] / best) if best > EPS else None
    ref = full & (gains >= -EPS).all(axis=1)
    r_ratio = float((prod[ref] / best).mean()) if best > EPS and ref.any() else None
    r_dom = float(dom[ref].mean()) if ref.any() else None
    return DealQuality(ratio, bool(dom[agreed]), r_ratio, r_dom)


def deal_quality(state, proposal) -> DealQuality:
    """The figures of an agreement on ``proposal``, reached from ``state`` (the state just before)."""
    sc = state.scenario
    moves = {m for m, _ in proposal.terms}
    idx = [i for i, jm in enumerate(sc.joint_moves) if jm.id in moves]
    sizes = [len(sc.joint_moves[i].variants) for i in idx]
    sub = profile_grid(sizes).astype(np.int64)
    before = np.array([state.level(jm.id) for jm in sc.joint_moves], dtype=np.int64)
    rows = np.repeat(before[None, :], len(sub), axis=0)
    rows[:, idx] = sub
    gains = np.zeros((len(sub), len(proposal.needed)))
    expected = np.zeros_like(gains)  # the same with the trust discount: what the signatories can count on
    for k, a in enumerate(proposal.needed):
        ctx = Context.build(observe(state, a))
        gains[:, k] = values(ctx, rows, discount=False) - values(ctx, before[None, :], discount=False)[0]
        expected[:, k] = values(ctx, rows, discount=True) - values(ctx, before[None, :], discount=True)[0]
    agreed_levels = np.array([dict(proposal.terms)[sc.joint_moves[i].id] for i in idx])
    agreed = int(np.flatnonzero((sub == agreed_levels[None, :]).all(axis=1))[0])
    full = (sub != before[idx][None, :]).all(axis=1)
    out = judge_deal(gains, agreed, full)
    prod = _products(expected)
    ratio = float(prod[agreed] / prod.max()) if prod.max() > EPS else None
    return replace(out, dominated_expected=bool(dominated_rows(expected)[agreed]), nash_ratio_expected=ratio)


def model_error(state, obs) -> dict[str, float] | None:
    """Per level: the mean distance, as a share of each move's span, between the estimated ideal of each
    other actor on each joint move it holds a stance on and its true ideal (None: no such stance)."""
    from game.ai.beliefs import estimated_ideals, others

    ctx = Context.build(obs)
    ids = others(ctx)
    true = np.full((len(ids), len(ctx.moves)), np.nan)
    for j, a in enumerate(ids):
        for m, jm in enumerate(ctx.moves):
            st = state.stances[a].get(jm.id)
            if st is not None:
                true[j, m] = st.ideal
    if np.isnan(true).all():
        return None
    return {lvl: float(np.nanmean(np.abs(estimated_ideals(ctx, lvl) - true) / ctx.span[None, :]))
            for lvl in ("easy", "normal", "hard")}


_HOLDS_OUT = re.compile(r"holds out for (.+)$")
_SINCE = re.compile(r"; since .+, it asks for this")  # a change named (news since the hold-out's turn)


@dataclass
class Watch:
    """Counts, over one game, the deeds that contradict an earlier reason and the refused deals re-sent."""

    contradictions: int = 0
    repeat_refused: int = 0
    proposals: int = 0
    holdouts: list = field(default_factory=list)  # (actor, terms it said it holds out for, turn)
    refused: list = field(default_factory=list)  # (actor, terms, turn, gain then) it refused this turn

    def step(self, step) -> None:
        action, before = step.action, step.before
        if isinstance(action, (Propose, CounterAction)):
            self.proposals += 1
            self._resent(before, action.actor, action.terms)
        if isinstance(action, (Reject, CounterAction)):
            p = before.proposal(action.proposal)
            self._rejected(step, action, p)
        if isinstance(action, (Accept, Propose, CounterAction)):
            terms = before.proposal(action.proposal).terms if isinstance(action, Accept) else action.terms
            self._reversal(step, action.actor, terms)

    def _resent(self, state, actor: str, terms) -> None:
        """A deal its sender offered before and someone refused, with the same levels in force, the
        refusers' stated positions unchanged and too little time gone for the calendar to count."""
        for p in state.proposals:
            if p.sender != actor or p.terms != terms or state.turn - p.turn >= RESEND_TURNS:
                continue
            refusers = [a for a, ans in p.answers if ans != "accept" and a in p.needed]
            same_words = all(dict(state.public[a]) == then for a, then in self._public_then.get(p.id, {}).items()
                             if a in refusers)
            if refusers and same_words and self._levels_then.get(p.id) == _levels(state):
                self.repeat_refused += 1
                return

    def _rejected(self, step, action, p) -> None:
        state, actor = step.before, action.actor
        if actor not in p.needed:
            return
        turn = state.turn
        # it said it holds out for exactly this, and refuses it, without naming news that came since
        named = turn > 0 and _SINCE.search(action.reason or "") is not None
        for who, terms, t in self.holdouts:
            if who == actor and terms == p.terms and turn - t <= 1 and not (named and t < turn) \
                    and self._held_levels.get((who, terms)) == _levels(state):
                self.contradictions += 1
                break
        ctx = Context.build(step.obs)
        self.refused.append((actor, p.terms, turn, _levels(state), terms_gain(ctx, p.terms, discount=True)))
        m = _HOLDS_OUT.search(action.reason or "")
        if m:
            wanted = _holdout_terms(state, p.terms, m.group(1))
            if wanted is not None:
                self.holdouts.append((actor, wanted, turn))
                self._held_levels[(actor, wanted)] = _levels(state)

    def _reversal(self, step, actor: str, terms) -> None:
        """Accepting or offering, in the turn it refused a deal and with nothing in force changed, a deal
        on the same moves worth less to it than the one it refused."""
        state = step.before
        ctx = None
        moves = {m for m, _ in terms}
        for who, old, turn, levels, _ in self.refused:
            if who != actor or turn != state.turn or levels != _levels(state) or old == terms \
                    or {m for m, _ in old} != moves:
                continue
            ctx = ctx or Context.build(step.obs)
            if terms_gain(ctx, terms, discount=True) < terms_gain(ctx, old, discount=True) - SLACK:
                self.contradictions += 1
                return

    def remember(self, state) -> None:
        """Called after each step: what was in force and publicly stated when each proposal was made."""
        for p in state.proposals:
            if p.id not in self._levels_then:
                self._levels_then[p.id] = _levels(state)
                self._public_then[p.id] = {a: dict(state.public[a]) for a in p.to}

    def __post_init__(self) -> None:
        self._levels_then: dict[int, tuple] = {}
        self._public_then: dict[int, dict] = {}
        self._held_levels: dict[tuple, tuple] = {}


def _levels(state) -> tuple:
    return tuple(state.level(jm.id) for jm in state.scenario.joint_moves)


def _holdout_terms(state, terms, label: str):
    """The refused terms with the move whose variant is named ``label`` set to that variant."""
    label = label.rstrip(".…")
    for move, lvl in terms:
        jm = next(j for j in state.scenario.joint_moves if j.id == move)
        for k, v in enumerate(jm.variants):
            if v.label == label and k != lvl:
                return make_terms({**dict(terms), move: k})
    return None
