"""Random playthroughs of every shipped scenario, with the engine's invariants checked after every step.

Seats pick random legal actions with a seeded generator (ending phases often, so games finish),
answer proposals, and now and then send a multi-move deal built by hand and checked with
``check``. After every step the invariants of docs/rules.md are checked: bounds (5.5, 5.6),
consent (3.4), causes (5.7), the calendar (6.2), scores (7.1, 7.2) and what each seat may see
(1.2). Determinism (1.4) is checked by replaying recorded action lists.

The default run plays 100 games per shipped scenario; ``pytest -m slow`` plays many more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from game.core.actions import (
    Accept,
    Action,
    Counter,
    EndPhase,
    Propose,
    Reject,
    SetCompliance,
    make_terms,
)
from game.core.errors import IllegalActionError
from game.core.model import Actor, Scenario, Stance
from game.core.observe import HIDDEN_CAUSE, Estimate, Observation, observe
from game.core.personality import this_game
from game.core.resolve import CAPITAL_MAX
from game.core.rules import apply, check, legal_actions, needed_parties, new_game
from game.core.scoring import score, shared_outcome
from game.core.state import Change, LogEntry, Note, Orders, Proposal, State, TrustShift
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario
from tests.core.scenarios import fingerprint

SHIPPED = {path.stem: load_scenario(path) for path in shipped_scenarios()}
NAMES = sorted(SHIPPED)
GAMES_PER_SCENARIO = 100
SLOW_GAMES_PER_SCENARIO = 1000
MAX_STEPS = 20_000


# ---------------------------------------------------------------------------------------------
# a random seat


def random_terms(sc: Scenario, pick: np.random.Generator) -> tuple[tuple[str, int], ...]:
    """One to three joint moves, each at a random level."""
    count = int(pick.integers(1, min(3, len(sc.joint_moves)) + 1))
    chosen = pick.choice(len(sc.joint_moves), size=count, replace=False)
    return make_terms(
        {sc.joint_moves[j].id: int(pick.integers(len(sc.joint_moves[j].variants))) for j in sorted(chosen)}
    )


def random_deal(state: State, actor: str, pick: np.random.Generator) -> Action | None:
    """A hand-made deal over one or more moves, to its needed parties (and maybe one more), if legal."""
    sc = state.scenario
    terms = random_terms(sc, pick)
    to = [a for a in needed_parties(sc, terms) if a != actor]
    others = [a for a in sc.actor_ids if a != actor and a not in to]
    if others and (not to or pick.random() < 0.2):
        to.append(others[int(pick.integers(len(others)))])
    open_to_me = [
        p for p in state.proposals if p.status == "open" and actor in p.to and p.answer_of(actor) is None
    ]
    action: Action
    if open_to_me and pick.random() < 0.3:
        action = Counter(actor, open_to_me[int(pick.integers(len(open_to_me)))].id, terms)
    else:
        action = Propose(actor, tuple(a for a in sc.actor_ids if a in to), terms)
    try:
        check(state, action)
    except IllegalActionError:
        return None
    return action


def choose(state: State, pick: np.random.Generator) -> Action:
    """A random action for the seat to move, biased toward ending the phase."""
    actor = state.to_move
    assert actor is not None
    legal = legal_actions(state, actor)
    r = pick.random()
    answers = [x for x in legal if isinstance(x, (Accept, Reject))]
    if answers and (state.phase == "answers" or r < 0.3):
        accepts = [x for x in answers if isinstance(x, Accept)]
        return (
            accepts[int(pick.integers(len(accepts)))]
            if pick.random() < 0.6
            else answers[int(pick.integers(len(answers)))]
        )
    if r < 0.45:
        return EndPhase(actor)
    if state.phase == "diplomacy" and state.budget[actor] > 0 and r < 0.6:
        deal = random_deal(state, actor, pick)
        if deal is not None:
            return deal
    if state.phase == "actions" and r < 0.7:
        breaks = [x for x in legal if isinstance(x, SetCompliance)]
        if breaks:
            return breaks[int(pick.integers(len(breaks)))]
    return legal[int(pick.integers(len(legal)))]


# ---------------------------------------------------------------------------------------------
# invariants


def values_in(obj: Any) -> Iterator[Any]:
    """Every value inside obj (dataclasses, maps, sequences and sets opened), obj included."""
    stack = [obj]
    while stack:
        value = stack.pop()
        yield value
        kind = type(value)
        if kind in (str, int, float, bool, type(None)):
            continue
        names = getattr(kind, "__dataclass_fields__", None)
        if names is not None:
            stack.extend(getattr(value, n) for n in names)
        elif kind is dict:
            stack.extend(value)
            stack.extend(value.values())
        elif kind in (tuple, list, frozenset, set):
            stack.extend(value)


# Fields of an observation not walked value by value: the scenario's public definition (the same
# for everyone), plain maps of ids to numbers, and the records checked one by one instead.
NOT_WALKED = {
    "rules",
    "indicators",
    "joint_moves",
    "unilateral_moves",
    "series",
    "legal",
    "values",
    "env",
    "levels",
    "me",
    "log",
    "changes",
    "trust_changes",
    "notes",
    "proposals",
    "estimates",
}
WALKED = tuple(f.name for f in dataclasses.fields(Observation) if f.name not in NOT_WALKED)


def others_secrets(sc: Scenario) -> dict[str, set[str]]:
    """For each actor, the other actors' private brief texts that its own brief does not share."""
    texts = {a.id: set(a.objectives) | set(a.red_lines) for a in sc.actors}
    return {a: set().union(*(texts[b] for b in sc.actor_ids if b != a)) - texts[a] for a in sc.actor_ids}


