"""The facilitator's console in a hosted game (issue 12): the teacher's intents and what is sent.

The teacher (the host window or the teacher's browser tab, both holding the teacher key) sends
``facilitate`` with one of the facilitator's actions (rules 10.x) as the save format writes it;
it goes through ``Match.facilitate``, so the Session records it and the autosave replays it.
A student's connection can never reach this module: the server refuses the message first.

What goes out: ``clock`` (pause and deadline, for every student and the projector: public),
``console`` (everything, ``game.present.facilitator.console_view``: teachers only) and
``revealed`` (what the teacher chose to show on the debrief: public once revealed).
"""

from __future__ import annotations

from typing import Any

from game.core.actions import FACILITATOR, FACILITATOR_ACTIONS, action_from_json
from game.core.errors import IllegalActionError
from game.net.protocol import ProtocolError
from game.present.facilitator import console_view, revealed_view
from game.present.match import Match


def facilitator_action(data: dict, n: int | None = None):
    """The facilitator's action a message names; ProtocolError unless it is one."""
    if "actor" in data and data["actor"] != FACILITATOR:
        raise ProtocolError("bad_action", "A facilitator's action has no seat.", n)
    try:
        action = action_from_json({**data, "actor": FACILITATOR}, "action")
    except IllegalActionError as err:
        raise ProtocolError("bad_action", str(err), n) from None
    if not isinstance(action, FACILITATOR_ACTIONS):
        raise ProtocolError("bad_action", "That is a seat's action, not the facilitator's.", n)
    return action


def facilitate(match: Match | None, data: dict, n: int | None = None) -> None:
    """Apply one facilitator's action through the session; ProtocolError (to the teacher) if refused."""
    if match is None:
        raise ProtocolError("not_started", "The game has not started yet.", n)
    problem = match.facilitate(facilitator_action(data, n))
    if problem is not None:
        raise ProtocolError("illegal", problem, n)


def clock(match: Match | None) -> dict[str, Any] | None:
    """The pause and the deadline as everyone may see them: ``left`` is counted from when it is sent."""
    if match is None or match.session.over:
        return None
    left = match.deadline_left()
    return {"paused": match.session.paused, "deadline": match.session.state.console.deadline,
            "left": None if left is None else round(left, 1)}


def revealed(match: Match | None) -> list[dict[str, Any]]:
    return [] if match is None else revealed_view(match.session)


def console(match: Match | None) -> dict[str, Any] | None:
    """Everything, for the teacher only (it holds every seat's secrets)."""
    if match is None:
        return None
    out = console_view(match.session)
    out["clock"] = clock(match)
    out["humans"] = list(match.session.humans)
    out["thinking"] = match.thinking
    out["actor_ids"] = list(match.scenario.actor_ids)
    out["step"] = match.session.step
    return out
