"""A draft scenario from a news article: its actors, mechanisms, moves, dates and quotes, guessed.

Every guess cites a real sentence of the article (quoted word for word, so the loader checks it)
and is marked for the author to check. The guesses are simple on purpose: who the article names
most, which mechanisms it lists after 'including' or as the object of a deal, which actor did
what on its own, which dated sentences look ahead (events) and which look back (history).
"""

from __future__ import annotations

import datetime as dt
import re

from game.author.article import Article, Sentence, clean_span, quotes
from game.author.dates import FoundDate, find_dates
from game.author.entities import Candidate, Names, find_names
from game.author.plan import ActorPlan, Cite, EventPlan, MovePlan, Plan, StancePlan, UnilateralPlan
from game.author.yamltext import slug
from game.core.model import RESERVED_NAMES

MAX_QUOTE = 300
_JOINT = re.compile(
    r"\b(?:joint|jointly|together|agree\w*|deal|accord|treaty|mechanisms?|talks|negotiat\w+|"
    r"ceasefire|cease-fire|truce|zones?|cooperat\w+|coordinat\w+|observers?|monitor\w*)\b",
    re.IGNORECASE,
)
_LIST = re.compile(r"\bincluding\s+(?P<items>[^.;:\"”]+)", re.IGNORECASE)
_OBJECT = re.compile(
    r"\b(?:deal|agreement|accord|plan|talks)\s+(?:to|on|for)\s+(?:establish|set up|create|agree|"
    r"build|form)?\s*(?P<obj>[^.,;:\"”]+)",
    re.IGNORECASE,
)
_FOR = re.compile(r"\b(?:for|with|on)\s+(?:the\s+)?", re.IGNORECASE)
_POSITIVE = re.compile(
    r"\b(?:prepared|open to|ready|support\w*|back\w*|propos\w+|want\w*|call\w* for|seek\w*|"
    r"working to|welcome\w*|agree\w*|explore)\b",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"\b(?:oppos\w+|reject\w*|condemn\w*|refus\w+|fail\w*|against|block\w*|veto\w*|"
    r"den(?:y|ied|ies)|accus\w+|suspend\w*)\b",
    re.IGNORECASE,
)
# What an actor does alone, as an article reports it: the verb, the move's name, the headline's verb,
# and whether the others take it well (+) or badly (-).
_VERBS = {
    "launched": ("Launch", "launches", -1),
    "suspended": ("Suspend", "suspends", -1),
    "restored": ("Restore", "restores", 1),
    "struck": ("Strike", "strikes", -1),
    "attacked": ("Attack", "attacks", -1),
    "bombed": ("Bomb", "bombs", -1),
    "seized": ("Seize", "seizes", -1),
    "sanctioned": ("Sanction", "sanctions", -1),
    "deployed": ("Deploy", "deploys", -1),
    "withdrew": ("Withdraw", "withdraws", 1),
    "closed": ("Close", "closes", -1),
    "blocked": ("Block", "blocks", -1),
    "expelled": ("Expel", "expels", -1),
    "imposed": ("Impose", "imposes", -1),
    "fired": ("Fire", "fires", -1),
    "invaded": ("Invade", "invades", -1),
    "annexed": ("Annex", "annexes", -1),
    "arrested": ("Arrest", "arrests", -1),
    "condemned": ("Condemn", "condemns", -1),
    "recalled": ("Recall", "recalls", -1),
    "halted": ("Halt", "halts", -1),
    "resumed": ("Resume", "resumes", 1),
    "released": ("Release", "releases", 1),
    "opened": ("Open", "opens", 1),
}
_ACTION = re.compile(r"\b(?:" + "|".join(_VERBS) + r")\b", re.IGNORECASE)


def _quote(s: Sentence | str) -> str:
    """A quotable stretch of a sentence: free of web debris and at most MAX_QUOTE characters."""
    text = clean_span(s.text if isinstance(s, Sentence) else s)
    if len(text) > MAX_QUOTE:
        text = text[:MAX_QUOTE].rsplit(" ", 1)[0]
    return text.strip(' "“”')


def _mentions(c: Candidate, s: Sentence) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(w)}(?!\w)", s.text) for w in c.words)


def _mechanisms(article: Article) -> list[tuple[str, Sentence]]:
    """Noun phrases naming joint mechanisms, with the sentence each comes from."""
    found: list[tuple[str, Sentence]] = []
    for s in article.sentences:
        if not _JOINT.search(s.text):
            continue
        for m in _LIST.finditer(s.text):
            for item in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+", m.group("items")):
                item = re.sub(
                    r"^(?:the|a|an|on the ground)\s+", "", item.strip(), flags=re.IGNORECASE
                ).strip()
                if 1 <= len(item.split()) <= 6 and item[:1].isalpha():
                    found.append((item, s))
        for m in _OBJECT.finditer(s.text):
            obj = _FOR.split(m.group("obj"))[0].strip()
            obj = re.sub(r"\s+in\s+[A-Z]\w+$", "", obj)
            if 1 <= len(obj.split()) <= 6:
                found.append((obj, s))
    seen: set[str] = set()
    out = []
    for name, s in found:
        key = re.sub(r"[^a-z]|s\b", "", name.lower())
        if key not in seen:
            seen.add(key)
            out.append((name, s))
    return out


