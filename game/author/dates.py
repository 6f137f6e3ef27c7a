"""Dates in an article, relative ones ('on Friday', 'last week') resolved against its date.

News writing has one convention no general parser knows: a weekday is the one nearest the
article's date, in the direction of the verb's tense ('said on Wednesday' in Wednesday's paper is
that day; 'will meet on Friday' is two days later). That is handled here; everything else
('5 July 2017', 'two weeks ago', 'next month', 'in April') goes to dateparser when the ``author``
extra is installed, and to a small built-in reader of the commonest forms when it is not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from game.author.article import Sentence

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "few": 3,
}
_PHRASE = re.compile(
    r"\b(?:"
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<mdy>{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
    rf"|(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+\d{{4}})?)"
    r"|(?P<weekday>(?:(?:last|next|this|on|by|until)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
    r"|(?P<near>yesterday|today|tomorrow|tonight)"
    r"|(?P<ago>(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|weeks?|months?|years?)\s+"
    r"(?:ago|from now))"
    r"|(?P<lastnext>(?:last|next|this)\s+(?:week|month|year))"
    rf"|(?P<month>(?:in|since|until|by|last|next|early|late|mid-?)\s+{_MON}(?:\s+\d{{4}})?)"
    r")\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|is expected to|are expected to|is due to|are due to|plans? to|is set to|"
    r"are set to|is scheduled|are scheduled|upcoming|next|tomorrow|when they meet|is to|are to)\b",
    re.IGNORECASE,
)


_PAST_VERB = re.compile(
    r"\b(?:said|says|told|met|spoke|held|began|came|went|saw|made|took|gave|won|lost|fell|rose|"
    r"left|sent|was|were|had|did|\w+ed)\s*(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _tense_is_future(sentence: str, at: int) -> bool:
    """Whether the verb a date phrase belongs to looks ahead ('will meet on Friday')."""
    before = sentence[max(0, at - 30) : at]
    if _PAST_VERB.search(before):
        return False
    return bool(_FUTURE.search(sentence))


@dataclass(frozen=True)
class FoundDate:
    """A date phrase, what it resolves to, and how precise that is."""

    phrase: str
    date: dt.date
    precision: str  # day | week | month | year
    sentence: Sentence
    future: bool

    def shown(self) -> str:
        """'2017-07-07', 'the week of 2017-06-26' or 'April 2017'."""
        if self.precision == "year":
            return str(self.date.year)
        if self.precision == "week":
            return f"the week of {self.date.isoformat()}"
        return self.date.isoformat() if self.precision == "day" else self.date.strftime("%B %Y")


def article_date(text: str) -> dt.date | None:
    """The first full date written in the article (a dateline), if any."""
    for m in _PHRASE.finditer(text[:3000]):
        if m.group("iso") or ((m.group("mdy") or m.group("dmy")) and re.search(r"\d{4}", m.group(0))):
            found = _absolute(m.group(0), dt.date(2000, 1, 1), future=False)
            if found is not None:
                return found[0]
    return None


def find_dates(sentences: tuple[Sentence, ...], base: dt.date) -> list[FoundDate]:
    """Every date phrase that can be resolved against the article's date, in order."""
    out = []
    for s in sentences:
        for m in _PHRASE.finditer(s.text):
            phrase = m.group(0)
            future = _tense_is_future(s.text, m.start())
            resolved = _resolve(m, base, future)
            if resolved is not None:
                out.append(FoundDate(phrase, resolved[0], resolved[1], s, resolved[0] > base))
    return out


def _resolve(m: re.Match[str], base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    phrase = m.group(0)
    if m.group("weekday"):
        return _weekday(phrase, base, future), "day"
    return _absolute(phrase, base, future)


def _weekday(phrase: str, base: dt.date, future: bool) -> dt.date:
    words = phrase.lower().split()
    target = WEEKDAYS.index(words[-1])
    ahead = (target - base.weekday()) % 7
    if words[0] == "next" or (words[0] != "last" and future):
        return base + dt.timedelta(days=ahead or 7 if words[0] == "next" else ahead)
    back = (base.weekday() - target) % 7
    return base - dt.timedelta(days=back or (7 if words[0] == "last" else 0))


def _absolute(phrase: str, base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    words = phrase.lower().split()
    month_only = bool(
        re.fullmatch(
            rf"(?:in|since|until|by|last|next|early|late|mid-?)\s+{_MON}(?:\s+\d{{4}})?",
            phrase,
            re.IGNORECASE,
        )
    )
    cleaned = re.sub(r"^(?:in|since|until|by|early|late|mid-?|on|of)\s+", "", phrase, flags=re.IGNORECASE)
    if month_only:  # 'last April': the tense picks the year
        cleaned = re.sub(r"^(?:last|next)\s+", "", cleaned, flags=re.IGNORECASE)
    try:
        import dateparser
    except ImportError:
        found = _builtin(cleaned, words, base, future)
    else:
        prefer = "future" if future else "past"
        if (
            re.search(r"\d", cleaned)
            and re.search(_MON, cleaned, re.IGNORECASE)
            or phrase.lower() in ("today", "tonight")
        ):
            prefer = "current_period"
        parsed = dateparser.parse(
            cleaned,
            languages=["en"],
            settings={
                "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": prefer,
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
        found = parsed.date() if parsed is not None else None
    if found is None:
        return None
    if words[-1] == "week":
        return found - dt.timedelta(days=found.weekday()), "week"
    if words[-1] == "year":
        return found, "year"
    return found, "month" if month_only or words[-1] == "month" else "day"


def _builtin(cleaned: str, words: list[str], base: dt.date, future: bool) -> dt.date | None:
    """The commonest date forms without dateparser."""
    low = cleaned.lower().rstrip(".")
    near = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    if low in near:
        return base + dt.timedelta(days=near[low])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", low):
        try:
            return dt.date.fromisoformat(low)
        except ValueError:
            return None
    m = re.fullmatch(r"(\w+)\s+(day|week|month|year)s?\s+(ago|from now)", low)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS.get(m.group(1), 1)
        days = n * {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)]
        return base + dt.timedelta(days=days if m.group(3) == "from now" else -days)
    m = re.fullmatch(r"(last|next|this)\s+(week|month|year)", low)
    if m:
        sign = {"last": -1, "next": 1, "this": 0}[m.group(1)]
        if m.group(2) == "week":
            return base + dt.timedelta(days=7 * sign)
        if m.group(2) == "month":
            y, mo = divmod(base.month - 1 + sign, 12)
            return dt.date(base.year + y, mo + 1, 1)
        return dt.date(base.year + sign, 1, 1)
    month = next((i + 1 for i, name in enumerate(MONTHS) if re.search(rf"\b{name[:3]}", low)), None)
    if month is None:
        return None
    year_m = re.search(r"\b(\d{4})\b", low)
    day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.sub(r"\b\d{4}\b", "", low))
    day = int(day_m.group(1)) if day_m else 1
    if year_m:
        year = int(year_m.group(1))
    else:
        year = base.year
        candidate = (month, day)
        if future and candidate < (base.month, base.day):
            year += 1
        elif not future and candidate > (base.month, base.day):
            year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
