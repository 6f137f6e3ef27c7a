"""Reading the room in one call: everything the dossiers, the digest, the standing and the stakes
show a viewer, as one JSON-able dictionary built from its observation (for a browser client served
by the host, or any other renderer; the pygame table reads the same four builders)."""

from __future__ import annotations

from game.core.model import Scenario
from game.core.observe import Observation
from game.present.digest import FILTERS, digest, digest_turns
from game.present.dossier import dossiers
from game.present.stakes import stakes
from game.present.standing import standing


def item_filters(item: dict) -> list[str]:
    """The filters that show a digest item (so a client can filter without knowing the rules)."""
    out = []
    for key, (_, kinds) in FILTERS.items():
        if key == "private":
            if item["private"]:
                out.append(key)
        elif kinds is None or item["kind"] in kinds:
            out.append(key)
    return out


def room_view(obs: Observation, sc: Scenario, log_filter: str = "all", last_turns: int | None = None) -> dict:
    """{"viewer", "turn", "standing", "stakes", "digest", "filters", "dossiers"} for one viewer.
    ``last_turns``: the digest holds only the newest turns that many (a served page's frame stays
    small; the full log is the seat view's). Every digest item names the filters that show it."""
    key = log_filter if log_filter in FILTERS else "all"
    turns = None if last_turns is None else set(digest_turns(obs, key)[:last_turns])
    groups = digest(obs, sc, key, turns)
    for group in groups:
        for part in ("mine", "rest", "yours"):
            for item in group[part]:
                item["filters"] = item_filters(item)
    return {"viewer": obs.actor, "turn": obs.turn, "standing": standing(obs, sc), "stakes": stakes(obs, sc),
            "digest": groups, "filter": key,
            "filters": [{"key": k, "label": label} for k, (label, _) in FILTERS.items()],
            "dossiers": dossiers(obs, sc)}
