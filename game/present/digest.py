"""The round digest: the log a player saw, grouped by turn, with repeats collapsed and what
concerns the viewer first ("Turkey proposes the same Southwest ceasefire deal again — third time").

Built once from an observation, as plain JSON-able data (dicts, lists, strings, numbers), so the
pygame table and a browser client lay out the same digest. The full log stays available: the
digest only regroups the entries the observation holds, it never hides one (a collapsed item
says how many entries it stands for).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from game.core.model import Scenario
from game.core.observe import Observation
from game.core.state import LogEntry, Proposal
from game.present import words
from game.present.entries import entry_text

# the log's filters, shared by every renderer: key -> (label, kinds shown; None: all)
FILTERS: dict[str, tuple[str, frozenset[str] | None]] = {
    "all": ("All", None),
    "news": ("News", frozenset({"news", "ending", "facilitator"})),
    "talks": ("Diplomacy", frozenset({"proposal", "counter", "accept", "reject", "statement", "agreement",
                                      "expired", "signed", "red_line"})),
    "private": ("Private", None),
    "results": ("Results", frozenset({"move", "outcome", "suspended", "restored", "violation", "detected",
                                      "collapsed", "kept", "trust", "ending", "lapsed"})),
}

_ORDINAL = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth",
            10: "tenth"}
_DEAL_KINDS = frozenset({"proposal", "counter", "accept", "reject"})
_VERB = {"proposal": "proposes", "counter": "counters with", "accept": "accepts", "reject": "rejects"}


def ordinal(n: int) -> str:
    """'second', 'third', … '11th'."""
    return _ORDINAL.get(n, f"{n}th")


def filtered(log: Sequence[LogEntry], key: str) -> list[LogEntry]:
    """The entries a filter shows ('private': those only some actors saw)."""
    _, kinds = FILTERS.get(key, FILTERS["all"])
    if key == "private":
        return [e for e in log if e.visible is not None]
    if kinds is None:
        return list(log)
    return [e for e in log if e.kind in kinds]


def split_reason(text: str) -> tuple[str, str]:
    """(what happened, the reason given) of an entry written as 'X rejects #3 (reason)'."""
    text = text.rstrip()
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return (text[:i].rstrip(), text[i + 1:-1]) if i > 0 else (text, "")
    return text, ""


def _text_and_why(full: str) -> tuple[str, str]:
    """split_reason, keeping a counter-proposal's '[what it changes]' with what happened."""
    cut = full.rfind(" [") if full.endswith("]") else -1
    text, why = split_reason(full[:cut] if cut > 0 else full)
    return (text + full[cut:] if cut > 0 else text), why


def _proposal(entry: LogEntry, by_id: dict[int, Proposal]) -> Proposal | None:
    ref = entry.ref or ""
    return by_id.get(int(ref)) if ref.isdigit() else None


def _terms_key(p: Proposal) -> tuple:
    return tuple(sorted(p.terms))


def repeat_key(entry: LogEntry, by_id: dict[int, Proposal]) -> tuple:
    """What makes two entries 'the same again': the same actor doing the same kind of thing to the
    same terms (a deal's number and the reason given do not count)."""
    if entry.kind in _DEAL_KINDS:
        p = _proposal(entry, by_id)
        if p is not None:
            return (entry.kind, entry.actor, _terms_key(p))
    return (entry.kind, entry.actor, re.sub(r"#\d+", "#", split_reason(entry.text)[0]))


def part(entry: LogEntry, obs: Observation, by_id: dict[int, Proposal]) -> str:
    """Where an entry goes in its turn: "yours" (the viewer's own doing), "you" (what others did
    that concerns the viewer: a proposal to it, an answer to its proposal, a private word to it, an
    agreement it is party to, a duty kept or broken under its agreements, news naming it) or
    "others"."""
    me = obs.actor
    if entry.actor == me:
        return "yours"
    p = _proposal(entry, by_id)
    kind = entry.kind
    if kind == "message" and entry.visible is not None:
        return "you"
    if kind in ("proposal", "counter"):
        return "you" if p is not None and me in p.to else "others"
    if kind in ("accept", "reject", "expired"):
        return "you" if p is not None and p.sender == me else "others"
    if kind == "agreement":
        return "you" if p is not None and me in p.needed else "others"
    if kind in ("collapsed", "suspended", "restored", "violation", "detected", "kept"):
        return "you" if entry.ref in obs.obligations else "others"
    return "you" if obs.me.name in entry.text else "others"


def concerns(entry: LogEntry, obs: Observation, by_id: dict[int, Proposal]) -> bool:
    """Whether an entry is about the viewer (its own doing included)."""
    return part(entry, obs, by_id) != "others"


def _deal_words(sc: Scenario, p: Proposal) -> str:
    names = [sc.joint_move(m).name for m, _ in sorted(p.terms)]
    return words.join(names) if len(names) <= 2 else f"{len(names)}-move"


