"""A game in progress: the scenario, the seed, the seats and the actions so far.

The session is the imperative shell around the rules. It keeps the one seeded generator, asks
computer seats for their actions, lets a human take back their last action within a phase,
and saves and loads games (``game.saves``). Everything it shows a seat comes from
``observe``; the full state stays inside.

A game is its scenario, its seed and its action list: loading a save replays the actions.
Computer actors get a generator of their own for each decision, derived from the seed and the
step, so that replaying recorded actions never needs them again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from game.core import facilitator
from game.core.actions import FACILITATOR_ACTIONS, Action, EndPhase, HandSeat, Rollback
from game.core.errors import IllegalActionError
from game.core.model import Scenario
from game.core.observe import Observation, glance, observe
from game.core.resolve import ending_of
from game.core.rules import apply, check, move_available, new_game
from game.core.scoring import NashDeal, nash_deal, scores, shared_outcome
from game.core.seeding import LazyGenerator
from game.core.state import LogEntry, State

Kind = Literal["human", "computer"]


@dataclass(frozen=True)
class Seat:
    actor: str
    kind: Kind = "computer"
    level: str = "normal"  # the computer's difficulty
    agent: str = "ours"  # which computer actor: ours or a baseline


def agent_for(seat: Seat):
    """The computer actor for a seat (imported late: the AI is only needed when one plays)."""
    from game.ai import make_agent

    return make_agent(seat.agent, seat.level)


def decision_rng(seed: int, step: int) -> np.random.Generator:
    """The generator a computer actor gets for the decision at this step of the game:
    np.random.default_rng([seed, step, 7]), made only if the actor draws from it."""
    return LazyGenerator(seed, step, 7)  # type: ignore[return-value]  (it acts as the Generator it makes)


class Session:
    """One game: apply human actions, run computer seats, undo, and replay."""

    def __init__(self, scenario: Scenario, seed: int, seats: dict[str, Seat] | None = None,
                 agent_factory: Callable[[Seat], object] = agent_for) -> None:
        if not 0 <= seed < 2**63:
            raise ValueError("the seed must be a whole number from 0 to 2**63 - 1")
        self.scenario = scenario
        self.seed = seed
        self.seats = {a: (seats or {}).get(a, Seat(a)) for a in scenario.actor_ids}
        for actor, seat in self.seats.items():
            if seat.kind == "human" and not scenario.actor(actor).playable:
                raise ValueError(f"{scenario.actor(actor).name} is not a playable seat")
        self._agent_factory = agent_factory
        self._agents: dict[str, object] = {}
        self.rng = np.random.default_rng(seed)
        self.state: State = new_game(scenario, seed, self.rng)
        self.actions: list[Action] = []
        # snapshots for undo: (state, generator state) before each action of the current phase
        self._undo: list[tuple[State, dict, int]] = []
        self.rollbacks: list[int] = []  # the index in ``actions`` of each rollback: a branch ends before it

    # ------------------------------------------------------------------ reading
    @property
    def to_move(self) -> str | None:
        return self.state.to_move

    @property
    def over(self) -> bool:
        return self.state.phase == "over"

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def step(self) -> int:
        """How many actions the game has had."""
        return self.state.step

    def why_unavailable(self, actor: str, move: str) -> str | None:
        """Why a unilateral move is not open to an actor now, or None if it is."""
        return move_available(self.state, actor, move)

    def set_seat(self, seat: Seat) -> None:
        """Hand a seat to a person or the computer (e.g. when loading an all-computer save)."""
        if seat.kind == "human" and not self.scenario.actor(seat.actor).playable:
            raise ValueError(f"{self.scenario.actor(seat.actor).name} is not a playable seat")
        self.seats[seat.actor] = seat
        self._agents.pop(seat.actor, None)

    def is_human(self, actor: str | None) -> bool:
        """Whether a person plays this seat now (not while the computer stands in after "advance now")."""
        return (actor in self.seats and self.seats[actor].kind == "human"
                and actor not in facilitator.stand_in(self.state))

    @property
    def paused(self) -> bool:
        return self.state.console.paused

    @property
    def humans(self) -> list[str]:
        return [a for a in self.scenario.actor_ids if self.seats[a].kind == "human"]

    def observe(self, actor: str) -> Observation:
        return observe(self.state, actor)

    def scores(self) -> dict[str, float]:
        return scores(self.state)

    def shared_outcome(self) -> float:
        return shared_outcome(self.state)

    def nash(self) -> NashDeal:
        """The deal that was open to all (rule 7.3), judged with the stances the scores use now."""
        return nash_deal(self.state)

    def ending(self):
        return ending_of(self.state)

    # ------------------------------------------------------------------ acting
    def submit(self, action: Action, checked: bool = False) -> list[LogEntry]:
        """Apply an action (a human's, or a recorded one); IllegalActionError if it is not legal
        (``apply`` checks it before it changes anything, unless ``checked``: it was just checked
        on this very state, as ``step_computer`` does)."""
        if isinstance(action, FACILITATOR_ACTIONS):
            return self._facilitate(action)
        phase_key = (self.state.turn, self.state.phase, self.state.round)
        human = self.is_human(action.actor)  # only a human's action can be undone: snapshot only then
        snapshot = (self.state, self.rng.bit_generator.state, len(self.actions)) if human else None
        self.state, entries = apply(self.state, action, self.rng, checked)
        self.actions.append(action)
        if (self.state.turn, self.state.phase, self.state.round) != phase_key or isinstance(action, EndPhase):
            self._undo.clear()  # what others have seen cannot be taken back
        elif human:
            self._undo.append(snapshot)
        return entries

    def _facilitate(self, action: Action) -> list[LogEntry]:
        """Apply a facilitator's action (rules 10.x); what seats did before it can no longer be undone."""
        self.state, entries = apply(self.state, action, self.rng)
        self.actions.append(action)
        self._undo.clear()
        if isinstance(action, HandSeat):
            old = self.seats[action.seat]
            self.set_seat(Seat(action.seat, action.player, action.skill, old.agent))
        elif isinstance(action, Rollback):
            self.rollbacks.append(len(self.actions) - 1)
        return entries

    def branches(self) -> list[Session]:
        """Each branch a rollback left behind, as the session it was just before the rollback
        (oldest first); the session itself is the last branch."""
        return [Session.replay(self.scenario, self.seed, dict(self.seats), self.actions[:i], self._agent_factory)
                for i in self.rollbacks]

    def agent(self, actor: str):
        if actor not in self._agents:
            self._agents[actor] = self._agent_factory(self.seats[actor])
        return self._agents[actor]

    def computer_action(self) -> Action | None:
        """What the computer seat to move would do now (None if a human or nobody is to move).

        Pure with respect to the session: the caller may compute it in a worker thread and
        then ``submit`` it.
        """
        found = self._computer_action()
        return None if found is None else found[0]

    def _computer_action(self) -> tuple[Action, bool] | None:
        """computer_action(), and whether it was checked on this state (not the fallback)."""
        actor = self.to_move
        if actor is None or self.is_human(actor) or self.paused:
            return None
        agent = self.agent(actor)
        # an agent that reads only whose turn it is and the legal actions (random play) gets just those;
        # one that reads none of the legal actions, the score and the change records (ours) a lean observation
        if getattr(agent, "glance", False):
            obs = glance(self.state, actor)
        else:
            obs = observe(self.state, actor, lean=getattr(agent, "lean", False))
        action = agent.decide(obs, decision_rng(self.seed, self.state.step))
        try:
            check(self.state, action)
        except IllegalActionError:  # a computer actor must never stall the game
            return EndPhase(actor, "has nothing more to say"), False
        return action, True

    def step_computer(self) -> tuple[Action, list[LogEntry]] | None:
        """Let the computer seat to move act once."""
        found = self._computer_action()
        if found is None:
            return None
        action, checked = found
        return action, self.submit(action, checked)  # not checked twice on the same state

    def run_computers(self, max_steps: int = 100_000) -> list[LogEntry]:
        """Let computer seats act until a human is to move or the game ends."""
        entries: list[LogEntry] = []
        for _ in range(max_steps):
            done = self.step_computer()
            if done is None:
                break
            entries += done[1]
        return entries

    # ------------------------------------------------------------------ undo
    def can_undo(self) -> bool:
        """Whether a human's last action in this phase can be taken back."""
        return bool(self._undo) and self.is_human(self.actions[-1].actor)

    def undo(self) -> Action | None:
        """Take back the last human action of the current phase; the action, or None."""
        if not self.can_undo():
            return None
        state, rng_state, count = self._undo.pop()
        undone = self.actions[count]
        self.state = state
        self.rng.bit_generator.state = rng_state
        del self.actions[count:]
        return undone

    # ------------------------------------------------------------------ replay
    @classmethod
    def replay(cls, scenario: Scenario, seed: int, seats: dict[str, Seat] | None, actions: list[Action],
               agent_factory: Callable[[Seat], object] = agent_for) -> Session:
        """The session after the given actions; IllegalActionError (with the action's index) if one is
        not legal where it falls."""
        session = cls(scenario, seed, seats, agent_factory)
        for i, action in enumerate(actions):
            try:
                session.submit(action)
            except IllegalActionError as err:
                raise IllegalActionError(f"action {i + 1} of {len(actions)}: {err}") from None
        session._undo.clear()
        return session
