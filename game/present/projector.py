"""What the projector shows a room: the public table, as plain JSON view data.

The projector is no seat. It is made from the public parts of one observation only: the
indicators, the agreements, every actor's public face and stated positions, and the log
entries everyone saw (news, statements, agreements, public moves). No stance, brief, trust,
message, proposal or secret choice of any seat is read here. Once the game is over the
debrief (``debrief_view``) shows every score, as the local debrief does.
"""

from __future__ import annotations

from typing import Any

from game.core.model import Scenario
from game.core.observe import Observation
from game.present import seat_view, words
from game.present.entries import entry_text

NEWS_LINES = 30


def public_log(obs: Observation, sc: Scenario, limit: int = NEWS_LINES) -> list[dict[str, Any]]:
    public = [e for e in obs.log if e.visible is None]
    return [{"turn": e.turn, "kind": e.kind, "text": entry_text(e, sc)} for e in public[-limit:]]


def projector_view(obs: Observation, sc: Scenario) -> dict[str, Any]:
    """The public state of the game, from any seat's observation (its private parts are not read)."""
    waiting = obs.waiting_for
    return {
        "title": sc.title,
        "turn": obs.turn, "turns": obs.turns, "date": words.long_date(obs.date), "phase": obs.phase,
        "phase_text": words.phase_text(obs), "waiting_for": sc.actor(waiting).name if waiting else None,
        "indicators": seat_view.indicators(obs), "agreements": seat_view.agreements(obs, sc),
        "table": seat_view.table(obs, sc, None), "news": public_log(obs, sc),
        "over": obs.phase == "over", "ending": obs.ending_title,
    }


def debrief_view(sc: Scenario, scores: dict[str, float], shared: float, ending) -> dict[str, Any]:
    """The end of the game for everyone: how it ended and every actor's score."""
    rows = sorted(((round(v), sc.actor(a).name, a) for a, v in scores.items()), reverse=True)
    return {"ending": ending.title if ending else "The game is over",
            "ending_text": ending.text if ending else "",
            "scores": [{"seat": a, "name": name, "score": s} for s, name, a in rows],
            "shared": round(shared)}