def repeat_text(entry: LogEntry, sc: Scenario, by_id: dict[int, Proposal], nth: int, count: int,
                spell_out: bool = False) -> str:
    """'Turkey proposes the same Southwest ceasefire deal again — third time'; with ``spell_out``
    (the actor has offered other deals on the same moves) the terms are named."""
    actor = sc.actor(entry.actor) if entry.actor in sc.actor_ids else None
    p = _proposal(entry, by_id)
    if actor is not None and p is not None and entry.kind in _VERB:
        what = ("; ".join(words.terms_lines(sc, tuple(sorted(p.terms)))) if spell_out
                else f"the same {_deal_words(sc, p)} deal")
        text = f"{words.subject(actor, _VERB[entry.kind])} {what} again"
    else:
        text = split_reason(entry_text(entry, sc, tuple(by_id.values())))[0] + " again"
    text += f" — {ordinal(nth)} time"
    if count > 1:
        text += f" ({words.times(count)} this turn)"
    return text


def answers_text(entry: LogEntry, sc: Scenario, refs: Sequence[str]) -> str:
    """'Turkey rejects 3 proposals: #19, #24 and #27'."""
    verb = "accepts" if entry.kind == "accept" else "rejects"
    who = sc.actor(entry.actor) if entry.actor in sc.actor_ids else entry.actor or "Someone"
    return f"{words.subject(who, verb)} {len(refs)} proposals: {words.join([f'#{r}' for r in refs])}"


def digest_turns(obs: Observation, key: str = "all") -> list[int]:
    """The turns the digest has a group for under a filter, newest first (for paging)."""
    return sorted({e.turn for e in filtered(obs.log, key)}, reverse=True)


def digest(obs: Observation, sc: Scenario, key: str = "all", turns: Collection[int] | None = None) -> list[dict]:
    """The log the viewer saw, one group per turn, newest turn first. Each group holds what others
    did that concerns the viewer ("mine": for you), then the rest ("rest": elsewhere), then the
    viewer's own doing ("yours"), each part in the order things happened. Repeats within a turn
    fold into one item (the last one's words, with a count); an item repeating something from an
    earlier turn says which time it is. ``turns``: only the groups of these turns (the counts still
    run over the whole log)."""
    by_id = {p.id: p for p in obs.proposals}
    seen: dict[tuple, int] = {}  # repeat key -> times so far in the whole log (all filters)
    nth_of: list[int] = []
    variants: dict[tuple, set] = {}  # (kind, actor, moves) -> the different terms offered on them
    for e in obs.log:
        k = repeat_key(e, by_id)
        seen[k] = seen.get(k, 0) + 1
        nth_of.append(seen[k])
        p = _proposal(e, by_id)
        if p is not None and e.kind in ("proposal", "counter"):
            variants.setdefault((e.kind, e.actor, tuple(sorted(m for m, _ in p.terms))), set()).add(_terms_key(p))
    shown = {id(e) for e in filtered(obs.log, key) if turns is None or e.turn in turns}
    groups: dict[int, list[dict]] = {}
    index: dict[tuple[int, tuple], dict] = {}
    for e, nth in zip(obs.log, nth_of):
        if id(e) not in shown:
            continue
        where = part(e, obs, by_id)
        # an actor's answers in one turn fold into one line; other repeats fold by what they say
        k = ("answers", e.kind, e.actor, where) if e.kind in ("accept", "reject") else repeat_key(e, by_id)
        item = index.get((e.turn, k))
        if item is None:
            item = {"turn": e.turn, "kind": e.kind, "label": words.KIND_LABEL.get(e.kind, e.kind.upper()),
                    "actor": e.actor, "refs": [], "private": e.visible is not None, "count": 0, "nth": nth,
                    "part": where, "text": "", "why": ""}
            index[(e.turn, k)] = item
            groups.setdefault(e.turn, []).append(item)
        item["count"] += 1
        item["nth"] = nth
        if e.ref is not None:
            item["refs"].append(e.ref)
        text, why = _text_and_why(entry_text(e, sc, obs.proposals))
        if e.kind in ("accept", "reject") and item["count"] > 1:
            text, why = answers_text(e, sc, item["refs"]), ""
        elif (item["count"] > 1 or nth > 1) and e.kind not in ("news", "ending"):
            p = _proposal(e, by_id)
            moves = tuple(sorted(m for m, _ in p.terms)) if p is not None else ()
            text = repeat_text(e, sc, by_id, nth, item["count"],
                               spell_out=len(variants.get((e.kind, e.actor, moves), ())) > 1)
        item["text"], item["why"] = text, why
    out = []
    for turn in sorted(groups, reverse=True):
        items = groups[turn]
        day = sc.date_of_turn(turn) if turn >= 1 else sc.start
        out.append({"turn": turn, "date": day.isoformat(), "when": words.long_date(day) if turn >= 1 else "",
                    "title": "Before the game" if turn < 1 else f"Turn {turn}",
                    "entries": sum(i["count"] for i in items),
                    "mine": [i for i in items if i["part"] == "you"],
                    "rest": [i for i in items if i["part"] == "others"],
                    "yours": [i for i in items if i["part"] == "yours"]})
    return out
