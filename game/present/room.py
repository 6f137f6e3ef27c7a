"""Reading the room in one call: everything the dossiers, the digest, the standing and the stakes
show a viewer, as one JSON-able dictionary built from its observation (for a browser client served
by the host, or any other renderer; the pygame table reads the same four builders)."""

from __future__ import annotations

from game.core.model import Scenario
from game.core.observe import Observation
from game.present.digest import FILTERS, digest
from game.present.dossier import dossiers
from game.present.stakes import stakes
from game.present.standing import standing


def room_view(obs: Observation, sc: Scenario, log_filter: str = "all") -> dict:
    """{"viewer", "turn", "standing", "stakes", "digest", "filters", "dossiers"} for one viewer."""
    key = log_filter if log_filter in FILTERS else "all"
    return {"viewer": obs.actor, "turn": obs.turn, "standing": standing(obs, sc), "stakes": stakes(obs, sc),
            "digest": digest(obs, sc, key), "filter": key,
            "filters": [{"key": k, "label": label} for k, (label, _) in FILTERS.items()],
            "dossiers": dossiers(obs, sc)}