def check_observation(
    state: State,
    actor: str,
    obs: Observation,
    secrets: dict[str, set[str]],
    changes_from: int = 0,
    walk: bool = True,
) -> None:
    """What one seat sees holds nothing private to anyone else (rule 1.2).

    ``secrets`` maps each actor to the private texts of the others; records of changes before
    ``changes_from`` were checked at an earlier step; ``walk``: open every other value too.
    """
    sc = state.scenario
    # its own record as the scenario has it, with this game's personality (rule 8.6)
    mine = dataclasses.replace(sc.actor(actor), personality=this_game(sc.actor(actor), state.seed))
    assert obs.actor == actor and obs.me.id == actor and obs.me == mine
    assert obs.stances == state.stances[actor] and obs.capital == state.capital[actor]
    assert obs.trust == state.trust[actor]
    for view in obs.actors:
        assert view.trust_in_you == (100.0 if view.id == actor else state.trust[view.id][actor])
    assert all(n.sender == actor or n.to == actor for n in obs.notes)
    assert all(actor in p.visible_to() for p in obs.proposals)
    assert all(e.visible is None or actor in e.visible for e in obs.log)
    assert all(actor in (t.actor, t.toward) for t in obs.trust_changes)
    assert len(obs.changes) == len(state.changes)
    for mine, real in zip(obs.changes[changes_from:], state.changes[changes_from:], strict=True):
        assert (mine.indicator, mine.before, mine.after) == (real.indicator, real.before, real.after)
        if real.visible is not None and actor not in real.visible:
            assert mine.cause == HIDDEN_CAUSE
    assert all(x.actor == actor for x in obs.legal)
    orders = state.orders.get(actor)
    assert obs.move_choice == (orders.move if orders else None)
    # estimates come from what the seat saw, never from the others' private stances
    told = {(n.sender, n.move, n.level) for n in obs.notes if n.to == actor}
    offered = {(p.sender, m, lvl) for p in obs.proposals if actor in p.to for m, lvl in p.terms}
    for other, row in obs.estimates.items():
        assert other != actor
        for move, est in row.items():
            assert isinstance(est, Estimate)
            if est.basis == "statement":
                assert est.level == state.public[other][move]
            elif est.basis == "message":
                assert (other, move, est.level) in told
            else:
                assert est.basis == "proposal" and (other, move, est.level) in offered
    assert 0.0 <= obs.score <= 100.0
    if not walk:
        return
    # every other value: no one else's record, stance, orders or brief anywhere
    own_stances = set(map(id, state.stances[actor].values()))
    secret = secrets[actor]
    for name in WALKED:
        for value in values_in(getattr(obs, name)):
            kind = type(value)
            if kind is str:
                assert value not in secret, (name, value)
            elif kind is Stance:
                assert id(value) in own_stances, (name, value)
            elif kind is Note:
                assert actor in (value.sender, value.to), (name, value)
            elif kind is Proposal:
                assert actor in value.visible_to(), (name, value)
            elif kind in (Actor, Orders, LogEntry, Change, TrustShift):
                raise AssertionError(f"{kind.__name__} found in the observation's {name}: {value}")


class Tracker:
    """What the invariants carry from step to step."""

    def __init__(self, state: State) -> None:
        sc = state.scenario
        self.values = {i.id: float(i.start) for i in sc.indicators}
        self.trust = {a.id: {b: float(v) for b, v in a.trust.items() if b != a.id} for a in sc.actors}
        self.changes = 0
        self.trust_changes = 0
        self.accepted: set[tuple[str, int]] = set()
        self.secrets = others_secrets(sc)
        self.steps = 0
        self.catch_up(state)

    def catch_up(self, state: State) -> None:
        """Follow the records of changes: each starts where the one before it ended (rule 5.7)."""
        for change in state.changes[self.changes :]:
            assert change.before == self.values[change.indicator], change
            assert change.turn == state.turn or change.turn == state.turn - 1 or state.phase == "over"
            assert change.cause.kind in ("agreement", "violation", "move", "outcome", "event")
            self.values[change.indicator] = change.after
        self.changes = len(state.changes)
        assert self.values == state.indicators
        for shift in state.trust_changes[self.trust_changes :]:
            assert shift.before == self.trust[shift.actor][shift.toward], shift
            self.trust[shift.actor][shift.toward] = shift.after
        self.trust_changes = len(state.trust_changes)
        assert self.trust == state.trust


