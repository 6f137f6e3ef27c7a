"""The game's record in a player's words: log entries and causes with verbs that agree with the
actor ('Syrian rebel groups propose', 'Russia proposes').

The rules write each record as a sentence that starts with the actor's name and a verb in the
singular; ``subject_text`` puts the verb in the form the name takes (``words.is_plural``).
Sentences written by a scenario's author (headlines with ``{actor}``) are the author's own.
"""

from __future__ import annotations

from game.core.model import Scenario
from game.core.state import Cause, LogEntry
from game.present import words

# The verb phrases the rules put after an actor's name (game.core.rules and game.core.resolve).
RULE_VERBS = ("proposes", "counters with", "accepts", "rejects", "states it supports", "breaks its duties",
              "is caught breaking", "kept its word")


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


def entry_text(entry: LogEntry, sc: Scenario) -> str:
    """A log entry as the player reads it."""
    if entry.actor is None or entry.actor not in sc.actor_ids:
        return entry.text
    return subject_text(entry.text, sc.actor(entry.actor))


def cause_text(cause: Cause, sc: Scenario) -> str:
    """A cause ('Syrian rebel groups break their duties under …') as the player reads it."""
    if cause.actor is None or cause.actor not in sc.actor_ids:
        return cause.text
    return subject_text(cause.text, sc.actor(cause.actor))
