"""A news article as plain text: its headline, sentences, quotes and their speakers.

The text is untrusted and may be anything a teacher pastes: a binary file or an empty one gets a
clear one-line error; invisible characters that a scenario file may not hold are dropped, so
every sentence quoted from the draft is found word for word in its source text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from game.core.errors import ParleyError

MAX_ARTICLE_BYTES = 1_000_000

# Characters the scenario loader refuses (controls, text-direction marks, separators, BOM).
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "sen",
        "rep",
        "gov",
        "st",
        "jr",
        "sr",
        "lt",
        "col",
        "capt",
        "prof",
        "inc",
        "co",
        "corp",
        "vs",
        "etc",
        "no",
        "sgt",
        "maj",
        "adm",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“‘'(\[A-Z0-9])")
_SAYING = (
    r"(?:said|says|added|adds|told|stated|wrote|noted|explained|declared|warned|insisted|argued|announced)"
)
_NAME = r"[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|al|bin|de|van|von))*"
_AFTER = re.compile(rf"^[,.]?[\"”’]?\s*(?:(?P<pron>he|she|they|it)|(?P<name>{_NAME}))\s+{_SAYING}\b")
_AFTER_NEAR = re.compile(rf"^[^\"“.]{{0,90}}?(?P<name>{_NAME}),?\s+{_SAYING}\b")
_AFTER_VERB = re.compile(rf"^[,.]?[\"”’]?\s*{_SAYING}\s+(?P<name>{_NAME})")
_BEFORE = re.compile(rf"(?P<name>{_NAME})\s+{_SAYING}[^.\"“]*[:,]?\s*$")
_QUOTED = re.compile(r"[\"“](?P<q>[^\"“”\n]{20,}?)[\"”]")
# Pasted from a web page, The Hill's names carry a hover card: 'Rex TillersonRex Wayne Tillerson...
# Kushner: report ... MORE said'. The card runs from a word glued to the next one up to 'MORE'.
_DEBRIS = re.compile(r"(?P<keep>\b[A-Z][a-z]+)(?=[A-Z])[^\n]{0,400}?\bMORE\b ?")
_GLUED = re.compile(r"\b\w*[a-z][A-Z]\w*|\bMORE\b")  # web-page debris: 'TillersonRex', 'MORE' links


class ArticleError(ParleyError):
    """The article cannot be read as text."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article: its text, where it starts and its 1-based line."""

    text: str
    start: int
    line: int


@dataclass(frozen=True)
class Quote:
    """Words in quotation marks and who said them, if the article says."""

    text: str
    speaker: str | None
    sentence: Sentence


@dataclass(frozen=True)
class Article:
    """The cleaned text, its headline and its sentences."""

    text: str
    headline: str
    sentences: tuple[Sentence, ...]


def read_article(path: str | Path) -> Article:
    """Read and split an article; ArticleError with one line for a file that is not text."""
    name = str(path)
    try:
        with Path(path).open("rb") as f:  # never more than the limit in memory, whatever the file
            data = f.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{name}: this is a folder, not an article") from None
    except OSError as err:
        raise ArticleError(f"{name}: cannot read the file: {err.strerror or err}") from None
    return parse_article(data, name)


