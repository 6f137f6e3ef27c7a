"""The game's record in a player's words: log entries and causes with verbs that agree with the
actor ('Syrian rebel groups propose', 'Russia proposes').

The rules write each record as a sentence that starts with the actor's name and a verb in the
singular; ``subject_text`` puts the verb in the form the name takes (``words.is_plural``).
Sentences written by a scenario's author (headlines with ``{actor}``) are the author's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.core.model import Scenario
from game.core.state import Cause, LogEntry, Proposal
from game.present import agreements, words
from game.present.deal import changes_to_proposal, summary

# The verb phrases the rules put after an actor's name (game.core.rules and game.core.resolve).
RULE_VERBS = ("proposes", "counters with", "accepts", "rejects", "states it supports", "breaks its duties",
              "is caught breaking", "kept its word", "signs", "crosses its red line", "has already signed")


def subject_text(text: str, actor) -> str:
    """The sentence with the verb after the actor's name in the form the name takes."""
    name = actor.name
    if not words.is_plural(actor) or not text.startswith(name + " "):
        return text
    rest = text[len(name) + 1:]
    for phrase in RULE_VERBS:
        if rest.startswith(phrase):
            return f"{name} {words.verb(actor, phrase)}{rest[len(phrase):]}"
    return text


def entry_text(entry: LogEntry, sc: Scenario, proposals: Sequence[Proposal] = ()) -> str:
    """A log entry as the player reads it. A counter-proposal also says, in the game's own words,
    everything it changes in the proposal it answers (when that proposal is among ``proposals``)."""
    text = entry.text
    if entry.actor is not None and entry.actor in sc.actor_ids:
        text = subject_text(text, sc.actor(entry.actor))
    if entry.kind in ("move", "outcome") and agreements.is_invented(sc, entry.ref):
        text += " [invented for play: no source]"
    if entry.kind == "counter" and proposals:
        by_id = {p.id: p for p in proposals}
        p = by_id.get(int(entry.ref)) if entry.ref and entry.ref.isdigit() else None
        asked = by_id.get(p.counter_of) if p is not None and p.counter_of else None
        if asked is not None:
            said = summary(sc, changes_to_proposal(sc, asked.terms, p.terms), asked.id)
            if said:
                text += f" [{said}]"
    return text


def cause_text(cause: Cause, sc: Scenario) -> str:
    """A cause ('Syrian rebel groups break their duties under …') as the player reads it."""
    if cause.actor is None or cause.actor not in sc.actor_ids:
        return cause.text
    return subject_text(cause.text, sc.actor(cause.actor))
