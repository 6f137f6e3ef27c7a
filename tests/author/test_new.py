"""new: a starter and drafts from articles that validate, lint clean and play to the end."""

from __future__ import annotations

import builtins
import re
from pathlib import Path

import pytest

from game.ai import make_agent
from game.ai.play import play_game
from game.author.lint import lint
from game.cli import main
from game.scenario.loader import load_scenario, load_scenario_document

ROOT = Path(__file__).resolve().parents[2]
SYRIA_ARTICLE = ROOT / "docs" / "examples" / "the_hill_2017_07_05.txt"
ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))


def plays_to_the_end(path: Path) -> str:
    sc = load_scenario(path)
    state = play_game(sc, 3, {a: make_agent("ours") for a in sc.actor_ids})
    assert state.phase == "over" and state.ending is not None
    return state.ending


def no_lint_errors(path: Path) -> list[str]:
    sc, _ = load_scenario_document(path)
    found = lint(sc)
    assert [f.message for f in found if f.level == "error"] == []
    return [f.message for f in found]


def test_starter_validates_plays_and_says_what_to_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without an article, new writes a commented starter that validates, lints clean and plays."""
    out = tmp_path / "mine.yaml"
    assert main(["new", str(out), "--title", "The bay dispute", "--date", "2025-05-01"]) == 0
    assert "wrote a starter scenario" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json\n")
    assert 'title: "The bay dispute"' in text
    for section in ("sources:", "calendar:", "indicators:", "actors:", "joint_moves:", "unilateral_moves:",
                    "events:", "endings:", "debrief:"):
        above = text.split("\n" + section)[0].rstrip().rsplit("\n", 1)[-1]
        assert above.startswith("#"), f"no comment above {section}"
    assert no_lint_errors(out) == []
    plays_to_the_end(out)


def test_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("mine, do not touch\n", encoding="utf-8")
    assert main(["new", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine, do not touch\n"
    assert main(["new", str(out), "--force"]) == 0
    load_scenario(out)


def test_draft_of_the_syria_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The draft from the shipped article validates, names the five states and plays to the end."""
    out = tmp_path / "syria.yaml"
    assert main(["new", str(out), "--from-article", str(SYRIA_ARTICLE), "--date", "2017-07-05",
                 "--outlet", "The Hill"]) == 0
    sc = load_scenario(out)
    names = [a.name for a in sc.actors]
    for want in ("United States", "Russia", "Iran", "Turkey"):
        assert want in names
    assert any("Syria" in n and "government" in n for n in names)
    moves = " ".join(m.name.lower() for m in sc.joint_moves)
    assert "no-fly" in moves and "humanitarian" in moves
    text = out.read_text(encoding="utf-8")
    # relative dates resolved against the article's date; the G20 meeting "on Friday" is 7 July, ahead
    assert "'on Friday' = 2017-07-07 (ahead" in text and "'on Wednesday' = 2017-07-05" in text
    assert "'in April' = April 2017" in text
    assert any(e.turn == 1 and "meet on Friday" in e.headline for e in sc.events)
    # quotes and their speakers; web-page debris ('TillersonRex Wayne ... MORE') removed
    assert "Rex Tillerson: \u201cThe United States is prepared" in text
    assert "MORE" not in text and "TillersonRex" not in text
    assert text.count("TODO: check") >= 30
    # every stance and move cites a real sentence of the article (the loader checks the quotes)
    article = re.sub(r"\s+", " ", SYRIA_ARTICLE.read_text(encoding="utf-8"))
    # the two hover cards pasted from the web page, 'TillersonRex Wayne Tillerson... MORE', and Trump's
    article = re.sub(r"(Tillerson|Trump)(Rex Wayne|Donald John) .*? MORE ", r"\1 ", article)
    for a in sc.actors:
        for st in a.stances.values():
            assert st.quote is not None and st.quote.text in article
    no_lint_errors(out)
    plays_to_the_end(out)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_draft_of_test_articles(tmp_path: Path, article: Path) -> None:
    """Drafts of articles written for the tests validate, lint without errors and play to the end."""
    out = tmp_path / f"{article.stem}.yaml"
    assert main(["new", str(out), "--from-article", str(article)]) == 0
    no_lint_errors(out)
    plays_to_the_end(out)


