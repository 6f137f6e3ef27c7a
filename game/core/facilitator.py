"""The facilitator's actions (rules 10.x): legality and what they do.

The facilitator has no seat. Its actions are recorded in the game's action list like any seat's,
so a replay or a save reproduces them; ``game.core.rules`` sends them here.

    check(state, action)            IllegalActionError naming what is wrong (and the field), or nothing
    apply(state, new, action, rng)  the state after it (``new`` is the clone ``rules.apply`` made)

Clock-free: a deadline is a number of seconds that the window counts down; when it runs out
the window records an ``Advance``, as the facilitator's "advance now" does. Injected events
wait in ``state.console.pending`` and fire at the next news (``fire_pending``); rollback
returns to a ``TurnStart`` that ``record_start`` kept at the start of each turn.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass

import numpy as np

from game.core import resolve
from game.core.actions import (
    MAX_EFFECT_TEXT,
    MAX_EFFECTS,
    MAX_HEADLINE,
    MAX_SECONDS,
    Action,
    Advance,
    HandSeat,
    Inject,
    Pause,
    Resume,
    Reveal,
    Rollback,
    SetDeadline,
)
from game.core.errors import ExpressionError, IllegalActionError
from game.core.expr import Effect, compile_effect
from game.core.model import RESERVED_NAMES
from game.core.state import Cause, Console, State, TurnStart
from game.core.world import apply_effects, log, name

PARTS = ("stances", "brief", "messages", "reasons")
PART_NAMES = {"stances": "true positions", "brief": "brief", "messages": "private messages",
              "reasons": "reasons"}
SKILLS = ("easy", "normal", "hard")
PLAYERS = ("human", "computer")
MIN_DEADLINE = 10  # seconds: a shorter phase cannot be played
NOBODY: frozenset[str] = frozenset()  # log entries only the facilitator sees


@dataclass(frozen=True)
class Injection:
    """An injected event waiting for the next news."""

    turn: int  # the turn it was injected in
    event: str | None  # a scenario event's id, or None for the facilitator's own headline
    headline: str
    effects: tuple[Effect, ...]


def stage(state: State) -> tuple[int, str, int]:
    """The phase now, as 'advance now' and the deadlines count phases: (turn, phase, round)."""
    return state.turn, state.phase, state.round


def stand_in(state: State) -> frozenset[str]:
    """The seats the computer plays now because the facilitator advanced the phase."""
    c = state.console
    return c.stand_in if c.advanced == stage(state) else NOBODY


def writable(state: State) -> frozenset[str]:
    """The names an injected effect may change: the indicators."""
    return frozenset(i.id for i in state.scenario.indicators)


def readable(state: State) -> frozenset[str]:
    """The names an injected effect may read: as a scenario file's expressions."""
    sc = state.scenario
    ids = [i.id for i in sc.indicators] + [j.id for j in sc.joint_moves]
    ids += [u.id for u in sc.unilateral_moves] + [e.id for e in sc.events]
    return frozenset(ids) | (RESERVED_NAMES - {"true", "false"})


def _hint(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def injection(state: State, action: Inject) -> Injection:
    """The injection an Inject action asks for; IllegalActionError naming the field otherwise."""
    sc = state.scenario
    if action.event is not None:
        if action.headline or action.effects:
            raise IllegalActionError("give either a scenario event or a headline with effects, not both")
        known = [e.id for e in sc.events]
        if action.event not in known:
            raise IllegalActionError(f"event: '{action.event[:60]}' is not an event of this scenario"
                                     f"{_hint(action.event, known)}")
        ev = next(e for e in sc.events if e.id == action.event)
        return Injection(state.turn, ev.id, ev.headline, ev.effects)
    headline = action.headline.strip()
    if not headline:
        raise IllegalActionError("headline: write the news headline (or choose a scenario event)")
    if len(headline) > MAX_HEADLINE:
        raise IllegalActionError(f"headline: at most {MAX_HEADLINE} characters (it has {len(headline)})")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in headline):
        raise IllegalActionError("headline: one line of text, without control characters")
    if len(action.effects) > MAX_EFFECTS:
        raise IllegalActionError(f"effects: at most {MAX_EFFECTS}")
    effects = []
    for i, text in enumerate(action.effects, 1):
        if len(text) > MAX_EFFECT_TEXT:
            raise IllegalActionError(f"effects[{i}]: at most {MAX_EFFECT_TEXT} characters")
        try:
            effects.append(compile_effect(text, readable(state), writable(state)))
        except ExpressionError as err:
            where = f" (at column {err.column} of '{text}')" if err.column else ""
            raise IllegalActionError(f"effects[{i}]: {err.message}{where}") from None
    return Injection(state.turn, None, headline, tuple(effects))