def parse_article(data: bytes, name: str = "article") -> Article:
    """The article in these bytes, or ArticleError when they are not UTF-8 text with sentences."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{name}: the file is larger than {MAX_ARTICLE_BYTES // 1000} kB; paste the article's "
            "text alone into a plain-text file"
        )
    head = data[:4096]
    if b"\x00" in head or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ArticleError(
            f"{name}: this is not a plain-text file (it looks binary or UTF-16); copy the article's "
            "text into a plain-text file saved as UTF-8"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(
            f"{name}: not UTF-8 text (byte 0x{data[err.start]:02X} at offset {err.start}); save the "
            "article as UTF-8 plain text"
        ) from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = _DROP.sub("", text)
    text = _DEBRIS.sub(r"\g<keep> ", text)
    sentences = split_sentences(text)
    if not sentences:
        raise ArticleError(
            f"{name}: the file has no sentences to draft from; paste the article's text into it"
        )
    headline = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    return Article(text, headline[:200], tuple(sentences))


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph. A line break ends one after a full stop, after a short line
    (a headline, a caption) or before a blank line; elsewhere it is a hard-wrapped line."""
    out: list[tuple[int, str]] = []
    start, pos = None, 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped and start is None:
            start = pos
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        fresh = nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in '"“©'
        alone = start == pos and len(stripped) <= 80  # a headline or a caption on a line of its own
        ends = not nxt or (fresh and (stripped.endswith((".", "!", "?", '"', "”")) or alone))
        if start is not None and (ends or not stripped):
            out.append((start, text[start : pos + len(line)]))
            start = None
        pos += len(line) + 1
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences, paragraph by paragraph; short lines without a full stop (headlines, captions) are
    left out, and so is a line repeating the headline."""
    out: list[Sentence] = []
    seen: set[str] = set()
    for offset, para in _paragraphs(text):
        flat = para.strip()
        if not flat or flat in seen or flat.startswith(("©", "Photo", "Image", "Getty")):
            continue
        seen.add(flat)
        for s, e in _spans(para):
            piece = para[s:e].strip()
            if len(piece.split()) < 4 or (not re.search(r"[.!?\"”]$", piece) and len(piece.split()) < 12):
                continue
            begin = offset + s + (len(para[s:e]) - len(para[s:e].lstrip()))
            out.append(Sentence(re.sub(r"\s+", " ", piece), begin, text.count("\n", 0, begin) + 1))
    return out


def _spans(para: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _END.finditer(para):
        word = re.findall(r"(\w+)\W*$", para[start : m.start() + 1])
        last = word[-1].lower() if word else ""
        before = para[max(0, m.start() - 3) : m.start() + 1]
        if last in _ABBREVIATIONS or re.fullmatch(
            r".?\b[A-Z]\.", before[-2:] if len(before) >= 2 else before
        ):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(para)))
    return spans


def clean_span(sentence: str) -> str:
    """The longest stretch of a sentence free of web-page debris, to quote word for word."""
    parts = _GLUED.split(sentence)
    best = max((p.strip(" ,;") for p in parts), key=len, default=sentence)
    return best if len(best.split()) >= 5 else sentence


def quotes(article: Article, people: list[str]) -> list[Quote]:
    """Quoted passages with their speakers ('"...," he said' takes the last person named before)."""
    out = []
    for s in article.sentences:
        for m in _QUOTED.finditer(s.text):
            q = m.group("q").strip().rstrip(",")
            after, before = s.text[m.end() :], s.text[: m.start()]
            speaker = None
            if (hit := _AFTER.match(after)) is not None:
                speaker = hit.group("name") or _last_person(article.text[: s.start + m.start()], people)
            elif (
                (hit := _AFTER_VERB.match(after)) is not None
                or (hit := _AFTER_NEAR.match(after)) is not None
                or (hit := _BEFORE.search(before)) is not None
            ):
                speaker = hit.group("name")
            else:  # a whole sentence in quotes, attributed in the next one: "...," he said in a statement.
                nxt = _next(article, s)
                if nxt is not None and (hit := _AFTER.match(nxt.text)) is not None:
                    speaker = hit.group("name") or _last_person(article.text[: s.start], people)
            if speaker is None:
                idx = article.sentences.index(s)
                nxt = article.sentences[idx + 1] if idx + 1 < len(article.sentences) else None
                if nxt is not None and re.search(rf"\b(?:he|she) {_SAYING}\b", nxt.text[:60]):
                    speaker = _last_person(article.text[: s.start], people)
            out.append(Quote(q, _full_name(speaker, people) if speaker else None, s))
    return out


def _next(article: Article, s: Sentence) -> Sentence | None:
    idx = article.sentences.index(s)
    return article.sentences[idx + 1] if idx + 1 < len(article.sentences) else None


def _last_person(before: str, people: list[str]) -> str | None:
    best, where = None, -1
    for p in people:
        for name in (p, p.split()[-1]):
            for m in re.finditer(rf"\b{re.escape(name)}\b", before):
                if m.start() > where:
                    best, where = p, m.start()
    return best


def _full_name(name: str, people: list[str]) -> str:
    for p in people:
        if name == p or name == p.split()[-1]:
            return p
    return name