def check_agreements(state: State, tracker: Tracker) -> None:
    """No agreement without every needed party's consent (rule 3.4)."""
    sc = state.scenario
    for move, agreement in state.agreements.items():
        jm = sc.joint_move(move)
        parties = tuple(a for a in jm.consent_for(agreement.level) if not (jm.parallel and sc.actor(a).mediator))
        assert agreement.move == move and agreement.parties == parties  # 9.2: the variant's parties too
        assert 0 <= agreement.level < len(jm.variants)
        if agreement.proposal is None:
            assert agreement.since == 0 and sc.in_force.get(move) == agreement.level
            continue
        p = state.proposal(agreement.proposal)
        assert p is not None and p.status == "agreed"
        assert (move, agreement.level) in p.terms and agreement.level != jm.status_quo
        if jm.parallel:  # 9.3: every party signed the variant, each in a deal of its own with a mediator
            signers = {a for group in agreement.signed for a in group}
            assert signers >= set(parties) and agreement.mediators
            assert set(p.needed) == {p.sender, *p.to} and set(p.needed) <= set(p.accepted_by())
            assert agreement.since == p.turn
            continue
        assert p.needed == needed_parties(sc, p.terms) and set(parties) <= set(p.needed)
        assert set(p.needed) <= set(p.accepted_by())
        for who in p.accepted_by()[1:]:
            assert who in p.to and (who, p.id) in tracker.accepted
        assert agreement.since == p.turn


def check_state(
    prev: State,
    before: tuple,
    state: State,
    action: Action,
    entries: list,
    tracker: Tracker,
    watched: tuple[str, ...],
) -> None:
    """The invariants after one step; ``watched`` are the seats whose observations are checked."""
    sc = state.scenario
    assert _cheap_snapshot(prev) == before, "apply changed the state it was given"
    assert state.log[: len(prev.log)] == prev.log and list(state.log[len(prev.log) :]) == entries
    assert state.step == prev.step + 1
    # 5.5 bounds, 5.6 capital, 3.2 budget
    for ind in sc.indicators:
        assert ind.min <= state.indicators[ind.id] <= ind.max
    for row in state.trust.values():
        assert all(0.0 <= v <= 100.0 for v in row.values())
    assert all(0 <= c <= CAPITAL_MAX for c in state.capital.values())
    assert all(0 <= b <= sc.rules.diplomatic_actions for b in state.budget.values())
    tracker.catch_up(state)
    if isinstance(action, Accept):
        tracker.accepted.add((action.actor, action.proposal))
    check_agreements(state, tracker)
    # 6.2 the calendar
    assert 1 <= state.turn <= sc.turns
    assert len(state.series) == state.turn + (1 if state.phase == "over" else 0)
    if state.phase == "over":
        assert state.ending is not None and state.queue == () and state.to_move is None
    else:
        assert state.ending is None and state.to_move in sc.actor_ids
    # 7.1, 7.2 scores (they read only levels, stances and indicators)
    if (state.agreements, state.stances, state.indicators) != (
        prev.agreements,
        prev.stances,
        prev.indicators,
    ):
        for a in sc.actor_ids:
            assert 0.0 <= score(state, a) <= 100.0
        assert 0.0 <= shared_outcome(state) <= 100.0
    # 1.2 what each seat sees (every value opened for the seat that acted)
    for a in watched:
        check_observation(
            state,
            a,
            observe(state, a),
            tracker.secrets,
            len(prev.changes),
            walk=a == action.actor or len(watched) == len(sc.actor_ids),
        )


def _cheap_snapshot(state: State) -> tuple:
    return (
        state.step,
        state.turn,
        state.phase,
        state.round,
        state.queue,
        len(state.log),
        len(state.changes),
        len(state.proposals),
        tuple(state.indicators.items()),
        tuple(state.budget.items()),
        tuple(state.capital.items()),
        tuple((a, tuple(r.items())) for a, r in state.trust.items()),
        tuple(state.agreements.items()),
        tuple((a, o.move, o.breaks, o.done, o.reasons) for a, o in state.orders.items()),
        tuple((a, tuple(s.items())) for a, s in state.stances.items()),
    )