def start_of(state: State, turn: int) -> TurnStart | None:
    """The kept start of a turn of the current branch, if any."""
    return next((s for s in state.starts if s.turn == turn), None)


def check(state: State, action: Action) -> None:
    """Raise IllegalActionError, with the reason, unless the facilitator's action is legal now."""
    c = state.console
    over = state.phase == "over"
    if over and not isinstance(action, (Rollback, Reveal)):
        raise IllegalActionError("the game is over: only reveal and roll back are open")
    if isinstance(action, Pause):
        if c.paused:
            raise IllegalActionError("the game is already paused")
    elif isinstance(action, Resume):
        if not c.paused:
            raise IllegalActionError("the game is not paused")
    elif isinstance(action, SetDeadline):
        s = action.seconds
        if s != 0 and not MIN_DEADLINE <= s <= MAX_SECONDS:
            raise IllegalActionError(f"seconds: a deadline is 0 (none) or {MIN_DEADLINE} to {MAX_SECONDS} seconds")
    elif isinstance(action, Advance):
        if c.paused:
            raise IllegalActionError("the game is paused: resume it first")
        if not state.queue:
            raise IllegalActionError("no seat is left to act in this phase")
    elif isinstance(action, Inject):
        injection(state, action)
        if len(c.pending) >= MAX_EFFECTS:
            raise IllegalActionError(f"at most {MAX_EFFECTS} events may wait for the next news")
    elif isinstance(action, HandSeat):
        sc = state.scenario
        if action.seat not in sc.actor_ids:
            raise IllegalActionError(f"seat: '{action.seat[:60]}' is not an actor{_hint(action.seat, list(sc.actor_ids))}")
        if action.player not in PLAYERS:
            raise IllegalActionError("player: 'human' or 'computer'")
        if action.skill not in SKILLS:
            raise IllegalActionError(f"skill: one of {', '.join(SKILLS)}")
        if action.player == "human" and not sc.actor(action.seat).playable:
            raise IllegalActionError(f"{name(state, action.seat)} is not a playable seat")
    elif isinstance(action, Reveal):
        if action.seat not in state.scenario.actor_ids:
            raise IllegalActionError(f"seat: '{action.seat[:60]}' is not an actor")
        if action.part not in PARTS:
            raise IllegalActionError(f"part: one of {', '.join(PARTS)}")
        if (action.seat, action.part) in c.revealed:
            raise IllegalActionError("already revealed")
    elif isinstance(action, Rollback):
        if not 1 <= action.turn <= state.turn or start_of(state, action.turn) is None:
            raise IllegalActionError(f"turn: roll back to a turn from 1 to {state.turn}")
    else:
        raise IllegalActionError("that is not an action of the facilitator")


def _note(state: State, text: str, visible=None) -> None:
    log(state, "facilitator", text, visible=visible)


