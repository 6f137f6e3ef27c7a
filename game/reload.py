"""Live reload: a game's action list replayed on a new version of its scenario.

    result = reload_file(session, path)     # read, validate and replay
    result = replay_on(session, scenario)   # replay only (pure: no files)

A game is its scenario, its seed and its actions, so a new version of the file is taken up by
replaying the same actions, with the same seed and seats, through the new rules. The replay stops
at the first action that is no longer legal (a move renamed, a variant removed, a precondition
that no longer holds) and the game carries on from there; the result says which action it was
and why. A file that no longer validates, or is gone, changes nothing: the result carries the
problem (with file and line) and the game goes on with the version it has.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from game.core.actions import Action
from game.core.errors import IllegalActionError, ParleyError, ScenarioError
from game.core.model import Scenario
from game.session import Seat, Session


@dataclass(frozen=True)
class Reload:
    """What a reload did: the new session (None when the file was refused), and what to tell the player."""

    session: Session | None
    replayed: int = 0  # actions replayed on the new version
    total: int = 0  # actions the game had
    stopped_at: str | None = None  # the first action no longer legal, and why
    problem: str | None = None  # why the file was refused (file:line:col: field: message)

    @property
    def complete(self) -> bool:
        return self.session is not None and self.replayed == self.total


def _seats(old: Session, scenario: Scenario) -> dict[str, Seat]:
    """The old seats for the actors that are still there (a human seat stays human if it is still playable)."""
    seats: dict[str, Seat] = {}
    for actor in scenario.actor_ids:
        seat = old.seats.get(actor)
        if seat is None:
            continue
        if seat.kind == "human" and not scenario.actor(actor).playable:
            seat = Seat(actor, "computer", seat.level, seat.agent)
        seats[actor] = seat
    if old.humans and not any(s.kind == "human" for s in seats.values()):
        first = next((a.id for a in scenario.actors if a.playable), None)
        if first is not None:  # the player's actor is gone: give them the first playable seat
            old_seat = seats.get(first, Seat(first))
            seats[first] = Seat(first, "human", old_seat.level, old_seat.agent)
    return seats


def describe(session: Session, action: Action) -> str:
    """One line for an action: who did what, and on which turn."""
    who = action.actor
    try:
        who = session.scenario.actor(action.actor).name
    except KeyError:
        pass
    kind = type(action).__name__
    what = {"Propose": "proposing a deal", "Accept": "accepting a proposal", "Reject": "rejecting a proposal",
            "Counter": "making a counter-proposal", "Statement": "stating a position",
            "Message": "sending a back-channel message", "ChooseMove": "choosing a move",
            "SetCompliance": "choosing whether to keep an agreement", "EndPhase": "ending its phase"}.get(kind, kind)
    detail = getattr(action, "move", None)
    if detail:
        for group in (session.scenario.unilateral_moves, session.scenario.joint_moves):
            detail = next((m.name for m in group if m.id == detail), detail)
    return f"{who} {what}{f' ({detail})' if detail else ''} on turn {session.turn}"


def replay_on(old: Session, scenario: Scenario) -> Reload:
    """The old game's actions replayed on a new scenario, as far as they stay legal."""
    factory = old._agent_factory  # the same computer actors as the game had
    new = Session(scenario, old.seed, _seats(old, scenario), factory)
    actions = list(old.actions)
    for i, action in enumerate(actions):
        try:
            new.submit(action)
        except IllegalActionError as err:
            where = describe(new, action)
            return Reload(new, i, len(actions), f"action {i + 1} of {len(actions)}, {where}: {err}")
        except (KeyError, ValueError) as err:  # an actor or a move the new version no longer has
            return Reload(new, i, len(actions), f"action {i + 1} of {len(actions)}, {describe(new, action)}: "
                                                f"{err} is no longer in the scenario")
    return Reload(new, len(actions), len(actions))


def reload_file(old: Session, path: str | os.PathLike) -> Reload:
    """Read and validate the file again and replay the game on it; the old game is never changed."""
    from game.scenario.loader import load_scenario_bytes, read_scenario_file

    name = os.fspath(path)
    if not os.path.exists(name):
        return Reload(None, total=len(old.actions),
                      problem=f"{name}: the file was deleted or moved; playing on with the version loaded")
    try:
        scenario = load_scenario_bytes(read_scenario_file(name), name)
    except ScenarioError as err:
        return Reload(None, total=len(old.actions), problem="\n".join(str(p) for p in err.problems))
    except ParleyError as err:
        return Reload(None, total=len(old.actions), problem=str(err))
    return replay_on(old, scenario)


def reload_message(result: Reload, name: str) -> tuple[str, str]:
    """(title, text) telling the player what a reload did."""
    short = os.path.basename(name)
    if result.session is None:
        return (f"{short} was not reloaded",
                (f"{result.problem}\n\nThe game goes on with the version it had. Fix the file and save it "
                "again to reload it."))
    if result.complete:
        return (f"{short} reloaded", (f"Reloaded {short}: all {result.total} actions replayed on the new version; "
                "play goes on where it was."))
    return (f"{short} reloaded, replay stopped",
            (f"Reloaded {short}, but {result.total - result.replayed} of the game's {result.total} actions no longer "
            f"fit the new version. The replay stopped at {result.stopped_at}.\n\nPlay goes on from there, "
            f"on turn {result.session.turn}."))

