"""Answering several proposals in one go: which waiting proposals are repeats, and the refusals
that deal with them (issue 16, the mid-game click grind).

Built once from the viewer's observation, as plain JSON-able data, so the pygame answer dialog,
the student page and the host (which checks a batch answer against it) agree on the same groups.
A batch is only ever ordinary actions: one ``Reject`` per proposal, each with its reason ("same
as the deal I refused on turn 2"), so a saved game stays its scenario, its seed and its action list.

Two kinds of repeat, both "the same deal again": a waiting proposal with the same sender and the
same terms as one the viewer refused (or countered) earlier this game; and a waiting proposal
with the same sender and terms as another one still waiting (the later copies; the first stays to
be answered). Everything else waiting is "the rest". Near-identical deals (the same moves at other
levels) are not repeats: they are other offers, and each is answered on its own.
"""

from __future__ import annotations

from typing import Any

from game.core.actions import Reject
from game.core.model import Scenario
from game.core.observe import Observation
from game.core.state import Proposal
from game.present import deal, words
from game.present.digest import ordinal

REFUSED = ("reject", "counter")  # a counter refuses the terms it answers
GROUPS = ("repeats", "rest")


def same_deal(p: Proposal) -> tuple:
    """What two proposals share when they are the same deal again: the sender and the terms."""
    return (p.sender, tuple(sorted(p.terms)))


def _turns(turns: list[int]) -> str:
    """'turn 2', 'turns 2 and 3'."""
    shown = [str(t) for t in sorted(set(turns))]
    return ("turn " if len(shown) == 1 else "turns ") + words.join(shown)


def marks(obs: Observation) -> dict[int, dict[str, Any]]:
    """Each waiting proposal that repeats a deal: proposal id -> {"kind": "refused" | "waiting",
    "turns" (refused on) or "of" (the copy still waiting), "reason"} (the Reject's reason)."""
    me = obs.actor
    refused: dict[tuple, list[int]] = {}
    sent: dict[int, int] = {}  # proposal id -> the how-many-th time its sender sent the viewer its terms
    times: dict[tuple, int] = {}
    for q in sorted(obs.proposals, key=lambda q: q.id):
        if q.answer_of(me) in REFUSED:
            refused.setdefault(same_deal(q), []).append(q.turn)
        if me in q.to:
            times[same_deal(q)] = sent[q.id] = times.get(same_deal(q), 0) + 1
    out: dict[int, dict[str, Any]] = {}
    first: dict[tuple, int] = {}
    for p in obs.open_to_me():
        k = same_deal(p)
        if k in refused:
            turns = refused[k]
            out[p.id] = {"kind": "refused", "turns": sorted(set(turns)), "sent": sent.get(p.id, 1),
                         "reason": f"same as the deal I refused on {_turns(turns)}"}
        elif k in first:
            out[p.id] = {"kind": "waiting", "of": first[k], "sent": sent.get(p.id, 1),
                         "reason": f"same as #{first[k]}, which I am still weighing"}
        else:
            first[k] = p.id
    return out


def mark_text(mark: dict[str, Any]) -> str:
    """What the answer dialog says of one repeat: 'Sent for the third time: you refused it on turns 1
    and 2'."""
    nth = f"Sent for the {ordinal(mark['sent'])} time: " if mark["sent"] > 1 else ""
    if mark["kind"] == "refused":
        return f"{nth}you refused it on {_turns(mark['turns'])}" if nth else \
            f"The same deal you refused on {_turns(mark['turns'])}"
    return f"{nth}the same deal as #{mark['of']}, also waiting" if nth else f"The same deal as #{mark['of']}, also waiting"


def _short(mark: dict[str, Any]) -> str:
    """A repeat as the strip lists it: 'third time (refused on turns 1 and 2)', 'same as #5, also waiting'."""
    if mark["kind"] == "waiting":
        return f"same as #{mark['of']}, also waiting"
    refused = f"refused on {_turns(mark['turns'])}"
    return f"{ordinal(mark['sent'])} time ({refused})" if mark["sent"] > 1 else refused


def batch(obs: Observation, sc: Scenario) -> dict[str, Any]:
    """What the answer panel offers for the proposals waiting now.

    ``waiting``: how many; ``repeats``: their ids, the button's label and one line per deal repeated
    (with its count); ``rest``: the ids of the others and its button's label; ``marks``: per waiting
    proposal id (as text, for JSON) what it repeats. A group's label is empty when the panel should
    not offer it (fewer than two proposals waiting, or nothing in the group)."""
    waiting = obs.open_to_me()
    m = marks(obs)
    rep = [p for p in waiting if p.id in m]
    rest = [p for p in waiting if p.id not in m]
    several = len(waiting) >= 2
    lines: list[dict[str, Any]] = []
    by_deal: dict[tuple, dict[str, Any]] = {}
    for p in rep:
        k = same_deal(p)
        line = by_deal.get(k)
        if line is None:
            gain = deal.preview(obs, sc, p.terms).gain
            line = by_deal[k] = {"sender": sc.actor(p.sender).short_name, "ids": [], "gain": round(gain, 1),
                                 "terms": "; ".join(words.terms_lines(sc, tuple(sorted(p.terms)))),
                                 "for_you": f"{round(gain):+d} for you now" if abs(gain) >= 0.5 else "no change for you"}
            lines.append(line)
        line["ids"].append(p.id)
        line["why"] = _short(m[p.id])  # the latest copy's: the highest count
    for line in lines:
        n = line["count"] = len(line["ids"])
        line["text"] = (f"{line['sender']}{f' ×{n}' if n > 1 else ''}, {line['why']}, {line['for_you']}: "
                        f"{line['terms']}")
    rep_label = ""
    if several and rep:
        rep_label = "Refuse the repeat" if len(rep) == 1 else f"Refuse the {len(rep)} repeats"
    rest_label = ""
    if several and rest:
        rest_label = (f"Refuse all {len(rest)}" if not rep else
                      "Refuse the other one" if len(rest) == 1 else f"Refuse the other {len(rest)}")
    return {
        "waiting": len(waiting),
        "repeats": {"ids": [p.id for p in rep], "label": rep_label, "lines": lines},
        "rest": {"ids": [p.id for p in rest], "label": rest_label},
        "marks": {str(k): {**v, "text": mark_text(v)} for k, v in m.items()},
    }


def refusals(obs: Observation, group: str) -> list[Reject]:
    """The actions that refuse a group ("repeats" or "rest") of the proposals waiting: one Reject
    each, in the order they came, a repeat's with the reason that names what it repeats."""
    if group not in GROUPS:
        raise ValueError(f"no such group of proposals: {group!r}")
    m = marks(obs)
    return [Reject(obs.actor, p.id, m[p.id]["reason"] if p.id in m else "")
            for p in obs.open_to_me() if (p.id in m) == (group == "repeats")]