def watched_seats(prev: State, state: State, action: Action, every_seat: bool) -> tuple[str, ...]:
    """Whose observation to check after a step: every seat, or (to keep the default run fast) every
    seat when a phase or round ends and otherwise the seat that acted.

    What a seat sees either lasts (the log, proposals, notes, changes: checked for every seat at
    the end of each phase) or lasts a phase (orders: seats choose in seat order, so each seat's
    check after its own choice sees the orders of the seats before it)."""
    ids = state.scenario.actor_ids
    if every_seat or (prev.turn, prev.phase, prev.round) != (state.turn, state.phase, state.round):
        return ids
    return (action.actor,)


def playthrough(
    sc: Scenario, seed: int, check_every_step: bool = True, every_seat: bool = False
) -> tuple[State, list[Action]]:
    """A random game of a scenario; the invariants are checked after every step."""
    rng = np.random.default_rng(seed)
    pick = np.random.default_rng([seed, 1])
    state = new_game(sc, seed, rng)
    tracker = Tracker(state)
    actions: list[Action] = []
    for _ in range(MAX_STEPS):
        if state.phase == "over":
            break
        action = choose(state, pick)
        actions.append(action)
        before = _cheap_snapshot(state)
        new, entries = apply(state, action, rng)
        if check_every_step:
            check_state(
                state, before, new, action, entries, tracker, watched_seats(state, new, action, every_seat)
            )
        state = new
    assert state.phase == "over", "the game did not end"
    for a in sc.actor_ids:  # the whole record once more, as each seat sees it at the debrief
        check_observation(state, a, observe(state, a), tracker.secrets)
    return state, actions


# ---------------------------------------------------------------------------------------------
# tests


@pytest.mark.parametrize("name", NAMES)
def test_random_playthroughs_keep_every_invariant(name: str) -> None:
    """Random legal play of every shipped scenario keeps the rules' invariants at every step."""
    sc = SHIPPED[name]
    endings = set()
    agreed = 0
    for seed in range(GAMES_PER_SCENARIO):
        state, _ = playthrough(sc, seed)
        endings.add(state.ending)
        agreed += any(a.proposal is not None for a in state.agreements.values()) or any(
            p.status == "agreed" for p in state.proposals
        )
    # the random seats exercise the engine, not only EndPhase: deals are made and games end variously
    assert agreed > 0
    assert len(endings) >= 1


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_many_random_playthroughs_keep_every_invariant(name: str, request: pytest.FixtureRequest) -> None:
    """The long form of the random playthroughs (run with ``pytest -m slow``)."""
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("a long stress run: select it with -m slow")
    sc = SHIPPED[name]
    for seed in range(GAMES_PER_SCENARIO, GAMES_PER_SCENARIO + SLOW_GAMES_PER_SCENARIO):
        playthrough(sc, seed, every_seat=True)


@pytest.mark.parametrize("name", NAMES)
def test_same_scenario_seed_and_actions_give_identical_games(name: str) -> None:
    """1.4 Chance. A game is its scenario, its seed and the list of actions taken. The same three
    always give the same game."""
    sc = SHIPPED[name]
    for seed in (3, 11, 42):
        first, actions = playthrough(sc, seed, check_every_step=False)
        rng = np.random.default_rng(seed)
        again = new_game(sc, seed, rng)
        for action in actions:
            again, _ = apply(again, action, rng)
        assert fingerprint(again) == fingerprint(first)
        # a fresh copy of the scenario, read again from its file, gives the same game too
        reread = load_scenario(next(p for p in shipped_scenarios() if p.stem == name))
        rng = np.random.default_rng(seed)
        third = new_game(reread, seed, rng)
        for action in actions:
            third, _ = apply(third, action, rng)
        assert fingerprint(third) == fingerprint(first)


@pytest.mark.parametrize("name", NAMES)
def test_a_different_seed_can_give_a_different_game(name: str) -> None:
    """1.4 Chance ... comes only from the seed: the same actions under another seed may go otherwise."""
    sc = SHIPPED[name]
    first, actions = playthrough(sc, 5, check_every_step=False)
    differs = 0
    for seed in range(6, 26):
        rng = np.random.default_rng(seed)
        other = new_game(sc, seed, rng)
        try:
            for action in actions:
                other, _ = apply(other, action, rng)
        except IllegalActionError:
            differs += 1  # chance took the game elsewhere: an action was no longer legal
            continue
        differs += fingerprint(other) != fingerprint(first)
    assert differs > 0


def test_random_deals_are_built_and_checked() -> None:
    """The random seat's hand-made deals are legal multi-move proposals (a guard for the test itself)."""
    sc = SHIPPED[NAMES[0]]
    state = new_game(sc, 0, np.random.default_rng(0))
    pick = np.random.default_rng(1)
    deals = [d for d in (random_deal(state, state.to_move, pick) for _ in range(200)) if d is not None]
    assert any(len(d.terms) > 1 for d in deals)
    for deal in deals:
        check(state, deal)