def _best_sentence(c: Candidate, words: set[str], avoid: set[str]) -> Sentence:
    """The sentence naming the actor that shares most words with a move, preferring fresh ones."""

    def score(s: Sentence) -> tuple[int, int, int]:
        said = set(re.findall(r"[a-z]+", s.text.lower()))
        return (len(said & words), int(_quote(s) not in avoid), -s.start)

    return max(c.mentions, key=score)


def article_plan(
    article: Article,
    source_name: str,
    date: dt.date,
    date_note: str,
    title: str | None,
    outlet: str | None,
    url: str | None,
) -> Plan:
    """A plan of the whole scenario guessed from the article."""
    names = find_names(article)
    taken: set[str] = set(RESERVED_NAMES) | {"tension", "progress"}
    found = _found_lines(article, names, date)
    actors = [
        ActorPlan(
            slug(c.id, set(), 40),
            c.name,
            _describe(c),
            0.3 if c.kind == "organisation" else 0.6,
            note=f"Found as a {c.kind}: named in {len(c.mentions)} sentence(s). {_check()}",
        )
        for c in names.actors
    ]
    candidates = list(names.actors)
    while len(actors) < 2:  # a scenario needs two seats; the article named fewer
        n = len(actors) + 1
        actors.append(
            ActorPlan(
                f"party_{n}",
                f"TODO: party {n}",
                "TODO: the article names too few actors: who else sits at the table?",
                0.5,
                note="Added so the draft validates.",
            )
        )
        candidates.append(
            Candidate(f"party_{n}", f"party {n}", "placeholder", (), list(article.sentences[:1]))
        )
    mechanisms = _mechanisms(article)[:5] or [
        ("An agreement", max(article.sentences, key=lambda s: len(_JOINT.findall(s.text))))
    ]
    moves: list[MovePlan] = []
    where: dict[str, Sentence] = {}
    for name, s in mechanisms:
        consent = [a.id for a, c in zip(actors, candidates, strict=True) if _mentions(c, s)]
        for a in actors:  # a deal needs two parties at least: the most named actors join
            if len(consent) >= 2:
                break
            if a.id not in consent:
                consent.append(a.id)
        label = name[:1].upper() + name[1:]
        where[slug(name, set(taken))] = s
        moves.append(
            MovePlan(
                slug(name, taken),
                label[:200],
                f"TODO: check: what '{name}' would mean in practice, and who would do what.",
                consent,
                Cite(_quote(s)),
                ("None", f"{label}: a limited version", f"{label}: the full version"),
            )
        )
    used: set[str] = set()
    for a, c in zip(actors, candidates, strict=True):
        for mv in moves:
            s = _best_sentence(c, set(re.findall(r"[a-z]+", mv.name.lower())), used)
            text = _quote(s)
            used.add(text)
            ideal, why = _ideal(s, a.id in mv.consent and _mentions(c, where[mv.id]))
            a.stances[mv.id] = StancePlan(ideal, 0.8 if a.id in mv.consent else 0.3, Cite(text, why))
    for mv in moves:  # someone must want the full version, or lint says nobody will ever propose it
        if not any(a.stances[mv.id].ideal == 2 for a in actors):
            first = next(a for a in actors if a.id in mv.consent)
            first.stances[mv.id].ideal = 2
            first.stances[mv.id].quote.why = "set to the full version so that someone wants it"
    dates = find_dates(article.sentences, date)
    return Plan(
        id=slug(title or article.headline or "draft", set(), 50).replace("_", "-"),
        title=(title or article.headline or "TODO: a title")[:200],
        summary=" ".join(_quote(s) for s in article.sentences[:2])
        + " (TODO: check: rewrite this summary for "
        "players: where, when, who, and what they disagree about.)",
        source_title=(article.headline or "TODO: the headline")[:200],
        outlet=(outlet or "TODO: who published it"),
        source_date=date,
        url=url,
        source_text=article.text,
        start=date,
        turns=_turns(date, dates),
        actors=actors,
        moves=moves,
        unilateral=_unilateral(article, actors, candidates, taken),
        events=_events(dates, date, taken),
        history=_history(dates, article),
        from_article=source_name,
        found=found,
        date_note=date_note,
    )


def _check() -> str:
    return "TODO: check."


def _describe(c: Candidate) -> str:
    first = _quote(c.mentions[0]) if c.mentions else ""
    return (
        f"TODO: check: who {c.name} is in this crisis, for every player to read. The article first names it "
        f"here: \u201c{first}\u201d"
    )[:4000]


