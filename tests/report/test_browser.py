"""The report and the briefs in a real headless Chromium: laid out, printed to PDF, and looked at.

Each test saves its screenshots and PDF pages (PNG) under ``PARLEY_SHOTS`` when that is set, so a
person can look at them; the assertions check what a reader relies on: nothing fetched, no
script run, hostile text shown as text, nothing wider than the screen, one printed page per brief.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.cli import main
from tests.report import browser, hostile

pytestmark = pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")

SIZES = {"1280x720": (1280, 720), "1920x1080": (1920, 1080), "phone": (390, 844)}


@pytest.fixture(scope="module")
def chromium():
    b = browser.Browser()
    yield b
    b.close()


@pytest.fixture
def shots(tmp_path):
    """Where screenshots go: PARLEY_SHOTS (kept) or the test's temporary folder."""
    folder = Path(os.environ.get("PARLEY_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _make(*argv) -> None:
    assert main([str(a) for a in argv]) == 0


def _check_page(chromium: browser.Browser, page: Path, shots: Path, name: str) -> None:
    """Open a page at every size, with larger text too: no request but the page, nothing too wide."""
    for size, (w, h) in SIZES.items():
        for zoom in (100, 150):
            chromium.size(w, h)
            chromium.text_zoom(zoom)
            chromium.open(page)
            assert chromium.requests() == [page.resolve().as_uri()], (size, zoom)
            wide = chromium.driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert wide <= 1, f"{name} at {size}, text {zoom} %: {wide} px wider than the window"
            chromium.screenshot(shots / f"{name}-{size}-text{zoom}.png", full=False)
    chromium.text_zoom(100)
    chromium.size(1280, 720)


def test_report_of_one_game_opens_prints_and_fetches_nothing(chromium, saved, tmp_path, shots):
    page = tmp_path / "report.html"
    _make("report", saved["syria_a"], "-o", page)
    _check_page(chromium, page, shots, "report")
    chromium.open(page)
    assert chromium.count("svg.chart") == 7 and chromium.count("svg.bars") == 1
    assert chromium.count("script") == 0 and not chromium.console()
    text = chromium.text()
    for heading in ("Why this ending", "The Nash deal beside what was reached", "Every actor, revealed",
                    "Indicators over the turns", "Timeline", "What actually happened", "Questions for discussion"):
        assert heading in text
    pdf = chromium.pdf(shots / "report.pdf")
    assert browser.pdf_pages(pdf) >= 4
    pngs = browser.pdf_to_png(pdf, shots / "report-page")
    assert not shutil.which("pdftoppm") or (len(pngs) == browser.pdf_pages(pdf) and all(
        p.stat().st_size > 5_000 for p in pngs[:3]))


def test_report_comparing_games_draws_one_line_per_game(chromium, saved, tmp_path, shots):
    page = tmp_path / "compare.html"
    _make("report", saved["syria_a"], saved["syria_b"], saved["syria_part"], "-o", page)
    chromium.open(page)
    assert chromium.requests() == [page.resolve().as_uri()]
    lines = chromium.driver.execute_script(
        "return [...document.querySelectorAll('#compare svg.chart')].map(s => s.querySelectorAll('polyline').length)")
    assert lines == [3] * 7
    assert "The games side by side" in chromium.text()
    chromium.screenshot(shots / "compare-1280x720.png", full=False)
    chromium.pdf(shots / "compare.pdf")


def test_briefs_print_one_page_per_actor(chromium, tmp_path, shots):
    for name in ("syria_2017_07", "tutorial_river"):
        folder = tmp_path / name
        _make("briefs", name, "-o", folder)
        for page in sorted(folder.glob("brief-*.html")):
            chromium.open(page)
            assert chromium.requests() == [page.resolve().as_uri()]
            assert "CONFIDENTIAL" in chromium.text()
            for paper in ("A4", "Letter"):
                pdf = chromium.pdf(shots / f"{name}-{page.stem}-{paper}.pdf", paper)
                assert browser.pdf_pages(pdf) == 1, f"{page.name} of {name} does not fit one {paper} page"
        chromium.open(folder / "all.html")
        pdf = chromium.pdf(shots / f"{name}-all.pdf")
        assert browser.pdf_pages(pdf) >= len(list(folder.glob("brief-*.html"))) + 1
        browser.pdf_to_png(pdf, shots / f"{name}-all-page")
    _check_page(chromium, tmp_path / "syria_2017_07" / "background.html", shots, "background")
    _check_page(chromium, tmp_path / "syria_2017_07" / "brief-us.html", shots, "brief-us")


def test_hostile_text_is_shown_as_text_and_runs_nothing(chromium, tmp_path, shots):
    scenario, save = hostile.write_game(tmp_path)
    report, briefs = tmp_path / "report.html", tmp_path / "briefs"
    _make("report", save, "-o", report)
    _make("briefs", scenario, "-o", briefs)
    for page in (report, briefs / "all.html", briefs / "background.html"):
        _check_page(chromium, page, shots, f"hostile-{page.stem}")
        chromium.open(page)
        for tag in ("script", "img", "iframe", "link", "a[href^=javascript]", "body style", "svg[onload]"):
            assert chromium.count(tag) == 0, (page.name, tag)
        text = chromium.text()
        expected = hostile.PUBLIC + (hostile.PRIVATE if page.name != "background.html" else []) + (
            hostile.DEBRIEF if page == report else hostile.BRIEFS)
        for literal in expected:
            assert literal in text, (page.name, literal)
        if page.name == "background.html":
            assert not any(secret in text for secret in hostile.PRIVATE)
        assert "\u202e" not in text  # text-direction controls are dropped
        assert not chromium.console()
    chromium.open(report)
    assert hostile.REASON.replace("\u202e", "").replace("\u202c", "")[:60] in chromium.text()