def test_what_the_test_articles_name(tmp_path: Path) -> None:
    expect = {
        "trade_dispute": (["China", "Germany", "European Union"], ["Valdis Dombrovskis: \u201cWe want fair",
                                                                    "'last week' = the week of 2024-03-04",
                                                                    "'on Friday' = 2024-03-15 (ahead"]),
        "nile_dam": (["Ethiopia", "Egypt", "Sudan", "African Union"], ["Sameh Shoukry: \u201cWater is"]),
        "hard_wrapped": (["India", "Pakistan"], []),
        "school_board": (["Town council"], ["Maria Lopez: \u201cWe cannot balance"]),
    }
    for stem, (actors, lines) in expect.items():
        out = tmp_path / f"{stem}.yaml"
        assert main(["new", str(out), "--from-article", str(Path(__file__).parent / "articles" / f"{stem}.txt")]) == 0
        names = [a.name for a in load_scenario(out).actors]
        assert set(actors) <= set(names), (stem, names)
        text = out.read_text(encoding="utf-8")
        for line in lines:
            assert line in text, (stem, line)
    assert 'start: "2024-03-12"' in (tmp_path / "trade_dispute.yaml").read_text(encoding="utf-8")  # the dateline


@pytest.mark.parametrize(("content", "words"), [
    (b"", "no sentences"),
    (b"   \n\n  \n", "no sentences"),
    (bytes(range(256)) * 4, "not a plain-text file"),
    ("Une crise \u00e9clate.".encode("utf-16"), "not a plain-text file"),
    (b"Caf\xe9 talks fail in the capital today again.", "not UTF-8"),
])
def test_empty_or_binary_article(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
                                 words: str) -> None:
    """An article that is not text gets one line saying what to do, and no file is written."""
    art = tmp_path / "article.txt"
    art.write_bytes(content)
    out = tmp_path / "draft.yaml"
    assert main(["new", str(out), "--from-article", str(art)]) == 1
    err = capsys.readouterr().err.strip()
    assert words in err and err.count("\n") == 0 and "Traceback" not in err
    assert not out.exists()


def test_missing_article_and_bad_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "a.yaml"), "--from-article", str(tmp_path / "nope.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "a.yaml"), "--date", "5 July"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_without_the_author_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without dateparser and countryinfo the draft still validates, resolves the common dates
    itself, and says how to get states recognised."""
    from game.author import entities

    real = builtins.__import__

    def no_extra(name, *args, **kwargs):
        if name.split(".")[0] in ("dateparser", "countryinfo"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_extra)
    entities._countries.cache_clear()
    try:
        out = tmp_path / "syria.yaml"
        assert main(["new", str(out), "--from-article", str(SYRIA_ARTICLE), "--date", "2017-07-05"]) == 0
        text = out.read_text(encoding="utf-8")
        assert "install the author extra" in text
        assert "'on Friday' = 2017-07-07" in text and "'in April' = April 2017" in text
        load_scenario(out)
    finally:
        monkeypatch.undo()
        entities._countries.cache_clear()


def test_an_article_too_large_or_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"The talks went on. " * 60_000)
    assert main(["new", str(tmp_path / "a.yaml"), "--from-article", str(big)]) == 1
    assert "larger than 1000 kB" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "a.yaml"), "--from-article", str(tmp_path)]) == 1
    assert "folder" in capsys.readouterr().err


def test_a_long_article_keeps_only_the_quoted_passages(tmp_path: Path) -> None:
    """An article longer than one scenario value keeps the passages it quotes, so it still validates."""
    paras = [SYRIA_ARTICLE.read_text(encoding="utf-8")]
    paras += [f"Paragraph {i}: officials in the region met again on day {i} of the long talks, and "
              f"discussed the many small matters that remain open between the parties, number {i}." for i in range(200)]
    art = tmp_path / "long.txt"
    art.write_text("\n\n".join(paras), encoding="utf-8")
    assert len(art.read_text(encoding="utf-8")) > 20_000
    out = tmp_path / "long.yaml"
    assert main(["new", str(out), "--from-article", str(art), "--date", "2017-07-05"]) == 0
    assert "\n      [...]\n" in out.read_text(encoding="utf-8")
    no_lint_errors(out)