def _ideal(s: Sentence, in_move_sentence: bool) -> tuple[int, str]:
    if _NEGATIVE.search(s.text) and not _POSITIVE.search(s.text):
        return 0, "its sentence sounds opposed"
    if _POSITIVE.search(s.text) and in_move_sentence:
        return 2, "its sentence sounds in favour"
    return 1, "a middle position, as nothing clear was found"


def _turns(start: dt.date, dates: list[FoundDate]) -> int:
    ahead = [d.date for d in dates if d.date > start]
    if not ahead:
        return 6
    weeks = (max(ahead) - start).days // 7 + 2
    return max(4, min(12, weeks))


def _unilateral(
    article: Article, actors: list[ActorPlan], candidates: list[Candidate], taken: set[str]
) -> list[UnilateralPlan]:
    """Things an actor did alone, as the article tells them: 'Russia suspended ...'."""
    out: list[UnilateralPlan] = []
    done: set[tuple[str, str]] = set()
    for s in article.sentences:
        text = _quote(s)
        for m in _ACTION.finditer(text):
            subject = text[max(0, m.start() - 30) : m.start()]  # the few words before the verb name the doer
            doers = [
                (a, c)
                for a, c in zip(actors, candidates, strict=True)
                if c.words
                and re.search("|".join(rf"(?<![\w.]){re.escape(w)}(?!\w)" for w in c.words), subject)
            ]
            if not doers:
                continue
            actor = doers[-1][0]
            name, verb, sign = _VERBS[m.group(0).lower()]
            rest = re.split(r"[,;]|\b(?:after|because|when|which|that|in|on|with)\b", text[m.end() :])[
                0
            ].split()[:6]
            if (actor.id, name) in done or not rest:
                continue
            done.add((actor.id, name))
            others = {
                a.id: 5 * sign
                for a, c in zip(actors, candidates, strict=True)
                if a.id != actor.id and _mentions(c, s)
            }
            what = " ".join(rest)
            out.append(
                UnilateralPlan(
                    slug(f"{actor.id}_{name}_{what}", taken, 30),
                    f"{name} {what}"[:200],
                    f"TODO: check: what {actor.name} does when it makes this move, and what it costs.",
                    [actor.id],
                    f"{{actor}} {verb} {what}"[:200],
                    Cite(text),
                    others,
                    "tension -= 4" if sign > 0 else "tension += 6",
                )
            )
        if len(out) >= 5:
            break
    return out


def _clause(text: str) -> str:
    first = re.split(r"[,;:]\s", text)[0]
    return first[:120].rsplit(" ", 1)[0] if len(first) > 120 else first


def _events(dates: list[FoundDate], start: dt.date, taken: set[str]) -> list[EventPlan]:
    """Sentences with a date after the article's: news still to come."""
    out, seen = [], set()
    for d in dates:
        if d.date <= start or d.precision != "day" or d.sentence.start in seen:
            continue
        seen.add(d.sentence.start)
        text = _quote(d.sentence)
        out.append(
            EventPlan(
                slug(f"{d.date.strftime('%b_%d')}_{_clause(text)[:20]}", taken),
                _clause(text)[:200],
                f"TODO: check: the news players read on {d.date:%A %d %B %Y} ('{d.phrase}' in the article).",
                d.date,
                Cite(text),
            )
        )
    return out


def _history(dates: list[FoundDate], article: Article) -> list[tuple[dt.date | None, str]]:
    past = [d for d in dates if not d.future and d.precision == "day"]
    out: list[tuple[dt.date | None, str]] = []
    seen = set()
    for d in past:
        if d.sentence.start not in seen:
            seen.add(d.sentence.start)
            out.append(
                (d.date, f"{_quote(d.sentence)} (TODO: check, and add what happened after the article.)")
            )
    if not out:
        out.append(
            (None, f"{_quote(article.sentences[0])} (TODO: check: what really happened, with a source.)")
        )
    return out[:10]


def _found_lines(article: Article, names: Names, date: dt.date) -> list[str]:
    lines = []
    people = [p for _, p in names.people]
    for qt in quotes(article, people):
        lines.append(
            f"quote, line {qt.sentence.line}: {qt.speaker or 'speaker not found'}: "
            f"\u201c{qt.text[:150]}\u201d"
        )
    for d in find_dates(article.sentences, date):
        lines.append(
            f"date, line {d.sentence.line}: '{d.phrase}' = {d.shown()}"
            f"{' (ahead: an event?)' if d.future else ''}"
        )
    for title, person in names.people:
        lines.append(f"person: {title} {person}")
    for org in names.organisations:
        lines.append(f"organisation: {org}")
    for c in names.actors:
        lines.append(f"candidate actor: {c.name} ({c.kind}, named in {len(c.mentions)} sentences)")
    if not names.states_known:
        lines.append(
            'states are not recognised: install the author extra (pip install -e ".[author]") so that '
            "Parley knows the names, demonyms and capitals of states"
        )
    return [re.sub(r"\s+", " ", x) for x in lines]
