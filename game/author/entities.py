"""Who an article names: states (by name, demonym or capital), leaders and organisations.

States come from the countryinfo package (names, other spellings, demonyms, capitals) when the
``author`` extra is installed; without it, only leaders and organisations are found from the
article's own words (titles, capitalised names, acronyms), and the draft says so. Everything
found here is a guess for the author to check.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from game.author.article import Article, Sentence

log = logging.getLogger(__name__)

_TITLES = (
    r"President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|Defen[cs]e Minister|"
    r"Minister|Secretary of State|Defen[cs]e Secretary|Foreign Secretary|Secretary-General|Secretary General|"
    r"Secretary|Chancellor|King|Queen|Prince|Emir|Sheikh|Supreme Leader|Ayatollah|General|Gen\.|Admiral|"
    r"Ambassador|Envoy|Senator|Sen\.|Governor|Mayor|Chairman|Chairwoman|Commander|Spokesman|Spokeswoman|Pope"
)
_PERSON = re.compile(
    rf"\b(?P<title>{_TITLES})\s+(?P<name>(?:[A-Z][a-z'’-]+|[A-Z]\.)(?:\s+[A-Z][a-z'’-]+){{0,3}})"
)
_ORG_WORDS = (
    r"Nations|Union|Organi[sz]ation|Council|Agency|Committee|Commission|Alliance|Bank|Fund|League|Court|"
    r"Ministry|Party|Forces|Army|Front|Movement|Brigades?|Coalition|Assembly|Parliament|Congress|Pentagon|"
    r"Kremlin|Department"
)
_ORG = re.compile(
    rf"\b(?:the\s+)?(?P<org>(?:[A-Z][\w'’-]+\s+)*(?:{_ORG_WORDS})(?:\s+(?:of|for)\s+(?:the\s+)?"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)?)"
)
_APPOSITIVE = re.compile(
    r"\b(?:minister|president|leader|spokes(?:man|woman|person)|chief|envoy|ambassador|"
    r"secretary|mayor|governor|head|director|chairman|chairwoman|commander),\s+"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}),"
)
_BODY = re.compile(
    r"\b(?:the\s+)?(?P<org>(?:[a-z]+(?:'s|s')?\s+)?(?:council|union|board|committee|commission|"
    r"parliament|ministry|assembly|police|army|residents|farmers|workers|parents))"
    r"\s+(?:said|says|voted|offered|agreed|wants|refused|rejected|announced|plans|will|has|have|is|are)\b"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_NOT_ACRONYMS = frozenset(
    {
        "MORE",
        "AP",
        "AFP",
        "TV",
        "PM",
        "AM",
        "CEO",
        "OK",
        "II",
        "III",
        "IV",
        "US",
        "USA",
        "UK",
        "UAE",
        "EST",
        "GMT",
        "UTC",
        "IS",
        "IT",
        "IN",
        "TO",
        "BE",
        "NO",
        "OR",
        "AT",
        "AS",
        "OF",
        "ON",
    }
)
_GROUPS = re.compile(
    r"\b(rebels?|rebel groups|opposition|insurgents?|militias?|separatists?|protesters)\b", re.IGNORECASE
)
_GOVERNMENT = re.compile(r"\b(government|regime|authorities)\b", re.IGNORECASE)


@dataclass(frozen=True)
class State:
    """A state the article names, with the words that name it there."""

    name: str
    demonym: str
    words: tuple[str, ...]  # name, other names, demonym, capital: what counts as a mention
    population: int = 0


@dataclass
class Candidate:
    """A candidate actor: a state, its government or its opposition, or an organisation."""

    id: str
    name: str
    kind: str  # state | government | opposition | organisation
    words: tuple[str, ...]
    mentions: list[Sentence] = field(default_factory=list)
    demonym: str = ""


@dataclass(frozen=True)
class Names:
    """Everything an article names."""

    actors: tuple[Candidate, ...]
    people: tuple[tuple[str, str], ...]  # (title, name), in order of appearance
    organisations: tuple[str, ...]
    states_known: bool  # False when the countryinfo package is missing


@functools.cache
def _countries() -> tuple[State, ...] | None:
    try:
        from countryinfo import CountryInfo
    except ImportError:
        return None
    try:
        data = CountryInfo.all()
    except (OSError, ValueError, KeyError) as err:  # a broken data file must not stop the draft
        log.warning("countryinfo could not be read: %s", err)
        return None
    out = []
    for info in data.values():
        name = str(info.get("name") or "")
        if not name:
            continue
        words = {name}
        for alt in info.get("altSpellings") or []:
            alt = str(alt)
            if alt.isupper() and len(alt) <= 3:
                if alt in ("US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK"):
                    words |= {alt, ".".join(alt) + "."}
            elif alt.isascii() and len(alt) > 3 and "," not in alt:
                words.add(alt)
        demonym = str(info.get("demonym") or "")
        if demonym:
            words.add(demonym)
        capital = str(info.get("capital") or "").replace(" D.C.", "")
        if capital:
            words.add(capital)
        pop = info.get("population")
        out.append(
            State(
                name, demonym, tuple(sorted(words, key=len, reverse=True)), pop if isinstance(pop, int) else 0
            )
        )
    # A word several states share ('American') names the most populous of them.
    owner: dict[str, State] = {}
    for st in out:
        for w in st.words:
            if w not in owner or st.population > owner[w].population:
                owner[w] = st
    return tuple(
        State(st.name, st.demonym, tuple(w for w in st.words if owner[w] is st), st.population) for st in out
    )


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    s = s if s and s[0].isalpha() else f"a_{s}"
    return s[:40].rstrip("_") or "actor"


def _mentions(words: tuple[str, ...], sentences: tuple[Sentence, ...]) -> list[Sentence]:
    if not words:
        return []
    pat = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")
    return [s for s in sentences if _real_mention(pat, s.text)]


def _real_mention(pat: re.Pattern[str], text: str) -> bool:
    """A mention that is not just where something happens ('in Hamburg, Germany')."""
    return any(
        not re.search(r"\b(?:in|at|near)\s+[A-Z][a-z]+,\s*$", text[: m.start()]) for m in pat.finditer(text)
    )


def find_names(article: Article, max_actors: int = 10) -> Names:
    """The candidate actors, people and organisations of an article, most mentioned first."""
    text, sentences = article.text, article.sentences
    people: list[tuple[str, str]] = []
    for m in _PERSON.finditer(text):
        name = re.split(r"(?<=[a-z])(?=[A-Z])", m.group("name"))[0]  # 'TillersonRex' is web-page debris
        if name not in [p for _, p in people]:
            people.append((m.group("title"), name))
    for m in _APPOSITIVE.finditer(text):
        if m.group("name") not in [p for _, p in people]:
            people.append((text[m.start() : m.start("name")].rstrip(", ").split()[-1], m.group("name")))
    orgs = [
        re.sub(r"^The\s+", "", o)
        for o in dict.fromkeys(m.group("org").strip() for m in _ORG.finditer(text))
        if len(o.split()) >= 2 or o in ("Pentagon", "Kremlin")
    ]
    orgs = list(dict.fromkeys(orgs))
    acronyms = [a for a, n in Counter(_ACRONYM.findall(text)).items() if a not in _NOT_ACRONYMS and n >= 1]
    countries = _countries()
    actors: list[Candidate] = []
    if countries is not None:
        for st in countries:
            said = _mentions(st.words, sentences)
            if said:
                actors.append(Candidate(_slug(st.name), st.name, "state", st.words, said, st.demonym))
        actors.sort(key=lambda c: -len(c.mentions))
        actors = _split_the_scene(actors, text, sentences)
    for org in orgs:
        initials = "".join(w[0] for w in org.split() if w[0].isupper())
        words = (org, initials) if initials in acronyms else (org,)
        said = _mentions(words, sentences)
        speaks = re.search(
            rf"{re.escape(org)}\s+(?:said|says|has|have|will|wants|offered|agreed|is|are)\b", text
        )
        if (len(said) >= 2 or speaks) and not any(org in c.words for c in actors):
            actors.append(Candidate(_slug(org), org, "organisation", words, said))
    if len(actors) < 2:  # no states: the bodies the article shows acting ('the town council voted')
        for org in dict.fromkeys(m.group("org").lower() for m in _BODY.finditer(text)):
            said = _mentions((org, org.capitalize()), sentences)
            if said:
                actors.append(
                    Candidate(_slug(org), org.capitalize(), "organisation", (org, org.capitalize()), said)
                )
    seen: set[str] = set()
    unique = []
    for c in sorted(actors, key=lambda c: -len(c.mentions)):
        if c.id not in seen:
            seen.add(c.id)
            unique.append(c)
    return Names(tuple(unique[:max_actors]), tuple(people), tuple(orgs + acronyms), countries is not None)


def _split_the_scene(actors: list[Candidate], text: str, sentences: tuple[Sentence, ...]) -> list[Candidate]:
    """The state where the crisis happens ('in Syria' most often) becomes its government, and its
    rebels or opposition a second actor, when the article speaks of them."""
    if not actors:
        return actors
    where = Counter()
    for c in actors:
        for w in c.words:
            where[c.id] += len(re.findall(rf"\b(?:in|across|inside|within)\s+{re.escape(w)}\b", text))
    scene_id, count = where.most_common(1)[0]
    if count == 0 or not _GOVERNMENT.search(text):
        return actors
    scene = next(c for c in actors if c.id == scene_id)
    demonym = scene.demonym or scene.name
    # The government is named by the word itself, its capital or its demonym, not by the country's name,
    # which mostly says where things happen.
    gov_words = tuple(w for w in scene.words if w != scene.name) + ("government", "regime")
    gov_said = _mentions(gov_words, sentences) or scene.mentions
    out = [c for c in actors if c.id != scene_id]
    out.append(
        Candidate(
            _slug(f"{scene.name}_government"), f"{demonym} government", "government", gov_words, gov_said
        )
    )
    groups = [s for s in sentences if _GROUPS.search(s.text)]
    if groups:
        word = _GROUPS.search(groups[0].text).group(1).lower()  # type: ignore[union-attr]
        label = (
            "rebel groups" if word.startswith("rebel") else ("opposition" if word == "opposition" else word)
        )
        out.append(
            Candidate(
                _slug(f"{scene.name}_{label}"), f"{demonym} {label}", "opposition", (word, label), groups
            )
        )
    return out