def apply(state: State, new: State, action: Action, rng: np.random.Generator) -> State:
    """The state after a legal facilitator action (``new`` is a clone of ``state`` to change)."""
    c = new.console
    reason = f" ({action.reason})" if action.reason else ""
    if isinstance(action, Pause):
        new.console = dataclasses.replace(c, paused=True)
        _note(new, f"The facilitator pauses the game{reason}")
    elif isinstance(action, Resume):
        new.console = dataclasses.replace(c, paused=False)
        _note(new, f"The facilitator resumes the game{reason}")
    elif isinstance(action, SetDeadline):
        new.console = dataclasses.replace(c, deadline=action.seconds)
        if action.seconds:
            _note(new, f"The facilitator sets a deadline of {_duration(action.seconds)} for each phase{reason}")
        else:
            _note(new, f"The facilitator lifts the deadline{reason}")
    elif isinstance(action, Advance):
        seats = frozenset(new.queue)
        new.console = dataclasses.replace(c, advanced=stage(new), stand_in=seats)
        who = ", ".join(name(new, a) for a in new.scenario.actor_ids if a in seats)
        _note(new, f"The facilitator ends the {_phase_name(new)} now: the computer plays for {who}{reason}")
    elif isinstance(action, Inject):
        inj = injection(new, action)
        new.console = dataclasses.replace(c, pending=c.pending + (inj,))
        _note(new, f"The facilitator injects news for the next turn: {inj.headline}", visible=NOBODY)
    elif isinstance(action, HandSeat):
        who = "a person" if action.player == "human" else f"the computer ({action.skill})"
        _note(new, f"The facilitator hands {name(new, action.seat)} to {who}{reason}")
    elif isinstance(action, Reveal):
        new.console = dataclasses.replace(c, revealed=c.revealed + ((action.seat, action.part),))
        _note(new, f"The facilitator reveals {name(new, action.seat)}'s {PART_NAMES[action.part]} "
                   f"for the debrief", visible=NOBODY)
    elif isinstance(action, Rollback):
        return _rollback(state, action, rng)
    return new


def _rollback(state: State, action: Rollback, rng: np.random.Generator) -> State:
    start = start_of(state, action.turn)
    new = start.state.clone()
    rng.bit_generator.state = _copy_rng(start.rng)
    new.step = state.step + 1  # steps only grow: a decision is never mistaken for an older one
    c = state.console
    new.console = Console(paused=c.paused, deadline=c.deadline, revealed=c.revealed, branch=c.branch + 1)
    new.starts = tuple(s for s in state.starts if s.turn <= action.turn)
    reason = f" ({action.reason})" if action.reason else ""
    _note(new, f"The facilitator rolls the game back to the start of turn {action.turn}: "
               f"branch {new.console.branch} begins{reason}")
    return new


def _copy_rng(saved: dict) -> dict:
    out = dict(saved)
    if isinstance(out.get("state"), dict):
        out["state"] = dict(out["state"])
    return out


def record_start(state: State, rng: np.random.Generator) -> None:
    """Keep the start of the state's turn (after its news), for a later rollback."""
    kept = tuple(s for s in state.starts if s.turn < state.turn)
    snapshot = state.clone()
    snapshot.starts = kept
    state.starts = kept + (TurnStart(state.turn, snapshot, _copy_rng(rng.bit_generator.state)),)


def fire_pending(state: State) -> None:
    """At the news of a new turn: the injected events fire, after the scenario's own."""
    pending = state.console.pending
    if not pending:
        return
    state.console = dataclasses.replace(state.console, pending=())
    sc = state.scenario
    for inj in pending:
        if inj.event is not None:
            event = next(e for e in sc.events if e.id == inj.event)
            resolve.fire_event(state, event)
            continue
        log(state, "news", inj.headline, ref=None)
        apply_effects(state, inj.effects, Cause("event", "", None, inj.headline))
        state._env_cache = None


def _phase_name(state: State) -> str:
    if state.phase == "diplomacy":
        return f"round {state.round} of diplomacy"
    return {"answers": "last answers", "actions": "actions phase"}.get(state.phase, state.phase)


def _duration(seconds: int) -> str:
    m, s = divmod(seconds, 60)
    if not m:
        return f"{s} s"
    return f"{m} min" + (f" {s} s" if s else "")

